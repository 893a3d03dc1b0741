"""Publication dates: the five seeds against gold, and the rules on short texts."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.read.dating import date_article, find_dateline
from tracker.errors import BadUsage
from tracker.dates import PartialDate
from tracker.models import Layout
from tracker.read.script import simplify

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _gold_layout(text: str, gold: dict) -> Layout:
    """Rough layout from the gold body markers: the header is everything above the body."""
    first, last = simplify(gold["body"]["first"]), simplify(gold["body"]["last"])
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return Layout(title=None, body_start=start, body_end=end, header_end=start)


def _layout(text: str, gold: dict) -> Layout:
    try:
        from tracker.read.layout import find_layout
    except ImportError:
        return _gold_layout(text, gold)
    return find_layout(text)


def _seed(path: Path):
    gold_path = GOLD / f"{path.stem}.json"
    if not gold_path.exists():
        pytest.skip(f"no gold file at {gold_path}")
    gold = json.loads(gold_path.read_text("utf-8"))
    return simplify(path.read_text("utf-8")), gold


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_seed_matches_gold(path):
    text, gold = _seed(path)
    dating = date_article(text, _layout(text, gold))
    expected = gold["published"]
    assert dating.published == expected["date"], dating.evidence
    assert dating.basis == expected["basis"]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_seed_year_without_header(path):
    """Body evidence alone gets the year right, even where a dateline exists."""
    text, gold = _seed(path)
    layout = _gold_layout(text, gold)
    headless = Layout(title=None, body_start=layout.body_start, body_end=layout.body_end)
    dating = date_article(text, headless)
    assert dating.published[:4] == gold["published"]["date"][:4], dating.evidence


BODY = "京津冀协同发展11年来,区域经济总量连跨6个万亿元台阶。5月9日,工作人员在车间内工作。"


def _layout_for(text: str, body: str, furniture=()) -> Layout:
    start = text.index(body)
    return Layout(title=None, body_start=start, body_end=start + len(body), header_end=start,
                  furniture=tuple(furniture))


@pytest.mark.parametrize("given,published,precision", [
    ("2024-08", "2024-08", "month"), ("2024", "2024", "year"), ("2024-08-09", "2024-08-09", "day"),
])
def test_given_wins(given, published, precision):
    text = "标题\n2026-02-26 20:42:24\n" + BODY
    dating = date_article(text, _layout_for(text, BODY), meta_date="2025-01-01", given=given)
    assert (dating.published, dating.precision, dating.basis) == (published, precision, "given")


def test_bad_given_is_a_usage_error():
    with pytest.raises(BadUsage):
        date_article(BODY, _layout_for(BODY, BODY), given="last week")


def test_meta_date_is_explicit():
    dating = date_article(BODY, _layout_for(BODY, BODY), meta_date="2024-05-16T10:00:00+08:00")
    assert (dating.published, dating.basis) == ("2024-05-16", "explicit")


@pytest.mark.parametrize("header,published", [
    ("标题\n2026-02-26 20:42:24\n0\n", "2026-02-26"),
    ("标题\n时间：2026-02-02\n", "2026-02-02"),
    ("标题\n河北日报（20240225）\n", "2024-02-25"),
    ("标题\n2024年5月16日\n", "2024-05-16"),
    ("标题\n来源：河北日报  2024-05-16\n", "2024-05-16"),
    ("标题\n发布时间：2024-05-16 08:00 来源：河北日报\n", "2024-05-16"),
])
def test_header_dateline_is_explicit(header, published):
    text = header + BODY
    dating = date_article(text, _layout_for(text, BODY))
    assert (dating.published, dating.basis) == (published, "explicit")


def test_dateline_in_first_body_lines():
    body = "2024年5月16日\n" + BODY
    dating = date_article(body, Layout(title=None, body_start=0, body_end=len(body)))
    assert (dating.published, dating.basis) == ("2024-05-16", "explicit")


def test_sentence_with_date_is_no_dateline():
    body = "2024年9月29日厂通路潮白河大桥通车,京津冀协同发展11年来,交通一体化持续推进。"
    dating = date_article(body, Layout(title=None, body_start=0, body_end=len(body)))
    assert dating.basis == "inferred"
    assert dating.published == "2025"


def test_furniture_timestamps_are_ignored():
    sidebar = "相关内容\n2026-03-03 18:44:04\n3月3日下午,全国政协十四届四次会议开幕\n"
    text = "标题\n" + sidebar + BODY
    start = text.index(sidebar)
    layout = Layout(title=None, body_start=text.index(BODY), body_end=len(text), header_end=text.index(BODY),
                    furniture=((start, start + len(sidebar)),))
    dating = date_article(text, layout)
    assert (dating.published, dating.basis) == ("2025-05", "inferred")


def test_timestamps_after_the_body_are_ignored():
    text = BODY + "\n热点新闻\n2025-07-09 13:14:07\n"
    dating = date_article(text, _layout_for(text, BODY))
    assert dating.published == "2025-05"
    assert find_dateline(text, _layout_for(text, BODY)) is None


def test_unknown_without_evidence():
    body = "京津冀三地携手推进产业协同,共同编制行动方案。"
    dating = date_article(body, _layout_for(body, body))
    assert (dating.published, dating.precision, dating.basis) == (None, None, "unknown")


@pytest.mark.parametrize("body,published", [
    # a calendar event is a lower bound: year only
    ("为深入学习贯彻党的二十届三中全会精神,本报记者采访了市委书记。", "2024"),
    # a full-year statistic is published the year after
    ("2022年,全市生物医药产业实现营业收入855亿元。", "2023"),
    # a relative year tied to a dated event
    ("去年5月,习近平总书记主持召开深入推进京津冀协同发展座谈会。", "2024"),
    # anniversary, then the month from the newest day of that year
    ("今年是京津冀协同发展战略实施12周年。2月3日,规划正式发布。", "2026-02"),
    # a target year is no evidence
    ("到2027年,河北港口大宗货物绿色集疏运比例达到86%以上。", None),
    # a past full date bounds the year and gives the month
    ("2024年9月29日,大桥通车,市民出行更便捷。", "2024-09"),
])
def test_inference_rules(body, published):
    assert date_article(body, _layout_for(body, body)).published == published


def test_traditional_text_works_directly():
    body = "黨的二十屆三中全會緊緊圍繞推進中國式現代化這個主題。"
    assert date_article(body, _layout_for(body, body)).published == "2024"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789年月日今去近十一二三届中全会党的实施周年来京津冀协同发展，。\n-: ", max_size=60))
def test_dating_never_raises(text):
    dating = date_article(text, Layout(title=None, body_start=0, body_end=len(text)))
    assert dating.basis in ("explicit", "inferred", "unknown")


def test_evidence_quotes_text():
    dating = date_article(BODY, _layout_for(BODY, BODY))
    assert "11年来" in dating.evidence and "5月9日" in dating.evidence
    assert PartialDate.parse(dating.published) == PartialDate(2025, 5)


def test_years_in_forward_looking_sentences_are_not_statistics():
    body = ("12月20日，省委经济工作会议在石家庄召开。会议总结2024年工作，部署2025年经济工作任务。"
            "会议提出，2025年全省地区生产总值增长6%左右。\n2024年，全省地区生产总值增长5.4%，达到47526.9亿元。")
    dating = date_article(body, Layout(title=None, body_start=0, body_end=len(body)))
    assert dating.published.startswith("2025") and "for 2025" not in dating.evidence


@pytest.mark.parametrize("body,published", [
    ("雄安新区2023年完成投资1800亿元，同比增长20%。", "2024"),
    ("天津港2023年集装箱吞吐量达到2219万标准箱。", "2024"),
    ("项目于2023年完成投资1800亿元。", "2023"),
])
def test_a_subject_may_stand_before_a_statistics_year(body, published):
    assert date_article(body, Layout(title=None, body_start=0, body_end=len(body))).published == published


def test_a_broadcast_transcripts_eight_digit_stamp_is_an_explicit_date():
    from tracker.read.layout import find_layout

    text = ("《新闻联播》 20240226 19:00\n【央视快评】推动京津冀协同发展不断迈上新台阶\n"
            "央视网消息（新闻联播）：今天是京津冀协同发展战略提出十周年。\n")
    dating = date_article(text, find_layout(text))
    assert (dating.published, dating.basis) == ("2024-02-26", "explicit")


def test_eight_digits_in_a_sentence_are_not_a_date():
    from tracker.read.layout import find_layout

    text = "标题\n\n项目编号20240226 已完成审批，全年完成投资12亿元。\n"
    assert date_article(text, find_layout(text)).published != "2024-02-26"
