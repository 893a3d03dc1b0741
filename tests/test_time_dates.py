"""Time, right: documents dated from what they say, with bounds, and the targets table scored.

Every text here is written for the test, in the style of a work report or a broadcast.
"""

import json

import pytest

from tracker import evaluate as scoring
from tracker import evaluate_targets as targets
from tracker import pipeline
from tracker.dates import PartialDate
from tracker.models import Layout, StoredClaim
from tracker.read.dating import date_article
from tracker.read.layout import find_layout


def _date(text: str, title=None):
    return date_article(text, Layout(title=title, body_start=0, body_end=len(text)))


def _contains(dating) -> bool:
    """``published`` lies within the bounds, each compared at the coarser precision."""
    if dating.published is None:
        return True
    pub = PartialDate.parse(dating.published)
    for bound, later in ((dating.earliest, False), (dating.latest, True)):
        if bound is None:
            continue
        b = PartialDate.parse(bound)
        precision = min((pub.precision, b.precision), key=("year", "month", "day").index)
        p, b = pub.truncate(precision), b.truncate(precision)
        if (p > b) if later else (p < b):
            return False
    return True


# One row per rule: text, published, earliest, latest, a word the evidence must hold.
RULES = [
    # review heading + plan heading, both years written out → the year planned
    ("一、2030年工作回顾\n全年粮食产量稳定增长。\n二、2031年主要任务\n稳定就业，扩大内需。",
     "2031", "2031", "2031", "reviews 2030年 and plans 2031年"),
    # 过去一年 in the review heading, the plan year written out
    ("一、过去一年工作回顾\n经济运行总体平稳。\n二、2031年工作总体部署\n今年要稳住外贸。",
     "2031", "2031", "2031", "plans 2031年"),
    # the year reviewed written out, 今年 in the plan heading
    ("一、2030年工作回顾\n各项事业取得新进展。\n二、今年主要任务\n推进乡村振兴。",
     "2031", "2031", "2031", "reviews 2030年"),
    # a plan period reviewed, the next year planned
    ("一、“十六五”时期的回顾\n五年来综合国力明显提升。\n三、2036年的工作\n抓好开局。",
     "2036", "2036", "2036", "十六五"),
    # an event still being readied is ahead: the report is not after it
    ("2020年，全省地区生产总值达到5000亿元，比上年增长6%。继续做好2022年冬奥会的筹办工作。",
     "2021", "2021", "2022", "ahead of time"),
    # a deadline is ahead: 到2035年 never makes a text from 2035
    ("2023年，全市新增就业12万人。到2035年，基本实现现代化。",
     "2024", "2024", "2035", "deadline of 2035"),
    # a deadline with 底前
    ("2023年，全区完成投资300亿元。2025年底前完成老旧小区改造。",
     "2024", "2024", "2025-12", "2025年底前"),
    # a plan period being drawn up: before it starts (or early in its first year)
    ("2024年，全省粮食总产量达到700亿斤。要谋划好十五五规划。",
     "2025", "2025", "2026", "十五五"),
    # a bare year with no word of tense does not override a plan heading
    ("一、2030年工作回顾\n成绩来之不易。\n二、2031年主要任务\n今年开展监测，2034年覆盖所有城市。",
     "2031", "2031", "2031", "plans 2031年"),
    # a dated event: not before it
    ("为深入学习贯彻党的二十届三中全会精神，记者采访了市委书记。", "2024", "2024-07", None, "二十届三中全会"),
    # 明年 and 下一步 make a sentence forward: their years are no past evidence
    ("2022年，全市引进企业120家。下一步，2026年建成科创园区。", "2023", "2023", None, "full-year statistic"),
    # a relative month tied to a dated event fixes the year; 今年 with no month does not
    ("去年5月，习近平总书记主持召开深入推进京津冀协同发展座谈会。", "2024", "2024", "2024", "去年5月"),
    ("今年要认真贯彻党的二十届三中全会精神。", "2024", "2024-07", None, "refers to"),
    # only forward references: no year, but a latest date
    ("到2035年，基本建成美丽中国。", None, None, "2035", "deadline"),
]


@pytest.mark.parametrize("text,published,earliest,latest,why", RULES)
def test_dating_rules(text, published, earliest, latest, why):
    dating = _date(text)
    assert (dating.published, dating.earliest, dating.latest) == (published, earliest, latest), dating.evidence
    assert why in dating.evidence
    assert _contains(dating)


def test_a_titled_work_report_is_explicit():
    text = "2031年政府工作报告\n各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n到2035年基本实现现代化。"
    dating = date_article(text, find_layout(text))
    assert (dating.published, dating.basis, dating.earliest, dating.latest) == ("2031", "explicit", "2031", "2031")


def test_a_statistics_communique_names_the_year_before():
    text = "2030年国民经济和社会发展统计公报\n全年国内生产总值比上年增长5%。"
    dating = date_article(text, find_layout(text))
    assert (dating.published, dating.basis) == ("2031", "explicit")


def test_a_header_line_with_a_full_date_wins():
    text = "政府工作报告\n——2031年3月5日在全国人民代表大会上\n各位代表：\n一、2030年工作回顾\n"
    dating = date_article(text, find_layout(text))
    assert (dating.published, dating.basis) == ("2031-03-05", "explicit")
    assert dating.earliest == dating.latest == "2031-03-05"


def test_a_broadcast_names_the_day_and_its_bounds_are_the_day():
    text = "《新闻联播》 20310226 19:00\n央视网消息（新闻联播）：到2035年，区域一体化格局基本形成。\n"
    dating = date_article(text, find_layout(text))
    assert (dating.published, dating.earliest, dating.latest) == ("2031-02-26", "2031-02-26", "2031-02-26")


def test_given_dates_are_their_own_bounds():
    dating = date_article("到2035年。", Layout(title=None, body_start=0, body_end=5), given="2030-08")
    assert (dating.published, dating.earliest, dating.latest) == ("2030-08", "2030-08", "2030-08")


def test_a_day_after_the_latest_bound_gives_no_month():
    text = "2030年，全市生产总值达到900亿元。继续做好2031年5月博览会的准备工作。2031年9月1日，新馆开放。"
    dating = _date(text)
    assert dating.published == "2031" and dating.latest == "2031-05" and _contains(dating)


def test_a_forward_reference_with_a_word_of_the_past_is_not_ahead():
    # 截至 and 已 read a deadline-shaped date as history
    dating = _date("截至2029年底，全省已建成5G基站20万个。")
    assert (dating.published, dating.earliest, dating.latest) == ("2029", "2029-12", None)


@pytest.mark.parametrize("text", [t for t, *_ in RULES])
def test_bounds_always_contain_published(text):
    assert _contains(_date(text))


def test_the_bounds_are_stored_listed_and_shown(tmp_path):
    from typer.testing import CliRunner

    from tracker.cli import app

    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、2030年工作回顾\n"
        "2030年，国内生产总值增长5%。\n二、2031年主要任务\n今年国内生产总值增长5%左右。\n", "utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["sources", "--format", "json", "--db", db]).output)
    assert list(rows[0])[-2:] == ["earliest", "latest"]
    assert (rows[0]["published"], rows[0]["earliest"], rows[0]["latest"]) == ("2031", "2031", "2031")
    shown = runner.invoke(app, ["show", "1", "--db", db]).output
    assert "not before 2031, not after 2031" in shown


# ---------------------------------------------------------------- the targets table

REPORT = ("各位代表：\n一、2030年工作回顾\n2030年，国内生产总值增长5.2%，城镇新增就业1200万人。\n"
          "二、2031年主要任务\n今年发展的主要预期目标是：国内生产总值增长5%左右；居民消费价格涨幅3%左右；"
          "城镇调查失业率5.5%以内。\n")


def _table(text: str) -> list[dict]:
    def entry(kind, metric, surface, value, unit, qualifier, as_of=None, value_high=None):
        quote = next(s for s in text.replace("\n", "。").split("。") if surface in s)
        return {"year": 2031, "kind": kind, "metric": metric, "surface": surface, "value": value,
                "value_high": value_high, "unit": unit, "qualifier": qualifier, "as_of": as_of,
                "quote": quote, "file": "gwr-2031.txt", "quote_offset": text.find(quote), "passage": "test"}
    return [
        entry("achieved", "国内生产总值增长", "5.2%", 5.2, "%", "=", 2030),
        entry("achieved", "城镇新增就业", "1200万人", 12000000, "人", "=", 2030),
        entry("target", "国内生产总值增长", "5%左右", 5, "%", "~"),
        entry("target", "居民消费价格涨幅", "3%左右", 3, "%", "~"),
        entry("target", "城镇调查失业率", "5.5%以内", 5.5, "%", "<="),
        {"year": 2031, "kind": "not_set", "metric": "x", "surface": "", "value": None, "unit": None,
         "qualifier": None, "as_of": None, "quote": "今年", "file": "gwr-2031.txt"},
    ]


def _claim(kind, value, unit, qualifier, sentence, as_of=None, deadline=None, value_high=None):
    return StoredClaim(id=1, article=1, kind=kind, surface="", sentence=sentence, value=value, unit=unit,
                       qualifier=qualifier, as_of=as_of, deadline=deadline, value_high=value_high)


def test_targets_entries_score_strictly_and_leniently():
    table = _table(REPORT)
    goal = table[2]["quote"]
    claims = [
        _claim("figure", 5.2, "%", "=", table[0]["quote"], as_of="2030"),          # strict
        _claim("figure", 12000000, "人", "=", table[1]["quote"]),                   # no as_of: lenient
        _claim("target", 5, "%", "~", goal, deadline="2031"),                      # strict
        _claim("figure", 3, "%", "~", goal),                                       # wrong kind: lenient
        _claim("target", 5.5, "%", "<=", goal, as_of="2031"),                      # as_of stands in: strict
    ]
    score = targets.score_targets(table, {"gwr-2031.txt": claims}, {"gwr-2031.txt": "2031"})
    assert score.counts("achieved") == (1, 2, 2)
    assert score.counts("target") == (2, 3, 3)
    assert score.dates_right == 1
    whys = {e.surface: e.why for e in score.entries if not e.strict}
    assert whys == {"1200万人": "as_of -, wanted 2030", "3%左右": "kind figure, wanted target"}
    lines = targets.report_lines(score, misses=True)
    assert lines[-3:] == ["target    strict 2/3  lenient 3/3", "achieved  strict 1/2  lenient 2/2",
                          "dates year-right 1/1"]
    assert targets.to_json(score)["kinds"]["target"] == {"strict": 2, "lenient": 3, "total": 3}


def test_a_range_needs_its_high_end_and_a_wrong_year_is_reported():
    entry = {"year": 2031, "kind": "target", "metric": "m", "surface": "6%－6.5%", "value": 6,
             "value_high": 6.5, "unit": "%", "qualifier": "=", "as_of": None, "quote": "增长6%－6.5%", "file": "a.txt"}
    good = _claim("target", 6, "%", "=", "增长6%－6.5%", deadline="2031", value_high=6.5)
    bad = _claim("target", 6, "%", "=", "增长6%－6.5%", deadline="2031")
    assert targets.score_entry(entry, [scoring.ClaimRef.of_stored(good)]).strict
    assert not targets.score_entry(entry, [scoring.ClaimRef.of_stored(bad)]).strict
    score = targets.score_targets([entry], {"a.txt": [good]}, {"a.txt": "2030"})
    assert not score.dates[0].right


def test_eval_detects_a_targets_table_and_scores_it(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "gwr-2031.txt").write_text(REPORT, "utf-8")
    table = tmp_path / "targets.json"
    table.write_text(json.dumps(_table(REPORT), ensure_ascii=False), "utf-8")
    assert pipeline.gold_format(table)[0] == "targets"
    assert pipeline.gold_format(tmp_path)[0] == "targets"  # the folder holding the table
    score = pipeline.evaluate(table, texts)
    assert isinstance(score, targets.TargetsScore)
    assert score.dates[0].published == "2031" and score.dates_right == 1
    assert all(score.counts(k)[1] == score.counts(k)[2] for k in targets.ENTRY_KINDS)  # all found leniently


def test_eval_refuses_a_folder_mixing_both_formats(tmp_path):
    from tracker.errors import BadUsage

    (tmp_path / "targets.json").write_text("[]", "utf-8")
    (tmp_path / "000.json").write_text('{"claims": []}', "utf-8")
    with pytest.raises(BadUsage, match="mixes"):
        pipeline.gold_format(tmp_path)


@pytest.mark.parametrize("gold,predicted,agrees", [
    ("2025", "2025", True), ("2025", "2025-12", True), ("2025-05", "2025", False),
    ("2021/2025", "2021/2025", True), ("2021/2025", "2025", False), ("2025", "2021/2025", True),
    ("2025", None, False), ("2024", "2025", False),
])
def test_time_agreement_follows_the_period_rule(gold, predicted, agrees):
    assert scoring.period_agrees(gold, predicted) is agrees


def test_the_claims_report_counts_time_on_matched_figures():
    gold = {"source": "a.txt", "published": {"date": "2031"}, "body": {"first": "", "last": ""}, "claims": [
        {"kind": "figure", "quote": "2030年全市生产总值达到900亿元", "surface": "900亿元", "value": 9e10,
         "unit": "元", "qualifier": "=", "as_of": "2030"},
        {"kind": "target", "quote": "到2035年生产总值达到2000亿元", "surface": "2000亿元", "value": 2e11,
         "unit": "元", "qualifier": "=", "deadline": "2035"},
    ]}
    text = "2030年全市生产总值达到900亿元。到2035年生产总值达到2000亿元。"
    preds = [_claim("figure", 9e10, "元", "=", "2030年全市生产总值达到900亿元。", as_of="2030"),
             _claim("target", 2e11, "元", "=", "到2035年生产总值达到2000亿元。", deadline="2030")]
    article = scoring.score_article(gold, text, preds, "2031")
    assert (article.time_right, article.time_checked) == (1, 2)
    corpus = scoring.score_corpus([article])
    assert "time right on matched figures/targets 1/2" in scoring.report_lines(corpus)[-1]
    assert scoring.to_json(corpus)["time"] == {"right": 1, "checked": 2}
