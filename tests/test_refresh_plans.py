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


def told(number: int, value: str):
    text = f"京津冀协同发展\n2024-0{number}-16 10:00:00\n\n2023年全市地区生产总值增长{value}%。\n"
    return build_article(f"told-{number}.txt", text.encode("utf-8"))


def conflict_rows(store: Store) -> dict[tuple, int]:
    return {row[1:]: row[0] for row in store.db.execute(
        "SELECT id, claim_a, claim_b, value_a, value_b, bucket FROM conflict_pairs")}


def test_a_conflict_told_as_before_keeps_its_row_and_the_rows_equal_a_fresh_build():
    store = Store()
    for number, value in ((1, "6"), (2, "6.5")):
        store.add_article(told(number, value), "test")
    pipeline.refresh(store)
    before = conflict_rows(store)
    assert len(before) == 1
    store.add_article(told(3, "7"), "test")
    pipeline.refresh(store)
    after = conflict_rows(store)
    assert len(after) == 3 and all(after[row] == number for row, number in before.items())
    fresh = Store()
    for number, value in ((1, "6"), (2, "6.5"), (3, "7")):
        fresh.add_article(told(number, value), "test")
    pipeline.refresh(fresh)
    assert set(conflict_rows(fresh)) == set(after)
    # a new version that agrees with the first leaves none of its old version's pairs
    old = {claim for claim, in store.db.execute("SELECT id FROM claims WHERE article_id = 3")}
    assert store.add_article(told(3, "6"), "test").status == "new version"
    pipeline.refresh(store)
    rows = conflict_rows(store)
    assert not {claim for row in rows for claim in row[:2]} & old
    assert {(a, b) for a, b, *_ in rows} == {(1, 2), (2, max(claim for claim, in store.db.execute("SELECT id FROM claims")))}
