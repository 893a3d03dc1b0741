"""The store's half that keeps the trigram indexes and reads them: batched indexing, search.

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
rows, their index and the watermark back together.  Reads no data tables.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator, Optional

from .models import StoredClaim
from .read.script import simplify

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

    # ------------------------------------------------------------------ reads

    def series_candidates(self, query: str, programmes: Optional[Iterable[str]] = None) -> list[StoredClaim]:
        """The current figures and targets that may match ``evolve QUERY``, found in SQL, not by
        loading every figure: a canonical metric by its key (any written form); other words
        in the metric, or in the sentence through the trigram index (three characters or
        more; LIKE below that).  :func:`tracker.compare.series.matches` decides."""
        from .compare.series import is_canonical, metric_key

        needle = simplify(query.strip())
        if not needle:
            return []
        key = metric_key(needle)
        kinds = "c.kind IN ('figure', 'target')"
        if programmes is not None:
            condition, more = self.programme_condition(programmes, "s")
            kinds, kinds_params = f"{kinds} AND {condition}", more
        else:
            kinds_params = []
        if is_canonical(key):
            return self.claims(current=True, where=(f"{kinds} AND c.metric_key = ?", [*kinds_params, key]))
        like = "%" + escape_like(needle) + "%"
        if len(needle) >= 3:  # both through the trigram indexes: LIKE would read every figure
            phrase = '"' + needle.replace('"', '""') + '"'
            condition = (f"{kinds} AND c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? UNION "
                         "SELECT id FROM claims WHERE sentence_id IN "
                         "(SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))")
            return self.claims(current=True, where=(condition, [*kinds_params, "metric : " + phrase, phrase]))
        condition = f"{kinds} AND (c.metric LIKE ? ESCAPE '\\' OR s.simplified LIKE ? ESCAPE '\\')"
        return self.claims(current=True, where=(condition, [*kinds_params, like, like]))

    def search(self, query: str, limit: int = 50, programmes: Optional[Iterable[str]] = None) -> list[dict]:
        """Sentences matching ``query`` (simplified or traditional), newest articles first.

        With ``programmes``, only sentences of the pieces about one of them.
        """
        needle = simplify(query.strip())
        if not needle:
            return []
        condition, extra = self.programme_condition(programmes, "s") if programmes is not None else ("1", [])
        select = """
            SELECT s.id, s.article_id AS article, a.title, a.published, a.published_precision,
                   s.number, s.text, s.simplified
            FROM sentences s JOIN articles a ON a.id = s.article_id
        """
        order = " ORDER BY a.published IS NULL, a.published DESC, s.article_id, s.number LIMIT ?"
        if len(needle) >= 3:
            sql = select + " WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
            params = ['"' + needle.replace('"', '""') + '"']
        else:
            sql = select + " WHERE s.simplified LIKE ? ESCAPE '\\'"
            params = ["%" + escape_like(needle) + "%"]
        sql += f" AND {condition}" + order
        params += extra + [limit]
        rows = list(self.db.query(sql, params))
        for row in rows:
            row["match"] = needle
        return rows


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
