"""Dates and periods: the one home for reading, comparing and ending them.

Dates in tracker are ISO text at their own precision (``2024``, ``2024-05``,
``2024-05-12``) and periods are ``START/END`` (``2021/2025`` for 十四五).
:class:`PartialDate` is the typed view of one date; the functions below are the
only place that reads stored text leniently, decides when a period is due (at its
end), orders precisions and decides whether two dates can be the same day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Union

PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def __post_init__(self):
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            dt.date(self.year, self.month, self.day)  # raises on 2月30日

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, iso: str) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        return _parsed(cls, iso)

    @classmethod
    def from_date(cls, day: dt.date) -> "PartialDate":
        return cls(day.year, day.month, day.day)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def truncate(self, precision: str) -> "PartialDate":
        """The same date at a coarser precision."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self

    def agrees(self, other: "PartialDate") -> bool:
        """True when the two could be the same day (one refines the other)."""
        both = coarser(self.precision, other.precision)
        return self.truncate(both) == other.truncate(both)


@lru_cache(maxsize=4096)  # the extractor reads the same few dates thousands of times; they are frozen
def _parsed(cls: type, iso: str) -> PartialDate:
    parts = [int(p) for p in iso.strip().split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a partial date: {iso!r}")
    return cls(*parts)


def period(start: int, end: int) -> str:
    """ISO form of a span of years, as used for 十四五 (``2021/2025``)."""
    return f"{start:04d}/{end:04d}"



When = Union[str, PartialDate, None]


def precision_rank(precision: str) -> int:
    """0 for a year, 1 for a month, 2 for a day."""
    return PRECISIONS.index(precision)


def coarser(a: str, b: str) -> str:
    """The coarser of two precisions (``year`` of ``year`` and ``day``)."""
    return PRECISIONS[min(precision_rank(a), precision_rank(b))]


def parse(value: When, end: bool = True) -> Optional[PartialDate]:
    """Read a stored date leniently: None for nothing or garbage; a period by its end
    (when it is due) or, with ``end=False``, by its start."""
    if value is None or isinstance(value, PartialDate):
        return value
    text = str(value).strip()
    if not text:
        return None
    parts = text.split("/")
    try:
        return PartialDate.parse(parts[-1] if end else parts[0])
    except ValueError:
        return None


def parse_exact(value: Optional[str]) -> Optional[PartialDate]:
    """Read a single date (not a period); None for nothing, periods and garbage."""
    if not value or "/" in value:
        return None
    return parse(value)


def period_end(value: Optional[str]) -> Optional[str]:
    """The ISO date a date or period is due at: its end (``2021/2025`` → ``2025``)."""
    return value.split("/")[-1] if value else None


def period_start(value: Optional[str]) -> Optional[str]:
    """The ISO date a date or period begins at (``2021/2025`` → ``2021``)."""
    return value.split("/")[0] if value else None


def precision_of(value: str) -> str:
    """The precision of a date, or of a period's start."""
    return PartialDate.parse(period_start(value)).precision


def is_later(a: When, b: When) -> bool:
    """True when ``a`` is after ``b`` at the precision both are known to."""
    da, db = parse(a), parse(b)
    if da is None or db is None:
        return False
    both = coarser(da.precision, db.precision)
    return da.truncate(both) > db.truncate(both)


def still_open(deadline: PartialDate, newest: Optional[PartialDate]) -> bool:
    """True when the newest article could come before the deadline period ends."""
    return newest is not None and deadline.last_day() >= newest.first_day()


def agree(a: When, b: When) -> bool:
    """True when two dates could be the same day (one refines the other)."""
    da, db = parse(a), parse(b)
    return da is not None and db is not None and da.agrees(db)


def newest(dates: Iterable[When]) -> Optional[PartialDate]:
    """The latest of some dates (by their last possible day), or None."""
    found = [d for d in map(parse, dates) if d is not None]
    return max(found, key=lambda d: (d.last_day(), d.precision)) if found else None


def day_key(value: When) -> tuple:
    """A sort key: dated first, by first day; undated after."""
    date = parse(value)
    return (0, date.first_day()) if date else (1,)
