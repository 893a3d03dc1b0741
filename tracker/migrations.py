"""The schema's history: an append-only list of named migrations, applied when a store opens.

As in llm's ``migrations.py``: a new schema change is a new ``mNNN_description``
function at the end, never an edit of an old one, so an old database and a new one
reach the same schema (``tests/test_store.py`` checks both).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


class History:
    """The migrations in order, applied by sqlite-utils' ``Migrations``.

    Whether any is pending is asked in plain SQL: opening an up-to-date database to read
    it then never imports sqlite-utils (and numpy behind it).
    """

    def __init__(self, name: str):
        self.name = name
        self._functions = []
        self._migrations = None

    def __call__(self):
        def register(function):
            self._functions.append(function)
            return function
        return register

    def up_to_date(self, conn: sqlite3.Connection) -> bool:
        """True when every migration is recorded as applied in this database."""
        try:
            applied = {row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [self.name])}
        except sqlite3.OperationalError:  # no _sqlite_migrations table yet
            return False
        return all(function.__name__ in applied for function in self._functions)

    def _sqlite_utils(self):
        if self._migrations is None:
            from sqlite_utils import Migrations

            self._migrations = Migrations(self.name)
            for function in self._functions:
                self._migrations()(function)
        return self._migrations

    def pending(self, db):
        return self._sqlite_utils().pending(db)

    def applied(self, db):
        return self._sqlite_utils().applied(db)

    def apply(self, db, **options) -> None:
        self._sqlite_utils().apply(db, **options)


migrations = History("tracker")

@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            previous_id INTEGER REFERENCES articles(id),
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT,
            outlet TEXT,
            byline TEXT,
            published TEXT,
            published_precision TEXT,
            published_basis TEXT NOT NULL,
            published_evidence TEXT,
            published_year INTEGER,
            script TEXT NOT NULL,
            encoding TEXT NOT NULL,
            format TEXT NOT NULL,
            body_start INTEGER NOT NULL,
            body_end INTEGER NOT NULL,
            chars INTEGER NOT NULL,
            extractor_version TEXT,
            text TEXT NOT NULL,
            simplified TEXT NOT NULL
        );
        CREATE INDEX articles_path ON articles(path);
        CREATE TABLE pieces (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            number INTEGER NOT NULL,
            title TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX pieces_article ON pieces(article_id);
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            piece_id INTEGER REFERENCES pieces(id),
            number INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            simplified TEXT NOT NULL
        );
        CREATE INDEX sentences_article ON sentences(article_id);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            sentence_id INTEGER NOT NULL REFERENCES sentences(id),
            kind TEXT NOT NULL,
            surface TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            value REAL,
            value_high REAL,
            unit TEXT,
            qualifier TEXT,
            subject TEXT,
            metric TEXT,
            as_of TEXT,
            deadline TEXT,
            strength TEXT,
            date TEXT,
            date_precision TEXT,
            event TEXT,
            change INTEGER NOT NULL DEFAULT 0,
            simplified TEXT,
            refers_to TEXT,
            extractor_version TEXT NOT NULL
        );
        CREATE INDEX claims_article ON claims(article_id);
        CREATE INDEX claims_sentence ON claims(sentence_id);
        CREATE INDEX claims_kind ON claims(kind);
        """
    )
    db["sentences"].enable_fts(["simplified"], tokenize="trigram", create_triggers=True)


@migrations()
def m002_views_for_datasette(db: sqlite_utils.Database) -> None:
    """Derived tables the CLI refreshes after each ingest, views for the common questions,
    and full-text search on claims, so Datasette answers what `tracker timeline`,
    `tracker evolve` and `tracker targets` answer."""
    db.executescript(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            precision TEXT NOT NULL,
            year INTEGER,
            event TEXT NOT NULL,
            subjects TEXT,
            kind TEXT NOT NULL,
            sources INTEGER NOT NULL
        );
        CREATE TABLE event_sources (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id),
            article_id INTEGER NOT NULL REFERENCES articles(id),
            claim_id INTEGER REFERENCES claims(id),
            published TEXT,
            sentence TEXT
        );
        CREATE INDEX event_sources_event ON event_sources(event_id);
        CREATE TABLE conflict_pairs (
            id INTEGER PRIMARY KEY,
            subject TEXT,
            metric TEXT NOT NULL,
            unit TEXT,
            as_of TEXT NOT NULL,
            claim_a INTEGER REFERENCES claims(id),
            article_a INTEGER NOT NULL REFERENCES articles(id),
            value_a REAL,
            claim_b INTEGER REFERENCES claims(id),
            article_b INTEGER NOT NULL REFERENCES articles(id),
            value_b REAL
        );
        CREATE TABLE target_checks (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER REFERENCES claims(id),
            article_id INTEGER NOT NULL REFERENCES articles(id),
            subject TEXT,
            metric TEXT,
            value REAL,
            value_high REAL,
            unit TEXT,
            qualifier TEXT,
            deadline TEXT,
            strength TEXT,
            status TEXT NOT NULL,
            later_figures INTEGER NOT NULL,
            latest_value REAL,
            latest_as_of TEXT,
            latest_article_id INTEGER REFERENCES articles(id)
        );

        CREATE VIEW claims_detail AS
        SELECT c.id AS claim_id, c.kind, c.surface, c.value, c.value_high, c.unit, c.qualifier,
               c.change, c.subject, c.metric, c.as_of, c.deadline, c.strength, c.date,
               c.date_precision, c.event, s.text AS sentence, s.number AS sentence_number,
               p.title AS piece, a.id AS article_id, a.title AS article_title, a.published,
               a.published_precision, a.path, c.extractor_version
        FROM claims c
        JOIN sentences s ON s.id = c.sentence_id
        JOIN articles a ON a.id = c.article_id
        LEFT JOIN pieces p ON p.id = s.piece_id;

        CREATE VIEW figure_series AS
        SELECT c.subject, c.metric, c.unit, c.kind, COALESCE(c.as_of, c.deadline) AS "when",
               c.as_of, c.deadline, c.value, c.value_high, c.qualifier, c.change, c.strength,
               a.published, a.id AS article_id, a.title AS article_title, s.text AS sentence,
               c.id AS claim_id
        FROM claims c
        JOIN sentences s ON s.id = c.sentence_id
        JOIN articles a ON a.id = c.article_id
        WHERE c.kind IN ('figure', 'target')
        ORDER BY c.subject, c.metric, c.unit, "when", a.published;

        CREATE VIEW timeline AS
        SELECT e.id AS event_id, e.date, e.precision, e.year, e.event, e.subjects, e.kind,
               e.sources,
               (SELECT group_concat('#' || es.article_id || ' (' || COALESCE(es.published, 'undated') || ')',
                                    ', ')
                FROM event_sources es WHERE es.event_id = e.id) AS told_by,
               (SELECT es.sentence FROM event_sources es WHERE es.event_id = e.id
                ORDER BY es.id LIMIT 1) AS sentence
        FROM events e
        ORDER BY e.date, e.id;

        CREATE VIEW conflicts AS
        SELECT cp.id AS conflict_id, cp.subject, cp.metric, cp.unit, cp.as_of,
               cp.value_a, cp.article_a, aa.title AS title_a, aa.published AS published_a,
               sa.text AS sentence_a,
               cp.value_b, cp.article_b, ab.title AS title_b, ab.published AS published_b,
               sb.text AS sentence_b
        FROM conflict_pairs cp
        JOIN articles aa ON aa.id = cp.article_a
        JOIN articles ab ON ab.id = cp.article_b
        LEFT JOIN claims ca ON ca.id = cp.claim_a
        LEFT JOIN sentences sa ON sa.id = ca.sentence_id
        LEFT JOIN claims cb ON cb.id = cp.claim_b
        LEFT JOIN sentences sb ON sb.id = cb.sentence_id;

        CREATE VIEW targets_status AS
        SELECT t.id AS check_id, t.status, t.deadline, t.subject, t.metric, t.value, t.value_high,
               t.unit, t.qualifier, t.strength, t.later_figures, t.latest_value, t.latest_as_of,
               t.latest_article_id, a.id AS article_id, a.title AS article_title, a.published,
               s.text AS sentence, t.claim_id
        FROM target_checks t
        JOIN articles a ON a.id = t.article_id
        LEFT JOIN claims c ON c.id = t.claim_id
        LEFT JOIN sentences s ON s.id = c.sentence_id
        ORDER BY t.deadline IS NULL, t.deadline, t.id;
        """
    )
    db["claims"].enable_fts(["surface", "metric", "subject", "event", "simplified"],
                            tokenize="trigram", create_triggers=True)


@migrations()
def m003_derived_state(db: sqlite_utils.Database) -> None:
    """Whether the derived tables are behind the claims, and every timeline kind stored.

    ``tracker_state.derived_stale`` is set in the same transaction that changes claims
    and cleared only when a refresh has written all derived tables, so a run
    interrupted between the two is finished by the next.  Events now hold targets at
    their deadlines and first appearances of formulations beside milestones, so the
    timeline reads stored rows for every kind; target checks keep the figures that
    judged them.
    """
    db.executescript(
        """
        CREATE TABLE tracker_state (key TEXT PRIMARY KEY, value TEXT);
        INSERT INTO tracker_state (key, value)
            SELECT 'derived_stale', CASE WHEN EXISTS (SELECT 1 FROM articles) THEN '1' ELSE '0' END;
        ALTER TABLE target_checks ADD COLUMN later_json TEXT;
        CREATE INDEX events_date ON events(date);
        CREATE INDEX event_sources_article ON event_sources(article_id);
        CREATE INDEX claims_kind_article ON claims(kind, article_id);
        """
    )


@migrations()
def m004_texts_apart_and_value_labels(db: sqlite_utils.Database) -> None:
    """Article texts in a table of their own, and a readable label beside each value.

    In Datasette an articles row holding its whole text (twice: as written and
    simplified) was taller than a screen, its title out of sight; the texts are now
    one click away in ``article_texts``.  ``value_label`` shows 500250000000.0 as
    5002.5亿 元, which a reader can check against the sentence.
    """
    from .models import format_value

    db.executescript(
        """
        CREATE TABLE article_texts (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            text TEXT NOT NULL,
            simplified TEXT NOT NULL
        );
        INSERT INTO article_texts (article_id, text, simplified) SELECT id, text, simplified FROM articles;
        ALTER TABLE articles DROP COLUMN text;
        ALTER TABLE articles DROP COLUMN simplified;
        ALTER TABLE claims ADD COLUMN value_label TEXT;
        DROP VIEW claims_detail;
        CREATE VIEW claims_detail AS
        SELECT c.id AS claim_id, c.kind, c.surface, c.value_label, c.value, c.value_high, c.unit,
               c.qualifier, c.change, c.subject, c.metric, c.as_of, c.deadline, c.strength, c.date,
               c.date_precision, c.event, s.text AS sentence, s.number AS sentence_number,
               p.title AS piece, a.id AS article_id, a.title AS article_title, a.published,
               a.published_precision, a.path, c.extractor_version
        FROM claims c
        JOIN sentences s ON s.id = c.sentence_id
        JOIN articles a ON a.id = c.article_id
        LEFT JOIN pieces p ON p.id = s.piece_id;
        """
    )
    rows = db.execute("SELECT id, value, unit, qualifier, value_high FROM claims WHERE value IS NOT NULL").fetchall()
    db.conn.executemany("UPDATE claims SET value_label = ? WHERE id = ?",
                        [(format_value(v, u, q, h), i) for i, v, u, q, h in rows])


@migrations()
def m005_keyed_derived_tables(db: sqlite_utils.Database) -> None:
    """Derived answers kept by key, so one new article recomputes only what it touched.

    Every derived row carries the ``bucket`` it was built from: a milestone year
    (``m:2024``), a target deadline year (``t:2027``), a formulation (``f:六链五群``), a
    figure's subject, unit and date (``c:河北|%|2024``) or a target's subject and unit
    (``k:河北|%``).  A write that adds or removes claims records their buckets in
    ``dirty_buckets`` in the same transaction; a refresh rebuilds exactly those buckets
    and clears them one by one, so an interrupted refresh leaves the rest for the next run.
    ``metric_key`` (what a figure measures, without places, times and filler) is
    computed once per claim.  ``first_day``/``last_day`` and ``search_text`` let the
    timeline filter in SQL.
    """
    db.executescript(
        """
        CREATE TABLE dirty_buckets (bucket TEXT PRIMARY KEY);
        ALTER TABLE claims ADD COLUMN metric_key TEXT;
        ALTER TABLE events ADD COLUMN bucket TEXT;
        ALTER TABLE events ADD COLUMN first_day TEXT;
        ALTER TABLE events ADD COLUMN last_day TEXT;
        ALTER TABLE events ADD COLUMN search_text TEXT;
        ALTER TABLE conflict_pairs ADD COLUMN bucket TEXT;
        ALTER TABLE target_checks ADD COLUMN bucket TEXT;
        CREATE INDEX events_bucket ON events(bucket);
        CREATE INDEX events_kind_day ON events(kind, first_day);
        CREATE INDEX conflict_pairs_bucket ON conflict_pairs(bucket);
        CREATE INDEX target_checks_bucket ON target_checks(bucket);
        CREATE INDEX target_checks_claim ON target_checks(claim_id);
        CREATE INDEX claims_check_key ON claims(kind, subject, unit, as_of);
        CREATE INDEX claims_formulation_key ON claims(kind, trim(coalesce(simplified, surface)));
        CREATE INDEX claims_deadline_year ON claims(kind, substr(CASE WHEN instr(deadline, '/') > 0
            THEN substr(deadline, instr(deadline, '/') + 1) ELSE deadline END, 1, 4));
        CREATE INDEX claims_kind_date ON claims(kind, date);
        CREATE INDEX articles_previous ON articles(previous_id);
        CREATE INDEX event_sources_claim ON event_sources(claim_id);
        CREATE INDEX conflict_pairs_claim_a ON conflict_pairs(claim_a);
        CREATE INDEX conflict_pairs_claim_b ON conflict_pairs(claim_b);
        UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale'
            AND EXISTS (SELECT 1 FROM articles);
        INSERT INTO tracker_state (key, value) VALUES ('rebuild_all', '1');
        """
    )


@migrations()
def m011_published_bounds(db: sqlite_utils.Database) -> None:
    """The earliest and latest date a document can be, beside its publication date.

    Each is ISO text at its own precision (``2024-07``, ``2010``), empty when open: a
    forward reference (到2020年, 2010年世博会的准备) bounds the date from above, a past
    reference from below.  Rows stored before are bounded by their own date when it was
    given or explicit and left open otherwise; ``tracker reextract`` does not re-date.
    """
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN published_earliest TEXT;
        ALTER TABLE articles ADD COLUMN published_latest TEXT;
        UPDATE articles SET published_earliest = published, published_latest = published
            WHERE published IS NOT NULL AND published_basis IN ('given', 'explicit');
        """
    )


@migrations()
def m010_as_of_basis(db: sqlite_utils.Database) -> None:
    """Why each figure's as_of is what it is (stated, relative, section, present, period, none)."""
    db.execute("ALTER TABLE claims ADD COLUMN as_of_basis TEXT")


@migrations()
def m012_piece_programmes(db: sqlite_utils.Database) -> None:
    """How much each piece is about each programme (``compare/relevance.py``), kept when it is stored.

    One row per piece and programme the piece names at all (a piece that never names a
    programme has no row for it).  ``piece_id`` is NULL for an article without pieces,
    scored as one piece.  Articles stored before this migration have no rows until
    ``tracker programmes --rescore``.
    """
    db.executescript(
        """
        CREATE TABLE piece_programmes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            piece_id INTEGER REFERENCES pieces(id),
            programme TEXT NOT NULL,
            score REAL NOT NULL,
            relevant INTEGER NOT NULL,
            words TEXT
        );
        CREATE INDEX piece_programmes_programme ON piece_programmes(programme, relevant);
        CREATE INDEX piece_programmes_piece ON piece_programmes(piece_id);
        CREATE INDEX piece_programmes_article ON piece_programmes(article_id);
        """
    )


@migrations()
def m014_target_verdicts(db: sqlite_utils.Database) -> None:
    """Targets judged by their outcome: verdict, the rule, the judging figure and the text's own verdict.

    ``target_checks`` gains the metric key and polarity the target was read with, the
    ``verdict`` (not yet due, due, no outcome reported, met, exceeded, nearly met,
    missed; ``status`` holds it too), the ``verdict_rule`` that explains it, the
    ``official_verdict`` a later review gives (with its sentence), and the outcome
    (``latest_value``/``latest_as_of``/``latest_article_id`` now name the judging figure,
    ``outcome_claim_id``, ``outcome_published``, ``outcome_sentence``), with the outcomes
    that conflict with it.  Metric keys now use the canonical metrics of
    ``data/metrics.tsv``: they are recomputed, and every bucket rebuilt.  The view
    ``target_verdicts`` shows each target beside its evidence.
    """
    db.executescript(
        """
        ALTER TABLE target_checks ADD COLUMN metric_key TEXT;
        ALTER TABLE target_checks ADD COLUMN polarity TEXT;
        ALTER TABLE target_checks ADD COLUMN verdict TEXT;
        ALTER TABLE target_checks ADD COLUMN verdict_rule TEXT;
        ALTER TABLE target_checks ADD COLUMN official_verdict TEXT;
        ALTER TABLE target_checks ADD COLUMN official_sentence TEXT;
        ALTER TABLE target_checks ADD COLUMN outcome_claim_id INTEGER REFERENCES claims(id);
        ALTER TABLE target_checks ADD COLUMN outcome_published TEXT;
        ALTER TABLE target_checks ADD COLUMN outcome_sentence TEXT;
        ALTER TABLE target_checks ADD COLUMN conflicts_json TEXT;
        CREATE INDEX claims_metric_key ON claims(kind, metric_key);
        CREATE INDEX target_checks_outcome ON target_checks(outcome_claim_id);
        UPDATE claims SET metric_key = NULL;
        UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale' AND EXISTS (SELECT 1 FROM articles);
        INSERT OR REPLACE INTO tracker_state (key, value) VALUES ('rebuild_all', '1');

        CREATE VIEW target_verdicts AS
        SELECT t.id AS check_id, t.deadline, t.subject, t.metric_key, t.metric, t.value_high IS NOT NULL AS range,
               t.value, t.value_high, t.unit, t.qualifier, t.polarity, t.strength,
               CASE WHEN t.verdict = 'due, no outcome reported' AND t.deadline IS NOT NULL
                     AND substr(t.deadline, instr(t.deadline, '/') + 1) >=
                         substr((SELECT max(published) FROM articles), 1, length(substr(t.deadline, instr(t.deadline, '/') + 1)))
                    THEN 'not_yet_due'
                    ELSE replace(replace(t.verdict, ',', ''), ' ', '_') END AS verdict, t.verdict_rule,
               replace(replace(t.official_verdict, ',', ''), ' ', '_') AS official_verdict,
               t.latest_value AS outcome_value, t.latest_as_of AS outcome_as_of,
               t.latest_article_id AS outcome_article_id, oa.title AS outcome_title,
               t.outcome_published, t.outcome_sentence, t.official_sentence,
               json_array_length(coalesce(t.conflicts_json, '[]')) AS conflicts, t.conflicts_json,
               a.id AS article_id, a.title AS article_title, a.published, s.text AS sentence, t.claim_id
        FROM target_checks t
        JOIN articles a ON a.id = t.article_id
        LEFT JOIN articles oa ON oa.id = t.latest_article_id
        LEFT JOIN claims c ON c.id = t.claim_id
        LEFT JOIN sentences s ON s.id = c.sentence_id
        ORDER BY t.deadline IS NULL, t.deadline, t.id;
        """
    )


@migrations()
def m015_target_buckets_by_metric(db: sqlite_utils.Database) -> None:
    """Target checks are bucketed by subject, unit *and* metric key (a target is judged only by
    figures of its own key), so one new figure rebuilds one metric's checks, not a subject's:
    the stored checks are rebuilt once under the new buckets."""
    db.executescript(
        """
        INSERT OR REPLACE INTO tracker_state (key, value) VALUES ('rebuild_all', '1');
        UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale' AND EXISTS (SELECT 1 FROM articles);
        """
    )


@migrations()
def m016_indexes_for_the_views(db: sqlite_utils.Database) -> None:
    """Indexes that let a view read only the rows it shows, in the order it shows them.

    ``claims_kind_order`` walks one kind's claims by article and offset (every index ends
    with the row id, the last key of that order), so a terminal's first claims of a kind
    are read without sorting every claim of it; it replaces ``claims_kind_article``, its
    prefix.  ``target_checks_due`` orders the checks by whether a deadline is set and the
    year its period ends, as ``tracker targets`` lists them, so the soonest are read first.
    """
    db.executescript(
        """
        CREATE INDEX claims_kind_order ON claims(kind, article_id, start);
        DROP INDEX claims_kind_article;
        CREATE INDEX target_checks_due ON target_checks(deadline IS NULL,
            CASE WHEN instr(deadline, '/') > 0 THEN substr(deadline, instr(deadline, '/') + 1) ELSE deadline END);
        """
    )


@migrations()
def m017_fts_indexed_per_batch(db: sqlite_utils.Database) -> None:
    """The trigram indexes' triggers leave a batch's new rows to the batch (``tracker/fulltext.py``).

    A row whose id is past its table's watermark (``tracker_state`` key
    ``sentences_fts_after`` or ``claims_fts_after``, set only inside a batch's transaction)
    is indexed by one ``INSERT … SELECT`` when the batch ends, and not by a trigger; every
    other row is indexed, re-indexed and unindexed by its trigger as before.  An update
    re-indexes a row only when an indexed column changes: keying a claim's metric no
    longer rewrites its index entry.
    """
    for fts, table, columns in (("sentences_fts", "sentences", ("simplified",)),
                                ("claims_fts", "claims", ("surface", "metric", "subject", "event", "simplified"))):
        names = ", ".join(f'"{c}"' for c in columns)
        old = ", ".join(f'old."{c}"' for c in columns)
        new = ", ".join(f'new."{c}"' for c in columns)
        waits = (f"coalesce((SELECT CAST(value AS INTEGER) FROM tracker_state WHERE key = '{table}_fts_after'), "
                 "{row}.rowid) < {row}.rowid")
        db.executescript(
            f"""
            DROP TRIGGER IF EXISTS "{table}_ai";
            DROP TRIGGER IF EXISTS "{table}_ad";
            DROP TRIGGER IF EXISTS "{table}_au";
            CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" WHEN NOT {waits.format(row="new")} BEGIN
              INSERT INTO "{fts}" (rowid, {names}) VALUES (new.rowid, {new});
            END;
            CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" WHEN NOT {waits.format(row="old")} BEGIN
              INSERT INTO "{fts}" ("{fts}", rowid, {names}) VALUES ('delete', old.rowid, {old});
            END;
            CREATE TRIGGER "{table}_au" AFTER UPDATE OF "id", {names} ON "{table}" BEGIN
              INSERT INTO "{fts}" ("{fts}", rowid, {names})
                SELECT 'delete', old.rowid, {old} WHERE NOT {waits.format(row="old")};
              INSERT INTO "{fts}" (rowid, {names}) SELECT new.rowid, {new} WHERE NOT {waits.format(row="new")};
            END;
            """
        )


_END_YEAR = "substr(CASE WHEN instr(deadline, '/') > 0 THEN substr(deadline, instr(deadline, '/') + 1) ELSE deadline END, 1, 4)"
_CHECK_BUCKET = "'k:' || coalesce(subject, '') || '|' || coalesce(unit, '') || '|' || coalesce(metric_key, '')"


@migrations()
def m018_target_checks_by_period(db: sqlite_utils.Database) -> None:
    """Target checks are bucketed by subject, unit, metric key *and the year the target's period
    ends* (``k:全国|%|国内生产总值增长|2025``; ``none`` without a deadline): an archive tells a
    metric every year, and a bucket of all its years made one new figure re-read them all.
    The stored checks keep their rows under the new names; a pending bucket is split into
    the years of its targets.  ``claims_target_period`` finds a metric's targets by the
    year their periods end, for a figure's buckets and for reading a bucket;
    ``articles_published`` lets the newest publication date (every view asks it) be read
    from an index instead of every article's row, and with ``claims_formulation_told`` (a
    formulation by its written form and article) a slogan's first day be found by walking
    the articles in publication order instead of reading its every telling."""
    db.executescript(
        f"""
        CREATE INDEX claims_target_period ON claims(kind, metric_key, {_END_YEAR});
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX claims_formulation_told ON claims(kind, trim(coalesce(simplified, surface)),
            coalesce(nullif(simplified, ''), nullif(surface, ''), ''), article_id);
        UPDATE target_checks SET bucket = bucket || '|' || coalesce({_END_YEAR}, 'none') WHERE bucket LIKE 'k:%';
        CREATE TEMP TABLE m018_pending AS SELECT bucket FROM dirty_buckets WHERE bucket LIKE 'k:%';
        DELETE FROM dirty_buckets WHERE bucket IN (SELECT bucket FROM temp.m018_pending);
        INSERT OR IGNORE INTO dirty_buckets (bucket)
            SELECT {_CHECK_BUCKET} || '|' || coalesce({_END_YEAR}, 'none') FROM claims
            WHERE kind = 'target' AND value IS NOT NULL AND {_CHECK_BUCKET} IN (SELECT bucket FROM temp.m018_pending);
        DROP TABLE temp.m018_pending;
        """
    )


# The migrations for an incremental refresh (019 on) are in their own module, registered
# after the ones above; it is imported here so that every store sees the whole history.
from . import migrations_refresh  # noqa: E402,F401
