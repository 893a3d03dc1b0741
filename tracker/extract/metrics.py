"""Metrics and event wording: what a number measures in the text's own words, and an event's text.

Reads data/metric_tails.tsv, data/metric_words.tsv, data/coordinators.tsv, data/times_of_day.tsv,
data/plan_periods.tsv and data/bylines.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from ..knowledge import words, words_with_role
from ..models import Quantity
from .clauses import Clause
from .places import place_re


def _metric(text: str, clause: Clause, quantity: Quantity, start: Optional[int] = None) -> Optional[str]:
    """What a quantity measures, in the text's words: the clause before it, or after it.

    ``start`` is where a listed item begins inside the clause (after 、)."""
    before = text[max(clause.start, start or 0):quantity.start]
    before = _LIST_BREAK.split(before)[-1] if len(before) > 24 else before
    before = _strip_times(before)
    source = _FROM_NUMBER.search(before)
    if source:  # 经济总量从3748.6亿元增长到5002.5亿元: the metric is what stands before 从
        before = before[:source.start()]
    before = _leading_filler().sub("", before.strip("，,；;：: "))
    before = _TRAILING_FROM.sub("", _trailing_link().sub("", before))
    if (not before or _bare_change().fullmatch(before)) and clause.start > 0:
        # 地区生产总值增长5.4%，达到47526.9亿元 / 收入4293.2亿元，增长3.1%: the clause
        # names no metric, so it is the previous clause's, with this clause's change word.
        stem = _metric_stem(text[:clause.start])
        if stem:
            return _short(stem + before)
    after = text[quantity.end:clause.end].strip("，,；;。、 ")
    after = _LEADING_DE.sub("", after)
    # 京津冀地区共拥有7个国家级先进制造业集群: before the number stands only the place,
    # so what is counted is named after the measure word.
    only_place = len(_leading_filler().sub("", place_re().sub("", before)).strip("地区")) < 2
    if len(before) >= 2 and not (only_place and len(after) >= 2):
        return _short(before)
    return _short(after) if len(after) >= 2 else None


_NUMBER_START = re.compile(r"[0-9０-９]")
SENTENCE_BREAK = re.compile(r"[。；;]")
_METRIC_BREAK = re.compile(r"[，,；;。：:]")
COMMA = re.compile(r"[，,]")
_LIST_BREAK = re.compile(r"[、（(]|等")
_FROM_NUMBER = re.compile(r"[从由][^，,；;]*?[0-9０-９]")
_TRAILING_FROM = re.compile(r"[从由]$")
_LEADING_DE = re.compile(r"^的")
# Grammar, not vocabulary: the numeral patterns and punctuation below stay in code, the
# words come from data/metric_words.tsv and data/plan_periods.tsv.
_N_YEARS_WITHIN = r"[一二三四五六七八九十两\d]+年内"  # 三年内, 5年内: cut at a metric's head
_WRITTEN_DATE = r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?"  # 2024年5月12日: cut from a metric


def _alternation(items: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in items)


@lru_cache(maxsize=1)
def _leading_filler() -> re.Pattern:
    """我市, 其中, 累计, 三年内 … at the head of a metric, one after another."""
    return re.compile(rf"^(?:{_alternation(words_with_role('metric_words', 'head'))}|{_N_YEARS_WITHIN})+")


@lru_cache(maxsize=1)
def _trailing_link() -> re.Pattern:
    """总数达到, 已经达到了, 为 … between a metric and its number (a comma too)."""
    size = _alternation(words_with_role("metric_words", "size"))
    link = _alternation(words_with_role("metric_words", "link"))
    return re.compile(rf"(?:{size})?(?:{link}|，)+$")


@lru_cache(maxsize=1)
def _bare_change() -> re.Pattern:
    """增长, 同比增长, 比上年下降: a change word with its optional comparison base."""
    base = _alternation(words_with_role("metric_words", "base"))
    change = _alternation(words_with_role("metric_words", "change"))
    return re.compile(rf"(?:{base})?(?:{change})")


@lru_cache(maxsize=1)
def _trailing_change() -> re.Pattern:
    return re.compile(rf"(?:{_bare_change().pattern})$")


@lru_cache(maxsize=1)
def _times_in_metric() -> re.Pattern:
    """2024年5月, 今年, “十四五”时期: time words cut from a metric."""
    times = _alternation(words_with_role("metric_words", "time"))
    plans = _alternation(words("plan_periods", "name"))
    suffix = _alternation(words_with_role("metric_words", "period_suffix"))
    return re.compile(rf"{_WRITTEN_DATE}|{times}|“?(?:{plans})”?(?:{suffix})?")


_EVENT_HEAD_PUNCT = "，,、：: "


def strip_event_head(event: str) -> str:
    """Punctuation and times of day (下午, 晚上) before an event, as whole words:
    上海市召开… and 上线运行… keep their 上."""
    times = words("times_of_day")
    while True:
        rest = event.lstrip(_EVENT_HEAD_PUNCT)
        rest = next((rest[len(t):] for t in times if rest.startswith(t)), rest)
        if rest == event:
            return event
        event = rest


def _metric_stem(before: str) -> Optional[str]:
    """The metric named at the head of the clause before: 全省地区生产总值增长5.4% → 地区生产总值."""
    previous = _strip_times(_METRIC_BREAK.split(before.rstrip("，,；; "))[-1])
    digit = _NUMBER_START.search(previous)
    head = previous[:digit.start()] if digit else previous
    head = _leading_filler().sub("", head.strip())
    head = _trailing_link().sub("", head)
    head = _trailing_change().sub("", head)
    return head if 2 <= len(head) <= 24 else None


def _strip_times(text: str) -> str:
    return _times_in_metric().sub("", text)


@lru_cache(maxsize=1)
def _dateline_opening() -> re.Pattern:
    words = "|".join(re.escape(w) for w in words_with_role("bylines", "dateline"))
    # 本报讯 米彦泽 近日，… : the dateline, the reporter's name, then the news.
    # 央视网消息（新闻联播）： the dateline may name its programme in brackets.
    return re.compile(rf"^(?:{words})\s*(?:[(（][\u4e00-\u9fff]{{2,8}}[)）])?[：:]?\s*"
                      rf"(?:[(（]?记者)?\s*(?:[\u4e00-\u9fff]{{2,4}}[)）]?\s+)?")


# 记者从河北雄安新区获悉，… / 据省发改委介绍，…: how the news reached the reporter, not the event.
_REPORTED = re.compile(r"^(?:记者)?(?:从|据)[^，,。]{1,24}(?:获悉|了解到|介绍|消息|透露)[，,：:]?")
_SPEAKER = re.compile(r"^[\u4e00-\u9fff]{1,6}[:：]")  # 记者: / 闫继红: in an interview
_PROGRAMME_TAG = re.compile(r"^[（(][\u4e00-\u9fff]{2,8}[)）][:：]")  # （新闻联播）：a broadcast's lead


def _short(text: str, limit: Optional[int] = 40) -> str:
    """An event or caption in a few words: no dateline, no speaker label, no edge punctuation."""
    text = _dateline_opening().sub("", text.strip(), count=1)
    text = _PROGRAMME_TAG.sub("", text, count=1)
    text = _SPEAKER.sub("", text, count=1)
    text = _REPORTED.sub("", text, count=1)
    text = text.strip("，,；;。：: ")
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def distribute(metric: Optional[str], count: int) -> Optional[list[str]]:
    """The metric of each of ``count`` coordinated numbers when the metric lists as many items.

    ``distribute("公交车、出租车占比", 2)`` is ``["公交车占比", "出租车占比"]``: the items share
    the tail that follows the last item's own head (data/metric_tails.tsv says where
    a tail may start).  None when the list does not match the numbers one to one.
    """
    if not metric or "、" not in metric:
        return None
    items = metric.split("、")
    if len(items) != count or any(not item for item in items):
        return None
    last = items[-1]
    starts = [at for at in range(1, len(last)) if last.startswith(_metric_tails(), at)]
    if not starts:
        return None
    tail = last[starts[0]:]
    return [item + tail for item in items[:-1]] + [last]


@lru_cache(maxsize=1)
def _metric_tails() -> tuple[str, ...]:
    return words("metric_tails")
