"""The trigram indexes, filled per batch: they find what the rows hold, no more, no less, after any write."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tracker import pipeline
from tracker.extract.claims import EXTRACTOR_VERSION
from tracker.fulltext import INDEXES
from tracker.prepare import prepare
from tracker.read.articles import build_article
from tracker.store import Store

from .conftest import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
#: Phrases of the seeds (and one found nowhere), three characters or more as a trigram query
#: needs; each is searched through the index and by LIKE.
NEEDLES = ("协同发展", "技术合同", "京津冀", "雄安新区", "万亿元", "同比增长", "国内生产总值", "十四五", "北京市",
           "产业链", "没有这句话")


def articles(paths=SEED_FILES):
    return [prepare(build_article(str(p), p.read_bytes())) for p in paths]


def index_is_whole(store: Store) -> bool:
    """FTS5's own check of an external-content index against its table: every row indexed
    once, with the text it holds now, and nothing indexed that is not there."""
    for fts in INDEXES:
        try:
            store.db.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
    return True


def found_by_index(store: Store, needle: str) -> dict[str, list[int]]:
    phrase = '"' + needle + '"'
    return {fts: [r[0] for r in store.db.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid",
                                                 [phrase])] for fts in INDEXES}


def found_by_like(store: Store, needle: str) -> dict[str, list[int]]:
    """What a trigram phrase query must find: the rows holding the phrase in an indexed column."""
    found = {}
    for fts, (table, columns) in INDEXES.items():
        where = " OR ".join(f'"{c}" LIKE ?' for c in columns)
        found[fts] = [r[0] for r in store.db.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY id",
                                                     [f"%{needle}%"] * len(columns))]
    return found


def assert_index_matches_rows(store: Store) -> None:
    assert index_is_whole(store)
    assert not store.db.execute("SELECT 1 FROM tracker_state WHERE key LIKE '%_fts_after'").fetchone()
    hits = 0
    for needle in NEEDLES:
        assert found_by_index(store, needle) == found_by_like(store, needle), needle
        hits += sum(map(len, found_by_index(store, needle).values()))
    assert hits  # the seeds hold most of the phrases: an empty index would not pass


def test_a_batch_indexes_its_rows_as_one_and_finds_what_row_by_row_found():
    built = articles()
    row_by_row = Store()
    for article in built:  # each its own batch of one
        row_by_row.add_article(article, EXTRACTOR_VERSION)
    batched = Store()
    with batched.batch():
        for article in built:
            batched.add_article(article, EXTRACTOR_VERSION)
            # inside the batch the triggers left the rows to its end
            assert not found_by_index(batched, "协同发展")["sentences_fts"]
    assert_index_matches_rows(batched)
    for needle in NEEDLES:
        assert found_by_index(batched, needle) == found_by_index(row_by_row, needle)
        assert batched.search(needle) == row_by_row.search(needle)
        assert batched.series_candidates(needle) == row_by_row.series_candidates(needle)


def test_re_ingesting_a_changed_file_leaves_no_stale_index_row(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEED_FILES:
        (folder / path.name).write_bytes(path.read_bytes())
    # The same text at two paths: with --published the second (unchanged) one's claims are
    # rebuilt in the batch that stored the first, before that batch indexed them.
    (folder / "zz_copy.txt").write_bytes(SEED_FILES[0].read_bytes())
    store = Store(tmp_path / "t.db")
    files = [str(p) for p in sorted(folder.glob("*.txt"))]
    steps = list(pipeline.ingest_files(store, files, published="2024-05", jobs=1))
    assert [s.status for s in steps].count("unchanged") == 1
    assert_index_matches_rows(store)
    changed = next(p for p in sorted(folder.glob("*.txt")) if "103.89" in p.read_text("utf-8"))
    old_text = "吸纳京津技术合同成交额达到103.89亿元"
    assert old_text in changed.read_text("utf-8")
    changed.write_text(changed.read_text("utf-8").replace("103.89", "120.5"), "utf-8")
    steps = list(pipeline.ingest_files(store, files, jobs=1))
    assert [s.status for s in steps].count("new version") == 1
    assert_index_matches_rows(store)
    steps = list(pipeline.ingest_files(store, files, published="2023", jobs=1))  # every article's claims rebuilt
    assert_index_matches_rows(store)
    store.close()


def test_deletes_updates_and_reused_ids_inside_a_batch_keep_the_index_right():
    store = Store()
    first, second = articles(SEED_FILES[:2])
    newest = store.add_article(second, EXTRACTOR_VERSION).article_id
    top = store.db.execute("SELECT max(id) FROM claims").fetchone()[0]
    with store.batch():
        # The newest claims (at the watermark) go and their ids are taken again, now.
        store.replace_claims(newest, second.claims[:3], "next")
        assert store.db.execute("SELECT max(id) FROM claims").fetchone()[0] < top
        added = store.add_article(first, EXTRACTOR_VERSION).article_id
        # Claims past the watermark, not indexed yet, go before the batch ends.
        store.replace_claims(added, first.claims[::2], "next")
        store.db.execute("UPDATE sentences SET simplified = simplified || '改写了' WHERE article_id = ?", [added])
        store.db.execute("UPDATE sentences SET simplified = simplified || '改写了' WHERE article_id = ?", [newest])
        store.db.execute("UPDATE claims SET metric_key = 'x'")
    assert_index_matches_rows(store)
    assert found_by_index(store, "改写了") == found_by_like(store, "改写了")
    assert found_by_index(store, "改写了")["sentences_fts"]


def test_a_write_outside_any_batch_is_indexed_by_its_trigger():
    store = Store()
    article_id = store.add_article(articles(SEED_FILES[:1])[0], EXTRACTOR_VERSION).article_id
    store.db.execute('INSERT INTO sentences (article_id, number, start, "end", text, simplified) '
                     "VALUES (?, 999, 0, 1, '一句手写的话', '一句手写的话')", [article_id])
    assert [r["text"] for r in store.search("手写的")] == ["一句手写的话"]
    store.db.execute("DELETE FROM sentences WHERE number = 999")
    assert store.search("手写的") == []
    assert_index_matches_rows(store)


def test_an_interrupted_batch_leaves_no_article_and_no_index_row(tmp_path):
    path = tmp_path / "t.db"
    store = Store(path)
    kept = articles(SEED_FILES[:1])[0]
    store.add_article(kept, EXTRACTOR_VERSION)
    with pytest.raises(KeyboardInterrupt):
        with store.batch():
            for article in articles(SEED_FILES[1:]):
                store.add_article(article, EXTRACTOR_VERSION)
            raise KeyboardInterrupt
    store.close()
    again = Store(path)
    assert again.all_article_ids() == [1]
    assert_index_matches_rows(again)


def test_a_writer_killed_inside_a_batch_leaves_no_article_and_no_index_row(tmp_path):
    path = tmp_path / "t.db"
    script = f"""
import os, sys
from pathlib import Path
from tracker import pipeline
from tracker.store import Store
store = Store({str(path)!r})
files = sorted(Path({str(SEEDS)!r}).glob("*.txt"))
for step in pipeline.ingest_files(store, [str(files[0])], jobs=1):
    pass
with store.batch():
    for file in files[1:]:
        store.add_article(pipeline.read_prepared(str(file)).article, "test")
    store.db.execute("INSERT INTO sentences_fts (rowid, simplified) SELECT id, simplified FROM sentences "
                     "WHERE id > (SELECT CAST(value AS INTEGER) FROM tracker_state WHERE key = 'sentences_fts_after')")
    os._exit(9)  # as kill -9 would, half way through indexing the batch
"""
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    store = Store(path)
    assert len(store.all_article_ids()) == 1
    assert_index_matches_rows(store)


def test_merged_shards_are_indexed_when_the_merge_ends(tmp_path):
    shards = []
    for name, paths in (("a.db", SEED_FILES[:3]), ("b.db", SEED_FILES[3:])):
        shard = Store(tmp_path / name)
        for _ in pipeline.ingest_files(shard, [str(p) for p in paths], jobs=1):
            pass
        shard.close()
        shards.append(str(tmp_path / name))
    merged = Store(tmp_path / "merged.db")
    list(pipeline.merge(merged, shards))
    assert_index_matches_rows(merged)
    whole = Store()
    for article in articles():
        whole.add_article(article, EXTRACTOR_VERSION)
    for needle in NEEDLES:
        assert found_by_index(merged, needle) == found_by_index(whole, needle)
