"""The publication date of an article, with its precision, basis, evidence and bounds.

How dating works, first rule that answers wins:

1. **given** — a date the user passed (``--published 2024-08``) is taken as is.
2. **explicit** — the HTML ``<meta>`` date, or a dateline in the header zone: the text
   above the body (``layout.header_end``) and the first three lines of the body.  A
   dateline is a line that holds a full date (``2026-02-26 20:42:24``, ``时间：2026-02-02``,
   ``（20240225）``, ``2024年5月16日``, ``来源：河北日报 2024-05-16``) and reads like a label, not a
   sentence: short, with no sentence punctuation.  Failing that, a title or header line
   that names its year and its kind (``2014年政府工作报告``; a ``2023年…统计公报`` comes out
   the year after): a year, explicit.
3. **inferred** — nothing explicit, so reason from what the body says about time.
   Every reference is a *clue* that fixes the year (a point) or bounds the date from
   below (the document is after it) or from above (it is before it):

   * *points*: anniversaries of a programme in ``data/programmes.tsv`` named in the
     same or the previous sentence (``实施12周年`` / ``11年来`` → start year + N); a
     relative month tied to a dated event (``去年5月…深入推进京津冀协同发展座谈会``
     (2023-05-12) → 2024); a report that reviews one year and plans the next
     (``一、2008年工作回顾`` … ``二、2009年工作总体部署``, or ``过去一年`` / ``今年`` for
     either year → 2009);
   * *lower bounds* (past references): a named event from ``data/calendar.tsv``
     (``二十届三中全会`` → not before 2024-07); a full-year statistic (``2024年，河北引进…332家``)
     → not before the next year; a review heading; any other date in a sentence that is
     not forward-looking → not before it;
   * *upper bounds* (forward references): a deadline (``到2020年``, ``力争2025年``,
     ``2025年底前``), an event still being readied (``2010年上海世界博览会的准备工作``), a plan
     period being drawn up (``谋划十五五`` → before 2026), a plan heading
     (``2009年主要任务``) → not after it.  A forward reference is never evidence that the
     document is later than it.

   Clues are weighed strongest first — points (3), then marked references (2: named
   events, statistics, deadlines, headings, dates next to a word of the past such as
   ``已`` or ``以来``), then bare mentions with no word of tense (1) — and each is kept
   only if it fits those kept before it.  The year is the point's, else the highest lower
   bound; a bare mention never raises a year that stronger clues fixed, since a plan can
   be stated plainly (``2015年覆盖所有地级以上城市``).  Only once the year is known can a
   month be read: the newest ``M月D日`` (or full date) in the body that falls in that year
   and inside the bounds gives the month.  Nothing finer is inferred.
4. **unknown** — no year; forward references may still bound it from above.

``earliest`` and ``latest`` are the bounds the kept clues allow, each at its own
precision (None is open); ``published`` always lies between them, and the evidence line
names the references that set them.  A given or explicit date is its own bounds.

Timestamps in page furniture (``layout.furniture``: sidebars, related-news lists) or
outside the header and body are never evidence.

The clues themselves are found in :mod:`tracker.read.clues`.

Reads data/dating_words.tsv.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..errors import BadUsage
from ..knowledge import load_table
from ..dates import PartialDate
from ..models import Dating, Layout, TimeMention
from ..extract.timex import find_times
from .clues import (Clue, anniversary_clues, blank_furniture, event_link_clues, forward_clues, future,
                    past_clues, sentence_of, sentences, structure_clues)

HEADER_BODY_LINES = 3
DATELINE_MAX_CHARS = 60
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")
@lru_cache(maxsize=1)
def _titled() -> tuple[re.Pattern, dict[str, int]]:
    rows = [r for r in load_table("dating_words", ("word", "role")) if r["role"] == "titled"]
    shifts = {r["word"]: int(r.get("shift") or 0) for r in rows}
    kinds = "|".join(re.escape(w) for w in sorted(shifts, key=len, reverse=True))
    return re.compile(rf"((?:19|20)\d{{2}})年度?[^，。；\n]{{0,12}}?({kinds})"), shifts


# ---------------------------------------------------------------- entry point

def date_article(text: str, layout: Layout, meta_date: Optional[str] = None,
                 given: Optional[str] = None) -> Dating:
    """Date an article from a given date, its metadata, its header or its body."""
    if given:
        date = _parse_given(given)
        return _known(date, "given", f"given on the command line: {given}")
    if meta_date and _parse_loose(meta_date):
        date = _parse_loose(meta_date)
        return _known(date, "explicit", f"HTML metadata date {meta_date!r}")
    dateline = find_dateline(text, layout)
    if dateline:
        date = PartialDate.parse(dateline.value)
        return _known(date, "explicit", f"dateline '{dateline.surface}' in the header")
    titled = find_titled_year(text, layout)
    if titled:
        year, line = titled
        return _known(PartialDate(year), "explicit", f"the title or header names the document's year: '{line}'")
    return infer_date(text, layout)


def _known(date: PartialDate, basis: str, evidence: str) -> Dating:
    """A date given or read explicitly is its own bounds."""
    return Dating(date.iso, date.precision, basis, evidence, date.iso, date.iso)


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


def find_titled_year(text: str, layout: Layout) -> Optional[tuple[int, str]]:
    """Return the year a title or header line names with its document kind (2014年政府工作报告)."""
    pattern, shifts = _titled()
    lines = [layout.title] if layout.title else []
    for lo, hi in _header_zone(text, layout):
        lines += [line for line in text[lo:hi].splitlines() if _is_dateline(line)]
    for line in lines:
        m = pattern.search(line or "")
        if m:
            return int(m[1]) + shifts[m[2]], line.strip()
    return None


# ---------------------------------------------------------------- weighing the clues

@dataclass
class _Span:
    """What the accepted clues allow: a year fixed by a point, and the bounds around it."""

    point: Optional[Clue] = None
    after: Optional[Clue] = None
    before: Optional[Clue] = None

    @property
    def low(self) -> Optional[int]:
        years = [c.date.year for c in (self.point, self.after) if c]
        return max(years) if years else None

    def _first(self) -> Optional[dt.date]:
        days = [c.date.first_day() for c in (self.point, self.after) if c]
        return max(days) if days else None

    def _last(self) -> Optional[dt.date]:
        days = [c.date.last_day() for c in (self.point, self.before) if c]
        return min(days) if days else None

    def admits(self, clue: Clue) -> bool:
        first, last = self._first(), self._last()
        fits_low = last is None or clue.date.first_day() <= last
        fits_high = first is None or first <= clue.date.last_day()
        if clue.strength == "point":
            return self.point is None and fits_low and fits_high
        return fits_low if clue.strength == "after" else fits_high

    def take(self, clue: Clue) -> None:
        if clue.strength == "point":
            self.point = clue
        elif clue.strength == "after":
            if self.after is None or clue.date.first_day() > self.after.date.first_day():
                self.after = clue
        elif self.before is None or clue.date.last_day() < self.before.date.last_day():
            self.before = clue


_ORDER = {"point": 0, "before": 1, "after": 2}


def _weigh(clues: list[Clue]) -> _Span:
    """Accept clues strongest first, each only if it fits those already accepted.

    Within one strength a point comes first (the latest), then forward references (the
    earliest), then past references (the latest): when a plan stated plainly (2012年…达到4%)
    reads like a statistic, the deadline beside it wins.  A bare mention with no word of
    tense (weight 1) may be a plan (2015年覆盖所有地级以上城市): it never raises the year above a
    stronger lower bound unless a stronger upper bound keeps it in range.
    """
    span = _Span()
    for weight in (3, 2, 1):
        tier = sorted((c for c in clues if c.weight == weight),
                      key=lambda c: (_ORDER[c.strength], c.year if c.strength == "before" else -c.year))
        for clue in tier:
            unbounded = span.before is None and span.low is not None
            if weight == 1 and clue.strength == "after" and unbounded and clue.year > span.low:
                continue
            if span.admits(clue):
                span.take(clue)
    return span


def _month_in(body: str, year: int, spans, latest: Optional[PartialDate]) -> Optional[TimeMention]:
    """Return the newest day mentioned in ``year`` (year-less days read as that year), up to ``latest``."""
    best = None
    for mention in find_times(body, PartialDate(year)):
        if mention.precision != "day" or mention.kind != "point":
            continue
        date = PartialDate.parse(mention.value)
        sentence = sentence_of(spans, mention.start)
        if date.year != year or future().search(body[sentence[0]:sentence[1]]):
            continue
        if latest is not None and date.first_day() > latest.last_day():
            continue
        if best is None or date > PartialDate.parse(best.value):
            best = mention
    return best


def _bound_text(span: _Span) -> str:
    parts = []
    if span.after and (span.point is None or span.after.date.first_day() > span.point.date.first_day()):
        parts.append(f"not before {span.after.date.iso} ('{span.after.quote}': {span.after.why})")
    if span.before:
        parts.append(f"not after {span.before.date.iso} ('{span.before.quote}': {span.before.why})")
    return "".join(f"; {p}" for p in parts)


def _bounds(span: _Span, newest: Optional[PartialDate] = None) -> tuple[Optional[str], Optional[str]]:
    """The earliest and latest dates the accepted clues allow; the newest day read raises the earliest."""
    lows = [c.date for c in (span.point, span.after) if c] + ([newest] if newest else [])
    highs = [c.date for c in (span.point, span.before) if c]
    earliest = max(lows, key=lambda d: (d.first_day(), -len(d.iso)), default=None)
    latest = min(highs, key=lambda d: (d.last_day(), -len(d.iso)), default=None)
    return (earliest.iso if earliest else None), (latest.iso if latest else None)


def infer_date(text: str, layout: Layout) -> Dating:
    """Infer the publication date, and its bounds, from what the body says about time."""
    body = blank_furniture(text, layout, layout.body_start)
    spans = sentences(body)
    mentions = find_times(body, None)
    events = [m for m in mentions if m.kind == "event"]
    clues = list(anniversary_clues(body)) + list(event_link_clues(body, events, spans))
    # Headings above the body count too: a first line read as the title may stand before them.
    clues += list(structure_clues(blank_furniture(text, layout, 0)))
    clues += list(past_clues(body, mentions, spans)) + list(forward_clues(body, mentions, spans))
    span = _weigh(clues)
    chosen = span.point or span.after
    if chosen is None:
        earliest, latest = _bounds(span)
        if latest:
            return Dating(None, None, "unknown", f"no date in the header and no past reference in the body"
                          f"{_bound_text(span)}", earliest, latest)
        return Dating(None, None, "unknown", "no date in the header and no time evidence in the body")
    year = chosen.year
    latest = span.before.date if span.before else None
    evidence = f"'{chosen.quote}': {chosen.why}"
    newest = _month_in(body, year, spans, latest)
    if newest is not None:
        month = PartialDate.parse(newest.value).truncate("month")
        low = span.after.date if span.after else None
        if low is None or low.precision == "year" or low.truncate("month") <= month:
            earliest, latest_iso = _bounds(span, PartialDate.parse(newest.value))
            evidence += f"; month from the newest day '{newest.surface}'{_bound_text(span)}"
            return Dating(month.iso, "month", "inferred", evidence, earliest, latest_iso)
    earliest, latest_iso = _bounds(span)
    return Dating(f"{year:04d}", "year", "inferred", evidence + _bound_text(span), earliest, latest_iso)
