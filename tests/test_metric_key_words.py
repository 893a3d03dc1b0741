"""A metric key tries only the words that may occur in it, and comes out as trying them all."""

from __future__ import annotations

import pytest

from tracker.compare.series import _may_occur, _strip_edges


def cut(words, text: str) -> str:
    for word in words:
        text = text.replace(word, "")
    return text


CASES = [
    (("中", "增长"), "增中长率"),          # cutting 中 makes 增长, the next word
    (("增长", "中"), "增中长率"),          # in the other order it is not made in time
    (("同比", "比增"), "同比增长"),
    (("全省", "全"), "全省全国"),
    (("年末", "末"), "年末总量末"),
    (("规模以上", "以上"), "总额"),        # none of them: nothing to try
    (("增长",), ""),
    (("长率", "增"), "增长率增"),          # from the edges: 增 then 长率, pass after pass
]


@pytest.mark.parametrize("words, text", CASES)
def test_the_words_that_may_occur_cut_as_all_the_words(words, text):
    assert cut(_may_occur(words, text), text) == cut(words, text)
    assert _strip_edges(text, _may_occur(words, text)) == _strip_edges(text, words)
