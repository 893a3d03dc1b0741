"""The publication date of an article, with its precision, basis and evidence.

How dating works, first rule that answers wins:

1. **given** — a date the user passed (``--published 2024-08``) is taken as is.
2. **explicit** — the HTML ``<meta>`` date, or a dateline in the header zone: the text
   above the body (``layout.header_end``) and the first three lines of the body.  A
   dateline is a line that holds a full date (``2026-02-26 20:42:24``, ``时间：2026-02-02``,
   ``（20240225）``, ``2024年5月16日``, ``来源：河北日报 2024-05-16``) and reads like a label, not a
   sentence: short, with no sentence punctuation.
3. **inferred** — nothing explicit, so reason from what the body says about time.
   The year comes from, in order of strength:

   * *anniversaries* of a programme in ``data/programmes.tsv`` named in the same or
     the previous sentence: ``实施12周年`` / ``11年来`` → start year + N
     (京津冀协同发展 started 2014-02-26, so ``10年来`` → 2024);
   * *a relative year tied to a dated event*: ``去年5月…深入推进京津冀协同发展座谈会``
     (2023-05-12) → 2023 + 1 = 2024;
   * *lower bounds*: a named event from ``data/calendar.tsv`` (``二十届三中全会`` → not
     before 2024); a full-year statistic (``2024年，河北引进…332家`` — a clause that opens
     with a bare year and reports a figure) → not before the next year; any other past
     date in the body → not before it.  Dates in forward-looking sentences
     (``到2027年``, ``力争``, ``将``) are no evidence.

   The year is the latest point estimate (anniversary, event link) unless a lower
   bound proves it too early; with no point estimate it is the highest lower bound.
   Only once the year is known can a month be read: the newest ``M月D日`` (or full
   date) in the body that falls in that year gives the month.  Nothing finer is
   inferred: a day mentioned in the body is an event, not the publication day.
4. **unknown** — no evidence at all.

Timestamps in page furniture (``layout.furniture``: sidebars, related-news lists) or
outside the header and body are never evidence.

Reads data/target_markers.tsv, data/statistic_words.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..errors import BadUsage
from ..knowledge import words, words_with_role
from ..dates import PartialDate
from ..models import Dating, Layout, TimeMention
from ..extract.timex import find_times, programme_years, relative_years

HEADER_BODY_LINES = 3
DATELINE_MAX_CHARS = 60
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_SENTENCE_SPLIT = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")
# Words that make a sentence forward-looking, so its dates are targets, not history:
# the target markers of data/target_markers.tsv (but 要, too common alone) and deadlines.
_DEADLINES = r"到\d{4}年|到20|至\d{4}年|以前|之前|前完成|目标"


@lru_cache(maxsize=1)
def _future() -> re.Pattern:
    markers = [w for w in words("target_markers") if len(w) > 1 or w == "将"]
    return re.compile("|".join([re.escape(w) for w in markers] + [_DEADLINES]))


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
class _Clue:
    """One piece of body evidence: a year it fixes or bounds, and the words that say so."""

    year: int
    strength: str  # "point" (names the year) or "bound" (the year or later)
    quote: str
    why: str


# ---------------------------------------------------------------- entry point

def date_article(text: str, layout: Layout, meta_date: Optional[str] = None,
                 given: Optional[str] = None) -> Dating:
    """Date an article from a given date, its metadata, its header or its body."""
    if given:
        date = _parse_given(given)
        return Dating(date.iso, date.precision, "given", f"given on the command line: {given}")
    if meta_date and _parse_loose(meta_date):
        date = _parse_loose(meta_date)
        return Dating(date.iso, date.precision, "explicit", f"HTML metadata date {meta_date!r}")
    dateline = find_dateline(text, layout)
    if dateline:
        date = PartialDate.parse(dateline.value)
        return Dating(date.iso, date.precision, "explicit", f"dateline '{dateline.surface}' in the header")
    return infer_date(text, layout)


def _parse_loose(value: str) -> Optional[PartialDate]:
    """Read the leading ISO-ish date of a metadata value (``2024-05-16T10:00:00+08:00``)."""
    m = _ISO_PREFIX.match(value or "")
    if not m:
        return None
    try:
        return PartialDate(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] and m[2] else None)
    except ValueError:
        return None


def _parse_given(value: str) -> PartialDate:
    date = _parse_loose(value)
    if date is None or _ISO_PREFIX.match(value).end() != len(value.strip()):
        raise BadUsage(f"cannot read the date {value!r}: write it as YYYY, YYYY-MM or YYYY-MM-DD")
    return date


# ---------------------------------------------------------------- explicit datelines

def _in_furniture(start: int, end: int, layout: Layout) -> bool:
    return any(start < f_end and f_start < end for f_start, f_end in layout.furniture)


def _header_zone(text: str, layout: Layout) -> list[tuple[int, int]]:
    """Return the spans where a dateline may stand: above the body and its first lines."""
    spans = [(0, layout.header_end)] if layout.header_end > 0 else []
    end, lines = layout.body_start, 0
    while end < layout.body_end and lines < HEADER_BODY_LINES:
        newline = text.find("\n", end, layout.body_end)
        line_end = layout.body_end if newline < 0 else newline
        if text[end:line_end].strip():
            lines += 1
        end = line_end + 1
    spans.append((layout.body_start, min(end, layout.body_end)))
    return spans


def _line_around(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left:len(text) if right < 0 else right]


def _is_dateline(line: str) -> bool:
    """Tell a label line (时间：2026-02-02) from a sentence that happens to hold a date."""
    return len(line.strip()) <= DATELINE_MAX_CHARS and not _SENTENCE_PUNCT.search(line)


# 《新闻联播》 20240226 19:00: broadcast transcripts stamp the programme's date as eight
# digits.  Only trusted on a short header line: in a body, eight digits are an ID.
_BARE_COMPACT = re.compile(r"(?<![\d.])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\s|$)", re.M)


def _compact_datelines(text: str) -> list[TimeMention]:
    found = []
    for m in _BARE_COMPACT.finditer(text):
        try:
            date = PartialDate(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        found.append(TimeMention(m.start(), m.end(), m.group(), date.iso, "day"))
    return found


def find_dateline(text: str, layout: Layout) -> Optional[TimeMention]:
    """Return the first full-date dateline in the header zone, outside furniture."""
    for lo, hi in _header_zone(text, layout):
        mentions = sorted(find_times(text[lo:hi], None) + _compact_datelines(text[lo:hi]), key=lambda m: m.start)
        for mention in mentions:
            start, end = lo + mention.start, lo + mention.end
            if mention.kind != "point" or mention.precision not in ("day", "month"):
                continue
            if _in_furniture(start, end, layout) or not _is_dateline(_line_around(text, start, end)):
                continue
            return TimeMention(start, end, mention.surface, mention.value, mention.precision)
    return None


# ---------------------------------------------------------------- inference from the body

def _body(text: str, layout: Layout) -> tuple[int, str]:
    """Return the body's offset and text, with furniture inside it blanked out."""
    chars = list(text[layout.body_start:layout.body_end])
    for f_start, f_end in layout.furniture:
        for i in range(max(f_start, layout.body_start), min(f_end, layout.body_end)):
            chars[i - layout.body_start] = " "
    return layout.body_start, "".join(chars)


def _sentences(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_SPLIT.finditer(body)]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return pos, pos


def _anniversary_clues(body: str) -> Iterable[_Clue]:
    for _, _, surface, year in programme_years(body):
        yield _Clue(year, "point", surface, f"programme anniversary '{surface}' → {year}")


def _event_link_clues(body: str, events: list[TimeMention], spans) -> Iterable[_Clue]:
    """Tie 去年5月 to a dated event in the same sentence: the event's year less the offset."""
    for start, _, surface, offset, month in relative_years(body):
        sentence = _sentence_of(spans, start)
        for event in events:
            date = PartialDate.parse(event.value)
            same_sentence = sentence[0] <= event.start < sentence[1]
            if same_sentence and date.month and (month is None or month == date.month):
                year = date.year - offset
                yield _Clue(year, "point", f"{surface}…{event.surface}",
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


def _bound_clues(body: str, mentions: list[TimeMention], spans) -> Iterable[_Clue]:
    for mention in mentions:
        sentence = _sentence_of(spans, mention.start)
        if _future().search(body[sentence[0]:sentence[1]]):
            continue
        if mention.kind == "event":
            year = PartialDate.parse(mention.value).year
            yield _Clue(year, "bound", mention.surface, f"refers to {mention.surface} ({mention.value})")
        elif mention.kind in ("point", "since") and mention.precision in ("year", "month", "day"):
            year = PartialDate.parse(mention.value).year
            if mention.precision == "year" and mention.kind == "point" and _is_statistic(body, mention, sentence):
                yield _Clue(year + 1, "bound", mention.surface, f"full-year statistic for {year}")
            else:
                yield _Clue(year, "bound", mention.surface, f"mentions {mention.surface} as past")


def _choose_year(clues: list[_Clue]) -> Optional[_Clue]:
    """Pick the latest point estimate unless a lower bound proves it too early."""
    if not clues:
        return None
    bound = max((c for c in clues if c.strength == "bound"), key=lambda c: c.year, default=None)
    points = [c for c in clues if c.strength == "point" and (bound is None or c.year >= bound.year)]
    if points:
        return max(points, key=lambda c: c.year)
    return bound


def _month_in(body: str, year: int, spans) -> Optional[TimeMention]:
    """Return the newest day mentioned in ``year``, reading year-less days as that year."""
    best = None
    for mention in find_times(body, PartialDate(year)):
        if mention.precision != "day" or mention.kind != "point":
            continue
        date = PartialDate.parse(mention.value)
        sentence = _sentence_of(spans, mention.start)
        if date.year != year or _future().search(body[sentence[0]:sentence[1]]):
            continue
        if best is None or date > PartialDate.parse(best.value):
            best = mention
    return best


def infer_date(text: str, layout: Layout) -> Dating:
    """Infer the publication date from what the body says about time."""
    _, body = _body(text, layout)
    spans = _sentences(body)
    mentions = find_times(body, None)
    events = [m for m in mentions if m.kind == "event"]
    clues = list(_anniversary_clues(body)) + list(_event_link_clues(body, events, spans))
    clues += list(_bound_clues(body, mentions, spans))
    chosen = _choose_year(clues)
    if chosen is None:
        return Dating(None, None, "unknown", "no date in the header and no time evidence in the body")
    newest = _month_in(body, chosen.year, spans)
    if newest is None:
        return Dating(f"{chosen.year:04d}", "year", "inferred", f"'{chosen.quote}': {chosen.why}")
    month = PartialDate.parse(newest.value).truncate("month")
    evidence = f"'{chosen.quote}': {chosen.why}; month from the newest day '{newest.surface}'"
    return Dating(month.iso, "month", "inferred", evidence)
