"""The store's half that keeps the derived answers, by bucket.

A derived row (a timeline event, a conflict, a target check) depends only on the claims
of one *bucket*: the milestones of one year, the targets of one number due in one year, the tellings
of one formulation, the figures of one subject, unit and date, and the targets of one
subject, unit, metric key and end year of their period with the figures of that key
dated inside their periods (an outcome shares its target's subject, unit and key, and
falls in its period), so a bucket costs what it holds however many years the archive
spans.  Writes record the buckets their claims fall in (``dirty_buckets``);
:func:`tracker.pipeline.refresh` rebuilds exactly those.  Nothing
compares all claims with all claims, and one new article recomputes only what it
touched.  The bucket of a claim is written once, here, in SQL, so that the store can
record it in the same transaction as the claim.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Iterable, Optional

from .dates import PartialDate
from .models import Conflict, Event, Known, StoredClaim, TargetStatus
from .read.script import simplify



def deadline_end(alias: str) -> str:
    """SQL for where a deadline ends: the deadline, or the end of its period (2021/2025 → 2025).

    Written as the indexes ``claims_deadline_year``, ``claims_target_period`` and
    ``target_checks_due`` hold it, so that a query naming it reads the index."""
    deadline = f"{alias}.deadline"
    return f"CASE WHEN instr({deadline}, '/') > 0 THEN substr({deadline}, instr({deadline}, '/') + 1) ELSE {deadline} END"


def _deadline_year(alias: str) -> str:
    """SQL for the year a deadline (or the end of a deadline period) falls in."""
    return f"substr({deadline_end(alias)}, 1, 4)"


_DEADLINE_YEAR = _deadline_year("c")
#: The end year of a target without a deadline: it is judged by no figure, so it has a bucket of its own.
NO_DEADLINE = "none"
_FORMULATION = "trim(coalesce(c.simplified, c.surface))"
# The written form formulation_events groups by, and the first day of a publication date.
_TOLD = "coalesce(nullif(c.simplified, ''), nullif(c.surface, ''), '')"
_FIRST_DAY = ("CASE length(a.published) WHEN 4 THEN a.published || '-01-01' WHEN 7 THEN a.published || '-01' "
              "ELSE a.published END")
#: A target's number as its deadline bucket names it: targets are one event only when they
#: give one number (``events._same_number``), so the targets due in a year are bucketed by
#: it too, and one new target re-reads those of its number, not the year's thousands.
_TARGET_NUMBER = "coalesce(CAST(c.value AS TEXT), '') || '|' || coalesce(c.unit, '') || '|' || coalesce(c.qualifier, '')"
_DEADLINE_BUCKET = f"'t:' || {_DEADLINE_YEAR} || '|' || {_TARGET_NUMBER}"
_CHECK_KEY = "'k:' || coalesce(c.subject, '') || '|' || coalesce(c.unit, '') || '|' || "
#: Every bucket a set of claims (``c``) falls in, one SELECT per kind of derived row.  A
#: target's check is in the bucket of its subject, unit, metric key and the year its period
#: ends; a figure falls in the buckets of the targets it may judge (same subject, unit and
#: key, a period from a year up to its as_of's to one ending in or after it), and in none
#: when no target waits for it.  An archive tells each metric every year: a bucket without
#: the year would hold every year's figures, and one new figure would re-read them all.
BUCKETS_SQL = f"""
    SELECT 'm:' || substr(c.date, 1, 4) FROM claims c WHERE {{where}} AND c.kind = 'milestone' AND c.date IS NOT NULL
    UNION SELECT {_DEADLINE_BUCKET} FROM claims c
        WHERE {{where}} AND c.kind = 'target' AND c.deadline IS NOT NULL
    UNION SELECT 'f:' || {_FORMULATION} FROM claims c WHERE {{where}} AND c.kind = 'formulation'
    UNION SELECT 'c:' || coalesce(c.subject, '') || '|' || coalesce(c.unit, '') || '|' || c.as_of FROM claims c
        WHERE {{where}} AND c.kind = 'figure' AND c.as_of IS NOT NULL AND c.value IS NOT NULL
    UNION SELECT {_CHECK_KEY} coalesce(c.metric_key, '') || '|' || coalesce({_DEADLINE_YEAR}, '{NO_DEADLINE}')
        FROM claims c WHERE {{where}} AND c.kind = 'target' AND c.value IS NOT NULL
    {{figures}}
"""
_FIGURE_CHECKS = f"""
    UNION SELECT {_CHECK_KEY} c.metric_key || '|' || {_deadline_year("t")}
        FROM claims c JOIN claims t INDEXED BY claims_target_period ON t.kind = 'target' AND t.metric_key = c.metric_key
            AND {_deadline_year("t")} >= substr(c.as_of, 1, 4) AND t.subject IS c.subject AND t.unit IS c.unit
        WHERE {{where}} AND c.kind = 'figure' AND c.value IS NOT NULL AND c.as_of IS NOT NULL AND c.metric_key != ''
            AND t.value IS NOT NULL AND t.deadline IS NOT NULL AND substr(t.deadline, 1, 4) <= substr(c.as_of, 1, 4)
"""


def buckets_sql(where: str, params: list, figures: bool = True) -> tuple[str, list]:
    """The SELECT of the buckets of the claims ``where`` selects, and its parameters.

    Without ``figures`` the buckets figures fall in only through the targets they may
    judge are left out: when every target's bucket is marked anyway (a full rebuild),
    they add nothing, and finding them joins every figure with its metric's targets."""
    sql = BUCKETS_SQL.replace("{figures}", _FIGURE_CHECKS if figures else "")
    return sql.replace("{where}", where), params * sql.count("{where}")


#: The articles a newer version replaced, by their index, named: the planner's statistics
#: see a column almost all NULL and walked every article instead, 20 ms a query at 100,000
#: articles and a bucket query at every turn of a refresh.
REPLACED = "SELECT previous_id FROM articles INDEXED BY articles_previous WHERE previous_id IS NOT NULL"
#: Only the newest version of a document speaks.
CURRENT = f"c.article_id NOT IN ({REPLACED})"
BUCKET_KINDS = {"m": "milestone events", "t": "target deadlines", "f": "formulations", "c": "conflicts",
                "k": "target checks"}


def bucket_condition(bucket: str) -> tuple[str, list]:
    """The SQL condition on claims ``c`` (and its parameters) that selects a bucket's claims."""
    kind, _, key = bucket.partition(":")
    if kind == "m":
        return "c.kind = 'milestone' AND c.date >= ? AND c.date < ?", [key, str(int(key) + 1)]
    if kind == "t":
        year, _, number = key.partition("|")
        return (f"c.kind = 'target' AND c.deadline IS NOT NULL AND {_DEADLINE_YEAR} = ? AND {_TARGET_NUMBER} = ?",
                [year, number])
    if kind == "f":
        return f"c.kind = 'formulation' AND {_FORMULATION} = ?", [key]
    parts = [part or None for part in key.split("|")]
    if kind == "c":
        subject, unit, as_of = parts[0], parts[1], "|".join(p or "" for p in parts[2:])
        return ("c.kind = 'figure' AND c.subject IS ? AND c.unit IS ? AND c.as_of = ? AND c.value IS NOT NULL",
                [subject, unit, as_of])
    if kind == "k":
        # A target is judged only by figures of its own subject, unit and metric key whose
        # as_of lies in its period (compare/verdicts.py): the bucket's targets, and the
        # figures of the years from the earliest start of their periods to their end.
        key, year = "|".join(p or "" for p in parts[2:]).rpartition("|")[::2]
        targets = ("c.kind = 'target' AND c.subject IS ? AND c.unit IS ? AND c.value IS NOT NULL "
                   f"AND coalesce(c.metric_key, '') = ? AND coalesce({_DEADLINE_YEAR}, '{NO_DEADLINE}') = ?")
        same = [parts[0], parts[1], key, year]
        figures = (f"c.kind = 'figure' AND c.subject IS ? AND c.unit IS ? AND c.value IS NOT NULL AND c.metric_key = ? "
                   f"AND c.metric_key != '' AND substr(c.as_of, 1, 4) <= ? AND substr(c.as_of, 1, 4) >= "
                   f"(SELECT min(substr(c.deadline, 1, 4)) FROM claims c WHERE {CURRENT} AND {targets})")
        return f"(({targets}) OR ({figures}))", same + [parts[0], parts[1], key, year] + same
    raise ValueError(f"not a bucket: {bucket!r}")


#: A written form of a formulation told this often has its first day found by walking the
#: articles in publication order (a few steps for a slogan told daily), not by reading
#: every telling (tens of thousands in a century of broadcasts).
WALK_FROM = 1000
#: The index that holds each year-keyed bucket's claims.
_BUCKET_INDEX = {"m": "claims_kind_date", "t": "claims_deadline_year"}


def bucket_order(bucket: str) -> tuple:
    """The order buckets are rebuilt in: by name, a metric's target checks by the year their
    periods end (none last), as one bucket of the metric listed them, so rows get the ids
    (and ties in a listing the order) they had before checks were split by year."""
    if not bucket.startswith("k:"):
        return bucket, False, ""
    metric, _, year = bucket.rpartition("|")
    return metric, year == NO_DEADLINE, year


class DerivedTables:
    """Mixed into :class:`tracker.store.Store`: dirty buckets, and the derived rows of each."""

    db = None  # the sqlite_utils.Database, set by Store

    # ------------------------------------------------------------ what is dirty

    def _mark_dirty(self, where: str, params: list, figures: bool = True, added: Optional[int] = None) -> None:
        """Record the buckets of the claims ``where`` selects (call inside the writing transaction).

        ``added`` names a new article (not a new version) whose claims these are: its
        buckets stay *additions only* unless anything else marks them too, and a figures
        bucket that is looks for the conflicts of fresh articles' figures alone."""
        sql, params = buckets_sql(where, params, figures)
        # WHERE true: an upsert after a SELECT needs it, or SQLite reads ON as a join's.
        self.db.execute(f"INSERT INTO dirty_buckets (bucket, additions_only) SELECT *, ? FROM ({sql}) WHERE true "
                        "ON CONFLICT (bucket) DO UPDATE SET additions_only = min(additions_only, "
                        "excluded.additions_only)", [int(added is not None), *params])
        if added is not None:
            self.db.execute("INSERT OR IGNORE INTO fresh_articles (article_id) VALUES (?)", [added])
        self.db.execute("UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale'")

    def _forget_derived_of(self, article_id: int) -> None:
        """Mark an article's buckets dirty and drop the derived rows built from them, so its
        claims can go (the rows point at them) and a refresh rebuilds the rest of each bucket."""
        self._mark_dirty("c.article_id = ?", [article_id])
        sql, params = buckets_sql("c.article_id = ?", [article_id])
        buckets = [row[0] for row in self.db.execute(f"SELECT * FROM ({sql})", params)]
        self._drop_buckets(buckets)

    def _drop_buckets(self, buckets: Iterable[str], keep: Iterable[int] = (), keep_conflicts: Iterable[int] = ()
                      ) -> None:
        """Delete the derived rows of these buckets, but the events numbered in ``keep`` and
        the conflicts in ``keep_conflicts``."""
        marked, kept = json.dumps(list(buckets)), json.dumps(list(keep))
        events = ("SELECT id FROM events WHERE bucket IN (SELECT value FROM json_each(?)) "
                  "AND id NOT IN (SELECT value FROM json_each(?))")
        self.db.execute(f"DELETE FROM event_sources WHERE event_id IN ({events})", [marked, kept])
        self.db.execute(f"DELETE FROM events WHERE id IN ({events})", [marked, kept])
        self.db.execute("DELETE FROM conflict_pairs WHERE bucket IN (SELECT value FROM json_each(?)) "
                        "AND id NOT IN (SELECT value FROM json_each(?))", [marked, json.dumps(list(keep_conflicts))])
        self.db.execute("DELETE FROM target_checks WHERE bucket IN (SELECT value FROM json_each(?))", [marked])

    def _stored_conflicts(self, buckets: list[str]) -> dict[tuple, list[int]]:
        """The stored conflicts of these buckets by their row, with their ids."""
        found: dict[tuple, list[int]] = {}
        for conflict_id, *row in self.db.execute(
                "SELECT id, subject, metric, unit, as_of, claim_a, article_a, value_a, claim_b, article_b, value_b, "
                "bucket FROM conflict_pairs WHERE bucket IN (SELECT value FROM json_each(?))", [json.dumps(buckets)]):
            found.setdefault(tuple(row), []).append(conflict_id)
        return found

    def _stored_events(self, buckets: list[str]) -> dict[tuple, list[int]]:
        """The stored events of these buckets by what they hold (their row and sources), with their ids."""
        marked = json.dumps(buckets)
        rows = self.db.execute(
            "SELECT id, date, precision, year, event, subjects, kind, sources, bucket, first_day, last_day, "
            "search_text FROM events WHERE bucket IN (SELECT value FROM json_each(?))", [marked]).fetchall()
        if not rows:
            return {}
        sources: dict[int, list[tuple]] = {}
        for event_id, *source in self.db.execute(
                "SELECT es.event_id, es.article_id, es.claim_id, es.published, es.sentence FROM event_sources es "
                "WHERE es.event_id IN (SELECT id FROM events WHERE bucket IN (SELECT value FROM json_each(?))) "
                "ORDER BY es.id", [marked]):
            sources.setdefault(event_id, []).append(tuple(source))
        found: dict[tuple, list[int]] = {}
        for event_id, *row in rows:
            found.setdefault((tuple(row), tuple(sources.get(event_id, ()))), []).append(event_id)
        return found

    def dirty_buckets(self) -> list[str]:
        """The buckets to rebuild, every bucket when a full rebuild is due."""
        if self._state("rebuild_all") == "1":
            with self.db.atomic():
                for table in ("event_sources", "events", "conflict_pairs", "target_checks"):
                    self.db.execute(f"DELETE FROM {table}")
                self._mark_dirty(CURRENT, [], figures=False)  # every target's bucket is marked
                self.db.execute("UPDATE tracker_state SET value = '0' WHERE key = 'rebuild_all'")
        return sorted((row[0] for row in self.db.execute("SELECT bucket FROM dirty_buckets")), key=bucket_order)

    def rebuild_everything(self) -> None:
        """Let the next refresh rebuild every bucket (after re-extraction)."""
        self.db.execute("INSERT OR REPLACE INTO tracker_state (key, value) VALUES ('rebuild_all', '1')")
        self.db.execute("UPDATE tracker_state SET value = '1' WHERE key = 'derived_stale'")

    def analyze(self) -> None:
        """Refresh SQLite's statistics so each bucket query uses its index."""
        self.db.execute("PRAGMA analysis_limit = 1000")  # a sample: the sizes matter, not exact counts
        self.db.execute("ANALYZE")

    def _state(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM tracker_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def derived_stale(self) -> bool:
        """True when claims changed after the derived tables were last rebuilt."""
        return self._state("derived_stale") == "1"

    def finish_refresh(self) -> None:
        """All dirty buckets are rebuilt: the derived tables are current."""
        with self.db.atomic():
            if not self.db.execute("SELECT 1 FROM dirty_buckets LIMIT 1").fetchone():
                self.db.execute("UPDATE tracker_state SET value = '0' WHERE key = 'derived_stale'")
                self.db.execute("DELETE FROM fresh_articles")

    def known_conflicts(self, buckets: list[str]) -> dict[str, Known]:
        """What the last derivation of each figures bucket that only new articles marked
        since found: its conflicting pairs, and the articles stored since (whose figures
        it has not seen, or may not have)."""
        wanted = [b for b in buckets if b.startswith("c:")]
        if not wanted:
            return {}
        marked = json.dumps(wanted)
        additions = [row[0] for row in self.db.execute(
            "SELECT bucket FROM dirty_buckets WHERE additions_only = 1 AND bucket IN (SELECT value FROM json_each(?))",
            [marked])]
        if not additions:
            return {}
        fresh = frozenset(row[0] for row in self.db.execute("SELECT article_id FROM fresh_articles"))
        pairs: dict[str, list[tuple[int, int]]] = {bucket: [] for bucket in additions}
        for bucket, a, b in self.db.execute(
                "SELECT bucket, claim_a, claim_b FROM conflict_pairs WHERE bucket IN (SELECT value FROM json_each(?))",
                [json.dumps(additions)]):
            pairs[bucket].append((a, b))
        return {bucket: Known(tuple(found), fresh) for bucket, found in pairs.items()}

    # ------------------------------------------------------------ reading a bucket

    def bucket_claims(self, bucket: str) -> list[StoredClaim]:
        """The current claims of one bucket.

        A year's milestones or targets are picked by id through their index, named: asked
        for them in store order, the planner walked every claim of the kind instead."""
        where, params = bucket_condition(bucket)
        index = _BUCKET_INDEX.get(bucket.partition(":")[0])
        if index is not None:
            ids = [row[0] for row in self.db.execute(
                f"SELECT c.id FROM claims c INDEXED BY {index} WHERE {CURRENT} AND {where}", params)]
            where, params = "c.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
        return list(self.iter_claims(where=(f"{CURRENT} AND {where}", params)))

    def claims_of_buckets(self, buckets: list[str]) -> Iterable[tuple[str, list[StoredClaim]]]:
        """Each bucket with its current claims, in the order given.

        Conflict and target-check buckets of one subject and unit are read with one query
        (their dates or metric keys in a list), formulations 500 at a time: an archive has
        tens of thousands of such small buckets, and a query each cost more than the answers.
        """
        groups: dict[tuple, list[str]] = {}
        formulations = 0
        for bucket in buckets:
            kind, _, key = bucket.partition(":")
            if kind in ("c", "k"):
                subject, unit, _ = key.split("|", 2)
                groups.setdefault((kind, subject, unit), []).append(bucket)
            elif kind == "t":
                groups.setdefault(("t", key.partition("|")[0]), []).append(bucket)
            elif kind == "f":
                groups.setdefault(("f", formulations // 500), []).append(bucket)
                formulations += 1
            else:
                groups[("one", bucket)] = [bucket]
        for group, members in groups.items():
            if group[0] == "one":
                yield members[0], self.bucket_claims(members[0])
                continue
            if group[0] == "k":
                yield from self._check_buckets(group[1] or None, group[2] or None, members)
                continue
            if group[0] == "t":
                yield from self._deadline_buckets(group[1], members)
                continue
            keys = [m.partition(":")[2].split("|", 2)[2] if group[0] == "c" else m[2:] for m in members]
            found: dict[str, list[StoredClaim]] = {key: [] for key in keys}
            if group[0] == "c":
                where = ("c.kind = 'figure' AND c.subject IS ? AND c.unit IS ? AND c.value IS NOT NULL "
                         "AND c.as_of IN (SELECT value FROM json_each(?))")
                params = [group[1] or None, group[2] or None, json.dumps(keys)]
                key_of = lambda c: c.as_of  # noqa: E731
            else:
                where, params = self._first_tellings(keys)
                key_of = lambda c: (c.simplified if c.simplified is not None else c.surface).strip(" ")  # noqa: E731
            for claim in self.iter_claims(where=(f"{CURRENT} AND {where}", params)):
                found.setdefault(key_of(claim), []).append(claim)
            for member, key in zip(members, keys):
                yield member, found.get(key, [])

    def _deadline_buckets(self, year: str, members: list[str]) -> Iterable[tuple[str, list[StoredClaim]]]:
        """Deadline buckets of one year: their targets picked by the year's index with the
        bucket each falls in (one query however many numbers), then read in one."""
        bucket_of = dict(self.db.execute(
            f"SELECT c.id, {_DEADLINE_BUCKET} FROM claims c INDEXED BY claims_deadline_year WHERE {CURRENT} "
            f"AND c.kind = 'target' AND c.deadline IS NOT NULL AND {_DEADLINE_YEAR} = ? "
            f"AND {_DEADLINE_BUCKET} IN (SELECT value FROM json_each(?))", [year, json.dumps(members)]).fetchall())
        found: dict[str, list[StoredClaim]] = {bucket: [] for bucket in members}
        for claim in self.iter_claims(where=("c.id IN (SELECT value FROM json_each(?))",
                                             [json.dumps(sorted(bucket_of))])):
            found[bucket_of[claim.id]].append(claim)
        for member in members:
            yield member, found[member]

    def _check_buckets(self, subject: Optional[str], unit: Optional[str], members: list[str]
                       ) -> Iterable[tuple[str, list[StoredClaim]]]:
        """Target-check buckets of one subject and unit: their targets in one query (by the
        year their periods end), then the figures of their keys dated from the earliest
        start of a period to the latest end, each figure given to the buckets whose
        periods' years hold its as_of.  The claims of a bucket are its targets, then its
        figures, each in store order."""
        wanted = [tuple(m.partition(":")[2].split("|", 2)[2].rpartition("|")[::2]) for m in members]
        targets: dict[tuple, list[StoredClaim]] = {pair: [] for pair in wanted}
        # By key and end year (the index claims_target_period, named: the planner would walk
        # every target in store order), and apart those without a deadline; ids first.
        keys = json.dumps(sorted({k for k, _ in wanted}))
        years = sorted({y for _, y in wanted} - {NO_DEADLINE})
        pick = (f"SELECT c.id FROM claims c INDEXED BY claims_target_period WHERE {CURRENT} AND c.kind = 'target' "
                "AND c.metric_key IN (SELECT value FROM json_each(?)) AND c.subject IS ? AND c.unit IS ? "
                "AND c.value IS NOT NULL AND ")
        ids = [row[0] for row in self.db.execute(
            pick + f"{_DEADLINE_YEAR} IN (SELECT value FROM json_each(?))", [keys, subject, unit, json.dumps(years)])
               ] if years else []
        if len(years) < len({y for _, y in wanted}):
            ids += [row[0] for row in self.db.execute(pick + "c.deadline IS NULL", [keys, subject, unit])]
        for claim in self.iter_claims(where=("c.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])):
            pair = (claim.metric_key, _end_year(claim.deadline))
            if pair in targets:
                targets[pair].append(claim)
        # The years each key's figures are wanted for: (from, to, bucket), from each
        # bucket's earliest period start to its end year (both as written, YYYY).
        spans: dict[str, list[tuple[str, str, tuple]]] = {}
        for (key, year), told in targets.items():
            starts = [t.deadline[:4] for t in told if t.deadline and _is_year(t.deadline[:4])]
            if key and _is_year(year) and starts:
                spans.setdefault(key, []).append((min(starts), year, (key, year)))
        figures: dict[tuple, list[StoredClaim]] = {pair: [] for pair in wanted}
        if spans:
            first = min(span[0] for found in spans.values() for span in found)
            last = max(span[1] for found in spans.values() for span in found)
            where = ("c.kind = 'figure' AND c.subject IS ? AND c.unit IS ? AND c.as_of >= ? AND c.as_of < ? "
                     "AND +c.metric_key IN (SELECT value FROM json_each(?)) AND c.value IS NOT NULL")
            params = [subject, unit, first, str(int(last) + 1), json.dumps(sorted(spans))]
            for claim in self.iter_claims(where=(f"{CURRENT} AND {where}", params)):
                year = claim.as_of[:4]
                for start, end, pair in spans.get(claim.metric_key, ()):
                    if start <= year <= end:
                        figures[pair].append(claim)
        for member, pair in zip(members, wanted):
            yield member, targets[pair] + figures[pair]

    def _first_tellings(self, keys: list[str]) -> tuple[str, list]:
        """The condition selecting, of these formulations, only the tellings of the day each
        was first told: a formulation's event is its first appearance, and a slogan repeated
        daily for years would otherwise be read whole for every new telling.  The first day
        is found per written form (what ``formulation_events`` groups by), so every telling
        of the day its group first appeared is kept.  The tellings are found by id, from
        the claims and their articles alone: joined with their sentences first, every
        telling of 一国两制 was read whole to keep a few."""
        counts = self.db.execute(
            f"SELECT {_FORMULATION}, {_TOLD}, count(*) FROM claims c INDEXED BY claims_formulation_told "
            f"WHERE c.kind = 'formulation' AND {_FORMULATION} IN (SELECT value FROM json_each(?)) GROUP BY 1, 2",
            [json.dumps(keys)]).fetchall()
        often = {(said, written) for said, written, count in counts if count >= WALK_FROM}
        first: dict[tuple, tuple[str, list[int]]] = {}
        told = (f"SELECT c.id, {_FORMULATION} AS said, {_TOLD} AS told, {_FIRST_DAY} AS day "
                f"FROM claims c INDEXED BY claims_formulation_told JOIN articles a ON a.id = c.article_id "
                f"WHERE {CURRENT} AND c.kind = 'formulation' AND a.published IS NOT NULL "
                "AND instr(a.published, '/') = 0 AND ")
        # Forms told less often are read whole: several formulations in one query, or one form
        # at a time beside a form of the same formulation that is walked.
        walked = {said for said, _ in often}
        rare = sorted({said for said, _, _ in counts if said not in walked})
        scans = [(told + f"{_FORMULATION} IN (SELECT value FROM json_each(?))", [json.dumps(rare)])] if rare else []
        scans += [(told + f"{_FORMULATION} = ? AND {_TOLD} = ?", [said, written]) for said, written, _ in counts
                  if said in walked and (said, written) not in often]
        for claim_id, said, written, day in (row for sql, params in scans for row in self.db.execute(sql, params)):
            if (said, written) in often:
                continue
            found = first.get((said, written))
            if found is None or day < found[0]:
                first[said, written] = (day, [claim_id])
            elif day == found[0]:
                found[1].append(claim_id)
        for said, written in sorted(often):
            found = self._first_day_walked(said, written)
            if found is not None:
                first[said, written] = found
        ids = sorted(claim_id for _, found in first.values() for claim_id in found)
        return "c.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]

    def _first_day_walked(self, said: str, written: str) -> Optional[tuple[str, list[int]]]:
        """The first day a written form told thousands of times was told, and its tellings
        of that day: the articles are walked in publication order (their text sorts as
        their first days do) until one tells it, then that day's articles are asked."""
        # The form of every telling is in claims_formulation_told, so each step is one look-up.
        probe = (f"SELECT 1 FROM claims c INDEXED BY claims_formulation_told WHERE c.kind = 'formulation' "
                 f"AND {_FORMULATION} = ? AND {_TOLD} = ? AND c.article_id = a.id")
        current = f"a.id NOT IN ({REPLACED})"
        row = self.db.execute(
            f"SELECT {_FIRST_DAY} FROM articles a INDEXED BY articles_published WHERE a.published IS NOT NULL "
            f"AND instr(a.published, '/') = 0 AND {current} AND EXISTS ({probe}) ORDER BY a.published LIMIT 1",
            [said, written]).fetchone()
        if row is None:
            return None
        day = row[0]
        forms = {day}  # the publication dates whose first day it is (2024 and 2024-01 for 2024-01-01)
        if day.endswith("-01") and len(day) == 10:
            forms.add(day[:7])
        if day.endswith("-01-01") and len(day) == 10:
            forms.add(day[:4])
        ids = [claim_id for claim_id, first_day in self.db.execute(
            f"SELECT c.id, {_FIRST_DAY} FROM articles a INDEXED BY articles_published JOIN claims c "
            f"INDEXED BY claims_formulation_told ON c.article_id = a.id AND c.kind = 'formulation' "
            f"AND {_FORMULATION} = ? AND {_TOLD} = ? WHERE a.published IN (SELECT value FROM json_each(?)) "
            f"AND instr(a.published, '/') = 0 AND {current}", [said, written, json.dumps(sorted(forms))])
            if first_day == day]
        return day, ids

    def claims_without_metric_key(self) -> list[tuple[int, Optional[str], Optional[str]]]:
        """(id, metric, subject) of the figures and targets whose metric key is not computed yet."""
        return self.db.execute("SELECT id, metric, subject FROM claims WHERE metric_key IS NULL "
                               "AND kind IN ('figure', 'target')").fetchall()

    def set_metric_keys(self, keys: Iterable[tuple[str, int]]) -> None:
        with self.db.atomic():
            self.db.conn.executemany("UPDATE claims SET metric_key = ? WHERE id = ?", list(keys))

    # ------------------------------------------------------------ writing a bucket

    def replace_buckets(self, rebuilt: Iterable[tuple[str, object]]) -> None:
        """Several buckets' derived rows (``(bucket, Derived)``), replaced in one transaction:
        a commit, a savepoint or a statement per bucket cost more than the answers on an
        archive of thousands, so the batch's old rows go in one DELETE per table and its
        new rows in one ``executemany`` per table."""
        self._write_buckets([(bucket, d.events, d.conflicts, d.checks) for bucket, d in rebuilt])

    def replace_bucket(self, bucket: str, events: Iterable[Event] = (), conflicts: Iterable[Conflict] = (),
                       checks: Iterable[TargetStatus] = ()) -> None:
        """A bucket's derived rows, replaced at once; the bucket is clean afterwards."""
        self._write_buckets([(bucket, events, conflicts, checks)])

    def _write_buckets(self, rebuilt: list[tuple[str, Iterable[Event], Iterable[Conflict], Iterable[TargetStatus]]]
                       ) -> None:
        buckets = [bucket for bucket, *_ in rebuilt]
        event_rows, source_rows, conflict_rows, check_rows = [], [], [], []
        with self.db.atomic():
            # An event told as before keeps its row: a new broadcast changes a few of the
            # thousands of events of its year, and rewriting them all was most of the write.
            stored, kept, fresh = self._stored_events(buckets), [], []
            # So do conflicts: a grown archive's figures of one date pair by the thousand.
            stored_conflicts, kept_conflicts = self._stored_conflicts(buckets), []
            for bucket, events, conflicts, checks in rebuilt:
                for event in events:
                    date = PartialDate.parse(event.date)
                    search = simplify(" ".join([event.event, *event.subjects, *(s.sentence for s in event.sources)]))
                    row = (event.date, event.precision, date.year, event.event, "、".join(event.subjects), event.kind,
                           len(event.sources), bucket, date.first_day().isoformat(), date.last_day().isoformat(),
                           search)
                    sources = tuple((s.article, s.claim, s.published, s.sentence) for s in event.sources)
                    same = stored.get((row, sources))
                    if same:
                        kept.append(same.pop())
                    else:
                        fresh.append((row, sources))
                for row in ((c.subject, c.metric, c.unit, c.as_of, a.claim, a.article, a.value, b.claim, b.article,
                             b.value, bucket) for c in conflicts for a, b in [c.points]):
                    same = stored_conflicts.get(row)
                    if same:
                        kept_conflicts.append(same.pop())
                    else:
                        conflict_rows.append(row)
                check_rows += [_check_row(t, bucket) for t in checks]
            self._drop_buckets(buckets, kept, kept_conflicts)
            # Ids as SQLite would give them one insert at a time (the largest plus one), so
            # the sources can point at their event without a round trip per event.
            event_id = self.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
            for row, sources in fresh:
                event_id += 1
                event_rows.append((event_id, *row))
                source_rows += [(event_id, *source) for source in sources]
            self.db.conn.executemany(
                "INSERT INTO events (id, date, precision, year, event, subjects, kind, sources, bucket, first_day, "
                "last_day, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_rows)
            self.db.conn.executemany(
                "INSERT INTO event_sources (event_id, article_id, claim_id, published, sentence) "
                "VALUES (?, ?, ?, ?, ?)", source_rows)
            self.db.conn.executemany(
                "INSERT INTO conflict_pairs (subject, metric, unit, as_of, claim_a, article_a, value_a, "
                "claim_b, article_b, value_b, bucket) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conflict_rows)
            self.db.conn.executemany(
                "INSERT INTO target_checks (claim_id, article_id, subject, metric, value, value_high, unit, "
                "qualifier, deadline, strength, status, later_figures, latest_value, latest_as_of, "
                "latest_article_id, later_json, bucket, metric_key, polarity, verdict, verdict_rule, "
                "official_verdict, official_sentence, outcome_claim_id, outcome_published, outcome_sentence, "
                "conflicts_json) VALUES (" + ", ".join("?" * 27) + ")", check_rows)
            self.db.execute("DELETE FROM dirty_buckets WHERE bucket IN (SELECT value FROM json_each(?))",
                            [json.dumps(buckets)])


def _end_year(deadline: Optional[str]) -> str:
    """The year a deadline's period ends, as the bucket names it (``_deadline_year`` in Python)."""
    if deadline is None:
        return NO_DEADLINE
    return (deadline.partition("/")[2] if "/" in deadline else deadline)[:4]


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isascii() and text.isdigit()


def _check_row(t: TargetStatus, bucket: str) -> tuple:
    out = t.outcome
    return (t.claim, t.article, t.subject, t.metric, t.value, t.value_high, t.unit, t.qualifier,
            t.deadline, t.strength, t.verdict, len(t.later),
            out.value if out else None, out.as_of if out else None, out.article if out else None,
            json.dumps([asdict(p) for p in t.later], ensure_ascii=False), bucket,
            t.metric_key, t.polarity, t.verdict, t.verdict_rule, t.official_verdict,
            t.official_sentence, out.claim if out else None, out.published if out else None,
            out.sentence if out else None,
            json.dumps([asdict(p) for p in t.conflicts], ensure_ascii=False))
