"""Split an article body into sentences with their offsets.

A sentence ends at 。！？；, an ellipsis (…… or ...), or a line break.  Closing quotes
and brackets that follow the end mark stay with the sentence, so “……。” is one unit.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from ..extract.fastre import compile_gated
from ..models import Piece, Sentence

_END = "。！？；!?;"
_CLOSERS = "”’」』）)】》\"'"
# An end mark (or a run of them, or an ellipsis) plus any closers, or a line break.
_BOUNDARY = compile_gated(rf"(?:[{_END}]+|…+|\.\.\.+)[{_CLOSERS}]*|\n")

#: Longest sentence kept whole.  Real ones stay under 2,000 characters (the longest in xwlb
#: 2022-2024 is a list of 1,978 names); extraction does more than linear work in a sentence's
#: length, so a 50,000-character line without a full stop took half a minute.  Longer runs
#: are cut after the last clause mark in the second half of each window: ， first, then 、,
#: then a space, else at the hard length.
MAX_SENTENCE = 2000
_CUT_MARKS = ("，,", "、", " \t\u3000")
_DIGITS = frozenset("0123456789.０１２３４５６７８９．")
#: A hard cut inside a run of digits leaves at least this many after it: longer than any
#: quantity (quantities.MAX_NUMBER), so the tail of 32,000 digits is not read as 1111亿元.
_NUMBER_TAIL = 32


def split_sentences(
    text: str, start: int = 0, end: int | None = None, pieces: Iterable[Piece] = ()
) -> tuple[Sentence, ...]:
    """Return the sentences of ``text[start:end]``, numbered from 0, each tagged with its piece."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    piece_list = list(pieces)
    piece_starts = [piece.start for piece in piece_list]
    sentences = []
    for whole_left, whole_right in spans:
        left, right = _trim(text, whole_left, whole_right)
        # Nearly every sentence is short: no cutting, and trimmed once is trimmed.
        parts = ((left, right),) if right - left <= MAX_SENTENCE else \
            [_trim(text, *part) for part in _cut_long(text, left, right)]
        for left, right in parts:
            if right > left:
                sentences.append(
                    Sentence(len(sentences), left, right, text[left:right], _piece_of(left, piece_list, piece_starts))
                )
    return tuple(sentences)


def _cut_long(text: str, left: int, right: int):
    """Yield [left, right) in spans of at most MAX_SENTENCE characters, cut at clause marks."""
    while right - left > MAX_SENTENCE:
        limit = left + MAX_SENTENCE
        cut = limit
        for marks in _CUT_MARKS:
            at = max(text.rfind(mark, left + MAX_SENTENCE // 2, limit) for mark in marks)
            if at >= 0:
                cut = at + 1
                break
        if cut == limit:
            cut = _off_a_number(text, left + MAX_SENTENCE // 2, cut, right)
        yield left, cut
        left = cut
    yield left, right


def _off_a_number(text: str, low: int, cut: int, right: int) -> int:
    """Move a hard cut out of a number: before it, or far enough back in an endless run of
    digits that what follows the cut is still too long to be a number."""
    if text[cut - 1] not in _DIGITS or text[cut] not in _DIGITS:
        return cut
    start = cut
    while start > low and text[start - 1] in _DIGITS:
        start -= 1
    if start > low:
        return start
    end = cut
    while end < right and end - cut <= _NUMBER_TAIL and text[end] in _DIGITS:
        end += 1
    return cut - _NUMBER_TAIL if end - cut < _NUMBER_TAIL else cut


def _trim(text: str, left: int, right: int) -> tuple[int, int]:
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _piece_of(offset: int, pieces: list[Piece], starts: list[int]) -> int | None:
    """The piece holding ``offset`` (pieces are in order and do not overlap), found by bisection."""
    number = bisect_right(starts, offset) - 1
    if number >= 0 and offset < pieces[number].end:
        return number
    return None
