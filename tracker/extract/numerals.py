"""Chinese numerals to values: 二十三, 三千五百万, 二〇二四, 五点三 (used by quantities).

Reads data/numerals.tsv.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..knowledge import load_table

DECIMAL_POINT = "点"  # 五点三: the spoken decimal point of transcripts


@lru_cache(maxsize=None)
def numerals() -> dict[str, tuple[float, str]]:
    """Map each Chinese numeral character to its value and kind."""
    return {r["char"]: (float(r["value"]), r["kind"]) for r in load_table("numerals", ("char", "value", "kind"))}


def chinese_value(span: str) -> Optional[float]:
    """Return the value of a Chinese numeral such as 二十三, 三千五百万, 二〇二四 or 五点三."""
    table = numerals()
    if DECIMAL_POINT in span:
        return _decimal(span)
    if any(c not in table for c in span):
        return None
    if all(table[c][1] == "digit" for c in span):
        # written digit by digit (二〇二四) or a single digit
        return float("".join(str(int(table[c][0])) for c in span))
    total = section = number = 0.0
    last_magnitude = 0.0
    for c in span:
        value, kind = table[c]
        if kind == "digit":
            number = value
        elif kind == "unit":
            section += (number or 1) * value
            number = 0
        else:
            section += number
            number = 0
            if value > last_magnitude:  # 一万亿: the larger word scales everything so far
                total = (total + (section or (0 if total else 1))) * value
                last_magnitude = value
            else:  # 三亿五千万: a smaller word scales only its own section
                total += (section or 1) * value
            section = 0
    return total + section + number


def _decimal(span: str) -> Optional[float]:
    """二千一百八十五点八万: the whole part, digits read one by one after 点, then magnitudes."""
    table = numerals()
    whole, _, rest = span.partition(DECIMAL_POINT)
    digits = rest.rstrip("".join(c for c, (_, kind) in table.items() if kind == "magnitude"))
    if not digits or any(table.get(c, (0, ""))[1] != "digit" for c in digits):
        return None
    base = chinese_value(whole) if whole else 0.0
    if base is None:
        return None
    value = base + float("0." + "".join(str(int(table[c][0])) for c in digits))
    for c in rest[len(digits):]:
        value *= table[c][0]
    return value
