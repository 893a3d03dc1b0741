"""Tables of sentence → quantities, negatives, properties and coverage of the gold claims."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.quantities import find_quantities, parse_number

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"

# sentence, surface (contained in the found surface), value, unit, qualifier[, value_high, change]
POSITIVES = [
    # magnitudes and money
    ("全市经济总量从2020年的3748.6亿元增长到2025年的5002.5亿元", "3748.6亿元", 374860000000, "元", "="),
    ("全市经济总量从2020年的3748.6亿元增长到2025年的5002.5亿元", "5002.5亿元", 500250000000, "元", "=", None, False),
    ("2025年门诊量达到73.5万人次,是托管前的2.88倍", "73.5万人次", 735000, "人次", "="),
    ("2025年门诊量达到73.5万人次,是托管前的2.88倍", "2.88倍", 2.88, "倍", "=", None, True),
    ("2024年区域经济总量达到11.5万亿元", "11.5万亿元", 1.15e13, "元", "="),
    ("积极谋划千亿元级重大产业项目", "千亿元级", 1e11, "元", ">="),
    ("正加速培育千亿级生物医药产业集群", "千亿级", 1e11, "元", ">="),
    ("28万亩的园区已构建起全链条产业生态系统", "28万亩", 280000, "亩", "="),
    ("还有30多万名产业员工", "30多万名", 300000, "人", ">"),
    ("由2013年的3500多家增长到2024年的1万多家", "3500多家", 3500, "家", ">"),
    ("由2013年的3500多家增长到2024年的1万多家", "1万多家", 10000, "家", ">", None, False),
    ("企业数量达到一万多家", "一万多家", 10000, "家", ">"),
    ("项目总投资1,234.5万元", "1,234.5万元", 12345000, "元", "="),
    ("新增装机容量120万千瓦", "120万千瓦", 1.2e6, "千瓦", "="),
    ("三亿五千万元用于改造", "三亿五千万元", 3.5e8, "元", "="),
    ("发行专项债券一千二百万元", "一千二百万元", 1.2e7, "元", "="),
    # full-width and percentages
    ("全年增长２．３％", "２．３％", 2.3, "%", "=", None, True),
    ("预期目标为6.5%－7%", "6.5%－7%", 6.5, "%", "=", 7.0),
    ("预期目标为6.5%-7%", "6.5%-7%", 6.5, "%", "=", 7.0),
    ("河北省吸纳京津技术合同成交额同比增长34.8%", "34.8%", 34.8, "%", "=", None, True),
    ("实现营业收入342亿元，同比增长21.3%。", "21.3%", 21.3, "%", "=", None, True),
    ("技术转化效率提升30%", "30%", 30, "%", "=", None, True),
    ("占比分别提高到30.45%、15.4%", "30.45%", 30.45, "%", "=", None, False),
    ("占比分别提高到30.45%、15.4%", "15.4%", 15.4, "%", "=", None, False),
    ("R&D投入强度达到3.20%", "3.20%", 3.2, "%", "=", None, False),
    ("比例约百分之三十", "百分之三十", 30, "%", "~"),
    ("全年下降-3.5%", "-3.5%", -3.5, "%", "=", None, True),
    # 百分点, distribution and ranges
    ("分别高于全国、全省5.3和4.7个百分点", "5.3", 5.3, "百分点", "=", None, True),
    ("分别高于全国、全省5.3和4.7个百分点", "4.7个百分点", 4.7, "百分点", "=", None, True),
    ("每个园区入驻5至10个项目", "5至10个", 5, "个", "=", 10),
    ("车程缩短至1至1.5小时", "1至1.5小时", 1, "小时", "=", 1.5),
    ("涉及1、2和3个片区", "3个", 3, "个", "="),
    ("涉及1、2和3个片区", "1", 1, "个", "="),
    ("出租车占比不低于95%和85%", "95%", 95, "%", ">=", None, False),
    ("沪指跌1.43%", "1.43%", 1.43, "%", "=", None, True),
    ("占比不低于95%和85%", "85%", 85, "%", ">="),
    # Chinese numerals and measure words
    ("在产业、创新、民生三个维度持续发力", "三个", 3, "个", "="),
    ("五年连跨两个千亿台阶", "两个", 2, "个", "="),
    ("形成了八个千亿级产业集群", "八个", 8, "个", "="),
    ("共有二十三个项目", "二十三个", 23, "个", "="),
    ("提出300多項重要改革舉措", "300多項", 300, "项", ">"),
    ("提出三百多项重要改革举措", "三百多项", 300, "项", ">"),
    ("部署了9方面28條230余項改革任務", "9方面", 9, "方面", "="),
    ("部署了9方面28條230余項改革任務", "28條", 28, "条", "="),
    ("部署了9方面28條230余項改革任務", "230余項", 230, "项", "~"),
    ("培育生命健康等六大战略性新兴产业", "六大", 6, "个", "="),
    ("三大重要动力源之一", "三大", 3, "个", "="),
    ("构建十大技术平台", "十大", 10, "个", "="),
    ("培训十余次", "十余次", 10, "次", "~"),
    ("建立省市县三级审批服务协调机制", "三级", 3, "级", "="),
    ("加快完善四級公園體系", "四級", 4, "级", "="),
    ("这两家国家区域医疗中心正式运营", "两家", 2, "家", "="),
    ("截至2024年，这样的“河北福嫂”已经有11.45万人", "11.45万人", 114500, "人", "="),
    ("规划建设23.3平方公里的国际医疗基地", "23.3平方公里", 23.3, "平方公里", "="),
    ("完成一套新能源车的电池下壳体总成,不到4分钟", "4分钟", 4, "分钟", "<"),
    ("制造业质量竞争力指数达到90.13分", "90.13分", 90.13, "分", "="),
    ("优良天数为267天", "267天", 267, "天", "="),
    ("充分发挥19所驻保高校优势", "19所", 19, "所", "="),
    ("率先开展15种罕见疾病的干细胞移植", "15种", 15, "种", "="),
    ("全长5千米", "5千米", 5, "公里", "="),
    # qualifiers
    ("外地患儿占比超过80%", "80%", 80, "%", ">"),
    ("央企分支机构已超300家", "300家", 300, "家", ">"),
    ("项目年产值超50亿元", "50亿元", 5e9, "元", ">"),
    ("区域优良天数比率接近75%", "75%", 75, "%", "~"),
    ("优良天数比率近75%", "75%", 75, "%", "~"),
    ("绿色集疏港比例将达到86%以上", "86%以上", 86, "%", ">="),
    ("水质优良比例保持在80%以上", "80%", 80, "%", ">="),
    ("增速保持在5%左右", "5%", 5, "%", "~"),
    ("误差控制在3天以内", "3天", 3, "天", "<="),
    ("通勤时间至少节省40分钟", "40分钟", 40, "分钟", ">=", None, True),
    ("约占三成，约120家", "120家", 120, "家", "~"),
    ("约有120家", "120家", 120, "家", "~"),
    ("九成以上的企业", "九成以上", 90, "%", ">="),
    ("超过全国5.3个百分点", "5.3个百分点", 5.3, "百分点", "=", None, True),
    # ranks
    ("重返全省第3位", "第3位", 3, "位", "="),
    ("连续第11年位居全省第一", "第一", 1, "位", "="),
    ("数量均居全国第一", "第一", 1, "位", "="),
    ("综合竞争力排名第八", "第八", 8, "位", "="),
    ("出口额居全国第2", "第2", 2, "位", "="),
    ("全國第一", "第一", 1, "位", "="),
    # durations and years
    ("今年是京津冀协同发展战略实施12周年", "12周年", 12, "年", "="),
    ("十余载深耕不辍", "十余载", 10, "年", "~"),
    ("连续第11年位居全省第一", "第11年", 11, "年", "="),
    ("连续12年保持全省前列", "12年", 12, "年", "="),
    ("京津冀协同发展11年来", "11年", 11, "年", "="),
    ("五年连跨两个千亿台阶", "五年", 5, "年", "="),
    ("力争三年内完成创A", "三年", 3, "年", "="),
    ("工期18个月", "18个月", 18, "月", "="),
    # words that are quantities
    ("实现产业扩量倍增、提质增效", "倍增", 2, "倍", "=", None, True),
    ("实施新一代信息技术产业三年“倍增”计划", "倍增", 2, "倍", "=", None, True),
    ("经济总量翻两番", "翻两番", 4, "倍", "=", None, True),
    ("經濟總量翻兩番", "翻兩番", 4, "倍", "=", None, True),
    # traditional characters
    ("黨的二十屆三中全會提出300多項重要改革舉措", "300多項", 300, "项", ">"),
    ("投資達到3.5億元", "3.5億元", 3.5e8, "元", "="),
    ("服務兩萬人", "兩萬人", 20000, "人", "="),
    ("重點在三個方面持續發力", "三個", 3, "个", "="),
    # long quoted speech keeps its numbers
    ("《规划》提出，“重点推动北京中心城区与城市副中心主副结合、天津与滨城协同发展的三个战略支点，提升核心竞争力”", "三个", 3, "个", "="),
]


def _pick(quantities, surface):
    """Return the quantity whose surface contains the expected surface."""
    found = [q for q in quantities if surface in q.surface]
    assert found, f"no quantity with {surface!r} in {quantities}"
    return found[0]


@pytest.mark.parametrize("case", POSITIVES, ids=lambda c: f"{c[1]}")
def test_finds_quantity(case):
    sentence, surface, value, unit, qualifier, *rest = case
    q = _pick(find_quantities(sentence), surface)
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert q.unit == unit
    assert q.qualifier == qualifier
    if rest:
        high = rest[0]
        assert (q.value_high is None) if high is None else math.isclose(q.value_high, high)
    if len(rest) > 1:
        assert q.change is rest[1]


# sentence, and the surface that must not be found (None: nothing at all)
NEGATIVES = [
    ("沿海港口5万吨级以上专业化泊位岸电覆盖率达到85%", "吨"),  # a berth class, not an amount
    ("在廊坊永清，圆通速递北方总部基地二期项目投运", "二期"),
    ("河北引进央企二、三级子公司332家", "级"),
    ("三天后再次来到规划展馆", "三天"),
    ("一是健全服务保障京津冀协同发展战略工作机制", None),
    ("二是健全创新保定建设工作机制", None),
    ("第一，聚焦“融进去”", None),
    ("其一，加强统筹", None),
    ("加快构建“7+20+N”现代化产业体系", None),
    ("加快构建7+20+N现代化产业体系", None),
    ("培育壮大“37+5”县域特色产业集群", None),
    ("建立省市县三级“1+14+N”审批服务协调机制", "1"),
    ("“十四五”时期", None),
    ("十五五开局之年", None),
    ("十四五期间", None),
    ("拨打12345热线", None),
    ("在凌云股份华北公司涿州工厂103工房一车间", None),
    ("打造一小时交通圈", None),
    ("半小时通勤圈基本形成", None),
    ("“六链五群”产业协同", None),
    ("主动融入京津冀“五群六链五廊”产业图谱", None),
    ("就是做到“八个健全，八个突破”", None),
    ("重点抓好“四个互联”", None),
    ("打造“两个新样板”", None),
    ("保定中关村创新中心", None),
    ("第二批国家级专精特新企业", None),
    ("京津冀产业协同专题工作组2024年度第二次工作会议", None),
    ("第三届博览会", None),
    ("党的二十届三中全会精神", None),
    ("省委十届六次全会指出", None),
    ("保定市委十二屆七次全會審議通過", None),
    ("学习贯彻党的二十大精神", None),
    ("全国政协十四届四次会议新闻发布会", None),
    ("零部件企业进入供应链", None),
    ("打破了国外长达数十年的垄断", None),
    ("几百家企业", None),
    ("建设5G基站", None),
    ("力促PM2.5平均浓度持续改善", None),
    ("R&D投入", None),
    ("C919大飞机", None),
    ("谋划推动一大批首创性改革举措", None),
    ("一批市场化疏解项目有序推进", None),
    ("构建京雄保一体化发展新格局", None),
    ("融入全国统一大市场", None),
    ("保定是最大的受益者之一", None),
    ("唯一的国家级园区", None),
    ("全力打造世界一流生命健康之都", None),
    ("加快建设国际医疗基地“一号工程”", None),
    ("进一步全面深化改革", None),
    ("一方面加强合作", None),
    ("出台一系列政策", None),
    ("取得一定成效", None),
    ("再造一个新保定", None),
    ("2024年", None),
    ("2024年12月", None),
    ("5月12日", None),
    ("二〇二四年", None),
    ("《现代化首都都市圈空间协同规划(2023-2035年)》正式发布", None),
    ("共同编制《推动6条重点产业链图谱落地的行动方案》", None),
    ("这十分重要", None),
    ("千家万户受益", None),
    ("百年大计", None),
    ("今年1-11月", None),
    ("京津冀三地", None),
    ("坚持五位一体总体布局", None),
    ("区域经济总量连跨6个万亿元台阶", "万亿"),
    ("百分比有所提高", None),
    ("最近召开会议", None),
]


@pytest.mark.parametrize("sentence, surface", NEGATIVES, ids=lambda x: str(x)[:16])
def test_finds_no_quantity(sentence, surface):
    found = find_quantities(sentence)
    if surface is None:
        assert found == [], found
    else:
        assert all(surface not in q.surface for q in found), found


@pytest.mark.parametrize(
    "span, value",
    [
        ("3748.6亿", 374860000000),
        ("11.5万亿", 1.15e13),
        ("30多万", 300000),
        ("一万多", 10000),
        ("二十三", 23),
        ("三百多", 300),
        ("十余", 10),
        ("两", 2),
        ("兩萬", 20000),
        ("一百零五", 105),
        ("三亿五千万", 3.5e8),
        ("一万亿", 1e12),
        ("千亿", 1e11),
        ("二〇二四", 2024),
        ("1,234.5", 1234.5),
        ("２．３", 2.3),
    ],
)
def test_parse_number(span, value):
    assert math.isclose(parse_number(span), value)


@pytest.mark.parametrize("span", ["", "abc", "增长", "3.4.5"])
def test_parse_number_rejects(span):
    assert parse_number(span) is None


def test_two_percentages_joined_by_and_are_not_a_range():
    found = find_quantities("占比不低于95%和85%")
    assert [(q.value, q.value_high) for q in found] == [(95, None), (85, None)]


def test_offsets_in_traditional_text_point_at_the_original():
    sentence = "部署了9方面28條230余項改革任務"
    for q in find_quantities(sentence):
        assert sentence[q.start : q.end] == q.surface


ALPHABET = st.sampled_from(
    list("0123456789０１２３.．,，%％-－~～+第一二两三十百千万亿萬億余多约超近以上左右个项家元年倍级“”《》‘’、和至及PM")
    + ["百分点", "个百分点", "亿元", "万人次", "平方公里", "同比增长", "全国", "排名"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join) | st.text(max_size=60))
def test_never_raises_and_offsets_hold(text):
    for q in find_quantities(text):
        assert q.surface == text[q.start : q.end]
        assert q.start < q.end
        assert q.value is not None
        assert q.unit or any(word in q.surface for word in "万萬亿億"), q


def _gold_claims():
    """Yield (file, claim) for every gold figure or target with a value."""
    for path in sorted(GOLD.glob("*.json")):
        for claim in json.loads(path.read_text("utf-8"))["claims"]:
            if claim["kind"] in ("figure", "target") and claim.get("value") is not None:
                yield path.name, claim


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"gold annotations not found at {GOLD}")
def test_gold_figures_are_found():
    claims = list(_gold_claims())
    failures = []
    for name, claim in claims:
        found = find_quantities(claim["quote"])
        value, unit = claim["value"], claim["unit"]
        if not any(q.unit == unit and abs(q.value - value) <= 0.005 * abs(value) for q in found):
            failures.append(f"{name}: {claim['surface']} = {value} {unit}; got {[(q.surface, q.value, q.unit) for q in found]}")
    rate = 1 - len(failures) / len(claims)
    print(f"gold coverage {rate:.3f} over {len(claims)} claims")
    assert rate >= 0.95, "\n".join(failures)


@pytest.mark.parametrize("text", ["形成了八个千亿级产业集群", "已有3家千亿级企业"])
def test_scale_classes_after_a_count_are_not_quantities(text):
    assert all("级" not in q.surface for q in find_quantities(text))


@pytest.mark.parametrize("sentence, surface, value", [
    ("总数达到2000万", "2000万", 2e7),
    ("人口数量约为1.1亿", "1.1亿", 1.1e8),
])
def test_a_number_with_its_own_magnitude_stands_without_a_unit(sentence, surface, value):
    (found,) = find_quantities(sentence)
    assert (found.surface, found.value, found.unit) == (surface, value, None)


@pytest.mark.parametrize("sentence", ["千家万户受益", "万众一心", "亿万人民", "三地"])
def test_a_bare_chinese_numeral_still_needs_a_unit(sentence):
    assert find_quantities(sentence) == []
