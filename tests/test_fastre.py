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
from tracker.extract.fastre import compile_gated, engine_skips_ahead, first_characters, required_text, \
    translate_chars, word_trie
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


def test_the_tools_patterns_are_gated_or_skipped_ahead_by_the_engine():
    fast = [p for p in _the_tools_patterns() if p.pattern.startswith("(?=[") or engine_skips_ahead(p.pattern)]
    assert len(fast) >= len(_the_tools_patterns()) - 2


@pytest.mark.parametrize("pattern, skips", [
    ("年", True), ("[0-9]月", True), ("(?P<w>今[天日]|明天)", True), ("(?:北京|天津)市", True),
    (r"(?<![\d.])\d{4}", False), ("(?:党的)?二十大", False), ("(?:北京|天?津)", False),
])
def test_the_engine_skips_ahead_on_a_leading_character_class_or_choice_of_characters(pattern, skips):
    assert engine_skips_ahead(pattern) is skips
    assert compile_gated(pattern).pattern.startswith("(?=[") is (not skips)


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


def _longest_first(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@pytest.mark.parametrize("words, expected", [
    (["北京", "北京市", "河北"], "(?:北京市?|河北)"),
    (["a", "ab", "abc", "b"], "(?:a(?:bc?)?|b)"),
    (["a.", "a*"], r"a(?:\*|\.)"),
])
def test_a_word_trie_shares_prefixes(words, expected):
    assert word_trie(words) == expected


_WORDS = st.lists(st.text(alphabet="ab北京市.*", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sampled_from(["", "(?!a)", "b", "(?=北)", "a*b"]), st.text(alphabet="ab北京市.*", max_size=20))
def test_a_word_trie_matches_and_backtracks_as_the_longest_first_alternation(words, after, text):
    # Followed by more pattern, the trie must give back a shorter word exactly when the alternation would.
    trie, alternation = re.compile(f"(?P<w>{word_trie(words)}){after}"), re.compile(f"(?P<w>{_longest_first(words)}){after}")
    assert _matches(trie, text) == _matches(alternation, text)


def test_the_word_lists_match_as_their_alternations_did_on_the_seeds():
    text = timex.fold(quantities.normalise(simplify("\n".join(
        p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))))))
    names = [name for name, _ in places._places()]
    alternation = re.compile("|".join(re.escape(name) for name in names))  # places are longest first
    assert _matches(places.place_re(), text) == _matches(alternation, text)


def _event_clause_end_verb_by_verb(tail: str):
    """What event_clause_end did before one pattern found the verbs: a scan per verb."""
    limit = min([m.start() for m in markers.SENTENCE_BREAK.finditer(tail)] + [len(tail)])
    best = None
    for verb, exceptions in markers._event_verbs():
        at = markers.find_word(tail, verb, exceptions, 0, limit)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(verb))
    if best is None:
        return None
    comma = markers.COMMA.search(tail, best[1], limit)
    return comma.start() if comma else limit


def _verb_alphabet() -> str:
    verbs = "".join(v + "".join(e) for v, e in markers._event_verbs())
    return "".join(sorted(set(verbs))) + "，。；年月日 "


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_event_verbs_found_in_one_pass_are_those_a_scan_per_verb_found(data):
    tail = data.draw(st.text(alphabet=_verb_alphabet(), max_size=30))
    assert markers.event_clause_end(tail) == _event_clause_end_verb_by_verb(tail)


@pytest.mark.parametrize("tail", ["召开了全体会议，会议强调", "，举行开幕式。此后召开", "日发布；召开", "正式印发实施，"])
def test_event_clause_end_on_real_tails(tail):
    assert markers.event_clause_end(tail) == _event_clause_end_verb_by_verb(tail)


_YEAR_LOOK_BEHIND_AFTER = re.compile(r"\(\?P<(\w+)>\\d\(\?<([!=])(\[[^\]]*\])\\d\)\\d\{3\}\)")


def _look_behind_first(pattern: str) -> str:
    """(?P<y>\\d(?<![\\d.]\\d)\\d{3}) back to the form it replaced, (?<![\\d.])(?P<y>\\d{4})."""
    return _YEAR_LOOK_BEHIND_AFTER.sub(r"(?<\2\3)(?P<\1>\\d{4})", pattern)


_YEAR_PATTERNS = ("numeric", "iso_month", "compact", "span")


def test_the_year_patterns_start_with_a_digit_the_engine_skips_to():
    for name in _YEAR_PATTERNS:
        pattern = timex._patterns()[name].pattern
        assert engine_skips_ahead(pattern) and _look_behind_first(pattern) != pattern, name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-/（()）年月日至到～ ", max_size=40))
def test_a_year_look_behind_after_the_first_digit_matches_as_before_it(text):
    for name in _YEAR_PATTERNS:
        pattern = timex._patterns()[name]
        assert _matches(pattern, text) == _matches(re.compile(_look_behind_first(pattern.pattern)), text), name


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.sampled_from(["[a]", "[北.]", "[\\d京]"]), st.text(alphabet="ab北京市.*1", max_size=20))
def test_a_look_behind_after_each_first_character_matches_as_one_before_the_words(words, not_after, text):
    trie = re.compile(f"(?P<w>{word_trie(words, not_after=not_after)})b?")
    alternation = re.compile(f"(?<!{not_after})(?P<w>{_longest_first(words)})b?")
    assert _matches(trie, text) == _matches(alternation, text)
    assert engine_skips_ahead(trie.pattern) or "" in words


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<![\d.第])(?P<n>\d{1,3}|[一二三])年前的(?P<w>今天|昨天)", "年前的"),
    (r"(?P<y>\d{4})年(?P<m>\d{1,2})?", "年"),
    (r"(?:十四五|十三五)时期", "时期"),  # a choice holds no required text, the part after it does
    (r"(?:年来)?\d+", ""),  # optional
    (r"(?:ab)+c", "ab"),  # repeated at least once
    (r"a(?=b)c", "ac"),  # a look-ahead takes no character
    (r"(?i:abc)\d", ""),  # a case-free part could match ABC
])
def test_required_text_of_real_shapes(pattern, expected):
    assert required_text(pattern) == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(timex._patterns())), st.text(alphabet="0123456789年前的今天十四五月日来以周-.第一二", max_size=30))
def test_a_text_without_the_required_text_has_no_match(name, text):
    pattern = timex._patterns()[name]
    needed = required_text(pattern.pattern)
    assert list(m.span() for m in timex._scan(name, text)) == [m.span() for m in pattern.finditer(text)]
    if pattern.search(text):
        assert needed in text
