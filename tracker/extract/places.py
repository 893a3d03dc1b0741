"""Places and subjects: which place or body a claim is about, and what 全市/我省 point at.

One counter (:func:`_place_counts`) decides the place an article names most.
Reads data/places.tsv, data/deictic_places.tsv and data/not_subject.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, Optional

from ..knowledge import load_table
from .fastre import compile_gated, word_trie
from .quantities import coordinators

PLACE_COUNT_CHARS = 3000


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    rows = load_table("places", ("name",))
    return tuple(sorted(((r["name"], r["canonical"] or r["name"]) for r in rows), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _place_lookup() -> dict[str, str]:
    return dict(_places())


@lru_cache(maxsize=1)
def place_re() -> re.Pattern:
    return compile_gated(word_trie(name for name, _ in _places()))




@lru_cache(maxsize=16)
def _words_re(words: tuple[str, ...]) -> re.Pattern:
    return compile_gated(word_trie(words))


def places_in(text: str, pointed: Optional[dict] = None) -> list[tuple[int, int, str]]:
    """Places named in ``text`` as (start, end, canonical name), in order, leaving out
    those that are not what a figure is about (高于全国、全省; 来自全国各地; see not_subject.tsv).

    With ``pointed`` (word → place), words such as 全市 count as naming that place.
    """
    lookup = _place_lookup()
    found = [(m.start(), m.end(), lookup[m.group(0)]) for m in place_re().finditer(text)]
    # One pass for all of 全市, 我省 …: most sentences name none, and a find per word was most of this.
    for word, place in (pointed.items() if pointed and _words_re(tuple(pointed)).search(text) else ()):
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), place))
            at = text.find(word, at + len(word))
    if pointed:
        found.sort()
    if not found:  # most sentences
        return []
    before, after = _not_subject_words()
    kept, excluded_end = [], -2
    for start, end, name in found:
        # Before any exclusion (-2) the test can hold only for a place at the start: skip it.
        listed = (excluded_end >= 0 or start == 0) and any(
            excluded_end == start - len(word) and text.startswith(word, excluded_end) for word in coordinators())
        if listed or text[max(0, start - 2):start].endswith(before) or text.startswith(after, end):
            excluded_end = end
            continue
        kept.append((start, end, name))
    return kept


@lru_cache(maxsize=1)
def _not_subject_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = load_table("not_subject", ("word", "where"))
    return (tuple(r["word"] for r in rows if r["where"] == "before"),
            tuple(r["word"] for r in rows if r["where"] == "after"))


@lru_cache(maxsize=1)
def _place_levels() -> dict[str, str]:
    return {(r["canonical"] or r["name"]): r.get("level", "") for r in load_table("places", ("name",))}


def pointed_places(text: str) -> dict[str, str]:
    """What 全市, 我省 … stand for in this article: the city or province it names most."""
    counts = _place_counts(text)
    levels = _place_levels()
    pointed = {}
    for row in load_table("deictic_places", ("word", "level")):
        candidates = [(n, c) for n, c in counts.items() if levels.get(n) == row["level"]]
        if candidates:
            pointed[row["word"]] = max(candidates, key=lambda item: (item[1], item[0]))[0]
    return pointed


@lru_cache(maxsize=2)  # asked twice per article, for 全市/我省 and for the main subject
def _place_counts(text: str) -> Mapping[str, int]:
    """How often an article names each place, in the order first named, counted once for
    both 全市/我省 and its main subject: in its first PLACE_COUNT_CHARS characters, where
    it says what it is about, leaving out comparison bases and origins (高于全国, 来自全国)."""
    counts: dict[str, int] = {}
    lookup = _place_lookup()
    before = _not_subject_words()[0]
    for match in place_re().finditer(text, 0, PLACE_COUNT_CHARS):
        if text[max(0, match.start() - 2):match.start()].endswith(before):
            continue
        name = lookup[match.group(0)]
        counts[name] = counts.get(name, 0) + 1
    return MappingProxyType(counts)  # shared by both callers: read only


def last_place(places: list[tuple[int, int, str]], start: int = 0, end: Optional[int] = None) -> Optional[str]:
    """The last of ``places`` lying within [start, end)."""
    for left, right, name in reversed(places):
        if left >= start and (end is None or right <= end):
            return name
    return None


def _main_subject(text: str) -> Optional[str]:
    """The place an article is mostly about: the one it names most (the first of equals)."""
    counts = _place_counts(text)
    if not counts:
        return None
    return max(counts.items(), key=lambda item: item[1])[0]
