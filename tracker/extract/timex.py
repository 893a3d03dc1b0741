"""Chinese time expressions → normalised dates (pure, regular-expression based).

``find_times(text, anchor)`` finds every time expression in a text and resolves it
against ``anchor``, the publication date.  The grammar is ours, not dateparser's:
dateparser misreads Chinese (``2020年`` → year 6) and is far too slow for whole pages.

What is recognised, and how it resolves:

* absolute dates: ``2024年``, ``2024年12月``, ``2024年9月29日``, ``二〇二四年``, ``2024-09-29``,
  ``2024.9.29``, ``2024/9/29``, ``（20240225）``; a following time of day (``下午``, ``20:42:24``)
  joins the surface.  Years outside 1949–2100 are not years.
* parts of a year (``2024年底``, ``去年上半年``, ``年初``): ``初``/``底``/``末``/``中`` give the month
  (1, 12, 12, 6); halves and quarters keep year precision; ``2024年度`` is the year.
* relative words from ``data/time_words.tsv``: ``今年``/``去年``/``前年``/``明年``/``后年`` (with an
  optional ``M月`` / ``M月D日``), ``上月``/``本月``, and ``近日``/``日前``/``目前``/``截至目前``/``此前``,
  which stand for the anchor itself at the anchor's precision; broadcast words (``十年前的今天``,
  ``今天（1月12日）``, ``近日`` as the month, ``…提出10周年``) are in ``broadcast_times``.
* a month and day without a year (``5月12日下午``, ``9月``) take the anchor's year, or the year
  before when that would put them more than two months after the anchor.  A day alone
  (``12日``) is never a date.
* ``…以来`` right after a mention makes it kind ``since`` (``今年以来`` → the anchor year);
  ``N年来`` / ``十余年来`` are kind ``duration`` with value ``anchor−N/anchor``.
* plan periods from ``data/plan_periods.tsv`` (``“十四五”时期`` → ``2021/2025``) and spans
  ``2023-2035年`` → ``2023/2035`` (precision ``period``).
* named national events from ``data/calendar.tsv`` (``党的二十届三中全会`` → ``2024-07``, kind
  ``event``); the annual ``全国两会`` takes the year written just before it, else the anchor's.

Relative expressions (anything that needs the anchor) are skipped when ``anchor`` is
None, so a caller can first collect the absolute evidence and resolve the rest later.
Matches never overlap: the longest expression wins.  A few traditional characters
(屆, 會, 黨, 來 …) are folded char for char, so traditional text works where it is cheap.

Reads data/time_words.tsv, data/plan_periods.tsv, data/calendar.tsv, data/programmes.tsv, data/times_of_day.tsv.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Union

from ..dates import PartialDate, period
from ..knowledge import load_table, words_with_role
from ..models import TimeMention
from .fastre import compile_gated, required_text, translate_chars, word_trie

MIN_YEAR, MAX_YEAR = 1949, 2100
# A month-day this far past the anchor is taken to be last year's (a December event
# reported in February).
ROLLBACK_DAYS = 62

# Fold full-width digits and the traditional characters that occur in time words,
# one char to one, so offsets stay valid.
_FOLD = dict(zip(
    "０１２３４５６７８９－／．：屆會黨國兩來週後當際間時實協發設區規劃開議",
    "0123456789-/.:届会党国两来周后当际间时实协发设区规划开议",
))

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = r"[一二三四五六七八九十两]{1,3}"
_CLOCK = r"(?:[ \t\u3000]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_AM_MONTH = r"(?:1[0-2]|0?[1-9])"
_AM_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR_DIGITS = r"(?:(?<![\d.])\d{4}|[〇零○一二三四五六七八九]{4})"
_DAY_END = r"[日号](?!线|楼|院|文|令)"
# A character before a year word that makes it part of another word (以上年均, 以后年份).
# What a year word, a part of a year, and 目前 or 近日 never follow (look-behinds of word_trie).
_NOT_BEFORE_WORD = r"[以之最然目当此向提上前]"
_NOT_BEFORE_PART = r"[年\d〇零一二三四五六七八九今去前明后本上]"
_NOT_BEFORE_NOW = r"[\d日节月]"


@dataclass(frozen=True)
class _Hit:
    """A candidate match before overlaps are resolved."""

    start: int
    end: int
    value: str
    precision: str
    relative: bool = False
    kind: str = "point"


def cn_int(text: str) -> Optional[int]:
    """Read an Arabic or small Chinese number (12, 十二, 二十一, 二〇二四)."""
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGIT for c in text):  # digit by digit: 二〇二四
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        high = _CN_DIGIT.get(tens, None) if tens else 1
        low = _CN_DIGIT.get(units, None) if units else 0
        if high is None or low is None:
            return None
        return high * 10 + low
    return None


def fold(text: str) -> str:
    """Return ``text`` with full-width digits and common traditional characters folded."""
    return translate_chars(text, _FOLD)


# ---------------------------------------------------------------- knowledge tables

@lru_cache(maxsize=1)
def _time_words() -> dict[str, dict[str, str]]:
    rows = load_table("time_words", ("word", "offset_years", "kind"))
    return {row["word"]: row for row in rows}


def _words_of(kind: str) -> list[str]:
    return sorted((w for w, r in _time_words().items() if r["kind"] == kind), key=lambda w: -len(w))


@lru_cache(maxsize=1)
def plan_periods() -> dict[str, tuple[int, int]]:
    """Return plan names (十四五) with their first and last years."""
    rows = load_table("plan_periods", ("name", "start", "end"))
    return {row["name"]: (int(row["start"]), int(row["end"])) for row in rows}


@lru_cache(maxsize=1)
def calendar_events() -> dict[str, str]:
    """Return calendar event names with their ISO date (``*-MM`` for annual events)."""
    return {row["name"]: row["date"] for row in load_table("calendar", ("name", "date"))}


def _alternation(words: Iterable[str]) -> str:
    return word_trie(words)  # the longest first, as a trie (see fastre.word_trie)


def _part_suffixes() -> list[str]:
    """Return what may follow a year: 底 and 年底 (2024年底, 今年年底), 上半年, 度."""
    out = []
    for word in _words_of("part") + _words_of("suffix"):
        out.append(word)
        if word.startswith("年"):
            out.append(word[1:])
    return out


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    part = f"(?P<part>{_alternation(_part_suffixes())})?"
    events = _alternation(calendar_events())
    plans = _alternation(plan_periods())
    # 一月份: a month written with 份 (never 份额).
    date_tail = f"(?:(?P<m>{_MONTH})月(?:(?P<d>{_DAY}){_DAY_END}|份(?!额))?)?"
    tod = f"(?:{_alternation(words_with_role('times_of_day', 'word'))})"  # 下午, 凌晨: joins the date's surface
    # A year's look-behind stands after its first digit ((?P<y>\d(?<![\d.]\d)\d{3}) is
    # (?<![\d.])(?P<y>\d{4})): a pattern that starts with a digit lets the engine skip ahead
    # by itself, faster than any gate.
    return {
        "absolute": compile_gated(f"(?P<y>{_YEAR_DIGITS})年{date_tail}{part}(?P<tod>{tod}?{_CLOCK}?)"),
        "numeric": compile_gated(
            rf"(?P<y>\d(?<![\d.]\d)\d{{3}})(?P<sep>[-/.])(?P<m>{_AM_MONTH})(?P=sep)(?P<d>{_AM_DAY})(?![\d.])"
            rf"(?P<tod>{_CLOCK}?)"
        ),
        "iso_month": compile_gated(r"(?P<y>\d(?<![\d.\-]\d)\d{3})-(?P<m>0[1-9]|1[0-2])(?![\d\-])"),
        "compact": compile_gated(r"(?P<y>\d(?<=[（(]\d)\d{3})(?P<m>\d{2})(?P<d>\d{2})(?=[)）])"),
        "span": compile_gated(
            r"(?P<a>\d(?<![\d.]\d)\d{3})年?[ \t\u3000]*[-—–~～至到][ \t\u3000]*(?P<b>\d{4})年(?:[-—–~～至到]|\d)?"
        ),
        "year_word": compile_gated(
            f"(?P<w>{word_trie(_words_of('year'), not_after=_NOT_BEFORE_WORD)})(?!均|龄|轻|代|间|份)"
            f"{date_tail}{part}(?P<tod>{tod}?)"
        ),
        "month_day": compile_gated(
            rf"(?<![\d.年月])(?P<m>{_AM_MONTH})月(?:(?P<d>{_AM_DAY}){_DAY_END}|份(?!额))?(?!份额)(?P<tod>{tod}?)"
            rf"|(?<![一二三四五六七八九十年月第])(?P<cm>{_MONTH})月(?P<cd>{_DAY}){_DAY_END}(?P<ctod>{tod}?)"
        ),
        "part": compile_gated(
            f"(?P<part>{word_trie(_words_of('part'), not_after=_NOT_BEFORE_PART)})"
        ),
        "now": compile_gated(f"(?P<w>{word_trie(_words_of('now'), not_after=_NOT_BEFORE_NOW)})"),
        "recent": compile_gated(f"(?P<w>{word_trie(_words_of('recent'), not_after=_NOT_BEFORE_NOW)})"),
        "years_ago": compile_gated(
            rf"(?<![\d.第])(?P<n>\d{{1,3}}|{_CN_NUM})年前的(?P<w>{_alternation(_words_of('day'))})"
        ),
        "month_word": compile_gated(f"(?P<w>{_alternation(_words_of('month'))})"),
        "day_word": compile_gated(f"(?P<w>{_alternation(_words_of('day'))})(?!头条|报)"),
        "duration": compile_gated(
            rf"(?<![\d.第])(?P<n>\d{{1,3}}|{_CN_NUM})(?P<approx>余|多)?(?:年来|年以来|载)"
        ),
        "plan": compile_gated(
            f"(?P<q1>[“\"‘'「『《]?)(?P<name>{plans})(?P<q2>[”\"’'」』》]?)"
            f"(?P<suffix>[ \\t\\u3000]?(?:时期|期间|规划期))?"
        ),
        "event": compile_gated(
            f"(?P<prefix>党的|中共)?(?<![一二三四五六七八九十])(?P<name>{events})(?![项类种个批])"
        ),
    }


def _scan(name: str, s: str):
    """The matches of one pattern; none at once where ``s`` lacks what each match holds."""
    return _patterns()[name].finditer(s) if _required_texts()[name] in s else ()


@lru_cache(maxsize=1)
def _required_texts() -> dict[str, str]:
    return {name: required_text(pattern.pattern) for name, pattern in _patterns().items()}


# ---------------------------------------------------------------- helpers

def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _make_date(year: int, month: Optional[int], day: Optional[int]) -> Optional[PartialDate]:
    try:
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def _part_month(part: Optional[str]) -> Optional[int]:
    """Return the month a part-of-year word stands for, if it names one."""
    if not part:
        return None
    row = _time_words().get(part) or _time_words().get("年" + part)
    return int(row["month"]) if row and row.get("month") else None


def resolve_year_word(word: str, anchor: Optional[PartialDate]) -> Optional[int]:
    """Return the year a relative year word (今年, 去年 …) names, or None."""
    row = _time_words().get(word)
    if anchor is None or row is None or row["kind"] != "year":
        return None
    return anchor.year + int(row["offset_years"])


def _roll_back(candidate: PartialDate, anchor: PartialDate) -> PartialDate:
    """Move a year-less date to the year before when it lands well after the anchor."""
    if anchor.month is None:
        return candidate
    if (candidate.first_day() - anchor.last_day()).days <= ROLLBACK_DAYS:
        return candidate
    earlier = _make_date(candidate.year - 1, candidate.month, candidate.day)
    return earlier or candidate


def parse_iso_or_period(value: str) -> Union[PartialDate, tuple[int, int]]:
    """Read ``YYYY[-MM[-DD]]`` as a PartialDate or ``START/END`` as a pair of years."""
    if "/" in value:
        start, _, end = value.partition("/")
        return int(start), int(end)
    return PartialDate.parse(value)


# ---------------------------------------------------------------- matchers

def _absolute(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    for m in _scan("absolute", s):
        year = cn_int(m["y"])
        if year is None or not _valid_year(year):
            continue
        month = cn_int(m["m"]) if m["m"] else None
        day = cn_int(m["d"]) if m["d"] else None
        if month is None:
            month = _part_month(m["part"])
            day = None
        date = _make_date(year, month, day)
        if date:
            yield _Hit(m.start(), m.end(), date.iso, date.precision)


def _numeric(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    for name in ("numeric", "compact", "iso_month"):
        for m in _scan(name, s):
            year = int(m["y"])
            day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
            date = _make_date(year, int(m["m"]), day) if _valid_year(year) else None
            if date:
                yield _Hit(m.start(), m.end(), date.iso, date.precision)


def _spans(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    for m in _scan("span", s):
        a, b = int(m["a"]), int(m["b"])
        # A trailing digit or dash means a longer number chain, not a span of years.
        if m.group(0)[-1] != "年" or not (_valid_year(a) and _valid_year(b) and a < b):
            continue
        yield _Hit(m.start(), m.end(), period(a, b), "period", kind="period")


def _year_words(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("year_word", s):
        year = resolve_year_word(m["w"], anchor)
        month = cn_int(m["m"]) if m["m"] else _part_month(m["part"])
        day = cn_int(m["d"]) if m["d"] and m["m"] else None
        date = _make_date(year, month, day)
        if date:
            yield _Hit(m.start(), m.end(), date.iso, date.precision, relative=True)


def _month_days(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("month_day", s):
        if m["m"]:
            month, day = int(m["m"]), int(m["d"]) if m["d"] else None
        else:
            month, day = cn_int(m["cm"]), cn_int(m["cd"])
        date = _make_date(anchor.year, month, day)
        if date:
            date = _roll_back(date, anchor)
            yield _Hit(m.start(), m.end(), date.iso, date.precision, relative=True)


def _parts(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("part", s):
        date = _make_date(anchor.year, _part_month(m["part"]), None)
        yield _Hit(m.start(), m.end(), date.iso, date.precision, relative=True)


def _now_words(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("now", s):
        yield _Hit(m.start(), m.end(), anchor.iso, anchor.precision, relative=True)


def _month_words(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None or anchor.month is None:
        return
    for m in _scan("month_word", s):
        index = anchor.year * 12 + anchor.month - 1 + int(_time_words()[m["w"]]["offset_months"] or 0)
        date = PartialDate(index // 12, index % 12 + 1)
        yield _Hit(m.start(), m.end(), date.iso, "month", relative=True)


def _day_words(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("day_word", s):
        offset = int(_time_words()[m["w"]].get("offset_days") or 0)
        if anchor.day is None:
            if offset == 0:  # 今天 in an article dated to the month: that month
                yield _Hit(m.start(), m.end(), anchor.iso, anchor.precision, relative=True)
            continue
        day = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=offset)
        yield _Hit(m.start(), m.end(), day.isoformat(), "day", relative=True)


def _durations(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    if anchor is None:
        return
    for m in _scan("duration", s):
        years = cn_int(m["n"])
        if years and 0 < years < 100:
            yield _Hit(m.start(), m.end(), period(anchor.year - years, anchor.year), "period",
                       relative=True, kind="duration")


def _plans(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    for m in _scan("plan", s):
        start, end = plan_periods()[m["name"]]
        # Keep quotes only when both are there, so the surface stays balanced.
        quoted = bool(m["q1"]) and bool(m["q2"])
        left = m.start() if quoted else m.start("name")
        right = m.end("name") if m["q2"] and not quoted else m.end()
        yield _Hit(left, right, period(start, end), "period", kind="period")


def _events(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    for m in _scan("event", s):
        date = calendar_events()[m["name"]]
        if date.startswith("*"):
            year = _year_before(s, m.start(), anchor)
            if year is None:
                continue
            written = _year_just_before(s, m.start())
            # 2024年全国两会: the written year belongs to the event's surface.
            start = m.start() - 5 if written else m.start()
            value, relative = f"{year:04d}{date[1:]}", written is None
        else:
            start, value, relative = m.start(), date, False
        yield _Hit(start, m.end(), value, PartialDate.parse(value).precision,
                   relative=relative, kind="event")


def _year_just_before(s: str, pos: int) -> Optional[int]:
    """Return the year written right before ``pos`` (2024年全国两会)."""
    m = re.search(r"(\d{4})年$", s[max(0, pos - 5):pos])
    return int(m[1]) if m else None


def _year_before(s: str, pos: int, anchor: Optional[PartialDate]) -> Optional[int]:
    """Return the year an annual event belongs to: written, relative (今年), else the anchor's."""
    written = _year_just_before(s, pos)
    if written:
        return written
    m = re.search(f"({_alternation(_words_of('year'))})$", s[max(0, pos - 3):pos])
    if m:
        return resolve_year_word(m[1], anchor)
    return anchor.year if anchor else None




# ---------------------------------------------------------------- assembly

def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest hits, dropping any that overlap one already kept."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        i = bisect.bisect_right(starts, hit.start)
        if i and ends[i - 1] > hit.start:
            continue
        if i < len(starts) and starts[i] < hit.end:
            continue
        starts.insert(i, hit.start)
        ends.insert(i, hit.end)
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _with_since(hit: _Hit, s: str, anchor: Optional[PartialDate] = None) -> _Hit:
    """Turn a point followed by 以来 into a ``since`` mention that includes it.

    A plan period followed by 以来 (“十四五”以来) runs from its first year to the anchor's.
    """
    if not s.startswith("以来", hit.end):
        return hit
    if hit.kind in ("point", "event"):
        return _Hit(hit.start, hit.end + 2, hit.value, hit.precision, hit.relative, "since")
    if hit.kind == "period" and anchor is not None and "/" in hit.value:
        first = int(hit.value.split("/")[0])
        if first <= anchor.year:
            return _Hit(hit.start, hit.end + 2, period(first, anchor.year), "period", True, "since")
    return hit


def _programmes_since(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    """京津冀协同发展以来: from the programme's launch (data/programmes.tsv) to the anchor."""
    if anchor is None or "以来" not in s:
        return
    for m in _programme_since_pattern().finditer(s):
        first = PartialDate.parse(_programme_starts()[m["name"]]).year
        if first <= anchor.year:
            yield _Hit(m.start(), m.end(), period(first, anchor.year), "period", True, "since")


@lru_cache(maxsize=1)
def _programme_starts() -> dict[str, str]:
    return {alias: row["start"] for row in programme_table() for alias in _aliases(row)}


@lru_cache(maxsize=1)
def _programme_since_pattern() -> re.Pattern:
    return compile_gated(f"(?P<name>{_alternation(_programme_starts())})(?:战略)?(?:实施|设立)?以来")


def find_times(text: str, anchor: Optional[PartialDate], folded: Optional[str] = None) -> list[TimeMention]:
    """Return every time expression in ``text``, resolved against ``anchor``.

    ``folded`` is ``fold(text)`` when the caller has it already (folded once per article).
    """
    s = fold(text) if folded is None else folded
    hits = _non_overlapping([hit for matcher in _matchers() for hit in matcher(s, anchor)])
    hits = broadcast_times().with_stamps(hits, s)
    return [
        TimeMention(h.start, h.end, text[h.start:h.end], h.value, h.precision, h.relative, h.kind)
        for h in (_with_since(hit, s, anchor) for hit in hits)
    ]


# ---------------------------------------------------------------- relative years

_SENTENCE_END = "。！？!?\n"


def relative_years(text: str) -> list[tuple[int, int, str, int, Optional[int]]]:
    """Return relative year words with their offset and month: (start, end, surface, offset, month)."""
    out = []
    for m in _patterns()["year_word"].finditer(fold(text)):
        offset = int(_time_words()[m["w"]]["offset_years"])
        month = cn_int(m["m"]) if m["m"] else None
        out.append((m.start(), m.end(), text[m.start():m.end()], offset, month))
    return out


# ---------------------------------------------------------------- programme anniversaries

_ANNIVERSARY = re.compile(
    rf"(?<![\d.第])(?P<n>\d{{1,2}}|{_CN_NUM})(?:周年|年来|年以来)"
)
# How far back a programme's name may stand from its anniversary (the previous sentence).
PROGRAMME_WINDOW = 120


@lru_cache(maxsize=1)
def programme_table() -> tuple[dict[str, str], ...]:
    """Return the programme table rows (name, aliases, start)."""
    return load_table("programmes", ("name", "aliases", "start"))


def _aliases(programme: dict[str, str]) -> list[str]:
    names = [programme["name"]] + [a for a in programme.get("aliases", "").split("|") if a]
    return sorted(set(names), key=lambda name: (-len(name), name))  # the same order every run


def _sentence_start(s: str, pos: int) -> int:
    lo = max(0, pos - PROGRAMME_WINDOW)
    return max(s.rfind(c, lo, pos) for c in _SENTENCE_END) + 1 or lo


def _window(s: str, pos: int) -> tuple[int, int]:
    """Return the span of the sentence holding ``pos`` and the one before it."""
    current = _sentence_start(s, pos)
    previous = _sentence_start(s, current - 1) if current > 0 else current
    return max(previous, pos - PROGRAMME_WINDOW), pos


def _nearest_programme(s: str, pos: int, progs: list[dict[str, str]]) -> Optional[dict[str, str]]:
    lo, hi = _window(s, pos)
    best, best_at = None, -1
    for prog in progs:
        for alias in _aliases(prog):
            at = s.rfind(alias, lo, hi)
            if at > best_at:
                best, best_at = prog, at
    return best


def programme_years(text: str, programmes: Optional[Iterable[dict[str, str]]] = None) -> list[
        tuple[int, int, str, int]]:
    """Return anniversaries of a programme as (start, end, surface, year it implies).

    ``实施12周年`` / ``11年来`` count, when the programme is named in the same or the
    previous sentence; the year is the programme's start year plus N.  ``十余年来`` is
    too loose to count.
    """
    progs = list(programmes if programmes is not None else programme_table())
    s = fold(text)
    out = []
    for m in _ANNIVERSARY.finditer(s):
        years = cn_int(m["n"])
        prog = _nearest_programme(s, m.start(), progs) if years else None
        if prog is None:
            continue
        start = m.start() - 2 if s[max(0, m.start() - 2):m.start()] == "实施" else m.start()
        year = PartialDate.parse(prog["start"]).year + years
        out.append((start, m.end(), text[start:m.end()], year))
    return out


def broadcast_times():
    """The module of broadcast-relative matchers (imported late: it builds on this one)."""
    from . import broadcast_times as module
    return module


@lru_cache(maxsize=1)
def _matchers() -> tuple:
    """Every matcher, in the order their hits are collected."""
    b = broadcast_times()
    return (_absolute, _numeric, _spans, _year_words, _month_days, _parts, _now_words, b.recent_words,
            b.years_ago, _month_words, _day_words, _durations, _plans, _events, _programmes_since,
            b.anniversaries)
