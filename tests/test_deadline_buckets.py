"""Targets due in a year are bucketed by their number too: the events are those of the
whole year clustered at once, and one new target re-reads only the targets of its number."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from tracker import pipeline
from tracker.compare.events import target_events
from tracker.migrations_refresh import m020_targets_due_by_number
from tracker.store import Store

from .test_incremental import derived_rows
from .test_query_plans import plans
from .test_timeline import target

TEXTS = ["河北港口大宗货物绿色集疏港比例将", "河北港口大宗货物集疏港比例达到", "新能源汽车产量", "三年行动计划实施方案",
         "柴油货车污染治理"]


def number_of(claim) -> tuple:
    return claim.value, claim.unit, claim.qualifier


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2025", "2025-06", "2025-12-31", "2021/2025", "2025-06-30"]),
                          st.sampled_from(TEXTS), st.sampled_from([None, 86.0, 4.0, 86.00000000000001]),
                          st.integers(1, 4)), max_size=12))
def test_clustering_each_number_apart_gives_the_events_of_the_whole_year(told):
    targets = [target(number, article, deadline, text, f"{value}%" if value else "到2025年", value)
               for number, (deadline, text, value, article) in enumerate(told, 1)]
    numbers = {number_of(t) for t in targets}
    apart = [e for n in numbers for e in target_events([t for t in targets if number_of(t) == n], None)]
    assert sorted(apart, key=repr) == sorted(target_events(targets, None), key=repr)


def plan(folder: Path, name: str, targets: str) -> Path:
    path = folder / name
    path.write_text(f"新闻联播 2024年1月{len(name):02d}日\n\n河北省人民政府印发通知。{targets}\n", "utf-8")
    return path


def ingest(store: Store, *paths: Path) -> None:
    for _ in pipeline.ingest_files(store, [str(p) for p in paths], jobs=1):
        pass
    pipeline.refresh(store, jobs=1)


def deadline_buckets(store: Store) -> set[str]:
    return {row[0] for row in store.db.execute("SELECT DISTINCT bucket FROM events WHERE kind = 'target'")}


def test_a_years_targets_fall_in_a_bucket_per_number(tmp_path):
    store = Store()
    ingest(store, plan(tmp_path, "a.txt", "到2025年，全省新能源汽车产量达到20万辆。到2025年，河北港口大宗货物绿色集疏港比例达到80%。"),
           plan(tmp_path, "bb.txt", "到2025年，河北港口大宗货物绿色集疏港比例将达到80%以上。"))
    assert deadline_buckets(store) == {"t:2025|200000.0|辆|=", "t:2025|80.0|%|=", "t:2025|80.0|%|>="}
    assert all(b.startswith("t:2025|") for b in deadline_buckets(store))


def test_one_more_target_reads_only_the_targets_of_its_number(tmp_path):
    store = Store()
    ingest(store, plan(tmp_path, "a.txt", "到2025年，全省新能源汽车产量达到20万辆。到2025年，河北港口大宗货物绿色集疏港比例达到80%。"))
    store.add_article(pipeline.read_prepared(str(plan(tmp_path, "bb.txt", "到2025年，全省新能源汽车产量达到20万辆。"))).article,
                      "test")
    assert {row[0] for row in store.db.execute("SELECT bucket FROM dirty_buckets WHERE bucket LIKE 't:%'")} == {
        "t:2025|200000.0|辆|="}
    read = {bucket: [c.id for c in claims] for bucket, claims in store.claims_of_buckets(["t:2025|200000.0|辆|="])}
    assert len(read["t:2025|200000.0|辆|="]) == 2  # the two of 20万辆, not the 80% beside them
    found = plans(store, lambda s: list(s.claims_of_buckets(["t:2025|200000.0|辆|="])))
    assert "claims_deadline_year" in found[0], found


def test_the_migration_rebuilds_the_target_events_under_their_new_buckets(tmp_path):
    files = [plan(tmp_path, "a.txt", "到2025年，全省新能源汽车产量达到20万辆。到2027年，河北港口大宗货物绿色集疏港比例达到80%。"),
             plan(tmp_path, "bb.txt", "到2025年，全省新能源汽车产量达到20万辆。")]
    fresh = Store()
    ingest(fresh, *files)
    store = Store()
    ingest(store, *files)
    # As the previous schema left them: the target events bucketed by their year alone.
    store.db.execute("UPDATE events SET bucket = substr(bucket, 1, 6) WHERE bucket LIKE 't:%'")
    m020_targets_due_by_number(store.db.full)
    assert store.derived_stale()
    assert {row[0] for row in store.db.execute("SELECT bucket FROM dirty_buckets WHERE bucket LIKE 't:%'")} == {
        "t:2025|200000.0|辆|=", "t:2027|80.0|%|="}
    pipeline.refresh(store)
    assert derived_rows(store) == derived_rows(fresh)
    assert deadline_buckets(store) == deadline_buckets(fresh) == {"t:2025|200000.0|辆|=", "t:2027|80.0|%|="}
