"""tracker merge: shards ingested apart, combined, equal one ingest of everything."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from tracker import pipeline
from tracker.cli import app
from tracker.shards import ARTICLE_TABLES
from tracker.store import Store

from .conftest import SEEDS
from .test_incremental import derived_rows

SEED_FILES = [str(path) for path in sorted(SEEDS.glob("*.txt"))]
runner = CliRunner()


def ingested(path, files) -> Store:
    store = Store(path)
    for _ in pipeline.ingest_files(store, list(files), jobs=1):
        pass
    pipeline.refresh(store)
    return store


def article_rows(store: Store) -> list:
    return store.db.execute("SELECT id, path, version, previous_id, content_hash, published FROM articles "
                            "ORDER BY id").fetchall()


def claim_rows(store: Store) -> list:
    return store.db.execute("SELECT c.id, c.article_id, c.kind, c.surface, c.value, c.as_of, c.deadline, s.text "
                            "FROM claims c JOIN sentences s ON s.id = c.sentence_id ORDER BY c.id").fetchall()


@pytest.fixture
def shards(tmp_path):
    ingested(tmp_path / "a.db", SEED_FILES[:3]).close()
    ingested(tmp_path / "b.db", SEED_FILES[3:]).close()
    return tmp_path / "a.db", tmp_path / "b.db"


def test_merged_shards_equal_one_ingest_of_everything(tmp_path, shards):
    merged = Store(tmp_path / "merged.db")
    results = list(pipeline.merge(merged, [str(s) for s in shards]))
    assert [(r.new, r.new_versions, r.unchanged) for r in results] == [(3, 0, 0), (2, 0, 0)]
    whole = ingested(tmp_path / "whole.db", SEED_FILES)
    assert article_rows(merged) == article_rows(whole)
    assert claim_rows(merged) == claim_rows(whole)
    assert derived_rows(merged) == derived_rows(whole)
    assert not merged.derived_stale()
    # The copied sentences and claims reach the full-text indexes (indexed as the merge ends).
    found = merged.search("协同发展")
    assert found and found == whole.search("协同发展")
    assert merged.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_shard_merged_twice_adds_nothing(tmp_path, shards):
    merged = Store(tmp_path / "merged.db")
    list(pipeline.merge(merged, [str(shards[0])]))
    before = (article_rows(merged), claim_rows(merged), derived_rows(merged))
    again = list(pipeline.merge(merged, [str(shards[0])]))
    assert (again[0].new, again[0].unchanged) == (0, 3)
    assert (article_rows(merged), claim_rows(merged), derived_rows(merged)) == before


def test_a_changed_text_in_a_shard_becomes_the_next_version(tmp_path):
    doc = tmp_path / "doc.txt"
    original = open(SEED_FILES[4], encoding="utf-8").read()
    changed = original + "\n到2030年，京津冀地区生产总值达到15万亿元。\n"
    doc.write_text(original, encoding="utf-8")
    main = ingested(tmp_path / "main.db", [str(doc)])
    direct = ingested(tmp_path / "direct.db", [str(doc)])
    doc.write_text(changed, encoding="utf-8")
    ingested(tmp_path / "shard.db", [str(doc)]).close()

    result = list(pipeline.merge(main, [str(tmp_path / "shard.db")]))[0]
    assert (result.new, result.new_versions, result.unchanged) == (0, 1, 0)
    rows = article_rows(main)
    assert [(r[2], r[3]) for r in rows] == [(1, None), (2, rows[0][0])]
    assert any("15万亿元" in c[3] for c in claim_rows(main) if c[1] == rows[1][0])
    # The same derived answers as reading the changed file into the first database.
    for _ in pipeline.ingest_files(direct, [str(doc)], jobs=1):
        pass
    pipeline.refresh(direct)
    assert article_rows(main) == article_rows(direct)
    assert derived_rows(main) == derived_rows(direct)


def test_every_table_that_points_at_articles_is_copied_or_derived():
    """A new per-article table must be added to ARTICLE_TABLES, or merge would drop it."""
    store = Store()
    # Derived rows are rebuilt after a merge; fresh_articles is the refresh's own note of
    # what it has not seen (a merge marks its buckets to be rebuilt whole).
    derived = {"events", "event_sources", "conflict_pairs", "target_checks", "fresh_articles"}
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    pointing = {t for t in tables
                if any(fk[2] == "articles" for fk in store.db.execute(f"PRAGMA foreign_key_list({t})"))}
    assert pointing - derived <= set(ARTICLE_TABLES)
    assert set(ARTICLE_TABLES) - {"articles"} <= pointing


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such database file"),
    (lambda p: p.write_text("not a database"), "not an SQLite database"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "not a tracker database"),
])
def test_a_bad_shard_is_one_line_and_leaves_no_database(tmp_path, make, message):
    shard = tmp_path / "shard.db"
    make(shard)
    target = tmp_path / "out.db"
    result = runner.invoke(app, ["merge", str(shard), "--db", str(target)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists()


def test_merge_command_reports_and_refuses_itself(tmp_path, shards):
    target = tmp_path / "out.db"
    result = runner.invoke(app, ["merge", str(shards[0]), str(shards[1]), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert "merged 2 shards: 5 new, 0 new versions, 0 unchanged" in result.output
    timeline = runner.invoke(app, ["timeline", "--db", str(target), "--format", "json"])
    assert "2023-05-12" in timeline.output
    itself = runner.invoke(app, ["merge", str(target), "--db", str(target)])
    assert itself.exit_code == 1 and "being merged into" in itself.output
