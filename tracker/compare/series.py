"""The same quantity across documents: metric identity, series, conflicts, target status.

Documents never name a metric the same way twice.  保定's party secretary says
全市……吸纳京津技术合同成交额达到103.89亿元 and a provincial review says
河北省吸纳京津技术合同成交额同比增长34.8%.  :func:`metric_key` reduces a metric to
the words that say *which* quantity it is — simplified, without places, time words,
qualifiers or filler (``data/metric_filler.tsv``) — and :func:`same_metric` compares
two keys by character bigrams, because keys that survive the stripping still differ
by a word (央企子公司 / 央企二、三级子公司, 国家级 / 国家).  A bigram comparison
alone would join unrelated metrics that share a long noun, so a series also needs the
same subject and the same unit: a level (元) and a growth rate (%) of one metric are
two series, side by side.

Everything here is pure: stored claims (:class:`~tracker.models.StoredClaim`) in,
frozen records out, ordered explicitly so the same database always reads the same.

A key that names a metric of ``data/metrics.tsv`` by one of its written forms is that
metric's canonical name (居民消费价格总水平涨幅 and 居民消费价格涨幅 are one metric), and
canonical keys join only their own series; a phrase not in the table keeps its
normalised form, so an unknown metric still forms one series.  Targets are judged in
:mod:`tracker.compare.verdicts`.

Reads data/places.tsv, data/qualifiers.tsv, data/time_words.tsv, data/metric_filler.tsv,
data/metrics.tsv (and, through extract.metrics, data/share_words.tsv).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Collection, Iterable, Optional, Sequence

from .. import likeness
from ..dates import When
from ..knowledge import load_table
from ..models import Conflict, Evolution, Point, Series, StoredClaim, TargetStatus, clause
from ..read.script import simplify

# Keys alike at or above this (bigram Dice, or the share of the shorter key's bigrams
# found in the longer) name the same metric.  0.75 joins 央企子公司 with
# 央企二、三级子公司 (3 of 4 bigrams) and keeps 转化京津技术成果 apart from
# 吸纳京津技术合同成交额 (3 of 7); tests/test_series.py holds the table.
SAME_METRIC = 0.75
# Containment only counts when the shorter key has this many bigrams, so that a
# two-character key such as 增长 is not "contained" in every growth rate.
MIN_CONTAINED_BIGRAMS = 3
# Two figures for one date disagree when they differ by more than this share.
CONFLICT_TOLERANCE = 0.005

_NOT_WORD = re.compile(r"[^\w]|[_\d]", re.UNICODE)
_YEAR = re.compile(r"\d{4}\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?")

Claim = StoredClaim


# ---------------------------------------------------------- metric identity


@lru_cache(maxsize=1)
def _filler() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = load_table("metric_filler", ("word",))
    anywhere = {simplify(r["word"]) for r in rows if r.get("where", "anywhere") in ("", "anywhere")}
    edge = {simplify(r["word"]) for r in rows if r.get("where") == "edge"}
    unknown = {r.get("where") for r in rows} - {"", "anywhere", "edge"}
    if unknown:
        from ..errors import BadData

        raise BadData(f"tracker/data/metric_filler.tsv: where must be anywhere or edge, not {sorted(unknown)}")
    return _longest_first(anywhere), _longest_first(edge)


@lru_cache(maxsize=1)
def _stripped_words() -> tuple[str, ...]:
    """Places, time words and qualifier words: none of them says which quantity it is."""
    places = {r["name"] for r in load_table("places", ("name",))}
    places |= {r["canonical"] for r in load_table("places", ("name",)) if r["canonical"]}
    times = {r["word"] for r in load_table("time_words", ("word",))}
    # One-character qualifiers (多, 余, 近, 超) are too often part of a word to strip.
    qualifiers = {r["word"] for r in load_table("qualifiers", ("word",)) if len(r["word"]) > 1}
    return _longest_first({simplify(w) for w in places | times | qualifiers})


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted((w for w in words if w), key=lambda w: (-len(w), w)))


def metric_key(metric: Optional[str], subject: Optional[str] = None) -> str:
    """The words of a metric that say which quantity it is, for comparing across documents.

    ``metric_key("河北省吸纳京津技术合同成交额同比增长", "河北")`` is
    ``吸纳京津技术合同成交额增长``; a written form of a canonical metric is its name
    (``metric_key("中央提出经济增长预期目标")`` is ``国内生产总值增长``).
    """
    key = normalised_key(metric, subject)
    found = _canonical().get(key)
    return found[0] if found else key


@lru_cache(maxsize=1)
def _canonical() -> dict[str, tuple[str, str]]:
    """Normalised written form → (canonical metric, polarity), from data/metrics.tsv."""
    rows = load_table("metrics", ("metric", "written", "polarity"))
    bad = {r["polarity"] for r in rows} - {"floor", "ceiling", "plan"}
    if bad:
        from ..errors import BadData

        raise BadData(f"tracker/data/metrics.tsv: polarity must be floor, ceiling or plan, not {sorted(bad)}")
    table: dict[str, tuple[str, str]] = {}
    for row in rows:
        for form in (row["written"], row["metric"]):
            table.setdefault(normalised_key(form), (row["metric"], row["polarity"]))
    return table


def canonical_metrics() -> dict[str, str]:
    """Each canonical metric's key and its polarity (floor, ceiling or plan)."""
    return dict(_polarities())


@lru_cache(maxsize=1)
def _polarities() -> dict[str, str]:
    # Built once: series grouping asks once per claim.
    return {key: polarity for key, polarity in _canonical().values()}


def is_canonical(key: Optional[str]) -> bool:
    return bool(key) and key in _polarities()


def polarity_of(key: Optional[str]) -> Optional[str]:
    """A canonical metric's polarity, None for a metric the table does not know."""
    return _polarities().get(key or "")


# Remembered: a key costs half a millisecond (two scanners and a few hundred replaces), and
# about one figure in six of a news archive repeats a metric and subject already keyed.
@lru_cache(maxsize=1 << 15)
def normalised_key(metric: Optional[str], subject: Optional[str] = None) -> str:
    """A metric's words without places, times, quantities, qualifiers and filler."""
    text = simplify(metric or "")
    spans = [(m.start, m.end) for m in _scanners()[0](text, None)]
    spans += [(q.start, q.end) for q in _quantities(text)]
    keep = [True] * len(text)
    for start, end in spans:
        keep[start:end] = [False] * (end - start)
    text = "".join(c for c, kept in zip(text, keep) if kept)
    text = _YEAR.sub("", text)
    anywhere, edge = _filler()
    for words in (anywhere, _stripped_words()):
        for word in _may_occur(words, text):
            text = text.replace(word, "")
    if subject:
        text = text.replace(simplify(subject), "")
    text = _NOT_WORD.sub("", text)
    return _strip_edges(text, _may_occur(edge, text))


def _may_occur(words: tuple[str, ...], text: str) -> Sequence[str]:
    """Of ``words``, in their order, those that may be found in ``text`` as they are cut from
    it one after another (or from its edges): a key tried some three hundred words, most
    keys hold none, and a word with a character the text lacks is never found in it, as a
    cut adds no character."""
    if not _any_of(words).search(text):
        return ()
    chars = set(text)
    return [word for word, needs in _characters(words) if needs <= chars]


@lru_cache(maxsize=8)
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


@lru_cache(maxsize=8)
def _characters(words: tuple[str, ...]) -> tuple[tuple[str, frozenset], ...]:
    return tuple((word, frozenset(word)) for word in words)


@lru_cache(maxsize=1)
def _scanners() -> tuple[Callable, Callable]:
    """find_times and find_quantities, loaded when a metric is first keyed, not with this module:
    stored claims carry their keys, so diff and the readers of a series never key one."""
    from ..extract.quantities import find_quantities
    from ..extract.timex import find_times

    return find_times, find_quantities


def _quantities(text: str) -> list:
    try:
        return _scanners()[1](text)
    except Exception:  # noqa: BLE001 - an odd metric must not stop a listing
        return []


def _strip_edges(text: str, words: Sequence[str]) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if len(text) > len(word) and text.startswith(word):
                text, changed = text[len(word):], True
            if len(text) > len(word) and text.endswith(word):
                text, changed = text[:-len(word)], True
    return text


def similarity(a: str, b: str) -> float:
    """How alike two metric keys are, 0 to 1: bigram Dice, or containment of the shorter key."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    grams_a, grams_b = likeness.bigrams(a), likeness.bigrams(b)
    return max(likeness.dice(grams_a, grams_b), likeness.containment(grams_a, grams_b, MIN_CONTAINED_BIGRAMS))


def same_metric(a: str, b: str) -> bool:
    """True when two metric keys name the same quantity.

    A share is a metric of its numerator: 第一产业增加值占国内生产总值比重 and
    服务业增加值占国内生产总值比重 share their long denominator, not their metric, and a
    share is never its denominator's level (占国内生产总值比重 / 国内生产总值)."""
    return similarity(a, b) >= SAME_METRIC and _same_share(a, b)


def _same_share(a: str, b: str) -> bool:
    from ..extract.metrics import share_parts  # here: a read that keys no metric loads no extractor

    parts_a, parts_b = share_parts(a), share_parts(b)
    if parts_a is None or parts_b is None:
        return parts_a is parts_b
    (numerator_a, denominator_a), (numerator_b, denominator_b) = parts_a, parts_b
    return _alike_part(numerator_a, numerator_b) and (not denominator_a or not denominator_b
                                                      or _alike_part(denominator_a, denominator_b))


def _alike_part(a: str, b: str) -> bool:
    # Dice, not containment, and never a word put before the other (the head noun comes
    # last in Chinese, so 海洋生产总值 is a narrower thing than 生产总值).
    if a == b:
        return True
    return not (a.endswith(b) or b.endswith(a)) and likeness.dice(likeness.bigrams(a), likeness.bigrams(b)) >= SAME_METRIC


# ------------------------------------------------------------------ evolve


def _point(claim: Claim) -> Point:
    return Point(
        as_of=claim.as_of, value=claim.value, value_high=claim.value_high,
        qualifier=claim.qualifier, kind=claim.kind, article=claim.article,
        published=claim.published, sentence=claim.sentence or claim.surface or "",
        claim=claim.id, deadline=claim.deadline, surface=claim.surface or "", at=claim.at,
    )


def _point_order(point: Point) -> tuple:
    when = point.when
    return (when is None, when or "", point.article, point.claim if point.claim is not None else -1)


def _claim_order(claim: Claim) -> tuple:
    """:func:`_point_order` of the claim's point, without making the point."""
    when = claim.as_of or (claim.deadline if claim.kind == "target" else None) or claim.published
    return (when is None, when or "", claim.article, claim.id if claim.id is not None else -1)


def matches(claim: Claim, query: str) -> bool:
    """True when a claim's metric, or the clause of its sentence that holds its number, has the query.

    The clause and not the whole sentence, so that 技术合同 finds 吸纳京津技术合同成交额达到103.89亿元
    but not 转化京津技术成果319项 told in the same sentence.
    """
    return _matcher(query)(claim)


def _matcher(query: str) -> Callable[[Claim], bool]:
    """:func:`matches` for one query, its key worked out once (not once per claim)."""
    needle = simplify(query.strip())
    if not needle:
        return lambda claim: False
    wanted = metric_key(needle)
    if is_canonical(wanted):
        # A canonical metric by any of its written forms, and only by them.
        return lambda claim: key_of(claim) == wanted

    simplified: dict[str, str] = {}  # the same metric and clause are told by many sources

    def shadow(text: str) -> str:
        if text not in simplified:
            simplified[text] = simplify(text)
        return simplified[text]

    def told(claim: Claim) -> bool:
        return needle in shadow(claim.metric or "") or needle in shadow(clause(claim.sentence, claim.surface, claim.at))
    return told


@dataclass
class _Group:
    subject: Optional[str]
    unit: Optional[str]
    keys: list[str]
    claims: list[Claim]
    distinct: set[str] = field(default_factory=set)

    def takes(self, claim: Claim, key: str, alike: Callable[[str, str], bool] = None) -> bool:
        if (claim.subject, claim.unit) != (self.subject, self.unit):
            return False
        # A canonical metric is one series of its own: it neither takes nor joins a look-alike.
        if is_canonical(key) or is_canonical(self.keys[0]):
            return key == self.keys[0]
        # Each key once, not once per claim told with it: a metric told by thousands of
        # sources would otherwise be compared with itself thousands of times.
        alike = alike or same_metric
        return key in self.distinct or any(alike(key, mine) for mine in self.distinct or self.keys)

    def add(self, claim: Claim, key: str) -> None:
        self.keys.append(key)
        self.claims.append(claim)
        self.distinct.add(key)


def group_series(claims: Iterable[Claim]) -> list[Series]:
    """Figures and targets grouped by subject, metric and unit; a claim without a metric stands alone."""
    groups: list[_Group] = []
    # Only groups of the same subject and unit can take a claim: look only at those.
    by_place: dict[tuple, list[_Group]] = {}
    seen = set()
    compared: dict[tuple[str, str], bool] = {}

    def alike(a: str, b: str) -> bool:
        if (a, b) not in compared:
            compared[a, b] = same_metric(a, b)
        return compared[a, b]
    for claim in sorted(claims, key=_claim_order):
        if claim.kind not in ("figure", "target") or claim.value is None:
            continue
        # Page furniture repeats a sentence: one telling per article is enough.
        fingerprint = (claim.article, claim.sentence, claim.value, claim.unit,
                       claim.kind, claim.as_of)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        key = key_of(claim)
        place = (claim.subject, claim.unit)
        home = next((g for g in by_place.get(place, ()) if key and g.takes(claim, key, alike)), None)
        if home is None:
            group = _Group(claim.subject, claim.unit, [key], [claim], {key})
            groups.append(group)
            by_place.setdefault(place, []).append(group)
        else:
            home.add(claim, key)
    series = [Series(g.subject, _name(g), g.unit, tuple(sorted(map(_point, g.claims), key=_point_order)))
              for g in groups]
    return sorted(series, key=lambda s: (s.metric, s.subject or "", s.unit or "", s.points[0].article))


def _name(group: _Group) -> str:
    """The key most points share (the shortest on a tie), as long as it reads as the text does.

    A key cut from the edges (今年全省地区生产总值增长 → 地区生产总值增长) names the series
    well; one cut from the middle (央企在雄安设立的分支机构 → 央企在设立分支机构) does
    not, and then the shortest metric as written stands in for it.
    """
    keys = [k for k in group.keys if k]
    if not keys:
        return group.claims[0].metric or group.claims[0].surface or ""
    common = min(set(keys), key=lambda k: (-keys.count(k), len(k), k))
    told = [simplify(c.metric or "") for c, k in zip(group.claims, group.keys) if k == common]
    told = [_NOT_WORD.sub("", metric) for metric in told]
    if not told or any(common in metric for metric in told):
        return common
    return min(told, key=lambda m: (len(m), m))


def find_conflicts(series: Iterable[Series]) -> list[Conflict]:
    """Figures from different articles for the same subject, metric and date whose values differ."""
    found = []
    for one in series:
        figures = [p for p in one.points if p.kind == "figure" and p.as_of]
        for i, a in enumerate(figures):
            for b in figures[i + 1:]:
                if a.article != b.article and a.as_of == b.as_of and _differ(a, b):
                    found.append(Conflict(one.subject, one.metric, one.unit, a.as_of, (a, b)))
    return found


def _differ(a: Point, b: Point) -> bool:
    return _far(a.value, b.value) or _far(a.value_high, b.value_high)


def _far(x: Optional[float], y: Optional[float]) -> bool:
    if x is None or y is None:
        return (x is None) != (y is None)
    return abs(x - y) > CONFLICT_TOLERANCE * max(abs(x), abs(y))


def most_told(evolution: Evolution, limit: int) -> Evolution:
    """The ``limit`` series told by the most sources, with their conflicts, in the usual order."""
    keep = sorted(evolution.series, key=lambda s: -len(s.articles))[:limit]
    kept = [s for s in evolution.series if any(s is k for k in keep)]
    conflicts = tuple(c for c in evolution.conflicts if any(c.metric == s.metric and c.subject == s.subject
                                                            and c.unit == s.unit for s in kept))
    return Evolution(evolution.query, tuple(kept), conflicts)


def evolve(claims: Iterable[Claim], query: str,
           stored_conflicts: Optional[Iterable[tuple[int, int]]] = None) -> Evolution:
    """Every figure and target matching ``query``, in series, with conflicting sources flagged.

    ``stored_conflicts`` are the pairs of claim ids the store keeps as conflicting
    (``conflict_pairs``, made by :func:`conflicts_among` bucket by bucket): a pair inside
    one series flags it, and nothing is compared here.  Without them the series' own
    points are compared, pair by pair.
    """
    wanted = _matcher(query)
    series = group_series(c for c in claims if wanted(c))
    if stored_conflicts is None:
        return Evolution(query, tuple(series), tuple(find_conflicts(series)))
    return Evolution(query, tuple(series), tuple(_stored_conflicts(series, stored_conflicts)))


def _stored_conflicts(series: Sequence[Series], pairs: Iterable[tuple[int, int]]) -> list[Conflict]:
    """The stored pairs whose two claims are points of one series, in :func:`find_conflicts`' order."""
    where = {p.claim: (number, at, p) for number, one in enumerate(series) for at, p in enumerate(one.points)}
    found = []
    for a, b in {tuple(sorted(pair)) for pair in pairs}:
        if a not in where or b not in where or where[a][0] != where[b][0]:
            continue
        (number, _, first), (_, _, second) = sorted((where[a], where[b]), key=lambda w: w[1])
        one = series[number]
        found.append((number, where[first.claim][1], where[second.claim][1],
                      Conflict(one.subject, one.metric, one.unit, first.as_of, (first, second))))
    return [conflict for *_, conflict in sorted(found, key=lambda f: f[:3])]


# ----------------------------------------------------------------- targets


def target_status(targets: Iterable[Claim], figures: Iterable[Claim],
                  newest_published: When = None) -> list[TargetStatus]:
    """Each target with its verdict, soonest deadline first: see :mod:`tracker.compare.verdicts`."""
    from .verdicts import judge_targets

    return judge_targets(targets, figures, newest_published)


class _KeyedFigures:
    """Figures by metric key, with a bigram index over the keys."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.figures: list[list[Claim]] = []
        self._number: dict[str, int] = {}
        self._index = likeness.GramIndex()

    def add(self, key: str, figure: Claim) -> None:
        if key not in self._number:
            self._number[key] = self._index.add(likeness.bigrams(key))
            self.keys.append(key)
            self.figures.append([])
        self.figures[self._number[key]].append(figure)

    def number(self, key: str) -> int:
        """The place of a key in the order the figures first told it."""
        return self._number[key]

    def like(self, key: str) -> list[Claim]:
        """The figures whose key names the same metric as ``key``, in their original order."""
        grams = likeness.bigrams(key)
        numbers = [n for n in self._index.candidates(grams, _shared_needed(len(grams)))
                   if same_metric(key, self.keys[n])]
        found = [f for n in numbers for f in self.figures[n]]
        return sorted(found, key=_claim_order)


def _shared_needed(grams: int) -> int:
    """The fewest bigrams a key of ``grams`` bigrams shares with any key of the same metric.

    A Dice of ``SAME_METRIC`` with a set of at least the shared size needs
    ``SAME_METRIC / (2 - SAME_METRIC)`` of this key's grams; containment needs
    ``SAME_METRIC`` of at least ``MIN_CONTAINED_BIGRAMS``; equal keys share all.
    """
    dice = math.ceil(grams * SAME_METRIC / (2 - SAME_METRIC) - 1e-9)
    return max(1, min(dice, math.ceil(MIN_CONTAINED_BIGRAMS * SAME_METRIC)))


def key_of(claim: Claim) -> str:
    """A claim's metric key: stored with the claim, else computed."""
    return claim.metric_key if claim.metric_key is not None else metric_key(claim.metric, claim.subject)


def conflicts_among(figures: Iterable[Claim], known: Optional[Iterable[tuple[int, int]]] = None,
                    fresh: Collection[int] = ()) -> list[Conflict]:
    """Figures of one subject, unit and date from different articles that name the same
    metric and give different values (a revision is not another article: only current
    versions are given).

    Whether two figures conflict depends on those two alone, so when the pairs ``known``
    to conflict among the figures of every article but the ``fresh`` ones are given (a
    bucket derived before, then told by new articles only), only the pairs with a fresh
    figure are looked for: the known pairs whose figures are still given are kept as they
    are, and every conflict is named as a full pass names it."""
    dated = sorted((f for f in figures if f.kind == "figure" and f.value is not None and f.as_of), key=_claim_order)
    # Most groups of one subject, unit and date are told by one article, or agree: nothing
    # can conflict there, and indexing their keys cost more than the rest of a refresh.
    if len({f.article for f in dated}) < 2 or len({(f.value, f.value_high) for f in dated}) < 2:
        return []
    keyed = _KeyedFigures()
    for figure in dated:
        keyed.add(key_of(figure), figure)
    # A grown archive's bucket holds thousands of pairs of the same few hundred figures:
    # each figure's point is made once.
    points = {id(figure): _point(figure) for figure in dated}
    if known is None:
        searched = range(len(keyed.keys))
        pairs: dict[tuple, tuple[int, Claim, Claim]] = {}
    else:
        searched, pairs = _known_pairs(keyed, known, set(fresh))
    found = []
    for number in searched:
        key = keyed.keys[number]
        if not key:
            continue
        mine = keyed.figures[number]
        if known is not None:
            mine = [figure for figure in mine if figure.article in fresh]
        for other in keyed.like(key):
            for figure in mine:
                pair = (figure.id, other.id) if figure.id < other.id else (other.id, figure.id)
                if figure.article == other.article or pair in pairs or figure.as_of != other.as_of:
                    continue
                # Named by the key met first in the figures' order: the one searched in a
                # full pass, the earlier of the two when only fresh figures' keys are searched.
                first = number if known is None else min(number, keyed.number(key_of(other)))
                pairs[pair] = (first, figure, other) if _differ(points[id(figure)], points[id(other)]) else None
    for pair, met in pairs.items():
        if met is None:
            continue
        first, figure, other = met
        a, b = sorted((points[id(figure)], points[id(other)]), key=_point_order)
        found.append(Conflict(figure.subject, _named(keyed.keys[first], figure, other), figure.unit, figure.as_of,
                              (a, b)))
    return sorted(found, key=lambda c: (c.metric, c.as_of, c.points[0].article, c.points[1].article,
                                        c.points[0].claim, c.points[1].claim))


def _known_pairs(keyed: "_KeyedFigures", known: Iterable[tuple[int, int]], fresh: set[int]
                 ) -> tuple[list[int], dict[tuple, tuple]]:
    """The keys a fresh figure has (the only ones to search), and the known pairs whose two
    figures are both still given, each with the key it is named by."""
    by_id = {figure.id: (number, figure) for number, told in enumerate(keyed.figures) for figure in told}
    pairs = {}
    for a, b in known:
        if a in by_id and b in by_id:
            (number_a, figure_a), (number_b, figure_b) = by_id[a], by_id[b]
            pairs[(a, b) if a < b else (b, a)] = (min(number_a, number_b), figure_a, figure_b)
    searched = [number for number, told in enumerate(keyed.figures) if any(f.article in fresh for f in told)]
    return searched, pairs


def _named(key: str, *claims: Claim) -> str:
    """A conflict's metric in the text's words when the key was cut from the middle of it."""
    told = [_told(c.metric or "") for c in claims]
    if any(key in bare for _, bare in told):
        return key
    return min((words for words, _ in told), key=lambda t: (len(t), t)) or key


@lru_cache(maxsize=4096)
def _told(metric: str) -> tuple[str, str]:
    """A metric as told (simplified), and without punctuation: what :func:`_named` compares a key with."""
    words = simplify(metric)
    return words, _NOT_WORD.sub("", words)
