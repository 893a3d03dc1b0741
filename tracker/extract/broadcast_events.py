"""Milestones a broadcast tells around its dates (used by claims.py's sentence loop).

* one sentence, two dates of one event (“2024年…消费季”昨晚（2月22日）启动): one milestone at the finer date;
* an anniversary of a founding act (…战略提出10周年, data/anniversary_verbs.tsv): the words before it;
* an undated event linked (还, 此外: data/continuation_words.tsv) to the day-dated event its
  paragraph opened with: the clause up to its event verb;
* an event's text names its subject: a long head (由…共同举办的“…”专题宣介会今天…举行) gives
  the noun after its last 的, so the text is not a bare 在河北雄安新区举行 or 启动;
* a milestone whose clause looks forward (北京段预计今年年内建成, 今年，他准备在…) is a plan;
* an event told by its verb alone (…，2013年11月建成通水; …，从2002年启动) takes the subject
  the sentence opens with (南水北调东线一期工程从江苏江都抽引长江水 → 南水北调东线一期工程);
* a date after 是 describes (今年是雄安新区设立的第7年, 这是今年首批…): it tells no event of its own.

Reads data/anniversary_verbs.tsv, data/continuation_words.tsv, data/event_verbs.tsv (through
markers.py, with data/target_markers.tsv).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import likeness
from ..dates import PartialDate
from ..knowledge import words
from ..models import Claim, TimeMention
from .clauses import Clause, clause_at
from .markers import _event_verbs, event_clause_end, has_clause_marker
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


#: A subject taken from a long head is at most this long (a named event: “…”专题宣介会).
SUBJECT_LENGTH = 60
_OPEN, _CLOSE = "“《（(「‘", "”》）)」’"
# 这是 / 今年是 / 这也是, then at most a time word before a bracketed date (这是今年（2023年）)
_COPULA = re.compile(r"(?:^|[，,；;：:])[^，,；;：:]{0,3}是(?:[^，,；;：:（(]{1,3}[（(])?$")


def describes(head: str, told: str) -> bool:
    """今年是…的第7年, 这是今年（2023年）首批…: the date sits in a description, not an event."""
    if _COPULA.search(head.rstrip()):
        return True
    # 今年是…: the date opens its clause; 中国星网集团成立于2021年4月，是…: the head tells the event
    opens = not head.strip() or head.rstrip()[-1] in "，,；;：:。"
    return opens and told.lstrip("）)").startswith("是")


def head_subject(head: str) -> Optional[str]:
    """The subject a long head ends with: 由…共同举办的“中国共产党的故事…”专题宣介会 → “…”专题宣介会.

    The noun after the head's last 的 outside quotes and brackets; None when there is none
    or it is too long to be a name.
    """
    depth, cut = 0, None
    for at, char in enumerate(head):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char == "的" and depth == 0:
            cut = at
    subject = head[cut + 1:].strip("，, ") if cut is not None else ""
    return subject if 2 <= len(subject) <= SUBJECT_LENGTH else None


#: How far into the next clause a marker still follows its subject (他准备, 该项目预计).
SUBJECT_AND_MARKER = 6
_QUOTED = re.compile(r"“[^“”]*”?|「[^「」]*」?")


def planned(clauses: list[Clause], at: int, surface: str) -> bool:
    """The clause of the date at ``at`` holds a forward marker outside quotes (强调“努力使…” is what
    was said, not a plan).  When the date stands alone (今年，他准备…), the marker right after the
    next clause's subject counts, not one deep inside it (2024年，国务院对…全力打造…做法予以肯定)."""
    clause = clause_at(clauses, at)
    told = clause.text
    position = clauses.index(clause)
    if len(told.strip("，,。；; ")) <= len(surface) + 1 and position + 1 < len(clauses):
        told += clauses[position + 1].text[:SUBJECT_AND_MARKER]
    told = _QUOTED.sub("", told)
    return has_clause_marker(told) or bool(_will_happen().search(told))


@lru_cache(maxsize=1)
def _will_happen():
    """将 right before an event verb (年底将全线通车, 将正式开通): what is still to come."""
    verbs = "|".join(re.escape(verb) for verb, _ in _event_verbs())
    return re.compile(rf"将(?:全线|正式|全面|陆续|逐步|建成)?(?:{verbs})")


#: An event text this short is its verb alone (启动, 建成通水, 投产以来).
BARE_EVENT = 6
# where the subject gives way to its predicate (…工程从江苏江都抽引长江水, …研究是…项目); 自治区,
# 自贸 and the like are words of the subject
_SUBJECT_END = re.compile(r"是|从|自(?![治贸然主由动行己身愿发信])")
_NOT_A_SUBJECT = re.compile(r"^[\d（(“在从自于由为对与和据记今去明前昨近日此这该其他她它我]")


def sentence_subject(before: str) -> str:
    """The subject a sentence opens with, when its first clause ends before the date (or "")."""
    first = re.split(r"[，,；;：:。]", before, maxsplit=1)
    if len(first) < 2:
        return ""
    head = _SUBJECT_END.split(first[0], maxsplit=1)[0].strip()
    return head if 2 <= len(head) <= 30 and not _NOT_A_SUBJECT.match(head) else ""


def subject_head(head: str, event: str, before: str) -> str:
    """What goes before an event's words so that its text names the subject.

    ``head`` is what is left of the text before the date (at most a clause of 30 characters,
    or longer), ``event`` the words after it, ``before`` the whole sentence before the date.
    """
    if len(head) > 30:
        head = head_subject(head) or ""  # 由…共同举办的“…”宣介会: the noun after its last 的
    opens = head.rstrip().rstrip("在于自从").rstrip()
    if len(event) <= BARE_EVENT and (not opens.strip("，,；;：:") or opens[-1] in "，,；;：:"):
        # the date opens its clause and the verb is alone: …工程从江都抽水，2013年11月建成通水
        head = sentence_subject(before)
    return head
