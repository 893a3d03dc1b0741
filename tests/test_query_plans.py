"""The views read only what they show: their SQL walks an index in the order shown and stops
at the limit (no sort of every claim, check or event), and evolve reads the stored conflicts.

The plans are SQLite's own (``EXPLAIN QUERY PLAN``) for the statements the store really
runs, caught with the connection's trace callback.
"""

import json

from typer.testing import CliRunner

from tracker.cli import app
from tracker.read.articles import build_article
from tracker.store import Store

from .test_series import conflicting  # noqa: F401 - the fixture

TEXT = ("京津冀协同发展\n2024-05-16 10:00:00\n\n2023年全市地区生产总值达到5000亿元，增长6%。到2025年，"
        "地区生产总值增长7%左右。2024年3月1日，雄安新区召开座谈会。\n")


def store_with_rows() -> Store:
    store = Store()
    for number in range(3):
        text = TEXT.replace("5000", str(5000 + number)).replace("3月1日", f"3月{number + 1}日")
        store.add_article(build_article(f"{number}.txt", text.encode("utf-8")), "test")
    from tracker.pipeline import refresh

    refresh(store)
    return store


def plans(store: Store, read) -> list[str]:
    """The query plan of each SELECT ``read(store)`` runs."""
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        read(store)
    finally:
        store.db.conn.set_trace_callback(None)
    found = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            found.append("\n".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)))
    return found


def test_the_first_claims_of_a_kind_walk_the_kind_order_index():
    store = store_with_rows()
    plan = plans(store, lambda s: list(s.iter_claims(kind="figure", limit=101)))[0]
    assert "claims_kind_order" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_soonest_targets_walk_the_due_index():
    store = store_with_rows()
    assert store.target_statuses(limit=100)  # the fixture has a target to list
    plan = plans(store, lambda s: s.target_statuses(limit=100))[0]
    assert "target_checks_due" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_newest_milestones_walk_the_kind_and_day_index():
    store = store_with_rows()
    assert store.events(["milestone"], limit=101)
    plan = plans(store, lambda s: s.events(["milestone"], limit=101))[0]
    assert "events_kind_day" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_newest_article_date_is_read_by_its_last_day():
    store = Store()
    for path, published in (("a.txt", "2024-06-30"), ("b.txt", "2024"), ("c.txt", "2023-12")):
        stored = store.add_article(build_article(path, f"标题\n\n第{path}篇，全市新建学校12所。\n".encode()), "test")
        store.db.execute("UPDATE articles SET published = ? WHERE id = ?", [published, stored.article_id])
    assert str(store.newest_published()) == "2024"  # 2024 may run to 2024-12-31
    store.db.execute("UPDATE articles SET published = '2025-01-02' WHERE path = 'c.txt'")
    assert str(store.newest_published()) == "2025-01-02"


def test_evolve_flags_the_stored_conflicts_and_compares_nothing_itself(conflicting):  # noqa: F811
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["evolve", "集疏港", "--format", "json", "--db", str(conflicting)]).output)
    assert len(before["conflicts"]) == 1
    store = Store(conflicting)
    store.db.execute("DELETE FROM conflict_pairs")
    store.close()
    after = json.loads(runner.invoke(app, ["evolve", "集疏港", "--format", "json", "--db", str(conflicting)]).output)
    assert after["conflicts"] == [] and after["series"] == before["series"]
