"""A refresh's bucket queries find the replaced versions of documents by their index, even where
the planner's statistics (an archive of 100,000 articles, almost none revised) would walk them all."""

from tracker import pipeline
from tracker.read.articles import build_article
from tracker.store import Store

TEXT = ("京津冀协同发展\n2024-05-16 10:00:00\n\n2023年全市地区生产总值达到5000亿元，增长6%。到2025年，"
        "地区生产总值增长7%左右。2024年3月1日，雄安新区召开座谈会。“一国两制”行稳致远。\n")


def test_no_bucket_query_walks_every_article():
    store = Store()
    for number in range(3):
        text = TEXT.replace("5000", str(5000 + number))
        store.add_article(build_article(f"{number}.txt", text.encode("utf-8")), "test")
    pipeline.refresh(store)
    # The statistics of the grown archive: 111,824 rows, 1,001 to a previous_id (the NULLs).
    store.db.execute("ANALYZE")
    store.db.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'articles'")
    store.db.execute("INSERT INTO sqlite_stat1 VALUES ('articles', 'articles_previous', '111824 1001'), "
                     "('articles', 'articles_published', '99498 2'), ('articles', 'articles_path', '105840 1'), "
                     "('articles', 'sqlite_autoindex_articles_1', '49938 1')")
    store.db.execute("ANALYZE sqlite_schema")  # reload them
    store.add_article(build_article("3.txt", TEXT.replace("5000", "6000").encode("utf-8")), "test")
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        assert pipeline.refresh(store) > 0
    finally:
        store.db.conn.set_trace_callback(None)
    plans = ["\n".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql))
             for sql in statements if sql.lstrip().upper().startswith("SELECT") and "previous_id" in sql]
    assert plans
    assert not [plan for plan in plans if "SCAN articles\n" in plan + "\n"], plans
