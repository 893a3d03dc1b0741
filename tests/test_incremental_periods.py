"""Target checks by the year a target's period ends: a figure re-checks only the targets whose
period may hold its as_of, and incremental refreshes still equal a fresh build."""

from __future__ import annotations

import dataclasses

import pytest

from tracker import pipeline
from tracker.migrations import m018_target_checks_by_period
from tracker.read.articles import build_article
from tracker.store import Store

from .test_incremental import portable

HEAD = "京津冀协同发展\n{published} 10:00:00\n\n"
# Two targets of one metric, due in 2025 and 2027, and one over the period 2021/2025.
PLAN = ("到2025年，全市地区生产总值增长7%左右。到2027年，全市地区生产总值增长8%左右。"
        "到2026年，全市地区生产总值增长6%左右。\n")


def article(name: str, published: str, body: str):
    built = build_article(name, (HEAD.format(published=published) + body).encode("utf-8"))
    if name != "plan.txt":
        return built
    # The extractor reads 到2026年 as a year; the five-year plan's period is given here.
    claims = tuple(dataclasses.replace(c, deadline="2021/2025") if c.deadline == "2026" else c
                   for c in built.claims)
    return dataclasses.replace(built, claims=claims)


def told(year: int, value: str, published: str) -> tuple[str, str, str]:
    return f"told-{year}-{value}.txt", published, f"{year}年全市地区生产总值增长{value}%。\n"


PLAN_ARTICLE = ("plan.txt", "2021-03-05", PLAN)
IN_2025 = told(2025, "7.2", "2026-02-16")      # in the 2025 target's year and in 2021/2025
IN_2023 = told(2023, "6.5", "2024-02-16")      # only in 2021/2025
BEFORE = told(2019, "6.1", "2020-02-16")       # before every period
AFTER = told(2028, "8.3", "2029-02-16")        # after every period


def add(store: Store, *articles) -> None:
    for name, published, body in articles:
        assert store.add_article(article(name, published, body), "test").status != "unchanged"


def checks(store: Store) -> dict[str, tuple]:
    """Each target's deadline with its verdict and the files of the figures that judged it."""
    name = dict(store.db.execute("SELECT c.id, a.path FROM claims c JOIN articles a ON a.id = c.article_id"))
    return {t.deadline: (t.verdict, tuple(sorted(name[p.claim] for p in t.later))) for t in store.target_statuses()}


def check_buckets(store: Store) -> set[str]:
    return {b for b in store.dirty_buckets() if b.startswith("k:")}


def test_the_targets_fall_in_one_bucket_each_by_the_year_their_period_ends():
    store = Store()
    add(store, PLAN_ARTICLE)
    assert {b.rpartition("|")[2] for b in check_buckets(store)} == {"2025", "2027"}
    pipeline.refresh(store)
    assert {row[0].rpartition("|")[2] for row in store.db.execute("SELECT bucket FROM target_checks")} == \
        {"2025", "2027"}


def test_a_figure_re_checks_only_the_targets_whose_period_may_hold_it():
    store = Store()
    add(store, PLAN_ARTICLE)
    pipeline.refresh(store)
    add(store, IN_2023)
    assert check_buckets(store) == {"k:京津冀|%|地区生产总值增长|2025"}  # 2021/2025 holds 2023; 2027 does not
    pipeline.refresh(store)
    assert checks(store)["2021/2025"][1] == ("told-2023-6.5.txt",)
    assert checks(store)["2025"][1] == ()  # a figure of 2023 never judges the target of 2025
    for outside in (BEFORE, AFTER):
        add(store, outside)
        assert check_buckets(store) == set(), outside  # no target waits for it: nothing to re-check
        pipeline.refresh(store)
    add(store, IN_2025)
    assert check_buckets(store) == {"k:京津冀|%|地区生产总值增长|2025"}
    pipeline.refresh(store)
    assert checks(store)["2025"] == ("met", ("told-2025-7.2.txt",))


EVERYTHING = [PLAN_ARTICLE, IN_2025, IN_2023, BEFORE, AFTER]


@pytest.mark.parametrize("order", [EVERYTHING, EVERYTHING[::-1], EVERYTHING[2:] + EVERYTHING[:2]],
                         ids=["plan first", "plan last", "plan in the middle"])
def test_ingesting_a_then_b_equals_a_fresh_build_of_both(order):
    fresh = Store()
    add(fresh, *EVERYTHING)
    pipeline.refresh(fresh)
    store = Store()
    for one in order:
        add(store, one)
        pipeline.refresh(store)
    assert portable(store) == portable(fresh)
    assert checks(store) == checks(fresh)
    assert checks(fresh)["2021/2025"][1] == ("told-2023-6.5.txt", "told-2025-7.2.txt")


def test_a_changed_figure_leaves_no_stale_check():
    store = Store()
    add(store, *EVERYTHING)
    pipeline.refresh(store)
    name, published, body = IN_2025
    old = store.db.execute("SELECT id FROM articles WHERE path = ?", [name]).fetchone()[0]
    # The revision moves its figure out of 2025: the 2025 target loses its outcome.
    assert store.add_article(article(name, published, body.replace("2025年", "2024年").replace("7.2", "5.5")),
                             "test").status == "new version"
    pipeline.refresh(store)
    stale = store.db.execute("SELECT 1 FROM target_checks WHERE later_json LIKE ? OR latest_article_id = ? "
                             "OR outcome_claim_id IN (SELECT id FROM claims WHERE article_id = ?)",
                             [f'%"article": {old},%', old, old]).fetchone()
    assert stale is None
    assert checks(store)["2025"] == ("due, no outcome reported", ())
    fresh = Store()
    add(fresh, PLAN_ARTICLE, (name, published, body.replace("2025年", "2024年").replace("7.2", "5.5")),
        IN_2023, BEFORE, AFTER)
    pipeline.refresh(fresh)
    assert checks(store) == checks(fresh)


def test_the_migration_renames_stored_checks_and_splits_pending_buckets():
    store = Store()
    add(store, PLAN_ARTICLE, IN_2023)
    pipeline.refresh(store)
    before = portable(store)
    # As the previous schema left them: checks bucketed by subject, unit and key alone, one pending.
    store.db.execute("UPDATE target_checks SET bucket = substr(bucket, 1, length(bucket) - 5)")
    store.db.execute("INSERT INTO dirty_buckets (bucket) VALUES ('k:京津冀|%|地区生产总值增长')")
    store.db.execute("DROP INDEX claims_target_period")
    store.db.execute("DROP INDEX articles_published")
    store.db.execute("DROP INDEX claims_formulation_told")
    m018_target_checks_by_period(store.db.full)
    assert {row[0] for row in store.db.execute("SELECT bucket FROM target_checks")} == \
        {"k:京津冀|%|地区生产总值增长|2025", "k:京津冀|%|地区生产总值增长|2027"}
    assert check_buckets(store) == {"k:京津冀|%|地区生产总值增长|2025", "k:京津冀|%|地区生产总值增长|2027"}
    pipeline.refresh(store)
    assert portable(store) == before


def test_a_figure_finds_its_targets_and_a_bucket_its_claims_by_index():
    from tracker.derived import buckets_sql

    from .test_query_plans import plans

    store = Store()
    add(store, PLAN_ARTICLE, IN_2023)
    figure = store.db.execute("SELECT article_id FROM claims WHERE kind = 'figure'").fetchone()[0]
    sql, params = buckets_sql("c.article_id = ?", [figure])
    assert "claims_target_period" in "\n".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, params))
    read = plans(store, lambda s: list(s.claims_of_buckets(["k:京津冀|%|地区生产总值增长|2025"])))
    assert "claims_target_period" in read[0] and "claims_check_key (kind=? AND subject=? AND unit=? AND as_of>? " \
        "AND as_of<?)" in read[-1], read
