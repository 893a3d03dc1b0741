"""Score extracted claims against the hand-made gold (``shared/gold/FORMAT.md``).

Pure: a parsed gold file, the article text and the predicted claims in, frozen scores
out; the CLI reads the files and prints.  Three decisions carry the design:

* Quotes are compared on a *normalised* form (no white space or markup, simplified
  characters, NFKC) because the gold quote and the predicted sentence come from the
  same text but may be cut or spaced differently, and traditional articles must not
  be penalised for their script.
* Gold and predictions are paired by maximum bipartite matching, not greedily, so the
  score does not depend on the order claims are listed in.  Surface-equal pairs are
  matched first and tried first, so among matchings of equal size the one that pairs
  like with like wins (a tie-breaker, not an optimum).
* Only predictions inside the gold body count: boilerplate the gold leaves out must
  not be rewarded or punished twice.

Matched figures and targets are also checked for their time: a figure's ``as_of`` and a
target's ``deadline`` agree with the gold one when they name the same period, at the gold
precision or finer inside it (:func:`period_agrees`).  The work-report targets table
(``targets.json``) is scored in :mod:`tracker.evaluate_targets`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from . import dates
from .models import StoredClaim
from .read.script import simplify

KINDS = ("figure", "target", "milestone")
NUMERIC = ("figure", "target")
MIN_RUN = 8  # characters two quotes must share to be the same passage
VALUE_TOLERANCE = 0.005  # relative; absorbs rounding of 亿/万 conversions

_TAG = re.compile(r"<[^<>\n]{0,200}>")
# Markdown and table punctuation a text or HTML conversion may leave in either side.
_MARKUP = frozenset("*#>|_`~")


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class KindScore:
    """True positives, false positives and false negatives for one kind of claim."""

    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "KindScore") -> "KindScore":
        return KindScore(self.kind, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class ClaimRef:
    """A gold or predicted claim as the report shows it; ``text`` is its quote or sentence."""

    kind: str
    surface: str
    value: Optional[float]
    unit: Optional[str]
    date: Optional[str]
    qualifier: Optional[str]
    text: str
    core: bool = False
    start: Optional[int] = None
    end: Optional[int] = None
    as_of: Optional[str] = None
    deadline: Optional[str] = None
    value_high: Optional[float] = None

    @classmethod
    def of_gold(cls, claim: dict) -> "ClaimRef":
        """A gold claim (FORMAT.md): its text is its quote."""
        return cls(kind=claim.get("kind", ""), surface=claim.get("surface") or "", value=claim.get("value"),
                   unit=claim.get("unit"), date=claim.get("date"), qualifier=claim.get("qualifier"),
                   text=claim.get("quote") or "", core=bool(claim.get("core")),
                   as_of=claim.get("as_of"), deadline=claim.get("deadline"), value_high=claim.get("value_high"))

    @classmethod
    def of_stored(cls, claim: StoredClaim) -> "ClaimRef":
        """A predicted claim: its text is its sentence."""
        return cls(kind=claim.kind, surface=claim.surface or "", value=claim.value, unit=claim.unit,
                   date=claim.date, qualifier=claim.qualifier, text=claim.sentence or "",
                   start=claim.start, end=claim.end, as_of=claim.as_of, deadline=claim.deadline,
                   value_high=claim.value_high)

    @property
    def when(self) -> Optional[str]:
        """The time a figure describes (``as_of``) or a target is due (``deadline``)."""
        return self.as_of if self.kind == "figure" else self.deadline if self.kind == "target" else None


@dataclass(frozen=True)
class QualifierMismatch:
    """A matched figure or target whose qualifier differs from the gold one."""

    gold: ClaimRef
    predicted: ClaimRef


@dataclass(frozen=True)
class TimeMismatch:
    """A matched figure or target whose as_of or deadline disagrees with the gold one."""

    gold: ClaimRef
    predicted: ClaimRef


@dataclass(frozen=True)
class DateScore:
    """The predicted publication date against the gold one."""

    gold: Optional[str]
    predicted: Optional[str]
    exact: bool
    year: bool


@dataclass(frozen=True)
class ArticleScore:
    """Everything scored for one article."""

    article: str
    kinds: tuple[KindScore, ...]
    core_tp: int
    core_total: int
    date: DateScore
    matches: tuple[tuple[ClaimRef, ClaimRef], ...] = ()
    missed: tuple[ClaimRef, ...] = ()
    extra: tuple[ClaimRef, ...] = ()
    qualifier_mismatches: tuple[QualifierMismatch, ...] = ()
    outside_body: int = 0  # predictions dropped as boilerplate
    time_checked: int = 0  # matched figures/targets whose gold names an as_of/deadline
    time_mismatches: tuple[TimeMismatch, ...] = ()

    @property
    def time_right(self) -> int:
        return self.time_checked - len(self.time_mismatches)

    def kind(self, name: str) -> KindScore:
        """Return the score for one kind."""
        return next(k for k in self.kinds if k.kind == name)

    @property
    def core_recall(self) -> float:
        return self.core_tp / self.core_total if self.core_total else 1.0


@dataclass(frozen=True)
class CorpusScore:
    """Micro-averaged scores over a set of articles."""

    articles: tuple[ArticleScore, ...]
    kinds: tuple[KindScore, ...]
    core_tp: int
    core_total: int
    dates_exact: int
    dates_year: int
    dates_n: int
    qualifier_mismatches: int
    time_right: int = 0
    time_checked: int = 0

    def kind(self, name: str) -> KindScore:
        """Return the micro-averaged score for one kind."""
        return next(k for k in self.kinds if k.kind == name)

    @property
    def overall(self) -> KindScore:
        total = KindScore("all")
        for k in self.kinds:
            total = total + KindScore("all", k.tp, k.fp, k.fn)
        return total

    @property
    def core_recall(self) -> float:
        return self.core_tp / self.core_total if self.core_total else 1.0


# ---------------------------------------------------------------- normalising


def _normalise_char(ch: str) -> str:
    """Return the comparable form of one (already simplified) character, maybe empty."""
    if ch.isspace() or ch in _MARKUP:
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    # NFKC can turn a full-width character into a space or markup; drop those too.
    return "".join(c for c in folded if not c.isspace() and c not in _MARKUP)


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Return ``text`` normalised for comparison and, per output character, its source offset."""
    shadow = simplify(text)
    skip = [False] * len(text)
    for tag in _TAG.finditer(text):
        skip[tag.start():tag.end()] = [True] * (tag.end() - tag.start())
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(shadow):
        if skip[i]:
            continue
        for c in _normalise_char(ch):
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


@lru_cache(maxsize=4096)  # every gold quote is compared with every prediction
def normalise(text: Optional[str]) -> str:
    """Return ``text`` without white space or markup, simplified and NFKC-folded."""
    return normalise_with_map(text or "")[0]


def quotes_overlap(a: Optional[str], b: Optional[str], run: int = MIN_RUN) -> bool:
    """True when one quote contains the other or they share ``run`` characters in a row."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    grams = {long_[i:i + run] for i in range(len(long_) - run + 1)}
    return any(short[i:i + run] in grams for i in range(len(short) - run + 1))


# ---------------------------------------------------------------- body


def locate(text: str, needle: str, after: int = 0) -> Optional[tuple[int, int]]:
    """Return the span of ``needle`` in ``text`` found whitespace-insensitively, or None."""
    hay, offsets = normalise_with_map(text)
    target = normalise(needle)
    if not target:
        return None
    begin = next((n for n, off in enumerate(offsets) if off >= after), len(offsets))
    at = hay.find(target, begin)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(target) - 1] + 1


def body_span(gold: dict, text: str) -> tuple[int, int]:
    """Return where the gold body starts and ends in ``text``; unfound ends do not filter."""
    body = gold.get("body") or {}
    first = locate(text, body.get("first") or "")
    start = first[0] if first else 0
    last = locate(text, body.get("last") or "", after=start)
    end = last[1] if last else len(text)
    return start, end


def _inside(prediction: ClaimRef, span: tuple[int, int]) -> bool:
    """True when the prediction's surface lies in the body; unplaced predictions are kept."""
    start, end = prediction.start, prediction.end
    if start is None:
        return True
    end = start if end is None else end
    return span[0] <= start and end <= span[1]


# ---------------------------------------------------------------- matching rules


def values_agree(gold: Optional[float], predicted: Optional[float]) -> bool:
    """True when both are null or the prediction is within the tolerance of the gold value."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold == 0:
        return predicted == 0
    return abs(predicted - gold) <= VALUE_TOLERANCE * abs(gold)


def _unit(unit: Optional[str]) -> Optional[str]:
    return simplify(unit.strip()) if unit else None


def dates_agree(gold: Optional[str], predicted: Optional[str]) -> bool:
    """True when the prediction gives the gold date at least as precisely as the gold does."""
    if gold and "/" in gold:
        return gold == predicted  # a period matches only itself
    g, p = dates.parse_exact(gold), dates.parse_exact(predicted)
    if g is None or p is None:
        return False
    # A coarser prediction truncates to itself and so never equals a finer gold date.
    return p.truncate(g.precision) == g


def period_agrees(gold: Optional[str], predicted: Optional[str]) -> bool:
    """True when a predicted as_of/deadline names the gold period or date, at its precision or finer.

    A gold period (``2021/2025``) wants the same start and an end that agrees; a gold date
    wants the predicted date, or the end of a predicted period, to agree with it.
    """
    if not gold or not predicted:
        return False
    if "/" in gold:
        if "/" not in predicted:
            return False
        (g_start, g_end), (p_start, p_end) = gold.split("/", 1), predicted.split("/", 1)
        return g_start == p_start and dates_agree(g_end, p_end)
    return dates_agree(gold, predicted.split("/")[-1])


def claims_match(gold: ClaimRef, predicted: ClaimRef) -> bool:
    """True when a predicted claim counts as finding a gold claim."""
    if gold.kind != predicted.kind:
        return False
    if gold.kind == "milestone":
        same = dates_agree(gold.date, predicted.date)
    else:
        same = _unit(gold.unit) == _unit(predicted.unit) and values_agree(gold.value, predicted.value)
    return same and quotes_overlap(gold.text, predicted.text)


def max_matching(edges: list[list[int]], seed: Optional[dict[int, int]] = None) -> dict[int, int]:
    """Return a maximum bipartite matching (left → right), growing ``seed`` by augmenting paths."""
    seed = seed or {}
    owner = {right: left for left, right in seed.items()}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(edges)):
        if left not in seed:
            augment(left, set())
    return {left: right for right, left in owner.items()}


def match(golds: list[ClaimRef], predictions: list[ClaimRef]) -> list[tuple[int, int]]:
    """Pair gold and predicted claims one to one, as many as possible, like with like first."""
    ranked: list[list[tuple[int, int]]] = [
        sorted(((-_likeness(gold, pred), p) for p, pred in enumerate(predictions)
                if claims_match(gold, pred)))
        for gold in golds
    ]
    # Grow the matching tier by tier, most alike pairs first: augmenting paths keep every
    # matched gold claim matched, so the tiers only decide ties between equal-size matchings.
    pairs: dict[int, int] = {}
    for tier in (3, 2, 1, 0):
        edges = [[p for rank, p in row if -rank >= tier] for row in ranked]
        pairs = max_matching(edges, pairs)
    return sorted(pairs.items())


def _likeness(gold: ClaimRef, predicted: ClaimRef) -> int:
    """Rank a matching pair: equal surfaces count most, then equal qualifiers."""
    surface = normalise(gold.surface) == normalise(predicted.surface)
    return 2 * surface + (_qualifier(gold) == _qualifier(predicted))


# ---------------------------------------------------------------- scoring


def _qualifier(claim: ClaimRef) -> str:
    # No qualifier means a plain figure; the extractor may leave it out.
    return claim.qualifier or "="


def score_date(gold: Optional[str], predicted: Optional[str]) -> DateScore:
    """Score a predicted publication date: exact at the gold precision, and year."""
    if not gold:
        return DateScore(gold, predicted, exact=not predicted, year=not predicted)
    g, p = dates.parse_exact(gold), dates.parse_exact(predicted)
    year = bool(g and p and g.year == p.year)
    return DateScore(gold, predicted, exact=dates_agree(gold, predicted), year=year)


def score_article(gold: dict, text: str, predictions: Iterable[StoredClaim],
                  published: Optional[str]) -> ArticleScore:
    """Score one article's predicted claims and publication date against its gold file."""
    span = body_span(gold, text)
    scored = [ClaimRef.of_stored(p) for p in predictions if p.kind in KINDS]
    inside = [p for p in scored if _inside(p, span)]
    kinds, matches, missed, extra, mismatches, untimely = [], [], [], [], [], []
    core_tp, timed = 0, 0
    for kind in KINDS:
        golds = [ClaimRef.of_gold(c) for c in gold.get("claims", []) if c.get("kind") == kind]
        preds = [p for p in inside if p.kind == kind]
        pairs = match(golds, preds)
        kinds.append(KindScore(kind, len(pairs), len(preds) - len(pairs), len(golds) - len(pairs)))
        paired_g, paired_p = {g for g, _ in pairs}, {p for _, p in pairs}
        for g, p in pairs:
            gref, pref = golds[g], preds[p]
            matches.append((gref, pref))
            core_tp += gref.core
            if kind in NUMERIC and _qualifier(golds[g]) != _qualifier(preds[p]):
                mismatches.append(QualifierMismatch(gref, pref))
            if kind in NUMERIC and gref.when:
                timed += 1
                if not period_agrees(gref.when, pref.when):
                    untimely.append(TimeMismatch(gref, pref))
        missed += [c for i, c in enumerate(golds) if i not in paired_g]
        extra += [c for i, c in enumerate(preds) if i not in paired_p]
    core_total = sum(1 for c in gold.get("claims", []) if c.get("core") and c.get("kind") in KINDS)
    return ArticleScore(
        article=_article_name(gold), kinds=tuple(kinds), core_tp=core_tp, core_total=core_total,
        date=score_date((gold.get("published") or {}).get("date"), published),
        matches=tuple(matches), missed=tuple(missed), extra=tuple(extra),
        qualifier_mismatches=tuple(mismatches), outside_body=len(scored) - len(inside),
        time_checked=timed, time_mismatches=tuple(untimely),
    )


def _article_name(gold: dict) -> str:
    source = gold.get("source") or "?"
    return source.rsplit(".", 1)[0] if "." in source else source


def score_corpus(scores: Iterable[ArticleScore]) -> CorpusScore:
    """Micro-average article scores: sum the counts, then compute the rates."""
    scores = tuple(scores)
    kinds = []
    for kind in KINDS:
        total = KindScore(kind)
        for s in scores:
            total = total + s.kind(kind)
        kinds.append(total)
    return CorpusScore(
        articles=scores, kinds=tuple(kinds),
        core_tp=sum(s.core_tp for s in scores), core_total=sum(s.core_total for s in scores),
        dates_exact=sum(s.date.exact for s in scores), dates_year=sum(s.date.year for s in scores),
        dates_n=len(scores),
        qualifier_mismatches=sum(len(s.qualifier_mismatches) for s in scores),
        time_right=sum(s.time_right for s in scores), time_checked=sum(s.time_checked for s in scores),
    )


# ---------------------------------------------------------------- output


def _kind_json(k: KindScore) -> dict:
    return {"tp": k.tp, "fp": k.fp, "fn": k.fn, "precision": round(k.precision, 4),
            "recall": round(k.recall, 4), "f1": round(k.f1, 4)}


def _ref_json(ref: ClaimRef) -> dict:
    return {"kind": ref.kind, "surface": ref.surface, "value": ref.value, "unit": ref.unit,
            "date": ref.date, "qualifier": ref.qualifier, "text": ref.text, "core": ref.core,
            "start": ref.start}


def _article_json(s: ArticleScore) -> dict:
    return {
        "article": s.article,
        "kinds": {k.kind: _kind_json(k) for k in s.kinds},
        "core": {"tp": s.core_tp, "total": s.core_total, "recall": round(s.core_recall, 4)},
        "date": {"gold": s.date.gold, "predicted": s.date.predicted,
                 "exact": s.date.exact, "year": s.date.year},
        "outside_body": s.outside_body,
        "missed": [_ref_json(r) for r in s.missed],
        "extra": [_ref_json(r) for r in s.extra],
        "qualifier_mismatches": [
            {"surface": m.gold.surface, "gold": m.gold.qualifier, "predicted": m.predicted.qualifier}
            for m in s.qualifier_mismatches
        ],
        "time": {"right": s.time_right, "checked": s.time_checked},
        "time_mismatches": [
            {"kind": m.gold.kind, "surface": m.gold.surface, "gold": m.gold.when, "predicted": m.predicted.when}
            for m in s.time_mismatches
        ],
    }


def to_json(corpus: CorpusScore) -> dict:
    """Return the corpus score as plain JSON-ready data."""
    return {
        "kinds": {k.kind: _kind_json(k) for k in corpus.kinds},
        "overall": _kind_json(corpus.overall),
        "core": {"tp": corpus.core_tp, "total": corpus.core_total,
                 "recall": round(corpus.core_recall, 4)},
        "dates": {"exact": corpus.dates_exact, "year": corpus.dates_year, "n": corpus.dates_n},
        "qualifier_mismatches": corpus.qualifier_mismatches,
        "time": {"right": corpus.time_right, "checked": corpus.time_checked},
        "articles": [_article_json(s) for s in corpus.articles],
    }


def _fmt_value(value) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _one_line(text: str, width: int = 60) -> str:
    return " ".join(text.split())[:width]


def _miss_line(article: str, ref: ClaimRef, tag: str) -> str:
    return (f"{tag} {article} {ref.kind} {ref.surface or '-'} {_fmt_value(ref.value)} "
            f"{ref.unit or '-'} {ref.date or '-'} | {_one_line(ref.text)}")


def _article_row(s: ArticleScore) -> str:
    cells = " ".join(f"{f'{k.tp}/{k.fp}/{k.fn}':>18} {k.f1:5.3f}" for k in s.kinds)
    date = "exact" if s.date.exact else "year" if s.date.year else "wrong"
    return f"{s.article:<26} {cells} {f'{s.core_tp}/{s.core_total}':>7} {date}"


def _article_lines(corpus: CorpusScore) -> list[str]:
    head = " ".join(f"{k + ' tp/fp/fn':>18} {'F1':>5}" for k in KINDS)
    return [f"{'article':<26} {head} {'core':>7} date"] + [_article_row(s) for s in corpus.articles]


def _miss_lines(corpus: CorpusScore) -> list[str]:
    lines = []
    for s in corpus.articles:
        lines += [_miss_line(s.article, r, "MISS") for r in s.missed]
        lines += [_miss_line(s.article, r, "EXTRA") for r in s.extra]
        lines += [f"QUAL {s.article} {m.gold.kind} {m.gold.surface} gold {m.gold.qualifier or '='} "
                  f"predicted {m.predicted.qualifier or '='}" for m in s.qualifier_mismatches]
        lines += [f"TIME {s.article} {m.gold.kind} {m.gold.surface} gold {m.gold.when} "
                  f"predicted {m.predicted.when or '-'}" for m in s.time_mismatches]
    return lines


def _summary_lines(corpus: CorpusScore) -> list[str]:
    rows = [*corpus.kinds, corpus.overall]
    return [
        "== summary",
        f"{'kind':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
        *(f"{k.kind:<10} {k.precision:6.3f} {k.recall:6.3f} {k.f1:6.3f} {k.tp:5} {k.fp:5} {k.fn:5}"
          for k in rows),
        f"core recall {corpus.core_recall:.3f} ({corpus.core_tp}/{corpus.core_total})",
        f"dates exact {corpus.dates_exact}/{corpus.dates_n}  year {corpus.dates_year}/{corpus.dates_n}",
        f"qualifier mismatches {corpus.qualifier_mismatches}",
        f"time right on matched figures/targets {corpus.time_right}/{corpus.time_checked}",
    ]


def report_lines(corpus: CorpusScore, misses: bool = False) -> list[str]:
    """Return the plain-text report; the last lines are a compact summary for ``tail``."""
    lines = _article_lines(corpus)
    if misses:
        lines += ["", *_miss_lines(corpus)]
    return lines + [""] + _summary_lines(corpus)
