"""Time words of broadcast transcripts, resolved against the broadcast day (used by timex).

* ``近日`` / ``日前`` (kind ``recent`` in data/time_words.tsv): some day shortly before the
  broadcast, so only its month: an approximate date at month precision;
* ``十年前的今天``: the broadcast day N years before, at day precision;
* ``今天（1月12日）`` / ``昨晚（2月22日）``: a relative day and its stamp are one mention, dated by the stamp;
* ``京津冀协同发展…提出10周年``: kind ``anniversary``, the programme's start from data/programmes.tsv
  when the sentence names the programme before the number.

Reads data/time_words.tsv, data/programmes.tsv.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from ..dates import PartialDate
from .fastre import compile_gated
from .timex import (_CN_NUM, _Hit, _aliases, _scan, _sentence_start, _time_words, _valid_year, cn_int,
                    programme_table)


def recent_words(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    """近日 / 日前: some day shortly before the broadcast, so only its month is known."""
    if anchor is None:
        return
    month = PartialDate(anchor.year, anchor.month) if anchor.month else anchor
    for m in _scan("recent", s):
        yield _Hit(m.start(), m.end(), month.iso, month.precision, relative=True)


def years_ago(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    """十年前的今天: the publication day N years before (29 February falls back to the 28th);
    against an anchor known only to the month, that month N years before."""
    if anchor is None or anchor.month is None:
        return
    for m in _scan("years_ago", s):
        years = cn_int(m["n"])
        if not years or not 0 < years < 200 or not _valid_year(anchor.year - years):
            continue
        if anchor.day is None:
            yield _Hit(m.start(), m.end(), PartialDate(anchor.year - years, anchor.month).iso, "month", relative=True)
            continue
        offset = int(_time_words()[m["w"]].get("offset_days") or 0)
        day = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=offset)
        try:
            then = day.replace(year=day.year - years)
        except ValueError:
            then = day.replace(year=day.year - years, day=28)
        yield _Hit(m.start(), m.end(), then.isoformat(), "day", relative=True)


_STAMP_OPEN, _STAMP_CLOSE = "（(", "）)"


def with_stamps(hits: list[_Hit], s: str) -> list[_Hit]:
    """今天（1月12日） / 昨晚（2月22日）: a relative day and the date stamped after it are one mention.

    The stamp's date wins (it is written out); the mention spans both, so an event's text never
    starts with a leftover （1月12日）.
    """
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        hit = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if nxt is not None and hit.relative and hit.kind == "point" and nxt.kind == "point" \
                and s[hit.end:hit.end + 1] in _STAMP_OPEN and nxt.start == hit.end + 1 \
                and s[nxt.end:nxt.end + 1] in _STAMP_CLOSE and nxt.precision == "day":
            out.append(_Hit(hit.start, nxt.end + 1, nxt.value, nxt.precision, True, "point"))
            i += 2
            continue
        out.append(hit)
        i += 1
    return out


_JUBILEE = compile_gated(rf"(?<![\d.第])(?P<n>\d{{1,3}}|{_CN_NUM})周年")


def anniversaries(s: str, anchor: Optional[PartialDate]) -> Iterable[_Hit]:
    """京津冀协同发展…提出10周年: the programme's own start (data/programmes.tsv), kind ``anniversary``.

    Only when the sentence names the programme before the number, and the number agrees with
    the publication year (start year + N within a year of it); the hit dates the start, not
    the sentence's statistics.
    """
    if anchor is None or "周年" not in s:
        return
    for m in _JUBILEE.finditer(s):
        years = cn_int(m["n"])
        if not years:
            continue
        lo = _sentence_start(s, m.start())
        best, best_at = None, -1
        for prog in programme_table():
            for alias in _aliases(prog):
                at = s.rfind(alias, lo, m.start())
                if at > best_at:
                    best, best_at = prog, at
        if best is None:
            continue
        start = PartialDate.parse(best["start"])
        if abs(start.year + years - anchor.year) <= 1:
            yield _Hit(m.start(), m.end(), start.iso, start.precision, relative=True, kind="anniversary")
