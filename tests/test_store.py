import sqlite3

import pytest

from tracker.read.articles import build_article
from tracker.errors import NotATrackerDatabase, UnknownArticle
from tracker.migrations import migrations
from tracker.store import Store

TEXT = "京津冀协同发展\n2024-05-16 10:00:00\n\n目前，全市转化京津技术成果319项，吸纳京津技术合同成交额达到103.89亿元。雄安新区建设提速。\n"


def article(text=TEXT, path="a.txt"):
    return build_article(path, text.encode("utf-8"))


def test_store_migrates_a_blank_database_to_the_latest_schema():
    store = Store()
    assert store.schema_version() == [m.name for m in migrations.pending(sqlite_utils_blank())]
    assert {"articles", "sentences", "claims", "pieces", "sentences_fts"} <= set(store.db.table_names())


def sqlite_utils_blank():
    import sqlite_utils

    return sqlite_utils.Database(memory=True)


def test_an_old_database_reaches_the_same_schema(tmp_path):
    path = tmp_path / "old.db"
    import sqlite_utils

    old = sqlite_utils.Database(path)
    pending = migrations.pending(old)
    if len(pending) > 1:  # an old database: every migration but the newest
        migrations.apply(old, stop_before=pending[-1].name)
    old.close()
    upgraded = Store(path)
    fresh = Store()
    assert upgraded.schema_version() == fresh.schema_version()
    schema = lambda s: sorted(r[0] for r in s.db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    assert schema(upgraded) == schema(fresh)


def test_same_text_is_stored_once_and_a_changed_file_is_a_new_version():
    store = Store()
    first = store.add_article(article(), "test")
    assert first.status == "new"
    assert store.add_article(article(), "test").status == "unchanged"
    second = store.add_article(article(TEXT + "新的一段，增加了内容。\n"), "test")
    assert (second.status, second.version) == ("new version", 2)
    row = store.article(second.article_id)
    assert row["previous_id"] == first.article_id
    assert store.resolve("a.txt") == second.article_id
    assert store.resolve("a") == second.article_id


def test_articles_resolve_by_id_name_stem_and_hash_prefix():
    store = Store()
    stored = store.add_article(article(path="seeds/x_1.txt"), "test")
    row = store.article(stored.article_id)
    prefix = row["content_hash"].removeprefix("sha256:")[:8]
    for name in (str(stored.article_id), "x_1.txt", "x_1", prefix, "seeds/x_1.txt"):
        assert store.resolve(name) == stored.article_id
    with pytest.raises(UnknownArticle, match="no article"):
        store.resolve("nothing-like-this")


def test_chinese_search_three_characters_uses_fts_and_two_use_like():
    store = Store()
    store.add_article(article(), "test")
    assert [r["text"] for r in store.search("技术合同")][0].startswith("目前，全市")
    assert [r["text"] for r in store.search("雄安")] == ["雄安新区建设提速。"]
    assert store.search("技術合同")  # a traditional query finds simplified text


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE stuff (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotATrackerDatabase, match="not a tracker database"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not a database at all" * 100)
    with pytest.raises(NotATrackerDatabase, match="not an SQLite database"):
        Store(path)


def test_claims_are_replaced_in_one_go():
    store = Store()
    stored = store.add_article(article(), "test")
    before = store.claims(stored.article_id)
    assert before
    store.replace_claims(stored.article_id, (), "next")
    assert store.claims(stored.article_id) == []


def test_the_connections_own_transactions_nest_as_savepoints_and_roll_back_whole():
    import sqlite3

    from tracker.connection import Connection

    db = Connection(sqlite3.connect(":memory:"))  # as the store opens it
    db.execute("CREATE TABLE t (x INTEGER)")
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ZeroDivisionError):
            with db.atomic():
                db.execute("INSERT INTO t VALUES (2)")
                1 / 0
        assert [r[0] for r in db.execute("SELECT x FROM t")] == [1]  # the savepoint alone went
    with pytest.raises(KeyError):
        with db.atomic():
            db.execute("INSERT INTO t VALUES (3)")
            raise KeyError
    assert [r[0] for r in db.execute("SELECT x FROM t")] == [1] and not db.conn.in_transaction
