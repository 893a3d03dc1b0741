"""A slogan told thousands of times has its first day found by walking the articles in
publication order: the same events as reading every telling."""

import shutil

import pytest

from tracker import derived, pipeline
from tracker.extract.claims import EXTRACTOR_VERSION
from tracker.read.ingest import read_one
from tracker.store import Store

from .conftest import SEEDS
from .test_incremental import SEED_FILES, ingest, portable


def build(order) -> Store:
    store = Store()
    for path in order:
        ingest(store, [path])
        pipeline.refresh(store)
    return store


@pytest.mark.parametrize("order", [SEED_FILES, SEED_FILES[::-1]], ids=["as listed", "reversed"])
def test_walking_to_the_first_day_finds_what_reading_every_telling_does(order, monkeypatch):
    read = build(order)
    told = read.db.execute("SELECT count(*) FROM (SELECT 1 FROM claims WHERE kind = 'formulation' "
                           "GROUP BY trim(coalesce(simplified, surface)) HAVING count(DISTINCT article_id) > 1)")
    assert told.fetchone()[0] > 0  # the seeds share slogans, told on different days
    monkeypatch.setattr(derived, "WALK_FROM", 1)  # every written form walked
    walked = build(order)
    assert portable(walked) == portable(read)


def formulations(store: Store) -> list:
    return sorted((e.date, e.event, [s.claim for s in e.sources]) for e in store.events(("formulation",)))


def revised(folder) -> Store:
    store = Store()
    ingest(store, sorted(folder.glob("*.txt")))
    pipeline.refresh(store)
    # The revision of the file telling a shared slogan first is dated years later: its
    # older version, which no longer speaks, must not keep the slogan's first day.
    first = min(sorted(folder.glob("*.txt")), key=lambda p: read_one(str(p)).article.dating.published)
    first.write_text(first.read_text("utf-8") + "\n会上提出“卡脖子”问题。\n", "utf-8")
    assert store.add_article(read_one(str(first), "2030-01-01").article, EXTRACTOR_VERSION).status == "new version"
    pipeline.refresh(store)
    return store


def test_a_walk_reads_only_the_newest_version(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "read")
    read = formulations(revised(tmp_path / "read"))
    monkeypatch.setattr(derived, "WALK_FROM", 1)
    shutil.copytree(SEEDS, tmp_path / "walked")
    assert formulations(revised(tmp_path / "walked")) == read
