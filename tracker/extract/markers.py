"""Forward-looking markers and deadlines: is a clause a target, how firm, by when; is a date past.

Reads data/target_markers.tsv, data/past_markers.tsv, data/state_times.tsv,
data/deadline_words.tsv, data/event_verbs.tsv, data/time_words.tsv, data/present_words.tsv
and data/programmes.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..dates import PartialDate
from ..knowledge import load_table, words
from ..models import TimeMention
from .fastre import compile_gated, word_trie
from .metrics import COMMA, SENTENCE_BREAK

YEARS_WITHIN = re.compile(r"([一二两三四五六七八九十\d]{1,3})年(?:内|行动|计划|攻坚|“)")
DEADLINE_HEAD = re.compile(r"^[“\"「『‘\s]*(?:力争|争取|计划|预计|确保)?(到|至|在)?")


@lru_cache(maxsize=1)
def _markers() -> tuple[dict, ...]:
    return load_table("target_markers", ("word", "strength", "scope"))


@lru_cache(maxsize=1)
def _event_verbs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = load_table("event_verbs", ("word",))
    return tuple((r["word"], _exceptions(r)) for r in rows)


def _exceptions(row: dict) -> tuple[str, ...]:
    return tuple(w for w in row.get("except", "").split(",") if w)


def find_word(text: str, word: str, exceptions: tuple[str, ...] = (), start: int = 0,
              end: Optional[int] = None) -> int:
    """First offset of ``word`` in ``text[start:end]`` that is not inside one of ``exceptions``."""
    end = len(text) if end is None else end
    at = text.find(word, start, end)
    while at >= 0:
        if not any(_covers(text, at, len(word), compound) for compound in exceptions):
            return at
        at = text.find(word, at + 1, end)
    return -1


def _covers(text: str, at: int, size: int, compound: str) -> bool:
    """True when ``compound`` occurs in ``text`` over the span [at, at+size)."""
    lo = max(0, at - len(compound) + size)
    spot = text.find(compound, lo, at + len(compound))
    return 0 <= spot <= at and spot + len(compound) >= at + size


@lru_cache(maxsize=None)
def _word_set(table: str) -> tuple[str, ...]:
    return words(table)


def has_any(text: str, table: str, end: Optional[int] = None) -> bool:
    """Whether ``text[:end]`` holds a word of ``table``: one trie scan, not a find per word."""
    pattern = _words_re(table)
    return pattern is not None and pattern.search(text, 0, len(text) if end is None else end) is not None


@lru_cache(maxsize=None)
def _words_re(table: str) -> Optional[re.Pattern]:
    return compile_gated(word_trie(_word_set(table))) if _word_set(table) else None


@lru_cache(maxsize=1)
def _marker_rows() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    return tuple((r["word"], r["strength"], r["scope"], _exceptions(r)) for r in _markers())


@lru_cache(maxsize=1)
def _any_marker() -> re.Pattern:
    # One pass over the text rules out most sentences before the per-word checks.
    return compile_gated(word_trie(r[0] for r in _marker_rows()))


def sentence_markers(text: str) -> tuple[Optional[str], Optional[str]]:
    """The strength of the first paragraph-wide marker, and of the first sentence-wide one."""
    if not _any_marker().search(text):
        return None, None
    paragraph = sentence = None
    for word, strength, row_scope, exceptions in _scoped_rows(("sentence", "paragraph")):
        if (row_scope == "paragraph" and paragraph) or (row_scope == "sentence" and sentence):
            continue
        if word in text and find_word(text, word, exceptions) >= 0:
            sentence = sentence or strength
            if row_scope == "paragraph":
                paragraph = strength
            if paragraph and sentence:
                break
    return paragraph, sentence


@lru_cache(maxsize=None)
def _scoped_rows(scopes: tuple[str, ...]) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The marker rows of some scopes, in the table's order (the first found wins)."""
    return tuple(row for row in _marker_rows() if row[2] in scopes)


def has_clause_marker(text: str) -> bool:
    return clause_marker_strength(text) is not None


@lru_cache(maxsize=4096)  # asked again of each earlier clause for every number after it
def clause_marker_strength(text: str) -> Optional[str]:
    """The firmest clause marker in ``text`` (今年要确保…: 确保), by the table's rank."""
    if not _any_marker().search(text):
        return None
    found = None
    for word, strength, _scope, exceptions in _scoped_rows(("clause",)):
        if word in text and (found is None or strength_rank(strength) > strength_rank(found)) \
                and find_word(text, word, exceptions) >= 0:
            found = strength
    return found


@lru_cache(maxsize=None)
def strength_rank(strength: Optional[str]) -> int:
    """确保 4 > 力争 3 > 预期 2 > 拟 1 (data/target_markers.tsv, column rank; empty = 2)."""
    ranks = [int(r["rank"]) for r in _markers() if r["strength"] == strength and r.get("rank")]
    return max(ranks) if ranks else 2


def firmest(*strengths: Optional[str]) -> Optional[str]:
    """The firmest of several strengths (the first among equals)."""
    present = [s for s in strengths if s]
    return max(present, key=strength_rank) if present else None


def is_future(mention: TimeMention, anchor: Optional[PartialDate]) -> bool:
    """A date still ahead of the anchor: 明年6月, 今年10月 or 今年下半年 in a March text."""
    if anchor is None or mention.kind not in ("point", "since"):
        return False
    try:
        date = PartialDate.parse(date_part(mention.value))
    except ValueError:
        return False
    if date.first_day() > anchor.last_day():
        return True
    row = _time_word_rows().get(next((w for w in _time_word_rows() if mention.surface.endswith(w)), ""), {})
    first = row.get("first_month")
    return bool(first) and date.year == anchor.year and anchor.month is not None and int(first) > anchor.month


@lru_cache(maxsize=1)
def _time_word_rows() -> dict[str, dict]:
    return {row["word"]: row for row in load_table("time_words", ("word", "kind")) if row.get("first_month")}


def sets_deadline(text: str, mention: TimeMention) -> bool:
    """到2027年, 至2025年底, 今年年底前: a point in time that something must be done by."""
    before = text[max(0, mention.start - 3):mention.start]
    after = text[mention.end:mention.end + 1]
    if before.endswith(AS_AT):
        return False  # 截至2024年底: the date of a statistic
    return mention.kind == "point" and (before.endswith(("到", "至", "在")) or after in ("前", "底"))


def done_by(text: str, mention: TimeMention) -> bool:
    """到2035年 / 2025年底前: the time something is to be done by, not when it happened."""
    before = text[max(0, mention.start - 3):mention.start]
    return mention.kind == "point" and not before.endswith(AS_AT) and (
        before.endswith(("到", "至")) or text[mention.end:mention.end + 1] == "前")


AS_AT = ("截至", "截止", "截止到", "截至到")


def _deadline(text: str, times: list[TimeMention], anchor: Optional[PartialDate]) -> Optional[str]:
    """The deadline a forward-looking sentence sets: 到2027年, 三年内, 今年, 开局之年."""
    for mention in times:
        if sets_deadline(text, mention):
            return year_or_date(mention.value)
        if mention.kind == "period" and "/" in mention.value and anchor and \
                int(mention.value[-4:]) >= anchor.year and "期间" not in text[mention.end:mention.end + 3]:
            return mention.value[-4:]
    if anchor is None:
        return None
    within = YEARS_WITHIN.search(text) if "年" in text else None
    if within:
        from .quantities import parse_number

        years = parse_number(within.group(1))
        if years:
            return str(anchor.year + int(years) - 1)
    for mention in times:  # 将于今年10月投入使用: the date itself, not just its year
        if mention.kind == "point" and mention.relative and is_future(mention, anchor) \
                and not has_any(mention.surface, "state_times"):
            return year_or_date(mention.value)
    for row in load_table("deadline_words", ("word", "offset_years")):
        if row["word"] in text:
            return str(anchor.year + int(row["offset_years"]))
    for mention in times:
        if mention.kind == "point" and PartialDate.parse(date_part(mention.value)).year > anchor.year:
            return year_or_date(mention.value)
    return None


def future_deadline_first(text: str, times: list[TimeMention], anchor) -> bool:
    """到2027年，… or 2025年底前，… at the head of a sentence makes every clause after it a target."""
    head = DEADLINE_HEAD.match(text)
    return bool(head) and any(t.start == head.end() and (head.group(1) or sets_deadline(text, t))
                              and not (head.group(1) == "在" and _is_past(t, anchor)) for t in times)


def is_past(mention: TimeMention, anchor: Optional[PartialDate]) -> bool:
    """A point in time before the anchor's year (in a 2025 text, 2024年 and 去年)."""
    return _is_past(mention, anchor)


def _is_past(mention: TimeMention, anchor: Optional[PartialDate]) -> bool:
    """在2024年，… in a 2025 article tells what happened then, not what is due."""
    if anchor is None or mention.kind != "point":
        return False
    return PartialDate.parse(date_part(mention.value)).year < anchor.year


def deadline_span(text: str, times: list[TimeMention]) -> Optional[tuple[int, int]]:
    for row in load_table("deadline_words", ("word", "offset_years")):
        at = text.find(row["word"])
        if at >= 0:
            return at, at + len(row["word"])
    within = YEARS_WITHIN.search(text)
    if within:
        return within.span()
    for mention in times:
        if mention.kind in ("point", "period"):
            return mention.start, mention.end
    return None


def year_or_date(value: str) -> str:
    return value.split("/")[-1]


def date_part(value: str) -> str:
    return value.split("/")[0]


def precision_of(value: str) -> str:
    return PartialDate.parse(date_part(value)).precision


def as_of_value(mention: TimeMention, anchor: Optional[PartialDate]) -> Optional[str]:
    return as_of_with_basis(mention, anchor)[0]


def as_of_with_basis(mention: TimeMention, anchor: Optional[PartialDate],
                     text: str = "") -> tuple[Optional[str], str]:
    """The date a figure after ``mention`` describes, and why (see Claim.as_of_basis).

    stated: written out (2023年, 截至2024年底, 一季度); relative: a year word (去年, 今年以来);
    present: 目前, 当前 (the publication date); period: 十年来, 协同发展以来, “十四五”时期.
    """
    if mention.kind == "duration":
        return _duration_as_of(mention, anchor, text), "period"
    if mention.kind == "period":
        return mention.value, "period"
    if mention.kind == "since":
        if "/" in mention.value:
            return mention.value, "period"
        if anchor is None:
            return mention.value, "stated"
        year = PartialDate.parse(date_part(mention.value)).year
        if year < anchor.year and not mention.relative:
            return f"{year}/{anchor.year}", "period"  # 2020年以来
        return str(anchor.year), "relative" if mention.relative else "stated"
    if not mention.relative:
        return mention.value, "stated"
    kind = _time_word_kinds().get(mention.surface)
    if kind == "now" or mention.surface in _word_set("present_words"):
        return mention.value, "present"
    if kind == "year" or any(mention.surface.startswith(w) for w, k in _time_word_kinds().items() if k == "year"):
        return mention.value, "relative"
    if kind == "day":
        return mention.value, "relative"
    return mention.value, "stated"  # 一季度, 5月, 前10个月: written, though the year is the anchor's


@lru_cache(maxsize=1)
def _time_word_kinds() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in load_table("time_words", ("word", "kind"))}


@lru_cache(maxsize=1)
def _programme_aliases() -> tuple[tuple[str, int], ...]:
    rows = load_table("programmes", ("name", "start"))
    return tuple((alias, PartialDate.parse(r["start"]).year) for r in rows
                 for alias in [r["name"]] + [a for a in r.get("aliases", "").split("|") if a])


def _duration_as_of(mention: TimeMention, anchor: Optional[PartialDate], text: str) -> str:
    """十年来 is the ten years up to the last one; 协同发展11年来, from the programme's launch."""
    first, last = (int(part) for part in mention.value.split("/"))
    years = last - first
    head = text[max(0, mention.start - 12):mention.start]
    launched = [start for alias, start in _programme_aliases() if head.endswith(alias)]
    start = launched[0] if launched else first
    return f"{start}/{start + years - 1}"


def is_part_word(surface: str) -> bool:
    """年初, 上半年, 一季度 written alone (no year before them)."""
    return _time_word_kinds().get(surface) == "part"


def present_word_before(text: str, end: int) -> bool:
    """目前已有, 如今, 已经 in ``text[:end]``: the figure is as of the time of writing."""
    return has_any(text, "present_words", end)


@lru_cache(maxsize=1)
def _any_event_verb() -> re.Pattern:
    return compile_gated(word_trie(verb for verb, _ in _event_verbs()))


def event_clause_end(tail: str) -> Optional[int]:
    """End of the clause after a date that holds an event verb, or None if there is none.

    The verb is the earliest one not inside an exception (the first in the table among
    verbs found at the same place).  Only the places where some verb starts are tried,
    each found by one pass of all the verbs: trying each verb with its own scan was
    sixty scans per dated mention.
    """
    end = SENTENCE_BREAK.search(tail)
    limit = end.start() if end else len(tail)
    best = None
    candidates = _any_event_verb()
    found = candidates.search(tail, 0, limit)
    while found is not None and best is None:
        at = found.start()
        for verb, exceptions in _event_verbs():
            if tail.startswith(verb, at) and at + len(verb) <= limit \
                    and not any(_covers(tail, at, len(verb), compound) for compound in exceptions):
                best = (at, at + len(verb))
                break
        found = candidates.search(tail, at + 1, limit)
    if best is None:
        return None
    comma = COMMA.search(tail, best[1], limit)
    return comma.start() if comma else limit
