"""Metric identity, series, conflicts and target status: tables on hand-made claims, then the CLI on the seeds."""

import itertools
import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from tracker import dates
from tracker.compare import series, verdicts
from tracker.output import render
from tracker.cli import app
from tracker.models import StoredClaim, clause
from tracker.compare.series import evolve, metric_key, same_metric, similarity, target_status

from .conftest import SEEDS

_ids = itertools.count(1)


def claim(metric, value, unit="%", *, kind="figure", subject="河北", as_of=None, article=1,
          published="2025-03", qualifier="=", value_high=None, deadline=None, strength=None, sentence=None,
          change=False):
    """A claim as the store returns it, with only what series reads."""
    return StoredClaim(id=next(_ids), kind=kind, change=change, metric=metric, value=value, value_high=value_high,
                       unit=unit, qualifier=qualifier, subject=subject, as_of=as_of, article=article,
                       published=published, deadline=deadline, strength=strength,
                       sentence=sentence or f"{metric}{value}{unit}。", surface=f"{value}{unit}")


# ------------------------------------------------------------ metric keys

@pytest.mark.parametrize("metric, subject, key", [
    ("吸纳京津技术合同成交额", "保定", "吸纳京津技术合同成交额"),
    ("全市吸纳京津技术合同成交额达到", "保定", "吸纳京津技术合同成交额"),
    ("河北省吸纳京津技术合同成交额同比增长", "河北", "吸纳京津技术合同成交额增长"),
    ("承接央企子公司总数", None, "央企子公司"),
    ("河北引进央企二、三级子公司", "河北", "央企二三级子公司"),
    ("京津冀地区共拥有7个国家级先进制造业集群", "京津冀", "国家级先进制造业集群"),
    ("國家級先進製造業集群", None, "国家级先进制造业集群"),
    ("2024年地区生产总值比上年增长", None, "地区生产总值增长"),
    ("今年地区生产总值增长", None, "地区生产总值增长"),
    ("“十四五”期间我们累计承接京津疏解项目", "保定", "京津疏解项目"),
    ("出租车占比不低于", "河北", "出租车占比"),
    (None, None, ""),
])
def test_metric_key(metric, subject, key):
    assert metric_key(metric, subject) == key


# The seeds' cross-source pairs, as written, and pairs that must stay apart.
@pytest.mark.parametrize("a, b, same", [
    ("全市吸纳京津技术合同成交额达到", "河北省吸纳京津技术合同成交额同比增长", True),   # 000 / 001
    ("承接央企子公司总数", "河北引进央企二、三级子公司", True),                       # 000 / 001
    ("两个先进制造业集群入选国家级先进制造业集群", "共拥有7个国家级先进制造业集群", True),  # 000 / 001
    ("国家级先进制造业集群", "国家先进制造业集群", True),                            # 001 / 004
    ("地区生产总值增长", "全省地区生产总值同比增长", True),
    ("吸纳京津技术合同成交额", "转化京津技术成果", False),
    ("承接京津疏解项目", "承接央企子公司", False),
    ("优良天数", "研发经费投入年均增长", False),
    ("增长", "地区生产总值增长", False),
])
def test_same_metric_on_seed_pairs(a, b, same):
    assert same_metric(metric_key(a), metric_key(b)) is same


def test_similarity_threshold_sits_between_the_pairs():
    joined = similarity(metric_key("承接央企子公司总数"), metric_key("引进央企二、三级子公司"))
    apart = similarity(metric_key("吸纳京津技术合同成交额"), metric_key("转化京津技术成果"))
    assert apart < series.SAME_METRIC <= joined
    assert similarity("", "") == 0.0


def test_filler_table_loads_with_known_places():
    anywhere, edge = series._filler()
    assert "累计" in anywhere and "的" in anywhere and "总" in edge


# ------------------------------------------------------------------ evolve

def test_evolve_groups_across_sources_and_marks_kinds():
    claims = [
        claim("吸纳京津技术合同成交额", 1.0389e10, "元", subject="保定", as_of="2025", article=1,
              published="2026-02"),
        claim("全市吸纳京津技术合同成交额达到", 8.0e9, "元", subject="保定", as_of="2024", article=2,
              published="2025-01"),
        claim("吸纳京津技术合同成交额", 1.2e10, "元", kind="target", subject="保定", deadline="2026",
              article=1, published="2026-02", qualifier=">="),
        claim("河北省吸纳京津技术合同成交额同比增长", 34.8, "%", subject="河北", as_of="2024", article=3,
              published="2025-02"),
        claim("转化京津技术成果", 319, "项", subject="保定", article=1, published="2026-02",
              sentence="全市转化京津技术成果319项,吸纳京津技术合同成交额达到103.89亿元。"),
        claim("优良天数", 267, "天"),
    ]
    result = evolve(claims, "技術合同")  # traditional query
    by_unit = {(s.subject, s.unit): s for s in result.series}
    # 转化京津技术成果319项 shares the sentence but not the clause: left out
    assert set(by_unit) == {("保定", "元"), ("河北", "%")}
    yuan = by_unit[("保定", "元")]
    assert yuan.metric == "吸纳京津技术合同成交额"
    assert [(p.as_of or p.published, p.kind, p.article) for p in yuan.points] == [
        ("2024", "figure", 2), ("2025", "figure", 1), ("2026-02", "target", 1)]
    assert yuan.articles == (1, 2)
    assert result.conflicts == ()


@pytest.mark.parametrize("sentence, surface, told", [
    ("全市转化京津技术成果319项,吸纳京津技术合同成交额达到103.89亿元。", "319项", "全市转化京津技术成果319项"),
    ("全市转化京津技术成果319项,吸纳京津技术合同成交额达到103.89亿元。", "103.89亿元",
     "吸纳京津技术合同成交额达到103.89亿元"),
    ("到2027年，港口比例将达到86%以上。", "86%以上", "港口比例将达到86%以上"),
    ("没有数字的句子。", "5个", "没有数字的句子。"),
])
def test_clause_holds_the_number(sentence, surface, told):
    assert clause(sentence, surface) == told


def test_matches_metric_or_clause_in_either_script():
    contract = replace(claim("成交额", 1.0, "元", sentence="吸納京津技術合同成交額達到1元。"), surface="1元")
    assert series.matches(contract, "技术合同") and series.matches(contract, "技術合同")
    assert series.matches(claim("吸纳京津技术合同成交额", 2.0), "技术合同")
    assert not series.matches(contract, "  ")


def test_points_order_by_as_of_then_published_then_article():
    claims = [claim("地区生产总值增长", 5.0, as_of="2024", article=3),
              claim("地区生产总值增长", 5.0, as_of=None, article=1, published="2023-06"),
              claim("地区生产总值增长", 5.0, as_of="2024", article=2)]
    (one,) = evolve(claims, "生产总值").series
    assert [p.article for p in one.points] == [1, 2, 3]


def test_annual_reports_line_up_as_one_series():
    """Three yearly reports: each sets the year's growth target and reports last year's figure."""
    claims = []
    for article, year, actual in ((1, 2023, 5.5), (2, 2024, 5.4), (3, 2025, 5.4)):
        published = f"{year}-01"
        claims.append(claim(f"{year - 1}年地区生产总值增长", actual, as_of=str(year - 1), article=article,
                            published=published, subject="河北"))
        claims.append(claim("今年全省地区生产总值增长", 5.0, kind="target", qualifier="~", deadline=str(year),
                            article=article, published=published, subject="河北", strength="预期"))
    result = evolve(claims, "地区生产总值")
    assert len(result.series) == 1
    (one,) = result.series
    assert one.metric == "地区生产总值增长" and one.unit == "%"
    # ordered by as_of, targets at their deadline: each year's promise, then its result
    assert [(p.when, p.kind) for p in one.points] == [
        ("2022", "figure"), ("2023", "target"), ("2023", "figure"),
        ("2024", "target"), ("2024", "figure"), ("2025", "target")]
    statuses = {s.deadline: s.status for s in target_status(
        [c for c in claims if c.kind == "target"], [c for c in claims if c.kind == "figure"], "2025-01")}
    assert statuses == {"2023": "met", "2024": "met", "2025": "not yet due"}


def test_a_growth_target_is_judged_only_by_its_own_year():
    claims = [
        claim("今年全省地区生产总值增长", 6.0, kind="target", qualifier="=", deadline="2023", article=1,
              published="2023-01", subject="河北", change=True),
        claim("2023年地区生产总值增长", 5.5, as_of="2023", article=2, published="2024-01", subject="河北",
              change=True),
        claim("2024年地区生产总值增长", 6.1, as_of="2024", article=3, published="2025-01", subject="河北",
              change=True),
    ]
    (status,) = target_status([claims[0]], claims[1:], "2025-01")
    # 5.5 against a plain 6%: short by 0.5 points, nearly met; 2024's 6.1 never judges it.
    assert status.verdict == "nearly met" and status.outcome.as_of == "2023"
    assert [p.as_of for p in status.later] == ["2023"]


def test_repeated_furniture_sentence_counts_once():
    twice = [claim("高考", 575, "分", article=4), claim("高考", 575, "分", article=4)]
    twice[1] = replace(twice[1], sentence=twice[0].sentence)
    (one,) = evolve(twice, "高考").series
    assert len(one.points) == 1


# --------------------------------------------------------------- conflicts

@pytest.mark.parametrize("second, flagged", [
    (3.3e10, True),     # two sources, same as_of, different values
    (3.2e10, False),    # same value
    (3.21e10, False),   # within 0.5%
])
def test_conflicts(second, flagged):
    claims = [claim("区域经济总量", 3.2e10, "元", as_of="2024", article=1, published="2025-01"),
              claim("经济总量达到", second, "元", as_of="2024", article=2, published="2025-03")]
    result = evolve(claims, "经济总量")
    assert len(result.series) == 1
    assert bool(result.conflicts) is flagged
    if flagged:
        (conflict,) = result.conflicts
        assert conflict.as_of == "2024"
        assert {p.article for p in conflict.points} == {1, 2}


def test_no_conflict_within_one_article_or_across_dates():
    claims = [claim("经济总量", 1.0, "元", as_of="2024", article=1),
              claim("经济总量", 2.0, "元", as_of="2024", article=1, sentence="另一句。"),
              claim("经济总量", 3.0, "元", as_of="2023", article=2)]
    assert evolve(claims, "经济总量").conflicts == ()


# ----------------------------------------------------------------- targets

def _targets(*figures, deadline="2025", value=86.0, qualifier=">=", newest="2026-03"):
    target = claim("港口大宗货物绿色集疏港比例", value, kind="target", deadline=deadline,
                   qualifier=qualifier, article=1, published="2024-05")
    return target_status([target], list(figures), newest)[0]


@pytest.mark.parametrize("figures, deadline, newest, status", [
    ([dict(value=88.0, as_of="2025", article=2, published="2026-01")], "2025", "2026-03", "exceeded"),
    ([dict(value=86.5, as_of="2025", article=2, published="2026-01")], "2025", "2026-03", "met"),
    # a figure of another year never judges a target, however far it goes
    ([dict(value=90.0, as_of="2026", article=2, published="2027-01")], "2025", "2027-01",
     "due, no outcome reported"),
    ([dict(value=80.0, as_of="2025", article=2, published="2026-01")], "2025", "2026-03", "missed"),
    ([dict(value=85.6, as_of="2025", article=2, published="2026-01")], "2025", "2026-03", "nearly met"),
    ([dict(value=80.0, as_of="2024", article=2, published="2025-01")], "2027", "2025-01", "not yet due"),
    ([dict(value=80.0, as_of="2024", article=2, published="2025-01")], "2025", "2026-03",
     "due, no outcome reported"),
    ([], None, "2026-03", "not yet due"),
    ([], "2027", None, "due, no outcome reported"),
    # the same article, or one published before the period began, is not an outcome
    ([dict(value=90.0, as_of="2025", article=1, published="2024-05")], "2025", "2026-03",
     "due, no outcome reported"),
    ([dict(value=90.0, as_of="2025", article=3, published="2024-12")], "2025", "2026-03",
     "due, no outcome reported"),
    # a target is never an outcome
    ([dict(value=90.0, as_of="2025", article=2, published="2026-01", kind="target")], "2025", "2026-03",
     "due, no outcome reported"),
])
def test_target_status(figures, deadline, newest, status):
    made = [claim("港口大宗货物绿色集疏港比例", **f) for f in figures]
    assert _targets(*made, deadline=deadline, newest=newest).verdict == status


# target, outcome, qualifier, polarity → verdict (data/verdict_tolerances.tsv: 左右 ±0.5 points on a
# percentage, ±5% otherwise; nearly met within a further 0.5 points or 5%)
@pytest.mark.parametrize("goal, high, qualifier, how, got, unit, verdict", [
    (7.5, None, "~", "floor", 7.4, "%", "met"),            # within the 左右 tolerance
    (7.5, None, "~", "floor", 7.0, "%", "met"),            # at its edge
    (7.5, None, "~", "floor", 6.7, "%", "nearly met"),
    (7.5, None, "~", "floor", 6.4, "%", "missed"),
    (8.0, None, "~", "floor", 9.5, "%", "exceeded"),
    (7.5, None, "=", "floor", 7.8, "%", "met"),
    (7.5, None, "=", "floor", 7.3, "%", "nearly met"),
    (9e6, None, ">=", "floor", 9e6, "人", "met"),
    (9e6, None, ">=", "floor", 11.13e6, "人", "exceeded"),
    (9e6, None, ">=", "floor", 8.8e6, "人", "nearly met"),
    (9e6, None, ">=", "floor", 8e6, "人", "missed"),
    (86, None, ">", "floor", 86, "%", "nearly met"),
    (3.0, None, "<=", "ceiling", 4.8, "%", "missed"),       # 2007: 3%以内, 4.8%
    (3.0, None, "<=", "ceiling", 3.3, "%", "nearly met"),
    (3.0, None, "<=", "ceiling", 1.5, "%", "met"),
    (4.0, None, "~", "ceiling", 2.6, "%", "met"),           # lower prices meet a price ceiling
    (3.0, None, "~", "ceiling", 3.3, "%", "met"),
    (3.0, None, "~", "ceiling", 3.8, "%", "nearly met"),
    (4.0, None, "=", "ceiling", 1.8, "%", "met"),
    (30, None, "<", "ceiling", 30, "%", "nearly met"),
    (6.0, 6.5, "=", "floor", 6.2, "%", "met"),              # a range
    (6.0, 6.5, "=", "floor", 7.1, "%", "exceeded"),
    (3.0, None, "~", "plan", 2.8, "%", "met"),
    (3.0, None, "~", "plan", 3.8, "%", "exceeded"),
    (1.2e12, None, "=", "plan", 1.2e12, "元", "met"),
    (1.2e12, None, "=", "plan", 1.0e12, "元", "missed"),
])
def test_verdicts(goal, high, qualifier, how, got, unit, verdict):
    found, rule = verdicts.judge(goal, high, qualifier, how, got, unit)
    assert found == verdict, rule
    assert rule.startswith("outcome ")


def test_the_rule_is_written_out():
    verdict, rule = verdicts.judge(7.5, None, "~", "floor", 7.4, "%")
    assert (verdict, rule) == ("met", "outcome 7.4 % vs ≈7.5 %: within the 左右 tolerance (±0.5 points)")


@pytest.mark.parametrize("qualifier, metric, polarity", [
    ("~", "居民消费价格涨幅", "ceiling"), ("=", "城镇新增就业", "floor"), ("~", "赤字率", "plan"),
    ("<=", "不知道的指标", "ceiling"), ("~", "不知道的指标", "floor"), (">=", "居民消费价格涨幅", "floor"),
])
def test_polarity_from_the_table_and_the_qualifier(qualifier, metric, polarity):
    assert verdicts.polarity(metric, qualifier) == polarity


def test_targets_soonest_deadline_first_and_outcomes_by_subject_and_unit():
    targets = [claim("岸电覆盖率", 85.0, kind="target", deadline="2027", article=1, published="2024-05"),
               claim("创建", 5.0, "个", kind="target", deadline=None, article=1, published="2024-05"),
               claim("岸电覆盖率", 60.0, kind="target", deadline="2025", article=1, published="2024-05")]
    figures = [claim("岸电覆盖率", 70.0, as_of="2025", article=2, published="2026-01"),
               claim("岸电覆盖率", 99.0, subject="天津", as_of="2025", article=2, published="2026-01"),
               claim("岸电覆盖率", 7.0e5, "元", as_of="2025", article=2, published="2026-01")]
    result = target_status(targets, figures, "2026-01")
    assert [s.deadline for s in result] == ["2025", "2027", None]
    assert [s.verdict for s in result] == ["exceeded", "not yet due", "not yet due"]
    assert [p.value for p in result[0].later] == [70.0]


def test_newest_prefers_the_latest_possible_day():
    assert str(dates.newest(["2025", "2025-06-30", None, "2024-12-31"])) == "2025"
    assert dates.newest([None]) is None


# ------------------------------------------------------------------- JSON

POINT_KEYS = {"as_of", "value", "value_high", "qualifier", "kind", "article", "published", "sentence"}


def test_json_shapes():
    claims = [claim("经济总量", 1.0e10, "元", as_of="2024", article=1),
              claim("经济总量", 2.0e10, "元", as_of="2024", article=2)]
    data = json.loads(json.dumps(evolve(claims, "经济").to_dict(), ensure_ascii=False))
    assert set(data) == {"series", "conflicts"}
    assert set(data["series"][0]) == {"subject", "metric", "unit", "points"}
    assert set(data["series"][0]["points"][0]) == POINT_KEYS
    assert set(data["conflicts"][0]) >= {"subject", "metric", "unit", "as_of", "points"}
    assert [set(p) for p in data["conflicts"][0]["points"]] == [POINT_KEYS, POINT_KEYS]
    status = target_status([claim("经济总量", 3e10, "元", kind="target", deadline="2027")], claims, "2025")
    row = json.loads(json.dumps(status[0].to_dict(), ensure_ascii=False))
    assert set(row) == {"subject", "metric", "metric_key", "value", "value_high", "unit", "qualifier", "polarity",
                        "deadline", "strength", "article", "published", "sentence", "later", "verdict",
                        "verdict_rule", "official_verdict", "official_sentence", "outcome", "conflicts"}
    assert row["verdict"] == "not_yet_due" and row["outcome"] is None and row["official_verdict"] is None


# ------------------------------------------------------------------- chart

def test_chart_bars_start_at_zero_and_label_values():
    claims = [claim("地区生产总值增长", v, as_of=str(y)) for y, v in ((2022, 5.0), (2023, 5.5), (2024, 5.4))]
    (one,) = evolve(claims, "生产总值").series
    rows = render.chart(one, width=8)
    assert [r[0] for r in rows] == ["2022", "2023", "2024"]
    assert [r[2] for r in rows] == ["5 %", "5.5 %", "5.4 %"]
    assert rows[1][1] == "█" * 8
    # From zero, 5 beside 5.5 is nearly as long, not an eighth of a block.
    assert len(rows[0][1]) >= 7 and rows[0][1] != rows[1][1]
    assert render.sparkline(one) == "▁█▇"


def test_chart_shows_a_level_three_quarters_of_the_largest_as_three_quarters():
    claims = [claim("经济总量", v, "元", as_of=str(y)) for y, v in ((2020, 3748.6e8), (2025, 5002.5e8))]
    (one,) = evolve(claims, "经济总量").series
    small, large = (r[1] for r in render.chart(one, width=16))
    assert large == "█" * 16
    assert small == "█" * 12  # 3748.6 / 5002.5 of 16 blocks is 11.99


# ------------------------------------------------------------------- CLI

runner = CliRunner()


def run(*args, db):
    return runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "80"})


def _article(path, published, text, claims):
    from tracker.read.articles import content_hash
    from tracker.models import Article, Claim, Dating, Layout, Sentence

    made = tuple(Claim(sentence=0, start=text.index(surface), end=text.index(surface) + len(surface),
                       surface=surface, **fields) for surface, fields in claims)
    return Article(path=path, sha256=content_hash(text), text=text, simplified=text, script="zh-Hans",
                   encoding="utf-8", format="text", layout=Layout(None, 0, len(text)),
                   dating=Dating(published, "month", "given", "test"),
                   sentences=(Sentence(0, 0, len(text), text),), claims=made)


@pytest.fixture
def conflicting(tmp_path):
    """Two reports disagreeing on 2024's figure, and a target due in 2025 met by a later one."""
    pytest.importorskip("tracker.read.articles", reason="tracker/articles.py cannot import yet")
    from tracker.pipeline import refresh
    from tracker.store import Store

    db = tmp_path / "c.db"
    store = Store(db)
    level = dict(unit="%", qualifier="=", subject="河北", metric="港口绿色集疏港比例")
    store.add_article(_article("a.txt", "2024-03", "到2025年，港口绿色集疏港比例达到80%以上。",
                               [("80%以上", dict(kind="target", value=80.0, unit="%", qualifier=">=",
                                                subject="河北", metric="港口绿色集疏港比例",
                                                deadline="2025", strength="到"))]), "test")
    store.add_article(_article("b.txt", "2025-02", "2024年港口绿色集疏港比例为70%。",
                               [("70%", dict(kind="figure", value=70.0, as_of="2024", **level))]), "test")
    store.add_article(_article("c.txt", "2025-03", "2024年全省港口绿色集疏港比例达到75%。",
                               [("75%", dict(kind="figure", value=75.0, as_of="2024", **level))]), "test")
    store.add_article(_article("d.txt", "2026-02", "2025年港口绿色集疏港比例达到82%。",
                               [("82%", dict(kind="figure", value=82.0, as_of="2025", **level))]), "test")
    refresh(store)
    store.close()
    return db


def test_evolve_cli_highlights_conflicts(conflicting):
    result = run("evolve", "集疏港", db=conflicting)
    assert result.exit_code == 0, result.output
    assert "1 series" in result.output
    assert result.output.count("conflict") == 3  # two marked points and the summary line
    assert "70 % (#2, 2025-02) vs 75 % (#3, 2025-03)" in result.output
    data = json.loads(run("evolve", "集疏港", "--format", "json", db=conflicting).output)
    points = data["series"][0]["points"]
    assert [(p["as_of"] or p["published"], p["kind"]) for p in points] == [
        ("2024", "figure"), ("2024", "figure"), ("2024-03", "target"), ("2025", "figure")]
    assert [p["article"] for p in data["conflicts"][0]["points"]] == [2, 3]
    rows = run("evolve", "集疏港", "--format", "csv", db=conflicting).output.splitlines()
    assert [r.endswith("True") for r in rows[1:]] == [True, True, False, False]


def test_targets_cli_judged_by_the_outcome_of_its_year(conflicting):
    (row,) = json.loads(run("targets", "--format", "json", db=conflicting).output)
    assert row["verdict"] == "exceeded" and row["deadline"] == "2025"  # 2 points over ≥80%
    # only 2025's figure judges a 2025 target: 2024's 70% and 75% are another year
    assert [p["value"] for p in row["later"]] == [82.0]
    assert {k: row["outcome"][k] for k in ("value", "unit", "as_of", "published")} == {
        "value": 82.0, "unit": "%", "as_of": "2025", "published": "2026-02"}
    assert row["outcome"]["sentence"] == "2025年港口绿色集疏港比例达到82%。" and row["outcome"]["article"]
    assert row["verdict_rule"].startswith("outcome 82 % vs ≥80 %")
    table = run("targets", db=conflicting).output
    assert "exceeded" in table and "≥80 %" in table and "82 % (2025)" in table


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    pytest.importorskip("tracker.read.layout", reason="tracker/layout.py has not landed yet")
    db = tmp_path_factory.mktemp("series") / "t.db"
    result = run("ingest", str(SEEDS), "--jobs", "1", db=db)
    assert result.exit_code == 0, result.output
    return db


def test_evolve_finds_the_technology_contract_figures_of_two_sources(seeded):
    data = json.loads(run("evolve", "技术合同", "--format", "json", db=seeded).output)
    found = {(s["subject"], s["unit"]): s for s in data["series"] if "技术合同" in s["metric"]}
    articles = {p["article"] for s in found.values() for p in s["points"]}
    assert len(articles) == 2
    values = sorted(p["value"] for s in found.values() for p in s["points"])
    assert values == [34.8, 10389000000.0]
    keys = {series.metric_key(s["metric"]) for s in found.values()}
    assert all(same_metric(a, b) for a in keys for b in keys)


def test_evolve_table_fits_80_columns_and_traditional_query_works(seeded):
    result = run("evolve", "技術合同", db=seeded)
    assert result.exit_code == 0, result.output
    assert "吸纳京津技术合同成交额" in result.output and "103.89亿 元" in result.output
    assert max(series_width(line) for line in result.output.splitlines()) <= 80


def test_evolve_nothing_found_and_csv(seeded):
    assert "no figures or targets match" in run("evolve", "不存在的指标", db=seeded).output
    csv_out = run("evolve", "技术合同", "--format", "csv", db=seeded).output
    assert csv_out.startswith("subject,metric,unit,as_of,value,")


def test_targets_lists_the_2027_targets_of_seed_004(seeded):
    sources = json.loads(run("sources", "--format", "json", db=seeded).output)
    seed_004 = next(s["id"] for s in sources if s["path"].endswith("004_9bcc81098d4e6319.txt"))
    newest = max(s["published"] for s in sources if s["published"])
    rows = json.loads(run("targets", "--format", "json", db=seeded).output)
    due_2027 = [r for r in rows if r["article"] == seed_004 and r["deadline"] == "2027"]
    assert len(due_2027) >= 4
    expected = "not_yet_due" if newest[:4] <= "2027" else "due_no_outcome_reported"
    assert {r["verdict"] for r in due_2027} == {expected}
    deadlines = [r["deadline"] for r in rows]
    dated = [d for d in deadlines if d]
    assert deadlines[:len(dated)] == dated  # undated targets come last
    assert {r["verdict"] for r in rows if r["deadline"] is None} <= {"not_yet_due"}


def test_targets_table_fits_80_columns(seeded):
    result = run("targets", db=seeded)
    assert result.exit_code == 0, result.output
    assert "not yet due" in result.output and "2027" in result.output
    assert max(series_width(line) for line in result.output.splitlines()) <= 80


def test_targets_table_is_drawn_plain_with_the_characters_rich_draws(seeded):
    import io

    from rich.console import Console

    from tracker.commands.targets import _targets_table
    from tracker.output.plain_table import _plain_lines, print_table
    from tracker.store import Store

    store = Store(seeded)
    newest = store.newest_published()
    table = _targets_table(store.target_statuses(newest=newest), newest)
    store.close()
    drawn, by_rich = (Console(file=io.StringIO(), markup=False, width=100) for _ in range(2))
    assert _plain_lines(drawn, table) is not None  # the fast path draws it, not rich
    print_table(drawn, table)
    by_rich.print(table)
    assert drawn.file.getvalue() == by_rich.file.getvalue()


def test_help_has_examples():
    for command in ("evolve", "targets"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0 and "Example" in result.output


def series_width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)
