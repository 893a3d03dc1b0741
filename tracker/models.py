"""The records that flow through tracker: source → article → sentences → claims.

All are frozen dataclasses.  Dates are ISO text at their own precision (``2024``,
``2024-05``, ``2024-05-12``) and periods are ``START/END`` (``2021/2025``), the forms
the store and the gold files use; :class:`PartialDate` is the typed view of one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional

from .dates import PRECISIONS, PartialDate, period  # noqa: F401 - the date type records use

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
