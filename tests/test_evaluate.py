"""Gold scoring: each matching rule on synthetic cases, and the gold scored against itself."""

import json
from pathlib import Path

import pytest

from tracker import evaluate
from tracker.evaluate import (
    ArticleScore, ClaimRef, KindScore, dates_agree, locate, quotes_overlap,
    report_lines, score_article, score_corpus, score_date, to_json, values_agree,
)
from tracker.models import StoredClaim


def stored(claim: dict) -> StoredClaim:
    """A prediction as the store returns it."""
    return StoredClaim(id=1, article=1, **claim)


def claims_match(gold: dict, prediction: StoredClaim) -> bool:
    return evaluate.claims_match(ClaimRef.of_gold(gold), ClaimRef.of_stored(prediction))


def match(golds: list[dict], predictions: list[StoredClaim]) -> list[tuple[int, int]]:
    return evaluate.match([ClaimRef.of_gold(g) for g in golds], [ClaimRef.of_stored(p) for p in predictions])

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SENTENCE = "全市经济总量从2020年的3748.6亿元增长到2025年的5002.5亿元。"
TEXT = f"导航 首页 新闻\n正文开始。{SENTENCE}2月3日规划正式发布。正文结束。\n相关新闻 全市经济总量达到5002.5亿元"


def gold_figure(**fields):
    claim = {"kind": "figure", "quote": SENTENCE, "surface": "5002.5亿元", "value": 500250000000,
             "unit": "元", "qualifier": "=", "core": True}
    return {**claim, **fields}


def predicted(**fields):
    start = TEXT.find("5002.5亿元")
    claim = {"kind": "figure", "sentence": SENTENCE, "start": start, "end": start + len("5002.5亿元"),
             "surface": "5002.5亿元", "value": 5.0025e11, "unit": "元", "qualifier": "=",
             "date": None, "precision": None}
    return stored({**claim, **fields})


def gold_file(*claims, published="2026-02-26"):
    return {"source": "x.txt", "published": {"date": published},
            "body": {"first": "正文开始", "last": "正文结束。"}, "claims": list(claims)}


def score(claims, predictions, published="2026-02-26", text=TEXT):
    return score_article(gold_file(*claims), text, predictions, published)


# ---------------------------------------------------------------- figures and targets


def test_identical_figure_matches():
    result = score([gold_figure()], [predicted()])
    assert result.kind("figure") == KindScore("figure", 1, 0, 0)
    assert result.core_tp == result.core_total == 1


def test_unit_mismatch_does_not_match():
    result = score([gold_figure()], [predicted(unit="个")])
    assert result.kind("figure") == KindScore("figure", 0, 1, 1)


def test_kind_mismatch_does_not_match():
    assert not claims_match(gold_figure(), predicted(kind="target"))


@pytest.mark.parametrize("factor,agrees", [(1.004, True), (0.996, True), (1.006, False), (0.994, False)])
def test_value_tolerance_is_half_a_percent(factor, agrees):
    assert values_agree(1000.0, 1000.0 * factor) is agrees
    assert claims_match(gold_figure(), predicted(value=500250000000 * factor)) is agrees


@pytest.mark.parametrize("gold,pred,agrees", [(None, None, True), (None, 3.0, False), (3, None, False),
                                              (0, 0.0, True), (0, 0.001, False)])
def test_null_and_zero_values(gold, pred, agrees):
    assert values_agree(gold, pred) is agrees


def test_null_value_target_matches_null_prediction():
    gold = gold_figure(kind="target", value=None, unit=None, surface="2027年")
    assert claims_match(gold, predicted(kind="target", value=None, unit=None))


# ---------------------------------------------------------------- quote overlap


def test_overlap_by_containment_even_when_short():
    assert quotes_overlap("亿元增长", SENTENCE)
    assert quotes_overlap(SENTENCE, "亿元增长")


def test_overlap_by_a_run_of_eight():
    assert quotes_overlap("甲乙丙丁一二三四五六七八戊己", "子丑一二三四五六七八寅卯")


def test_no_overlap_by_a_run_of_seven():
    assert not quotes_overlap("甲乙丙丁一二三四五六七戊己", "子丑一二三四五六七寅卯")


def test_overlap_ignores_white_space_and_markup():
    assert quotes_overlap("全市经济 总量从\r\n2020年", "**全市经济总量从2020年的**")
    assert quotes_overlap("<b>全市经济总量</b>从2020年的", "全市 经济总量从2020年的3748.6亿元")


def test_overlap_ignores_script():
    traditional = "保定市委十二屆七次全會審議通過了進一步全面深化改革的《實施意見》"
    simplified = "保定市委十二届七次全会审议通过了进一步全面深化改革的《实施意见》"
    assert quotes_overlap(traditional, simplified)


def test_empty_sentence_never_overlaps():
    assert not quotes_overlap(SENTENCE, "")
    assert not quotes_overlap(SENTENCE, None)


def test_figure_in_another_sentence_does_not_match():
    assert not claims_match(gold_figure(), predicted(sentence="相关新闻 总量达到5002.5亿"))


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize("gold,pred,agrees", [
    ("2023-05", "2023-05", True),
    ("2023-05", "2023-05-12", True),    # more precise and agreeing
    ("2023-05", "2023", False),         # less precise
    ("2023-05", "2023-06-12", False),
    ("2023", "2023-11-02", True),
    ("2026-02-03", "2026-02-03", True),
    ("2026-02-03", "2026-02", False),
    ("2026-02-03", None, False),
    ("2026-02-03", "2021/2025", False),
    ("2021/2025", "2021/2025", True),
])
def test_milestone_dates_at_gold_precision(gold, pred, agrees):
    assert dates_agree(gold, pred) is agrees


def test_milestone_needs_date_and_quote():
    quote = "2月3日规划正式发布"
    gold = {"kind": "milestone", "quote": quote, "surface": "2月3日", "date": "2026-02-03"}
    start = TEXT.find(quote)
    pred = {"kind": "milestone", "sentence": quote + "。", "start": start, "end": start + 4,
            "surface": "2月3日", "date": "2026-02-03", "precision": "day"}
    assert score([gold], [stored(pred)]).kind("milestone").tp == 1
    assert score([gold], [stored({**pred, "date": "2026-02"})]).kind("milestone").tp == 0
    assert score([gold], [stored({**pred, "sentence": SENTENCE})]).kind("milestone").tp == 0


# ---------------------------------------------------------------- body and kinds


def test_predictions_outside_the_body_are_ignored():
    outside = TEXT.rfind("5002.5亿元")
    boiler = predicted(start=outside, end=len(TEXT), sentence="相关新闻 全市经济总量达到5002.5亿元")
    result = score([gold_figure()], [predicted(), boiler])
    assert result.kind("figure") == KindScore("figure", 1, 0, 0)
    assert result.outside_body == 1


def test_body_is_found_whitespace_insensitively():
    text = TEXT.replace("正文开始", "正文 开\r\n始")
    span = locate(text, "正文开始")
    assert span is not None and text[span[0]:span[1]] == "正文 开\r\n始"


def test_unfound_body_does_not_filter():
    gold = {**gold_file(gold_figure()), "body": {"first": "不在文中的开头", "last": "也不在文中的结尾"}}
    outside = TEXT.rfind("5002.5亿元")
    boiler = predicted(start=outside, end=len(TEXT))
    assert score_article(gold, TEXT, [boiler], None).kind("figure").tp == 1


def test_formulations_and_documents_are_not_scored():
    noise = [predicted(kind="formulation"), predicted(kind="document")]
    result = score([gold_figure()], [predicted(), *noise])
    assert [(k.kind, k.tp, k.fp, k.fn) for k in result.kinds] == [
        ("figure", 1, 0, 0), ("target", 0, 0, 0), ("milestone", 0, 0, 0)]


def test_empty_kind_scores_one():
    empty = KindScore("target")
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    only_wrong = KindScore("target", 0, 2, 0)
    assert (only_wrong.precision, only_wrong.recall, only_wrong.f1) == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------- one to one


def test_one_gold_matches_at_most_once():
    result = score([gold_figure()], [predicted(), predicted()])
    assert result.kind("figure") == KindScore("figure", 1, 1, 0)
    assert len(result.extra) == 1


def test_one_prediction_matches_at_most_once():
    result = score([gold_figure(), gold_figure()], [predicted()])
    assert result.kind("figure") == KindScore("figure", 1, 0, 1)
    assert len(result.missed) == 1


def test_bipartite_beats_greedy():
    # Gold A can take either prediction, gold B only the second; a greedy pass that
    # gives A the second prediction would leave B unmatched.
    run = "一二三四五六七八"
    gold_a = {"kind": "figure", "quote": "甲" + run + "乙" + "子丑寅卯辰巳午未", "surface": "3个",
              "value": 3, "unit": "个"}
    gold_b = {"kind": "figure", "quote": "子丑寅卯辰巳午未申酉", "surface": "3个", "value": 3, "unit": "个"}
    first = stored({"kind": "figure", "sentence": run, "surface": "3个", "value": 3, "unit": "个"})
    second = stored({"kind": "figure", "sentence": "子丑寅卯辰巳午未", "surface": "3个", "value": 3, "unit": "个"})
    for preds in ([second, first], [first, second]):
        assert len(match([gold_a, gold_b], preds)) == 2


def test_surface_equal_pairs_win_ties():
    gold_a = gold_figure(surface="5002.5亿元")
    gold_b = gold_figure(surface="五千亿")
    pred_a = predicted(surface="五千亿")
    pred_b = predicted(surface="5002.5亿元")
    assert match([gold_a, gold_b], [pred_a, pred_b]) == [(0, 1), (1, 0)]


# ---------------------------------------------------------------- qualifiers and dates


def test_equal_qualifiers_win_ties():
    # Two 85% targets in one sentence: the pairing should not invent qualifier mismatches.
    plain, floor = gold_figure(qualifier="="), gold_figure(qualifier=">=")
    preds = [predicted(qualifier=">="), predicted(qualifier="=")]
    assert match([plain, floor], preds) == [(0, 1), (1, 0)]
    assert score([plain, floor], preds).qualifier_mismatches == ()


def test_qualifier_mismatch_is_listed_but_still_matches():
    result = score([gold_figure(qualifier=">")], [predicted(qualifier="=")])
    assert result.kind("figure").tp == 1
    [mismatch] = result.qualifier_mismatches
    assert (mismatch.gold.qualifier, mismatch.predicted.qualifier) == (">", "=")


def test_missing_qualifier_means_plain():
    assert score([gold_figure()], [predicted(qualifier=None)]).qualifier_mismatches == ()


@pytest.mark.parametrize("gold,pred,exact,year", [
    ("2025-05", "2025-05-09", True, True),
    ("2025-05", "2025", False, True),
    ("2025-05", "2025-06", False, True),
    ("2025-05", "2024-05", False, False),
    ("2024", "2024-08-01", True, True),
    ("2026-02-26", "2026-02-26", True, True),
    ("2026-02-26", None, False, False),
])
def test_publication_date(gold, pred, exact, year):
    result = score_date(gold, pred)
    assert (result.exact, result.year) == (exact, year)


# ---------------------------------------------------------------- corpus and report


def test_corpus_is_micro_averaged_and_reported():
    good = score([gold_figure()], [predicted()], published="2026-02-26")
    bad = score([gold_figure(), gold_figure()], [predicted(unit="个")], published="2026")
    corpus = score_corpus([good, bad])
    assert corpus.kind("figure") == KindScore("figure", 1, 1, 2)
    assert (corpus.core_tp, corpus.core_total) == (1, 3)
    assert (corpus.dates_exact, corpus.dates_year, corpus.dates_n) == (1, 2, 2)
    data = to_json(corpus)
    json.dumps(data)
    assert data["kinds"]["figure"]["tp"] == 1
    lines = report_lines(corpus, misses=True)
    assert any(line.startswith("MISS x figure 5002.5亿元") for line in lines)
    assert any(line.startswith("EXTRA x figure") for line in lines)
    tail = "\n".join(lines[-10:])
    for word in ("figure", "target", "milestone", "core recall", "dates exact 1/2", "year 2/2"):
        assert word in tail


def test_report_without_misses_has_no_miss_lines():
    corpus = score_corpus([score([gold_figure()], [])])
    assert not any(line.startswith(("MISS", "EXTRA")) for line in report_lines(corpus, misses=False))


# ---------------------------------------------------------------- the gold against itself


def _gold_files():
    return sorted(GOLD_DIR.glob("0*.json")) if GOLD_DIR.is_dir() else []


def _as_predictions(gold: dict, text: str) -> list[StoredClaim]:
    predictions = []
    for claim in gold["claims"]:
        at = text.find(claim["quote"])
        start = text.find(claim["surface"], at)
        start = at if start < 0 else start
        predictions.append(stored({
            "kind": claim["kind"], "sentence": claim["quote"], "start": start,
            "end": start + len(claim["surface"]), "surface": claim["surface"],
            "value": claim.get("value"), "unit": claim.get("unit"),
            "qualifier": claim.get("qualifier"), "date": claim.get("date"), "precision": None,
        }))
    return predictions


@pytest.mark.skipif(not _gold_files(), reason="the development gold (../shared/gold) is not beside this checkout")
@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_gold_scored_against_itself_is_perfect(path):
    gold = json.loads(path.read_text("utf-8"))
    text = (SEEDS / gold["source"]).read_text("utf-8")
    result: ArticleScore = score_article(gold, text, _as_predictions(gold, text), gold["published"]["date"])
    assert [k.f1 for k in result.kinds] == [1.0, 1.0, 1.0], (result.missed, result.extra)
    assert result.core_recall == 1.0
    assert result.date.exact and result.outside_body == 0
    assert result.qualifier_mismatches == ()
