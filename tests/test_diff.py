"""Article diffs: the pure core on handmade inputs, its rebuild property, and `tracker diff` on the seeds."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from tracker.cli import app
from tracker.models import StoredClaim
from tracker.compare.align import TextOp, align_sentences, diff_text
from tracker.compare.diff import (
    Line, Side, apart, diff_articles, diff_formulations, diff_milestones, diff_quantities,
)

from .conftest import SEEDS

# ------------------------------------------------------------------ helpers


def figure(value, metric="吸纳京津技术合同成交额同比增长", subject="河北", unit="%", as_of="2024", kind="figure",
           claim=1, deadline=None, sentence=None):
    surface = f"{value:g}{unit}"
    return StoredClaim(id=claim, article=0, kind=kind, surface=surface, value=value, unit=unit, qualifier="=", subject=subject,
                metric=metric, as_of=as_of, deadline=deadline, sentence=sentence or f"{metric}{surface}。")


def slogan(text, claim=1):
    return StoredClaim(id=claim, article=0, kind="formulation", surface=text)


def milestone(date, event, claim=1):
    return StoredClaim(id=claim, article=0, kind="milestone", surface=date, date=date, precision=None, event=event,
                sentence=event)


def rebuilt(ops, side):
    keep = {"a": ("equal", "delete"), "b": ("equal", "insert")}[side]
    return "".join(op.text for op in ops if op.op in keep)


def side_of(sentences, facts=(), published="2024", article=1):
    lines = tuple(Line(n, s, s) for n, s in enumerate(sentences))
    return Side(article, f"article {article}", f"{article}.txt", published, "year", lines, tuple(facts))


# --------------------------------------------------------------- text diff


@pytest.mark.parametrize("a, b, expected", [
    ("同比增长34.8%。", "同比增长36.2%。",
     [("equal", "同比增长"), ("delete", "34.8%"), ("insert", "36.2%"), ("equal", "。")]),
    ("成交额103.89亿元", "成交额1,203.89亿元",
     [("equal", "成交额"), ("delete", "103.89"), ("insert", "1,203.89"), ("equal", "亿元")]),
    ("2023年5月", "2024年5月", [("delete", "2023"), ("insert", "2024"), ("equal", "年5月")]),
    ("不变", "不变", [("equal", "不变")]),
])
def test_numbers_stay_whole(a, b, expected):
    assert [(op.op, op.text) for op in diff_text(a, b)] == expected


def test_sentences_align_before_they_are_diffed_within():
    a = ["京津冀协同发展。", "河北省吸纳京津技术合同成交额同比增长34.8%。", "保定转化。"]
    b = ["京津冀协同发展。", "河北省吸纳京津技术合同成交额同比增长36.2%。", "保定转化。", "雄安创新。"]
    steps = align_sentences(a, b)
    assert [(s.op, s.a, s.b) for s in steps] == [
        ("equal", 0, 0), ("change", 1, 1), ("equal", 2, 2), ("insert", None, 3)]
    assert [p for p in steps[1].parts if p.op != "equal"] == [TextOp("delete", "34.8%"), TextOp("insert", "36.2%")]


def test_unlike_sentences_are_a_deletion_and_an_insertion_not_a_change():
    steps = align_sentences(["雄安新区设立。"], ["牛鼻子。"])
    assert [s.op for s in steps] == ["delete", "insert"]


def test_rewritten_sentences_pair_in_order_with_the_most_alike():
    a = ["保定市经济总量达到5002.5亿元。", "完全不同的一句话。"]
    b = ["另一句毫无关系。", "保定市经济总量达到5100亿元。"]
    changes = [(s.a, s.b) for s in align_sentences(a, b) if s.op == "change"]
    assert changes == [(0, 1)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_a_text_diff_rebuilds_both_sides(a, b):
    ops = diff_text(a, b)
    assert rebuilt(ops, "a") == a and rebuilt(ops, "b") == b


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="京津冀12.%发展。", max_size=8), max_size=8),
       st.lists(st.text(alphabet="京津冀12.%发展。", max_size=8), max_size=8))
def test_sentence_alignment_rebuilds_both_sides(a, b):
    steps = align_sentences(a, b)
    assert [s.a_text for s in steps if s.op != "insert"] == a
    assert [s.b_text for s in steps if s.op != "delete"] == b
    assert [s.a for s in steps if s.a is not None] == list(range(len(a)))
    for step in (s for s in steps if s.op == "change"):
        assert rebuilt(step.parts, "a") == step.a_text and rebuilt(step.parts, "b") == step.b_text


# ------------------------------------------------------------------ claims


def test_figures_pair_by_metric_and_subject_changed_same_and_only():
    a = [figure(34.8, claim=1), figure(319, metric="转化京津技术成果", unit="项", claim=2),
         figure(638e4, metric="河北实施营造林", unit="亩", claim=3)]
    b = [figure(36.2, metric="河北省吸纳京津技术合同成交额增长", claim=11),
         figure(319, metric="转化京津技术成果", unit="项", claim=12),
         figure(267, metric="优良天数", unit="天", claim=13)]
    result = diff_quantities(a, b)
    assert [(p.a.id, p.b.id, p.difference, p.direction) for p in result.changed] == [(1, 11, 1.4, "up")]
    assert [(p.a.id, p.b.id) for p in result.same] == [(2, 12)]
    assert [f.id for f in result.only_a] == [3] and [f.id for f in result.only_b] == [13]


def test_figures_of_another_subject_or_unit_never_pair():
    a = [figure(34.8, subject="河北")]
    b = [figure(30.0, subject="保定"), figure(103.89e8, unit="元")]
    result = diff_quantities(a, b)
    assert not result.changed and not result.same and len(result.only_b) == 2


def test_a_figure_pairs_with_the_one_of_the_same_date_first():
    a = [figure(3748.6, metric="经济总量", unit="亿元", as_of="2020", claim=1),
         figure(5002.5, metric="经济总量", unit="亿元", as_of="2025", claim=2)]
    b = [figure(5002.5, metric="经济总量", unit="亿元", as_of="2025", claim=11)]
    result = diff_quantities(a, b)
    assert [(p.a.id, p.b.id) for p in result.same] == [(2, 11)] and [f.id for f in result.only_a] == [1]


def test_targets_change_with_their_deadline():
    a = [figure(5, metric="研发投入强度", kind="target", deadline="2025", as_of=None)]
    b = [figure(5, metric="研发投入强度", kind="target", deadline="2027", as_of=None)]
    result = diff_quantities(a, b)
    assert len(result.changed) == 1 and result.changed[0].direction == "same"


def test_a_drop_is_down():
    result = diff_quantities([figure(80.0)], [figure(75.5)])
    assert (result.changed[0].difference, result.changed[0].direction) == (-4.5, "down")


def test_milestones_shared_when_dates_agree_and_texts_tell_one_event():
    symposium = "习近平总书记在河北考察并主持召开深入推进京津冀协同发展座谈会时强调"
    a = [milestone("2023-05", symposium, 1), milestone("2015", "设立的北京·沧州渤海新区生物医药产业园", 2)]
    b = [milestone("2023-05-12", "深入推进京津冀协同发展座谈会", 11), milestone("2024-05", symposium, 12)]
    result = diff_milestones(a, b)
    assert [(m.a.id, m.b.id, m.date) for m in result.shared] == [(1, 11, "2023-05-12")]
    assert [f.id for f in result.only_a] == [2] and [f.id for f in result.only_b] == [12]


@pytest.mark.parametrize("a, b, variant", [
    ("京津研发、河北转化", "京津研发、保定转化", True),
    ("京津研发、河北转化", "京津研发、保定转化,雄安创新、保定制造", True),
    ("六链五群", "五群六链五廊", True),
    ("六链五群", "五群六鏈五廊", True),
    ("十四五", "十五五", False),  # two plan periods, not one slogan reworded
    ("中等竞争力", "京津冀最具生活成本竞争力", False),
    ("河北福嫂", "雄才计划", False),
])
def test_formulation_variants(a, b, variant):
    result = diff_formulations([slogan(a)], [slogan(b)])
    assert bool(result.variants) is variant
    assert len(result.only_a) == len(result.only_b) == (0 if variant else 1)


@pytest.mark.parametrize("a, b, parts", [
    ("京津研发、河北转化", "京津研发、保定转化",
     [("equal", "京津研发、"), ("delete", "河北"), ("insert", "保定"), ("equal", "转化")]),
    ("京津研发、河北转化", "京津研发、保定转化,雄安创新、保定制造",
     [("equal", "京津研发、"), ("delete", "河北"), ("insert", "保定"), ("equal", "转化"),
      ("insert", ",雄安创新、保定制造")]),
    ("六链五群", "五群六鏈五廊", [("insert", "五群"), ("equal", "六链五"), ("delete", "群"), ("insert", "廊")]),
])
def test_formulation_variant_is_a_character_diff(a, b, parts):
    (variant,) = diff_formulations([slogan(a)], [slogan(b)]).variants
    assert [(p.op, p.text) for p in variant.parts] == parts


def test_formulations_compare_across_scripts_and_count_repeats():
    result = diff_formulations([slogan("五群六链五廊"), slogan("牛鼻子"), slogan("牛鼻子")],
                               [slogan("五群六鏈五廊"), slogan("牛鼻子")])
    assert [(a.surface, b.surface) for a, b in result.shared] == [("五群六链五廊", "五群六鏈五廊"), ("牛鼻子", "牛鼻子")]
    assert [a.count for a, _ in result.shared] == [1, 2]
    assert not (result.only_a or result.only_b or result.variants)


@pytest.mark.parametrize("a, b, expected", [
    ("2024-01-01", "2024-03-15", "74 days apart"),
    ("2026-02-26", "2026-02-25", "1 day apart"),
    ("2023-05", "2025-08-01", "2 years 3 months apart"),
    ("2025-05", "2024-05", "1 year apart"),
    ("2024-05", "2024-06", "1 month apart"),
    ("2024", "2026-02-26", "2 years apart"),
    ("2024", "2024", "the same year"),
    ("2024-05-12", "2024-05-12", "the same day"),
    (None, "2024", None),
])
def test_how_far_apart(a, b, expected):
    assert apart(a, b) == expected


def test_an_article_against_itself_is_identical():
    facts = [figure(34.8, claim=1), slogan("六链五群", 2), milestone("2023-05", "座谈会", 3),
             figure(5, kind="target", deadline="2025", claim=4)]
    one = side_of(["京津冀协同发展。", "增长34.8%。", "京津冀协同发展。"], facts)
    result = diff_articles(one, one)
    assert result.identical
    assert len(result.figures.same) == 1 and len(result.targets.same) == 1
    assert len(result.milestones.shared) == 1 and len(result.formulations.shared) == 1
    assert [s.op for s in result.text] == ["equal"] * 3 and result.to_dict()["text"] == []


# -------------------------------------------------------------------- CLI

runner = CliRunner()
KEYS = ["a", "b", "figures", "targets", "milestones", "formulations", "text", "swapped"]


def run(*args, db, columns=100):
    return runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": str(columns)})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("diff") / "t.db"
    result = run("ingest", str(SEEDS), "--jobs", "1", db=db)
    assert result.exit_code == 0, result.output
    return db


def diff_json(seeded, *args):
    result = run("diff", *args, "--format", "json", db=seeded)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_shape(seeded):
    data = diff_json(seeded, "001_015af695a5ec415d", "003_96270f4216e9840f")
    assert list(data) == KEYS
    assert set(data["a"]) == set(data["b"]) == {"id", "title", "path", "published", "precision"}
    for part in ("figures", "targets"):
        assert list(data[part]) == ["changed", "same", "only_a", "only_b"]
    assert list(data["milestones"]) == ["shared", "only_a", "only_b"]
    assert list(data["formulations"]) == ["shared", "only_a", "only_b", "variants"]
    assert isinstance(data["text"], list)


def test_the_older_article_is_a_whichever_order_they_are_given_in(seeded):
    forward = diff_json(seeded, "003_96270f4216e9840f", "001_015af695a5ec415d")
    backward = diff_json(seeded, "001_015af695a5ec415d", "003_96270f4216e9840f")
    assert (forward["swapped"], backward["swapped"]) == (False, True)
    assert {**backward, "swapped": False} == forward
    assert backward["a"]["published"] == "2024" and backward["b"]["published"] == "2025-05"
    result = run("diff", "001_015af695a5ec415d", "003_96270f4216e9840f", db=seeded, columns=120)
    assert "003_96270f4216e9840f is older than 001_015af695a5ec415d" in result.output


def test_two_articles_on_coordinated_development(seeded):
    data = diff_json(seeded, "003_96270f4216e9840f", "001_015af695a5ec415d")
    assert data["b"]["path"].endswith("001_015af695a5ec415d.txt")
    assert data["a"]["path"].endswith("003_96270f4216e9840f.txt")
    (symposium,) = [m for m in data["milestones"]["shared"] if "座谈会" in m["event"]]
    assert symposium["date"].startswith("2023-05")
    assert "京津冀协同发展" in symposium["a"]["sentence"] and "京津冀协同发展" in symposium["b"]["sentence"]
    assert {"牛鼻子", "卡点", "堵点"} <= {f["simplified"] for f in data["formulations"]["shared"]}
    assert all(step["op"] == "change" for step in data["text"])
    assert any("座谈会" in step["a_text"] and "座谈会" in step["b_text"] for step in data["text"])


def test_traditional_against_simplified_compares_simplified_forms(seeded):
    data = diff_json(seeded, "000_2a7e4b1a25bea300", "002_28d01b229fcb1637")
    assert {"微中心", "7+20+N"} <= {f["simplified"] for f in data["formulations"]["shared"]}
    # The byline 河北日報記者 王靜超 寇國瑩 meets 河北日报寇国莹 only once both are simplified.
    (byline,) = [s for s in data["text"] if "寇国莹" in s["b_text"]]
    assert {"op": "equal", "text": "寇国莹"} in byline["parts"]
    assert all("報" not in s["b_text"] for s in data["text"])


def test_a_reworded_slogan_across_scripts(seeded):
    data = diff_json(seeded, "003_96270f4216e9840f", "002_28d01b229fcb1637")
    variants = {(v["a"]["simplified"], v["b"]["simplified"]): v for v in data["formulations"]["variants"]}
    variant = variants[("六链五群", "五群六链五廊")]
    assert variant["b"]["surface"] == "五群六鏈五廊"


def test_table_shows_sections_and_fits_80_columns(seeded):
    result = run("diff", "003_96270f4216e9840f", "001_015af695a5ec415d", db=seeded, columns=80)
    assert result.exit_code == 0, result.output
    for heading in ("figures", "targets", "milestones", "formulations", "text", "1 year apart"):
        assert heading in result.output
    assert "[-去-]{+2023+}年5月" in result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80


def test_full_text_lists_every_sentence(seeded):
    short = run("diff", "1", "4", db=seeded).output
    full = run("diff", "1", "4", "--text", db=seeded).output
    assert len(full.splitlines()) > len(short.splitlines())
    data = diff_json(seeded, "1", "4", "--text")
    assert {s["op"] for s in data["text"]} >= {"delete", "insert"}


def test_output_is_stable(seeded):
    first = run("diff", "2", "4", "--format", "json", db=seeded).output
    assert run("diff", "2", "4", "--format", "json", db=seeded).output == first


def test_an_article_against_itself_shows_no_changes(seeded):
    result = run("diff", "000_2a7e4b1a25bea300", "1", db=seeded)
    assert result.exit_code == 0 and "no changes" in result.output
    data = diff_json(seeded, "000_2a7e4b1a25bea300", "000_2a7e4b1a25bea300")
    for part in ("figures", "targets"):
        assert not data[part]["changed"] and not data[part]["only_a"] and not data[part]["only_b"]
        assert data["figures"]["same"]
    assert not data["milestones"]["only_a"] and not data["milestones"]["only_b"]
    assert not data["formulations"]["variants"] and not data["formulations"]["only_a"]
    assert data["text"] == []


def test_unknown_article_is_one_line_and_exit_1(seeded):
    result = run("diff", "1", "no-such-article", db=seeded)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: no article called 'no-such-article'; `tracker sources` lists ids, names and hashes"]


def test_help_has_an_example():
    result = runner.invoke(app, ["diff", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0 and "Example: tracker diff" in result.output
