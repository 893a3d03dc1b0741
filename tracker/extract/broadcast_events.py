"""Milestones a broadcast tells around its dates (used by claims.py's sentence loop).

* one sentence, two dates of one event (“2024年…消费季”昨晚（2月22日）启动): one milestone at the finer date;
* an anniversary of a founding act (…战略提出10周年, data/anniversary_verbs.tsv): the words before it;
* an undated event linked (还, 此外: data/continuation_words.tsv) to the day-dated event its
  paragraph opened with: the clause up to its event verb.

Reads data/anniversary_verbs.tsv, data/continuation_words.tsv.
"""

from __future__ import annotations

from typing import Optional

from .. import likeness
from ..dates import PartialDate
from ..knowledge import words
from ..models import Claim, TimeMention
from .markers import event_clause_end, has_clause_marker
from .metrics import _short

_RANK = {"day": 3, "month": 2, "year": 1}


def most_precise_per_event(claims: list[Claim], surfaces: list[str]) -> list[Claim]:
    """“2024年…消费季”昨晚（2月22日）在北京启动: two dates of one sentence telling one event
    (dates that agree, event texts alike once the sentence's time words are taken out) are one
    milestone at the more precise date."""
    def grams(claim: Claim) -> frozenset[str]:
        text = claim.event or ""
        for surface in sorted(surfaces, key=len, reverse=True):
            text = text.replace(surface, "")
        return likeness.bigrams(text)

    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: -_RANK.get(c.precision or "", 0)):
        date = PartialDate.parse(claim.date) if claim.date else None
        if date is not None and any(
                other.date and PartialDate.parse(other.date).agrees(date)
                and likeness.jaccard(grams(other), grams(claim)) >= 0.5
                for other in kept):
            continue
        kept.append(claim)
    return sorted(kept, key=lambda c: c.start)



def anniversary_text(text: str, clause_start: int, mention: TimeMention, times: list[TimeMention]) -> Optional[str]:
    """The founding act an anniversary counts from (京津冀协同发展重大国家战略提出), or None."""
    head = text[clause_start:mention.start]
    for t in times:  # 今年是…: the sentence's own time is not part of the event
        if clause_start <= t.start and t.end <= mention.start and t is not mention:
            head = head.replace(t.surface, "", 1)
    head = _short(head.lstrip("是为，, ").rstrip("的 "), limit=None)
    if len(head) < 4 or not head.endswith(tuple(words("anniversary_verbs"))):
        return None
    return head


def carried_event_text(text: str) -> Optional[tuple[int, int, int, str]]:
    """(link start, link end, event clause end, event text) of a sentence linked to its paragraph's lead."""
    clause_end = event_clause_end(text)
    if clause_end is None:
        return None
    told = text[:clause_end]
    link = min(((at, word) for word in words("continuation_words") if (at := told.find(word)) >= 0), default=None)
    if link is None or has_clause_marker(told):
        return None
    at, word = link
    return at, at + len(word), clause_end, _short(told[at + len(word):] if told.startswith(word) else told, limit=None)
