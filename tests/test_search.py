"""A one- or two-character search reads the articles newest first in batches and keeps the order of one query."""

import pytest

from tracker import search as search_module
from tracker.read.articles import build_article
from tracker.store import Store


def broadcast(day: str, lines: list[str]) -> bytes:
    return (f"新闻联播\n{day} 19:00:00\n\n" + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def store():
    store = Store()
    days = ["2024-05-16", "2023-01-02", "2024-05-16", "2022-12-31", "2024-11-30", "2021-07-01", "2023-06-15"]
    for number, day in enumerate(days):
        lines = [f"雄安新区第{number}条消息。", "京津冀协同发展。", f"雄安第{number}项工程开工。"][: 1 + number % 3]
        store.add_article(build_article(f"{number}.txt", broadcast(day, lines)), "test")
    return store


def one_query(store, needle: str, limit: int) -> list[tuple]:
    """The order the search promises, from one SQL query over every sentence."""
    return [tuple(row) for row in store.db.execute(
        "SELECT s.article_id, s.number FROM sentences s JOIN articles a ON a.id = s.article_id "
        "WHERE s.simplified LIKE ? ORDER BY a.published IS NULL, a.published DESC, s.article_id, s.number "
        "LIMIT ?", [f"%{needle}%", limit])]


@pytest.mark.parametrize("batch", [1, 2, 3, 500])
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 50])
def test_batches_give_the_rows_and_order_of_one_query(store, monkeypatch, batch, limit):
    monkeypatch.setattr(search_module, "ARTICLES_AT_A_TIME", batch)
    found = [(row["article"], row["number"]) for row in store.search("雄安", limit)]
    assert found == one_query(store, "雄安", limit)
    assert len(found) == min(limit, len(one_query(store, "雄安", 1000)))
