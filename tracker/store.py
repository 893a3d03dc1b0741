"""The one place that reads and writes the SQLite database.

The schema is built for Datasette as much as for the CLI: readable column names,
foreign keys, ISO dates with their precision beside them, and full-text search that
works for Chinese (FTS5 ``trigram``; one- and two-character queries fall back to
``LIKE``).  Schema history is an append-only list of named migrations applied when
the store is opened, so an old database and a new one reach the same schema.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .connection import Connection
from .errors import NotATrackerDatabase, UnknownArticle
from .dates import PartialDate
from .answers import StoredAnswers
from .derived import CURRENT, DerivedTables
from .fulltext import FullText
from .models import Article, Claim, Event, EventSource, Layout, Piece, Sentence, StoredClaim, format_value
from .migrations import migrations
from .shards import ShardMerge
from .search import SentenceSearch, escape_like
from .read.script import simplify

CLAIM_COLUMNS = (
    "kind", "surface", "start", "end", "value", "value_high", "unit", "qualifier", "subject",
    "metric", "as_of", "deadline", "strength", "date", "date_precision", "event", "change",
    "simplified", "refers_to", "as_of_basis",
)


@dataclass(frozen=True)
class Stored:
    """What ingesting one article did."""

    article_id: int
    status: str  # "new", "unchanged", "new version"
    version: int = 1


class Store(DerivedTables, StoredAnswers, ShardMerge, SentenceSearch, FullText):
    """Own the tracker database: open and migrate it, write articles, answer queries."""

    def __init__(self, path: str | Path = ":memory:", timeout: float = 5.0):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = Connection(sqlite3.connect(self.path, timeout=timeout))
            self.db.execute("PRAGMA foreign_keys = ON")
            self._check_is_ours()
            if not migrations.up_to_date(self.db.conn):
                migrations.apply(self.db.full)
        except sqlite3.DatabaseError as error:
            raise NotATrackerDatabase(_database_problem(self.path, error)) from None

    def _check_is_ours(self) -> None:
        tables = set(self.db.table_names())
        if not tables:
            return
        ours = "_sqlite_migrations" in tables and self.db.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [migrations.name]
        ).fetchone()
        if not ours:
            raise NotATrackerDatabase(
                f"{self.path}: not a tracker database (it has tables {', '.join(sorted(tables)[:3])}…); "
                "choose another file with --db"
            )

    def close(self) -> None:
        # Lets SQLite's planner learn the new sizes of tables (cheap when nothing changed), so a bucket's
        # claims are found by their index; from a sample (all of 10 million claims took 35 s).
        try:
            self.db.execute("PRAGMA analysis_limit = 1000")
            self.db.execute("PRAGMA optimize")
        except sqlite3.DatabaseError:
            pass  # read-only or busy: the plans stay as they were
        self.db.close()

    # ---------------------------------------------------------------- writes

    def add_article(self, article: Article, extractor_version: str) -> Stored:
        """Store an article with its pieces, sentences and claims in one transaction."""
        existing = self.db.execute(
            "SELECT id, version FROM articles WHERE content_hash = ?", [article.sha256]
        ).fetchone()
        if existing:
            return Stored(existing[0], "unchanged", existing[1])
        try:
            with self.batch():  # indexed for search when the outermost batch ends
                previous = self.db.execute(
                    "SELECT id, version FROM articles WHERE path = ? ORDER BY version DESC LIMIT 1",
                    [article.path],
                ).fetchone()
                version = previous[1] + 1 if previous else 1
                article_id = self._insert_article(article, extractor_version, previous, version)
                piece_ids = self._insert_pieces(article_id, article)
                sentence_ids = self._insert_sentences(article_id, article, piece_ids)
                self._insert_claims(article_id, sentence_ids, article.claims, extractor_version, article.metric_keys)
                self._insert_piece_programmes(article_id, piece_ids, _relevance_of(article))
                # Only a new article's own buckets are additions: a new version takes the
                # older one's claims away, and its buckets are rebuilt whole.
                self._mark_dirty("c.article_id = ?", [article_id], added=None if previous else article_id)
                if previous:  # the older version stops speaking: its buckets change too
                    self._mark_dirty("c.article_id = ?", [previous[0]])
        except sqlite3.OperationalError as error:
            raise NotATrackerDatabase(_database_problem(self.path, error)) from None
        return Stored(article_id, "new version" if previous else "new", version)

    def _insert_article(self, article: Article, extractor_version, previous, version) -> int:
        dating, layout = article.dating, article.layout
        row = {
            "path": article.path,
            "name": Path(article.path).name,
            "version": version,
            "previous_id": previous[0] if previous else None,
            "content_hash": article.sha256,
            "title": layout.title,
            "outlet": layout.outlet,
            "byline": layout.byline,
            "published": dating.published,
            "published_precision": dating.precision,
            "published_basis": dating.basis,
            "published_evidence": dating.evidence,
            "published_year": int(dating.published[:4]) if dating.published else None,
            "published_earliest": dating.earliest,
            "published_latest": dating.latest,
            "script": article.script,
            "encoding": article.encoding,
            "format": article.format,
            "body_start": layout.body_start,
            "body_end": layout.body_end,
            "chars": len(article.text),
            "extractor_version": extractor_version,
        }
        # Plain SQL: sqlite-utils' insert reads the table's schema on every call.
        article_id = self.db.conn.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values())).lastrowid
        self.db.execute("INSERT INTO article_texts (article_id, text, simplified) VALUES (?, ?, ?)",
                        [article_id, article.text, article.simplified])
        return article_id

    def _insert_pieces(self, article_id: int, article: Article) -> list[int]:
        # Plain executemany, as for sentences and claims: sqlite-utils' insert reads the
        # table's schema on every call, which cost more than the rows on a transcript archive.
        self.db.conn.executemany(
            'INSERT INTO pieces (article_id, number, title, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(article_id, number, piece.title, piece.start, piece.end)
             for number, piece in enumerate(article.layout.pieces)])
        return [row[0] for row in self.db.execute(
            "SELECT id FROM pieces WHERE article_id = ? ORDER BY number", [article_id])]

    def _insert_sentences(self, article_id: int, article: Article, piece_ids: list[int]) -> list[int]:
        # One executemany instead of a sqlite-utils insert per row: ingest spent 70% of
        # its time introspecting the table once per sentence (bench/ingest.py).
        rows = [
            (article_id, piece_ids[s.piece] if s.piece is not None else None, s.index, s.start, s.end,
             s.text, article.simplified[s.start:s.end])
            for s in article.sentences
        ]
        self.db.conn.executemany(
            'INSERT INTO sentences (article_id, piece_id, number, start, "end", text, simplified) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return [row[0] for row in self.db.execute(
            "SELECT id FROM sentences WHERE article_id = ? ORDER BY number", [article_id])]

    def _insert_piece_programmes(self, article_id: int, piece_ids: list[int], relevance) -> None:
        self.db.conn.executemany(
            "INSERT INTO piece_programmes (article_id, piece_id, programme, score, relevant, words) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, piece_ids[r.piece] if r.piece is not None else None, r.programme, r.score,
              int(r.relevant), r.words) for r in relevance])

    def rescore_programmes(self) -> int:
        """Score every stored article's pieces again (after programmes.tsv or its terms changed)."""
        count = 0
        with self.db.atomic():
            self.db.execute("DELETE FROM piece_programmes")
            for article_id in self.all_article_ids():
                row = self.article(article_id)
                pieces = self.pieces(article_id)
                number_of = {p["id"]: p["number"] for p in pieces}
                layout = Layout(title=row["title"], body_start=row["body_start"], body_end=row["body_end"],
                                pieces=tuple(Piece(p["title"], p["start"], p["end"]) for p in pieces))
                sentences = tuple(Sentence(s["number"], s["start"], s["end"], s["text"], number_of.get(s["piece_id"]))
                                  for s in self.sentences(article_id))
                article = Article(path=row["path"], sha256=row["content_hash"], text=row["text"],
                                  simplified=row["simplified"], script=row["script"], encoding=row["encoding"],
                                  format=row["format"], layout=layout, dating=None, sentences=sentences)
                from .compare.relevance import article_relevance

                relevance = article_relevance(article)
                self._insert_piece_programmes(article_id, [p["id"] for p in pieces], relevance)
                count += len(relevance)
        return count

    def programme_counts(self) -> dict[str, dict]:
        """For each programme: how many pieces are about it, name it in passing, and in how many articles."""
        found = {}
        for programme, relevant, passing, articles in self.db.execute(
                "SELECT programme, sum(relevant), sum(1 - relevant), "
                "count(DISTINCT CASE WHEN relevant THEN article_id END) FROM piece_programmes GROUP BY programme"):
            found[programme] = {"relevant": relevant or 0, "passing": passing or 0, "articles": articles or 0}
        return found

    def relevant_piece_ids(self, programmes: Iterable[str]) -> set[Optional[int]]:
        """The pieces about any of these programmes (names as in programmes.tsv)."""
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT piece_id FROM piece_programmes WHERE relevant = 1 "
            "AND programme IN (SELECT value FROM json_each(?))", [json.dumps(list(programmes))])}

    @staticmethod
    def programme_condition(programmes: Iterable[str], sentence: str = "s") -> tuple[str, list]:
        """A WHERE condition (and its parameters) keeping the sentences of pieces about these programmes.

        ``sentence`` is the alias of the ``sentences`` table in the query.  A sentence of an
        article without pieces counts when the whole article is about the programme.
        """
        names = json.dumps(list(programmes))
        return (
            f"({sentence}.piece_id IN (SELECT piece_id FROM piece_programmes WHERE relevant = 1 "
            f"AND programme IN (SELECT value FROM json_each(?))) OR ({sentence}.piece_id IS NULL AND "
            f"{sentence}.article_id IN (SELECT article_id FROM piece_programmes WHERE relevant = 1 "
            f"AND piece_id IS NULL AND programme IN (SELECT value FROM json_each(?)))))",
            [names, names])

    def _insert_claims(self, article_id, sentence_ids, claims, extractor_version, keys=None) -> None:
        if keys is None:
            # Here, not at the top: metric keys bring the extractors, which a read never needs.
            from .prepare import metric_keys

            keys = metric_keys(claims)
        self.db.conn.executemany(_INSERT_CLAIM, [_claim_row(article_id, sentence_ids[c.sentence], c, extractor_version,
                                                            key) for c, key in zip(claims, keys, strict=True)])

    def replace_claims(self, article_id: int, claims: tuple[Claim, ...], extractor_version: str) -> None:
        """Rebuild one article's claims (after the extractor improved) in one transaction."""
        sentence_ids = [
            row[0] for row in self.db.execute(
                "SELECT id FROM sentences WHERE article_id = ? ORDER BY number", [article_id]
            )
        ]
        with self.batch():
            self._forget_derived_of(article_id)  # its rows point at the claims about to go
            self.db.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
            self._insert_claims(article_id, sentence_ids, claims, extractor_version)
            self._mark_dirty("c.article_id = ?", [article_id])
            self.db.execute(
                "UPDATE articles SET extractor_version = ? WHERE id = ?", [extractor_version, article_id]
            )

    def set_published(self, article_id: int, published: str, precision: str, evidence: str) -> None:
        """Record a publication date the user gave for an article already stored."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE articles SET published = ?, published_precision = ?, published_basis = 'given', "
                "published_evidence = ?, published_year = ?, published_earliest = ?, published_latest = ? "
                "WHERE id = ?",
                [published, precision, evidence, int(published[:4]), published, published, article_id],
            )
            self._mark_dirty("c.article_id = ?", [article_id])

    # --------------------------------------------------------------- queries

    def articles(self, limit: Optional[int] = None) -> list[dict]:
        """Articles, newest publication first, with their piece, sentence and claim counts."""
        return list(self.db.query(
            """
            SELECT a.id, a.path, a.name, a.version, a.previous_id, a.content_hash, a.title, a.outlet,
                   a.byline, a.published, a.published_precision, a.published_basis,
                   a.published_evidence, a.published_earliest, a.published_latest,
                   a.script, a.encoding, a.format, a.chars,
                   (SELECT count(*) FROM pieces p WHERE p.article_id = a.id) AS pieces,
                   (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences,
                   (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims
            FROM articles a
            ORDER BY a.published IS NULL, a.published DESC, a.id DESC
            """ + (" LIMIT ?" if limit is not None else ""), [limit] if limit is not None else []
        ))

    def article(self, article_id: int) -> dict:
        rows = list(self.db.query("SELECT a.*, t.text, t.simplified FROM articles a "
                                  "JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?", [article_id]))
        if not rows:
            raise UnknownArticle(f"no article with id {article_id}; `tracker sources` lists them")
        return rows[0]

    def resolve(self, name: str) -> int:
        """Turn an id, a file name or stem, or a hash prefix into an article id.

        A name shared by several versions of one document means its newest version.
        """
        name = name.strip()
        # ASCII digits only, and within SQLite's integers: "²" is a digit to str.isdigit but not to int().
        if (name.isascii() and name.isdigit() and int(name) < 2**63
                and self.db.execute("SELECT 1 FROM articles WHERE id = ?", [int(name)]).fetchone()):
            return int(name)
        rows = self.db.execute("SELECT id, name, path, content_hash, previous_id FROM articles").fetchall()
        superseded = {row[4] for row in rows if row[4]}
        hash_prefix = name.lower().removeprefix("sha256:")

        def named(row) -> bool:
            by_hash = len(hash_prefix) >= 4 and row[3].removeprefix("sha256:").startswith(hash_prefix)
            return by_hash or name in (row[1], row[2], Path(row[1]).stem)

        ids = sorted(row[0] for row in rows if named(row))
        newest = [i for i in ids if i not in superseded]
        if len(newest) == 1 or len(ids) == 1:
            return (newest or ids)[0]
        if not ids:
            raise UnknownArticle(f"no article called {name!r}; `tracker sources` lists ids, names and hashes")
        raise UnknownArticle(
            f"{name!r} names {len(ids)} articles (ids {', '.join(map(str, ids))}); give the id"
        )

    def pieces(self, article_id: int) -> list[dict]:
        return list(self.db.query(
            "SELECT * FROM pieces WHERE article_id = ? ORDER BY number", [article_id]))

    def sentences(self, article_id: int) -> list[dict]:
        return list(self.db.query(
            "SELECT * FROM sentences WHERE article_id = ? ORDER BY number", [article_id]))

    def claims(self, article_id: Optional[int] = None, kind: Optional[str] = None, current: bool = False,
               where: Optional[tuple[str, list]] = None) -> list[StoredClaim]:
        """Claims with their sentence and article, in article then text order."""
        return list(self.iter_claims(article_id, kind, current=current, where=where))

    def iter_claims(self, article_id: Optional[int] = None, kind: Optional[str] = None,
                    limit: Optional[int] = None,
                    current: bool = False,
                    where: Optional[tuple[str, list]] = None,
                    programmes: Optional[Iterable[str]] = None) -> Iterator[StoredClaim]:
        """Claims one at a time, so a large export holds one row in memory, not all.

        With ``current``, only the newest version of each document speaks: a revision is
        a revision (``tracker diff`` shows it), not a second source.
        """
        condition, where, params = where, [], []
        if condition is not None:
            where.append(condition[0])
            params.extend(condition[1])
        if current:
            where.append(CURRENT)
        if article_id is not None:
            where.append("c.article_id = ?")
            params.append(article_id)
        if kind:
            where.append("c.kind = ?")
            params.append(kind)
        if programmes is not None:
            condition, more = self.programme_condition(programmes, "s")
            where.append(condition)
            params.extend(more)
        order = "c.article_id, c.start, c.id"
        sql = f"""
            SELECT c.id, c.article_id, c.kind, c.surface, s.text, s.number, p.number, c.value,
                   c.value_high, c.unit, c.qualifier, c.subject, c.metric, c.as_of, c.deadline,
                   c.strength, c.date, c.date_precision, c.event, c.change, c.simplified,
                   c.refers_to, c.start, c."end", a.path, a.title, a.published,
                   a.published_precision, c.extractor_version, s.start, c.metric_key, c.as_of_basis
            FROM claims c
            JOIN sentences s ON s.id = c.sentence_id
            JOIN articles a ON a.id = c.article_id
            LEFT JOIN pieces p ON p.id = s.piece_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY {order}
            {"LIMIT ?" if limit is not None else ""}
        """
        if limit is not None:
            params.append(limit)
        for row in self.db.execute(sql, params):
            yield StoredClaim(*row[:19], bool(row[19]), *row[20:])

    def events(self, kinds: Iterable[str] = ("milestone",), since: Optional[PartialDate] = None,
               until: Optional[PartialDate] = None, grep: Optional[str] = None, article: Optional[int] = None,
               programmes: Optional[Iterable[str]] = None, limit: Optional[int] = None) -> list[Event]:
        """The stored timeline entries of these kinds, oldest first, each with its sources.

        Dates, text, article and programme are filtered in SQL (indexed by kind and day), so
        a timeline of a large archive reads only the entries it shows; ``limit`` keeps the
        newest.  With ``programmes``, an entry stays when a source sentence lies in a piece
        about one of them, and shows only those sources.  A target's ``status``
        (``future`` or ``due``) is read against the newest article now.
        """
        kinds = list(kinds)
        # One kind is an equality, so the newest entries are read down the (kind, day) index
        # and the reading stops at the limit; a list of kinds sorts what it matched.
        where, params = (["e.kind = ?"], list(kinds)) if len(kinds) == 1 else \
            (["e.kind IN (SELECT value FROM json_each(?))"], [json.dumps(kinds)])
        if since is not None:
            where.append("e.last_day >= ?")
            params.append(since.first_day().isoformat())
        if until is not None:
            where.append("e.first_day <= ?")
            params.append(until.last_day().isoformat())
        if grep:
            where.append("e.search_text LIKE ? ESCAPE '\\'")
            params.append("%" + escape_like(simplify(grep.strip())) + "%")
        if article is not None:
            where.append("e.id IN (SELECT event_id FROM event_sources WHERE article_id = ?)")
            params.append(article)
        source_filter, source_params = "", []
        if programmes is not None:
            condition, more = self.programme_condition(programmes, "s")
            source_filter = f" AND es.claim_id IN (SELECT c.id FROM claims c JOIN sentences s ON s.id = c.sentence_id " \
                            f"WHERE {condition})"
            source_params = more
            where.append(f"e.id IN (SELECT es.event_id FROM event_sources es WHERE 1 {source_filter})")
            params += more
        order = "e.first_day DESC, e.id DESC" if limit is not None else "e.first_day, e.id"
        rows = self.db.execute(
            f"SELECT e.id, e.date, e.precision, e.event, e.subjects, e.kind FROM events e "
            f"WHERE {' AND '.join(where)} ORDER BY {order}" + (" LIMIT ?" if limit is not None else ""),
            params + ([limit] if limit is not None else [])).fetchall()
        ids = json.dumps([row[0] for row in rows])
        sources: dict[int, list[EventSource]] = {}
        for event_id, article_id, published, sentence, claim in self.db.execute(
                "SELECT es.event_id, es.article_id, es.published, es.sentence, es.claim_id FROM event_sources es "
                f"WHERE es.event_id IN (SELECT value FROM json_each(?)) {source_filter} ORDER BY es.id",
                [ids, *source_params]):
            sources.setdefault(event_id, []).append(EventSource(article_id, published, sentence or "", claim))
        newest = self.newest_published()
        told = [s.claim for row in rows if row[5] == "target" for s in sources.get(row[0], ())]
        verdicts = dict(self.db.execute(
            "SELECT claim_id, verdict FROM target_checks WHERE claim_id IN (SELECT value FROM json_each(?))",
            [json.dumps(told)]).fetchall()) if told else {}
        found = []
        for event_id, date, precision, text, subjects, kind in rows:
            status = verdict = None
            if kind == "target" and newest is not None:
                status = "future" if PartialDate.parse(date).last_day() > newest.last_day() else "due"
            if kind == "target":  # the verdict its tellings got; the first one told when they differ
                verdict = next((verdicts[s.claim] for s in sources.get(event_id, ()) if verdicts.get(s.claim)), None)
            found.append(Event(date, precision, text, tuple(s for s in (subjects or "").split("、") if s),
                               kind, tuple(sources.get(event_id, ())), status, verdict))
        return found[::-1] if limit is not None else found


    def all_article_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def schema_version(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]


def _relevance_of(article: Article):
    """The article's relevance rows, scored now when the reader left them to the store."""
    if article.relevance is not None:
        return article.relevance
    from .compare.relevance import article_relevance

    return article_relevance(article)


# A claim's own fields as stored (``change`` is written as 0 or 1, after them), then what the store adds.
_CLAIM_FIELDS = tuple(name for name in CLAIM_COLUMNS if name != "change")
_claim_fields = attrgetter(*("precision" if name == "date_precision" else name for name in _CLAIM_FIELDS))
_STORED_CLAIM = _CLAIM_FIELDS + ("change", "article_id", "sentence_id", "extractor_version", "value_label", "metric_key")
_INSERT_CLAIM = (f"INSERT INTO claims ({', '.join(f'[{c}]' for c in _STORED_CLAIM)}) "
                 f"VALUES ({', '.join('?' for _ in _STORED_CLAIM)})")


def _claim_row(article_id: int, sentence_id: int, claim: Claim, extractor_version: str,
               key: Optional[str]) -> tuple:
    """A claim's values in the order of ``_STORED_CLAIM``.

    Keyed when stored (``key``, from tracker.prepare), so the write can record the claim's
    target-check bucket (subject, unit, metric key) in the same transaction.
    """
    return (*_claim_fields(claim), int(bool(claim.change)), article_id, sentence_id, extractor_version,
            format_value(claim.value, claim.unit, claim.qualifier, claim.value_high) or None, key)


def _database_problem(path: str, error: Exception) -> str:
    message = str(error)
    if "locked" in message:
        return f"{path}: the database is locked by another program; close it and try again"
    if "not a database" in message or "malformed" in message:
        return f"{path}: not an SQLite database; choose another file with --db"
    return f"{path}: database error: {message}"
