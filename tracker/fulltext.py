"""The store's half that keeps the trigram indexes: a batch's new rows indexed at its end.

``sentences_fts`` (over sentences.simplified) and ``claims_fts`` (over a claim's surface,
metric, subject, event and simplified form) are FTS5 ``trigram`` tables with external
content: triggers keep them beside their tables.  A trigger per row cost ingest more than
the rows themselves, and FTS5 indexes a batch of rows in one statement two to three times
faster, so a write of many rows runs inside :meth:`FullText.batch`: for its length, rows
added past a watermark (each table's largest id when it began, in ``tracker_state``) are
left to one ``INSERT … SELECT`` when it ends, in the same transaction.  Rows at or below the
watermark are indexed, updated and unindexed by the triggers at once, as before, so a
delete, an update or an id SQLite reuses inside a batch stays right, and a writer that
knows nothing of batches (Datasette, a test) still indexes its rows.  A crash rolls the
rows, their index and the watermark back together.  Searching them is
:mod:`tracker.search` (sentences) and :mod:`tracker.answers` (``evolve``'s claims).
Reads no data tables.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

#: Each full-text table, the table it indexes, and the columns it indexes.
INDEXES = {
    "sentences_fts": ("sentences", ("simplified",)),
    "claims_fts": ("claims", ("surface", "metric", "subject", "event", "simplified")),
}


def watermark_key(table: str) -> str:
    """The ``tracker_state`` key of a table's watermark: rows past it wait for the batch's end."""
    return f"{table}_fts_after"


class FullText:
    """Mixed into :class:`tracker.store.Store`; ``self.db`` is its connection."""

    db = None  # the store's connection, set by Store
    _batching = 0  # batches open on this store: only the outermost indexes

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction (a savepoint inside another) whose new rows are indexed as one at its end."""
        with self.db.atomic():
            if self._batching:
                yield
                return
            self._batching += 1
            try:
                self._index_waiting()  # a watermark left by anything else is settled before a new one
                for fts, (table, _) in INDEXES.items():
                    self.db.execute("INSERT INTO tracker_state (key, value) "
                                    f"SELECT ?, coalesce(max(id), 0) FROM {table}", [watermark_key(table)])
                yield
                self._index_waiting()
            finally:
                self._batching -= 1

    def _index_waiting(self) -> None:
        """Index the rows past each watermark and drop the watermarks (inside the batch's transaction)."""
        for fts, (table, columns) in INDEXES.items():
            key = watermark_key(table)
            found = self.db.execute("SELECT CAST(value AS INTEGER) FROM tracker_state WHERE key = ?", [key]).fetchone()
            if found is None:
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            self.db.execute(f"INSERT INTO {fts} (rowid, {names}) SELECT id, {names} FROM {table} WHERE id > ?",
                            [found[0]])
            self.db.execute("DELETE FROM tracker_state WHERE key = ?", [key])
