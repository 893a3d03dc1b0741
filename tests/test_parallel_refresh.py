"""The derived tables built in worker processes equal those built in one, row for row."""

from __future__ import annotations

import os
import shutil

import pytest

from tracker import pipeline
from tracker.extract.claims import EXTRACTOR_VERSION
from tracker.read.ingest import read_all
from tracker.store import Store
from tracker.workers import in_order

from .conftest import GOLD, SEEDS

#: Twenty days of transcripts beside the seeds: they tell the same figures twice (conflicts).
CORPUS = GOLD.parent / "corpora" / "xwlb-2022-2024"

DERIVED = ("events", "event_sources", "conflict_pairs", "target_checks", "dirty_buckets", "tracker_state")


def rows(path) -> dict:
    """Every derived table as stored, ids included: workers must not change the order of work."""
    store = Store(path)
    try:
        return {table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in DERIVED}
    finally:
        store.db.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The seeds (and twenty transcripts) stored, the derived tables not yet built."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpora are not beside this checkout")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = Store(path)
    files = sorted(str(p) for p in SEEDS.glob("*.txt")) + sorted(str(p) for p in CORPUS.glob("*.md"))[:20]
    for step in pipeline.ingest_files(store, files, jobs=2):
        assert step.status == "new"
    store.db.close()
    return path


def refreshed(ingested, tmp_path, monkeypatch, jobs: int, batch: int) -> tuple[dict, list]:
    path = tmp_path / f"jobs{jobs}.db"
    shutil.copy(ingested, path)
    # Batches of a few buckets, so the seeds' hundreds of buckets go through the workers in many batches.
    monkeypatch.setattr(pipeline, "REFRESH_BATCH", batch)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    reported = []
    store = Store(path)
    count = pipeline.refresh(store, lambda stage, done, total: reported.append((done, total)), jobs=jobs)
    assert count > 2 * batch
    assert not store.derived_stale()
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000  # the store's own wait again
    store.db.close()
    return rows(path), reported


@pytest.mark.parametrize("batch", [7, 100])
def test_workers_derive_the_same_rows_with_the_same_ids(ingested, tmp_path, monkeypatch, batch):
    alone, _ = refreshed(ingested, tmp_path, monkeypatch, 1, batch)
    parallel, reported = refreshed(ingested, tmp_path, monkeypatch, 2, batch)
    assert alone["events"] and alone["conflict_pairs"] and alone["target_checks"]
    assert parallel == alone
    total = reported[-1][1]
    assert reported[-1] == (total, total)
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)


def test_a_store_in_memory_is_refreshed_in_this_process(monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "in_order", lambda *a, **k: pytest.fail("workers cannot see :memory:"))
    store = Store()
    outcome = next(read_all([str(sorted(SEEDS.glob("*.txt"))[0])], None, 1, read=pipeline.read_prepared))
    store.add_article(outcome.article, EXTRACTOR_VERSION)
    assert pipeline.refresh(store, jobs=2) > 0
    assert store.events(("milestone", "target", "formulation"))


def _square_slowly_first(n: int) -> tuple[int, int]:
    if n == 0:
        import time

        time.sleep(0.2)  # the first answer comes last: still yielded first
    return n * n, os.getpid()


def _fail_on(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


@pytest.mark.parametrize("in_flight", [1, 2, 5, 50])
def test_in_order_answers_in_the_order_asked(in_flight):
    answers = list(in_order(_square_slowly_first, range(12), 2, in_flight))
    assert [square for square, _ in answers] == [n * n for n in range(12)]
    assert os.getpid() not in {pid for _, pid in answers}


def test_in_order_raises_what_a_task_raised():
    with pytest.raises(ValueError, match="three"):
        list(in_order(_fail_on, range(8), 2, 4))
