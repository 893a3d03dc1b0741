"""The extractor on short real sentences: sentence (and publication date) → claims."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.claims import extract


def kinds(text, published="2026-02-26"):
    return [(c.kind, c.surface) for c in extract(text, published)]


def only(text, kind, published="2026-02-26"):
    return [c for c in extract(text, published) if c.kind == kind]


FIGURES = [
    # sentence, surface, value, unit, qualifier, as_of, change
    ("全市经济总量从2020年的3748.6亿元增长到2025年的5002.5亿元。", "3748.6亿元", 3.7486e11, "元", "=", "2020", False),
    ("全市经济总量从2020年的3748.6亿元增长到2025年的5002.5亿元。", "5002.5亿元", 5.0025e11, "元", "=", "2025", False),
    ("2025年门诊量达到73.5万人次，是托管前的2.88倍。", "2.88倍", 2.88, "倍", "=", "2025", True),
    # No time written: plain present tense, the publication date.
    ("外地患儿占比超过80%，来自全国各地。", "80%", 80, "%", ">", "2026-02-26", False),
    ("“十四五”期间，我们累计承接京津疏解项目484个，总投资3078亿元。", "484个", 484, "个", "=", "2021/2025", False),
    ("今年以来，省工信厅大力培育省级原料药集中生产基地，实现营业收入342亿元，同比增长21.3%。", "21.3%", 21.3, "%", "=", "2026", True),
]


@pytest.mark.parametrize("text,surface,value,unit,qualifier,as_of,change", FIGURES)
def test_figures(text, surface, value, unit, qualifier, as_of, change):
    found = [c for c in only(text, "figure") if surface in c.surface]
    assert found, kinds(text)
    claim = found[0]
    assert claim.value == pytest.approx(value)
    assert (claim.unit, claim.qualifier, claim.as_of, claim.change) == (unit, qualifier, as_of, change)


def test_figure_subject_and_metric_come_from_the_sentence():
    claim = only("目前，全市转化京津技术成果319项，吸纳京津技术合同成交额达到103.89亿元。", "figure")[1]
    assert claim.metric == "吸纳京津技术合同成交额"
    claim = only("2024年，保定市制造业质量竞争力指数达到90.13分。", "figure")[0]
    assert (claim.subject, claim.metric, claim.as_of) == ("保定", "保定市制造业质量竞争力指数", "2024")


TARGETS = [
    # sentence, published, surfaces, deadline, strength
    ("到2027年，河北港口大宗货物绿色集疏港比例将达到86%以上，新增及更新新能源和清洁能源公交车、出租车占比不低于95%和85%，"
     "沿海港口5万吨级以上专业化泊位岸电覆盖率达到85%，创建5个绿色货运配送城市。", "2023-05",
     ["86%以上", "95%", "85%", "85%", "5个"], "2027", None),
    ("同时，大力推动绿色转型升级，力争三年内7个重点行业265家企业完成创A。", "2023-05", ["7个", "265家"], "2025", "力争"),
    ("李晋宇表示，今年，他们将深入实施重污染天气消除、臭氧污染防治、柴油货车污染治理和城市大气污染深度治理四个攻坚行动。",
     "2023-05", ["四个"], "2023", "将"),
]


@pytest.mark.parametrize("text,published,surfaces,deadline,strength", TARGETS)
def test_targets_each_get_the_deadline_the_sentence_sets(text, published, surfaces, deadline, strength):
    targets = only(text, "target", published)
    assert [c.surface.replace("以上", "") for c in targets] == [s.replace("以上", "") for s in surfaces]
    assert {c.deadline for c in targets} == {deadline}
    if strength:
        assert targets[0].strength == strength
    assert not only(text, "figure", published)


def test_a_forward_sentence_without_a_number_is_a_target_with_a_deadline():
    targets = only("开局之年，我们将聚焦“雄保联动发展”这一关键领域，重点抓好“四个互联”。", "target")
    assert [(t.surface, t.value, t.deadline) for t in targets] == [("开局之年", None, "2026")]


def test_next_step_looks_forward_to_the_end_of_its_paragraph():
    text = "王素文表示，下一步三地要在“卡点”攻关的基础上推进。进一步强化育龙头，实现产业扩量倍增、提质增效。"
    assert [c.kind for c in extract(text, "2024") if c.surface == "倍增"] == ["target"]


MILESTONES = [
    # sentence, published, surface, date
    ("去年9月，北京儿童医院保定医院、中国中医科学院广安门医院保定医院新院区，这两家国家区域医疗中心正式运营。", "2026-02-26", "去年9月", "2025-09"),
    ("5月12日下午，习近平总书记在石家庄市主持召开深入推进京津冀协同发展座谈会，并发表重要讲话。", "2023-05", "5月12日下午", "2023-05-12"),
    ("2月3日《现代化首都都市圈空间协同规划(2023-2035年)》(以下简称《规划》)正式发布。", "2026-02-26", "2月3日", "2026-02-03"),
    ("2024年9月29日厂通路潮白河大桥建成投用后，这条路成为孟辉上下班的首选。", "2025-05", "2024年9月29日", "2024-09-29"),
    ("黨的二十屆三中全會緊緊圍繞推進中國式現代化這個主題，擘畫了進一步全面深化改革戰略舉措。", "2024", "黨的二十屆三中全會", "2024-07"),
]


@pytest.mark.parametrize("text,published,surface,date", MILESTONES)
def test_milestones(text, published, surface, date):
    milestones = only(text, "milestone", published)
    assert [(m.surface, m.date) for m in milestones] == [(surface, date)]
    assert milestones[0].event


NOT_MILESTONES = [
    ("2024年，保定市制造业质量竞争力指数达到90.13分，连续第11年位居全省第一。", "2026-02-26"),  # a statistic's year
    ("2025年门诊量达到73.5万人次，是托管前的2.88倍。", "2026-02-26"),
    ("目前，雄安新区首批北京非首都功能疏解项目进展顺利，中国星网已迁驻雄安新区。", "2025-05"),  # a state
    ("他希望河北全面学习贯彻党的二十大精神，完整、准确、全面贯彻新发展理念。", "2023-05"),  # a mention, not the event
    ("5月9日，京投装备河北京车轨道交通车辆装备有限公司，工作人员在总组装车间内工作。 河北日报记者 张昊摄", "2025-05"),
]


@pytest.mark.parametrize("text,published", NOT_MILESTONES)
def test_not_milestones(text, published):
    assert only(text, "milestone", published) == []


def test_formulations_are_short_quoted_terms_not_quoted_speech():
    text = "主动融入京津冀“五群六链五廊”产业图譜，形成“雄安研发、保定转化”格局。“选择落户雄安，是因为雄安大力发展空天信息产业。”史耀中说。"
    assert [c.surface for c in only(text, "formulation")] == ["五群六链五廊", "雄安研发、保定转化"]


def test_documents_and_their_abbreviations():
    text = "2月3日《现代化首都都市圈空间协同规划(2023-2035年)》(以下简称《规划》)正式发布。《规划》提出，推动雄保联动发展。"
    documents = only(text, "document")
    assert documents[0].simplified == "现代化首都都市圈空间协同规划(2023-2035年)"
    assert documents[0].as_of == "2023/2035"
    assert documents[-1].surface == "《规划》"
    assert documents[-1].refers_to == "现代化首都都市圈空间协同规划(2023-2035年)"


def test_numbers_inside_names_and_list_markers_are_not_figures():
    text = "一是加快构建“7+20+N”现代化产业体系，深化与12345热线等方面合作，深度融入京雄“一小时交通圈”。"
    assert only(text, "figure") == [] and only(text, "target") == []


def test_traditional_text_gives_the_same_claims_as_simplified():
    traditional = "保定市委十二屆七次全會審議通過了進一步全面深化改革的《實施意見》，部署了9方面28條230余項改革任務。"
    simplified = "保定市委十二届七次全会审议通过了进一步全面深化改革的《实施意见》，部署了9方面28条230余项改革任务。"
    strip = lambda claims: [(c.kind, c.start, c.end, c.value, c.unit, c.qualifier) for c in claims]
    assert strip(extract(traditional, "2024")) == strip(extract(simplified, "2024"))
    assert [c.surface for c in only(traditional, "figure", "2024")] == ["9方面", "28條", "230余項"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_and_surfaces_sit_at_their_offsets(text):
    for published in (None, "2024-05-12"):
        for claim in extract(text, published):
            assert text[claim.start:claim.end] == claim.surface


CHINESE = st.text(alphabet="0123456789.%年月日今去到将力争以上约近亿万元个家项人次第一二三十百千“”《》，。；、：京津冀河北保定召开发布", max_size=120)


@settings(max_examples=300, deadline=None)
@given(CHINESE)
def test_chinese_like_text_never_raises_and_surfaces_sit_at_their_offsets(text):
    for claim in extract(text, "2026-02-26"):
        assert text[claim.start:claim.end] == claim.surface


def test_targets_listed_across_semicolons_share_the_marker_and_deadline():
    text = ("今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，"
            "城镇调查失业率5.5%左右；居民消费价格涨幅2%左右。")
    targets = only(text, "target", published="2025-03-05")
    assert [t.surface for t in targets] == ["5%左右", "1200万人以上", "5.5%左右", "2%左右"]
    assert {(t.deadline, t.strength) for t in targets} == {("2025", "预期")}


def test_a_semicolon_list_without_a_marker_stays_figures():
    text = "2024年，全省地区生产总值增长5.4%；一般公共预算收入增长3.1%。"
    assert [c.surface for c in only(text, "figure")] == ["5.4%", "3.1%"]
    assert only(text, "target") == []


def test_air_quality_units():
    target = only("到2027年，京津冀区域PM2.5平均浓度将下降到35微克/立方米以下。", "target")[0]
    assert (target.value, target.unit, target.qualifier, target.deadline) == (35, "微克/立方米", "<=", "2027")


@pytest.mark.parametrize(
    "text,event",
    [
        ("本报讯 米彦泽 近日，京津冀产业协同专题工作组2024年度第二次工作会议在北京召开。",
         "京津冀产业协同专题工作组2024年度第二次工作会议在北京召开"),
        ("记者:2月3日《现代化首都都市圈空间协同规划》正式发布。", "《现代化首都都市圈空间协同规划》正式发布"),
    ],
)
def test_event_text_drops_datelines_and_speaker_labels(text, event):
    assert [claim.event for claim in only(text, "milestone")] == [event]


def test_a_report_year_carries_across_semicolons_and_bare_clauses_borrow_the_metric():
    text = ("过去一年，全省地区生产总值增长5.4%，达到47526.9亿元；一般公共预算收入4293.2亿元，增长3.1%。")
    figures = {c.surface: c for c in only(text, "figure", published="2025-01-15")}
    assert {c.as_of for c in figures.values()} == {"2024"}
    assert figures["47526.9亿元"].metric == "地区生产总值"
    assert figures["3.1%"].metric == "一般公共预算收入增长"


def test_the_subject_does_not_leak_into_the_next_paragraph():
    text = "河北全省城镇新增就业92万人，河北经济稳中向好。\n雄安新区累计完成投资超过7500亿元。\n城镇调查失业率5.1%。"
    figures = only(text, "figure", published="2025-01-15")
    assert [f.subject for f in figures] == ["河北", "雄安新区", "河北"]


def test_from_to_figures_share_the_metric_named_before_cong():
    text = "十年来，京津冀地区生产总值从2013年的5.5万亿元增加到2023年的10.4万亿元。"
    figures = [(c.surface, c.as_of, c.metric) for c in only(text, "figure", published="2024-02-26") if c.unit == "元"]
    assert figures == [("5.5万亿元", "2013", "京津冀地区生产总值"), ("10.4万亿元", "2023", "京津冀地区生产总值")]


def test_values_have_no_float_noise_and_a_comparison_base_is_not_the_date():
    figures = only("初步核算，全年全省地区生产总值47526.9亿元，比上年增长5.4%。其中，第一产业增加值4804.6亿元。",
                   "figure", published="2025-03-01")
    assert [f.value for f in figures] == [4752690000000.0, 5.4, 480460000000.0]
    # 上年 is what it grew from, not the figure's date: no time is written, so plain present tense.
    assert (figures[1].as_of, figures[1].as_of_basis) == ("2025-03-01", "present")


@pytest.mark.parametrize(
    "text,surface,value,unit,subject",
    [
        ("广东省2024年地区生产总值突破14万亿元。", "14万亿元", 14e12, "元", "广东"),
        ("全年港口完成集装箱吞吐量1900万标准箱。", "1900万标准箱", 1.9e7, "标箱", None),
        ("全市研发经费投入年均增长15.8%，高于全国5.3个百分点。", "15.8%", 15.8, "%", None),
    ],
)
def test_places_units_and_comparison_bases(text, surface, value, unit, subject):
    figure = next(c for c in only(text, "figure", published="2025-03-01") if c.surface == surface)
    assert (figure.value, figure.unit, figure.subject) == (value, unit, subject)


@pytest.mark.parametrize("text", ["今年前10个月，全市规上工业增加值增长6.1%。", "地铁3号线二期工程开工建设。"])
def test_periods_and_phases_are_not_figures(text):
    assert all(c.unit not in ("月", "期") for c in only(text, "figure", published="2025-11-20"))


def test_a_marker_and_deadline_clause_looks_forward_over_the_clauses_after_it():
    (target,) = [c for c in extract("我们将加快推进雄安新区建设，力争到2027年，新区常住人口达到150万人。", "2025-01-14")
                 if c.value is not None]
    assert (target.kind, target.value, target.strength, target.deadline) == ("target", 1500000, "力争", "2027")


def test_each_target_takes_the_deadline_written_before_it():
    claims = extract("到2025年，全省数字经济规模达到1万亿元，到2027年达到1.5万亿元。", "2024-03-01")
    assert [(c.kind, c.value, c.deadline) for c in claims if c.value] == [
        ("target", 1e12, "2025"), ("target", 1.5e12, "2027")]


def test_a_plain_figure_after_a_past_date_clause_is_not_a_target():
    claims = extract("2024年，全省新建学校12所，新增学位3万个。", "2025-01-14")
    assert {c.kind for c in claims if c.value} == {"figure"}


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("今年前三季度，京津冀地区生产总值同比增长百分之五点三。", "百分之五点三", 5.3, "%"),
    ("北京市常住人口为二千一百八十五点八万人。", "二千一百八十五点八万人", 21858000, "人"),
    ("全年接待游客一点二亿人次。", "一点二亿人次", 120000000, "人次"),
    ("增速回落零点五个百分点。", "零点五个百分点", 0.5, "百分点"),
])
def test_spoken_decimals_of_broadcast_transcripts(sentence, surface, value, unit):
    (figure,) = [c for c in extract(sentence, "2024-11-20") if c.kind == "figure"]
    assert (figure.surface, figure.value, figure.unit) == (surface, value, unit)


def test_a_set_phrase_with_dian_is_not_a_decimal():
    assert [c for c in extract("我们要一点一滴做起，抓重点、补短板。", "2024-11-20") if c.value] == []


def test_you_a_dao_b_names_the_metric_before_you():
    claims = extract("研发投入强度由2.1%提高到2.5%。", "2024-01-01")
    assert [c.metric for c in claims] == ["研发投入强度", "研发投入强度"]


@pytest.mark.parametrize("sentence, deadline", [
    ("到2035年，基本建成现代化首都都市圈。", "2035"),
    ("2025年底前，全面完成老旧小区改造任务。", "2025-12"),
])
def test_a_deadline_at_the_head_is_a_target_not_a_milestone(sentence, deadline):
    claims = extract(sentence, "2024-06-01")
    assert [(c.kind, c.deadline) for c in claims] == [("target", deadline)]


def test_an_as_at_date_is_a_statistics_date_not_a_milestone():
    claims = extract("截至2024年底，全省累计建成5G基站20万个。", "2025-01-10")
    assert [(c.kind, c.as_of) for c in claims] == [("figure", "2024-12")]


def test_a_transcripts_dateline_and_reporting_formula_are_not_the_event():
    claims = extract("央视网消息（新闻联播）：2月25日，三地在京签署合作协议。\n"
                     "记者从河北雄安新区获悉，首批疏解高校今天开工建设。", "2024-02-26")
    assert [(c.date, c.event) for c in claims if c.kind == "milestone"] == [
        ("2024-02-25", "三地在京签署合作协议"), ("2024-02-26", "首批疏解高校开工建设")]


def test_a_deadline_the_target_carries_is_not_also_a_milestone():
    claims = extract("首批四所疏解高校开工建设，预计2026年建成投用。", "2024-02-26")
    assert [(c.kind, c.deadline) for c in claims if c.kind != "figure"] == [("target", "2026")]


def test_coordinated_growth_rates_share_their_metric_and_change():
    claims = extract("城乡居民人均可支配收入分别增长5.6%、7.2%和8.1%。", "2025-01-20")
    assert [(c.value, c.change, c.metric) for c in claims] == [
        (5.6, True, "城乡居民人均可支配收入分别增长"), (7.2, True, "城乡居民人均可支配收入分别增长"),
        (8.1, True, "城乡居民人均可支配收入分别增长")]


def test_a_listed_item_names_its_own_metric():
    claims = extract("全省共有高新技术企业1.3万家、科技型中小企业2.1万家。", "2025-01-20")
    assert [c.metric for c in claims] == ["高新技术企业", "科技型中小企业"]


def test_value_added_is_a_level_not_a_change():
    (level, growth) = extract("第二产业增加值17000亿元，增长6.0%。", "2025-01-20")
    assert (level.change, growth.change) == (False, True)


def test_quan_shi_stands_for_the_city_the_article_names_most():
    text = ("保定市市长接受采访。保定正在全面融入京津冀。\n"
            "全市研发经费投入年均增长15.8%，分别高于全国、全省5.3和4.7个百分点。")
    claims = [c for c in extract(text, "2026-02-26") if c.kind == "figure"]
    assert [(c.surface, c.subject) for c in claims] == [
        ("15.8%", "保定"), ("5.3", "保定"), ("4.7个百分点", "保定")]


def test_a_place_that_is_an_origin_or_a_ranking_is_not_the_subject():
    text = "雄安新区医院接诊量大。外地患儿来自全国各地。门诊量达到73.5万人次。"
    (figure,) = [c for c in extract(text, "2026-02-26") if c.kind == "figure"]
    assert figure.subject == "雄安新区"


def test_zai_a_past_year_at_the_head_reports_not_targets():
    (claim,) = extract("在2024年，全省新建学校12所。", "2025-03-01")
    assert (claim.kind, claim.as_of) == ("figure", "2024")
    (claim,) = extract("在2026年，全省新建学校12所。", "2025-03-01")
    assert (claim.kind, claim.deadline) == ("target", "2026")


def test_quan_shi_and_the_main_subject_count_places_by_one_rule():
    # 高于保定 names a comparison base: it counts neither for the main subject nor for 全市.
    text = ("石家庄市召开经济运行分析会。前三季度增速高于保定1.2个百分点，高于保定市0.5个百分点。\n"
            "全市地区生产总值增长6.1%。")
    assert [c.subject for c in extract(text, "2024-10")] == ["石家庄", "石家庄", "石家庄"]


# ---------------------------------------------------------------- broadcast milestones

def _milestones(text, published):
    from tracker.extract.claims import extract
    return [(c.date, c.event) for c in extract(text, published) if c.kind == "milestone"]


def test_a_linked_undated_event_takes_the_paragraph_leads_day():
    text = ("（新闻联播）：今天（5月12日），京津冀党政主要领导座谈会在天津举行。"
            "三省市还共同签署13个合作协议和产业合作项目，涉及多个领域。"
            "天津科技城将与北京中关村合作推进开发建设。"
            "此外，三地还发布一批社保“一卡通”应用场景。")
    assert _milestones(text, "2024-05-12") == [
        ("2024-05-12", "京津冀党政主要领导座谈会在天津举行"),
        ("2024-05-12", "三省市还共同签署13个合作协议和产业合作项目"),
        ("2024-05-12", "三地还发布一批社保“一卡通”应用场景"),
    ]


def test_an_undated_event_without_a_dated_lead_is_no_milestone():
    assert _milestones("三省市还共同签署13个合作协议。", "2024-05-12") == []


def test_one_sentence_with_two_dates_of_one_event_is_one_milestone():
    assert _milestones("“2024年全国消费促进月暨京津冀消费季”昨晚（2月22日）在北京启动。", "2024-02-23") == [
        ("2024-02-22", "“2024年全国消费促进月暨京津冀消费季”在北京启动")]


def test_no_leading_date_fragment_or_broadcast_lead_in_the_event():
    assert _milestones("（新闻联播）：十年前的今天，京津冀协同发展上升为国家战略。", "2024-02-26") == [
        ("2014-02-26", "京津冀协同发展上升为国家战略")]
    assert _milestones("（6月24日），京雄高速北京段实现通车。", "2024-07-01") == [
        ("2024-06-24", "京雄高速北京段实现通车")]


def test_an_anniversary_of_a_founding_dates_it_an_ongoing_one_does_not():
    assert _milestones("今年是京津冀协同发展重大国家战略提出10周年，河北已累计承接4.3万家。", "2024-04-29") == [
        ("2014-02-26", "京津冀协同发展重大国家战略提出")]
    assert _milestones("今年是京津冀协同发展战略实施12周年，目前已进入新阶段。", "2026-02-26") == []


def test_a_dated_plan_ahead_is_no_milestone():
    assert _milestones("京雄高速将于明年6月开通。", "2024-03-01") == []


@pytest.mark.parametrize("text, published, expected", [
    # a long head gives the noun after its last 的: not a bare 在…举行 or 启动
    ("由中共中央对外联络部同中共河北省委和雄安新区党工委共同举办的“某某的故事——某某思想在雄安的实践”专题宣介会"
     "今天（6月27日）在河北雄安新区举行。", "2024-06-27",
     [("2024-06-27", "“某某的故事——某某思想在雄安的实践”专题宣介会在河北雄安新区举行")]),
    ("由中央广播电视总台联合国务院国资委、教育部、人社部、共青团中央、科技部共同发起的“奋斗有我 国聘行动”雄安专场日前启动。",
     "2022-12-30", [("2022-12", "“奋斗有我 国聘行动”雄安专场启动")]),
    # 成立于…，是…: the head tells the event, what follows 是 describes it
    ("中国星网集团成立于2021年4月，是首家注册落户雄安新区的中央企业。", "2024-10-15", [("2021-04", "中国星网集团成立")]),
    # a verb alone takes the subject its sentence opens with
    ("南水北调东线一期工程从江苏江都抽引长江水，提水北送，2013年11月建成通水。", "2023-12-12",
     [("2013-11", "南水北调东线一期工程建成通水")]),
    ("新疆维吾尔自治区某研究是多学科合作的重大科研项目，从2002年启动，已历经五个阶段。", "2023-05-27",
     [("2002", "新疆维吾尔自治区某研究启动")]),
    # a date after 是 describes, it tells no event of its own
    ("今天（9月7日），中冶集团9家疏解企业集中落户雄安新区，这是今年（2023年）首批集中落户雄安新区的疏解企业。", "2023-09-07",
     [("2023-09-07", "中冶集团9家疏解企业集中落户雄安新区")]),
    ("今年是某某新区设立的第7年，这座城市正在拔节生长。", "2024-03-31", []),
    # a national event named in an anniversary copula is told by its own name
    ("今年是雄安新区设立的第7年，这座未来之城，总书记亲自决策、亲自部署，先后三次来到这里考察调研。", "2024-03-31",
     [("2017-04-01", "雄安新区设立")]),
])
def test_an_event_text_names_its_subject(text, published, expected):
    assert _milestones(text, published) == expected


@pytest.mark.parametrize("text, published", [
    ("深入推进京津冀协同发展是委员一直关注的话题，今年，他准备在即将召开的全国两会上就加快国际陆港建设积极建言。", "2023-03-01"),
    ("京雄高速是连接北京城区与雄安新区最便捷的高速公路，北京段预计今年年内建成。", "2023-05-15"),
    ("“2023年全国消费促进月”将在全国范围内举办百城联动汽车节等促消费活动。", "2023-03-01"),
    ("京蔚高速全长184公里，年底将全线通车。", "2024-12-16"),
])
def test_a_plan_dated_this_year_is_a_target_not_a_milestone(text, published):
    from tracker.extract.claims import extract
    claims = extract(text, published)
    assert not [c for c in claims if c.kind == "milestone"]
    assert [c.deadline[:4] for c in claims if c.kind == "target"] == [published[:4]]


def test_what_was_said_is_no_plan_of_the_event():
    assert _milestones("去年5月，习近平总书记主持召开座谈会时强调“努力使京津冀成为先行区、示范区”。", "2024-02-26") == [
        ("2023-05", "习近平总书记主持召开座谈会时强调“努力使京津冀成为先行区、示范区”")]
