"""Find numbers with their units and qualifiers in Chinese sentences.

A quantity is read with one regular expression built from the knowledge tables::

    QUANTITY := NUMBER ( 分之 NUMBER | INSIDE? ( UNIT | MAGNITUDE+ INSIDE? UNIT? ) 级? ) AFTER?
    NUMBER   := arabic (1,234.5) | chinese (二十三, 两, 三百, 一万)
    INSIDE   := 多 | 余                      (30多万名, 230余项)
    UNIT     := a surface of units.tsv      (亿元 → 元 ×1e8, 名 → 人, 个百分点 → 百分点)
    AFTER    := 以上 | 以下 | 以内 | 左右 …  (qualifiers.tsv, position "after")

(百分之N is N %, and a fraction is a share: 四分之三 is 75 %, 千分之四 0.4 %)

and then judged in context, because most of what makes a number a figure lies around it:

- *Bare numbers* (no unit) are dropped, unless a unit distributes back to them across
  和/、/及/与 (5.3和4.7个百分点) or they open a range (6.5%-7%, 5至10个 → value_high).
- *Dates* are not quantities: 年 after a 4-digit Arabic year (1000-2999) or a numeral
  written digit by digit (二〇二四) is a date; any other number before 年 is a duration
  (五年, 连续12年, 11年来 → unit 年).  月 and 日 are not units, so 5月12日 yields nothing;
  a span of months is 个月.
- *Ordinals*: 第N位/第N名 and 第N after a rank word (全省第一, 排名第八) are ranks with unit
  位; 第N年 is N 年; every other 第N (第一, 第二批, 第三次) is a list marker or ordinal.
- *Names and slogans*: numbers in 《titles》, in short “quoted slogans” (≤ 12 characters),
  next to Latin letters (5G, PM2.5), or matching non_numbers.tsv (十四五, 7+20+N,
  二十届三中全会) are skipped, as is a lone 一 (一批, 一个新保定), which in running text
  is an article far more often than a count.  A numeral that begins with a bare magnitude
  (千家万户, 百年) is skipped too, except before 级: 千亿级 / 千亿元级 is a scale, ≥ 1e11 元.
- *Qualifiers* come from qualifiers.tsv, before (超过80%), inside (230余项) or after
  (86%以上) the number; a number coordinated with a qualified one inherits its qualifier
  (不低于95%和85%).
- *Change*: a growth rate or difference: the unit is 倍 or 百分点, or a word of
  change_words.tsv stands a few characters before the number in the same clause
  (同比增长21.3%, 高于全国、全省5.3).  提高到30% states a level, not a change.

Traditional text is mapped to simplified with OpenCC t2s and full-width digits to ASCII;
both map one character to one, so offsets found in the shadow are offsets in the input.

Numerals are read by ``numerals``.  Reads data/units.tsv, data/magnitudes.tsv, data/qualifiers.tsv, data/fixed_quantities.tsv, data/non_numbers.tsv, data/change_words.tsv, data/rank_words.tsv, data/coordinators.tsv.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple, Optional

from ..knowledge import load_table, words, words_with_role
from ..models import Quantity
from .fastre import compile_gated, translate_chars, word_trie
from .numerals import DECIMAL_POINT, chinese_value as _chinese_value, numerals as _numerals

SHORT_QUOTE = 12  # a quoted span this short is a slogan or a name, not reported speech
CHANGE_NOUN_ENDS = ("值", "点", "极")
CHANGE_WINDOW = 8  # how far before a number a change word may stand
FULL_WIDTH = dict(zip("０１２３４５６７８９．％－＋～，", "0123456789.%-+~,"))
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\""}
CLAUSE_BREAK = set("，,。；;：:！!？?（）()《》“”\n")
RANGE_JOINERS = ("-", "~", "—", "–", "至", "到")
STANDALONE_MAGNITUDES = "万萬亿億"  # 1.1亿 and 2000万 stand alone; 3千 without a unit is a fragment
VAGUE = "数几"  # 数十, 几百: an order of magnitude, not a number
LATIN = re.compile(r"[A-Za-z]")
#: A numeral longer than this (digits, separators and decimals) is a code or a table flattened
#: into one line, not a quantity; the name patterns repeat a numeral at most this often, so a
#: long run of digits costs linear time instead of the square of its length.
MAX_NUMBER = 24


class _Raw(NamedTuple):
    """A number as matched, before its context is judged."""

    start: int
    end: int
    value: float
    unit: Optional[str]
    qualifier: str
    own_magnitude: bool  # a magnitude word of its own (3万), so it takes no factor from a neighbour
    factor: float  # magnitude × unit factor applied to the number as written
    yearlike: bool  # could be a calendar year if followed by 年
    high: Optional[float] = None


# --- tables ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _units() -> dict[str, tuple[str, float]]:
    """Map each unit surface to its base unit and factor."""
    rows = load_table("units", ("surface", "unit", "factor"))
    return {r["surface"]: (r["unit"], float(r["factor"])) for r in rows}


@lru_cache(maxsize=None)
def _magnitudes() -> dict[str, float]:
    """Map each magnitude word to its multiplier."""
    return {r["word"]: float(r["factor"]) for r in load_table("magnitudes", ("word", "factor"))}


@lru_cache(maxsize=None)
def _qualifiers(position: str) -> dict[str, str]:
    """Map the qualifier words written at one position to their qualifier."""
    rows = load_table("qualifiers", ("word", "position", "qualifier"))
    # an adverb stands before the number too, or before a short verb that precedes it
    positions = (position, "adverb") if position == "before" else (position,)
    return {r["word"]: r["qualifier"] for r in rows if r["position"] in positions}


@lru_cache(maxsize=None)
def _fixed() -> dict[str, tuple[float, str, str, bool]]:
    """Map words that are quantities without a numeral (倍增) to their reading."""
    rows = load_table("fixed_quantities", ("word", "value", "unit", "qualifier", "change"))
    return {r["word"]: (float(r["value"]), r["unit"], r["qualifier"], r["change"] == "true") for r in rows}


def _alternation(items) -> str:
    """Return a regex alternation that prefers the longest item."""
    return word_trie(items)  # the longest first, as a trie (see fastre.word_trie)


@lru_cache(maxsize=None)
def _cn_class(kind: str = "") -> str:
    """Return a character class of Chinese numerals (of one kind: digit, unit, magnitude)."""
    return "[" + "".join(re.escape(c) for c, (_, k) in _numerals().items() if not kind or k == kind) + "]"


def _cn_number() -> str:
    """A Chinese numeral, decimals included: 二十三, 五点三, 二千一百八十五点八万 (broadcast transcripts)."""
    return f"{_cn_class()}+(?:{DECIMAL_POINT}{_cn_class('digit')}+{_cn_class('magnitude')}*)?"


@lru_cache(maxsize=None)
def _quantity_re() -> re.Pattern:
    """Compile the quantity grammar of the module docstring."""
    inside = _alternation(_qualifiers("inside"))
    unit = _alternation(_units())
    mag = _alternation(_magnitudes())
    after = _alternation(_qualifiers("after"))
    number = rf"(?P<ord>第)?(?P<num>(?:\d{{1,3}}(?:,\d{{3}}){{1,7}}(?!\d)|\d+)(?:\.\d+)?|{_cn_number()})"
    return compile_gated(
        rf"百分之(?P<pct>\d+(?:\.\d+)?|{_cn_number()})(?P<pafter>{after})?"
        # 四分之三: a fraction, read once the number is (a second alternative would read each number twice).
        rf"|{number}(?:分之(?P<frac>\d+(?:\.\d+)?|{_cn_number()})|(?P<in1>{inside})?"
        rf"(?:(?P<unit>{unit})|(?P<mag>(?:{mag})+)(?P<in2>{inside})?(?P<unit2>{unit})?)?"
        rf"(?P<grade>级(?!别))?)(?P<after>{after})?"
    )


@lru_cache(maxsize=None)
def _non_number_re() -> re.Pattern:
    """Compile non_numbers.tsv into one pattern."""
    numeral = "[0-9" + _cn_class()[1:-1] + "]"
    patterns = [_bounded(r["pattern"].replace("{N}", numeral)) for r in load_table("non_numbers", ("pattern",))]
    return compile_gated("|".join(f"(?:{p})" for p in patterns))


def _bounded(pattern: str) -> str:
    """Turn ``\\d+`` and ``[class]+`` into at most MAX_NUMBER repeats: a pattern that tries every
    start inside a run of 32,000 digits and scans to its end each time does not finish."""
    return re.sub(r"(?<!\\)(\\d|\])\+", rf"\1{{1,{MAX_NUMBER}}}", pattern)


@lru_cache(maxsize=None)
def _word_re(name: str) -> re.Pattern:
    """Compile a one-column word table into an alternation."""
    return compile_gated(_alternation(words(name)))


@lru_cache(maxsize=None)
def _fixed_re() -> re.Pattern:
    """Compile the fixed-quantity words."""
    return compile_gated(_alternation(_fixed()))


@lru_cache(maxsize=None)
def _candidate_re() -> re.Pattern:
    """Compile a quick test for anything that could start a quantity."""
    return compile_gated(rf"\d|{_cn_class()}|{_fixed_re().pattern}")


@lru_cache(maxsize=None)
def _t2s():
    """Return OpenCC's traditional→simplified converter, or None when it is missing."""
    try:
        import opencc
    except ImportError:  # the tables carry the common traditional forms as a fallback
        return None
    return opencc.OpenCC("t2s")


# --- numbers --------------------------------------------------------------------------


def _arabic_value(span: str) -> Optional[float]:
    """Return the value of an Arabic numeral, thousands separators allowed."""
    try:
        return float(span.replace(",", ""))
    except ValueError:
        return None


def _magnitude_factor(run: str) -> float:
    """Multiply the magnitude words of a run such as 千万 or 万亿."""
    table = _magnitudes()
    factor, i = 1.0, 0
    while i < len(run):
        word = next(w for w in _longest_first(tuple(table)) if run.startswith(w, i))
        factor *= table[word]
        i += len(word)
    return factor


def normalise(text: str, simplified: bool = False) -> str:
    """Return a same-length shadow in simplified characters with ASCII digits and signs."""
    converter = _t2s()
    if converter is not None and not simplified and not text.isascii():
        simplified = converter.convert(text)
        if len(simplified) == len(text):  # t2s is one to one; guard the offsets anyway
            text = simplified
    return translate_chars(text, FULL_WIDTH)


_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEARLIKE = re.compile(r"[12]\d{3}")


def parse_number(span: str) -> Optional[float]:
    """Return the value of an Arabic or Chinese numeral span, magnitudes included, or None."""
    text = normalise(span.strip())
    text = text.rstrip("".join(_qualifiers("inside")))
    for word in _longest_first(tuple(_magnitudes())):
        head = text[: -len(word)] if text.endswith(word) and len(text) > len(word) else None
        if head and (head[-1].isdigit() or head[-1] in "多余"):
            value = parse_number(head)
            return None if value is None else value * _magnitude_factor(word)
    if _ARABIC.fullmatch(text):
        return _arabic_value(text)
    return _chinese_value(text) if text else None


# --- masks ----------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _quoted_re() -> re.Pattern:
    """Compile the patterns of 《titles》 and of short quoted slogans."""
    short = "|".join(
        f"{re.escape(o)}[^{re.escape(o + c)}]{{0,{SHORT_QUOTE}}}{re.escape(c)}" for o, c in QUOTES.items()
    )
    return compile_gated(f"《[^《》]*》|{short}")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of 《titles》 and of short “quoted” slogans."""
    return [(m.start(), m.end()) for m in _quoted_re().finditer(text)]


def _masked(text: str) -> list[tuple[int, int]]:
    """Return the spans whose numerals are names, titles or slogans."""
    spans = _quoted_spans(text)
    spans += [(m.start(), m.end()) for m in _non_number_re().finditer(text)]
    return spans


class _Masks:
    """The masked spans of a text, found when a match first needs them: most sentences hold
    only numerals that are rejected before (一批, 一个), and the name patterns scan slowly."""

    __slots__ = ("text", "_spans")

    def __init__(self, text: str):
        self.text, self._spans = text, None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = _masked(self.text)
        return self._spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) overlaps any span."""
    return any(s < end and start < e for s, e in spans)


# --- reading one match ----------------------------------------------------------------


def _read(m: re.Match) -> Optional[_Raw]:
    """Turn one grammar match into a raw quantity, or None when it is not a number."""
    # One call for every group: this runs for each number of every sentence.
    pct, num, unit_surface, unit2, mag, in1, in2, after, frac = m.group("pct", "num", "unit", "unit2", "mag", "in1",
                                                                       "in2", "after", "frac")
    if pct is not None:
        value = parse_number(pct) if len(pct) <= MAX_NUMBER else None
        after = m.group("pafter")
        qualifier = _qualifiers("after")[after] if after else "="
        return None if value is None else _Raw(m.start(), m.end(), value, "%", qualifier, True, 1.0, False)
    if frac is not None:  # 四分之三: a fraction is a share, in per cent
        return _fraction(m.start(), m.end(), num, frac, after)
    if len(num) > MAX_NUMBER:
        return None
    arabic = num[0].isdigit()
    value = _arabic_value(num) if arabic else _chinese_value(num)
    if value is None:
        return None
    unit_surface = unit_surface or unit2
    unit, factor = _units()[unit_surface] if unit_surface else (None, 1.0)
    if mag:
        factor *= _magnitude_factor(mag)
    qualifier = "="
    inside = in1 or in2
    if inside:
        qualifier = _qualifiers("inside")[inside]
    if after:
        qualifier = _qualifiers("after")[after]
    yearlike = (arabic and _YEARLIKE.fullmatch(num) is not None) or (
        not arabic and len(num) == 4 and all(_numerals().get(c, (0, ""))[1] == "digit" for c in num)
    )
    own = bool(mag) or (unit_surface is not None and factor != 1.0)
    start = m.start("num")
    return _Raw(start, m.end(), value * factor, unit, qualifier, own, factor, yearlike)


def _fraction(start: int, end: int, den: str, frac: str, after: Optional[str]) -> Optional[_Raw]:
    if len(den) > MAX_NUMBER or len(frac) > MAX_NUMBER:
        return None
    values = [_arabic_value(n) if n[0].isdigit() else _chinese_value(n) for n in (den, frac)]
    if None in values or not values[0]:
        return None
    qualifier = _qualifiers("after")[after] if after else "="
    return _Raw(start, end, round(100 * values[1] / values[0], 2), "%", qualifier, True, 1.0, False)


def _starts_bare_magnitude(m: re.Match) -> bool:
    """Tell whether a Chinese numeral begins with 百/千/万/亿 and no digit (千家万户)."""
    num = m.group("num") or ""
    return bool(num) and _numerals().get(num[0], (0, "digit"))[1] != "digit" and num[0] != "十"


def _scale(m: re.Match, raw: _Raw) -> Optional[_Raw]:
    """Read 千亿级 / 千亿元级 as a scale: at least that many 元."""
    graded = m.group("grade") or m.group("unit") == "级" or m.group("unit2") == "级"
    if not graded or raw.unit not in (None, "元", "级"):
        return None
    return raw._replace(unit="元", qualifier=">=")


def _rank_context(text: str, start: int) -> bool:
    """Tell whether a rank word stands just before 第 at start."""
    window = text[max(0, start - 6) : start]
    return _word_re("rank_words").search(window) is not None


def _ordinal(m: re.Match, text: str, raw: _Raw) -> Optional[_Raw]:
    """Read 第N as a rank or as N 年, or drop it as a list marker or ordinal."""
    start = m.start("ord")
    after = text[m.end("num") : m.end("num") + 1]
    if after in ("位", "名"):
        value = raw.value / (raw.factor or 1)
        return raw._replace(start=start, end=m.end("num") + 1, value=value, unit="位", qualifier="=")
    if raw.unit == "年" and m.group("unit") == "年":
        return raw._replace(start=start)  # 连续第11年: the eleventh year running, 11 年
    if _rank_context(text, start):
        value = raw.value / (raw.factor or 1)
        return raw._replace(start=start, end=m.end("num"), value=value, unit="位", qualifier="=")
    return None


def _kept(m: re.Match, text: str) -> Optional[_Raw]:
    """Read a match and decide in context whether it is a number worth keeping (masks aside)."""
    num, ordinal, unit, fraction = m.group("num", "ord", "unit", "frac")
    if num in ("一", "零", "〇") and not ordinal and unit != "倍":
        return None  # 一批, 一个新保定: an article, not a count; 零部件: a word
    start, end = m.span()
    before = text[start - 1] if start > 0 else ""
    if before and LATIN.match(before) or LATIN.match(text[end:end + 1] or " "):
        return None  # model names and codes: 5G, PM2.5, C919
    if before and before in ".+":
        return None  # version numbers and 7+20+N style names
    raw = _read(m)
    if raw is None:
        return None
    if num and fraction is None and _starts_bare_magnitude(m):  # 千分之四 is no scale
        return _scale(m, raw)
    if ordinal:
        return _ordinal(m, text, raw)
    if before and before in VAGUE:
        return None  # 数十年, 几百家: no value to give
    if raw.unit == "年" and raw.yearlike and raw.factor == 1.0:
        return None  # 2024年 is a date
    return raw


def _raws(text: str, masks: _Masks) -> list[_Raw]:
    """Return the numbers of a normalised text, bare ones included."""
    found = []
    for m in _quantity_re().finditer(text):
        raw = _kept(m, text)
        if raw is not None:
            found.append((_signed(raw, text), m.start(), m.end()))
    # Masks last, and only beside a unit: bare numbers alone come to nothing (see _combine),
    # and the name patterns cost more than every other test.
    if not any(raw.unit is not None or raw.own_magnitude for raw, _, _ in found):
        return [raw for raw, _, _ in found]
    return [raw for raw, start, end in found if not _inside(masks.spans, start, end)]


def _signed(raw: _Raw, text: str) -> _Raw:
    """Take a minus sign written before a number that does not close a range."""
    if raw.start > 0 and text[raw.start - 1] in "-−":
        before = text[raw.start - 2] if raw.start > 1 else " "
        if not (before.isdigit() or before in "%‰" or LATIN.match(before)):
            return raw._replace(start=raw.start - 1, value=-raw.value)
    return raw


# --- combining neighbours -------------------------------------------------------------


def _link(text: str, left: _Raw, right: _Raw) -> str:
    """Return what joins two neighbouring numbers: 'range', 'list' or ''."""
    between = text[left.end : right.start]
    if between in RANGE_JOINERS:
        return "range"
    if between in coordinators():
        return "list"
    return ""


def _combine(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Merge ranges and let a unit distribute back over coordinated bare numbers."""
    out: list[_Raw] = []
    for raw in reversed(raws):  # right to left, so a unit travels back along 1、2和3个
        nxt = out[-1] if out else None
        link = _link(text, raw, nxt) if nxt else ""
        if link == "range" and nxt.unit and raw.unit in (None, nxt.unit) and nxt.high is None:
            low = raw.value if raw.unit or raw.own_magnitude else raw.value * nxt.factor
            qualifier = raw.qualifier if raw.qualifier != "=" else nxt.qualifier
            out[-1] = nxt._replace(start=raw.start, value=low, high=nxt.value, qualifier=qualifier)
            continue
        if link == "list" and raw.unit is None and nxt.unit:
            factor = 1.0 if raw.own_magnitude else nxt.factor
            raw = raw._replace(unit=nxt.unit, value=raw.value * factor, factor=factor)
        out.append(raw)
    # A number with its own magnitude word stands alone (人口约为1.1亿, 投资500亿): the unit
    # is unwritten, not absent.  A bare number without either is a name or a list marker.
    return [r for r in reversed(out) if r.unit is not None
            or (r.own_magnitude and any(word in text[r.start:r.end] for word in STANDALONE_MAGNITUDES))]


def _qualify_before(text: str, raws: list[_Raw]) -> list[tuple[_Raw, int, int]]:
    """Apply qualifiers written before each number.

    Return each with where its phrase begins and where the text after the qualifier word
    begins (a verb may stand there: 至少节省40分钟)."""
    table = _qualifiers("before")
    out = []
    for raw in raws:
        word = _before_word(text, raw.start, table)
        if word and raw.qualifier == "=":
            raw = raw._replace(qualifier=table[word])
        begin = text.rfind(word, 0, raw.start) if word else raw.start
        out.append((raw, begin, begin + len(word) if word else raw.start))
    return out


@lru_cache(maxsize=1)
def coordinators() -> tuple[str, ...]:
    """Words that coordinate two numbers (和, 、, 以及 …): all between them, matched whole."""
    return words_with_role("coordinators", "list")


@lru_cache(maxsize=None)
def _longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    """Return the items longest first."""
    return tuple(sorted(items, key=len, reverse=True))


def _before_word(text: str, start: int, table: dict[str, str]) -> Optional[str]:
    """Return the qualifier word written before start, allowing a short verb after 至少/约."""
    word = _ending_word(text, start, tuple(table))
    if word:
        return word
    adverbs = tuple(_qualifiers("adverb"))
    for gap in (1, 2):  # 至少节省40分钟, 约有120家: the adverb qualifies the number through its verb
        verb = text[max(0, start - gap) : start]
        if len(verb) == gap and all("\u4e00" <= c <= "\u9fff" for c in verb):
            word = _ending_word(text, start - gap, adverbs)
            if word:
                return word
    return None


def _ending_word(text: str, end: int, choices: tuple[str, ...]) -> Optional[str]:
    """The longest of ``choices`` that ``text[:end]`` ends with."""
    pattern, longest = _ending_re(choices)
    m = pattern.search(text, max(0, end - longest), end)
    return m.group() if m else None


@lru_cache(maxsize=None)
def _ending_re(choices: tuple[str, ...]) -> tuple[re.Pattern, int]:
    # One anchored search instead of an endswith per word: this runs for every number.
    return re.compile(f"(?:{_alternation(choices)})\\Z"), max(map(len, choices), default=0)


def _inherit(text: str, raws: list[tuple[_Raw, int, int]]) -> list[tuple[_Raw, int, int]]:
    """Give a coordinated number the before-qualifier of its neighbour (不低于95%和85%)."""
    out = list(raws)
    for i in range(1, len(out)):
        (prev, prev_from, _), (raw, *spans) = out[i - 1], out[i]
        if raw.qualifier == "=" and prev_from < prev.start and text[prev.end : raw.start] in coordinators():
            out[i] = (raw._replace(qualifier=prev.qualifier), *spans)
    return out


def _is_change(text: str, raw: _Raw, phrase_start: int, verb_start: int) -> bool:
    """Tell whether a number is a growth rate or a difference."""
    if raw.unit in ("倍", "百分点"):
        return True
    if _word_re("change_words").search(text, verb_start, raw.start):
        return True  # 至少节省40分钟
    window = text[max(0, phrase_start - CHANGE_WINDOW - 4) : phrase_start]
    # 增加值 (value added), 增长点, 增长极: nouns built on a change word name a level.
    hits = [h for h in _word_re("change_words").finditer(window) if window[h.end():h.end() + 1] not in CHANGE_NOUN_ENDS]
    if not hits:
        return False
    gap = window[hits[-1].end() :]
    if len(gap) > CHANGE_WINDOW or any(c in CLAUSE_BREAK or c.isdigit() for c in gap):
        return False
    return not gap.startswith(("到", "至", "为"))  # 提高到30%: a level


def _fixed_quantities(sentence: str, text: str, masks: _Masks) -> list[Quantity]:
    """Find words that are quantities without a numeral (倍增, 翻番), outside titles."""
    # only titles count here: a quoted “倍增” is emphasis, not a slogan with a number in it
    found = []
    for m in _fixed_re().finditer(text):
        titles = [span for span in masks.spans if text[span[0]] == "《"]
        if not _inside(titles, m.start(), m.end()):
            value, unit, qualifier, change = _fixed()[m.group()]
            surface = sentence[m.start() : m.end()]
            found.append(Quantity(m.start(), m.end(), surface, value, unit, qualifier, None, change))
    return found


def _tidy(value: Optional[float]) -> Optional[float]:
    """4804.6 × 1e8 is 480460000000.00006 in binary floating point: keep 12 significant digits."""
    return None if value is None else float(f"{value:.12g}")


def find_quantities(sentence: str, normalised: Optional[str] = None) -> list[Quantity]:
    """Return the quantities of a sentence, in order, with offsets into it.

    ``normalised`` is the sentence already passed through ``normalise`` (an extractor
    normalises a whole article once rather than sentence by sentence).
    """
    text = normalise(sentence) if normalised is None else normalised
    if not _candidate_re().search(text):
        return []
    masks = _Masks(text)
    raws = _inherit(text, _qualify_before(text, _combine(text, _raws(text, masks))))
    found = [
        Quantity(
            raw.start, raw.end, sentence[raw.start : raw.end], _tidy(raw.value), raw.unit, raw.qualifier,
            _tidy(raw.high), _is_change(text, raw, phrase_start, verb_start),
        )
        for raw, phrase_start, verb_start in raws
    ]
    for i in range(1, len(found)):  # 分别增长5.6%、7.2%和8.1%: all three are growth rates
        if found[i - 1].change and not found[i].change and text[found[i - 1].end:found[i].start] in coordinators() \
                and found[i].unit == found[i - 1].unit:
            found[i] = replace(found[i], change=True)
    taken = [(q.start, q.end) for q in found]
    found += [q for q in _fixed_quantities(sentence, text, masks) if not _inside(taken, q.start, q.end)]
    return sorted(found, key=lambda q: q.start)
