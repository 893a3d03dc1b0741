"""The store's half that reads stored answers for the views, cut down in SQL to what they show.

Mixed into :class:`tracker.store.Store` beside :class:`tracker.derived.DerivedTables`:
the derived rows are kept by bucket there, and read here, by the claims a view already
holds (the conflicts among the points of ``tracker evolve``), so that no view compares
claims with claims at query time.  Reads no data tables.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from . import dates
from .derived import CURRENT, deadline_end
from .dates import PartialDate
from .models import VERDICTS, Point, StoredClaim, TargetStatus
from .read.script import simplify
from .search import escape_like


class StoredAnswers:
    """Reads of the derived tables, for the views."""

    db = None  # the store's connection, set by Store

    def conflicting_pairs(self, claim_ids: Iterable[int]) -> list[tuple[int, int]]:
        """The stored conflicts (``conflict_pairs``) between two of these claims, as id pairs."""
        wanted = set(claim_ids)
        return [(a, b) for a, b in self.db.execute(
            "SELECT claim_a, claim_b FROM conflict_pairs WHERE claim_a IN (SELECT value FROM json_each(?)) "
            "ORDER BY id", [json.dumps(sorted(wanted))]) if b in wanted]

    def newest_published(self) -> Optional[PartialDate]:
        """The latest publication date of any article (by its last possible day), or None."""
        # Within one form (YYYY, YYYY-MM, YYYY-MM-DD) the text sorts as the days do, so the
        # latest of each form is enough: a few rows, not every article's date parsed in Python.
        day = "[0-9][0-9][0-9][0-9]"
        return dates.newest(row[0] for row in self.db.execute(
            f"SELECT max(published) FROM articles GROUP BY CASE WHEN published GLOB '{day}' THEN 1 "
            f"WHEN published GLOB '{day}-[0-9][0-9]' THEN 2 WHEN published GLOB '{day}-[0-9][0-9]-[0-9][0-9]' THEN 3 "
            "ELSE published END"))

    def series_candidates(self, query: str, programmes: Optional[Iterable[str]] = None,
                          newest: Optional[int] = None) -> list[StoredClaim]:
        """The current figures and targets that may match ``evolve QUERY``, found in SQL, not by
        loading every figure: a canonical metric by its key (any written form); other words
        in the metric, or in the sentence through the trigram index (three characters or
        more; LIKE below that).  :func:`tracker.compare.series.matches` decides.

        With ``newest``, only that many, those of the latest sources: their ids are picked
        first (a sort of ids and dates), and only they are read whole."""
        found = self._series_condition(query, programmes)
        if found is None:
            return []
        condition, params = found
        if newest is not None:
            ids = [row[0] for row in self.db.execute(
                f"SELECT c.id FROM claims c JOIN sentences s ON s.id = c.sentence_id JOIN articles a ON a.id = c.article_id "
                f"WHERE {CURRENT} AND {condition} "
                "ORDER BY a.published IS NULL, a.published DESC, c.article_id DESC, c.id DESC LIMIT ?",
                [*params, newest])]
            condition, params = "c.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
        return self.claims(current=True, where=(condition, params))

    def _series_condition(self, query: str, programmes: Optional[Iterable[str]]) -> Optional[tuple[str, list]]:
        """The condition on claims ``c`` (and sentences ``s``) of the claims that may match, or None."""
        from .compare.series import is_canonical, metric_key

        needle = simplify(query.strip())
        if not needle:
            return None
        key = metric_key(needle)
        kinds = "c.kind IN ('figure', 'target')"
        if programmes is not None:
            condition, more = self.programme_condition(programmes, "s")
            kinds, kinds_params = f"{kinds} AND {condition}", more
        else:
            kinds_params = []
        if is_canonical(key):
            return f"{kinds} AND c.metric_key = ?", [*kinds_params, key]
        like = "%" + escape_like(needle) + "%"
        if len(needle) >= 3:  # both through the trigram indexes: LIKE would read every figure
            phrase = '"' + needle.replace('"', '""') + '"'
            condition = (f"{kinds} AND c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? UNION "
                         "SELECT id FROM claims WHERE sentence_id IN "
                         "(SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))")
            return condition, [*kinds_params, "metric : " + phrase, phrase]
        condition = f"{kinds} AND (c.metric LIKE ? ESCAPE '\\' OR s.simplified LIKE ? ESCAPE '\\')"
        return condition, [*kinds_params, like, like]

    def target_statuses(self, metric: Optional[str] = None, subject: Optional[str] = None,
                        programmes: Optional[Iterable[str]] = None,
                        limit: Optional[int] = None, newest: Optional[PartialDate] = None) -> list[TargetStatus]:
        """The stored target checks with their verdicts, soonest deadline first.

        ``metric`` keeps the targets whose metric key is that metric's key (a canonical
        metric by any written form) or whose metric contains the words; ``subject`` one
        subject; ``programmes`` the targets told in pieces about one of them.  ``newest``
        is the newest publication date, when the caller has it already.
        """
        where, params = [], []
        if metric:
            from .compare.series import is_canonical, metric_key

            key = metric_key(metric)
            if is_canonical(key):
                where.append("t.metric_key = ?")
                params.append(key)
            else:
                where.append("(t.metric_key LIKE ? ESCAPE '\\' OR t.metric LIKE ? ESCAPE '\\')")
                params += ["%" + escape_like(key or simplify(metric)) + "%", "%" + escape_like(simplify(metric)) + "%"]
        if subject:
            where.append("t.subject = ?")
            params.append(subject)
        if programmes is not None:
            condition, more = self.programme_condition(programmes, "s")
            where.append(condition)
            params += more
        rows = self.db.execute(
            f"""
            SELECT t.subject, t.metric, t.value, t.value_high, t.unit, t.qualifier, t.deadline, t.strength,
                   t.article_id, a.published, s.text, t.later_json, coalesce(t.verdict, t.status), c.surface,
                   t.claim_id, c.start - s.start, t.verdict_rule, t.official_verdict, t.official_sentence,
                   t.outcome_claim_id, t.conflicts_json, t.metric_key, t.polarity
            FROM target_checks t
            JOIN articles a ON a.id = t.article_id
            LEFT JOIN claims c ON c.id = t.claim_id
            LEFT JOIN sentences s ON s.id = c.sentence_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY {"t.deadline IS NULL, " + _DEADLINE_END + ", t.id LIMIT ?" if limit else "t.id"}
            """, params + ([limit] if limit else []))
        newest = newest if newest is not None else self.newest_published()
        found = []
        for row in rows:
            verdict, rule = row[12], row[16] or ""
            deadline = dates.parse(row[6])
            later = tuple(Point(**p) for p in json.loads(row[11] or "[]"))
            # Stored without the newest article in mind (it moves with every ingest): a target
            # without an outcome whose period is not over by the newest article is not yet due.
            if verdict == _NO_OUTCOME and deadline and dates.still_open(deadline, newest):
                verdict, rule = _NOT_YET_DUE, f"due by the end of {row[6]}, after the newest article ({newest})"
            outcome = next((p for p in later if p.claim == row[19]), None) if row[19] is not None else None
            found.append(TargetStatus(
                *row[:10], row[10] or "", later, verdict, row[13] or "", row[14], row[15], rule, row[17], row[18],
                outcome, tuple(Point(**p) for p in json.loads(row[20] or "[]")), row[21], row[22]))
        return sorted(found, key=_deadline_order)


# compare/verdicts.py's names for the first two verdicts, taken from the scale: that module
# brings the extractors, which reading stored checks never needs.
_NOT_YET_DUE, _NO_OUTCOME = VERDICTS[:2]

# Where a deadline period ends, for SQL to find the soonest targets without reading them all.
_DEADLINE_END = deadline_end("t")


def _deadline_order(status: TargetStatus) -> tuple:
    """Soonest deadline first (by its last day), none last; then by source, as the checks were made."""
    deadline = dates.parse(status.deadline)
    return (deadline is None, deadline.last_day() if deadline else None, status.published or "",
            status.article, status.metric or "")
