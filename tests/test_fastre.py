"""The first-character gate must speed patterns up without changing a single match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tracker.extract import claims, markers, places
from tracker.extract import quantities
from tracker.read import sentences
from tracker.extract import timex
from tracker.extract.fastre import compile_gated, first_characters, translate_chars
from tracker.read.script import simplify

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("pattern, expected", [
    (r"年", "年"),
    (r"[0-9一二]月", "0-9一二"),
    (r"(?<![\d.])\d{4}年", r"\d"),
    (r"(?P<prefix>党的|中共)?二十大", "中二党"),
    (r"百分之\d+|\d+%", r"\d百"),
    (r"(?:上午|下午)?\d+时", r"\d上下"),
])
def test_first_characters_of_real_shapes(pattern, expected):
    assert set(re.findall(r"\\.|.-.|.", first_characters(pattern))) == set(re.findall(r"\\.|.-.|.", expected))


@pytest.mark.parametrize("pattern", [r"\d*", r"[^，]+", r"(?P<x>a)?(?P=x)b", r".年", r"(?:年)?"])
def test_patterns_whose_first_characters_cannot_be_listed_stay_ungated(pattern):
    assert first_characters(pattern) is None
    assert compile_gated(pattern).pattern == pattern


def test_special_characters_are_escaped_in_the_gate():
    gated = compile_gated(r"[\]\-^\\]x")
    assert [m.group() for m in gated.finditer("a]x-x^x\\xb")] == ["]x", "-x", "^x", "\\x"]


def _the_tools_patterns() -> list[re.Pattern]:
    found = list(timex._patterns().values())
    found += [quantities._quantity_re(), quantities._non_number_re(), quantities._candidate_re(),
              quantities._quoted_re(), quantities._fixed_re(), quantities._word_re("change_words")]
    found += [markers._any_marker(), places.place_re(), claims._QUOTE, claims._TITLE, claims._CAPTION,
              sentences._BOUNDARY]
    return found


def _ungated(pattern: re.Pattern) -> re.Pattern:
    text = pattern.pattern
    if not text.startswith("(?=["):
        return pattern
    return re.compile(text[text.index("])(?:") + 5:-1], pattern.flags)


def _matches(pattern: re.Pattern, text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


def test_the_tools_patterns_are_gated():
    gated = [p for p in _the_tools_patterns() if p.pattern.startswith("(?=[")]
    assert len(gated) >= len(_the_tools_patterns()) - 2


def test_gating_changes_no_match_on_the_seeds():
    text = timex.fold(quantities.normalise(simplify("\n".join(
        p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))))))
    for pattern in _the_tools_patterns():
        assert _matches(pattern, text) == _matches(_ungated(pattern), text), pattern.pattern[:60]


_ALPHABET = "0123456789.,-%年月日号第十百千万亿一二三两四五六七八九〇个家项人元“”《》，。；今去明上下半季度以来党的二十大届全会到至约超近余多以上内京津冀河北雄安 \n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_gating_changes_no_match_on_arbitrary_text(text):
    for pattern in _the_tools_patterns():
        assert _matches(pattern, text) == _matches(_ungated(pattern), text)


def test_translate_chars_is_translate():
    pairs = {"０": "0", "１": "1", "，": ","}
    text = "２０２４年，全市１０个"
    assert translate_chars(text, pairs) == text.translate(str.maketrans(pairs))
