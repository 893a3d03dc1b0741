"""The timeline: merging tellings of one event, filters, every format, and the command on the seeds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from tracker.compare.events import (event_key, formulation_events, merge_events, same_event, sort_events,
                            target_events)
from tracker.dates import PartialDate
from tracker.models import Event, EventSource, StoredClaim
from tracker.output.timeline import (display_date, filter_events, parse_when, to_csv, to_html, to_json,
                              to_markdown, to_table)

from .conftest import SEEDS

SYMPOSIUM = "习近平总书记在石家庄市主持召开深入推进京津冀协同发展座谈会"
VISIT = "习近平总书记来到石家庄市国际生物医药园规划展馆"
JSON_KEYS = {"date", "precision", "event", "subjects", "kind", "sources"}
SOURCE_KEYS = {"article", "published", "sentence", "claim"}


def claim(id, article, date, event, published="2024-03", subject="京津冀", kind="milestone", **more):
    """A claim as ``Store.claims`` returns it."""
    row = {
        "id": id, "article": article, "path": f"seeds/{article:03d}.txt", "piece": None, "kind": kind,
        "sentence": f"{event}。", "surface": date or "", "value": None, "value_high": None,
        "unit": None, "qualifier": None, "subject": subject, "metric": None, "as_of": None,
        "deadline": None, "strength": None, "date": date,
        "precision": PartialDate.parse(date).precision if date else None, "event": event,
        "change": False, "simplified": None, "refers_to": None, "start": 0, "end": 2,
        "published": published, "published_precision": PartialDate.parse(published).precision
        if published else None, "title": None,
    }
    row.update(more)
    return StoredClaim(**row)


def three_tellings():
    return [
        claim(11, 1, "2023-05", "习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调",
              published="2024-02"),
        claim(31, 3, "2023-05", "习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调"
              "“努力使京津冀…", published="2024-03", subject="雄安新区"),
        claim(41, 4, "2023-05-12", SYMPOSIUM, published="2023-05-14"),
        claim(42, 4, "2023-05-12", VISIT, published="2023-05-14", subject="石家庄"),
    ]


# ------------------------------------------------------------------ merging


def test_three_tellings_are_one_entry_at_the_day_with_three_sources():
    events = merge_events(three_tellings())
    symposium = [e for e in events if "座谈会" in e.event]
    assert len(symposium) == 1
    entry = symposium[0]
    assert (entry.date, entry.precision, entry.kind) == ("2023-05-12", "day", "milestone")
    assert entry.event == SYMPOSIUM
    assert [s.article for s in entry.sources] == [4, 1, 3]  # by publication date
    assert [s.claim for s in entry.sources] == [41, 11, 31]
    assert entry.subjects == ("京津冀", "雄安新区")


def test_two_events_of_one_day_stay_two():
    events = merge_events(three_tellings())
    assert [e.date for e in events] == ["2023-05-12", "2023-05-12"]
    assert {e.event for e in events} == {SYMPOSIUM, VISIT}
    assert [e.event for e in events] == sorted(e.event for e in events)


def test_a_traditional_telling_merges():
    traditional = claim(21, 2, "2023-05-12", "習近平總書記在石家莊市主持召開深入推進京津冀協同發展座談會",
                        published="2024-08")
    events = merge_events([claim(41, 4, "2023-05-12", SYMPOSIUM, published="2023-05-14"), traditional])
    assert len(events) == 1
    assert {s.article for s in events[0].sources} == {2, 4}


def test_duplicates_in_one_article_merge():
    events = merge_events([claim(1, 1, "2024-09-29", "潮白河大桥建成投用"),
                           claim(2, 1, "2024-09", "潮白河大桥建成投用")])
    assert len(events) == 1
    assert events[0].date == "2024-09-29"
    assert [s.claim for s in events[0].sources] == [1]  # one article's sentence is one source


def test_one_event_in_three_broadcasts_is_one_entry_with_every_source():
    events = merge_events([
        claim(1, 1, "2024-05-12", "京津冀党政主要领导座谈会在天津举行", published="2024-05-12"),
        claim(2, 2, "2024-05-12", "京津冀党政主要领导座谈会在天津召开，三省市发布多项政策机制", published="2024-05-13"),
        claim(3, 3, "2024-05", "京津冀党政主要领导座谈会举行", published="2024-06-01"),
    ])
    assert len(events) == 1
    assert [s.article for s in events[0].sources] == [1, 2, 3]


def test_unrelated_things_on_one_day_are_two_entries():
    events = merge_events([
        claim(1, 1, "2024-12-28", "河北雄安新区召开机构职能调整动员部署会议，新区工作部门集中揭牌",
              published="2024-12-28", subject="雄安新区"),
        claim(2, 1, "2024-12-28", "怀柔至大兴城际铁路的廊坊北至大兴机场段开通运营", published="2024-12-28",
              subject="北京"),
    ])
    assert len(events) == 2


def test_dates_that_disagree_never_merge():
    events = merge_events([claim(1, 1, "2023-05-12", SYMPOSIUM), claim(2, 2, "2023-06", SYMPOSIUM)])
    assert len(events) == 2


def test_a_vague_telling_joins_the_event_it_reads_like():
    # Two May 2023 events at day precision; the month-only telling is the symposium.
    events = merge_events([
        claim(1, 1, "2023-05-12", SYMPOSIUM),
        claim(2, 1, "2023-05-20", "雄安新区中关村科技园揭牌"),
        claim(3, 2, "2023-05", "习近平总书记主持召开深入推进京津冀协同发展座谈会"),
    ])
    assert [(e.date, len(e.sources)) for e in events] == [("2023-05-12", 2), ("2023-05-20", 1)]


def test_merging_does_not_depend_on_input_order():
    claims = three_tellings()
    assert merge_events(claims) == merge_events(list(reversed(claims)))


_TEXTS = [SYMPOSIUM, VISIT, "习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调",
          "雄安新区设立", "雄安新区启动区开工建设", "潮白河大桥建成投用", "召开", ""]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2023", "2023-05", "2023-05-12", "2023-05-20", "2024"]),
                          st.sampled_from(_TEXTS), st.integers(0, 3)), max_size=12),
       st.randoms(use_true_random=False))
def test_every_dated_telling_lands_in_exactly_one_entry_whatever_the_order(tellings, random):
    claims = [claim(n, article, date, text) for n, (date, text, article) in enumerate(tellings)]
    events = merge_events(claims)
    # Every telling is in an entry; one article's sentence is one source of its entry.
    ids = [s.claim for e in events for s in e.sources]
    assert len(ids) == len(set(ids))
    assert {(s.article, s.sentence) for e in events for s in e.sources} == {(c.article, c.sentence) for c in claims}
    for event in events:
        assert len({(s.article, s.sentence) for s in event.sources}) == len(event.sources)
    for event in events:
        for source in event.sources:
            assert PartialDate.parse(claims[source.claim].date).agrees(PartialDate.parse(event.date))
    shuffled = list(claims)
    random.shuffle(shuffled)
    assert merge_events(shuffled) == events


def test_undated_milestones_are_left_out():
    assert merge_events([claim(1, 1, None, "某事召开")]) == []


@pytest.mark.parametrize("a, b, same", [
    # one event, told differently
    ("习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调", SYMPOSIUM, True),
    ("习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调“努力使京津冀…", SYMPOSIUM, True),
    ("京津冀协同发展座谈会", "习近平总书记主持召开京津冀协同发展座谈会并发表重要讲话", True),
    ("習近平總書記在石家莊市主持召開深入推進京津冀協同發展座談會", SYMPOSIUM, True),
    ("京雄城际铁路全线开通运营", "京雄城际铁路全线通车", True),
    ("潮白河大桥建成投用", "潮白河大桥建成投用", True),
    # near misses: shared place or topic, different happening
    (SYMPOSIUM, VISIT, False),
    ("雄安新区设立", "雄安新区启动区开工建设", False),
    ("京津冀协同发展座谈会召开", "京津冀协同发展领导小组会议召开", False),
    ("深入推进京津冀协同发展座谈会", "深入推进京津冀协同发展工作会议", False),
    ("京雄城际铁路开工建设", "京雄城际铁路全线通车", False),
    ("北京城市副中心行政办公区正式启用", "北京大兴国际机场正式投运", False),
    ("召开", "召开", False),  # nothing left once the filler is gone
])
def test_same_event(a, b, same):
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_event_key_drops_filler_dates_and_punctuation():
    assert event_key("2023年5月，习近平总书记在河北考察并主持召开座谈会时强调") == "河北考察座谈会"


# ------------------------------------------------------- targets, formulations


def target(id, article, deadline, metric, surface, value, published="2023-05-14"):
    return claim(id, article, None, None, published=published, kind="target", deadline=deadline,
                 metric=metric, surface=surface, value=value, unit="%" if value else None,
                 qualifier=">=" if value else None, subject="河北")


def test_targets_sit_at_their_deadlines_marked_future_or_due():
    events = target_events([
        target(1, 4, "2027", "河北港口大宗货物绿色集疏港比例将", "86%以上", 86.0),
        target(2, 4, "2023", "柴油货车污染治理", "四个", 4.0),
        target(3, 4, "2021/2025", "三年行动计划实施方案", "到2025年", None),
        target(4, 4, None, "没有期限", "5个", 5.0),
    ], PartialDate(2024, 3))
    assert [(e.date, e.status, e.kind) for e in events] == [
        ("2023", "due", "target"), ("2025", "future", "target"), ("2027", "future", "target")]
    assert events[2].event == "河北港口大宗货物绿色集疏港比例将 86%以上"
    assert events[1].event == "三年行动计划实施方案"


def test_a_deadline_in_the_newest_articles_year_is_still_future():
    [event] = target_events([target(1, 1, "2026", "开局之年", "到2026年", None)], PartialDate(2026, 2, 26))
    assert event.status == "future"


def test_one_target_told_twice_is_one_entry_but_different_numbers_stay_apart():
    events = target_events([
        target(1, 4, "2027", "河北港口大宗货物绿色集疏港比例", "86%以上", 86.0),
        target(2, 5, "2027", "河北港口大宗货物绿色集疏港比例", "86%以上", 86.0, published="2024-01"),
        target(3, 5, "2027", "河北港口大宗货物绿色集疏港比例", "90%以上", 90.0, published="2024-01"),
    ], PartialDate(2024, 1))
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_formulations_at_their_first_appearance():
    def slogan(id, article, text, published):
        return claim(id, article, None, None, published=published, kind="formulation", surface=text,
                     simplified=text, subject=None)

    events = formulation_events([
        slogan(1, 3, "六链五群", "2024-03"),
        slogan(2, 1, "六鏈五群", "2024-02"),  # traditional, earlier: the first appearance
        slogan(3, 1, "六鏈五群", "2024-02"),
        slogan(4, 0, "六链五群", "2026-02-26"),
        slogan(5, 9, "无日期", None),
    ])
    assert len(events) == 1
    [event] = events
    assert (event.date, event.precision, event.kind, event.event) == ("2024-02", "month", "formulation",
                                                                       "“六鏈五群”")
    assert [(s.article, s.claim) for s in event.sources] == [(1, 2)]


# ------------------------------------------------------------------ filters


def entry(date, text, subjects=("京津冀",), articles=(1,), kind="milestone", status=None):
    sources = tuple(EventSource(a, "2024-03", f"{text}。", 100 * a) for a in articles)
    return Event(date, PartialDate.parse(date).precision, text, tuple(subjects), kind, sources, status)


ENTRIES = sort_events([
    entry("2015", "生物医药产业园设立", ("沧州",), (1,)),
    entry("2023-05", "雄安新区中关村科技园揭牌", ("雄安新区",), (3,)),
    entry("2023-05-12", SYMPOSIUM, ("京津冀", "雄安新区"), (4, 1, 3)),
    entry("2024", "国务院批复", ("北京",), (0,)),
    entry("2024-09-29", "潮白河大桥建成投用", ("北京",), (1,)),
])


@pytest.mark.parametrize("options, dates", [
    ({}, ["2015", "2023-05", "2023-05-12", "2024", "2024-09-29"]),
    ({"since": PartialDate(2024)}, ["2024", "2024-09-29"]),
    ({"since": PartialDate(2024, 5)}, ["2024", "2024-09-29"]),  # 2024 may be after May
    ({"since": PartialDate(2023, 5, 13)}, ["2023-05", "2024", "2024-09-29"]),
    ({"until": PartialDate(2023, 5)}, ["2015", "2023-05", "2023-05-12"]),
    ({"until": PartialDate(2023, 5, 1)}, ["2015", "2023-05"]),
    ({"since": PartialDate(2023), "until": PartialDate(2023)}, ["2023-05", "2023-05-12"]),
    ({"subject": "雄安"}, ["2023-05", "2023-05-12"]),
    ({"subject": "北京"}, ["2024", "2024-09-29"]),
    ({"grep": "座谈会"}, ["2023-05-12"]),
    ({"grep": "座談會"}, ["2023-05-12"]),  # traditional finds simplified
    ({"grep": "建成投用"}, ["2024-09-29"]),
    ({"article": 3}, ["2023-05", "2023-05-12"]),
    ({"article": 42}, []),
])
def test_filters(options, dates):
    assert [e.date for e in filter_events(ENTRIES, **options)] == dates


def test_grep_finds_text_in_a_traditional_sentence():
    traditional = Event("2023-05-12", "day", "座谈会", (), "milestone",
                        (EventSource(2, "2024-08", "習近平總書記主持召開座談會。", 7),))
    assert filter_events([traditional], grep="主持召开") == [traditional]


TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize("text, expected", [
    ("2024", PartialDate(2024)),
    ("2024-05", PartialDate(2024, 5)),
    ("2024-05-12", PartialDate(2024, 5, 12)),
    ("2 years ago", PartialDate(2024, 3, 1)),
    ("3 months ago", PartialDate(2025, 12, 1)),
    ("yesterday", PartialDate(2026, 2, 28)),
    ("May 2024", PartialDate(2024, 5)),
    ("12 May 2023", PartialDate(2023, 5, 12)),
])
def test_parse_when(text, expected):
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "soon-ish blah", "2024-13", "2023-02-30"])
def test_parse_when_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_when(text, TODAY)


# ---------------------------------------------------------------- renderers


def test_dates_are_shown_at_their_own_precision():
    assert [display_date(e) for e in ENTRIES] == ["2015", "2023-05", "2023-05-12", "2024", "2024-09-29"]
    out = render_table(ENTRIES)
    assert "2015-01-01" not in out and "2024-01-01" not in out


def render_table(events, width=80) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    console.print(to_table(events, title="t"))
    return console.export_text()


def test_table_fits_80_columns_and_groups_by_year():
    out = render_table(ENTRIES)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    rules = [n for n, line in enumerate(out.splitlines()) if line.startswith("├")]
    assert len(rules) == 2  # between 2015 and 2023, and between 2023 and 2024
    assert "#4 (2024-03)" in out and "沧州" in out
    assert "\x1b[" not in out  # plain text when not a terminal


def test_json_shape():
    rows = json.loads(to_json(ENTRIES))
    assert len(rows) == 5
    for row in rows:
        assert set(row) == JSON_KEYS
        for source in row["sources"]:
            assert set(source) == SOURCE_KEYS
    symposium = rows[2]
    assert symposium["date"] == "2023-05-12" and symposium["precision"] == "day"
    assert symposium["subjects"] == ["京津冀", "雄安新区"]
    assert [s["article"] for s in symposium["sources"]] == [4, 1, 3]


def test_json_of_a_target_carries_its_status():
    [row] = json.loads(to_json([entry("2027", "比例86%以上", kind="target", status="future")]))
    assert set(row) == JSON_KEYS | {"status", "verdict"} and row["status"] == "future" and row["kind"] == "target"


def test_a_target_entry_shows_the_verdict_its_tellings_got(tmp_path):
    from typer.testing import CliRunner as Runner

    from tracker.cli import app as tracker_app

    report = tmp_path / "gwr.txt"
    report.write_text("政府工作报告\n\n一、2023年工作回顾\n\n过去一年，国内生产总值增长5.2%。\n\n"
                      "二、2024年经济社会发展总体要求和政策取向\n\n今年发展主要预期目标是：国内生产总值增长5%左右。\n",
                      "utf-8")
    later = tmp_path / "gwr2.txt"
    later.write_text("政府工作报告\n\n一、2024年工作回顾\n\n过去一年，国内生产总值增长5.0%。\n\n"
                     "二、2025年经济社会发展总体要求和政策取向\n\n今年发展主要预期目标是：国内生产总值增长5%左右。\n",
                     "utf-8")
    db = str(tmp_path / "t.db")
    runner = Runner()
    assert runner.invoke(tracker_app, ["ingest", str(report), "--published", "2024-03", "--db", db]).exit_code == 0
    assert runner.invoke(tracker_app, ["ingest", str(later), "--published", "2025-03", "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(tracker_app, ["timeline", "--targets", "--format", "json", "--db", db]).output)
    due_2024 = [r for r in rows if r["kind"] == "target" and r["date"].startswith("2024")]
    assert due_2024 and due_2024[0]["verdict"] == "met"


def test_csv_shape():
    rows = list(csv.DictReader(io.StringIO(to_csv(ENTRIES))))
    assert list(rows[0]) == ["date", "precision", "kind", "status", "event", "subjects", "sources"]
    assert [r["date"] for r in rows] == [e.date for e in ENTRIES]
    assert rows[2]["sources"] == "#4 (2024-03); #1 (2024-03); #3 (2024-03)"
    assert rows[2]["subjects"] == "京津冀; 雄安新区"


def test_markdown_has_a_heading_per_year_and_escapes_pipes():
    text = to_markdown([*ENTRIES, entry("2024-10", "a|b")])
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## 2015", "## 2023", "## 2024"]
    assert "| 2015 | 生物医药产业园设立 | 沧州 | #1 (2024-03) |" in text
    assert "a\\|b" in text


def test_html_is_one_escaped_self_contained_page():
    nasty = entry("2024-10", "<script>alert(1)</script> & “引号”")
    page = to_html([*ENTRIES, nasty], title="t")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh">' in page and 'charset="utf-8"' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "2023-05 <span class=\"precision\">(month)</span>" in page.replace("</time>", "")
    assert page.count('<section class="year"') == 3
    # every source link points at a sentence on the page
    for source in ENTRIES[2].sources:
        assert f'href="#c{source.claim}"' in page and f'id="c{source.claim}"' in page
    assert page.count("<details>") == len(ENTRIES) + 1


def test_renderers_are_stable():
    assert to_html(ENTRIES) == to_html(list(ENTRIES))
    assert to_json(sort_events(reversed(ENTRIES))) == to_json(ENTRIES)


# ------------------------------------------------------- the command, on seeds

runner = CliRunner()


def run(*args, db):
    return runner.invoke(app_(), ["timeline", *args, "--db", str(db)], env={"COLUMNS": "80"})


def app_():
    from tracker.cli import app

    return app


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The five seeds in a database, read with ``build_article`` (one process, no CLI)."""
    pytest.importorskip("tracker.read.layout", reason="tracker/layout.py has not landed yet")
    from tracker.read.articles import build_article
    from tracker.extract.claims import EXTRACTOR_VERSION
    from tracker.pipeline import refresh
    from tracker.store import Store

    path = tmp_path_factory.mktemp("timeline") / "t.db"
    store = Store(path)
    ids = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        ids[seed.name[:3]] = store.add_article(build_article(str(seed), seed.read_bytes()),
                                               EXTRACTOR_VERSION).article_id
    refresh(store)
    store.close()
    return path, ids


def test_seeds_symposium_is_one_entry_with_three_sources(seeded):
    db, ids = seeded
    result = run("--format", "json", db=db)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    symposium = [r for r in rows if "深入推进京津冀协同发展座谈会" in r["event"]]
    assert len(symposium) == 1, symposium
    [entry_] = symposium
    assert (entry_["date"], entry_["precision"]) == ("2023-05-12", "day")
    assert sorted(s["article"] for s in entry_["sources"]) == sorted([ids["001"], ids["003"], ids["004"]])
    visits = [r for r in rows if r["date"] == "2023-05-12" and r is not entry_]
    assert visits, "the morning's site visit on the same day stays its own entry"
    dates = [PartialDate.parse(r["date"]).first_day() for r in rows]
    assert dates == sorted(dates)
    for row in rows:
        assert set(row) == JSON_KEYS


def test_seeds_table_fits_80_columns_with_year_only_dates(seeded):
    db, _ = seeded
    result = run(db=db)
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    assert "2015-01-01" not in result.output
    assert "2023-05-12" in result.output and "\x1b[" not in result.output


def test_seeds_output_is_stable(seeded):
    db, _ = seeded
    assert run("--format", "json", db=db).output == run("--format", "json", db=db).output


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: out.startswith("date,precision,kind,status,event,subjects,sources\n")),
    ("markdown", lambda out: out.startswith("# Timeline\n") and "## 2023" in out),
    ("html", lambda out: out.startswith("<!DOCTYPE html>") and "2023-05-12" in out),
])
def test_seeds_formats(seeded, fmt, check):
    result = run("--format", fmt, db=seeded[0])
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_seeds_filters_through_the_command(seeded):
    db, ids = seeded
    rows = json.loads(run("--since", "2023", "--until", "2023", "--format", "json", db=db).output)
    assert rows and all(r["date"].startswith("2023") for r in rows)
    rows = json.loads(run("--grep", "座談會", "--format", "json", db=db).output)
    assert len(rows) == 1 and rows[0]["date"] == "2023-05-12"
    stem = next(SEEDS.glob("003_*.txt")).stem
    rows = json.loads(run("--article", stem, "--format", "json", db=db).output)
    assert rows and all(any(s["article"] == ids["003"] for s in r["sources"]) for r in rows)
    rows = json.loads(run("--subject", "石家庄", "--format", "json", db=db).output)
    assert rows and all(any("石家庄" in s for s in r["subjects"]) for r in rows)


def test_seeds_targets_and_formulations(seeded):
    db, _ = seeded
    rows = json.loads(run("--targets", "--formulations", "--format", "json", db=db).output)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"milestone", "target", "formulation"}
    assert all(r["status"] in ("future", "due") for r in rows if r["kind"] == "target")
    slogans = [r["event"] for r in rows if r["kind"] == "formulation"]
    assert len(slogans) == len(set(slogans))


def test_bad_since_is_one_line_and_exit_2(tmp_path):
    result = run("--since", "someday", db=tmp_path / "t.db")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "--since" in result.output


def test_unknown_source_is_exit_1(tmp_path):
    from tracker.store import Store

    Store(tmp_path / "t.db").close()  # an empty tracker database
    result = run("--article", "no-such-article", db=tmp_path / "t.db")
    assert result.exit_code == 1 and "no article called" in result.output


def test_help_has_an_example():
    result = runner.invoke(app_(), ["timeline", "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "Example: tracker timeline" in result.output


def test_html_to_a_file_opens_in_headless_chromium(seeded, tmp_path):
    page = tmp_path / "timeline.html"
    result = run("--format", "html", "--output", str(page), db=seeded[0])
    assert result.exit_code == 0, result.output
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Chromium is not installed: apt-get install chromium")
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    rows = json.loads(run("--format", "json", db=seeded[0]).output)
    assert rows
    for row in rows:
        assert row["event"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in dom
    assert "2023-05-12" in dom and "(day)" in dom


def test_since_after_until_is_a_usage_error(tmp_path):
    from tracker.store import Store

    Store(tmp_path / "t.db").close()
    result = run("--since", "2025", "--until", "2023", db=tmp_path / "t.db")
    assert result.exit_code == 2 and "after --until" in result.output
