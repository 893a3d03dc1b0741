"""Decompose text into claims: figures, targets, milestones, formulations, documents.

``extract(text, published)`` is pure: text and a publication date in, claims out.
It works sentence by sentence on the simplified shadow of the text (same offsets as
the original), in clauses cut at Chinese commas and semicolons:

* quantities (``quantities.find_quantities``) that are not dates become **figures**,
  or **targets** when their clause is forward-looking (a marker such as 力争, 将达到,
  预期目标, or a sentence-wide 到2027年 / 下一步) and not marked as done (已, 累计);
* a forward-looking sentence with a deadline but no number is one target without a value;
* dated mentions (``timex.find_times``) next to an event verb (召开, 发布, 入选 …) become
  **milestones**; a dated national event (二十届三中全会) is a milestone at its first mention;
* short quoted terms “…” become **formulations**, and titles 《…》 **documents**, with an
  abbreviation introduced as (以下简称《规划》) linked back to its full title.

Every word list lives in ``tracker/data``; this module holds only the algorithm.

Reads data/places.tsv, data/deictic_places.tsv, data/not_subject.tsv, data/target_markers.tsv, data/past_markers.tsv, data/state_times.tsv, data/deadline_words.tsv, data/event_verbs.tsv, data/bylines.tsv, data/metric_words.tsv, data/coordinators.tsv, data/times_of_day.tsv, data/plan_periods.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

from .fastre import compile_gated
from ..knowledge import load_table, words, words_with_role
from ..models import Claim, PartialDate, Quantity, Sentence, TimeMention
from .quantities import find_quantities, normalise
from ..read.script import simplify
from ..read.sentences import split_sentences
from .timex import find_times, fold

EXTRACTOR_VERSION = "2026.11.9"
# Places are counted (for the main subject and for 全市, 我省) in an article's first part.
PLACE_COUNT_CHARS = 3000

_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_QUOTE = compile_gated(r"[“「『\"]([^“”「」『』\"\n]{1,30})[”」』\"]")
_TITLE = compile_gated(r"《([^《》\n]{1,80})》")
_ABBREVIATION = compile_gated(r"[（(]\s*(?:以下简称|下称|简称)\s*[《“]([^》”]{1,20})[》”]\s*[)）]")
_TITLE_PERIOD = re.compile(r"[（(]?(\d{4})\s*[-—–－~至]\s*(\d{4})年?[)）]?")
_YEARS_WITHIN = re.compile(r"([一二两三四五六七八九十\d]{1,3})年(?:内|行动|计划|攻坚|“)")
_DEADLINE_HEAD = re.compile(r"^[“\"「『‘\s]*(?:力争|争取|计划|预计|确保)?(到|至|在)?")
_SPEECH_END = re.compile(r"[。！？!?]")
# A photo caption ends with the photographer's credit: 河北日报记者 张昊摄, （新华社记者 X 摄）.
_CAPTION = compile_gated(r"(?:记者|摄影|通讯员|图)[^。\n]{0,16}\s?摄[）)]?\s*$")


def extract(text: str, published: Optional[str] = None) -> list[Claim]:
    """Return every claim in ``text``, resolving relative dates against ``published``."""
    anchor = PartialDate.parse(published) if published else None
    return extract_sentences(simplify(text), split_sentences(text), anchor)


def extract_sentences(
    shadow: str, sentences: Iterable[Sentence], anchor: Optional[PartialDate]
) -> list[Claim]:
    """Return the claims of pre-split sentences; ``shadow`` is the simplified article text."""
    sentences = list(sentences)
    context = _ArticleContext(_main_subject(shadow), anchor)
    context.pointed = _pointed_places(shadow)
    # Digits folded once per article: per sentence and paragraph it was a tenth of the time.
    numerals = normalise(shadow, simplified=True)
    folded = fold(shadow)
    result: list[Claim] = []
    article_times = _times_of_article(shadow, anchor, folded)
    cursor = 0
    for sentence in sentences:
        # Look back no further than the line already known: on one 1 MB line, searching
        # back to the start for each sentence made the loop quadratic.
        known = context.paragraph if 0 <= context.paragraph <= sentence.start else 0
        line_start = shadow.rfind("\n", known, sentence.start) + 1 or known
        if line_start != context.paragraph:
            context.paragraph, context.paragraph_marker = line_start, None
            context.carried_marker = context.carried_deadline = context.carried_as_of = None
            # A new paragraph may turn to another place: fall back on the article's own.
            context.last_subject = None
            caption = _CAPTION.search(_line_of(shadow, sentence.start, sentence.end)) is not None
        while cursor < len(article_times) and article_times[cursor].start < sentence.start:
            cursor += 1
        times, ahead = [], cursor
        while ahead < len(article_times) and article_times[ahead].start < sentence.end:
            if article_times[ahead].end <= sentence.end:
                times.append(article_times[ahead].shifted(-sentence.start))
            ahead += 1
        result.extend(_sentence_claims(shadow[sentence.start:sentence.end], sentence, context, caption, times,
                                       numerals[sentence.start:sentence.end]))
    return result


def _times_of_article(shadow: str, anchor: Optional[PartialDate], folded: str) -> list[TimeMention]:
    """Time expressions of the whole article, in order.

    Found in one pass rather than per sentence or paragraph: the grammar runs a dozen
    patterns, and their fixed cost per call was a third of extraction time.  No time
    expression spans a line break, so nothing changes but the speed.
    """
    try:
        return find_times(shadow, anchor, folded)
    except Exception:  # noqa: BLE001 - then paragraph by paragraph, so one odd one loses only itself
        found: list[TimeMention] = []
        line_start = 0
        for line in shadow.split("\n"):
            try:
                found += [t.shifted(line_start) for t in find_times(line, anchor)]
            except Exception:  # noqa: BLE001
                pass
            line_start += len(line) + 1
        return found


def _line_of(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left:right if right >= 0 else len(text)]


@dataclass
class _ArticleContext:
    main_subject: Optional[str]
    anchor: Optional[PartialDate]
    last_subject: Optional[str] = None
    paragraph: int = -1
    paragraph_marker: Optional[str] = None  # 下一步 looks forward until the paragraph ends
    seen_events: set = None
    abbreviations: dict = None
    pointed: dict = None  # 全市 → the city the article names most (see deictic_places.tsv)
    # A sentence cut at ；: its marker and deadline carry to the next part (目标是：A；B；C).
    carried_marker: Optional[str] = None
    carried_deadline: Optional[str] = None
    carried_as_of: Optional[str] = None  # 过去一年，A增长5.4%；B增长3.1%: both are last year's

    def __post_init__(self):
        self.seen_events = set()
        self.abbreviations = {}


class _Clause(NamedTuple):  # a tuple: sentences make thousands of these
    start: int
    end: int
    text: str


def _sentence_claims(text: str, sentence: Sentence, context: _ArticleContext,
                     caption: bool = False, times: Optional[list[TimeMention]] = None,
                     numerals: Optional[str] = None) -> list[Claim]:
    if times is None:
        try:
            times = find_times(text, context.anchor)
        except Exception:  # noqa: BLE001 - one odd sentence must not lose the article
            times = []
    quantities = [q for q in _safe_quantities(text, numerals) if not _is_time(q, times) and not _is_deadline(text, q)]
    clauses = _clauses(text)
    places = _places_in(text, context.pointed)
    named = _last_place(places)
    prior = context.last_subject or context.main_subject
    subject = named or prior
    context.last_subject = named or context.last_subject
    build = _Builder(text, sentence, context, times, clauses, subject)
    build.prior_subject = prior
    build.places = places
    build.quantities = quantities
    build.caption = caption
    claims = build.numeric(quantities)
    if not any(c.kind == "target" for c in claims):
        claims += build.deadline_only()
    targets_at = {(c.start, c.end) for c in claims if c.kind == "target"}
    # 预计2026年建成投用: a deadline the target carries is not also a milestone.
    claims += [c for c in build.milestones() if (c.start, c.end) not in targets_at]
    claims += build.formulations()
    claims += build.documents()
    if text.rstrip().endswith(("；", ";")):
        context.carried_marker, context.carried_deadline = build.sentence_marker, build.deadline
        stated = [t for t in times if t.kind != "duration"]
        context.carried_as_of = _as_of_value(stated[-1], context.anchor) if stated else context.carried_as_of
    else:
        context.carried_marker = context.carried_deadline = context.carried_as_of = None
    return sorted(claims, key=lambda c: (c.start, c.kind))


def _is_deadline(text: str, quantity: Quantity) -> bool:
    """三年内 sets a deadline; it is not a three-year figure."""
    return quantity.unit == "年" and text[quantity.end:quantity.end + 1] == "内"


def _safe_quantities(text: str, numerals: Optional[str] = None) -> list[Quantity]:
    try:
        return find_quantities(text, numerals)
    except Exception:  # noqa: BLE001 - see above
        return []


def _is_time(quantity: Quantity, times: list[TimeMention]) -> bool:
    """A number that is part of a date (2024年, 5月12日) is not a figure."""
    return any(t.kind != "duration" and t.start <= quantity.start and quantity.end <= t.end
               or (t.kind != "duration" and t.start < quantity.end and quantity.start < t.end
                   and quantity.unit in ("年", "月", "日"))
               for t in times)


def _clauses(text: str) -> list[_Clause]:
    clauses, cursor = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        clauses.append(_Clause(cursor, match.end(), text[cursor:match.end()]))
        cursor = match.end()
    clauses.append(_Clause(cursor, len(text), text[cursor:]))
    return clauses


def _clause_at(clauses: list[_Clause], offset: int) -> _Clause:
    for clause in clauses:
        if clause.start <= offset < clause.end:
            return clause
    return clauses[-1]


class _Builder:
    """Claims of one sentence; holds what the kinds share (times, clauses, subject)."""

    def __init__(self, text, sentence, context, times, clauses, subject):
        self.text, self.sentence, self.context = text, sentence, context
        self.times, self.clauses, self.subject = times, clauses, subject
        self.anchor = context.anchor
        own_marker, sentence_marker = _sentence_markers(text)
        if own_marker:
            context.paragraph_marker = own_marker
        self.sentence_marker = sentence_marker or context.carried_marker or context.paragraph_marker
        self.quantities: list[Quantity] = []
        self.caption = False
        self.prior_subject = subject
        self.places: list[tuple[int, int, str]] = []
        self.deadline = _deadline(text, times, self.anchor) or context.carried_deadline

    def statistic_between(self, start: int, end: int) -> bool:
        """A quantity in a clause before the event's clause makes the date a statistic's as_of."""
        verb_clause = max(self.text.rfind(mark, start, end) for mark in "，,")
        return any(start <= q.start < verb_clause for q in self.quantities)

    def claim(self, kind: str, start: int, end: int, **fields) -> Claim:
        offset = self.sentence.start
        return Claim(kind=kind, sentence=self.sentence.index, start=offset + start, end=offset + end,
                     surface=self.sentence.text[start:end], **fields)

    # -- figures and targets

    def numeric(self, quantities: list[Quantity]) -> list[Claim]:
        claims = []
        previous: Optional[Quantity] = None
        for quantity in quantities:
            clause = _clause_at(self.clauses, quantity.start)
            # 分别增长5.6%、7.2%和8.1%: a coordinated number measures what its first one does.
            shared = previous is not None and claims and self.text[previous.end:quantity.start] in _number_coordinators()
            # 高新技术企业1.3万家、科技型中小企业2.1万家: the second metric starts after the list mark.
            listed_after = previous.end + 1 if previous is not None and clause.start <= previous.start \
                and self.text[previous.end:previous.end + 1] == "、" else None
            previous = quantity
            strength = self.target_strength(clause, quantity)
            fields = dict(
                value=quantity.value, value_high=quantity.value_high, unit=quantity.unit,
                # A place named only after the number (高于全国5.3个百分点) is not what it is about.
                qualifier=quantity.qualifier, subject=_last_place(self.places, end=quantity.start) or self.prior_subject,
                metric=claims[-1].metric if shared else _metric(self.text, clause, quantity, listed_after), change=quantity.change,
            )
            if strength:
                claims.append(self.claim("target", quantity.start, quantity.end, strength=strength,
                                         deadline=self.deadline_at(quantity.end), **fields))
            else:
                claims.append(self.claim("figure", quantity.start, quantity.end,
                                         as_of=self.as_of(quantity), **fields))
        return claims

    def target_strength(self, clause: _Clause, quantity: Quantity) -> Optional[str]:
        if _has_any(clause.text, "past_markers"):
            return None
        strength = _clause_marker_strength(clause.text)
        if strength:
            return strength
        if self.sentence_marker:
            return self.sentence_marker
        if self.deadline and _future_deadline_first(self.text, self.times, self.anchor):
            return "到"
        return self.marked_deadline_before(clause)

    def marked_deadline_before(self, clause: _Clause) -> Optional[str]:
        """力争到2027年，新区常住人口达到150万人: a clause that is a marker and a deadline
        looks forward over the clauses after it."""
        for earlier in reversed([c for c in self.clauses if c.end <= clause.start]):
            strength = _clause_marker_strength(earlier.text)
            if strength and any(earlier.start <= t.start < earlier.end and _sets_deadline(self.text, t)
                                for t in self.times):
                return strength
        return None

    def deadline_at(self, offset: int) -> Optional[str]:
        """The deadline nearest before ``offset`` (…到2027年…，确保今年年底前… sets two), else the sentence's."""
        before = [t for t in self.times if t.start < offset and _sets_deadline(self.text, t)]
        return _year_or_date(before[-1].value) if before else self.deadline

    def as_of(self, quantity: Quantity) -> Optional[str]:
        # 比上年增长5.4%: 上年 is the base of the comparison, not the date of the figure.
        before = [t for t in self.times if t.end <= quantity.start and t.kind != "duration"
                  and self.text[max(0, t.start - 1):t.start] not in ("比", "较")]
        if before:
            return _as_of_value(before[-1], self.anchor)
        after = [t for t in self.times if t.start >= quantity.end and t.kind in ("point", "period")
                 and _clause_at(self.clauses, t.start) is _clause_at(self.clauses, quantity.start)]
        return _as_of_value(after[0], self.anchor) if after else self.context.carried_as_of

    def deadline_only(self) -> list[Claim]:
        """A forward-looking sentence with a deadline but no number is one target."""
        head_deadline = self.deadline and _future_deadline_first(self.text, self.times, self.anchor)
        if not (self.deadline and (self.sentence_marker or _has_clause_marker(self.text) or head_deadline)):
            return []
        span = _deadline_span(self.text, self.times)
        if span is None:
            return []
        return [self.claim("target", span[0], span[1], subject=self.subject, deadline=self.deadline_at(span[1]),
                           strength=self.sentence_marker or _clause_marker_strength(self.text) or "到",
                           metric=_short(self.text[span[1]:].lstrip("，,、 ")))]

    # -- milestones

    def milestones(self) -> list[Claim]:
        """Dated events; a caption's date is when the photo was taken, not an event."""
        if self.caption:
            return []
        claims: list[Claim] = []
        events = set()
        for mention in self.times:
            if mention.kind in ("point", "since") and mention.precision in ("day", "month", "year"):
                claim = self.dated_event(mention)
                if claim and claim.event not in events:
                    events.add(claim.event)
                    claims.append(claim)
        for mention in self.times:
            if mention.kind == "event":
                claim = self.calendar_event(mention, claims)
                if claim:
                    claims.append(claim)
        return claims

    def calendar_event(self, mention: TimeMention, dated: list[Claim]) -> Optional[Claim]:
        """A national event is a milestone where the sentence is about it, once per article."""
        key = simplify(mention.surface)
        at_head = mention.start <= 2
        held = _event_clause_end(self.text[mention.end:]) is not None
        if key in self.context.seen_events or not (at_head or held):
            return None
        date = PartialDate.parse(_date_part(mention.value))
        if any(c.date and PartialDate.parse(c.date).agrees(date) for c in dated):
            return None
        self.context.seen_events.add(key)
        return self.claim("milestone", mention.start, mention.end, date=_date_part(mention.value),
                          precision=_precision_of(mention.value), event=_short(self.text),
                          subject=self.subject)

    def dated_event(self, mention: TimeMention) -> Optional[Claim]:
        if _has_any(mention.surface, "state_times") or self.text[mention.end:mention.end + 1] == "第":
            return None  # 目前 describes a state; 2024年度第二次会议 is part of a name
        if _done_by(self.text, mention) or self.text[max(0, mention.start - 3):mention.start].endswith(_AS_AT):
            return None  # 到2035年基本建成…: a deadline, which the target carries; 截至…: a statistic's date
        tail = self.text[mention.end:]
        clause_end = _event_clause_end(tail)
        if clause_end is None or self.statistic_between(mention.end, mention.end + clause_end):
            return None
        event = _strip_event_head(tail[:clause_end])
        head = self.text[:mention.start]
        if head.startswith(("自", "从")) and len(head) <= 2:
            head = ""
        event = _short((head.rstrip("，,在于自从") + event) if len(head) <= 30 else event)
        return self.claim("milestone", mention.start, mention.end, date=_date_part(mention.value),
                          precision=_precision_of(mention.value), event=event or None,
                          subject=_last_place(self.places, start=mention.end) or self.subject)

    # -- formulations and documents

    def formulations(self) -> list[Claim]:
        claims = []
        for match in _QUOTE.finditer(self.text):
            inner = match.group(1)
            if _SPEECH_END.search(inner) or len(inner) < 2:
                continue
            claims.append(self.claim("formulation", match.start(1), match.end(1), simplified=inner))
        return claims

    def documents(self) -> list[Claim]:
        claims = []
        for match in _TITLE.finditer(self.text):
            title = match.group(1)
            after = self.text[match.end():match.end() + 20]
            abbreviation = _ABBREVIATION.match(after)
            if abbreviation:
                self.context.abbreviations[abbreviation.group(1)] = title
            period = _TITLE_PERIOD.search(title)
            claims.append(self.claim(
                "document", match.start(), match.end(), simplified=title,
                as_of=f"{period.group(1)}/{period.group(2)}" if period else None,
                refers_to=self.context.abbreviations.get(title) if title in self.context.abbreviations
                and self.context.abbreviations[title] != title else None,
            ))
        return claims


# ------------------------------------------------------------------ helpers


@lru_cache(maxsize=1)
def _markers() -> tuple[dict, ...]:
    return load_table("target_markers", ("word", "strength", "scope"))


@lru_cache(maxsize=1)
def _event_verbs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = load_table("event_verbs", ("word",))
    return tuple((r["word"], _exceptions(r)) for r in rows)


def _exceptions(row: dict) -> tuple[str, ...]:
    return tuple(w for w in row.get("except", "").split(",") if w)


def find_word(text: str, word: str, exceptions: tuple[str, ...] = (), start: int = 0,
              end: Optional[int] = None) -> int:
    """First offset of ``word`` in ``text[start:end]`` that is not inside one of ``exceptions``."""
    end = len(text) if end is None else end
    at = text.find(word, start, end)
    while at >= 0:
        if not any(_covers(text, at, len(word), compound) for compound in exceptions):
            return at
        at = text.find(word, at + 1, end)
    return -1


def _covers(text: str, at: int, size: int, compound: str) -> bool:
    """True when ``compound`` occurs in ``text`` over the span [at, at+size)."""
    lo = max(0, at - len(compound) + size)
    spot = text.find(compound, lo, at + len(compound))
    return 0 <= spot <= at and spot + len(compound) >= at + size


@lru_cache(maxsize=None)
def _word_set(table: str) -> tuple[str, ...]:
    return words(table)


def _has_any(text: str, table: str) -> bool:
    return any(word in text for word in _word_set(table))


@lru_cache(maxsize=1)
def _marker_rows() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    return tuple((r["word"], r["strength"], r["scope"], _exceptions(r)) for r in _markers())


@lru_cache(maxsize=1)
def _any_marker() -> re.Pattern:
    # One pass over the text rules out most sentences before the per-word checks.
    return compile_gated("|".join(re.escape(word) for word in sorted({r[0] for r in _marker_rows()}, key=len,
                                                                   reverse=True)))


def _sentence_markers(text: str) -> tuple[Optional[str], Optional[str]]:
    """The strength of the first paragraph-wide marker, and of the first sentence-wide one."""
    if not _any_marker().search(text):
        return None, None
    paragraph = sentence = None
    for word, strength, row_scope, exceptions in _marker_rows():
        if row_scope not in ("sentence", "paragraph") or (paragraph and sentence):
            continue
        if (row_scope == "paragraph" and paragraph) or (row_scope == "sentence" and sentence):
            continue
        if find_word(text, word, exceptions) >= 0:
            sentence = sentence or strength
            if row_scope == "paragraph":
                paragraph = strength
    return paragraph, sentence


def _has_clause_marker(text: str) -> bool:
    return _clause_marker_strength(text) is not None


def _clause_marker_strength(text: str) -> Optional[str]:
    if not _any_marker().search(text):
        return None
    for word, strength, row_scope, exceptions in _marker_rows():
        if row_scope == "clause" and find_word(text, word, exceptions) >= 0:
            return strength
    return None


def _sets_deadline(text: str, mention: TimeMention) -> bool:
    """到2027年, 至2025年底, 今年年底前: a point in time that something must be done by."""
    before = text[max(0, mention.start - 3):mention.start]
    after = text[mention.end:mention.end + 1]
    if before.endswith(_AS_AT):
        return False  # 截至2024年底: the date of a statistic
    return mention.kind == "point" and (before.endswith(("到", "至", "在")) or after in ("前", "底"))


def _done_by(text: str, mention: TimeMention) -> bool:
    """到2035年 / 2025年底前: the time something is to be done by, not when it happened."""
    before = text[max(0, mention.start - 3):mention.start]
    return mention.kind == "point" and not before.endswith(_AS_AT) and (
        before.endswith(("到", "至")) or text[mention.end:mention.end + 1] == "前")


_AS_AT = ("截至", "截止", "截止到", "截至到")


def _deadline(text: str, times: list[TimeMention], anchor: Optional[PartialDate]) -> Optional[str]:
    """The deadline a forward-looking sentence sets: 到2027年, 三年内, 今年, 开局之年."""
    for mention in times:
        if _sets_deadline(text, mention):
            return _year_or_date(mention.value)
        if mention.kind == "period" and "/" in mention.value and anchor and \
                int(mention.value[-4:]) >= anchor.year and "期间" not in text[mention.end:mention.end + 3]:
            return mention.value[-4:]
    if anchor is None:
        return None
    within = _YEARS_WITHIN.search(text)
    if within:
        from .quantities import parse_number

        years = parse_number(within.group(1))
        if years:
            return str(anchor.year + int(years) - 1)
    for row in load_table("deadline_words", ("word", "offset_years")):
        if row["word"] in text:
            return str(anchor.year + int(row["offset_years"]))
    for mention in times:
        if mention.kind == "point" and PartialDate.parse(_date_part(mention.value)).year > anchor.year:
            return _year_or_date(mention.value)
    return None


def _future_deadline_first(text: str, times: list[TimeMention], anchor) -> bool:
    """到2027年，… or 2025年底前，… at the head of a sentence makes every clause after it a target."""
    head = _DEADLINE_HEAD.match(text)
    return bool(head) and any(t.start == head.end() and (head.group(1) or _sets_deadline(text, t))
                              and not (head.group(1) == "在" and _is_past(t, anchor)) for t in times)


def _is_past(mention: TimeMention, anchor: Optional[PartialDate]) -> bool:
    """在2024年，… in a 2025 article tells what happened then, not what is due."""
    if anchor is None or mention.kind != "point":
        return False
    return PartialDate.parse(_date_part(mention.value)).year < anchor.year


def _deadline_span(text: str, times: list[TimeMention]) -> Optional[tuple[int, int]]:
    for row in load_table("deadline_words", ("word", "offset_years")):
        at = text.find(row["word"])
        if at >= 0:
            return at, at + len(row["word"])
    within = _YEARS_WITHIN.search(text)
    if within:
        return within.span()
    for mention in times:
        if mention.kind in ("point", "period"):
            return mention.start, mention.end
    return None


def _year_or_date(value: str) -> str:
    return value.split("/")[-1]


def _date_part(value: str) -> str:
    return value.split("/")[0]


def _precision_of(value: str) -> str:
    return PartialDate.parse(_date_part(value)).precision


def _as_of_value(mention: TimeMention, anchor: Optional[PartialDate]) -> Optional[str]:
    if mention.kind == "since":
        return _year_or_date(mention.value) if "/" in mention.value else (
            str(anchor.year) if anchor else mention.value)
    return mention.value


def _event_clause_end(tail: str) -> Optional[int]:
    """End of the clause after a date that holds an event verb, or None if there is none."""
    clause_breaks = [m.start() for m in _SENTENCE_BREAK.finditer(tail)] + [len(tail)]
    limit = clause_breaks[0]
    best = None
    for verb, exceptions in _event_verbs():
        at = find_word(tail, verb, exceptions, 0, limit)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(verb))
    if best is None:
        return None
    comma = _COMMA.search(tail, best[1], limit)
    return comma.start() if comma else limit


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    rows = load_table("places", ("name",))
    return tuple(sorted(((r["name"], r["canonical"] or r["name"]) for r in rows), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _place_lookup() -> dict[str, str]:
    return dict(_places())


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern:
    return compile_gated("|".join(re.escape(name) for name, _ in _places()))




def _places_in(text: str, pointed: Optional[dict] = None) -> list[tuple[int, int, str]]:
    """Places named in ``text`` as (start, end, canonical name), in order, leaving out
    those that are not what a figure is about (高于全国、全省; 来自全国各地; see not_subject.tsv).

    With ``pointed`` (word → place), words such as 全市 count as naming that place.
    """
    lookup = _place_lookup()
    found = [(m.start(), m.end(), lookup[m.group(0)]) for m in _place_re().finditer(text)]
    for word, place in (pointed or {}).items():
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), place))
            at = text.find(word, at + len(word))
    if pointed:
        found.sort()
    before, after = _not_subject_words()
    kept, excluded_end = [], -2
    for start, end, name in found:
        listed = any(excluded_end == start - len(word) and text.startswith(word, excluded_end)
                     for word in _coordinators())
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


def _pointed_places(text: str) -> dict[str, str]:
    """What 全市, 我省 … stand for in this article: the city or province it names most."""
    counts = _place_counts(text)
    levels = _place_levels()
    pointed = {}
    for row in load_table("deictic_places", ("word", "level")):
        candidates = [(n, c) for n, c in counts.items() if levels.get(n) == row["level"]]
        if candidates:
            pointed[row["word"]] = max(candidates, key=lambda item: (item[1], item[0]))[0]
    return pointed


def _place_counts(text: str) -> dict[str, int]:
    """How often an article names each place, in the order first named, counted once for
    both 全市/我省 and its main subject: in its first PLACE_COUNT_CHARS characters, where
    it says what it is about, leaving out comparison bases and origins (高于全国, 来自全国)."""
    counts: dict[str, int] = {}
    lookup = _place_lookup()
    before = _not_subject_words()[0]
    for match in _place_re().finditer(text, 0, PLACE_COUNT_CHARS):
        if text[max(0, match.start() - 2):match.start()].endswith(before):
            continue
        name = lookup[match.group(0)]
        counts[name] = counts.get(name, 0) + 1
    return counts


def _last_place(places: list[tuple[int, int, str]], start: int = 0, end: Optional[int] = None) -> Optional[str]:
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


def _metric(text: str, clause: _Clause, quantity: Quantity, start: Optional[int] = None) -> Optional[str]:
    """What a quantity measures, in the text's words: the clause before it, or after it.

    ``start`` is where a listed item begins inside the clause (after 、)."""
    before = text[max(clause.start, start or 0):quantity.start]
    before = _LIST_BREAK.split(before)[-1] if len(before) > 24 else before
    before = _strip_times(before)
    source = _FROM_NUMBER.search(before)
    if source:  # 经济总量从3748.6亿元增长到5002.5亿元: the metric is what stands before 从
        before = before[:source.start()]
    before = _leading_filler().sub("", before.strip("，,；;：: "))
    before = _TRAILING_FROM.sub("", _trailing_link().sub("", before))
    if (not before or _bare_change().fullmatch(before)) and clause.start > 0:
        # 地区生产总值增长5.4%，达到47526.9亿元 / 收入4293.2亿元，增长3.1%: the clause
        # names no metric, so it is the previous clause's, with this clause's change word.
        stem = _metric_stem(text[:clause.start])
        if stem:
            return _short(stem + before)
    after = text[quantity.end:clause.end].strip("，,；;。、 ")
    after = _LEADING_DE.sub("", after)
    # 京津冀地区共拥有7个国家级先进制造业集群: before the number stands only the place,
    # so what is counted is named after the measure word.
    only_place = len(_leading_filler().sub("", _place_re().sub("", before)).strip("地区")) < 2
    if len(before) >= 2 and not (only_place and len(after) >= 2):
        return _short(before)
    return _short(after) if len(after) >= 2 else None


_NUMBER_START = re.compile(r"[0-9０-９]")
_SENTENCE_BREAK = re.compile(r"[。；;]")
_METRIC_BREAK = re.compile(r"[，,；;。：:]")
_COMMA = re.compile(r"[，,]")
_LIST_BREAK = re.compile(r"[、（(]|等")
_FROM_NUMBER = re.compile(r"[从由][^，,；;]*?[0-9０-９]")
_TRAILING_FROM = re.compile(r"[从由]$")
_LEADING_DE = re.compile(r"^的")
# Grammar, not vocabulary: the numeral patterns and punctuation below stay in code, the
# words come from data/metric_words.tsv and data/plan_periods.tsv.
_N_YEARS_WITHIN = r"[一二三四五六七八九十两\d]+年内"  # 三年内, 5年内: cut at a metric's head
_WRITTEN_DATE = r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?"  # 2024年5月12日: cut from a metric


def _alternation(items: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in items)


@lru_cache(maxsize=1)
def _leading_filler() -> re.Pattern:
    """我市, 其中, 累计, 三年内 … at the head of a metric, one after another."""
    return re.compile(rf"^(?:{_alternation(words_with_role('metric_words', 'head'))}|{_N_YEARS_WITHIN})+")


@lru_cache(maxsize=1)
def _trailing_link() -> re.Pattern:
    """总数达到, 已经达到了, 为 … between a metric and its number (a comma too)."""
    size = _alternation(words_with_role("metric_words", "size"))
    link = _alternation(words_with_role("metric_words", "link"))
    return re.compile(rf"(?:{size})?(?:{link}|，)+$")


@lru_cache(maxsize=1)
def _bare_change() -> re.Pattern:
    """增长, 同比增长, 比上年下降: a change word with its optional comparison base."""
    base = _alternation(words_with_role("metric_words", "base"))
    change = _alternation(words_with_role("metric_words", "change"))
    return re.compile(rf"(?:{base})?(?:{change})")


@lru_cache(maxsize=1)
def _trailing_change() -> re.Pattern:
    return re.compile(rf"(?:{_bare_change().pattern})$")


@lru_cache(maxsize=1)
def _times_in_metric() -> re.Pattern:
    """2024年5月, 今年, “十四五”时期: time words cut from a metric."""
    times = _alternation(words_with_role("metric_words", "time"))
    plans = _alternation(words("plan_periods", "name"))
    suffix = _alternation(words_with_role("metric_words", "period_suffix"))
    return re.compile(rf"{_WRITTEN_DATE}|{times}|“?(?:{plans})”?(?:{suffix})?")


@lru_cache(maxsize=1)
def _coordinators() -> tuple[str, ...]:
    """和, 、, 以及 …: what coordinates two items (two places, two numbers)."""
    return words_with_role("coordinators", "list")


@lru_cache(maxsize=1)
def _number_coordinators() -> tuple[str, ...]:
    """What coordinates two numbers of one metric: any coordinator, and ， (分别增长5.6%，7.2%)."""
    return _coordinators() + words_with_role("coordinators", "numbers")


_EVENT_HEAD_PUNCT = "，,、：: "


def _strip_event_head(event: str) -> str:
    """Punctuation and times of day (下午, 晚上) before an event, as whole words:
    上海市召开… and 上线运行… keep their 上."""
    times = words("times_of_day")
    while True:
        rest = event.lstrip(_EVENT_HEAD_PUNCT)
        rest = next((rest[len(t):] for t in times if rest.startswith(t)), rest)
        if rest == event:
            return event
        event = rest


def _metric_stem(before: str) -> Optional[str]:
    """The metric named at the head of the clause before: 全省地区生产总值增长5.4% → 地区生产总值."""
    previous = _strip_times(_METRIC_BREAK.split(before.rstrip("，,；; "))[-1])
    digit = _NUMBER_START.search(previous)
    head = previous[:digit.start()] if digit else previous
    head = _leading_filler().sub("", head.strip())
    head = _trailing_link().sub("", head)
    head = _trailing_change().sub("", head)
    return head if 2 <= len(head) <= 24 else None


def _strip_times(text: str) -> str:
    return _times_in_metric().sub("", text)


@lru_cache(maxsize=1)
def _dateline_opening() -> re.Pattern:
    words = "|".join(re.escape(w) for w in words_with_role("bylines", "dateline"))
    # 本报讯 米彦泽 近日，… : the dateline, the reporter's name, then the news.
    # 央视网消息（新闻联播）： the dateline may name its programme in brackets.
    return re.compile(rf"^(?:{words})\s*(?:[(（][\u4e00-\u9fff]{{2,8}}[)）])?[：:]?\s*"
                      rf"(?:[(（]?记者)?\s*(?:[\u4e00-\u9fff]{{2,4}}[)）]?\s+)?")


# 记者从河北雄安新区获悉，… / 据省发改委介绍，…: how the news reached the reporter, not the event.
_REPORTED = re.compile(r"^(?:记者)?(?:从|据)[^，,。]{1,24}(?:获悉|了解到|介绍|消息|透露)[，,：:]?")
_SPEAKER = re.compile(r"^[\u4e00-\u9fff]{1,6}[:：]")  # 记者: / 闫继红: in an interview


def _short(text: str, limit: int = 40) -> str:
    """An event or caption in a few words: no dateline, no speaker label, no edge punctuation."""
    text = _dateline_opening().sub("", text.strip(), count=1)
    text = _SPEAKER.sub("", text, count=1)
    text = _REPORTED.sub("", text, count=1)
    text = text.strip("，,；;。：: ")
    return text if len(text) <= limit else text[:limit] + "…"
