"""Timeline entries from claims: one entry per event, however many sources tell it.

The same event is told in many ways.  The 12 May 2023 symposium appears as
``2023年5月`` in one article, ``去年5月`` in a second and ``5月12日下午`` in a third,
each with its own wording around the same core (主持召开深入推进京津冀协同发展座谈会).
Two tellings are one event when

* their dates could be the same day (:meth:`PartialDate.agrees`: 2023-05 refines to
  2023-05-12), and
* their texts say the same thing: on the simplified text, with reporting filler
  (习近平总书记, 在, 并, 时强调 …) and punctuation removed, the character bigrams
  overlap — a Jaccard of at least ``MERGE_JACCARD``, or the shorter text contained in
  the longer to ``MERGE_CONTAINMENT`` when it is long enough to mean something alone.
  Short texts that share only a place name (雄安新区设立 / 雄安新区启动区开工建设) stay
  apart; so do two events of one day (the symposium and the morning's site visit).

Tellings are clustered most precise first, so a cluster's date is fixed by its first
(most precise) member and a vaguer telling joins the cluster it reads most like; the
result does not depend on the order the claims arrive in.

Reads data/event_filler.tsv, data/times_of_day.tsv, data/event_kinds.tsv.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .. import dates

from .. import likeness
from ..dates import PartialDate, precision_rank
from ..knowledge import load_table, words, words_with_role
from ..models import Event, EventSource, StoredClaim
from ..read.script import simplify

MERGE_JACCARD = 0.5
MERGE_CONTAINMENT = 0.75
MIN_CONTAINED_BIGRAMS = 8

_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)
_DATES = re.compile(r"\d{1,4}[年月日号]|[今去前明]年|本月|上月")


@lru_cache(maxsize=1)
def _filler() -> tuple[str, ...]:
    """Who reported an event, how, and at what time of day: removed longest first."""
    return tuple(sorted(set(words("event_filler")) | set(words_with_role("times_of_day", "word")), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _event_kinds() -> dict[str, str]:
    """What kind of happening each word names (座谈会 → symposium)."""
    return {row["word"]: row["kind"] for row in load_table("event_kinds", ("word", "kind"))}


@lru_cache(maxsize=1)
def _kind_words() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words("event_kinds")))


# ------------------------------------------------------------ event text


def event_key(text: str) -> str:
    """The part of an event's text that identifies it: simplified, without filler or punctuation."""
    key = _DATES.sub("", simplify(text or ""))
    key = _NOT_WORD.sub("", key)
    for word in _filler():
        key = key.replace(word, "")
    return key


def event_kinds(key: str) -> frozenset[str]:
    """The kinds of happening a key names (``symposium``, ``open`` …)."""
    kinds = _event_kinds()
    return frozenset(kinds[m.group()] for m in _kind_words().finditer(key))


def similarity(a: str, b: str) -> float:
    """How alike two event keys are, 0 to 1; above zero only when they may be one event."""
    return _KeyInfo.of(a).similarity(_KeyInfo.of(b))


@dataclass(frozen=True)
class _KeyInfo:
    """An event key with its bigrams and kinds, worked out once rather than at every comparison."""

    key: str
    grams: frozenset[str]
    kinds: frozenset[str]

    @classmethod
    def of(cls, key: str) -> "_KeyInfo":
        return cls(key, likeness.bigrams(key), event_kinds(key))

    def similarity(self, other: "_KeyInfo") -> float:
        if self.key and self.key == other.key:
            return 1.0
        return _similarity(self.grams, self.kinds, other.grams, other.kinds)


def _similarity(grams_a: frozenset[str], kinds_a: frozenset[str], grams_b: frozenset[str],
                kinds_b: frozenset[str]) -> float:
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return 0.0
    if not grams_a or not grams_b:
        return 0.0
    jaccard = likeness.jaccard(grams_a, grams_b)
    contained = likeness.containment(grams_a, grams_b, MIN_CONTAINED_BIGRAMS)
    if jaccard >= MERGE_JACCARD or contained >= MERGE_CONTAINMENT:
        return max(jaccard, contained)
    return 0.0


def same_event(a: str, b: str) -> bool:
    """True when two event texts (simplified or traditional) tell the same event."""
    key_a, key_b = event_key(a), event_key(b)
    return bool(key_a) and key_a == key_b or similarity(key_a, key_b) > 0


# ------------------------------------------------------------ clustering


@dataclass
class _Cluster:
    date: PartialDate
    number: int = 0  # its place in the order clusters were made
    members: list[StoredClaim] = field(default_factory=list)
    keys: list[_KeyInfo] = field(default_factory=list)
    grams: frozenset[str] = frozenset()  # of all its members
    places: list[tuple["_Scope", int]] = field(default_factory=list)  # the scopes it is in, its place in each

    def likeness(self, key: _KeyInfo) -> float:
        return max(key.similarity(mine) for mine in self.keys)


class _Scope:
    """The clusters a telling of one day, one month or one year may join, with a gram index
    over them alone: a month's telling counts the bigrams it shares with that month's
    clusters, not with the year's thousands (counting those was most of a year's clustering).
    The index is built the first time the scope is busy; most days never are."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []  # in the order they were made
        self.index: Optional[likeness.GramIndex] = None

    def add(self, cluster: _Cluster) -> None:
        cluster.places.append((self, len(self.clusters)))
        self.clusters.append(cluster)
        if self.index is not None:
            self.index.add(cluster.grams)

    def grew(self, place: int, grams: frozenset[str]) -> None:
        if self.index is not None:
            self.index.extend(place, grams)

    def candidates(self, grams: frozenset[str], at_least: int) -> list[_Cluster]:
        """The clusters sharing at least ``at_least`` bigrams with ``grams``, in the order they were made."""
        if self.index is None:
            self.index = likeness.GramIndex()
            for cluster in self.clusters:
                self.index.add(cluster.grams)
        return [self.clusters[place] for place in sorted(self.index.candidates(grams, at_least))]


def _scopes_of(date: PartialDate) -> tuple[tuple, ...]:
    """The scopes a cluster made at ``date`` is in: its year's, its month's, its day's."""
    if date.day:
        return (date.year,), (date.year, date.month), (date.year, date.month, date.day)
    if date.month:
        return (date.year,), (date.year, date.month)
    return ((date.year,),)


def _cluster(claims: Iterable[StoredClaim], date_of: Callable[[StoredClaim], Optional[str]],
             text_of: Callable[[StoredClaim], str],
             compatible: Callable[[StoredClaim, StoredClaim], bool] = lambda a, b: True) -> list[_Cluster]:
    """Group claims telling one event: dates that agree, texts alike, most precise first."""
    dated = [(date, c) for c in claims if (date := dates.parse_exact(date_of(c))) is not None]
    dated.sort(key=lambda pair: (-precision_rank(pair[0].precision), pair[0].first_day(),
                                 _published_key(pair[1]), pair[1].article, pair[1].id))
    clusters: list[_Cluster] = []
    # A telling can join only a cluster whose date agrees with its own (clusters are made
    # most precise first, so a day joins that day's, a month that month's, a year any of
    # the year's: the scope of its own date), and only one sharing a character bigram with
    # it (every likeness above zero needs one): look those up, never compare with every cluster.
    scopes: dict[tuple, _Scope] = {}
    for date, claim in dated:
        info = _KeyInfo.of(event_key(text_of(claim)))
        scope = scopes.get(_scopes_of(date)[-1])
        near: list[_Cluster] = scope.clusters if scope else []
        if len(near) > 16:  # a busy day (a broadcast's 今天) or a year: only clusters that can be alike
            near = scope.candidates(info.grams, _shared_needed(len(info.grams)))
        best, best_score = None, 0.0
        for cluster in near:
            # Every cluster listed under this date agrees with it: only compatibility is left.
            if not compatible(cluster.members[0], claim):
                continue
            score = cluster.likeness(info)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(date, len(clusters), grams=info.grams)
            clusters.append(best)
            for key in _scopes_of(date):
                scopes.setdefault(key, _Scope()).add(best)
        elif not info.grams <= best.grams:
            best.grams |= info.grams
            for place, number in best.places:
                place.grew(number, info.grams)
        best.members.append(claim)
        best.keys.append(info)
    return clusters


def _shared_needed(grams: int) -> int:
    """The fewest bigrams a key of ``grams`` bigrams shares with any key it is alike.

    Equal keys share all; a Jaccard of ``MERGE_JACCARD`` needs that share of the larger
    set (so of this one too); containment needs ``MERGE_CONTAINMENT`` of at least
    ``MIN_CONTAINED_BIGRAMS``.  A cluster's indexed grams are those of all its members,
    so a cluster sharing fewer is alike none of them.
    """
    return max(1, min(math.ceil(grams * MERGE_JACCARD), math.ceil(MIN_CONTAINED_BIGRAMS * MERGE_CONTAINMENT)))


def _published_key(claim: StoredClaim) -> tuple:
    return dates.day_key(claim.published)


def _sources(members: Iterable[StoredClaim]) -> tuple[EventSource, ...]:
    """Every telling, each sentence of an article once (two dates of one sentence are one source)."""
    sources = sorted((EventSource(m.article, m.published, m.sentence or "", m.id) for m in members),
                     key=lambda s: (dates.day_key(s.published), s.article, s.claim))
    seen: set[tuple[int, str]] = set()
    kept = []
    for source in sources:
        if (source.article, source.sentence) not in seen:
            seen.add((source.article, source.sentence))
            kept.append(source)
    return tuple(kept)


def _subjects(members: Iterable[StoredClaim]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for member in members:
        if member.subject:
            seen.setdefault(member.subject, None)
    return tuple(seen)


def _event(cluster: _Cluster, text: str, kind: str, status: Optional[str] = None) -> Event:
    return Event(date=cluster.date.iso, precision=cluster.date.precision, event=text,
                 subjects=_subjects(cluster.members), kind=kind, sources=_sources(cluster.members),
                 status=status)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Oldest first by first day, then by event text; a total order, so output is stable."""
    return sorted(events, key=lambda e: (PartialDate.parse(e.date).first_day(), e.event, e.kind,
                                         precision_rank(e.precision), [s.claim for s in e.sources]))


# ------------------------------------------------------------ the three kinds


# The head of an event's text names it; the tail adds detail that differs between
# tellings, so tellings are compared on this many characters (the whole text is kept).
EVENT_HEAD = 40


def _milestone_text(claim: StoredClaim) -> str:
    return claim.event or claim.sentence or claim.surface or ""


def _milestone_key_text(claim: StoredClaim) -> str:
    return _milestone_text(claim)[:EVENT_HEAD]


def merge_events(milestones: list[StoredClaim]) -> list[Event]:
    """One entry per event told by the milestone claims, at its most precise date, with every source."""
    clusters = _cluster(milestones, lambda c: c.date, _milestone_key_text)
    return sort_events(_event(c, _milestone_text(c.members[0]), "milestone") for c in clusters)


def _target_text(claim: StoredClaim) -> str:
    metric = (claim.metric or "").strip()
    if claim.value is None:
        return metric or claim.surface or ""
    return f"{metric} {claim.surface or ''}".strip()


def _same_number(a: StoredClaim, b: StoredClaim) -> bool:
    return (a.value, a.unit, a.qualifier) == (b.value, b.unit,
                                                                    b.qualifier)


def target_events(targets: list[StoredClaim], newest_published: Optional[PartialDate]) -> list[Event]:
    """Targets at their deadlines: ``future`` when due after the newest article, else ``due``."""
    clusters = _cluster(targets, lambda c: dates.period_end(c.deadline), _target_text, _same_number)
    events = []
    for cluster in clusters:
        status = None
        if newest_published is not None:
            future = cluster.date.last_day() > newest_published.last_day()
            status = "future" if future else "due"
        events.append(_event(cluster, _target_text(cluster.members[0]), "target", status))
    return sort_events(events)


def formulation_events(formulations: list[StoredClaim]) -> list[Event]:
    """Each slogan (by its simplified text) at its first appearance, dated by that article."""
    groups: dict[str, list[tuple[PartialDate, dict]]] = {}
    for claim in formulations:
        published = dates.parse_exact(claim.published)
        key = simplify(claim.simplified or claim.surface or "").strip()
        if published is not None and key:
            groups.setdefault(key, []).append((published, claim))
    events = []
    for tellings in groups.values():
        tellings.sort(key=lambda pair: (pair[0].first_day(), -precision_rank(pair[0].precision),
                                        pair[1].article, pair[1].id))
        date, first = tellings[0]
        firsts, articles = [], set()
        for published, claim in tellings:
            if published == date and claim.article not in articles:
                firsts.append(claim)
                articles.add(claim.article)
        events.append(Event(date=date.iso, precision=date.precision, event=f"“{first.surface}”",
                            subjects=_subjects(firsts), kind="formulation", sources=_sources(firsts)))
    return sort_events(events)
