"""Text likeness: the one measure events, series and diff use to say two texts are alike.

Chinese has no spaces to split words on, and two documents never word a metric or an
event the same way twice, so likeness is measured on character bigrams: Dice or
Jaccard of the two sets, or the share of the shorter text's bigrams found in the
longer (containment), which lets 央企子公司 meet 央企二、三级子公司.  Containment
only counts when the shorter text has enough bigrams to mean something alone.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable


@lru_cache(maxsize=1 << 16)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a text (a one-character text is its own gram)."""
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2·|a∩b| / (|a|+|b|), 0 when both are empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a∩b| / |a∪b|, 0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: frozenset[str], b: frozenset[str], min_grams: int) -> float:
    """The share of the smaller set found in the larger, 0 when it has fewer than ``min_grams``."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller >= min_grams and smaller else 0.0


class GramIndex:
    """An inverted index from bigram to the items holding it, so that only items that
    share a gram are ever compared (never all pairs)."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self.grams: list[frozenset[str]] = []

    def add(self, grams: frozenset[str]) -> int:
        """Index one item's grams; return its number."""
        number = len(self.grams)
        self.grams.append(grams)
        for gram in grams:
            self._postings.setdefault(gram, []).append(number)
        return number

    def extend(self, number: int, grams: Iterable[str]) -> None:
        """Let item ``number`` also be found by ``grams``."""
        merged = self.grams[number] | frozenset(grams)
        for gram in merged - self.grams[number]:
            self._postings.setdefault(gram, []).append(number)
        self.grams[number] = merged

    def candidates(self, grams: frozenset[str], at_least: int = 1) -> set[int]:
        """The items sharing at least ``at_least`` grams with ``grams``.

        A likeness threshold needs a number of shared grams, so a caller that knows it
        compares far fewer pairs than with every item sharing one common gram (发展).
        """
        if at_least <= 1:
            found: set[int] = set()
            for gram in grams:
                found.update(self._postings.get(gram, ()))
            return found
        # An item sharing ``at_least`` of the grams is in one of the postings of all but the
        # ``at_least - 1`` commonest: gather those (the rare grams' short lists), then count
        # each gathered item's shared grams on its own set.
        grams = grams if isinstance(grams, (set, frozenset)) else frozenset(grams)
        if at_least > len(grams):
            return set()
        postings = sorted((self._postings.get(gram, ()) for gram in grams), key=len)
        found = set()
        for items in postings[:len(postings) - at_least + 1]:
            found.update(items)
        mine = self.grams
        return {number for number in found if len(mine[number] & grams) >= at_least}
