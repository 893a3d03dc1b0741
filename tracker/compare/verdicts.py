"""Promises judged: each target against the outcome of its own metric and period.

A work report sets 国内生产总值增长8%左右 for its year and the next year's report says
比上年增长9.5%.  The pairing rule: a target is judged only by an **outcome** — a figure
(never a target) of the same metric key (:func:`tracker.compare.series.metric_key`,
canonical metrics by any written form), subject and unit, whose ``as_of`` falls inside
the target's deadline period (``2005`` is the year 2005; ``2021/2025`` the five years),
told by a source published after the period began.  A figure of another year never
judges it, however close its metric.  Among several outcomes the best evidence wins:
the one that names the period exactly (as_of ``2005``, not ``2005-06``), then the latest
source.  Outcomes of the period that differ beyond rounding are conflicts, kept with
both sentences.

The verdict scale (PolitiFact's meters, the NDRC's plan-implementation tables):
``not yet due`` (no outcome and the period is not over by the newest article; a target
with no deadline never falls due), ``due, no outcome reported``, ``met``, ``exceeded``,
``nearly met``, ``missed``.  How an outcome is read depends on the metric's polarity
(``data/metrics.tsv``: a floor, a ceiling or a plan; an unknown metric is a ceiling when
its target says 以内/低于, else a floor) and on tolerances in ``data/verdict_tolerances.tsv``:
±0.5 percentage points around a 左右 target on a percentage, ±5% of the value otherwise;
a shortfall (a ceiling's overshoot) within a further 0.5 points or 5% is nearly met; a
floor beaten by more than that is exceeded.  Each verdict carries the rule that decided
it written out (``outcome 7.4 % vs ≈7.5 %: within the 左右 tolerance (±0.5 points)``).

Where a review sentence gives the text's own verdict (超额完成/完成/实现/没有实现 … 目标,
``data/verdict_words.tsv``), it is kept beside the computed one as ``official_verdict``.

Pure: stored claims in, :class:`~tracker.models.TargetStatus` out.

Reads data/verdict_tolerances.tsv, data/verdict_words.tsv (and data/metrics.tsv through
compare/series.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Optional

from .. import dates
from ..dates import When, still_open
from ..knowledge import load_table
from ..models import StoredClaim, TargetStatus, format_value
from ..read.script import simplify
from .series import _claim_order, _point, key_of, polarity_of

Claim = StoredClaim

NOT_YET_DUE, NO_OUTCOME = "not yet due", "due, no outcome reported"
MET, EXCEEDED, NEARLY, MISSED = "met", "exceeded", "nearly met", "missed"


# ------------------------------------------------------------ tolerances


@dataclass(frozen=True)
class Tolerance:
    met_within: float
    nearly_within: float
    exceeded_beyond: float
    points: bool  # percentage points (else a share of the target's value)

    def absolute(self, share: float, goal: float) -> float:
        return share if self.points else share * abs(goal)

    def describe(self, share: float) -> str:
        return f"{share:g} points" if self.points else f"{share * 100:g}% of the target"


@lru_cache(maxsize=1)
def _tolerances() -> tuple[tuple[str, str, Tolerance], ...]:
    rows = load_table("verdict_tolerances", ("qualifier", "unit", "met_within", "nearly_within", "exceeded_beyond"))
    return tuple((r["qualifier"], r["unit"], Tolerance(float(r["met_within"]), float(r["nearly_within"]),
                                                       float(r["exceeded_beyond"]), r["unit"] == "%"))
                 for r in rows)


def tolerance(qualifier: Optional[str], unit: Optional[str]) -> Tolerance:
    """The first tolerance row for this qualifier and unit (``*`` matches any)."""
    qualifier = qualifier or "="
    for want, measure, found in _tolerances():
        if want in ("*", qualifier) and (measure == "*" or measure == unit):
            return found
    return Tolerance(0.0, 0.0, float("inf"), unit == "%")


@lru_cache(maxsize=1)
def _verdict_words() -> tuple[tuple[str, str], ...]:
    rows = load_table("verdict_words", ("word", "verdict"))
    return tuple(sorted(((simplify(r["word"]), r["verdict"]) for r in rows), key=lambda r: (-len(r[0]), r[0])))


# ------------------------------------------------------------ one verdict


def polarity(key: Optional[str], qualifier: Optional[str]) -> str:
    """How a target is read: its qualifier first (以内 a ceiling, 以上 a floor), then its metric."""
    if qualifier in ("<", "<="):
        return "ceiling"
    if qualifier in (">", ">="):
        return "floor"
    return polarity_of(key) or "floor"


def judge(goal: float, high: Optional[float], qualifier: Optional[str], how: str, got: float,
          unit: Optional[str]) -> tuple[str, str]:
    """The verdict of one outcome on one target, and the rule that decided it.

    ``how`` is the polarity (floor, ceiling, plan).  A range (6–6.5) is met anywhere in
    it; a floor is met at its lower end, a ceiling at its upper end.
    """
    low, top = goal, high if high is not None else goal
    tol = tolerance(qualifier, unit)
    band = tol.absolute(tol.met_within, goal) if qualifier == "~" else 0.0
    nearly = tol.absolute(tol.nearly_within, goal)
    beyond = tol.absolute(tol.exceeded_beyond, goal)
    said = f"outcome {format_value(got, unit)} vs {format_value(goal, unit, qualifier, high)}"
    about = f"the 左右 tolerance (±{tol.describe(tol.met_within)})"
    strict = qualifier in (">", "<")
    if how == "ceiling":
        limit = top + band
        if got < limit or (got == limit and not strict):
            return MET, f"{said}: {'within ' + about if band and got > top else 'at or under the ceiling'}"
        if got <= limit + nearly:
            return NEARLY, f"{said}: over the ceiling by no more than {tol.describe(tol.nearly_within)}"
        return MISSED, f"{said}: over the ceiling by more than {tol.describe(tol.nearly_within)}"
    floor = low - band
    if got < floor or (got == floor and strict):
        if got >= floor - nearly:
            return NEARLY, f"{said}: short by no more than {tol.describe(tol.nearly_within)}" + \
                (f" beyond {about}" if band else "")
        return MISSED, f"{said}: short by more than {tol.describe(tol.nearly_within)}" + \
            (f" beyond {about}" if band else "")
    if how == "plan":
        if got > top + band + (0 if band else beyond):
            return EXCEEDED, f"{said}: above the plan" + (f" beyond {about}" if band else
                                                          f" by more than {tol.describe(tol.exceeded_beyond)}")
        return MET, f"{said}: {'within ' + about if band else 'as planned'}"
    if got > top + max(band, beyond):
        margin = about if band >= beyond else tol.describe(tol.exceeded_beyond)
        return EXCEEDED, f"{said}: above the target by more than {margin}"
    if band and got < low:
        return MET, f"{said}: within {about}"
    return MET, f"{said}: {'within ' + about if band else 'reaches the target'}"


# ------------------------------------------------------------ pairing


def in_period(figure: Claim, period: str) -> bool:
    """True when a figure's as_of falls inside the period (a date or ``start/end``)."""
    start, end = _day(period, False, False), _day(period, True, True)
    first, last = _day(figure.as_of, False, False), _day(figure.as_of, True, True)
    if None in (start, end, first, last):
        return False
    return first >= start and last <= end


def told_after_start(figure: Claim, period: str) -> bool:
    """True when the figure's source was published after the period began."""
    start, published = _day(period, False, False), _day(figure.published, True, False)
    return start is not None and published is not None and published > start


@lru_cache(maxsize=1 << 14)
def _day(value: Optional[str], end: bool, last: bool):
    """The first (or ``last``) day of a date, or of a period's start (or ``end``); None when
    unreadable.  Read once per text: a target is held against every figure of its metric,
    and the same few dates recur across them."""
    found = dates.parse(value, end=end)
    return None if found is None else found.last_day() if last else found.first_day()


def outcomes(target: Claim, figures: Iterable[Claim]) -> list[Claim]:
    """The figures that may judge a target, best evidence first (names the period, latest source)."""
    period = target.deadline
    if not period:
        return []
    found = [f for f in figures if f.kind == "figure" and f.value is not None and f.as_of
             and f.article != target.article and in_period(f, period) and told_after_start(f, period)]

    def evidence(f: Claim) -> tuple:
        published = dates.parse(f.published)
        return (f.as_of == period, published.last_day() if published else None, f.article, -f.id)

    return sorted(found, key=evidence, reverse=True)


def differ_beyond_rounding(a: float, b: float) -> bool:
    """7.8 and 7.7 differ; 9.2 and 9.24 do not (9.24 rounds to 9.2)."""
    places = min(_places(a), _places(b))
    return round(a, places) != round(b, places)


def _places(x: float) -> int:
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def official_verdict(target: Claim, key: str, figures: Iterable[Claim]) -> tuple[Optional[str], Optional[str]]:
    """The text's own verdict on a target: a later sentence of the period naming its metric,
    目标 and a verdict word (没有实现年初确定的单位国内生产总值能耗降低4%左右的目标)."""
    period = target.deadline
    if not period or not key:
        return None, None
    names = {key, simplify(target.metric or "")} - {""}
    for figure in sorted(figures, key=_claim_order, reverse=True):
        if figure.kind != "figure" or figure.article == target.article or not told_after_start(figure, period):
            continue
        if not (figure.as_of and in_period(figure, period)):
            continue
        text = simplify(figure.sentence or "")
        if "目标" not in text or not any(name in text for name in names | {key_of(figure)} if len(name) >= 3):
            continue
        for word, verdict in _verdict_words():
            if word in text:
                return verdict, figure.sentence
    return None, None


def judge_targets(targets: Iterable[Claim], figures: Iterable[Claim],
                  newest_published: When = None) -> list[TargetStatus]:
    """Each target with its outcome and verdict, soonest deadline first (none last).

    Without ``newest_published`` (as the derived tables are built) a target with no
    outcome is ``due, no outcome reported``; the store's reader turns it into ``not yet
    due`` when its period is not over by the newest article.
    """
    newest = dates.parse(newest_published)
    by_key: dict[tuple, list[Claim]] = {}
    for figure in sorted((f for f in figures if f.kind == "figure" and f.value is not None), key=_claim_order):
        by_key.setdefault((figure.subject, figure.unit, key_of(figure)), []).append(figure)
    by_start = {key: _ByStart(found) for key, found in by_key.items()}
    result = [judge_target(t, by_start, newest) for t in targets if t.kind == "target"]
    return sorted(result, key=deadline_order)


class _ByStart:
    """One metric's figures by the first day they report on, so that a target reads only
    those inside its period (an archive tells one metric thousands of times, over years)."""

    def __init__(self, figures: list[Claim]) -> None:
        dated = sorted(((day, number, figure) for number, figure in enumerate(figures)
                        if (day := _day(figure.as_of, False, False)) is not None), key=lambda x: x[:2])
        self.days = [day for day, _, _ in dated]
        self.numbered = [(number, figure) for _, number, figure in dated]

    def during(self, period: Optional[str]) -> list[Claim]:
        """The figures whose as_of may lie in ``period`` (every one that does, and a few more),
        in the order they were given (ties of a later sort keep it)."""
        start, end = _day(period, False, False), _day(period, True, True)
        if start is None or end is None:
            return []
        return [figure for _, figure in sorted(self.numbered[bisect_left(self.days, start):
                                                            bisect_right(self.days, end)], key=lambda x: x[0])]


def judge_target(target: Claim, by_start: dict, newest) -> TargetStatus:
    key = key_of(target)
    figures = by_start.get((target.subject, target.unit, key)) if key else None
    same = figures.during(target.deadline) if figures else []
    found = outcomes(target, same)
    how = polarity(key, target.qualifier)
    outcome = found[0] if found else None
    conflicts = tuple(_point(f) for f in found[1:] if outcome and f.article != outcome.article
                      and differ_beyond_rounding(f.value, outcome.value))
    if outcome is not None and target.value is not None:
        verdict, rule = judge(target.value, target.value_high, target.qualifier, how, outcome.value, target.unit)
        rule += f" (#{outcome.article}, {outcome.published or 'undated'}, as of {outcome.as_of})"
        if conflicts:
            rule += "; other sources differ: " + ", ".join(
                f"{format_value(p.value, target.unit)} (#{p.article})" for p in conflicts)
    else:
        verdict, rule = not_judged(target, newest)
    official, official_sentence = official_verdict(target, key, same)
    return TargetStatus(
        subject=target.subject, metric=target.metric, value=target.value, value_high=target.value_high,
        unit=target.unit, qualifier=target.qualifier, deadline=target.deadline, strength=target.strength,
        article=target.article, published=target.published, sentence=target.sentence or target.surface or "",
        later=tuple(_point(f) for f in found), verdict=verdict, surface=target.surface or "", claim=target.id,
        at=target.at, verdict_rule=rule, official_verdict=official, official_sentence=official_sentence,
        outcome=_point(outcome) if outcome else None, conflicts=conflicts, metric_key=key,
        polarity=how)


def not_judged(target: Claim, newest) -> tuple[str, str]:
    """Why a target without an outcome is not judged: not due yet, or due and not reported."""
    if not target.deadline:
        return NOT_YET_DUE, "no deadline stated: it never falls due"
    if target.value is None:
        return NO_OUTCOME, "no number to judge an outcome against"
    deadline = dates.parse(target.deadline)
    if deadline is not None and still_open(deadline, newest):
        return NOT_YET_DUE, f"due by the end of {target.deadline}, after the newest article ({newest})"
    return NO_OUTCOME, f"no figure of {target.deadline} for this metric in a later source"


def deadline_order(status: TargetStatus) -> tuple:
    """Soonest deadline first (by its last day), none last; then by source."""
    deadline = dates.parse(status.deadline)
    return (deadline is None, deadline.last_day() if deadline else None, status.published or "",
            status.article, status.metric or "")
