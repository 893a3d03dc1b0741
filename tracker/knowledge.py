"""Load the Chinese-language knowledge tables kept under ``tracker/data``.

Units, magnitude words, qualifiers, time words, plan periods, the political calendar
and programme start dates are data, not code: each is a tab-separated file with a
header row that a reader can scan and extend.  Lines starting with ``#`` are comments.
Tables are read once and validated against the columns their users need.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .errors import BadData


@lru_cache(maxsize=None)
def load_table(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Return the rows of ``tracker/data/<name>.tsv`` as dicts keyed by the header."""
    text = resources.files("tracker").joinpath("data", f"{name}.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise BadData(f"tracker/data/{name}.tsv: no header row")
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise BadData(f"tracker/data/{name}.tsv: missing column(s) {', '.join(missing)}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > len(header):
            raise BadData(f"tracker/data/{name}.tsv: row {number} has more cells than the header")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells))
        empty = [c for c in required if not row[c]]
        if empty:
            raise BadData(f"tracker/data/{name}.tsv: row {number} leaves {', '.join(empty)} empty")
        rows.append(row)
    return tuple(rows)


def words(name: str, column: str = "word") -> tuple[str, ...]:
    """Return one column of a table, longest entries first (so regex alternation prefers them)."""
    return tuple(sorted({row[column] for row in load_table(name, (column,))}, key=lambda w: (-len(w), w)))


def words_with_role(name: str, role: str, column: str = "word") -> tuple[str, ...]:
    """The ``column`` of the rows whose ``role`` is ``role``, longest first."""
    rows = load_table(name, (column, "role"))
    return tuple(sorted({r[column] for r in rows if r["role"] == role}, key=lambda w: (-len(w), w)))
