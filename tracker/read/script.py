"""Traditional or simplified: detect the script and make a simplified shadow.

OpenCC's ``t2s`` is the reference converter and maps one character to one, so the
shadow has the same length as the original and every offset found in the shadow
points at the same characters in the original.  Where a conversion ever changes the
length (a phrase rule), we fall back to converting character by character.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

# A handful of differing characters can be names or quotations in a simplified text;
# a traditional text differs on a large share of its characters.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _han() -> re.Pattern:
    # Compiled when a script is first detected: a class of 20,000 characters costs 2 ms to
    # compile, on every start of a command that only reads (this module is on every path).
    return re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    import opencc  # here: most reads never convert a character, and loading it costs every start

    return opencc.OpenCC("t2s")


def simplify(text: str) -> str:
    """Return ``text`` in simplified characters, the same length as the input."""
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    convert = _converter().convert
    return "".join(c2 if len(c2 := convert(c)) == 1 else c for c in text)


def detect_script(text: str, simplified: str | None = None) -> str:
    """Return ``zh-Hant`` when a large share of Han characters are traditional, else ``zh-Hans``."""
    simplified = simplify(text) if simplified is None else simplified
    if simplified == text:  # nothing changed: no traditional character, whatever the Han count
        return "zh-Hans"
    han = len(_han().findall(text))
    # t2s only ever changes Han characters, so every difference is a traditional one.
    changed = sum(1 for original, shadow in zip(text, simplified) if original != shadow)
    return "zh-Hant" if han and changed / han >= TRADITIONAL_SHARE else "zh-Hans"
