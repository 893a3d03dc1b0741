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
from .dates import PartialDate


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
