"""The clues a document's own words give about its date, for :mod:`tracker.read.dating` to weigh.

Each clue fixes a year (a *point*), or bounds the date from below (*after*: a past
reference) or from above (*before*: a forward reference), with a weight — 3 for points,
2 for marked references, 1 for bare mentions with no word of tense — and the words that
say so.  The finders:

* ``anniversary_clues`` — ``实施12周年`` / ``11年来`` of a programme → start year + N;
* ``event_link_clues`` — ``去年5月…座谈会`` (a dated event of that month) → its year less the offset;
* ``structure_clues`` — a report's headings: a review of a year (``一、2008年工作回顾``,
  ``“十一五”时期…的回顾``) is a lower bound, a plan of a year (``二、2009年工作总体部署``) an
  upper bound, and the two together (or one of them with ``过去一年`` / ``今年``) fix the year
  planned;
* ``past_clues`` — named events, full-year statistics, dates in sentences that do not look forward;
* ``forward_clues`` — deadlines (``到2020年``, ``2025年底前``), events being readied
  (``2010年上海世界博览会的准备工作``), plan periods being drawn up (``谋划十五五``).

Reads data/target_markers.tsv, data/statistic_words.tsv, data/past_markers.tsv,
data/dating_words.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..dates import PartialDate
from ..knowledge import words, words_with_role
from ..models import Layout, TimeMention
from ..extract.timex import find_times, programme_years, relative_years

HEADING_MAX_CHARS = 40
_HEADING_PUNCT = re.compile(r"[，。；！？,;!?]")
_CLAUSE_MARKS = "，。；：,;:\n"
_SENTENCE_SPLIT = re.compile(r"[^。！？!?\n]+[。！？!?]?")

# Words that make a sentence forward-looking, so its dates are targets, not history:
# the target markers of data/target_markers.tsv (but 要, too common alone) and deadlines.
_DEADLINES = r"到\d{4}年|到20|(?<!截)至\d{4}年|以前|之前|前完成|目标"


@lru_cache(maxsize=1)
def future() -> re.Pattern:
    markers = [w for w in words("target_markers") if len(w) > 1 or w == "将"]
    markers += list(words_with_role("dating_words", "future"))
    return re.compile("|".join([re.escape(w) for w in markers] + [_DEADLINES]))


def _alternation(role: str) -> str:
    return "|".join(re.escape(w) for w in words_with_role("dating_words", role))


@lru_cache(maxsize=None)
def _role(role: str) -> re.Pattern:
    return re.compile(_alternation(role))


@lru_cache(maxsize=1)
def _past() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words("past_markers")))


@lru_cache(maxsize=1)
def _deadline_heads() -> re.Pattern:
    return re.compile(f"(?:{_alternation('deadline_head')})$")


@lru_cache(maxsize=1)
def _deadline_tails() -> re.Pattern:
    return re.compile(f"(?:{_alternation('deadline_tail')})")


# A full-year statistic reports a completed figure: a verb, and a number with its measure.
@lru_cache(maxsize=1)
def _stat_verb() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words_with_role("statistic_words", "verb")))


@lru_cache(maxsize=1)
def _figure() -> re.Pattern:
    measures = "|".join(re.escape(w) for w in words_with_role("statistic_words", "measure"))
    return re.compile(rf"\d[\d.]*\s*(?:{measures})")


# 至 covers 截至2024年, still a full-year figure.
_CLAUSE_OPENERS = frozenset("，。；、：\n,;:（(“\"至")


@dataclass(frozen=True)
class Clue:
    """One piece of body evidence: a date it fixes or bounds, how strongly, and the words that say so."""

    date: PartialDate
    strength: str  # "point" (names the year), "after" (not before date), "before" (not after date)
    weight: int  # 3 points, 2 marked references, 1 bare mentions
    quote: str
    why: str

    @property
    def year(self) -> int:
        return self.date.year


# ---------------------------------------------------------------- the body and its sentences

def blank_furniture(text: str, layout: Layout, start: int) -> str:
    """Return the text from ``start`` to the body's end, with furniture in it blanked out."""
    chars = list(text[start:layout.body_end])
    for f_start, f_end in layout.furniture:
        for i in range(max(f_start, start), min(f_end, layout.body_end)):
            chars[i - start] = " "
    return "".join(chars)


def sentences(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_SPLIT.finditer(body)]


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return pos, pos


def _clause_of(body: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """Return the clause (between commas and the like) holding ``start:end``."""
    lo = max(body.rfind(mark, sentence[0], start) for mark in _CLAUSE_MARKS) + 1
    his = [body.find(mark, end, sentence[1]) for mark in _CLAUSE_MARKS]
    return max(lo, sentence[0]), min([h for h in his if h >= 0] or [sentence[1]])


def anniversary_clues(body: str) -> Iterable[Clue]:
    for _, _, surface, year in programme_years(body):
        yield Clue(PartialDate(year), "point", 3, surface, f"programme anniversary '{surface}' → {year}")


def event_link_clues(body: str, events: list[TimeMention], spans) -> Iterable[Clue]:
    """Tie 去年5月 to a dated event of that month in the same sentence: the event's year less the offset.

    A relative year without a month (今年要贯彻…全会精神) is no link: a text names past events
    in any later year.
    """
    for start, _, surface, offset, month in relative_years(body):
        sentence = sentence_of(spans, start)
        for event in events:
            date = PartialDate.parse(event.value)
            same_sentence = sentence[0] <= event.start < sentence[1]
            if same_sentence and month is not None and month == date.month:
                year = date.year - offset
                yield Clue(PartialDate(year), "point", 3, f"{surface}…{event.surface}",
                            f"'{surface}' names {event.surface} ({event.value}) → {year}")


def _is_statistic(body: str, mention: TimeMention, sentence: tuple[int, int]) -> bool:
    """Tell a full-year statistic (2024年，河北引进…332家) from any other year mention."""
    opens_clause = mention.start == 0 or body[mention.start - 1] in _CLAUSE_OPENERS
    if not opens_clause:
        # 雄安新区2023年完成投资…: a short subject may stand before the year.
        clause_start = max(body.rfind(mark, sentence[0], mention.start) for mark in _CLAUSE_OPENERS) + 1
        prefix = body[max(clause_start, sentence[0]):mention.start]
        opens_clause = 0 < len(prefix) <= 8 and not re.search(r"\d|[于在从自到]$", prefix)
    rest = body[mention.end:sentence[1]]
    return opens_clause and bool(_stat_verb().search(rest)) and bool(_figure().search(rest))


def past_clues(body: str, mentions: list[TimeMention], spans) -> Iterable[Clue]:
    """Past references: named events, full-year statistics and other dates in sentences that look back."""
    for mention in mentions:
        sentence = sentence_of(spans, mention.start)
        if future().search(body[sentence[0]:sentence[1]]) or _forward(body, mention, spans):
            continue
        if mention.kind == "event":
            yield Clue(PartialDate.parse(mention.value), "after", 2, mention.surface,
                        f"refers to {mention.surface} ({mention.value})")
        elif mention.kind in ("point", "since") and mention.precision in ("year", "month", "day"):
            date = PartialDate.parse(mention.value)
            if mention.precision == "year" and mention.kind == "point" and _is_statistic(body, mention, sentence):
                yield Clue(PartialDate(date.year + 1), "after", 2, mention.surface,
                            f"full-year statistic for {date.year}")
                continue
            clause = _clause_of(body, sentence, mention.start, mention.end)
            marked = mention.kind == "since" or bool(_past().search(body[clause[0]:clause[1]]))
            why = "as past" if marked else "with no word of tense"
            yield Clue(date, "after", 2 if marked else 1, mention.surface, f"mentions {mention.surface} {why}")


def forward_clues(body: str, mentions: list[TimeMention], spans) -> Iterable[Clue]:
    """Forward references: deadlines and events or plans still being readied bound the date from above."""
    for mention in mentions:
        clue = _forward(body, mention, spans)
        if clue:
            yield clue


def _forward(body: str, mention: TimeMention, spans) -> Optional[Clue]:
    """The forward reference ``mention`` makes, if it makes one."""
    if mention.kind not in ("point", "period") or mention.relative:
        return None
    sentence = sentence_of(spans, mention.start)
    clause = _clause_of(body, sentence, mention.start, mention.end)
    before, after = body[clause[0]:mention.start], body[mention.end:clause[1]]
    if _past().search(body[clause[0]:clause[1]]):
        return None
    if mention.kind == "period":
        start = int(mention.value.split("/")[0])
        # A plan is drawn up before its period and adopted early in its first year.
        if _role("period_prepare").search(body[clause[0]:clause[1]]):
            return Clue(PartialDate(start), "before", 2, mention.surface,
                        f"readies the plan of {mention.surface} (from {start})")
        return None
    date = PartialDate.parse(mention.value)
    if _role("prepare").search(after):
        quote = body[mention.start:min(clause[1], mention.end + 12)]
        return Clue(date, "before", 2, quote, f"readies an event of {date.iso} ahead of time")
    if _deadline_head(before) or _deadline_tail(after):
        quote = body[max(clause[0], mention.start - 4):mention.end + 3]
        return Clue(date, "before", 2, quote.strip(), f"a deadline of {date.iso}, still ahead")
    return None


def _deadline_head(before: str) -> bool:
    """True when the clause up to a date reads as a deadline's opening (到, 力争到, 我国到)."""
    before = before.strip(" \u3000")
    m = _deadline_heads().search(before)
    return bool(m) and (m.start() == 0 or (m.start() <= 8 and not re.search(r"\d", before)))


def _deadline_tail(after: str) -> bool:
    m = _deadline_tails().match(after)
    return bool(m) and not after[m.end():m.end() + 1] == "后"


# ---------------------------------------------------------------- the report's own structure

def _headings(body: str) -> Iterable[tuple[int, str]]:
    """Short lines with no sentence punctuation: section headings (一、2008年工作回顾)."""
    at = 0
    for line in body.split("\n"):
        stripped = line.strip(" \u3000")
        if stripped and len(stripped) <= HEADING_MAX_CHARS and not _HEADING_PUNCT.search(stripped):
            yield at, stripped
        at += len(line) + 1


def _heading_year(heading: str, word_at: int, review: bool) -> Optional[tuple[int, bool, str]]:
    """The year a heading is about, before its review or plan word: (year, relative, surface).

    A relative year (过去一年, 一年来, 今年) gives its offset from the document's own year and
    ``True``.  A plan period is reviewed as its last year; planned, it is not one year's plan
    and gives None (its end bounds the date: see ``structure_clues``).
    """
    before = heading[:word_at]
    for mention in find_times(before, None):
        if mention.kind == "period":
            return (int(mention.value.split("/")[1]), False, mention.surface) if review else None
        if mention.kind == "point" and mention.precision == "year" and not mention.relative:
            return int(mention.value), False, mention.surface
    for _, _, surface, offset, month in relative_years(before):
        if month is None:
            return offset, True, surface
    last_year = _role("last_year").search(before)
    return (-1, True, last_year.group()) if last_year else None


def structure_clues(body: str) -> Iterable[Clue]:
    """A report that reviews one year and plans the next is from the year it plans.

    A review heading alone bounds the date from below (the year reviewed is under way or
    over), a plan heading from above (the year planned is not over); the two together fix
    it: reviews 2008 and plans 2009 → 2009, and so do 过去一年 + 2009年 or 2008年 + 今年.
    """
    reviews, plans = [], []
    for _, heading in _headings(body):
        review = _role("review").search(heading)
        plan = None if review else _role("plan").search(heading)
        found = review or plan
        year = _heading_year(heading, found.start(), bool(review)) if found else None
        if year is None:
            if plan:
                yield from _period_plan(heading, plan.start())
            continue
        (reviews if review else plans).append((year, heading))
        value, relative, surface = year
        if not relative and review:
            yield Clue(PartialDate(value), "after", 2, heading, f"reviews {surface}")
        elif not relative:
            yield Clue(PartialDate(value), "before", 2, heading, f"plans the work of {surface}")
    for (r_value, r_rel, r_surface), r_heading in reviews:
        for (p_value, p_rel, p_surface), p_heading in plans:
            if r_rel and p_rel:
                continue
            year = p_value if not p_rel else r_value + 1
            if (r_rel and r_value != -1) or (p_rel and p_value != 0) or (not r_rel and r_value + 1 != year):
                continue
            yield Clue(PartialDate(year), "point", 3, f"{r_heading}…{p_heading}",
                        f"reviews {r_surface} and plans {p_surface} → {year}")


def _period_plan(heading: str, word_at: int) -> Iterable[Clue]:
    """A heading that plans a whole period (“十一五”时期的主要任务) is no later than its end."""
    for mention in find_times(heading[:word_at], None):
        if mention.kind == "period":
            end = int(mention.value.split("/")[1])
            yield Clue(PartialDate(end), "before", 2, heading, f"plans the period {mention.surface}")
            return
