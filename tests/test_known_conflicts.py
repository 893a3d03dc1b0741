"""A figures bucket only new articles told since its last refresh looks at their figures
alone, and finds what a full pass over the bucket finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from tracker import pipeline
from tracker.compare.series import conflicts_among
from tracker.models import StoredClaim
from tracker.store import Store

from .test_incremental import derived_rows

METRICS = ["国内生产总值增长", "全年国内生产总值比上年增长", "国内生产总值", "服务业增加值占国内生产总值比重",
           "服务业增加值占GDP比重", "海洋生产总值占国内生产总值的比重", "城镇新增就业", "居民人均可支配收入增长", ""]


def figure(number: int, article: int, value: float, metric: str) -> StoredClaim:
    return StoredClaim(id=number, article=article, kind="figure", surface=f"{value}%", value=value, unit="%",
                       subject="全国", metric=metric, as_of="2023", published=f"2024-01-{article:02d}",
                       sentence=f"{metric}{value}%")


def pairs_of(conflicts) -> list[tuple[int, int]]:
    return [(c.points[0].claim, c.points[1].claim) for c in conflicts]


def test_a_fresh_figure_is_paired_with_the_old_ones_and_the_known_pairs_are_kept():
    old = [figure(1, 1, 5.2, "国内生产总值增长"), figure(2, 2, 5.4, "国内生产总值增长")]
    new = [figure(3, 3, 5.3, "全年国内生产总值比上年增长")]
    known = pairs_of(conflicts_among(old))
    assert known == [(1, 2)]
    found = conflicts_among(old + new, known, {3})
    assert sorted(pairs_of(found)) == [(1, 2), (1, 3), (2, 3)]
    assert found == conflicts_among(old + new)


def test_a_known_pair_whose_figure_is_gone_is_dropped():
    told = [figure(1, 1, 5.2, "国内生产总值增长"), figure(3, 3, 5.3, "国内生产总值增长")]
    # 2 was a figure of a version since replaced: its pair is no longer given
    assert pairs_of(conflicts_among(told, [(1, 2)], {3})) == [(1, 3)]


def test_only_the_fresh_articles_figures_are_searched():
    # The known pairs are taken as they are: a pair among old figures left out of them is
    # not looked for again (so the known pairs must be every one a full pass found).
    old = [figure(1, 1, 5.2, "国内生产总值增长"), figure(2, 2, 5.4, "国内生产总值增长")]
    assert conflicts_among(old + [figure(3, 3, 5.2, "城镇新增就业")], [], {3}) == []


def test_a_conflict_is_named_by_the_key_met_first_as_in_a_full_pass():
    # Two keys of one metric: a full pass names the pair by the key told first.
    old = [figure(1, 1, 5.2, "货物贸易进出口总值增长"), figure(2, 2, 5.2, "货物贸易进出口总值增长")]
    new = [figure(3, 3, 5.6, "进出口总值增长")]
    full = conflicts_among(old + new)
    assert full == conflicts_among(old + new, pairs_of(conflicts_among(old)), {3})
    assert {c.metric for c in full} == {"货物贸易进出口总值增长"}


told_figures = st.lists(st.tuples(st.integers(1, 6), st.sampled_from([5.2, 5.3, 5.4, 8.2]), st.sampled_from(METRICS)),
                        max_size=14)


@settings(max_examples=300, deadline=None)
@given(told_figures, st.sets(st.integers(1, 6), min_size=1), st.booleans())
def test_known_pairs_and_fresh_figures_give_what_a_full_pass_gives(told, fresh, seen_some):
    figures = [figure(number, article, value, metric) for number, (article, value, metric) in enumerate(told, 1)]
    old = [f for f in figures if f.article not in fresh]
    known = pairs_of(conflicts_among(old))
    if seen_some:  # an interrupted refresh: pairs with the fresh articles' figures may be known already
        known = pairs_of(conflicts_among(figures))[::2] + known
    assert conflicts_among(figures, known, fresh) == conflicts_among(figures)


# ------------------------------------------------------------------ in the store

def broadcast(folder: Path, day: int, growth: str, text: str = "") -> Path:
    path = folder / f"d{day}.txt"
    path.write_text(f"新闻联播 2024年1月{day:02d}日\n\n国家统计局发布数据。2023年全国国内生产总值比上年增长{growth}%。"
                    f"全国城镇新增就业1244万人。{text}\n", "utf-8")
    return path


def ingest(store: Store, *paths: Path) -> None:
    for _ in pipeline.ingest_files(store, [str(p) for p in paths], jobs=1):
        pass
    pipeline.refresh(store, jobs=1)


def spy_on_known(store: Store, monkeypatch) -> list[dict]:
    seen = []
    original = store.known_conflicts

    def known_conflicts(buckets):
        found = original(buckets)
        seen.append(found)
        return found

    monkeypatch.setattr(store, "known_conflicts", known_conflicts)
    return seen


def test_a_new_article_is_matched_against_the_known_pairs(tmp_path, monkeypatch):
    files = [broadcast(tmp_path, day, growth) for day, growth in [(1, "5.2"), (2, "5.3"), (3, "5.4"), (4, "5.4")]]
    both = Store()
    ingest(both, *files)
    store = Store(tmp_path / "a.db")
    ingest(store, *files[:2])
    assert store.db.execute("SELECT count(*) FROM fresh_articles").fetchone()[0] == 0  # cleared when refreshed
    seen = spy_on_known(store, monkeypatch)
    ingest(store, *files[2:])
    known = {bucket: k for found in seen for bucket, k in found.items()}
    # the GDP of 2023 with its one known pair, and the new days' employment figures with none
    assert {bucket: len(k.pairs) for bucket, k in known.items()} == {
        "c:全国|%|2023": 1, "c:全国|人|2024-01-03": 0, "c:全国|人|2024-01-04": 0}
    assert known["c:全国|%|2023"].fresh_articles == {3, 4}
    assert derived_rows(store) == derived_rows(both)
    assert len(derived_rows(store)["conflicts"]) == 5


def test_a_new_version_or_a_new_date_rebuilds_the_bucket_whole(tmp_path, monkeypatch):
    first, second = broadcast(tmp_path, 1, "5.2"), broadcast(tmp_path, 2, "5.3")
    store = Store(tmp_path / "a.db")
    ingest(store, first, second)
    seen = spy_on_known(store, monkeypatch)
    broadcast(tmp_path, 2, "5.6", "全国粮食产量6.95亿吨。")  # the same file, changed: a new version
    ingest(store, second)
    assert all(found == {} for found in seen)
    assert [(r[6], r[7]) for r in derived_rows(store)["conflicts"]] == [(5.2, 5.6)]  # the older 5.3 is gone
    for _ in pipeline.ingest_files(store, [str(first)], published="2024-02-01", jobs=1):
        pass  # an article given a new date: its claims are read again
    assert store.db.execute("SELECT min(additions_only) FROM dirty_buckets").fetchone()[0] == 0
