"""Split an article body into sentences with their offsets.

A sentence ends at 。！？；, an ellipsis (…… or ...), or a line break.  Closing quotes
and brackets that follow the end mark stay with the sentence, so “……。” is one unit.
"""

from __future__ import annotations

import re
from typing import Iterable

from .fastre import compile_gated
from .models import Piece, Sentence

_END = "。！？；!?;"
_CLOSERS = "”’」』）)】》\"'"
# An end mark (or a run of them, or an ellipsis) plus any closers, or a line break.
_BOUNDARY = compile_gated(rf"(?:[{_END}]+|…+|\.\.\.+)[{_CLOSERS}]*|\n")


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
    sentences = []
    for left, right in spans:
        left, right = _trim(text, left, right)
        if right > left:
            sentences.append(
                Sentence(len(sentences), left, right, text[left:right], _piece_of(left, piece_list))
            )
    return tuple(sentences)


def _trim(text: str, left: int, right: int) -> tuple[int, int]:
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _piece_of(offset: int, pieces: list[Piece]) -> int | None:
    for number, piece in enumerate(pieces):
        if piece.start <= offset < piece.end:
            return number
    return None
