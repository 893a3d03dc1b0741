"""Metrics and event wording: what a number measures in the text's own words, and an event's text.

A share (占国内生产总值的比重, 与国内生产总值之比) is a metric of its numerator: the numerator
stays in the metric, and a clause that names none takes the nearest measured thing before it
(:func:`share_metric`); :func:`share_parts` splits a share for comparing metrics.

Reads data/metric_tails.tsv, data/metric_words.tsv, data/coordinators.tsv, data/times_of_day.tsv,
data/plan_periods.tsv, data/bylines.tsv and data/share_words.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..knowledge import words, words_with_role
from ..models import Claim, Quantity
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


# ------------------------------------------------------------------ shares

# A share is a level of these units; a change of it (比上年提高0.4个百分点) keeps its change words.
_SHARE_UNITS = ("%",)
# A numerator is named by a level (…达到45.5万亿元), else by a change of one (出口增长8%);
# a rank (第二), a span of years (连续十年) or a gap between rates (高出整体增速7.7个百分点)
# measures nothing a share could divide.
_NOT_MEASURED = ("位", "名", "年", "百分点")


def share_metric(metric: Optional[str], quantity: Quantity, earlier: Sequence[Claim]) -> Optional[str]:
    """A share's metric with its numerator, and without what follows its noun.

    ``earlier`` are the figures and targets before this number, in order: ``占国内生产总值的比重``
    after ``海洋生产总值2.3万亿元，同比增长5.1%`` is ``海洋生产总值占国内生产总值的比重`` (a level
    names the numerator before a change does); ``…比重多年在`` (11%左右) is ``…比重``.
    """
    if not metric:
        return metric
    if not quantity.change and quantity.unit in _SHARE_UNITS:
        nouns = list(_share_nouns().finditer(metric))
        if nouns and nouns[-1].end() < len(metric):
            metric = metric[:nouns[-1].end()]
    if not _opens_share(metric):
        return metric
    measured = [c for c in earlier if c.unit not in _NOT_MEASURED]
    levels = [c.metric for c in measured if not c.change and c.unit not in _SHARE_UNITS]
    for told in (*reversed(levels), *reversed([c.metric for c in measured])):
        numerator = _numerator_of(told)
        if numerator:
            return _short(numerator + metric)
    return metric


def share_parts(key: str) -> Optional[tuple[str, str]]:
    """A share's numerator and denominator (either may be empty), None for a key that is no share.

    ``share_parts("第一产业增加值占国内生产总值比重")`` is ``("第一产业增加值", "国内生产总值")``;
    ``share_parts("国产影片票房占比")`` is ``("国产影片票房", "")``.
    """
    return _share_parts(key)


@lru_cache(maxsize=1 << 14)
def _share_parts(key: str) -> Optional[tuple[str, str]]:
    # Words such as 占地 keep their 占 out of the search, at their own offsets.
    masked = _not_share().sub(lambda m: "\0" * len(m.group()), key)
    found = _share_split().search(masked)
    if found is None:
        return None
    rest = key[found.end():] if found.lastgroup != "noun" else ""
    noun = _share_nouns().search(rest)
    return key[:found.start()], rest[:noun.start()] if noun else rest


def _numerator_of(metric: Optional[str]) -> Optional[str]:
    """What a share before may lend as a numerator: its own numerator, or a level's name."""
    if not metric or metric.endswith("…") or _opens_share(metric):
        return None
    parts = _share_parts(metric)
    if parts is not None:
        return parts[0] if len(parts[0]) >= 2 else None
    stem = _trailing_change().sub("", _trailing_link().sub("", metric))
    stem = _trailing_link().sub("", stem).strip("，,、 ")
    return stem if len(stem) >= 2 else None


def _opens_share(metric: str) -> bool:
    """占全国的比重, 与同期国内生产总值之比, 占比: a share whose numerator the clause leaves out."""
    return _share_split().match(metric) is not None and not _not_share().match(metric)


@lru_cache(maxsize=1)
def _share_split() -> re.Pattern:
    """Where a share's numerator ends: its noun (…占比) or verb (…占…, …与…之比), leftmost.

    与 joins a pair only when a noun follows with no verb between: in
    与自贸伙伴的贸易额占我国贸易总额的比重 it is part of the numerator."""
    nouns = _alternation(words_with_role("share_words", "noun"))
    verbs = _alternation(words_with_role("share_words", "verb"))
    pairs = _alternation(words_with_role("share_words", "pair"))
    return re.compile(rf"(?P<noun>{nouns})|(?P<verb>{verbs})|(?P<pair>{pairs})(?=(?:(?!{verbs}).)*(?:{nouns}))")


@lru_cache(maxsize=1)
def _share_nouns() -> re.Pattern:
    return re.compile(_alternation(words_with_role("share_words", "noun")))


@lru_cache(maxsize=1)
def _not_share() -> re.Pattern:
    return re.compile(_alternation(words_with_role("share_words", "not")))
