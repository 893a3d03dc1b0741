"""The store's half that finds sentences by a phrase (`tracker search`), newest articles first.

Mixed into :class:`tracker.store.Store`.  Three characters or more go through the FTS5
trigram index of the sentences.  One or two characters (雄安) cannot, and are matched with
LIKE; a table shows the newest matches, so the articles are read newest first, a few
hundred at a time, and the reading stops once enough are found: at 20,000 articles a
scan of every sentence took 1.8 s, the newest articles hold the answer in a few
hundredths.  Reads no data tables.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from .read.script import simplify

#: Articles whose sentences one LIKE query reads, newest first.
ARTICLES_AT_A_TIME = 500

_SELECT = """
    SELECT s.id, s.article_id AS article, a.title, a.published, a.published_precision,
           s.number, s.text, s.simplified
    FROM sentences s JOIN articles a ON a.id = s.article_id
"""
_ORDER = " ORDER BY a.published IS NULL, a.published DESC, s.article_id, s.number LIMIT ?"


class SentenceSearch:
    """Phrase search over the stored sentences."""

    db = None  # the store's connection, set by Store

    def search(self, query: str, limit: int = 50, programmes: Optional[Iterable[str]] = None) -> list[dict]:
        """Sentences matching ``query`` (simplified or traditional), newest articles first.

        With ``programmes``, only sentences of the pieces about one of them.
        """
        needle = simplify(query.strip())
        if not needle:
            return []
        condition, extra = self.programme_condition(programmes, "s") if programmes is not None else ("1", [])
        if len(needle) >= 3:
            sql = _SELECT + " WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
            rows = list(self.db.query(sql + f" AND {condition}" + _ORDER,
                                      ['"' + needle.replace('"', '""') + '"', *extra, limit]))
        else:
            rows = self._newest_like(needle, condition, extra, limit)
        for row in rows:
            row["match"] = needle
        return rows

    def _newest_like(self, needle: str, condition: str, extra: list, limit: int) -> list[dict]:
        """The first ``limit`` LIKE matches in the search's order, reading articles in that order."""
        # Articles in the order the rows are sorted by (published, newest first, then id), so the
        # matches of each batch follow those of the batch before.
        ids = [row[0] for row in self.db.execute(
            "SELECT id FROM articles ORDER BY published IS NULL, published DESC, id")]
        sql = _SELECT + (" WHERE s.article_id IN (SELECT value FROM json_each(?)) AND s.simplified LIKE ? "
                         f"ESCAPE '\\' AND {condition}") + _ORDER
        rows: list[dict] = []
        for start in range(0, len(ids), ARTICLES_AT_A_TIME):
            batch = json.dumps(ids[start:start + ARTICLES_AT_A_TIME])
            rows += self.db.query(sql, [batch, "%" + escape_like(needle) + "%", *extra, limit - len(rows)])
            if len(rows) >= limit:
                break
        return rows


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
