"""The derived tables by bucket: incremental refreshes equal a fresh build, and views read stored rows."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from tracker import pipeline
from tracker.cli import app
from tracker.compare.events import formulation_events
from tracker.read.ingest import read_one
from tracker.extract.claims import EXTRACTOR_VERSION
from tracker.store import Store

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def derived_rows(store: Store) -> dict:
    """Every derived answer, with ids left out (they depend on the order of work)."""
    events = sorted(
        (e.date, e.precision, e.event, e.kind, tuple(sorted((s.article, s.claim) for s in e.sources)))
        for e in store.events(("milestone", "target", "formulation")))
    conflicts = sorted(store.db.execute(
        "SELECT subject, metric, unit, as_of, claim_a, claim_b, value_a, value_b FROM conflict_pairs").fetchall(),
        key=repr)
    checks = sorted((t.claim, t.status, tuple(p.claim for p in t.later)) for t in store.target_statuses())
    return {"events": events, "conflicts": conflicts, "checks": checks}


def ingest(store: Store, paths) -> None:
    for path in paths:
        store.add_article(read_one(str(path)).article, EXTRACTOR_VERSION)


@pytest.fixture
def fresh():
    store = Store()
    ingest(store, SEED_FILES)
    pipeline.refresh(store)
    return derived_rows(store)


def test_ingesting_a_then_b_equals_ingesting_both(fresh):
    store = Store()
    ingest(store, SEED_FILES[:2])
    pipeline.refresh(store)
    ingest(store, SEED_FILES[2:])
    rebuilt = pipeline.refresh(store)
    assert derived_rows(store) == fresh
    assert not store.derived_stale()
    total = len(store.dirty_buckets()) + rebuilt
    assert total == rebuilt  # nothing left dirty


def test_one_more_article_rebuilds_only_the_buckets_it_touched():
    store = Store()
    ingest(store, SEED_FILES[:4])
    everything = pipeline.refresh(store)
    ingest(store, SEED_FILES[4:])
    touched = len(store.dirty_buckets())
    assert 0 < touched < everything + touched
    assert touched == pipeline.refresh(store)
    assert pipeline.refresh(store) == 0  # a refresh with nothing dirty does nothing


def test_a_changed_article_leaves_no_stale_row(tmp_path, fresh):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    store = Store()
    ingest(store, sorted(folder.glob("*.txt")))
    pipeline.refresh(store)
    changed = next(p for p in sorted(folder.glob("*.txt")) if "103.89" in p.read_text("utf-8"))
    changed.write_text(changed.read_text("utf-8").replace("103.89", "120.5") + "\n2月3日，新的规划正式发布。\n",
                       "utf-8")
    assert store.add_article(read_one(str(changed)).article, EXTRACTOR_VERSION).status == "new version"
    pipeline.refresh(store)
    old_version = store.db.execute("SELECT id FROM articles WHERE version = 1 AND path LIKE ?",
                                   [f"%{changed.name}"]).fetchone()[0]
    assert not any(s.article == old_version for e in store.events(("milestone", "target", "formulation"))
                   for s in e.sources)
    assert not store.db.execute("SELECT 1 FROM conflict_pairs WHERE article_a = ? OR article_b = ?",
                                [old_version, old_version]).fetchone()
    assert not store.db.execute("SELECT 1 FROM target_checks WHERE article_id = ?", [old_version]).fetchone()
    # and the result is what a fresh build of the changed texts gives
    again = Store()
    ingest(again, sorted(folder.glob("*.txt")))
    pipeline.refresh(again)
    assert _without_ids(derived_rows(store)) == _without_ids(derived_rows(again))


def _without_ids(rows: dict) -> dict:
    return {"events": sorted((d, p, t, k, len(s)) for d, p, t, k, s in rows["events"]),
            "conflicts": len(rows["conflicts"]), "checks": sorted(s for _, s, _ in rows["checks"])}


def test_reextract_rebuilds_every_bucket(fresh):
    store = Store()
    ingest(store, SEED_FILES)
    pipeline.refresh(store)
    pipeline.reextract(store)
    assert _without_ids(derived_rows(store)) == _without_ids(fresh)


def test_the_views_read_the_stored_rows(tmp_path):
    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEEDS), "--jobs", "1", "--db", str(db)]).exit_code == 0
    store = Store(db)
    store.db.execute("UPDATE events SET event = '改写的事件' || id WHERE kind = 'milestone'")
    store.db.execute("UPDATE target_checks SET status = 'missed', verdict = 'missed'")
    store.db.conn.commit()
    store.close()
    timeline = runner.invoke(app, ["timeline", "--format", "json", "--db", str(db)]).output
    assert "改写的事件" in timeline
    targets = runner.invoke(app, ["targets", "--format", "json", "--db", str(db)]).output
    assert '"verdict": "missed"' in targets and '"verdict": "met"' not in targets


def test_an_interrupted_batch_of_articles_leaves_only_whole_reported_articles(monkeypatch):
    store = Store()
    stored, reported = 0, []
    original = Store._insert_claims

    def fail_on_the_fourth(self, *args):
        nonlocal stored
        stored += 1
        if stored == 4:
            raise KeyboardInterrupt
        return original(self, *args)

    monkeypatch.setattr(Store, "_insert_claims", fail_on_the_fourth)
    monkeypatch.setattr(pipeline, "STORE_BATCH", 2)
    with pytest.raises(KeyboardInterrupt):
        for step in pipeline.ingest_files(store, [str(p) for p in SEED_FILES], jobs=1):
            reported.append(step.article_id)
    # the first batch (two articles) was committed and reported; the second, cut in its
    # second article, left nothing, not even its whole first article: none is half stored
    ids = store.all_article_ids()
    assert ids == reported and len(ids) == 2
    for article_id in ids:
        assert store.sentences(article_id) and store.claims(article_id)
    assert not store.db.execute("SELECT 1 FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()


def test_ingesting_in_batches_equals_ingesting_one_by_one(fresh, monkeypatch):
    monkeypatch.setattr(pipeline, "STORE_BATCH", 3)
    store = Store()
    steps = list(pipeline.ingest_files(store, [str(p) for p in SEED_FILES] * 2, jobs=1))
    assert [s.status for s in steps] == ["new"] * len(SEED_FILES) + ["unchanged"] * len(SEED_FILES)
    pipeline.refresh(store)
    assert derived_rows(store) == fresh


@pytest.mark.parametrize("order", [SEED_FILES, SEED_FILES[::-1]], ids=["as listed", "reversed"])
def test_one_article_at_a_time_in_either_order_equals_a_fresh_build(order):
    # The seeds share formulations (卡脖子, 微中心) and are dated 2023 to 2026: in one order a
    # later telling arrives after the first appearance, in the other an earlier one moves it
    # back; a formulation bucket reads only its first day's tellings, and must still see both.
    # Ids depend on the order of ingest, so claims are named by file and place.
    store = Store()
    for path in order:
        ingest(store, [path])
        pipeline.refresh(store)
    together = Store()
    ingest(together, SEED_FILES)
    pipeline.refresh(together)
    assert portable(store) == portable(together)
    # and each formulation's stored event is the one all its tellings give
    told = formulation_events(store.claims(kind="formulation", current=True))
    stored = store.events(("formulation",))
    assert sorted((e.date, e.event, [s.claim for s in e.sources]) for e in stored) == \
           sorted((e.date, e.event, [s.claim for s in e.sources]) for e in told)


def portable(store: Store) -> dict:
    """The derived rows with each claim named by its file, kind and offsets instead of ids."""
    name = {c_id: (path.rsplit("/", 1)[-1], kind, start, end) for c_id, path, kind, start, end in store.db.execute(
        'SELECT c.id, a.path, c.kind, c.start, c."end" FROM claims c JOIN articles a ON a.id = c.article_id')}
    rows = derived_rows(store)
    return {"events": sorted((d, p, t, k, tuple(sorted(name[c] for _, c in s))) for d, p, t, k, s in rows["events"]),
            "conflicts": sorted((*r[:4], name[r[4]], name[r[5]], *r[6:]) for r in rows["conflicts"]),
            "checks": sorted((name[c], status, tuple(sorted(name[p] for p in later))) for c, status, later in rows["checks"])}
