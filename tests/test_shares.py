"""Shares (占…比重, 与…之比, 占比) keep their numerator: sentences → metrics, keys → parts, pairs → same metric."""

import itertools

import pytest

from tracker.compare.series import conflicts_among, evolve, metric_key, same_metric
from tracker.extract.claims import extract
from tracker.extract.metrics import share_parts
from tracker.extract.quantities import find_quantities
from tracker.models import StoredClaim


def metric_of(sentence, surface, published="2024-06-01"):
    found = [c for c in extract(sentence, published) if c.kind in ("figure", "target") and c.surface == surface]
    assert found, [(c.kind, c.surface, c.metric) for c in extract(sentence, published)]
    return found[0].metric


SHARES = [
    # sentence, the number's surface, its metric
    # The noun phrase before 占 or 与 is the numerator, and stays.
    ("其中，第一产业增加值占国内生产总值比重为7.3%，第二产业增加值比重为39.9%。", "7.3%", "第一产业增加值占国内生产总值比重"),
    ("其中，第一产业增加值占国内生产总值比重为7.3%，第二产业增加值比重为39.9%。", "39.9%", "第二产业增加值比重"),
    ("前三季度，服务业增加值占国内生产总值比重为55.1%。", "55.1%", "服务业增加值占国内生产总值比重"),
    ("前三季度，社会物流总费用与国内生产总值的比率为14.3%。", "14.3%", "社会物流总费用与国内生产总值的比率"),
    ("中国国内生产总值占全球经济比重由2012年的11.4%上升到18%左右。", "11.4%", "中国国内生产总值占全球经济比重"),
    # A clause that opens with 占 (or 与, or 占比) takes the nearest measured thing before it.
    ("白皮书介绍，截至2021年，中国数字经济规模达到45.5万亿元，占国内生产总值比重为39.8%。", "39.8%",
     "中国数字经济占国内生产总值比重"),
    ("一季度，我国海洋生产总值2.3万亿元，同比增长5.1%，占国内生产总值的比重为8.2%。", "8.2%",
     "我国海洋生产总值占国内生产总值的比重"),
    ("其中，对东盟进出口5.67万亿元，增长8.8%，占同期我国进出口总值的15.7%。", "15.7%", "对东盟进出口占同期我国进出口总值"),
    ("一季度，我国经常账户顺差5605亿元，与同期国内生产总值之比为2.0%。", "2.0%", "我国经常账户顺差与同期国内生产总值之比"),
    ("其中，福建省民营企业对东盟进出口1065.4亿元，占比超六成。", "六成", "福建省民营企业对东盟进出口占比"),
    # … a level before a rate: the share divides 年发电量, not 占全国发电总装机的47.3%.
    ("我国可再生能源装机达到了12.13亿千瓦，占全国发电总装机的47.3%，年发电量27000多亿度，占全社会用电量的31.6%。",
     "31.6%", "年发电量占全社会用电量"),
    # … and without a level, the change of one (出口增长8%).
    ("前三季度，我国机电产品出口增长8%，占出口总值的59.3%。", "59.3%", "我国机电产品出口占出口总值"),
    # … never a gap between rates (高出整体增速7.7个百分点), a rank (第二) or a span of years.
    ("进出口同比增长9.8%，高出整体增速7.7个百分点，占进出口总值的34.3%。", "34.3%", "进出口占进出口总值"),
    ("2022年，我国数字经济规模已经达到50.2万亿元，连续数年稳居世界第二，占国内生产总值比重提升至41.5%。", "41.5%",
     "我国数字经济占国内生产总值比重"),
    # … and a change of the share keeps the numerator and its change words.
    ("中西部地区合计进出口3.06万亿元，占我国进出口总值的比重为18.2%，占比较去年同期提升0.4个百分点。", "0.4个百分点",
     "中西部地区合计进出口占比较同期提升"),
    ("前三季度，服务业增加值占国内生产总值比重为55.1%，比上年同期上升1.4个百分点。", "1.4个百分点",
     "服务业增加值占国内生产总值比重比上年同期上升"),
    # After the noun of a share that is a level, only how it is told: cut.
    ("据统计，北京文化产业增加值占全市国内生产总值比重多年在11%左右，居全国第一。", "11%左右",
     "北京文化产业增加值占全市国内生产总值比重"),
    ("截至一季度末，我国非化石能源发电装机容量占比首次超过50%。", "50%", "我国非化石能源发电装机容量占比"),
    ("十年来，新能源公交车占比由十年前的不到20%提高到去年的80%以上。", "20%", "新能源公交车占比"),
    # 与 inside the numerator is no pair; 占地 is no share.
    ("对外签署的自贸协定由10个增长到19个，与自贸伙伴的贸易额占我国贸易总额的比重由17%提升至35%。", "35%",
     "与自贸伙伴的贸易额占我国贸易总额的比重"),
    ("该项目是塔克拉玛干沙漠腹地最大的集中式光伏电站，占地面积近4000亩。", "4000亩", "占地面积"),
    ("2023年，德国国内生产总值与上一年相比下降0.3%。", "0.3%", "德国国内生产总值与上一年相比下降"),
    # Nothing measured before: the share stays as told.
    ("占比达到55.62%。", "55.62%", "占比"),
]


@pytest.mark.parametrize("sentence, surface, metric", SHARES)
def test_a_share_keeps_its_numerator(sentence, surface, metric):
    assert metric_of(sentence, surface) == metric


def test_a_share_after_a_semicolon_divides_what_the_sentence_before_measured():
    text = "全国海洋生产总值达99097亿元，比上年增长6%，增速高于国内生产总值增速0.8个百分点；占国内生产总值7.9%，比上年增加0.1个百分点。"
    assert metric_of(text, "7.9%") == "全国海洋生产总值占国内生产总值"


def test_a_new_paragraph_does_not_lend_a_numerator():
    text = "全国海洋生产总值达99097亿元；\n占国内生产总值7.9%。"
    assert metric_of(text, "7.9%") == "占国内生产总值"


@pytest.mark.parametrize("key, parts", [
    ("第一产业增加值占国内生产总值比重", ("第一产业增加值", "国内生产总值")),
    ("国产影片票房占比", ("国产影片票房", "")),
    ("中国经济总量约占RCEP区域", ("中国经济总量", "RCEP区域")),
    ("经常账户顺差与同期国内生产总值之比", ("经常账户顺差", "同期国内生产总值")),
    ("与自贸伙伴贸易额占贸易总额比重", ("与自贸伙伴贸易额", "贸易总额")),
    ("优良天数比例", ("优良天数", "")),
    ("占比", ("", "")),
    ("GDP与上一年相比下降", None),
    ("占地面积", None),
    ("人均粮食占有量", None),
    ("国内生产总值", None),
])
def test_share_parts(key, parts):
    assert share_parts(key) == parts


@pytest.mark.parametrize("a, b, same", [
    # Different numerators over one long denominator are different metrics …
    ("第一产业增加值占国内生产总值比重", "服务业增加值占国内生产总值比重", False),
    ("我国海洋生产总值占国内生产总值的比重", "服务业增加值占国内生产总值比重", False),
    ("西部地区生产总值占全国", "全国海洋生产总值占国内生产总值", False),
    # … a share is not its denominator's level, nor a share whose numerator is unknown …
    ("占国内生产总值的比重", "国内生产总值", False),
    ("占全国进出口总值", "我国货物贸易进出口总值同比增长", False),
    ("占国内生产总值的比重", "服务业增加值占国内生产总值比重", False),
    # … nor exports a share of trade.
    ("机电产品出口占进出口总值", "机电产品出口占出口总值", False),
    # One numerator, told two ways, is one metric.
    ("我国对共建“一带一路”国家进出口占进出口总值", "我国对共建“一带一路”国家进出口占比", True),
    ("高技术制造业占规模以上工业增加值比重", "高技术制造业增加值占规模以上工业增加值的比重", True),
    ("社会物流总费用与国内生产总值的比率", "社会物流总费用与国内生产总值比率力争降低至", True),
    # Metrics that are no shares compare as before.
    ("全市吸纳京津技术合同成交额达到", "河北省吸纳京津技术合同成交额同比增长", True),
])
def test_shares_are_one_metric_only_with_one_numerator(a, b, same):
    assert same_metric(metric_key(a, "全国"), metric_key(b, "全国")) is same


_ids = itertools.count(1)


def figure(metric, value, article):
    return StoredClaim(id=next(_ids), kind="figure", change=False, metric=metric, value=value, value_high=None,
                       unit="%", qualifier="=", subject="全国", as_of="2023", article=article, published="2024-01",
                       deadline=None, strength=None, sentence=f"{metric}为{value}%。", surface=f"{value}%")


def test_shares_of_different_numerators_do_not_conflict():
    figures = [figure("我国海洋生产总值占国内生产总值的比重", 8.2, 1), figure("服务业增加值占国内生产总值比重", 55.1, 2),
               figure("全国文化及相关产业增加值占国内生产总值的比重", 4.59, 3)]
    assert conflicts_among(figures) == []
    assert len(evolve(figures, "国内生产总值").series) == 3


def test_one_share_told_twice_with_two_values_still_conflicts():
    figures = [figure("服务业增加值占国内生产总值比重", 55.1, 1), figure("服务业增加值占GDP比重", 54.6, 2),
               figure("服务业增加值占国内生产总值的比重", 54.6, 3)]
    assert [sorted(p.article for p in c.points) for c in conflicts_among(figures)] == [[1, 3]]


@pytest.mark.parametrize("text, value, qualifier", [
    ("占加沙地带总人口的约四分之三", 75.0, "~"),
    ("产量占全球市场的三分之二以上", 66.67, ">="),
    ("约占全国总量的四分之一", 25.0, "="),
    ("十分之一的家庭", 10.0, "="),
    ("百分之五十", 50.0, "="),
    ("以不到全国千分之四的土地", 0.4, "="),
])
def test_a_fraction_is_a_share_in_per_cent(text, value, qualifier):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (pytest.approx(value), "%", qualifier)


@pytest.mark.parametrize("text", ["这十分重要", "是世界最大的经济体之一", "四分之一个世纪以来"])
def test_words_that_look_like_fractions_are_no_numbers(text):
    assert find_quantities(text) == []
