"""Clauses and sections: a sentence cut at Chinese commas, colons and semicolons, where
metrics and markers are read; and the sections of a report (一、2013年工作回顾 / 二、2014年
主要任务) that tell which year a bare figure belongs to.

Reads data/coordinators.tsv and data/sections.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

from ..dates import PartialDate
from ..knowledge import load_table, words_with_role
from .quantities import coordinators
from .timex import plan_periods

_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


class Clause(NamedTuple):  # a tuple: sentences make thousands of these
    start: int
    end: int
    text: str


def split_clauses(text: str) -> list[Clause]:
    clauses, cursor = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        clauses.append(Clause(cursor, match.end(), text[cursor:match.end()]))
        cursor = match.end()
    clauses.append(Clause(cursor, len(text), text[cursor:]))
    return clauses


def clause_at(clauses: list[Clause], offset: int) -> Clause:
    for clause in clauses:
        if clause.start <= offset < clause.end:
            return clause
    return clauses[-1]


@lru_cache(maxsize=1)
def number_coordinators() -> tuple[str, ...]:
    """What coordinates two numbers of one metric: any coordinator, and ， (分别增长5.6%，7.2%)."""
    return coordinators() + words_with_role("coordinators", "numbers")


# ------------------------------------------------------------------ sections

class Section(NamedTuple):
    """A part of a report from ``start`` on: ``role`` review or plan, covering ``when``."""

    start: int
    role: str
    when: str  # a year (2013) or START/END (2003/2007)


# 一、2013年工作回顾 at the head of a line (a wiki heading may wrap it in ==).
_HEADING = re.compile(r"(?m)^[ \t\u3000=]*[一二三四五六七八九十]{1,3}[、．][ \t\u3000]*(?P<h>[^\n。！？]{2,60}?)[ \t\u3000=]*$")
_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


@lru_cache(maxsize=1)
def _section_rows() -> tuple[dict, ...]:
    return load_table("sections", ("word", "role", "scope", "from", "to"))


@lru_cache(maxsize=1)
def _lead_words() -> tuple[str, ...]:
    return tuple(r["word"] for r in _section_rows() if r["scope"] == "lead")


def _span(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}/{end}"


def find_sections(text: str, anchor: Optional[PartialDate]) -> list[Section]:
    """The review and plan sections of ``text``, in order; none when it has no such headings."""
    if anchor is None or "、" not in text:
        return []
    rows = [r for r in _section_rows() if r["scope"] == "heading"]
    sections: list[Section] = []
    for match in _HEADING.finditer(text):
        section = _heading_section(match.group("h"), anchor.year, rows)
        if section is None:
            continue
        role, when = section
        if role is None:  # 三、加强政府自身建设: the part before it goes on
            if not sections:
                continue
            role, when = sections[-1].role, sections[-1].when
        sections.append(Section(match.start(), role, when))
    return sections if any(s.role for s in sections) else []


def _heading_section(heading: str, year: int, rows) -> Optional[tuple[Optional[str], Optional[str]]]:
    # 过去五年工作回顾: the word that covers most years says how far back it looks.
    word = min((r for r in rows if r["word"] in heading), key=lambda r: int(r["from"]), default=None)
    written = _HEADING_YEAR.search(heading)
    plan = next((name for name in plan_periods() if name in heading), None)
    if plan:
        first, last = plan_periods()[plan]
        role = word["role"] if word else ("review" if last < year else "plan")
        return role, _span(first, last)
    if written:
        when = int(written.group(1))
        role = word["role"] if word else ("review" if when < year else "plan")
        return role, str(when)
    if word:
        return word["role"], _span(year + int(word["from"]), year + int(word["to"]))
    return None, None


def section_at(sections: list[Section], offset: int) -> Optional[Section]:
    """The section holding ``offset``, or None before the first (or without any)."""
    found = None
    for section in sections:
        if section.start > offset:
            break
        found = section
    return found


def lead_section(sentence: str, offset: int, anchor: Optional[PartialDate]) -> Optional[Section]:
    """过去一年，… at the head of a sentence: the rest of its paragraph reviews that year."""
    if anchor is None:
        return None
    head = sentence.lstrip(" \t\u3000")
    if not head.startswith(_lead_words()):  # most sentences: one test instead of one per row
        return None
    for row in _section_rows():
        if row["scope"] == "lead" and head.startswith(row["word"]):
            return Section(offset, row["role"],
                           _span(anchor.year + int(row["from"]), anchor.year + int(row["to"])))
    return None
