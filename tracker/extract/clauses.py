"""Clauses: a sentence cut at Chinese commas, colons and semicolons, where metrics and markers are read.

Reads data/coordinators.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..knowledge import words_with_role
from .quantities import coordinators

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
