"""Promises judged: metric keys as data, the pairing rule on short reports, and the work reports 2004–2013."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.compare.series import is_canonical, metric_key

CORPUS = Path("/work/shared/corpora/gwr-2004-2013")
GOLD = Path("/work/shared/gold/gwr-2004-2013/targets.json")
runner = CliRunner()


def run(*args, db):
    return runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "100"})


# written forms → key
@pytest.mark.parametrize("metric, key", [
    ("国内生产总值增长", "国内生产总值增长"),
    ("全年国内生产总值比上年增长", "国内生产总值增长"),
    ("中央提出经济增长预期目标", "国内生产总值增长"),
    ("经济增长预期目标定", "国内生产总值增长"),
    ("GDP增速", "国内生产总值增长"),
    ("居民消费价格涨幅", "居民消费价格涨幅"),
    ("居民消费价格总水平涨幅在", "居民消费价格涨幅"),
    ("居民消费价格总水平比上年上涨", "居民消费价格涨幅"),
    ("把居民消费价格涨幅", "居民消费价格涨幅"),
    ("居民消费价格涨幅回落到", "居民消费价格涨幅"),
    ("城镇新增就业人数", "城镇新增就业"),
    ("新增城镇就业", "城镇新增就业"),
    ("城镇登记失业率", "城镇登记失业率"),
    ("》提出了单位国内生产总值能源消耗降低", "单位国内生产总值能耗降低"),
    ("广义货币M2增长", "广义货币M2增长"),
    # not in the table: the normalised form, so it still forms one series
    ("今年全省港口绿色集疏港比例", "港口绿色集疏港比例"),
    ("经济增长连续四年达到或略高于", "经济增长连续达到或略高于"),
])
def test_metric_keys(metric, key):
    assert metric_key(metric, "全国") == key


def test_canonical_metrics_are_known_and_look_alikes_are_not():
    assert is_canonical("国内生产总值增长") and not is_canonical("国内生产总值年均增长")


REPORTS = {
    "r2020.txt": "2020年政府工作报告\n今年经济社会发展的主要预期目标是：国内生产总值增长6%左右；"
                 "城镇新增就业1000万人以上；居民消费价格涨幅3%左右。\n",
    "r2021.txt": "2021年政府工作报告\n一、2020年工作回顾\n2020年，国内生产总值比上年增长6.3%。"
                 "城镇新增就业960万人。居民消费价格上涨4.2%。\n"
                 "二、2021年主要任务\n今年经济社会发展的主要预期目标是：国内生产总值增长6%以上。\n",
    "r2022.txt": "2022年政府工作报告\n一、2021年工作回顾\n2021年，国内生产总值比上年增长8.1%。\n",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, "utf-8")
    db = folder / "t.db"
    result = run("ingest", str(folder), "--jobs", "1", db=db)
    assert result.exit_code == 0, result.output
    return db


def test_each_target_is_paired_with_the_outcome_of_its_year(reports):
    rows = json.loads(run("targets", "--format", "json", db=reports).output)
    judged = {(r["deadline"], r["metric_key"]): r for r in rows if r["value"] is not None}
    gdp20 = judged[("2020", "国内生产总值增长")]
    assert gdp20["outcome"]["value"] == 6.3 and gdp20["outcome"]["as_of"] == "2020"
    assert gdp20["verdict"] == "met" and "左右" in gdp20["verdict_rule"]
    jobs = judged[("2020", "城镇新增就业")]
    assert jobs["outcome"]["value"] == 9.6e6 and jobs["verdict"] == "nearly_met"
    cpi = judged[("2020", "居民消费价格涨幅")]
    assert cpi["outcome"]["value"] == 4.2 and cpi["verdict"] == "missed"  # a ceiling overshot by 1.2 points
    gdp21 = judged[("2021", "国内生产总值增长")]
    # 2021's target is judged by 2021's 8.1%, never by 2020's 6.3%
    assert gdp21["outcome"]["value"] == 8.1 and gdp21["verdict"] == "exceeded"
    assert all(r["outcome"] is None or r["outcome"]["kind"] == "figure" for r in rows)


def test_evolve_one_series_across_written_forms(reports):
    data = json.loads(run("evolve", "经济增长", "--format", "json", db=reports).output)
    (one,) = [s for s in data["series"] if s["unit"] == "%"]
    assert one["metric"] == "国内生产总值增长"
    assert sorted((p["kind"], p["as_of"] or "") for p in one["points"]) == [
        ("figure", "2020"), ("figure", "2021"), ("target", ""), ("target", "")]


# ---------------------------------------------------------------- the work reports

@pytest.fixture(scope="module")
def work_reports(tmp_path_factory):
    if not CORPUS.is_dir() or not GOLD.is_file():
        pytest.skip("the work-report corpus is not here")
    db = tmp_path_factory.mktemp("gwr") / "t.db"
    result = run("ingest", str(CORPUS), "--jobs", "1", db=db)
    assert result.exit_code == 0, result.output
    return db


KEYS = {"国内生产总值增长": "国内生产总值增长", "城镇新增就业": "城镇新增就业",
        "居民消费价格涨幅": "居民消费价格涨幅", "居民消费价格总水平涨幅": "居民消费价格涨幅"}


def test_the_21_gold_pairs_and_their_verdicts(work_reports):
    gold = json.loads(GOLD.read_text("utf-8"))
    rows = json.loads(run("targets", "--format", "json", db=work_reports).output)
    sources = {s["id"]: Path(s["path"]).name for s in json.loads(run("sources", "--format", "json",
                                                                         db=work_reports).output)}
    achieved = {(KEYS[e["metric"]], e["as_of"]): e for e in gold if e["kind"] == "achieved" and e["metric"] in KEYS}
    pairs = 0
    for target in (e for e in gold if e["kind"] == "target" and e["metric"] in KEYS):
        key, year = KEYS[target["metric"]], target["year"]
        outcome = achieved.get((key, year))
        if outcome is None:
            continue
        pairs += 1
        mine = [r for r in rows if r["metric_key"] == key and r["deadline"] == str(year)
                and sources[r["article"]] == target["file"] and r["value"] == target["value"]]
        assert mine, (key, year)
        for row in mine:
            assert row["outcome"]["value"] == outcome["value"], (key, year)
            assert sources[row["outcome"]["article"]] == outcome["file"], (key, year)
            if key == "居民消费价格涨幅":
                assert row["verdict"] == ("missed" if year == 2007 else "met"), (key, year, row["verdict_rule"])
            else:
                assert row["verdict"] in ("met", "exceeded"), (key, year, row["verdict_rule"])
    assert pairs == 21


def test_no_target_is_judged_by_a_target_or_another_period(work_reports):
    rows = json.loads(run("targets", "--format", "json", db=work_reports).output)
    judged = [r for r in rows if r["outcome"]]
    assert len(judged) >= 21
    for row in judged:
        assert row["outcome"]["kind"] == "figure"
        assert row["outcome"]["as_of"][:4] == row["deadline"][-4:] or "/" in row["deadline"]
        assert row["outcome"]["published"][:4] > row["deadline"][:4]
        assert row["outcome"]["article"] != row["article"]


def test_evolve_gdp_growth_is_one_series_with_each_years_target_and_outcome(work_reports):
    data = json.loads(run("evolve", "国内生产总值增长", "--format", "json", db=work_reports).output)
    (one,) = data["series"]
    targets = {p["published"][:4] for p in one["points"] if p["kind"] == "target"}
    outcomes = {p["as_of"][:4] for p in one["points"] if p["kind"] == "figure"}
    assert {str(y) for y in range(2004, 2014)} <= targets
    assert {str(y) for y in (2004, 2005, 2006, 2008, 2009, 2010, 2011, 2012)} <= outcomes
