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

Every figure carries ``as_of`` and ``as_of_basis``, the first of these that applies:
a time written in its sentence (``stated`` 2023年, ``relative`` 去年, ``present`` 目前,
``period`` 十年来 / “十四五”时期), the time carried from a sentence before it (…；…, or a
paragraph that opens with 2024年，…), a present word (已经, 如今), the section of a report
it sits in (``section``: 一、2013年工作回顾 → 2013, its plan part → the plan year), else the
publication date (``present``: plain present tense) or ``none`` with no date at all.
In a report's plan part, targets without a deadline are due in the plan year, and the
list after 主要预期目标是： takes the marker of its lead sentence.

Every word list lives in ``tracker/data``; this module holds only the algorithm.

Reads data/places.tsv, data/deictic_places.tsv, data/not_subject.tsv, data/target_markers.tsv, data/past_markers.tsv, data/state_times.tsv, data/deadline_words.tsv, data/event_verbs.tsv, data/bylines.tsv, data/metric_words.tsv, data/coordinators.tsv, data/times_of_day.tsv, data/plan_periods.tsv, data/share_words.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from ..dates import PartialDate
from ..models import Claim, Quantity, Sentence, TimeMention
from ..read.script import simplify
from ..read.sentences import split_sentences
from .clauses import Clause, Section, clause_at, find_sections, lead_section, number_coordinators, section_at, \
    split_clauses
from .fastre import compile_gated
from .markers import (
    AS_AT,
    _deadline,
    as_of_with_basis,
    clause_marker_strength,
    date_part,
    deadline_span,
    done_by,
    event_clause_end,
    future_deadline_first,
    is_past as _is_past,
    has_any,
    has_clause_marker,
    precision_of,
    present_word_before,
    is_part_word,
    is_future,
    firmest,
    sentence_markers,
    sets_deadline,
    year_or_date,
)
from .broadcast_events import anniversary_text, carried_event_text, describes, most_precise_per_event, planned, \
    subject_head
from .metrics import _metric, _short, distribute, share_metric, strip_event_head
from .places import _main_subject, last_place, places_in, pointed_places
from .quantities import find_quantities, normalise
from .timex import find_times, fold

EXTRACTOR_VERSION = "2026.12.1"
# Places are counted (for the main subject and for 全市, 我省) in an article's first part.

_QUOTE = compile_gated(r"[“「『\"]([^“”「」『』\"\n]{1,30})[”」』\"]")
_TITLE = compile_gated(r"《([^《》\n]{1,80})》")
_ABBREVIATION = compile_gated(r"[（(]\s*(?:以下简称|下称|简称)\s*[《“]([^》”]{1,20})[》”]\s*[)）]")
_TITLE_PERIOD = re.compile(r"[（(]?(\d{4})\s*[-—–－~至]\s*(\d{4})年?[)）]?")
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
    context.pointed = pointed_places(shadow)
    sections = find_sections(shadow, anchor)
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
            context.carried_marker = context.carried_deadline = context.carried_as_of = context.carried = None
            context.lead = context.lead_section = None
            context.paragraph_event = None
            # 主要预期目标是：\n 国内生产总值增长7.5%左右；…: the list takes its lead's marker.
            context.carried_marker, context.carried_deadline = context.list_marker, context.list_deadline
            context.list_marker = context.list_deadline = None
            # A new paragraph may turn to another place: fall back on the article's own.
            context.last_subject = None
            caption = _CAPTION.search(_line_of(shadow, sentence.start, sentence.end)) is not None
        context.section = section_at(sections, sentence.start)
        text = shadow[sentence.start:sentence.end]
        context.lead_section = lead_section(text, sentence.start, anchor) or context.lead_section
        while cursor < len(article_times) and article_times[cursor].start < sentence.start:
            cursor += 1
        times, ahead = [], cursor
        while ahead < len(article_times) and article_times[ahead].start < sentence.end:
            if article_times[ahead].end <= sentence.end:
                times.append(article_times[ahead].shifted(-sentence.start))
            ahead += 1
        result.extend(_sentence_claims(text, sentence, context, caption, times,
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
    carried_as_of: Optional[tuple] = None  # 过去一年，A增长5.4%；B增长3.1%: both are last year's
    carried: Optional[list] = None  # figures of a sentence ending …；: a share after it may divide one
    lead: Optional[tuple] = None  # 2024年，… at a sentence's head: (as_of, basis) for the paragraph
    section: Optional[Section] = None  # the report section the sentence sits in
    lead_section: Optional[Section] = None  # 过去一年，… opening a sentence, for its paragraph
    list_marker: Optional[str] = None  # …目标是： ends a paragraph: the next one is its list
    paragraph_event: Optional[tuple] = None  # (date, precision) of the day-dated event the paragraph opened with
    list_deadline: Optional[str] = None

    def __post_init__(self):
        self.seen_events = set()
        self.abbreviations = {}


def _sentence_claims(text: str, sentence: Sentence, context: _ArticleContext,
                     caption: bool = False, times: Optional[list[TimeMention]] = None,
                     numerals: Optional[str] = None) -> list[Claim]:
    if times is None:
        try:
            times = find_times(text, context.anchor)
        except Exception:  # noqa: BLE001 - one odd sentence must not lose the article
            times = []
    quantities = [q for q in _safe_quantities(text, numerals) if not _is_time(q, times) and not _is_deadline(text, q)]
    clauses = split_clauses(text) if quantities or times else []  # only numbers and times are read by clause
    places = places_in(text, context.pointed)
    named = last_place(places)
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
    has_target = bool(targets_at)
    # 预计2026年建成投用: a deadline the target carries is not also a milestone;
    # 将于今年10月投入使用: a dated event still ahead is a deadline-only target, never a milestone.
    for milestone in build.milestones():
        if (milestone.start, milestone.end) in targets_at:
            continue
        if milestone.date and (build.ahead(milestone) or planned(clauses, milestone.start - sentence.start,
                                                                   milestone.surface)):
            if not has_target:
                claims.append(replace(milestone, kind="target", deadline=milestone.date, date=None, precision=None,
                                      strength=clause_marker_strength(text) or "将", metric=milestone.event,
                                      event=None))
                has_target = True
            continue
        claims.append(milestone)
    dated = [c for c in claims if c.kind == "milestone" and c.precision == "day"]
    if dated:
        context.paragraph_event = (dated[0].date, dated[0].precision)
    elif not times and not has_target and not build.sentence_marker:
        claims += build.carried_event()
    claims += build.formulations()
    claims += build.documents()
    # An anniversary (…提出10周年) dates the programme's start, never the sentence's figures.
    times = [t for t in times if t.kind != "anniversary"]
    stated = [t for t in times if t.kind != "duration" or t.start <= 1]
    if text.rstrip().endswith(("；", ";")):
        context.carried_marker, context.carried_deadline = build.sentence_marker, build.deadline
        context.carried_as_of = as_of_with_basis(stated[-1], context.anchor, text) if stated \
            else context.carried_as_of
    else:
        context.carried_marker = context.carried_deadline = context.carried_as_of = None
    if text.rstrip().endswith(("：", ":")) and build.sentence_marker:
        context.list_marker, context.list_deadline = build.sentence_marker, build.deadline
    lead = _lead_time(text, times)
    if lead is not None:
        context.lead = as_of_with_basis(lead, context.anchor, text)
    return sorted(claims, key=lambda c: (c.start, c.kind))


def _lead_time(text: str, times: list[TimeMention]) -> Optional[TimeMention]:
    """2024年，… / 过去一年，… / 十年来，… opening a sentence dates what its paragraph says next."""
    head = len(text) - len(text.lstrip(" \t\u3000"))
    for mention in times:
        if mention.start > head + 1:
            break
        if text[mention.end:mention.end + 1] in ("，", ",") and not sets_deadline(text, mention) \
                and mention.kind != "event":
            return mention
    return None


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
    return any(t.kind not in ("duration", "anniversary") and t.start <= quantity.start and quantity.end <= t.end
               or (t.kind not in ("duration", "anniversary") and t.start < quantity.end and quantity.start < t.end
                   and quantity.unit in ("年", "月", "日"))
               for t in times)


class _Builder:
    """Claims of one sentence; holds what the kinds share (times, clauses, subject)."""

    def __init__(self, text, sentence, context, times, clauses, subject):
        self.text, self.sentence, self.context = text, sentence, context
        self.times, self.clauses, self.subject = times, clauses, subject
        self.anchor = context.anchor
        own_marker, sentence_marker = sentence_markers(text)
        self.section = context.lead_section or context.section
        if self.section is not None and self.section.role == "review":
            # 全面实现年初确定的主要目标，国内生产总值增长7.8%: a review reports against its targets.
            own_marker = sentence_marker = None
        if own_marker:
            context.paragraph_marker = own_marker
        self.sentence_marker = sentence_marker or context.carried_marker or context.paragraph_marker
        self.quantities: list[Quantity] = []
        self.caption = False
        self.prior_subject = subject
        self.places: list[tuple[int, int, str]] = []
        self.deadline = _deadline(text, times, self.anchor) or context.carried_deadline
        if self.deadline is None and self.section is not None and self.section.role == "plan":
            self.deadline = year_or_date(self.section.when)

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
        runs: list[list[int]] = []  # coordinated numbers sharing one metric, by index in claims
        previous: Optional[Quantity] = None
        for quantity in quantities:
            clause = clause_at(self.clauses, quantity.start)
            # 分别增长5.6%、7.2%和8.1%: a coordinated number measures what its first one does.
            shared = previous is not None and claims and self.text[previous.end:quantity.start] in number_coordinators()
            # 高新技术企业1.3万家、科技型中小企业2.1万家: the second metric starts after the list mark.
            listed_after = previous.end + 1 if previous is not None and clause.start <= previous.start \
                and self.text[previous.end:previous.end + 1] == "、" else None
            previous = quantity
            if shared:
                runs[-1].append(len(claims))
            else:
                runs.append([len(claims)])
            strength = self.target_strength(clause, quantity)
            fields = dict(
                value=quantity.value, value_high=quantity.value_high, unit=quantity.unit,
                # A place named only after the number (高于全国5.3个百分点) is not what it is about.
                qualifier=quantity.qualifier, subject=last_place(self.places, end=quantity.start) or self.prior_subject,
                metric=claims[-1].metric if shared else share_metric(_metric(self.text, clause, quantity, listed_after),
                                                                     quantity, [*(self.context.carried or ()), *claims]), change=quantity.change,
            )
            if strength:
                claims.append(self.claim("target", quantity.start, quantity.end, strength=strength,
                                         deadline=self.deadline_at(quantity.end), **fields))
            else:
                as_of, basis = self.as_of(quantity)
                if self.after_anchor(as_of, basis):  # 明年产量达到…: what is not yet can only be expected
                    claims.append(self.claim("target", quantity.start, quantity.end, strength="预计",
                                             deadline=as_of, **fields))
                    continue
                claims.append(self.claim("figure", quantity.start, quantity.end,
                                         as_of=as_of, as_of_basis=basis, **fields))
        # 公交车、出租车占比不低于95%和85%: each number takes its own item of the listed metric.
        for run in runs:
            each = distribute(claims[run[0]].metric, len(run)) if len(run) > 1 else None
            for index, metric in zip(run, each or ()):
                claims[index] = replace(claims[index], metric=metric)
        self.context.carried = claims if self.text.rstrip().endswith(("；", ";")) else None
        return claims

    def target_strength(self, clause: Clause, quantity: Quantity) -> Optional[str]:
        if has_any(clause.text, "past_markers"):
            return None
        strength = firmest(clause_marker_strength(clause.text), self.sentence_marker)
        if strength:
            return strength
        if self.deadline and future_deadline_first(self.text, self.times, self.anchor):
            return "到"
        return self.marked_deadline_before(clause) or self.this_year_marker_before(clause) \
            or self.plan_bound(quantity)

    def this_year_marker_before(self, clause: Clause) -> Optional[str]:
        """今年拟安排财政赤字1.2万亿元，其中中央财政赤字8500亿元: a marker after this year's
        (or a later year's) date, in a text written before that year ends, runs to the sentence end."""
        if self.anchor is None:
            return None
        for earlier in reversed([c for c in self.clauses if c.end <= clause.start]):
            strength = clause_marker_strength(earlier.text)
            if strength and any((earlier.start <= t.start or t.start <= 1) and t.end <= earlier.end
                                and t.kind == "point" and not _is_past(t, self.anchor)
                                and not has_any(t.surface, "state_times") for t in self.times):
                return strength
        return None

    def plan_bound(self, quantity: Quantity) -> Optional[str]:
        """广义货币增长17%左右 in a report's plan part: a bound or an approximation is a target."""
        if self.section is None or self.section.role != "plan" or quantity.qualifier == "=":
            return None
        return "预期" if quantity.qualifier == "~" else "目标"

    def marked_deadline_before(self, clause: Clause) -> Optional[str]:
        """力争到2027年，新区常住人口达到150万人: a clause that is a marker and a deadline
        looks forward over the clauses after it."""
        for earlier in reversed([c for c in self.clauses if c.end <= clause.start]):
            strength = clause_marker_strength(earlier.text)
            if strength and any(earlier.start <= t.start < earlier.end and sets_deadline(self.text, t)
                                for t in self.times):
                return strength
        return None

    def deadline_at(self, offset: int) -> Optional[str]:
        """The deadline nearest before ``offset`` (…到2027年…，确保今年年底前… sets two), else the sentence's."""
        before = [t for t in self.times if t.start < offset and sets_deadline(self.text, t)]
        return year_or_date(before[-1].value) if before else self.deadline

    def as_of(self, quantity: Quantity) -> tuple[Optional[str], str]:
        """The date or period ``quantity`` describes, and its basis (see the module docstring)."""
        # 比上年增长5.4%: 上年 is the base of the comparison, not the date of the figure.
        before = [t for t in self.times if t.end <= quantity.start and t.kind != "anniversary"
                  and self.text[max(0, t.start - 1):t.start] not in ("比", "较")
                  and (t.kind != "duration" or self.text[t.end:t.end + 1] in "，,")]
        if before:
            return self.year_of_part(before[-1], before[:-1]) or as_of_with_basis(before[-1], self.anchor, self.text)
        after = [t for t in self.times if t.start >= quantity.end and t.kind in ("point", "period")
                 and clause_at(self.clauses, t.start) is clause_at(self.clauses, quantity.start)]
        if after:
            return as_of_with_basis(after[0], self.anchor, self.text)
        if self.context.carried_as_of:
            return self.context.carried_as_of
        anchor = self.anchor
        if anchor is not None and present_word_before(self.text, quantity.start):
            return anchor.iso, "present"
        if self.context.lead:
            return self.context.lead
        if self.section is not None:
            return self.section.when, "section"
        return (anchor.iso, "present") if anchor is not None else (None, "none")

    def after_anchor(self, as_of: Optional[str], basis: str) -> bool:
        """A figure's relative date (明年, 下月) later than the publication date.

        A written year after it (2025年…) is left a figure: a wrong publication date must not
        turn every reported figure of a text into a target."""
        if not as_of or basis not in ("relative", "present") or "/" in as_of or self.anchor is None:
            return False
        try:
            return PartialDate.parse(as_of).first_day() > self.anchor.last_day()
        except ValueError:
            return False

    def year_of_part(self, mention: TimeMention, earlier: list[TimeMention]) -> Optional[tuple[str, str]]:
        """2012年，…年初确定的…, or 一季度 in a review of 2012: a bare part of a year is
        the year the sentence, its paragraph or its section is about, not the anchor's."""
        if not (mention.relative and is_part_word(mention.surface) and self.anchor is not None):
            return None
        years = [t.value[:4] for t in earlier if t.kind == "point" and t.value[:4].isdigit()]
        year = years[-1] if years else None
        if year is None and self.context.lead and self.context.lead[0] and self.context.lead[0][:4].isdigit() \
                and "/" not in self.context.lead[0]:
            year = self.context.lead[0][:4]
        if year is None and self.section is not None and "/" not in self.section.when:
            year = self.section.when
        if year is None or year == mention.value[:4]:
            return None
        return year + mention.value[4:], "stated"

    def ahead(self, milestone: Claim) -> bool:
        """The milestone's date is still ahead of the publication date."""
        mention = next((t for t in self.times if self.sentence.start + t.start == milestone.start), None)
        return mention is not None and is_future(mention, self.anchor)

    def deadline_only(self) -> list[Claim]:
        """A forward-looking sentence with a deadline but no number is one target."""
        head_deadline = self.deadline and future_deadline_first(self.text, self.times, self.anchor)
        if not (self.deadline and (self.sentence_marker or has_clause_marker(self.text) or head_deadline)):
            return []
        span = deadline_span(self.text, self.times)
        if span is None:
            return []
        return [self.claim("target", span[0], span[1], subject=self.subject, deadline=self.deadline_at(span[1]),
                           strength=self.sentence_marker or clause_marker_strength(self.text) or "到",
                           metric=_short(self.text[span[1]:].lstrip("，,、 ")))]

    # -- milestones

    def milestones(self) -> list[Claim]:
        """Dated events; a caption's date is when the photo was taken, not an event."""
        if self.caption or not self.times:
            return []
        claims: list[Claim] = []
        events = set()
        for mention in self.times:
            if mention.kind in ("point", "since") and mention.precision in ("day", "month", "year"):
                claim = self.dated_event(mention)
            elif mention.kind == "anniversary":
                claim = self.anniversary_event(mention)
            else:
                continue
            if claim and claim.event not in events:
                events.add(claim.event)
                claims.append(claim)
        claims = most_precise_per_event(claims, [t.surface for t in self.times])
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
        held = event_clause_end(self.text[mention.end:]) is not None
        if key in self.context.seen_events or not (at_head or held):
            return None
        date = PartialDate.parse(date_part(mention.value))
        if any(c.date and PartialDate.parse(c.date).agrees(date) for c in dated):
            return None
        self.context.seen_events.add(key)
        return self.claim("milestone", mention.start, mention.end, date=date_part(mention.value),
                          precision=precision_of(mention.value),  # 今年是雄安新区设立的第7年: its name
                          event=mention.surface if describes(self.text[:mention.start], "") else _short(self.text, limit=None),
                          subject=self.subject)

    def carried_event(self) -> list[Claim]:
        """三省市还共同签署13个合作协议…: an undated event tied (还, 此外) to the paragraph's dated lead."""
        if self.context.paragraph_event is None or self.caption:
            return []
        found = carried_event_text(self.text)
        if found is None or self.statistic_between(0, found[2]):
            return []
        (date, precision), (start, end, _, event) = self.context.paragraph_event, found
        return [self.claim("milestone", start, end, date=date, precision=precision, event=event or None,
                           subject=self.subject)]

    def anniversary_event(self, mention: TimeMention) -> Optional[Claim]:
        """今年是京津冀协同发展重大国家战略提出10周年: the programme's start, told by the words before."""
        head = anniversary_text(self.text, clause_at(self.clauses, mention.start).start, mention, self.times)
        if head is None:
            return None
        return self.claim("milestone", mention.start, mention.end, date=date_part(mention.value),
                          precision=precision_of(mention.value), event=head,
                          subject=last_place(self.places, end=mention.start) or self.subject)

    def dated_event(self, mention: TimeMention) -> Optional[Claim]:
        if has_any(mention.surface, "state_times") or self.text[mention.end:mention.end + 1] == "第":
            return None  # 目前 describes a state; 2024年度第二次会议 is part of a name
        if done_by(self.text, mention) or self.text[max(0, mention.start - 3):mention.start].endswith(AS_AT):
            return None  # 到2035年基本建成…: a deadline, which the target carries; 截至…: a statistic's date
        tail = self.text[mention.end:]
        clause_end = event_clause_end(tail)
        if clause_end is None or self.statistic_between(mention.end, mention.end + clause_end):
            return None
        told = tail[:clause_end]
        head = self.text[:mention.start]
        if describes(head, told):
            return None
        # （6月24日），京雄高速…: a bracketed date leaves no empty brackets in the event's text.
        if head.rstrip().endswith(("（", "(")) and told.startswith(("）", ")")):
            head, told = head.rstrip()[:-1], told[1:]
        event = strip_event_head(told)
        if event.startswith("是"):
            event = ""  # 成立于2021年4月，是首家…: the head tells the event, the rest describes it
        if head.startswith(("自", "从")) and len(head) <= 2:
            head = ""
        # The whole event is stored (the verb often comes late: …(以下简称《规划》)正式印发);
        # views shorten it for display.
        if len(head) > 30:
            # 记者从…了解到，《目录》今天发布: the head's last clause names what happened, the
            # reporting before it does not.
            head = re.split(r"[，,；;：:。]", head)[-1]
        head = subject_head(head, event, self.text[:mention.start])
        event = _short(head.rstrip("，,在于自从") + event, limit=None)
        return self.claim("milestone", mention.start, mention.end, date=date_part(mention.value),
                          precision=precision_of(mention.value), event=event or None,
                          subject=last_place(self.places, start=mention.end) or self.subject)

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
