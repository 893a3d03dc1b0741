"""Score extracted claims against a work-report targets table (``shared/gold/FORMAT.md``,
section "Work-report targets").

The table is one JSON list; each entry is one number a reader would put in a table of a
report's targets and outcomes: ``{"year", "kind", "metric", "surface", "value",
"value_high", "unit", "qualifier", "as_of", "quote", "file", …}``.  ``kind`` is
``target`` (a target for the report's year), ``achieved`` (an outcome of the year before)
or ``not_set`` (no number set: not scored).

An entry is found **leniently** when a figure or target has its unit and value in a
sentence overlapping its quote, and **strictly** when that claim also has the right kind
(a target for ``target``, a figure for ``achieved``), the same qualifier, the right year
(a target's deadline — or, lacking one, its ``as_of`` — is the report's year; an
outcome's ``as_of`` is the entry's) and, for a range, the same ``value_high``.  The
report's year is scored against the publication date.  Pure, like :mod:`tracker.evaluate`,
whose matching rules it shares.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from .evaluate import ClaimRef, NUMERIC, _qualifier, _unit, quotes_overlap, values_agree
from .models import StoredClaim

ENTRY_KINDS = ("target", "achieved")
_WANT = {"target": "target", "achieved": "figure"}
_YEAR = re.compile(r"((?:19|20)\d{2})")


@dataclass(frozen=True)
class EntryScore:
    """One table entry: found leniently, strictly, and the claim that came closest."""

    file: str
    kind: str
    metric: str
    surface: str
    lenient: bool
    strict: bool
    why: str = ""  # what kept a lenient find from being strict


@dataclass(frozen=True)
class ReportDate:
    """A report's year against the publication date given to it."""

    file: str
    year: Optional[int]
    published: Optional[str]

    @property
    def right(self) -> bool:
        return self.year is not None and str(self.published or "")[:4] == str(self.year)


@dataclass(frozen=True)
class TargetsScore:
    """Every entry scored, and every report's date."""

    entries: tuple[EntryScore, ...]
    dates: tuple[ReportDate, ...]

    def counts(self, kind: str) -> tuple[int, int, int]:
        """(strict, lenient, total) for one kind of entry."""
        rows = [e for e in self.entries if e.kind == kind]
        return sum(e.strict for e in rows), sum(e.lenient for e in rows), len(rows)

    @property
    def dates_right(self) -> int:
        return sum(d.right for d in self.dates)


def report_year(entries: Iterable[dict], file: str) -> Optional[int]:
    """The report's year: the entries' ``year``, else the first year in the file name."""
    years = Counter(e.get("year") for e in entries if e.get("file") == file and e.get("year"))
    if years:
        return int(years.most_common(1)[0][0])
    m = _YEAR.search(file)
    return int(m[1]) if m else None


def _strict_miss(entry: dict, claim: ClaimRef) -> str:
    """Why a lenient find is not strict, or "" when it is."""
    want = _WANT[entry["kind"]]
    if claim.kind != want:
        return f"kind {claim.kind}, wanted {want}"
    if _qualifier(claim) != (entry.get("qualifier") or "="):
        return f"qualifier {_qualifier(claim)}, wanted {entry.get('qualifier') or '='}"
    if entry["kind"] == "target":
        when, wanted = claim.deadline or claim.as_of, str(entry.get("year"))
    else:
        when, wanted = claim.as_of, str(entry.get("as_of"))
    if str(when or "").split("/")[-1][:4] != wanted[:4]:
        return f"{'deadline' if want == 'target' else 'as_of'} {when or '-'}, wanted {wanted}"
    if entry.get("value_high") is not None and not values_agree(entry["value_high"], claim.value_high):
        return f"value_high {claim.value_high}, wanted {entry['value_high']}"
    return ""


def score_entry(entry: dict, predictions: list[ClaimRef]) -> EntryScore:
    """Score one table entry against the figures and targets of its report."""
    lenient, why = False, "no claim with this value and unit in the sentence"
    for claim in predictions:
        if claim.kind not in NUMERIC or _unit(claim.unit) != _unit(entry.get("unit")):
            continue
        if not values_agree(entry.get("value"), claim.value) or not quotes_overlap(entry.get("quote"), claim.text):
            continue
        miss = _strict_miss(entry, claim)
        if not miss:
            return _entry(entry, True, True, "")
        if not lenient:
            lenient, why = True, miss
    return _entry(entry, lenient, False, why)


def _entry(entry: dict, lenient: bool, strict: bool, why: str) -> EntryScore:
    return EntryScore(entry.get("file", "?"), entry["kind"], entry.get("metric") or "",
                      entry.get("surface") or "", lenient, strict, why)


def score_targets(entries: list[dict], claims: dict[str, Iterable[StoredClaim]],
                  published: dict[str, Optional[str]]) -> TargetsScore:
    """Score a targets table: ``claims`` and ``published`` are keyed by the entries' ``file``."""
    files = sorted({e.get("file") for e in entries if e.get("file")})
    refs = {f: [ClaimRef.of_stored(c) for c in claims.get(f, ())] for f in files}
    scored = tuple(score_entry(e, refs.get(e.get("file"), [])) for e in entries if e.get("kind") in ENTRY_KINDS)
    dates = tuple(ReportDate(f, report_year(entries, f), published.get(f)) for f in files)
    return TargetsScore(scored, dates)


def check_entries(entries) -> list[dict]:
    """Return the table's entries, or raise ValueError saying what is wrong with it."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("a targets table is a JSON list of objects")
    for number, entry in enumerate(entries):
        missing = [k for k in ("file", "kind", "quote") if k not in entry]
        if missing or (entry["kind"] in ENTRY_KINDS and "value" not in entry):
            raise ValueError(f"entry {number} lacks {', '.join(missing) or 'value'}")
    return entries


# ---------------------------------------------------------------- output


def to_json(score: TargetsScore) -> dict:
    """The targets score as plain JSON-ready data."""
    kinds = {}
    for kind in ENTRY_KINDS:
        strict, lenient, total = score.counts(kind)
        kinds[kind] = {"strict": strict, "lenient": lenient, "total": total}
    return {
        "format": "targets",
        "kinds": kinds,
        "dates": {"year_right": score.dates_right, "n": len(score.dates),
                  "reports": [{"file": d.file, "year": d.year, "published": d.published, "right": d.right}
                              for d in score.dates]},
        "misses": [{"file": e.file, "kind": e.kind, "metric": e.metric, "surface": e.surface,
                    "found": "lenient" if e.lenient else "missing", "why": e.why}
                   for e in score.entries if not e.strict],
    }


def report_lines(score: TargetsScore, misses: bool = False) -> list[str]:
    """The plain-text report; the last lines are a compact summary for ``tail``."""
    lines = [f"{'report':<20} {'year':>4} {'published':<10} {'strict':>8} {'lenient':>8} {'entries':>7}"]
    for d in score.dates:
        rows = [e for e in score.entries if e.file == d.file]
        mark = "" if d.right else "  wrong year"
        lines.append(f"{d.file:<20} {d.year or '-':>4} {d.published or 'undated':<10} "
                     f"{sum(e.strict for e in rows):>8} {sum(e.lenient for e in rows):>8} {len(rows):>7}{mark}")
    if misses:
        lines.append("")
        lines += [f"{'LENIENT' if e.lenient else 'MISS'} {e.file} {e.kind} {e.metric} {e.surface}"
                  + (f" | {e.why}" if e.lenient else "") for e in score.entries if not e.strict]
    lines += ["", "== summary"]
    for kind in ENTRY_KINDS:
        strict, lenient, total = score.counts(kind)
        lines.append(f"{kind:<9} strict {strict}/{total}  lenient {lenient}/{total}")
    lines.append(f"dates year-right {score.dates_right}/{len(score.dates)}")
    return lines
