"""The records that flow through tracker: source → article → sentences → claims.

All are frozen dataclasses.  Dates are ISO text at their own precision (``2024``,
``2024-05``, ``2024-05-12``) and periods are ``START/END`` (``2021/2025``), the forms
the store and the gold files use; :class:`tracker.dates.PartialDate` is the typed view of one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Optional


@dataclass(frozen=True)
class Piece:
    """One story inside a file that holds several (a newspaper page, a transcript)."""

    title: Optional[str]
    start: int
    end: int


@dataclass(frozen=True)
class Decoded:
    """A file's bytes turned into clean text, with what the container said about it."""

    text: str
    encoding: str
    format: str  # "text", "markdown" or "html"
    meta_title: Optional[str] = None
    meta_date: Optional[str] = None  # ISO partial date from HTML metadata
    # Where zero-width characters (and the line breaks around them) were removed:
    # (offset in ``text``, characters removed just before it), ascending.
    joins: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Layout:
    """Where the article sits in the text, and what the text says about itself."""

    title: Optional[str]
    body_start: int
    body_end: int
    pieces: tuple[Piece, ...] = ()
    outlet: Optional[str] = None
    byline: Optional[str] = None
    header_end: int = 0  # end of the zone above the body where datelines live
    furniture: tuple[tuple[int, int], ...] = ()  # spans of page furniture (never evidence)


@dataclass(frozen=True)
class Dating:
    """The publication date with its precision, how it was found, and why."""

    published: Optional[str]
    precision: Optional[str]
    basis: str  # "explicit", "inferred", "given" or "unknown"
    evidence: str
    # The earliest and latest the document can be, each at its own precision (``2024-07``,
    # ``2010``); None is open.  ``published`` lies between them at its precision.
    earliest: Optional[str] = None
    latest: Optional[str] = None


@dataclass(frozen=True)
class TimeMention:
    """A Chinese time expression found in text, resolved against an anchor date."""

    start: int
    end: int
    surface: str
    value: str  # ISO partial date or START/END period
    precision: str  # "day", "month", "year" or "period"
    relative: bool = False  # resolved against the anchor (今年, 去年9月, 5月12日)
    kind: str = "point"  # "point", "period", "since" (…以来), "duration" (N年来), "event"

    def shifted(self, by: int) -> "TimeMention":
        """The same mention with offsets moved by ``by`` (from a paragraph to its sentence)."""
        # Built directly: dataclasses.replace costs more than the mention is worth here.
        return TimeMention(self.start + by, self.end + by, self.surface, self.value, self.precision,
                           self.relative, self.kind)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and qualifier, as written in a sentence."""

    start: int
    end: int
    surface: str
    value: Optional[float]
    unit: Optional[str]
    qualifier: str = "="
    value_high: Optional[float] = None
    change: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's body, with its offsets in the article text."""

    index: int
    start: int
    end: int
    text: str
    piece: Optional[int] = None


@dataclass(frozen=True)
class Claim:
    """One figure, target, milestone, formulation or cited document, traced to its sentence."""

    kind: str  # figure | target | milestone | formulation | document
    sentence: int  # index of the sentence in the article
    start: int  # offsets of the surface in the article text
    end: int
    surface: str
    value: Optional[float] = None
    value_high: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    subject: Optional[str] = None
    metric: Optional[str] = None
    as_of: Optional[str] = None
    deadline: Optional[str] = None
    strength: Optional[str] = None
    date: Optional[str] = None
    precision: Optional[str] = None
    event: Optional[str] = None
    change: bool = False
    simplified: Optional[str] = None  # formulations and documents: the simplified form
    refers_to: Optional[str] = None  # an abbreviation's full document title
    # Why as_of is what it is: stated (2023年), relative (去年), section (a report's review or
    # plan part), present (目前, or the publication date), period (十年来, “十四五”时期) or none.
    as_of_basis: Optional[str] = None

    def to_row(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """A read, dated and split document, ready to store."""

    path: str
    sha256: str
    text: str
    simplified: str
    script: str  # zh-Hans or zh-Hant
    encoding: str
    format: str
    layout: Layout
    dating: Dating
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = field(default=())
    #: How much each piece is about each programme (``compare.relevance``); None: not scored yet,
    #: and the store scores it when the article is stored.
    relevance: Optional[tuple["PieceRelevance", ...]] = None
    #: Each claim's metric key (``compare.series.metric_key``; None for a kind not keyed), in
    #: the order of ``claims``; None: not keyed yet, and the store keys them when it stores them.
    metric_keys: Optional[tuple[Optional[str], ...]] = None


@dataclass(frozen=True)
class PieceRelevance:
    """How much one piece (None: the whole article, which has no pieces) is about one programme."""

    piece: Optional[int]
    programme: str
    score: float
    relevant: bool
    words: str  # what decided it: 标题 雄安新区; 首句 雄安; 3/4句; 话题 疏解 …


@dataclass(frozen=True)
class EventSource:
    """One article's telling of an event."""

    article: int
    published: Optional[str]
    sentence: str
    claim: int


@dataclass(frozen=True)
class Event:
    """A timeline entry: one event, however many sources tell it, at its most precise date."""

    date: str
    precision: str
    event: str
    subjects: tuple[str, ...]
    kind: str  # "milestone", "target" (at its deadline) or "formulation" (first appearance)
    sources: tuple[EventSource, ...]
    status: Optional[str] = None  # targets: "future" or "due"
    verdict: Optional[str] = None  # targets: the verdict of the target checks its tellings got (met, missed…)


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the store returns it: the extracted fields, with its sentence's text, its
    article, piece and publication date.  Every view reads this one record.

    ``sentence`` is the sentence's text here (a :class:`Claim` holds its index, because
    the extractor has no ids yet); ``sentence_number`` is that index.
    """

    id: int
    article: int
    kind: str
    surface: str = ""
    sentence: str = ""
    sentence_number: Optional[int] = None
    piece: Optional[int] = None
    value: Optional[float] = None
    value_high: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    subject: Optional[str] = None
    metric: Optional[str] = None
    as_of: Optional[str] = None
    deadline: Optional[str] = None
    strength: Optional[str] = None
    date: Optional[str] = None
    precision: Optional[str] = None
    event: Optional[str] = None
    change: bool = False
    simplified: Optional[str] = None
    refers_to: Optional[str] = None
    start: int = 0
    end: int = 0
    path: str = ""
    title: Optional[str] = None
    published: Optional[str] = None
    published_precision: Optional[str] = None
    extractor_version: Optional[str] = None
    sentence_start: int = 0  # offset of the sentence in the article text
    metric_key: Optional[str] = None  # what a figure or target measures, as compared (see compare.series)
    as_of_basis: Optional[str] = None  # see Claim.as_of_basis

    @property
    def at(self) -> int:
        """Where the surface stands in the sentence."""
        return self.start - self.sentence_start

    def to_row(self) -> dict:
        # Every field is a plain value: read them directly (asdict deep-copies each one, and
        # was most of the time of a claims export).
        return {name: getattr(self, name) for name in _ROW_FIELDS}

    def brief(self) -> dict:
        """The fields that say what a claim of this kind claims, for diffs and reports."""
        return {name: getattr(self, name) for name in _BRIEF_FIELDS.get(self.kind, _BRIEF_FIELDS["figure"])}


_ROW_FIELDS = tuple(f.name for f in fields(StoredClaim) if f.name not in ("sentence_start", "metric_key"))
_BRIEF_FIELDS = {
    "figure": ("id", "surface", "value", "value_high", "unit", "qualifier", "subject", "metric", "as_of",
               "sentence"),
    "target": ("id", "surface", "value", "value_high", "unit", "qualifier", "subject", "metric", "deadline",
               "strength", "sentence"),
    "milestone": ("id", "surface", "date", "precision", "event", "subject", "sentence"),
}


def format_value(value, unit: Optional[str] = None, qualifier: Optional[str] = None,
                 value_high=None) -> str:
    """A readable quantity: ``≥86 %``, ``3.7486e11`` → ``3748.6亿 元``.

    The store keeps this beside each value (``value_label``) so Datasette shows money
    as 5002.5亿 元, not 500250000000.0; the views print the same text.
    """
    if value is None:
        return ""
    text = readable_number(value)
    if value_high is not None:
        text += "–" + readable_number(value_high)
    prefix = {"=": "", "~": "≈", ">=": "≥", "<=": "≤"}.get(qualifier or "=", qualifier or "")
    return f"{prefix}{text}{' ' + unit if unit else ''}"


def readable_number(value: float) -> str:
    # Chinese magnitudes read naturally for large figures; below 100,000 plain digits do.
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= max(size, 1e5):
            return f"{value / size:.6g}{word}"
    return f"{value:.6g}"


def plural(count: int, noun: str) -> str:
    """``1 target``, ``2 targets``, ``1 entry``, ``3 entries``."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


# Records of the derived answers: series of one metric, conflicts, target checks.

_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")


def clause(sentence: Optional[str], surface: Optional[str], at: Optional[int] = None) -> str:
    """The clause of ``sentence`` that carries ``surface`` (the whole sentence if it is not found).

    ``at`` is where the surface stands in the sentence: with it, a number written twice
    (两项指标均达到85%，…85%) finds its own clause, not the first one's.
    """
    sentence = sentence or ""
    if not (surface and at is not None and at >= 0 and sentence[at:at + len(surface)] == surface):
        at = sentence.find(surface) if surface else -1
    if at < 0:
        return sentence
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    after = _CLAUSE_BREAK.search(sentence, at + len(surface))
    return sentence[breaks[-1] if breaks else 0:after.start() if after else len(sentence)]


@dataclass(frozen=True)
class Point:
    """One figure or target of a series, with where it was said."""

    as_of: Optional[str]
    value: Optional[float]
    value_high: Optional[float]
    qualifier: Optional[str]
    kind: str
    article: int
    published: Optional[str]
    sentence: str
    claim: Optional[int] = None
    deadline: Optional[str] = None
    surface: str = ""
    at: Optional[int] = None  # where the surface stands in the sentence

    @property
    def clause(self) -> str:
        """The clause of the sentence that carries this point's number."""
        return clause(self.sentence, self.surface, self.at)

    def to_dict(self) -> dict:
        return {"as_of": self.as_of, "value": self.value, "value_high": self.value_high,
                "qualifier": self.qualifier, "kind": self.kind, "article": self.article,
                "published": self.published, "sentence": self.sentence}

    @property
    def when(self) -> Optional[str]:
        """The date the point is about: its as_of, a target's deadline, else the publication date."""
        return self.as_of or (self.deadline if self.kind == "target" else None) or self.published


@dataclass(frozen=True)
class Series:
    """The values of one metric of one subject in one unit, oldest first."""

    subject: Optional[str]
    metric: str
    unit: Optional[str]
    points: tuple[Point, ...]

    def to_dict(self) -> dict:
        return {"subject": self.subject, "metric": self.metric, "unit": self.unit,
                "points": [p.to_dict() for p in self.points]}

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({p.article for p in self.points}))


@dataclass(frozen=True)
class Known:
    """What a figures bucket's last derivation found, when only new articles told it since:
    the claim ids of its conflicting pairs, and the articles stored since (a superset of
    those it has not seen), so that only their figures are looked at again."""

    pairs: tuple[tuple[int, int], ...]
    fresh_articles: frozenset[int]


@dataclass(frozen=True)
class Conflict:
    """Two sources giving different values for the same subject, metric and date."""

    subject: Optional[str]
    metric: str
    unit: Optional[str]
    as_of: str
    points: tuple[Point, Point]

    def to_dict(self) -> dict:
        return {"subject": self.subject, "metric": self.metric, "unit": self.unit, "as_of": self.as_of,
                "points": [p.to_dict() for p in self.points]}


@dataclass(frozen=True)
class Evolution:
    """What ``evolve QUERY`` finds: series of figures and targets, and the conflicts among them."""

    query: str
    series: tuple[Series, ...]
    conflicts: tuple[Conflict, ...]

    def to_dict(self) -> dict:
        return {"series": [s.to_dict() for s in self.series],
                "conflicts": [c.to_dict() for c in self.conflicts]}


#: The verdict scale, in the order a reader meets it (compare/verdicts.py decides).
VERDICTS = ("not yet due", "due, no outcome reported", "met", "exceeded", "nearly met", "missed")


def verdict_word(verdict: Optional[str]) -> Optional[str]:
    """A verdict as one word for JSON and SQL: ``due, no outcome reported`` → ``due_no_outcome_reported``."""
    return verdict.replace(",", "").replace(" ", "_") if verdict else verdict


@dataclass(frozen=True)
class TargetStatus:
    """A target, the outcome that judges it (a figure of its metric and period) and the verdict."""

    subject: Optional[str]
    metric: Optional[str]
    value: Optional[float]
    value_high: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]
    deadline: Optional[str]
    strength: Optional[str]
    article: int
    published: Optional[str]
    sentence: str
    later: tuple[Point, ...]  # every figure of the metric and period, best evidence first
    verdict: str  # one of VERDICTS
    surface: str = ""  # the words of the target as written, to find its clause
    claim: Optional[int] = None  # the target's claim id, for the store's views
    at: Optional[int] = None  # where the surface stands in the sentence
    verdict_rule: str = ""  # the sentence that explains the verdict
    official_verdict: Optional[str] = None  # the text's own verdict (met, exceeded, missed)
    official_sentence: Optional[str] = None
    outcome: Optional[Point] = None  # the figure that judged it
    conflicts: tuple[Point, ...] = ()  # other outcomes of the period that differ beyond rounding
    metric_key: Optional[str] = None
    polarity: Optional[str] = None  # floor, ceiling or plan

    @property
    def status(self) -> str:
        return self.verdict

    def outcome_dict(self, point: Optional[Point]) -> Optional[dict]:
        if point is None:
            return None
        return {**point.to_dict(), "unit": self.unit, "claim": point.claim}

    def to_dict(self) -> dict:
        return {"subject": self.subject, "metric": self.metric, "metric_key": self.metric_key,
                "value": self.value, "value_high": self.value_high, "unit": self.unit,
                "qualifier": self.qualifier, "polarity": self.polarity,
                "deadline": self.deadline, "strength": self.strength, "article": self.article,
                "published": self.published, "sentence": self.sentence,
                "verdict": verdict_word(self.verdict), "verdict_rule": self.verdict_rule,
                "official_verdict": verdict_word(self.official_verdict),
                "official_sentence": self.official_sentence,
                "outcome": self.outcome_dict(self.outcome),
                "conflicts": [self.outcome_dict(p) for p in self.conflicts],
                "later": [p.to_dict() for p in self.later]}
