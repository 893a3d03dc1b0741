"""The cheap tests put in front of slow ones for speed must change no answer.

Each shortcut is checked against the plain form it replaced, on arbitrary text built
from the characters and words the shortcut is about.
"""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings, strategies as st

from tracker.extract import markers, places, quantities
from tracker.extract.markers import clause_marker_strength, has_any, present_word_before
from tracker.read import layout
from tracker.read.sentences import MAX_SENTENCE, split_sentences

_TOOLBAR = list(layout._furniture_words()["line"])
_LINE = st.lists(st.one_of(st.sampled_from(_TOOLBAR + ["首页", "新闻", "12", "万", "w", "阅读：", "大", "中", "小"]),
                           st.text(alphabet=" 0123456789１２>›»＞|/：:，。wW万新闻河北", max_size=4)),
                 max_size=8).map("".join).map(str.strip)


def _plain_counter(line: str) -> bool:
    return bool(layout._COUNTER.match(line.replace(" ", "")))


def _plain_breadcrumb(line: str) -> bool:
    parts = layout._CRUMB_SEPARATORS.split(line)
    return len(parts) >= 3 and all(0 < layout._length(p) <= 12 for p in parts) or (
        len(parts) == 2 and "首页" in parts[0] and layout._length(line) <= 30)


def _plain_toolbar(line: str) -> bool:
    if layout._length(line) > layout.SHORT_LINE:
        return False
    rest, found = line, False
    for word in _TOOLBAR:
        if word in rest:
            rest, found = rest.replace(word, " "), True
    rest = layout._FONT_SIZES.sub("", layout._PUNCT.sub("", rest))
    return found and not rest


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_the_line_shape_shortcuts_answer_as_the_full_tests(line):
    if not line:
        return
    assert layout._is_counter(line) == _plain_counter(line)
    assert layout._is_breadcrumb(line) == _plain_breadcrumb(line)
    assert layout._is_toolbar(line) == _plain_toolbar(line)


def test_the_line_shape_shortcuts_on_real_furniture():
    assert layout._is_counter("阅读 1.2万") and layout._is_counter("１２") and not layout._is_counter("12个")
    assert layout._is_breadcrumb("网易首页 > 网易河北 > 正文") and not layout._is_breadcrumb("首页")
    assert layout._is_toolbar("分享到：微信 微博 QQ空间") and not layout._is_toolbar("微信公众号发布")


_WORDS = list(markers._word_set("present_words")) + list(markers._word_set("past_markers"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="目前已经有如今累计完成了", max_size=3)),
                max_size=6).map("".join), st.integers(min_value=0, max_value=30))
def test_a_word_table_scan_finds_what_a_find_per_word_found(text, end):
    for table in ("present_words", "past_markers", "state_times"):
        assert has_any(text, table) == any(word in text for word in markers._word_set(table))
    assert present_word_before(text, end) == any(word in text[:end] for word in markers._word_set("present_words"))


def test_a_remembered_clause_strength_is_the_one_computed_afresh():
    for clause in ("力争到2027年，", "确保完成全年目标任务", "已经完成", "要坚持稳中求进，"):
        assert clause_marker_strength(clause) == clause_marker_strength.__wrapped__(clause)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="一二，。；\n  \u3000", max_size=60), st.integers(min_value=0, max_value=3))
def test_short_sentences_are_split_as_the_cutter_would(text, padding):
    text = " " * padding + text
    spans = [(s.start, s.end) for s in split_sentences(text)]
    assert all(text[a:b] == text[a:b].strip() and b > a for a, b in spans)
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert re.sub(r"\s", "", "".join(text[a:b] for a, b in spans)) == re.sub(r"\s", "", text)


def _masks_first(text, masks):
    """The numbers of ``text`` with every match tested against the masks as it is read."""
    found = []
    for m in quantities._quantity_re().finditer(text):
        raw = quantities._kept(m, text)
        if raw is not None and not quantities._inside(masks.spans, m.start(), m.end()):
            found.append(quantities._signed(raw, text))
    return found


_NUMBERS = st.lists(st.one_of(st.sampled_from(["《", "》", "“", "”", "十四五", "二十届三中全会", "5G", "个", "亿元", "%",
                                               "、", "和", "至", "-", "第", "级", "千亿", "多", "以上", "倍增"]),
                              st.text(alphabet="0123456789.一二三十百万亿年月元个，", max_size=4)),
                    max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(_NUMBERS)
def test_masks_tested_last_change_no_quantity(text):
    with patch.object(quantities, "_raws", _masks_first):
        expected = quantities.find_quantities(text)
    assert quantities.find_quantities(text) == expected


def test_a_masked_bare_number_beside_a_unit_stays_masked():
    # 十四五 is a plan's name, not a number to take the 个 of the one listed after it.
    assert [q.surface for q in quantities.find_quantities("十四五、5个")] == ["5个"]


def _places_in_plainly(text, pointed=None):
    """places_in as it was, testing every coordinator before every place."""
    lookup = places._place_lookup()
    found = [(m.start(), m.end(), lookup[m.group(0)]) for m in places.place_re().finditer(text)]
    for word, place in (pointed or {}).items():
        found += [(m.start(), m.end(), place) for m in re.finditer(re.escape(word), text)]
    if pointed:
        found.sort()
    before, after = places._not_subject_words()
    kept, excluded_end = [], -2
    for start, end, name in found:
        listed = any(excluded_end == start - len(word) and text.startswith(word, excluded_end)
                     for word in quantities.coordinators())
        if listed or text[max(0, start - 2):start].endswith(before) or text.startswith(after, end):
            excluded_end = end
            continue
        kept.append((start, end, name))
    return kept


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["北京", "天津", "河北", "全国", "全省", "全市", "高于", "来自", "和", "、", "以及", "与",
                                 "各地", "增长", "5%", "，"]), max_size=8).map("".join))
def test_places_with_the_coordinator_test_skipped_are_the_places_found_before(text):
    pointed = {"全市": "保定", "全省": "河北"}
    assert places.places_in(text, pointed) == _places_in_plainly(text, pointed)
    assert places.places_in(text) == _places_in_plainly(text)
