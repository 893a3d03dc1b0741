"""The text side of a diff: sentences aligned, then rewritten sentences diffed within.

A character diff of whole articles is soup, so the text is compared in two steps:

* sentences are aligned first: each distinct sentence becomes one character (the
  ``linesToChars`` trick of diff-match-patch), the two strings are diffed, and the
  characters are mapped back;
* a run of deleted sentences next to a run of inserted ones is paired by likeness
  (character bigrams, an order-keeping alignment), and each pair is diffed within,
  numbers kept whole (34.8% → 36.2% is one change, not digit soup).

Pure and ordered explicitly; ``Diff_Timeout`` is 0 so the result never depends on how
fast the machine is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from diff_match_patch import diff_match_patch

from .. import likeness

# Two sentences of a changed run are one sentence rewritten when their character
# bigrams overlap this much (Dice); below it they are a deletion and an insertion.
SAME_SENTENCE = 0.5

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|.", re.S)
PUNCTUATION = re.compile(r"[^\w+]|_", re.UNICODE)
_OPS = {-1: "delete", 0: "equal", 1: "insert"}


@lru_cache(maxsize=1)
def dmp() -> diff_match_patch:
    """One diff-match-patch with no timeout: exact diffs, whatever the machine."""
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


@dataclass(frozen=True)
class TextOp:
    """A stretch of text kept (``equal``), only in A (``delete``) or only in B (``insert``)."""

    op: str
    text: str

    def to_dict(self) -> dict:
        return {"op": self.op, "text": self.text}


@dataclass(frozen=True)
class SentenceChange:
    """One step of the aligned text: a sentence kept, deleted, inserted, or rewritten (``change``)."""

    op: str  # equal | delete | insert | change
    a: Optional[int]  # sentence number in A (None for an insertion)
    b: Optional[int]  # sentence number in B (None for a deletion)
    a_text: str = ""  # simplified
    b_text: str = ""
    parts: tuple[TextOp, ...] = ()  # a change, diffed within

    def to_dict(self) -> dict:
        row = {"op": self.op, "a": self.a, "b": self.b, "a_text": self.a_text, "b_text": self.b_text}
        if self.op == "change":
            row["parts"] = [p.to_dict() for p in self.parts]
        return row


# ------------------------------------------------------------------- text


def diff_text(a: str, b: str, cleanup: bool = True) -> tuple[TextOp, ...]:
    """A character diff of two texts that keeps numbers whole (34.8% → 36.2% is one change)."""
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []
    encoded_a = _encode(_TOKEN.findall(a), vocabulary, tokens)
    encoded_b = _encode(_TOKEN.findall(b), vocabulary, tokens)
    diffs = dmp().diff_main(encoded_a, encoded_b, False)
    if cleanup:
        dmp().diff_cleanupSemantic(diffs)
    return tuple(TextOp(_OPS[op], "".join(tokens[_index(c)] for c in chars)) for op, chars in diffs if chars)


def align_sentences(a: Sequence[str], b: Sequence[str], numbers_a: Optional[Sequence[int]] = None,
                    numbers_b: Optional[Sequence[int]] = None) -> tuple[SentenceChange, ...]:
    """Align two lists of sentences: kept, deleted, inserted, and rewritten pairs diffed within."""
    numbers_a = list(range(len(a))) if numbers_a is None else list(numbers_a)
    numbers_b = list(range(len(b))) if numbers_b is None else list(numbers_b)
    vocabulary: dict[str, str] = {}
    sentences: list[str] = []
    diffs = dmp().diff_main(_encode(a, vocabulary, sentences), _encode(b, vocabulary, sentences), False)
    steps: list[SentenceChange] = []
    i = j = 0
    run_a: list[int] = []
    run_b: list[int] = []
    for op, chars in diffs:
        if op == 0:
            steps += _changed_run(a, b, run_a, run_b, numbers_a, numbers_b)
            run_a, run_b = [], []
            for k in range(len(chars)):
                steps.append(SentenceChange("equal", numbers_a[i + k], numbers_b[j + k], a[i + k], b[j + k]))
            i, j = i + len(chars), j + len(chars)
        elif op < 0:
            run_a += range(i, i + len(chars))
            i += len(chars)
        else:
            run_b += range(j, j + len(chars))
            j += len(chars)
    steps += _changed_run(a, b, run_a, run_b, numbers_a, numbers_b)
    return tuple(steps)


def _changed_run(a, b, run_a: list[int], run_b: list[int], numbers_a, numbers_b) -> list[SentenceChange]:
    """Deleted and inserted sentences between two kept ones, rewritten pairs matched in order."""
    steps: list[SentenceChange] = []
    i = j = 0
    for pi, pj in _pair_sentences([a[k] for k in run_a], [b[k] for k in run_b]):
        steps += [SentenceChange("delete", numbers_a[k], None, a_text=a[k]) for k in run_a[i:pi]]
        steps += [SentenceChange("insert", None, numbers_b[k], b_text=b[k]) for k in run_b[j:pj]]
        x, y = run_a[pi], run_b[pj]
        steps.append(SentenceChange("change", numbers_a[x], numbers_b[y], a[x], b[y], diff_text(a[x], b[y])))
        i, j = pi + 1, pj + 1
    steps += [SentenceChange("delete", numbers_a[k], None, a_text=a[k]) for k in run_a[i:]]
    steps += [SentenceChange("insert", None, numbers_b[k], b_text=b[k]) for k in run_b[j:]]
    return steps


def _pair_sentences(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """The order-keeping pairing of alike sentences with the greatest total likeness."""
    alike = _alike(a, b)
    # A heaviest chain of pairs rising in both a and b: pairs by a, the later b first within
    # one a (so one sentence pairs once), each extending the best chain ending before its b.
    tree = _PrefixMax(len(b))
    chains: dict[tuple[int, int], tuple[float, Optional[tuple[int, int]]]] = {}
    for (x, y) in sorted(alike, key=lambda pair: (pair[0], -pair[1])):
        total, before = tree.best(y)
        chains[x, y] = (total + alike[x, y], before)
        tree.offer(y, total + alike[x, y], (x, y))
    pairs = []
    end = tree.best(len(b))[1]
    while end is not None:
        pairs.append(end)
        end = chains[end][1]
    return pairs[::-1]


def _alike(a: Sequence[str], b: Sequence[str]) -> dict[tuple[int, int], float]:
    """Likeness (bigram Dice) of every pair of sentences alike enough to be one rewritten."""
    grams_a = [likeness.bigrams(PUNCTUATION.sub("", s)) for s in a]
    grams_b = [likeness.bigrams(PUNCTUATION.sub("", s)) for s in b]
    holders: dict[str, list[int]] = {}
    for y, grams in enumerate(grams_b):
        for gram in grams:
            holders.setdefault(gram, []).append(y)
    alike = {}
    for x, grams in enumerate(grams_a):
        shared = Counter()
        for gram in grams:
            shared.update(holders.get(gram, ()))
        for y, count in shared.items():
            dice = 2 * count / (len(grams) + len(grams_b[y]))
            if dice >= SAME_SENTENCE:
                alike[x, y] = dice
    return alike


class _PrefixMax:
    """Best chain total (and its last pair) over positions below a bound: a Fenwick tree of maxima."""

    def __init__(self, size: int):
        self.size = size
        self.cells: list[tuple[float, Optional[tuple[int, int]]]] = [(0.0, None)] * (size + 1)

    def best(self, bound: int) -> tuple[float, Optional[tuple[int, int]]]:
        """The best over positions ``0 .. bound - 1``."""
        found = (0.0, None)
        while bound > 0:
            if self.cells[bound][0] > found[0]:
                found = self.cells[bound]
            bound -= bound & -bound
        return found

    def offer(self, position: int, total: float, pair: tuple[int, int]) -> None:
        index = position + 1
        while index <= self.size:
            if total > self.cells[index][0]:
                self.cells[index] = (total, pair)
            index += index & -index


def _encode(items: Iterable[str], vocabulary: dict[str, str], table: list[str]) -> str:
    """Each distinct item as one character (dmp's linesToChars), so the diff moves whole items."""
    chars = []
    for item in items:
        char = vocabulary.get(item)
        if char is None:
            char = vocabulary[item] = _char(len(table))
            table.append(item)
        chars.append(char)
    return "".join(chars)


def _char(index: int) -> str:
    # Skip the surrogate block: those code points are not characters.
    return chr(index if index < 0xD800 else index + 0x800)


def _index(char: str) -> int:
    code = ord(char)
    return code if code < 0xD800 else code - 0x800
