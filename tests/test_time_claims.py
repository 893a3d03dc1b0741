"""Time, right: every figure's as_of and as_of_basis, report sections, and targets as targets.

Every sentence here is written for the test in the style of a work report or a broadcast.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.dates import PartialDate
from tracker.extract.claims import extract


def figure(text, surface, published):
    found = [c for c in extract(text, published) if c.kind == "figure" and surface in c.surface]
    assert found, [(c.kind, c.surface) for c in extract(text, published)]
    return found[0]


def targets(text, published):
    return [c for c in extract(text, published) if c.kind == "target"]


# ------------------------------------------------------------------ as_of and its basis

@pytest.mark.parametrize("text,surface,published,as_of,basis", [
    # stated: the time is written out
    ("2023年，全省粮食产量达到750亿斤。", "750亿斤", "2024-03", "2023", "stated"),
    ("截至2024年底，全市累计建成5G基站3.2万个。", "3.2万个", "2025-01", "2024-12", "stated"),
    ("一季度，全省规模以上工业增加值同比增长6.2%。", "6.2%", "2024-04", "2024", "stated"),
    ("前10个月，全市外贸进出口总额1.8万亿元。", "1.8万亿元", "2024-11-20", "2024-11-20", "present"),
    # relative: a year word, resolved against the publication date
    ("去年，全市接待游客1.2亿人次。", "1.2亿人次", "2024-05", "2023", "relative"),
    ("上年全区新增市场主体3.5万户。", "3.5万户", "2024-05", "2023", "relative"),
    ("今年以来，新区新开工项目86个。", "86个", "2024-06", "2024", "relative"),
    # present: 目前, 如今, 已经, or plain present tense
    ("目前，全市共有养老机构120家。", "120家", "2024-06-12", "2024-06-12", "present"),
    ("如今，园区入驻企业达到300多家。", "300多家", "2024-06", "2024-06", "present"),
    ("新区常住人口超过130万人。", "130万人", "2024-06", "2024-06", "present"),
    # period: from a start to the publication date, or a plan period
    ("十年来，区域研发投入年均增长8.5%。", "8.5%", "2024-03", "2014/2023", "period"),
    ("京津冀协同发展10年来，三地共建产业园区45个。", "45个", "2024-03", "2014/2023", "period"),
    ("京津冀协同发展以来，三地共建产业园区45个。", "45个", "2024-03", "2014/2024", "period"),
    ("“十四五”以来，全省新增高新技术企业6000家。", "6000家", "2024-05", "2021/2024", "period"),
    ("“十四五”时期，全市累计完成固定资产投资5000亿元。", "5000亿元", "2026-01", "2021/2025", "period"),
    # none: nothing dates it
    ("全市共有养老机构120家。", "120家", None, None, "none"),
])
def test_as_of_and_its_basis(text, surface, published, as_of, basis):
    claim = figure(text, surface, published)
    assert (claim.as_of, claim.as_of_basis) == (as_of, basis)


REPORT = (
    "政府工作报告\n"
    "一、2023年工作回顾\n"
    "过去一年，我们克服重重困难，经济回升向好。\n"
    "国内生产总值超过126万亿元，比上年增长5.2%。全面完成年初确定的主要目标，城镇新增就业1244万人。\n"
    "二、2024年经济社会发展总体要求和政策取向\n"
    "今年发展的主要预期目标是：\n"
    "国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。\n"
    "赤字率拟按3%安排。今年拟安排财政赤字4.06万亿元，其中中央财政赤字3.4万亿元。\n"
    "中央预算内投资安排7000亿元。\n"
    "三、2024年政府工作任务\n"
    "过去一年，全国粮食产量达到1.39万亿斤。\n"
    "广义货币增长8%左右。\n"
)


@pytest.mark.parametrize("surface,kind,when,basis", [
    ("5.2%", "figure", "2023", "section"),  # a bare figure of the review is the reviewed year's
    ("126万亿元", "figure", "2023", "section"),
    # 全面完成年初确定的主要目标 reports against a target; its bare 年初 is the reviewed year's
    ("1244万人", "figure", "2023-01", "stated"),
    ("7000亿元", "figure", "2024", "section"),  # a bare figure of the plan part is the plan year's
    ("1.39万亿斤", "figure", "2023", "relative"),  # 过去一年，… leads its paragraph in a plan part
])
def test_a_report_section_dates_its_bare_figures(surface, kind, when, basis):
    claim = next(c for c in extract(REPORT, "2024-03") if c.surface.startswith(surface))
    assert (claim.kind, claim.as_of, claim.as_of_basis) == (kind, when, basis)


def test_a_five_year_review_covers_five_years():
    text = "政府工作报告\n一、过去五年工作回顾\n粮食产量连年增产，农村贫困人口减少8000多万人。\n二、今年主要任务\n"
    claim = figure(text, "8000多万人", "2018-03")
    assert (claim.as_of, claim.as_of_basis) == ("2013/2017", "section")


def test_headings_of_a_broadcast_are_no_report_sections():
    text = "一、新闻摘要\n全市新增就业岗位2.3万个。\n"
    assert figure(text, "2.3万个", "2024-06-12").as_of_basis == "present"


# ------------------------------------------------------------------ targets as targets

@pytest.mark.parametrize("surface,value,high,qualifier,strength", [
    ("5%左右", 5, None, "~", "预期"),  # each item of the plan list
    ("1200万人以上", 1.2e7, None, ">=", "预期"),
    ("5.5%左右", 5.5, None, "~", "预期"),
    ("3%左右", 3, None, "~", "预期"),
    ("3%", 3, None, "=", "拟"),  # 赤字率拟按3%安排
    ("4.06万亿元", 4.06e12, None, "=", "拟"),
    ("3.4万亿元", 3.4e12, None, "=", "拟"),  # 其中…: the marker runs to the sentence end
    ("8%左右", 8, None, "~", "预期"),  # a bound or approximation in the plan part
])
def test_the_plan_part_sets_targets_due_in_the_plan_year(surface, value, high, qualifier, strength):
    found = [c for c in targets(REPORT, "2024-03") if c.surface == surface]
    assert found, [(c.kind, c.surface) for c in extract(REPORT, "2024-03")]
    claim = found[0]
    assert (claim.value, claim.value_high, claim.qualifier, claim.deadline, claim.strength) == \
        (pytest.approx(value), high, qualifier, "2024", strength)


@pytest.mark.parametrize("text,surface,qualifier,value_high", [
    ("今年要把城镇登记失业率控制在4.6%以内。", "4.6%以内", "<=", None),
    ("今年城镇登记失业率力争低于4.6%。", "4.6%", "<", None),
    ("今年城镇新增就业力争不低于900万人。", "900万人", ">=", None),
    ("今年经济增长预期目标为7%左右。", "7%左右", "~", None),
    ("今年经济增长预期目标为6%－6.5%。", "6%－6.5%", "=", 6.5),
])
def test_qualifiers_as_written(text, surface, qualifier, value_high):
    claim = next(c for c in targets(text, "2024-03") if c.surface == surface)
    assert (claim.qualifier, claim.value_high, claim.deadline) == (qualifier, value_high, "2024")


@pytest.mark.parametrize("text,strength", [
    ("今年要确保粮食产量稳定在1.3万亿斤以上。", "确保"),
    ("力争全年新增城镇就业110万人。", "力争"),
    ("全年经济预期增长6%左右。", "预期"),
    ("今年拟新增地方政府专项债券3.9万亿元。", "拟"),
])
def test_strength_is_the_firmest_marker(text, strength):
    found = targets(text, "2024-03")
    assert found and found[0].strength == strength and found[0].deadline == "2024"


@pytest.mark.parametrize("text,published,deadline", [
    ("雄安新区国际医院将于今年10月开通。", "2024-03", "2024-10"),
    ("首批疏解的高校今年下半年迁驻雄安新区。", "2024-03", "2024"),
    ("该项目计划明年6月建成投产。", "2024-03", "2025-06"),
])
def test_a_dated_event_still_ahead_is_a_deadline_only_target(text, published, deadline):
    claims = extract(text, published)
    assert [c.kind for c in claims if c.kind in ("target", "milestone")] == ["target"]
    assert claims[0].deadline == deadline and claims[0].value is None


def test_an_event_already_past_stays_a_milestone():
    claims = extract("去年10月，雄安新区至北京大兴机场快线开通。", "2024-03")
    assert [(c.kind, c.date) for c in claims] == [("milestone", "2023-10")]


def test_a_figure_dated_after_publication_is_expected_not_reported():
    claim = next(c for c in extract("明年全市粮食产量达到50亿斤。", "2024-03") if c.value)
    assert (claim.kind, claim.deadline) == ("target", "2025")


# ------------------------------------------------------------------ properties

_LEADS = ["今年", "去年", "上年", "目前", "如今", "今年以来", "去年以来", "前年", "当前", "截至目前", "现在",
          "今年一季度", "去年上半年", "今年3月", "今天", "昨天", "本月", "上月", "已经"]
_BODIES = ["，全市新增就业{n}万人。", "全省粮食产量{n}亿斤。", "，园区企业已有{n}家。", "，增长{n}%。"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(_LEADS), st.sampled_from(_BODIES), st.integers(1, 999),
       st.dates(min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)),
       st.sampled_from(["day", "month", "year"]))
def test_present_and_relative_as_of_is_never_after_publication(lead, body, n, day, precision):
    published = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    anchor = PartialDate.parse(published)
    for claim in extract(lead + body.format(n=n), published):
        if claim.kind == "figure" and claim.as_of_basis in ("present", "relative"):
            first = claim.as_of.split("/")[0]
            assert PartialDate.parse(first).first_day() <= anchor.last_day(), (lead, body, claim)


_ALPHABET = "0123456789一二三四五六七八九十百千万亿年月日今去上以来目前一、，。；：\n%％－左右以内以上低于不拟要将力争确保回顾主要任务过去五年“十四五”时期协同发展京津冀 "


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(alphabet=_ALPHABET, max_size=200)),
       st.sampled_from([None, "2024", "2024-03", "2024-03-05", "1990-12-31"]))
def test_arbitrary_text_never_crashes_extract(text, published):
    for claim in extract(text, published):
        if claim.kind == "figure":
            assert claim.as_of_basis in ("stated", "relative", "section", "present", "period", "none")
