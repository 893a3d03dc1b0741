"""The word lists kept in tracker/data: each is one table, read the same way by every module."""

import pytest

from tracker import claims, dating, events, quantities, timex
from tracker.claims import extract
from tracker.knowledge import load_table, words_with_role
from tracker.models import PartialDate
from tracker.quantities import find_quantities

TABLES = [
    # table, the columns its readers need
    ("coordinators", ("word", "role")),
]


@pytest.mark.parametrize("table,columns", TABLES)
def test_each_table_loads_with_the_columns_its_readers_need(table, columns):
    rows = load_table(table, columns)
    assert rows
    assert all(row["word"] == row["word"].strip() for row in rows)


@pytest.mark.parametrize("table,roles", [
    ("coordinators", {"list", "numbers"}),
])
def test_every_role_is_one_the_code_reads(table, roles):
    assert {row["role"] for row in load_table(table, ("word", "role"))} == roles


def test_one_coordinator_table_serves_quantities_and_claims():
    listed = words_with_role("coordinators", "list")
    assert quantities._coordinators() == claims._coordinators() == listed
    # ， coordinates two numbers of one metric only: elsewhere it breaks a clause.
    assert set(claims._number_coordinators()) == set(listed) | {"，"}
    assert "，" not in quantities._coordinators()


# -- bug: 以及 (and 或) did not coordinate two numbers for claims.py, only for quantities.py

SHARED_METRIC = [
    # sentence with {c} for the coordinator, published
    ("全省规模以上工业增加值和固定资产投资分别增长5.6%{c}7.2%。", "2024-06"),
    ("一季度，全市社会消费品零售总额和进出口总额分别增长6.8%{c}9.1%。", "2024-04"),
    ("去年，全省城镇和农村居民人均可支配收入分别增长5.1%{c}7.0%。", "2025-02"),
]
COORDINATORS = ["和", "、", "及", "与", "以及", "或"]


@pytest.mark.parametrize("coordinator", COORDINATORS)
@pytest.mark.parametrize("sentence,published", SHARED_METRIC)
def test_coordinated_numbers_share_the_metric_whatever_the_coordinator(sentence, published, coordinator):
    reference = [(c.metric, c.change) for c in extract(sentence.format(c="和"), published)]
    found = [(c.metric, c.change) for c in extract(sentence.format(c=coordinator), published)]
    assert len(found) == 2
    assert found == reference
    assert found[0] == found[1]
    assert found[0][1] is True


@pytest.mark.parametrize("coordinator", COORDINATORS)
def test_a_unit_distributes_back_over_every_coordinator(coordinator):
    (first, second) = find_quantities(f"分别高于全国、全省5.3{coordinator}4.7个百分点")
    assert (first.unit, first.change) == ("百分点", True)
    assert second.unit == "百分点"


@pytest.mark.parametrize("coordinator", ["、", "和", "与", "及", "以及", "或"])
def test_a_place_listed_after_a_comparison_base_is_not_the_subject(coordinator):
    text = f"河北省地区生产总值增长5.4%，分别高于全国{coordinator}广东省0.4和0.2个百分点。"
    assert [c.subject for c in extract(text, "2025-02")] == ["河北", "河北", "河北"]
