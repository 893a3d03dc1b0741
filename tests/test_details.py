"""Regression tests for what a new user and a hostile tester ran into, each done as they did it."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from tracker import pipeline
from tracker.cli import app
from tracker.extract.claims import extract
from tracker.store import Store

from .conftest import SEEDS

runner = CliRunner()
ARTICLE = "{title}\n\n2024年，全市新建学校12所，引进京津企业332家。2月3日《规划》正式发布。\n"


def run(*args, db=None, columns=100):
    extra = ["--db", str(db)] if db is not None else []
    return runner.invoke(app, [*args, *extra], env={"COLUMNS": str(columns)})


def page(folder, name, title="河北新闻"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title), "utf-8")
    return path


# ------------------------------------------------------------- text is text, never markup


def test_a_title_with_bbcode_is_shown_as_written(tmp_path):
    db = tmp_path / "t.db"
    assert run("ingest", str(page(tmp_path, "a.txt", title="论坛转帖[/url]京津冀[b]协同[/b]")), db=db).exit_code == 0
    listing = run("sources", db=db)
    assert listing.exit_code == 0 and "[/url]" in listing.output and "Traceback" not in listing.output
    shown = run("show", "1", db=db, columns=200)
    assert shown.exit_code == 0 and "论坛转帖[/url]京津冀[b]协同[/b]" in shown.output


def test_paths_with_brackets_are_printed_and_every_file_is_read(tmp_path):
    db = tmp_path / "t.db"
    first = page(tmp_path / "x[/y]", "a.txt")
    second = page(tmp_path, "[bold]b.txt", title="另一篇")
    result = run("ingest", str(first), str(second), db=db, columns=200)
    assert result.exit_code == 0, result.output
    assert "x[/y]" in result.output and "[bold]b.txt" in result.output
    assert "2 new" in result.output


def test_an_existing_path_is_a_path_before_it_is_a_pattern(tmp_path):
    db = tmp_path / "t.db"
    report = page(tmp_path, "报告[2024].txt")
    result = run("ingest", str(report), db=db, columns=200)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output


def test_advice_in_brackets_is_printed_whole(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    result = run("serve", db=tmp_path / "t.db", columns=200)
    assert result.exit_code == 1 and "pip install -e '.[serve]'" in result.output


# ------------------------------------------------------------- work that is never lost


def test_an_interrupted_refresh_is_finished_by_the_next_run(tmp_path, monkeypatch):
    db = tmp_path / "t.db"

    def interrupted(store, progress=None, jobs=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "refresh", interrupted)
    first = run("ingest", str(SEEDS), "--jobs", "1", db=db)
    assert first.exit_code == 130 and "run the command again" in first.output
    store = Store(db)
    assert store.derived_stale() and store.db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    store.close()
    monkeypatch.undo()
    again = run("ingest", str(SEEDS), "--jobs", "1", db=db)
    assert again.exit_code == 0 and "5 unchanged" in again.output
    store = Store(db)
    assert not store.derived_stale() and store.db.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_reextract_on_a_read_only_database_is_one_line(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    assert run("ingest", str(SEEDS), "--jobs", "1", db=db).exit_code == 0
    # As root the file mode does not stop writes, so open it the way a read-only mount would.
    connect = sqlite3.connect
    monkeypatch.setattr("tracker.store.sqlite3.connect",
                        lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
    result = run("reextract", db=db)
    assert result.exit_code == 1, result.output
    assert "read-only" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


# ------------------------------------------------------------- a read command never writes


def test_a_zero_byte_database_stays_zero_bytes(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = run("sources", db=empty)
    assert result.exit_code == 1 and "empty file" in result.output
    assert empty.stat().st_size == 0


def test_a_missing_input_path_creates_no_database(tmp_path):
    db = tmp_path / "never.db"
    result = run("ingest", str(tmp_path / "no-such-file.txt"), db=db)
    assert result.exit_code == 1 and "no such file" in result.output
    assert not db.exists()


# ------------------------------------------------------------- values checked, forms alike


@pytest.mark.parametrize("args", [
    ("timeline", "--since", "1"), ("claims", "--limit", "-1"), ("sources", "--limit", "0"),
    ("ingest", str(SEEDS), "-j", "0"), ("search", ""), ("search", "  "), ("evolve", ""),
    ("claims", "--kind", "opinion"), ("timeline", "--format", "pdf"), ("diff", "1", "2", "--format", "csv"),
])
def test_bad_values_are_usage_errors(tmp_path, args):
    db = tmp_path / "t.db"
    assert run("ingest", str(SEEDS), "--jobs", "1", db=db).exit_code == 0
    result = run(*args, db=db)
    assert result.exit_code == 2, (args, result.output)
    assert "Traceback" not in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("tracker ")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("details") / "t.db"
    assert run("ingest", str(SEEDS), "--jobs", "1", db=db).exit_code == 0
    return db


@pytest.mark.parametrize("command", [
    ("sources",), ("claims",), ("search", "京津冀"), ("timeline",), ("targets",), ("evolve", "技术合同"),
])
def test_every_listing_writes_json_to_a_file_and_limits(seeded, tmp_path, command):
    out = tmp_path / "out.json"
    result = run(*command, "--format", "json", "-o", str(out), db=seeded)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and json.loads(out.read_text("utf-8")) is not None
    if command[0] != "evolve":
        limited = run(*command, "--format", "json", "--limit", "1", db=seeded)
        assert limited.exit_code == 0, limited.output
        assert len(json.loads(limited.output)) <= 1


def test_counts_are_in_the_right_number(tmp_path):
    db = tmp_path / "t.db"
    assert run("ingest", str(page(tmp_path, "a.txt")), db=db).exit_code == 0
    assert re.search(r"\b1 article\b(?!s)", run("sources", db=db).output)
    assert "1 new, 0 new versions" in run("ingest", str(page(tmp_path, "b.txt", title="乙")), db=db).output


def test_show_piped_keeps_the_claim_marks(seeded):
    result = run("show", "1", db=seeded, columns=200)
    assert "|figure]" in result.output and "|milestone]" in result.output


# ------------------------------------------------------------- answers that do not mislead


def test_a_revision_is_not_a_second_source_nor_a_conflict(tmp_path):
    db = tmp_path / "t.db"
    path = tmp_path / "report.txt"
    path.write_text("河北报告\n\n2024年河北港口绿色集疏港比例为70%。\n", "utf-8")
    assert run("ingest", str(path), "--published", "2025-02", db=db).exit_code == 0
    path.write_text("河北报告\n\n2024年河北港口绿色集疏港比例为75%。\n", "utf-8")
    assert "new version" in run("ingest", str(path), "--published", "2025-02", db=db).output
    store = Store(db)
    assert store.db.execute("SELECT count(*) FROM conflict_pairs").fetchone()[0] == 0
    store.close()
    data = json.loads(run("evolve", "集疏港", "--format", "json", db=db).output)
    assert [p["value"] for s in data["series"] for p in s["points"]] == [75.0]
    assert run("diff", "1", "2", "--format", "json", db=db).exit_code == 0


def test_milestone_events_are_stored_whole():
    text = "2026年2月3日，《现代化首都都市圈空间协同规划（2023—2035年）》（以下简称《规划》）由两市一省联合正式印发实施。"
    (milestone,) = [c for c in extract(text, "2026-02") if c.kind == "milestone"]
    assert milestone.event.endswith("正式印发实施") and "…" not in milestone.event


@pytest.mark.parametrize("sentence, metrics", [
    ("到2027年，全市公交车、出租车占比分别不低于95%和85%。", ["公交车占比", "出租车占比"]),
    ("去年城镇、农村居民人均可支配收入分别增长5.1%和7.6%。", ["城镇居民人均可支配收入分别增长",
                                                   "农村居民人均可支配收入分别增长"]),
    ("分别增长5.6%、7.2%和8.1%。", ["分别增长"] * 3),  # no list to hand out: one metric
])
def test_coordinated_numbers_take_their_own_item_of_a_listed_metric(sentence, metrics):
    found = [c.metric for c in extract(sentence, "2025-03") if c.kind in ("figure", "target")]
    assert found == metrics


@pytest.mark.parametrize("content, reason", [
    (None, "no such file"), ("folder", "a folder"), ("title: [unclosed\n", "not valid YAML"),
    ("- just\n- a list\n", "is a mapping"),
])
def test_serve_refuses_bad_metadata_in_one_line(seeded, tmp_path, content, reason):
    pytest.importorskip("datasette")
    metadata = tmp_path / "m.yml"
    if content == "folder":
        metadata.mkdir()
    elif content is not None:
        metadata.write_text(content, "utf-8")
    result = run("serve", "--metadata", str(metadata), db=seeded, columns=200)
    assert result.exit_code == 2, result.output
    assert reason in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_number_written_twice_finds_its_own_clause():
    from tracker.models import clause

    sentence = "公交车占比达到85%，出租车占比达到85%。"
    second = sentence.rindex("85%")
    assert clause(sentence, "85%", second) == "出租车占比达到85%"
    assert clause(sentence, "85%") == "公交车占比达到85%"


@pytest.mark.parametrize("sentence, event", [
    ("记者从国家发展改革委了解到，《北方某城市群人才目录》今天（12月14日）发布，分设三类。", "《北方某城市群人才目录》发布"),
    ("今天（5月9日），某某新区高新技术产业开发区揭牌。", "某某新区高新技术产业开发区揭牌"),
])
def test_an_event_names_what_happened_not_the_reporting_around_it(sentence, event):
    (milestone,) = [c for c in extract(sentence, "2024-12-14") if c.kind == "milestone"]
    assert milestone.event == event


@pytest.mark.parametrize("command", [("timeline",), ("claims",), ("evolve", "技术合同"), ("targets",), ("search", "京津冀")])
def test_every_view_takes_a_programme(seeded, command):
    result = run(*command, "--programme", "京津冀", "--format", "json", db=seeded)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) is not None


def test_evolve_html_draws_targets_as_bands_and_outcomes_as_points(tmp_path):
    db = tmp_path / "t.db"
    for year, outcome in ((2024, "5.2"), (2025, "5.0")):
        path = tmp_path / f"report{year}.txt"
        path.write_text(f"政府工作报告\n\n一、{year - 1}年工作回顾\n\n过去一年，国内生产总值增长{outcome}%。\n\n"
                        f"二、{year}年经济社会发展总体要求\n\n今年发展主要预期目标是：国内生产总值增长5%左右。\n", "utf-8")
        assert run("ingest", str(path), "--published", f"{year}-03", db=db).exit_code == 0
    page = tmp_path / "evolve.html"
    result = run("evolve", "国内生产总值增长", "--format", "html", "-o", str(page), db=db)
    assert result.exit_code == 0, result.output
    text = page.read_text("utf-8")
    assert text.count('class="target"') >= 2 and text.count('class="figure"') >= 2 and "<svg" in text
