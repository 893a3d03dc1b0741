"""The word lists kept in tracker/data: each is one table, read the same way by every module."""

import pytest

from tracker.extract import clauses, metrics
from tracker.read import clues
from tracker.compare import events
from tracker.extract import quantities
from tracker.extract import timex
from tracker.extract.claims import extract
from tracker.knowledge import load_table, words_with_role
from tracker.dates import PartialDate
from tracker.extract.quantities import find_quantities

TABLES = [
    # table, the columns its readers need
    ("coordinators", ("word", "role")),
    ("times_of_day", ("word", "role")),
    ("metric_words", ("word", "role")),
    ("event_filler", ("word",)),
    ("event_kinds", ("word", "kind")),
    ("statistic_words", ("word", "role")),
]


@pytest.mark.parametrize("table,columns", TABLES)
def test_each_table_loads_with_the_columns_its_readers_need(table, columns):
    rows = load_table(table, columns)
    assert rows
    assert all(row["word"] == row["word"].strip() for row in rows)


@pytest.mark.parametrize("table,roles", [
    ("coordinators", {"list", "numbers"}),
    ("times_of_day", {"word", "short"}),
    ("metric_words", {"head", "size", "link", "base", "change", "time", "period_suffix"}),
    ("statistic_words", {"verb", "measure"}),
])
def test_every_role_is_one_the_code_reads(table, roles):
    assert {row["role"] for row in load_table(table, ("word", "role"))} == roles


def test_one_coordinator_table_serves_quantities_and_claims():
    listed = words_with_role("coordinators", "list")
    assert quantities.coordinators() == listed
    # ， coordinates two numbers of one metric only: elsewhere it breaks a clause.
    assert set(clauses.number_coordinators()) == set(listed) | {"，"}
    assert "，" not in quantities.coordinators()


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


# -- bug: a time of day was stripped from an event's head character by character

EVENT_HEADS = [
    # sentence, published, the start of the event
    ("2023年5月，上海市召开长三角一体化发展座谈会。", "2024-06", "上海市召开"),
    ("2024年3月上线运行新系统。", "2024-06", "上线运行"),
    ("近日，上合组织成员国联合反恐演习在新疆举行。", "2024-07", "上合组织"),
    ("2024年4月，下沉市场消费潜力加快释放的政策措施出台。", "2024-06", "下沉市场"),
    ("2024年5月12日，下午在雄安新区召开座谈会。", "2024-06", "在雄安新区召开"),
    ("5月16日晚，国家主席习近平在人民大会堂举行欢迎宴会。", "2024-05", "国家主席习近平"),
    ("今天傍晚，神舟十八号载人飞行任务航天员乘组出征仪式在酒泉卫星发射中心举行。", "2024-04-25", "神舟十八号"),
    ("今天凌晨，黎巴嫩公共卫生部发布消息称。", "2024-09-30", "黎巴嫩公共卫生部"),
    ("今天早上，首都机场启动一级响应机制。", "2023-12-11", "首都机场"),
    ("今天中午，滇藏铁路丽江至香格里拉段正式开通运营。", "2023-11-26", "滇藏铁路"),
]


@pytest.mark.parametrize("sentence,published,start", EVENT_HEADS)
def test_an_event_loses_a_time_of_day_at_its_head_only_as_a_whole_word(sentence, published, start):
    (milestone,) = [c for c in extract(sentence, published) if c.kind == "milestone"]
    assert milestone.event.startswith(start), milestone.event


@pytest.mark.parametrize("text,surface", [
    ("5月12日下午，总书记来到雄安新区。", "5月12日下午"),
    ("2024年9月29日凌晨，火箭发射升空。", "2024年9月29日凌晨"),
    ("5月16日晚，国家主席习近平举行欢迎宴会。", "5月16日"),  # 晚 alone is read only at an event's head
])
def test_timex_joins_a_whole_time_of_day_to_the_date(text, surface):
    found = timex.find_times(text, PartialDate.parse("2024-06"))
    assert [m.surface for m in found if m.kind == "point"][:1] == [surface]


def test_events_drop_times_of_day_and_filler_from_their_keys():
    assert events.event_key("5月12日下午，习近平总书记主持召开座谈会") == "座谈会"
    assert events.event_key("今天凌晨发布声明") == events.event_key("今天发布声明")
    assert events.event_key("联欢晚会在澳门举行") == "联欢晚会澳门"  # 晚 is a time only at an event's head
    assert events.event_kinds(events.event_key("新闻发布会")) == {"press"}


def test_a_full_year_statistic_is_read_from_the_statistic_table():
    assert clues._stat_verb().search("河北引进京津企业332家")
    assert clues._figure().search("河北引进京津企业332家")
    assert not clues._figure().search("河北引进京津企业332")


def test_metric_words_cut_the_head_and_the_link():
    assert metrics._leading_filler().sub("", "截至目前我市累计") == ""
    assert metrics._leading_filler().sub("", "三年内新建") == "新建"
    assert metrics._trailing_link().sub("", "企业总数已经达到了") == "企业"
    assert metrics._strip_times("“十四五”时期全省2024年5月今年投资") == "全省投资"
    assert metrics._bare_change().fullmatch("比上年增长")
