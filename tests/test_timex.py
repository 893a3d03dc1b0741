"""Chinese time expressions: a table of text → (surface, value, precision[, kind])."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.dates import PartialDate
from tracker.extract.timex import cn_int, find_times, parse_iso_or_period, programme_years, resolve_year_word

A2026 = PartialDate(2026, 2, 26)
A2025_05 = PartialDate(2025, 5)
A2023_05 = PartialDate(2023, 5)


def found(text, anchor):
    return [(m.surface, m.value, m.precision) for m in find_times(text, anchor)]


def kinds(text, anchor):
    return [(m.surface, m.value, m.kind) for m in find_times(text, anchor)]


CASES = [
    # absolute
    ("2024年，河北引进央企二、三级子公司332家", None, [("2024年", "2024", "year")]),
    ("2024年12月，三地联合共建的京津冀集群入选", None, [("2024年12月", "2024-12", "month")]),
    ("2024年9月29日厂通路潮白河大桥通车", None, [("2024年9月29日", "2024-09-29", "day")]),
    ("2023年5月12日下午，座谈会召开", None, [("2023年5月12日下午", "2023-05-12", "day")]),
    ("二〇二四年五月十二日上午", None, [("二〇二四年五月十二日上午", "2024-05-12", "day")]),
    ("二〇二四年，全市", None, [("二〇二四年", "2024", "year")]),
    ("2026-02-26 20:42:24", None, [("2026-02-26 20:42:24", "2026-02-26", "day")]),
    ("时间：2024-09-29", None, [("2024-09-29", "2024-09-29", "day")]),
    ("发布于2024.9.29", None, [("2024.9.29", "2024-09-29", "day")]),
    ("发布于2024/9/29", None, [("2024/9/29", "2024-09-29", "day")]),
    ("河北日报（20240225）", None, [("20240225", "2024-02-25", "day")]),
    ("更新：2024-05", None, [("2024-05", "2024-05", "month")]),
    ("京津冀产业协同专题工作组2024年度第二次工作会议", None, [("2024年度", "2024", "year")]),
    ("2024年底，全市", None, [("2024年底", "2024-12", "month")]),
    ("2024年末，全市", None, [("2024年末", "2024-12", "month")]),
    ("2024年初，全市", None, [("2024年初", "2024-01", "month")]),
    ("2024年上半年，全市", None, [("2024年上半年", "2024", "year")]),
    ("2024年前三季度，全市", None, [("2024年前三季度", "2024", "year")]),
    ("2024年一季度，全市", None, [("2024年一季度", "2024", "year")]),
    ("中关村企业在津冀设立分支机构由2013年的3500多家增长到2024年的1万多家", None,
     [("2013年", "2013", "year"), ("2024年", "2024", "year")]),
    # partial: the anchor's year, or the year before when far after the anchor
    ("5月12日下午，习近平总书记在石家庄市主持召开深入推进京津冀协同发展座谈会", A2023_05,
     [("5月12日下午", "2023-05-12", "day"), ("深入推进京津冀协同发展座谈会", "2023-05-12", "day")]),
    ("5月15日中午，刘文富的嗓子已经有些嘶哑", A2023_05, [("5月15日中午", "2023-05-15", "day")]),
    ("2月3日《现代化首都都市圈空间协同规划(2023-2035年)》正式发布", A2026,
     [("2月3日", "2026-02-03", "day"), ("2023-2035年", "2023/2035", "period")]),
    ("12月28日，京雄高速全线通车", A2026, [("12月28日", "2025-12-28", "day")]),
    ("9月，项目开工", A2026, [("9月", "2025-09", "month")]),
    ("3月，项目开工", A2026, [("3月", "2026-03", "month")]),
    ("5月9日，京投装备", PartialDate(2025), [("5月9日", "2025-05-09", "day")]),
    ("5月9日，京投装备", None, []),
    ("搜狐娱乐讯 3日，薛之谦经纪公司发布声明", A2026, []),
    # relative years
    ("去年9月，北京儿童医院保定医院正式运营", A2026, [("去年9月", "2025-09", "month")]),
    ("今年1月，北京蓝箭鸿擎科技有限公司负责人", A2025_05, [("今年1月", "2025-01", "month")]),
    ("去年5月，习近平总书记在河北考察", PartialDate(2024), [("去年5月", "2023-05", "month")]),
    ("去年同期增长5%", A2026, [("去年", "2025", "year")]),
    ("前年，明年，后年", A2026, [("前年", "2024", "year"), ("明年", "2027", "year"), ("后年", "2028", "year")]),
    ("今年是京津冀协同发展战略实施12周年", A2026, [("今年", "2026", "year"), ("12周年", "2014-02-26", "day")]),
    ("去年底，全市", A2026, [("去年底", "2025-12", "month")]),
    ("今年上半年，全市", A2026, [("今年上半年", "2026", "year")]),
    ("年底前完成", A2026, [("年底", "2026-12", "month")]),
    ("上月，本月", A2026, [("上月", "2026-01", "month"), ("本月", "2026-02", "month")]),
    # 近日 / 日前: shortly before the broadcast, so its month only (an approximate date)
    ("近日，记者专访了保定市市长", A2026, [("近日", "2026-02", "month")]),
    ("日前，三地签署协议", A2025_05, [("日前", "2025-05", "month")]),
    ("目前，雄安新区首批疏解项目进展顺利", A2025_05, [("目前", "2025-05", "month")]),
    ("截至目前，共有", A2025_05, [("截至目前", "2025-05", "month")]),
    ("近日，记者专访", None, []),
    ("规模以上年营业收入", A2026, []),
    ("以后年均增长", A2026, []),
    # plan periods and spans
    ("“十四五”时期，我们在产业、创新、民生三个维度持续发力", None, [("“十四五”时期", "2021/2025", "period")]),
    ("保定“十四五”期间取得了哪些突出成效", None, [("“十四五”期间", "2021/2025", "period")]),
    ("今年是“十五五”开局之年", A2026, [("今年", "2026", "year"), ("“十五五”", "2026/2030", "period")]),
    ("十四五规划", None, [("十四五", "2021/2025", "period")]),
    ("《规划(2023-2035年)》", None, [("2023-2035年", "2023/2035", "period")]),
    ("2021—2025年", None, [("2021—2025年", "2021/2025", "period")]),
    # national events
    ("党的二十届三中全会提出300多项重要改革举措", None, [("党的二十届三中全会", "2024-07", "month")]),
    ("黨的二十屆三中全會緊緊圍繞推進中國式現代化", None, [("黨的二十屆三中全會", "2024-07", "month")]),
    ("全面学习贯彻党的二十大精神", None, [("党的二十大", "2022-10", "month")]),
    ("十九届五中全会审议通过", None, [("十九届五中全会", "2020-10", "month")]),
    ("十八届三中全会", None, [("十八届三中全会", "2013-11", "month")]),
    ("二十届四中全会", None, [("二十届四中全会", "2025-10", "month")]),
    ("全国两会期间", A2026, [("全国两会", "2026-03", "month")]),
    ("2024年全国两会期间", None, [("2024年全国两会", "2024-03", "month")]),
    ("全国两会期间", None, []),
    ("3月3日下午，全国政协十四届四次会议", A2026,
     [("3月3日下午", "2026-03-03", "day"), ("全国政协十四届四次会议", "2026-03", "month")]),
    ("深入推进京津冀协同发展座谈会", None, [("深入推进京津冀协同发展座谈会", "2023-05-12", "day")]),
    # not times
    ("2025年门诊量达到73.5万人次，是托管前的2.88倍", None, [("2025年", "2025", "year")]),
    ("12345热线", None, []),
    ("连续第11年位居全省第一", A2026, []),
    ("高于全国5.3和4.7个百分点", A2026, []),
    ("“7+20+N”现代化产业体系", A2026, []),
    ("五年连跨两个千亿台阶", A2026, []),
    ("连续12年保持全省前列", A2026, []),
    ("总投资3078亿元", A2026, []),
    ("1800年，3000年", None, []),
    ("增长2024.5亿元", None, []),
    ("编号2024-0912-77", None, []),
    ("3个月内", A2026, []),
    ("地铁5号线", A2026, []),
]


@pytest.mark.parametrize("text,anchor,expected", CASES, ids=[c[0][:16] for c in CASES])
def test_find_times(text, anchor, expected):
    assert found(text, anchor) == expected


KIND_CASES = [
    ("今年以来，省工信厅大力培育", A2023_05, [("今年以来", "2023", "since")]),
    ("2024年以来，京津冀交通一体化持续推进", None, [("2024年以来", "2024", "since")]),
    ("党的十八大以来", None, [("党的十八大以来", "2012-11", "since")]),
    ("京津冀协同发展11年来", A2025_05, [("11年来", "2014/2025", "duration")]),
    ("10年来,河北坚持", PartialDate(2024), [("10年来", "2014/2024", "duration")]),
    ("十余年来", A2026, [("十余年来", "2016/2026", "duration")]),
    ("十余载深耕不辍", A2026, [("十余载", "2016/2026", "duration")]),
    ("党的二十届三中全会", None, [("党的二十届三中全会", "2024-07", "event")]),
    ("去年9月", A2026, [("去年9月", "2025-09", "point")]),
    ("“十四五”时期", None, [("“十四五”时期", "2021/2025", "period")]),
]


@pytest.mark.parametrize("text,anchor,expected", KIND_CASES, ids=[c[0][:16] for c in KIND_CASES])
def test_kinds(text, anchor, expected):
    assert kinds(text, anchor) == expected


BROADCAST_DAY = PartialDate(2024, 2, 26)

BROADCAST_CASES = [
    # the broadcast's own day, written out
    ("今天，雄安新区56个重点项目开工", BROADCAST_DAY, [("今天", "2024-02-26", "day")]),
    ("昨天，河北雄安新区56个重点项目开工", BROADCAST_DAY, [("昨天", "2024-02-25", "day")]),
    ("今天（2月26日），京津冀协同发展示范园区成立", BROADCAST_DAY, [("今天（2月26日）", "2024-02-26", "day")]),
    ("消费季昨晚（2月25日）在北京启动", BROADCAST_DAY, [("昨晚（2月25日）", "2024-02-25", "day")]),
    ("今天（1月12日）上午，保税区通过验收", PartialDate(2024, 1, 12), [("今天（1月12日）", "2024-01-12", "day")]),
    # a month written with 份
    ("今年一月份，北京城市副中心第二批市级部门完成搬迁", BROADCAST_DAY, [("今年一月份", "2024-01", "month")]),
    ("1月份，北京外贸进出口增长5%", BROADCAST_DAY, [("1月份", "2024-01", "month")]),
    ("今年3月份额增长", BROADCAST_DAY, [("今年3月", "2024-03", "month")]),
    # N years before the broadcast day
    ("十年前的今天，京津冀协同发展上升为国家战略", BROADCAST_DAY, [("十年前的今天", "2014-02-26", "day")]),
    ("5年前的昨天，大兴机场投运", BROADCAST_DAY, [("5年前的昨天", "2019-02-25", "day")]),
    ("十年前的今天", PartialDate(2024, 2), [("十年前的今天", "2014-02", "month")]),  # no day known: the month
    # approximate: the broadcast month
    ("国家发展改革委近日发布《意见》", BROADCAST_DAY, [("近日", "2024-02", "month")]),
    ("日前，北京市启动第三代社保卡集中换发", PartialDate(2024, 11, 24), [("日前", "2024-11", "month")]),
    ("节日前夕", BROADCAST_DAY, []),
    # an anniversary of a programme named before it: the programme's start
    ("今年是京津冀协同发展重大国家战略提出10周年", BROADCAST_DAY,
     [("今年", "2024", "year"), ("10周年", "2014-02-26", "day")]),
    ("今年是京津冀协同发展提出10周年", PartialDate(2024, 4, 1), [("今年", "2024", "year"), ("10周年", "2014-02-26", "day")]),
    ("北京大学建校120周年", BROADCAST_DAY, []),  # no programme named
    ("京津冀协同发展提出30周年", BROADCAST_DAY, []),  # the count does not fit the programme's start
]


@pytest.mark.parametrize("text,anchor,expected", BROADCAST_CASES)
def test_broadcast_relative_dates(text, anchor, expected):
    assert found(text, anchor) == expected


def test_anniversary_kind():
    assert kinds("今年是京津冀协同发展重大国家战略提出10周年", BROADCAST_DAY)[-1] == ("10周年", "2014-02-26", "anniversary")


def test_relative_flag():
    mentions = find_times("去年9月，2024年，近日", A2026)
    assert [m.relative for m in mentions] == [True, False, True]


PROGRAMME_CASES = [
    ("今年是京津冀协同发展战略实施12周年", [("实施12周年", 2026)]),
    ("京津冀协同发展11年来,区域经济总量连跨6个万亿元台阶", [("11年来", 2025)]),
    ("京津冀协同发展,是重大国家战略。10年来,河北坚持", [("10年来", 2024)]),
    ("雄安新区设立7周年之际", [("7周年", 2024)]),
    ("十余年来,京津冀协同发展", []),
    ("连续12年保持全省前列", []),
    ("30年来,全省经济", []),
]


@pytest.mark.parametrize("text,expected", PROGRAMME_CASES, ids=[c[0][:16] for c in PROGRAMME_CASES])
def test_programme_years(text, expected):
    assert [(surface, year) for _, _, surface, year in programme_years(text)] == expected


def test_programme_years_offsets():
    text = "京津冀协同发展11年来"
    for start, end, surface, _ in programme_years(text):
        assert text[start:end] == surface


@pytest.mark.parametrize("word,year", [("今年", 2026), ("去年", 2025), ("前年", 2024), ("明年", 2027), ("后年", 2028)])
def test_resolve_year_word(word, year):
    assert resolve_year_word(word, A2026) == year


def test_resolve_year_word_without_anchor():
    assert resolve_year_word("去年", None) is None


@pytest.mark.parametrize("value,expected", [
    ("2024", PartialDate(2024)), ("2024-07", PartialDate(2024, 7)),
    ("2024-07-15", PartialDate(2024, 7, 15)), ("2021/2025", (2021, 2025)),
])
def test_parse_iso_or_period(value, expected):
    assert parse_iso_or_period(value) == expected


@pytest.mark.parametrize("text,number", [("12", 12), ("十二", 12), ("二十一", 21), ("十", 10), ("五", 5), ("二〇二四", 2024)])
def test_cn_int(text, number):
    assert cn_int(text) == number


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789年月日号今去近十五四二〇一-./:（）以来下午全会届党的两“”，。 ", max_size=40))
def test_never_raises_and_offsets_hold(text):
    for anchor in (None, A2026, PartialDate(2024)):
        for m in find_times(text, anchor):
            assert text[m.start:m.end] == m.surface
            assert m.precision in ("day", "month", "year", "period")


@pytest.mark.parametrize("text, anchor, value, precision", [
    ("首批疏解高校今天开工建设", "2024-02-26", "2024-02-26", "day"),
    ("昨天，三地签署合作协议", "2024-03-01", "2024-02-29", "day"),
    ("今天开工建设", "2024-02", "2024-02", "month"),
])
def test_day_words_of_broadcast_transcripts(text, anchor, value, precision):
    from tracker.dates import PartialDate
    from tracker.extract.timex import find_times

    (mention,) = find_times(text, PartialDate.parse(anchor))
    assert (mention.value, mention.precision) == (value, precision)


def test_the_news_app_is_not_a_day():
    from tracker.dates import PartialDate
    from tracker.extract.timex import find_times

    assert find_times("今日头条报道", PartialDate.parse("2024-02-26")) == []
