"""The store's half that copies shard databases in: ``tracker merge``.

A corpus too large for one writer is read in partitions (a Dask bag, Spark
``mapPartitions``, or several ``tracker ingest --db shard-N.db`` runs), each writing
a SQLite shard of its own.  Merging copies each shard's articles with what they are
made of — text, pieces, sentences, claims, programme relevance — into this database
with offset ids, in SQL and in one transaction per shard.  Texts already here are
skipped, as a re-ingest skips them; a changed text at a known path becomes that
document's next version.  The derived tables are not copied: the copied claims'
buckets are marked dirty, so one refresh derives exactly what the shards touched.
Reads no data tables.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import NotATrackerDatabase, TrackerError

#: What an article is made of, in the order their foreign keys need.  Everything else
#: in the schema is derived from these rows and rebuilt by the refresh.
ARTICLE_TABLES = ("articles", "article_texts", "pieces", "sentences", "claims", "piece_programmes")


@dataclass(frozen=True)
class MergedShard:
    """What one shard brought."""

    path: str
    new: int
    new_versions: int
    unchanged: int


class ShardMerge:
    """Mixed into :class:`tracker.store.Store`; ``self.db`` is its sqlite-utils database."""

    def merge_shard(self, shard: str | Path) -> MergedShard:
        """Copy one shard's articles in; the caller refreshes the derived tables after."""
        shard = str(shard)
        check_shard(shard, self.path)
        conn = self.db.conn
        conn.execute("ATTACH DATABASE ? AS shard", [shard])
        try:
            return self._copy_from_attached(shard)
        except sqlite3.DatabaseError as error:
            raise TrackerError(f"{shard}: could not be merged ({error})") from None
        finally:
            conn.execute("DETACH DATABASE shard")

    def _copy_from_attached(self, shard: str) -> MergedShard:
        conn = self.db.conn
        for table in ARTICLE_TABLES:
            if _columns(conn, "main", table) != _columns(conn, "shard", table):
                raise TrackerError(f"{shard}: its {table} table differs from this database's; "
                                   "open both with the same tracker version")
        new = new_versions = unchanged = 0
        with self.batch():  # the copied rows are indexed for search in one statement each
            conn.execute("CREATE TEMP TABLE merge_map (shard_id INTEGER PRIMARY KEY, new_id INTEGER, "
                         "version INTEGER, previous_id INTEGER)")
            try:
                offsets = {table: _max_id(conn, table) for table in ARTICLE_TABLES}
                latest: dict[str, tuple[int, int]] = {}
                rows = conn.execute("SELECT id, path, content_hash FROM shard.articles ORDER BY id").fetchall()
                for shard_id, path, content_hash in rows:
                    if conn.execute("SELECT 1 FROM main.articles WHERE content_hash = ?", [content_hash]).fetchone():
                        unchanged += 1
                        continue
                    if path not in latest:
                        found = conn.execute("SELECT id, version FROM main.articles WHERE path = ? "
                                             "ORDER BY version DESC LIMIT 1", [path]).fetchone()
                        if found:
                            latest[path] = (found[0], found[1])
                    previous = latest.get(path)
                    new_id = shard_id + offsets["articles"]
                    version = previous[1] + 1 if previous else 1
                    conn.execute("INSERT INTO temp.merge_map VALUES (?, ?, ?, ?)",
                                 [shard_id, new_id, version, previous[0] if previous else None])
                    latest[path] = (new_id, version)
                    new_versions += bool(previous)
                    new += not previous
                for table in ARTICLE_TABLES:
                    conn.execute(_copy_sql(conn, table, offsets))
                # The copied claims' buckets change, and so do those of each document's
                # older version, which stops speaking for it.
                self._mark_dirty("c.article_id IN (SELECT new_id FROM temp.merge_map "
                                 "UNION SELECT previous_id FROM temp.merge_map)", [])
            finally:
                conn.execute("DROP TABLE temp.merge_map")
        return MergedShard(shard, new, new_versions, unchanged)


def check_shard(shard: str | Path, into: str | Path) -> None:
    """Refuse, in one line, what cannot be merged into the database at ``into``."""
    shard = str(shard)
    if not Path(shard).is_file():
        raise TrackerError(f"{shard}: no such database file")
    if str(into) != ":memory:" and Path(into).exists() and Path(shard).resolve() == Path(into).resolve():
        raise TrackerError(f"{shard}: is the database being merged into; name another shard")
    # Opening it as a store checks that it is a tracker database and brings its schema
    # to this version, so the two have the same columns.
    from .store import Store

    try:
        Store(shard).close()
    except NotATrackerDatabase as error:
        reason = str(error).split("; choose another file")[0]
        raise TrackerError(f"{reason}; a shard is a database made by tracker ingest") from None


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _max_id(conn: sqlite3.Connection, table: str) -> int:
    column = "article_id" if table == "article_texts" else "id"
    return conn.execute(f"SELECT coalesce(max({column}), 0) FROM main.{table}").fetchone()[0]


def _copy_sql(conn: sqlite3.Connection, table: str, offsets: dict[str, int]) -> str:
    """INSERT … SELECT of the shard's rows of the mapped articles, every id moved by its offset."""
    references = {row[3]: row[2] for row in conn.execute(f"PRAGMA main.foreign_key_list({table})")}
    expressions = []
    for column in _columns(conn, "main", table):
        target = references.get(column)
        if table == "articles" and column == "id":
            expressions.append("m.new_id")
        elif table == "articles" and column in ("version", "previous_id"):
            expressions.append(f"m.{column}")
        elif target == "articles":
            expressions.append("m.new_id")
        elif target in offsets:
            expressions.append(f'x."{column}" + {offsets[target]}')
        elif column == "id":
            expressions.append(f"x.id + {offsets[table]}")
        else:
            expressions.append(f'x."{column}"')
    names = ", ".join(f'"{column}"' for column in _columns(conn, "main", table))
    owner = "id" if table == "articles" else "article_id"
    return (f"INSERT INTO main.{table} ({names}) SELECT {', '.join(expressions)} "
            f"FROM shard.{table} x JOIN temp.merge_map m ON m.shard_id = x.{owner} ORDER BY x.rowid")
