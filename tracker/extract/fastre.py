"""Compile patterns with a first-character gate, so scanning Chinese text stays fast.

Python's ``re`` skips ahead quickly only when a pattern starts with a literal or a
character class.  Ours start with look-behinds (``(?<![\\d.])``), optional groups or long
alternations, so the engine tries the whole pattern at every character; on policy
text that is most of the extractor's time.  Prefixing ``(?=[first characters])``
rejects almost every position in one step and changes no match: the class holds every
character a match can begin with, computed from the parsed pattern.  Where that set
cannot be known (back-references, negated classes), the pattern is compiled as is.
"""

from __future__ import annotations

import re
from typing import Optional

try:  # the parser is internal: re._parser from Python 3.11, sre_parse before
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s"}
_ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)


class _Unknown(Exception):
    """The first characters cannot be listed."""


def compile_gated(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile ``pattern`` behind a look-ahead on the characters a match can start with.

    A pattern that starts with a character, a class or a choice of characters (a word
    list as a trie) is compiled as is: the engine then skips ahead by itself, in a
    tight loop two to three times faster than a look-ahead tried at every character.
    """
    gate = None if engine_skips_ahead(pattern, flags) else first_characters(pattern, flags)
    return re.compile(f"(?=[{gate}])(?:{pattern})" if gate else pattern, flags)


def engine_skips_ahead(pattern: str, flags: int = 0) -> bool:
    """Whether ``re`` finds a literal or character-set prefix in ``pattern`` by itself."""
    if flags & re.IGNORECASE:
        return False
    try:
        items = list(_p.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return False
    while items and items[0][0] is _c.SUBPATTERN:  # the engine looks inside groups too
        items = list(items[0][1][-1])
    if not items:
        return False
    op, av = items[0]
    if op is _c.LITERAL or op is _c.IN:
        return True
    return op is _c.BRANCH and all(len(branch) and list(branch)[0][0] is _c.LITERAL for branch in av[1])


def first_characters(pattern: str, flags: int = 0) -> Optional[str]:
    """Return a character-class body covering every possible first character, or None.

    None also when a match may be empty (then it can begin anywhere).
    """
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _p.parse(pattern, flags)
        items, may_be_empty = _first(list(parsed))
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    if may_be_empty or not items:
        return None
    return "".join(sorted(items))


def _first(sequence: list) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether it can match empty."""
    found: set[str] = set()
    for op, av in sequence:
        if op in _ZERO_WIDTH:
            continue
        items, may_be_empty = _first_of(op, av)
        found |= items
        if not may_be_empty:
            return found, False
    return found, True


def _first_of(op, av) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {_escape(chr(av))}, False
    if op is _c.IN:
        return _class(av), False
    if op is _c.SUBPATTERN:
        return _first(list(av[-1]))
    if op is _c.BRANCH:
        found, empty = set(), False
        for alternative in av[1]:
            items, may_be_empty = _first(list(alternative))
            found |= items
            empty = empty or may_be_empty
        return found, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        items, may_be_empty = _first(list(body))
        return items, may_be_empty or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first(list(av))
    raise _Unknown(op)


def _class(items) -> set[str]:
    found = set()
    for op, av in items:
        if op is _c.LITERAL:
            found.add(_escape(chr(av)))
        elif op is _c.RANGE:
            found.add(f"{_escape(chr(av[0]))}-{_escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            found.add(_CATEGORIES[av])
        else:  # NEGATE, NOT_LITERAL and the negated categories
            raise _Unknown(op)
    return found


def _escape(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def required_text(pattern: str, flags: int = 0) -> str:
    """The longest run of plain characters that every match of ``pattern`` holds, or "".

    ``text`` without it has no match, which one ``in`` tells faster than a scan (年前的 in
    十年前的今天, absent from most articles).  Choices and optional parts count for nothing.
    """
    if flags & re.IGNORECASE:
        return ""
    try:
        parsed = _p.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return ""
    return "" if parsed.state.flags & re.IGNORECASE else _required(list(parsed))


def _required(sequence: list) -> str:
    best = run = ""
    for op, av in sequence:
        if op is _c.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
            continue
        if op in _ZERO_WIDTH:  # takes no character: the run goes on
            continue
        run = ""
        if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
            best = max(best, _required(list(av[-1])), key=len)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            best = max(best, _required(list(av[2])), key=len)
    return best


def word_trie(words, not_after: Optional[str] = None) -> str:
    """A pattern matching any of ``words``, the longest first, written as a trie.

    ``a|ab|abc`` makes the engine try every word at every place a word may start; the
    trie ``a(?:b(?:c)?)?`` follows the text down one path.  Both try the words that
    match at a place in the same order, longest first (they all lie on that one path),
    so matches and backtracking are those of the longest-first alternation.

    ``not_after`` (a character class) is ``(?<![…])`` before the words, written after
    each first character instead (``a(?<![…]a)…``): the pattern then still starts with
    its characters, and the engine skips ahead to them by itself.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not_after is None:
        return _trie_body(root) or "(?:)"
    if "" in root or not root:
        return f"(?<!{not_after})(?:{_trie_body(root) or ''})"
    branches = [f"{re.escape(char)}(?<!{not_after}{re.escape(char)}){_trie_body(child)}"
                for char, child in sorted(root.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _trie_body(node: dict) -> str:
    branches = [re.escape(char) + _trie_body(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: go deeper if the text allows, else stop
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def translate_chars(text: str, pairs: dict[str, str]) -> str:
    """``str.translate`` for a few one-to-one pairs, done as replacements.

    ``translate`` looks every character up in a dict (about 0.1 s per MB of Chinese);
    a replacement per pair that occurs is a fast scan, so a whole article costs little.
    """
    for old, new in pairs.items():
        if old in text:
            text = text.replace(old, new)
    return text
