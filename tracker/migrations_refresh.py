"""The schema's history, continued: the bookkeeping of an incremental refresh (019 on).

Registered on :data:`tracker.migrations.migrations` after the migrations of that module,
which imports this one at its end; the same rule holds: a change is a new function at
the end, never an edit of an old one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .migrations import _END_YEAR, migrations

if TYPE_CHECKING:
    import sqlite_utils


@migrations()
def m019_conflicts_of_new_articles(db: sqlite_utils.Database) -> None:
    """A figures bucket only new articles told since it was derived looks at their figures'
    conflicts alone: ``additions_only`` says nothing else (a new version, re-extraction, a
    date, a merge) marked it; ``fresh_articles``, what was stored since the last refresh."""
    db.executescript(
        """
        ALTER TABLE dirty_buckets ADD COLUMN additions_only INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE fresh_articles (article_id INTEGER PRIMARY KEY REFERENCES articles(id));
        """
    )


_NUMBER = "coalesce(CAST(value AS TEXT), '') || '|' || coalesce(unit, '') || '|' || coalesce(qualifier, '')"


@migrations()
def m020_targets_due_by_number(db: sqlite_utils.Database) -> None:
    """The targets due in a year are bucketed by their number too (``t:2025|5.0|%|=``):
    targets are one event only when they give one number, so a new target re-reads those
    of its number, not the year's thousands.  Their events are rebuilt under the new names."""
    db.executescript(
        f"""
        DELETE FROM event_sources WHERE event_id IN (SELECT id FROM events WHERE bucket LIKE 't:%');
        DELETE FROM events WHERE bucket LIKE 't:%';
        DELETE FROM dirty_buckets WHERE bucket LIKE 't:%';
        INSERT OR IGNORE INTO dirty_buckets (bucket)
            SELECT DISTINCT 't:' || {_END_YEAR} || '|' || {_NUMBER} FROM claims
            WHERE kind = 'target' AND deadline IS NOT NULL;
        UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale' AND EXISTS (SELECT 1 FROM articles);
        """
    )
