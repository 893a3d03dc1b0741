"""The workflows: ingest paths, merge shards, re-extract, refresh the derived tables, evaluate.

This is the library a test, a notebook or a bench calls; each command of the CLI is a
thin adapter over one of these functions (parse options, call, render), the way
sqlite-utils keeps ``db.py`` the library and ``cli.py`` the adapters.  Nothing here
prints: long work is reported through a ``progress`` callback and per-file results
are yielded, so the caller decides how to show them.
"""

from __future__ import annotations

import json
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .read.articles import reextract as rebuild_claims
from .extract.claims import EXTRACTOR_VERSION
from .dates import PartialDate
from .errors import BadUsage, TrackerError
from .read.ingest import Outcome, discover, read_all, read_one
from .models import Sentence
from .prepare import prepare
from .store import Store
from .shards import MergedShard, check_shard
from .workers import default_jobs, in_order

#: Buckets rebuilt per transaction of a refresh.
REFRESH_BATCH = 500
#: Articles stored per transaction of an ingest, and the seconds after which a smaller
#: batch is committed anyway (so progress is shown as the files are read): a commit per
#: article cost more than writing it.
STORE_BATCH = 50
STORE_SECONDS = 1.0

#: ``progress(stage, done, total)``: what long work reports as it goes.
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class IngestStep:
    """What became of one file: stored (new, new version, unchanged) or failed."""

    path: str
    status: str  # "new", "new version", "unchanged", "failed"
    article_id: Optional[int] = None
    version: int = 1
    published: Optional[str] = None
    basis: Optional[str] = None
    error: Optional[str] = None


def normalise_given(published: Optional[str]) -> Optional[str]:
    """A ``--published`` value as ISO text, or :class:`BadUsage` naming the forms that work."""
    if published is None:
        return None
    text = published.strip()
    try:
        date = PartialDate.parse(text)
    except ValueError:
        date = None
    if date is None or not 1900 <= date.year <= 2100 or len(text) not in (4, 7, 10):
        raise BadUsage(f"--published {published!r}: give a date as 2024, 2024-08 or 2024-08-01")
    return date.iso


def find_files(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """The supported files the user named (folders, files, globs) and the problems found."""
    return discover(paths)


def ingest_files(store: Store, files: list[str], published: Optional[str] = None,
                 jobs: Optional[int] = None) -> Iterator[IngestStep]:
    """Read, date, extract and store each file, yielding what became of it.

    Articles are stored whole, several to a transaction (``STORE_BATCH``, or what
    ``STORE_SECONDS`` brought), and each is yielded once its transaction is committed:
    an interruption leaves no half article, and nothing is reported stored that is not.
    Call :func:`refresh` afterwards (``ingest`` does both).
    """
    given = normalise_given(published)
    outcomes = iter(read_all(files, given, jobs or default_jobs(), read=read_prepared))
    finished = False
    while not finished:
        steps, started = [], time.monotonic()
        # Each article inside is a savepoint of its own, whole or absent; the batch's new
        # sentences and claims are indexed for search in one statement each as it ends.
        with store.batch():
            for outcome in outcomes:
                steps.append(_store(store, outcome, given))
                if len(steps) >= STORE_BATCH or time.monotonic() - started >= STORE_SECONDS:
                    break
            else:
                finished = True
        yield from steps


def read_prepared(path: str, published: Optional[str] = None, extract: bool = True) -> Outcome:
    """:func:`read_one`, then what the store would compute from the article (:func:`prepare`).

    It runs in the reader processes, which are several, so the single writer only writes.
    """
    outcome = read_one(path, published, extract)
    return replace(outcome, article=prepare(outcome.article)) if outcome.article else outcome


def _store(store: Store, outcome, given: Optional[str]) -> IngestStep:
    if outcome.error:
        return IngestStep(outcome.path, "failed", error=outcome.error)
    article = outcome.article
    stored = store.add_article(article, EXTRACTOR_VERSION)
    if stored.status == "unchanged" and given:
        # A new date moves what 今年 and 5月12日 mean: re-resolve the claims too.
        store.set_published(stored.article_id, given, PartialDate.parse(given).precision,
                            "given with --published")
        reextract_article(store, stored.article_id)
    return IngestStep(outcome.path, stored.status, stored.article_id, stored.version,
                      given or article.dating.published, "given" if given else article.dating.basis)


def reextract_article(store: Store, article_id: int) -> None:
    """Rebuild one article's claims from its stored sentences and publication date."""
    row = store.article(article_id)
    sentences = tuple(Sentence(s["number"], s["start"], s["end"], s["text"], None)
                      for s in store.sentences(article_id))
    claims = rebuild_claims(row["text"], row["simplified"], sentences, row["published"])
    store.replace_claims(article_id, claims, EXTRACTOR_VERSION)


def reextract(store: Store, progress: Progress = _quiet) -> int:
    """Rebuild every article's claims with the current extractor, then the derived tables."""
    ids = store.all_article_ids()
    for done, article_id in enumerate(ids, start=1):
        reextract_article(store, article_id)
        progress("re-extracting", done, len(ids))
    store.rebuild_everything()
    refresh(store, progress)
    return len(ids)


def refresh(store: Store, progress: Progress = _quiet, jobs: Optional[int] = None) -> int:
    """Bring the derived tables (timeline, conflicts, target checks) up to date; return how
    many buckets were rebuilt.

    Only the buckets whose claims changed are rebuilt (:mod:`tracker.derived`), a batch
    per transaction and then marked clean, so a refresh interrupted half way is finished
    by the next run, and one new article costs what it touched.  Many buckets (a fresh
    archive dirties tens of thousands) are derived in ``jobs`` worker processes, this one
    writing what they answer, in the order and batches it would have derived them itself.
    """
    from .compare.series import metric_key

    missing = store.claims_without_metric_key()
    for start in range(0, len(missing), 5000):
        chunk = missing[start:start + 5000]
        store.set_metric_keys((metric_key(metric, subject), claim_id) for claim_id, metric, subject in chunk)
        progress(f"keying {len(missing):,} metrics", min(start + 5000, len(missing)), len(missing))
    buckets = store.dirty_buckets()
    if len(buckets) > 1000:
        store.analyze()  # many new claims: let the planner see the new sizes first
    stage, done = f"matching {len(buckets):,} groups of claims", 0

    def derived(count: int) -> None:  # buckets derived of the batch under way
        progress(stage, done + count, len(buckets))

    for batch in _derived_batches(store, buckets, jobs or default_jobs(), derived):
        store.replace_buckets(batch)  # one transaction: a crash loses at most this batch's work
        done += len(batch)
        progress(stage, done, len(buckets))
    store.finish_refresh()
    return len(buckets)


#: Buckets to rebuild from which they are derived in worker processes: below it, starting
#: the workers costs more than they save.
PARALLEL_FROM = 2 * REFRESH_BATCH
#: Seconds the refresh's writer and its workers wait for each other's lock on the database.
LOCK_WAIT = 600.0


def _derived_batches(store: Store, buckets: list[str], jobs: int, derived: Callable[[int], None]
                     ) -> Iterator[list]:
    """The buckets' ``(bucket, Derived)``, ``REFRESH_BATCH`` to a list, in order.

    Each worker reads its tasks' claims on a connection of its own (the claims do not
    change while derived rows are written) and derives them; this process only writes.
    Serially, ``derived(n)`` is told as each bucket of a batch is done."""
    batches = [buckets[start:start + REFRESH_BATCH] for start in range(0, len(buckets), REFRESH_BATCH)]
    if jobs > 1 and len(buckets) >= PARALLEL_FROM and store.path != ":memory:":
        from .compare import derive  # noqa: F401  (imported once here, so each forked worker has it)

        # A commit here waits for the workers' reads under way to end (its lock holds new
        # ones back), and a worker for the commit, however long one read of a large archive takes.
        waited = store.db.execute("PRAGMA busy_timeout").fetchone()[0]
        store.db.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT * 1000)}")
        tasks = list(_tasks(batches))  # all in flight: an answer is small beside the claims it was read from
        try:
            yield from _in_batches(batches, in_order(_derive_batch, tasks, jobs, len(tasks),
                                                     setup=_open_reader, setup_args=(store.path,)))
        finally:
            store.db.execute(f"PRAGMA busy_timeout = {waited}")
        return
    from .compare.derive import derive_bucket

    for members in batches:
        batch, known = {}, store.known_conflicts(members)
        for bucket, claims in store.claims_of_buckets(members):
            batch[bucket] = derive_bucket(bucket, claims, known.get(bucket))
            derived(len(batch))
        yield [(bucket, batch[bucket]) for bucket in members]


#: Buckets of a whole year (milestones): a fresh archive's largest, each derived alone and
#: first, so that no worker is left with them at the end while the other waits.
_LARGE = ("m:",)


def _tasks(batches: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each batch's buckets as tasks ``(batch number, buckets)``: the large buckets alone, first."""
    for number, members in enumerate(batches):
        yield from ((number, [bucket]) for bucket in members if bucket[:2] in _LARGE)
    for number, members in enumerate(batches):
        rest = [bucket for bucket in members if bucket[:2] not in _LARGE]
        if rest:
            yield number, rest


def _in_batches(batches: list[list[str]], answers: Iterator[tuple[int, list]]) -> Iterator[list]:
    """The tasks' answers put back together: each batch, in its buckets' order, once all is in."""
    found: dict[int, dict[str, object]] = {}
    ready = 0
    for number, derived in answers:
        found.setdefault(number, {}).update(derived)
        while ready < len(batches) and len(found.get(ready, ())) == len(batches[ready]):
            done = found.pop(ready)
            yield [(bucket, done[bucket]) for bucket in batches[ready]]
            ready += 1


_reader: Optional[Store] = None  # a refresh worker's own connection to the database


def _open_reader(path: str) -> None:
    global _reader
    _reader = Store(path, timeout=LOCK_WAIT)


def _derive_batch(task: tuple[int, list[str]]) -> tuple[int, list]:
    from .compare.derive import derive_bucket

    number, buckets = task
    known = _reader.known_conflicts(buckets)
    return number, [(bucket, derive_bucket(bucket, claims, known.get(bucket)))
                    for bucket, claims in _reader.claims_of_buckets(buckets)]


def merge(store: Store, shards: list[str], progress: Progress = _quiet) -> Iterator[MergedShard]:
    """Copy shard databases in, one transaction each, yielding what each brought; then
    refresh the derived tables once, for what the shards touched."""
    for shard in shards:  # every shard checked before any is copied
        check_shard(shard, store.path)
    for done, shard in enumerate(shards, start=1):
        yield store.merge_shard(shard)
        progress("merging shards", done, len(shards))
    if store.derived_stale():
        refresh(store, progress)


def gold_format(gold: Path) -> tuple[str, list[Path]]:
    """Tell which gold ``gold`` is: ``("claims", files)`` — a folder of per-article JSON
    objects — or ``("targets", files)`` — a targets table, one JSON list (the file itself,
    or the folder holding it)."""
    gold = Path(gold)
    files = [gold] if gold.is_file() else sorted(gold.glob("*.json")) if gold.is_dir() else []
    if not files:
        raise BadUsage(f"{gold}: no gold .json files here")
    kinds = {}
    for file in files:
        try:
            kinds[file] = "targets" if isinstance(json.loads(file.read_text("utf-8")), list) else "claims"
        except (OSError, ValueError) as error:
            raise BadUsage(f"{file}: not a gold JSON file ({error})") from None
    if len(set(kinds.values())) > 1:
        lists = ", ".join(f.name for f, k in kinds.items() if k == "targets")
        raise BadUsage(f"{gold}: mixes a targets table ({lists}) with per-article claims files; "
                       "name one file or the other folder")
    return next(iter(kinds.values())), files


def evaluate(gold_dir: Path, text_dir: Path, db: Optional[str] = None):
    """Score the extractor on ``text_dir`` against ``gold_dir``: per-article claims gold
    (a :class:`scoring.CorpusScore`) or a targets table (a :class:`TargetsScore`)."""
    from . import evaluate as scoring  # here: ingest, the everyday command, does not compile the scorers

    kind, gold_files = gold_format(gold_dir)
    if not Path(text_dir).is_dir():
        raise BadUsage(f"{text_dir}: not a folder")
    if kind == "targets":
        return _evaluate_targets(gold_files, Path(text_dir), db)
    scores = []
    with _scratch_store(db) as store:
        for gold_file in gold_files:
            gold = json.loads(gold_file.read_text("utf-8"))
            if not isinstance(gold, dict) or "claims" not in gold:
                raise BadUsage(f"{gold_file}: not a claims gold file (no \"claims\"); see FORMAT.md")
            article_id = _add(store, Path(text_dir) / gold.get("source", gold_file.stem + ".txt"))
            row = store.article(article_id)
            scores.append(scoring.score_article(gold, row["text"], store.claims(article_id),
                                                row["published"]))
    return scoring.score_corpus(scores)


def _evaluate_targets(gold_files: list[Path], text_dir: Path, db: Optional[str]):
    from . import evaluate_targets as targets_scoring

    entries = []
    for gold_file in gold_files:
        try:
            entries += targets_scoring.check_entries(json.loads(gold_file.read_text("utf-8")))
        except ValueError as error:
            raise BadUsage(f"{gold_file}: not a targets table ({error}); see FORMAT.md") from None
    claims, published = {}, {}
    with _scratch_store(db) as store:
        for name in sorted({e["file"] for e in entries}):
            article_id = _add(store, text_dir / name)
            claims[name] = store.claims(article_id)
            published[name] = store.article(article_id)["published"]
    return targets_scoring.score_targets(entries, claims, published)


@contextmanager
def _scratch_store(db: Optional[str]) -> Iterator[Store]:
    """The store evaluation reads into: ``db`` if given (refreshed at the end), else a temporary one."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(db if db else Path(scratch) / "eval.db")
        try:
            yield store
            if db:
                refresh(store)
        finally:
            store.close()


def _add(store: Store, source: Path) -> int:
    outcome = read_prepared(str(source))
    if outcome.error:
        raise TrackerError(outcome.error)
    return store.add_article(outcome.article, EXTRACTOR_VERSION).article_id
