"""What changed between two articles: claim by claim, then sentence by sentence.

Two articles about one programme rarely share a sentence, but they share what the
sentences carry: a figure for the same metric (吸纳京津技术合同成交额), a milestone
(the May 2023 symposium), a slogan (京津研发、河北转化).  So a diff compares claims
first — figures and targets paired by metric identity from :mod:`tracker.compare.series`,
milestones by the event identity of :mod:`tracker.events`, formulations by their
simplified text with near variants shown as a character diff — and the text last.

The text diff (:mod:`tracker.compare.align`) works on simplified forms, so a traditional
article compares with a simplified one, sentences aligned first and rewritten ones
diffed within.

Everything here is pure and ordered explicitly; ``Diff_Timeout`` is 0 so the result
never depends on how fast the machine is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from .. import dates

from . import events
from . import series
from .align import PUNCTUATION, SentenceChange, TextOp, align_sentences, diff_text, dmp
from ..dates import precision_rank
from ..models import StoredClaim, clause, plural
from ..read.script import simplify

# Two formulations are near variants when this share of the shorter one's characters
# is kept in order by the longer (六链五群 / 五群六链五廊: 3 of 4) ...
VARIANT_KEPT = 0.7
# ... the shorter has at least this many characters (十四五 / 十五五 are two periods) ...
VARIANT_MIN_CHARS = 4
# ... and the longer is at most this many times as long (not a slogan inside a sentence).
VARIANT_MAX_RATIO = 2.5


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Line:
    """One sentence of an article: its number, its text and the simplified form compared."""

    number: int
    text: str
    simplified: str


@dataclass(frozen=True)
class Side:
    """One article as a diff sees it: metadata, sentences in order, claims in text order."""

    id: int
    title: Optional[str]
    path: str
    published: Optional[str]
    precision: Optional[str]
    lines: tuple[Line, ...] = ()
    facts: tuple[StoredClaim, ...] = ()

    @classmethod
    def from_rows(cls, article: dict, sentences: Iterable[dict], claims: Iterable[StoredClaim]) -> "Side":
        """A side from the store's article row, its sentence rows and its claim rows."""
        lines = tuple(Line(s["number"], s["text"], s.get("simplified") or simplify(s["text"]))
                      for s in sorted(sentences, key=lambda s: s["number"]))
        facts = tuple(sorted(claims, key=lambda c: (c.start or 0, c.id)))
        return cls(id=article["id"], title=article.get("title"), path=article.get("path") or "",
                   published=article.get("published"), precision=article.get("published_precision"),
                   lines=lines, facts=facts)

    def of_kind(self, kind: str) -> list[StoredClaim]:
        return [f for f in self.facts if f.kind == kind]

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "path": self.path, "published": self.published,
                "precision": self.precision}


# ----------------------------------------------------------------- records


@dataclass(frozen=True)
class Pair:
    """A figure or target of A and one of B about the same metric of the same subject."""

    a: StoredClaim
    b: StoredClaim

    @property
    def difference(self) -> Optional[float]:
        if self.a.value is None or self.b.value is None:
            return None
        return _tidy(self.b.value - self.a.value)

    @property
    def direction(self) -> str:
        """``up``, ``down`` or ``same`` — B's value against A's."""
        difference = self.difference
        return "same" if not difference else "up" if difference > 0 else "down"

    @property
    def changed(self) -> bool:
        return (self.a.value, self.a.value_high) != (self.b.value, self.b.value_high) or \
            (self.a.kind == "target" and _deadline(self.a) != _deadline(self.b))

    def to_dict(self) -> dict:
        return {"subject": self.a.subject, "metric": self.a.metric, "unit": self.a.unit,
                "a": self.a.brief(), "b": self.b.brief(), "difference": self.difference,
                "direction": self.direction}


@dataclass(frozen=True)
class QuantityDiff:
    """Figures (or targets) of two articles: changed, unchanged, only in one."""

    changed: tuple[Pair, ...] = ()
    same: tuple[Pair, ...] = ()
    only_a: tuple[StoredClaim, ...] = ()
    only_b: tuple[StoredClaim, ...] = ()

    def to_dict(self) -> dict:
        return {"changed": [p.to_dict() for p in self.changed], "same": [p.to_dict() for p in self.same],
                "only_a": [f.brief() for f in self.only_a], "only_b": [f.brief() for f in self.only_b]}


@dataclass(frozen=True)
class SharedMilestone:
    """One event told by both articles."""

    a: StoredClaim
    b: StoredClaim

    @property
    def date(self) -> Optional[str]:
        """The more precise of the two dates."""
        known = [d for d in (dates.parse_exact(self.a.date), dates.parse_exact(self.b.date)) if d]
        return max(known, key=lambda d: precision_rank(d.precision)).iso if known else None

    def to_dict(self) -> dict:
        return {"date": self.date, "event": self.a.event or self.a.surface, "a": self.a.brief(),
                "b": self.b.brief()}


@dataclass(frozen=True)
class MilestoneDiff:
    shared: tuple[SharedMilestone, ...] = ()
    only_a: tuple[StoredClaim, ...] = ()
    only_b: tuple[StoredClaim, ...] = ()

    def to_dict(self) -> dict:
        return {"shared": [m.to_dict() for m in self.shared], "only_a": [f.brief() for f in self.only_a],
                "only_b": [f.brief() for f in self.only_b]}


@dataclass(frozen=True)
class Formulation:
    """A slogan as one article words it, with how often it says it."""

    surface: str
    key: str  # simplified, width-normalised: what is compared
    count: int

    def to_dict(self) -> dict:
        return {"surface": self.surface, "simplified": self.key, "count": self.count}


@dataclass(frozen=True)
class Variant:
    """Two formulations that are one slogan reworded, with the character diff between them."""

    a: Formulation
    b: Formulation
    kept: float  # share of the shorter one's characters the other keeps, in order
    parts: tuple[TextOp, ...]

    def to_dict(self) -> dict:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "kept": round(self.kept, 3),
                "parts": [p.to_dict() for p in self.parts]}


@dataclass(frozen=True)
class FormulationDiff:
    shared: tuple[tuple[Formulation, Formulation], ...] = ()
    only_a: tuple[Formulation, ...] = ()
    only_b: tuple[Formulation, ...] = ()
    variants: tuple[Variant, ...] = ()

    def to_dict(self) -> dict:
        return {"shared": [{"simplified": a.key, "a": a.to_dict(), "b": b.to_dict()} for a, b in self.shared],
                "only_a": [f.to_dict() for f in self.only_a], "only_b": [f.to_dict() for f in self.only_b],
                "variants": [v.to_dict() for v in self.variants]}


@dataclass(frozen=True)
class ArticleDiff:
    """Everything that differs between article A and article B, and what they share."""

    a: Side
    b: Side
    apart: Optional[str]
    figures: QuantityDiff
    targets: QuantityDiff
    milestones: MilestoneDiff
    formulations: FormulationDiff
    text: tuple[SentenceChange, ...]

    @property
    def changed_sentences(self) -> tuple[SentenceChange, ...]:
        return tuple(s for s in self.text if s.op == "change")

    @property
    def identical(self) -> bool:
        """True when nothing differs: every claim paired unchanged, every sentence kept."""
        return not (self.figures.changed or self.figures.only_a or self.figures.only_b
                    or self.targets.changed or self.targets.only_a or self.targets.only_b
                    or self.milestones.only_a or self.milestones.only_b
                    or self.formulations.only_a or self.formulations.only_b or self.formulations.variants
                    or any(s.op != "equal" for s in self.text))

    def to_dict(self, full_text: bool = False) -> dict:
        """The JSON form; ``text`` holds the rewritten sentences, or every step with ``full_text``."""
        steps = self.text if full_text else self.changed_sentences
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "figures": self.figures.to_dict(),
                "targets": self.targets.to_dict(), "milestones": self.milestones.to_dict(),
                "formulations": self.formulations.to_dict(), "text": [s.to_dict() for s in steps]}


# -------------------------------------------------------------- the diff


def diff_articles(a: Side, b: Side) -> ArticleDiff:
    """Compare two articles: dates, figures, targets, milestones, formulations and text."""
    return ArticleDiff(
        a=a, b=b, apart=apart(a.published, b.published),
        figures=diff_quantities(a.of_kind("figure"), b.of_kind("figure")),
        targets=diff_quantities(a.of_kind("target"), b.of_kind("target")),
        milestones=diff_milestones(a.of_kind("milestone"), b.of_kind("milestone")),
        formulations=diff_formulations(a.of_kind("formulation"), b.of_kind("formulation")),
        text=align_sentences([line.simplified for line in a.lines], [line.simplified for line in b.lines],
                             [line.number for line in a.lines], [line.number for line in b.lines]),
    )


def apart(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """How far apart two publication dates are, at the coarser of their precisions."""
    first, second = dates.parse_exact(a), dates.parse_exact(b)
    if first is None or second is None:
        return None
    if first.day and second.day:
        days = abs((second.first_day() - first.first_day()).days)
        return "the same day" if not days else f"{plural(days, 'day')} apart"
    if first.month and second.month:
        months = abs((second.year * 12 + second.month) - (first.year * 12 + first.month))
        if not months:
            return "the same month"
        years, months = divmod(months, 12)
        words = [plural(years, "year")] if years else []
        words += [plural(months, "month")] if months else []
        return " ".join(words) + " apart"
    years = abs(second.year - first.year)
    return "the same year" if not years else f"{plural(years, 'year')} apart"


# ------------------------------------------------------ figures, targets


def diff_quantities(a: Sequence[StoredClaim], b: Sequence[StoredClaim]) -> QuantityDiff:
    """Pair figures (or targets) about the same metric of the same subject in the same unit."""
    a = [f for f in a if f.value is not None]
    b = [f for f in b if f.value is not None]
    keys_a = [_metric(f) for f in a]
    keys_b = [_metric(f) for f in b]
    # Each fact's subject and clause simplified once, not once per pair (a broadcast has ~100 figures).
    whose_a = [(_norm(f.subject), f.unit) for f in a]
    whose_b = [(_norm(f.subject), f.unit) for f in b]
    clause_a: dict[int, str] = {}
    clause_b: dict[int, str] = {}

    def score(i: int, j: int) -> Optional[tuple]:
        x, y = a[i], b[j]
        if whose_a[i] != whose_b[j]:
            return None
        if keys_a[i] and keys_b[j]:
            likeness = series.similarity(keys_a[i], keys_b[j])
            if likeness < series.SAME_METRIC:
                return None
        elif _once(clause_a, i, x) == _once(clause_b, j, y):
            likeness = 1.0  # no metric words to compare: only the very same clause is the same figure
        else:
            return None
        return (x.as_of == y.as_of, _value(x) == _value(y), likeness)

    pairs = [Pair(a[i], b[j]) for i, j in _match(len(a), len(b), score)]
    paired_a = {id(p.a) for p in pairs}
    paired_b = {id(p.b) for p in pairs}
    return QuantityDiff(
        changed=tuple(p for p in pairs if p.changed), same=tuple(p for p in pairs if not p.changed),
        only_a=tuple(f for f in a if id(f) not in paired_a), only_b=tuple(f for f in b if id(f) not in paired_b),
    )


def _metric(fact: StoredClaim) -> str:
    # The key stored with the claim when there is one: computing it runs the time and number
    # patterns over the metric (their compiling alone was a third of a diff's time).
    return series.key_of(fact)


def _clause(fact: StoredClaim) -> str:
    return simplify(clause(fact.sentence, fact.surface, fact.at)).strip()


def _once(cache: dict[int, str], index: int, fact: StoredClaim) -> str:
    if index not in cache:
        cache[index] = _clause(fact)
    return cache[index]


def _value(fact: StoredClaim) -> tuple:
    return fact.value, fact.value_high


def _deadline(fact: StoredClaim) -> Optional[str]:
    return dates.period_end(fact.deadline)


def _tidy(number: float) -> float:
    """A difference without float noise (36.2 - 34.8 is 1.4, not 1.4000000000000057)."""
    return float(f"{number:.12g}")


# ------------------------------------------------------------ milestones


def diff_milestones(a: Sequence[StoredClaim], b: Sequence[StoredClaim]) -> MilestoneDiff:
    """Milestones told by both (dates that agree, texts telling one event) and by one only."""
    texts_a = [_event_text(f) for f in a]
    texts_b = [_event_text(f) for f in b]
    keys_a = [events.event_key(t) for t in texts_a]
    keys_b = [events.event_key(t) for t in texts_b]
    # Parsed and simplified once per milestone, not once per pair.
    dates_a = [dates.parse_exact(f.date) for f in a]
    dates_b = [dates.parse_exact(f.date) for f in b]
    simple_a = [simplify(t) for t in texts_a]
    simple_b = [simplify(t) for t in texts_b]

    def score(i: int, j: int) -> Optional[tuple]:
        date_a, date_b = dates_a[i], dates_b[j]
        if (date_a is None) != (date_b is None) or (date_a and not date_a.agrees(date_b)):
            return None
        if simple_a[i] == simple_b[j]:
            return (1.0,)
        if not events.same_event(texts_a[i], texts_b[j]):
            return None
        return (1.0 if keys_a[i] == keys_b[j] else events.similarity(keys_a[i], keys_b[j]),)

    pairs = _match(len(a), len(b), score)
    return MilestoneDiff(
        shared=tuple(SharedMilestone(a[i], b[j]) for i, j in pairs),
        only_a=tuple(f for i, f in enumerate(a) if i not in {i for i, _ in pairs}),
        only_b=tuple(f for j, f in enumerate(b) if j not in {j for _, j in pairs}),
    )


def _event_text(fact: StoredClaim) -> str:
    return fact.event or fact.sentence or fact.surface


# ---------------------------------------------------------- formulations


def diff_formulations(a: Sequence[StoredClaim], b: Sequence[StoredClaim]) -> FormulationDiff:
    """Slogans both use, each uses alone, and pairs that are one slogan reworded."""
    mine, theirs = _formulations(a), _formulations(b)
    keys_b = {f.key: f for f in theirs}
    keys_a = {f.key for f in mine}
    shared = tuple((f, keys_b[f.key]) for f in mine if f.key in keys_b)
    alone_a = [f for f in mine if f.key not in keys_b]
    alone_b = [f for f in theirs if f.key not in keys_a]
    kept: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> Optional[tuple]:
        share = variant_likeness(alone_a[i].key, alone_b[j].key)
        if share < VARIANT_KEPT:
            return None
        kept[i, j] = share
        return (share,)

    pairs = _match(len(alone_a), len(alone_b), score)
    variants = tuple(Variant(alone_a[i], alone_b[j], kept[i, j],
                             diff_text(alone_a[i].key, alone_b[j].key, cleanup=False))
                     for i, j in pairs)
    return FormulationDiff(
        shared=shared, variants=variants,
        only_a=tuple(f for i, f in enumerate(alone_a) if i not in {i for i, _ in pairs}),
        only_b=tuple(f for j, f in enumerate(alone_b) if j not in {j for _, j in pairs}),
    )


def _formulations(facts: Sequence[StoredClaim]) -> list[Formulation]:
    """Distinct formulations in order of first use, with their counts."""
    counts: dict[str, list] = {}
    for fact in facts:
        key = formulation_key(fact.simplified or fact.surface)
        if key:
            counts.setdefault(key, [fact.surface, 0])[1] += 1
    return [Formulation(surface, key, n) for key, (surface, n) in counts.items()]


def formulation_key(text: str) -> str:
    """What two formulations are compared by: simplified, full-width forms folded (，→ ,)."""
    return unicodedata.normalize("NFKC", simplify(text or "")).strip()


def variant_likeness(a: str, b: str) -> float:
    """The share of the shorter slogan's characters the longer keeps in order; 0 when not comparable."""
    a, b = PUNCTUATION.sub("", a), PUNCTUATION.sub("", b)
    shorter, longer = sorted((len(a), len(b)))
    if shorter < VARIANT_MIN_CHARS or longer > VARIANT_MAX_RATIO * shorter or a == b:
        return 0.0
    kept = sum(len(text) for op, text in dmp().diff_main(a, b, False) if op == 0)
    return kept / shorter


# ---------------------------------------------------------------- helpers


def _match(count_a: int, count_b: int, score: Callable[[int, int], Optional[tuple]]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first, ties to the earliest; returned in A's order."""
    candidates = []
    for i in range(count_a):
        for j in range(count_b):
            value = score(i, j)
            if value is not None:
                candidates.append((tuple(-float(v) for v in value), i, j))
    candidates.sort()
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _norm(text: Optional[str]) -> Optional[str]:
    return simplify(text) if text else None
