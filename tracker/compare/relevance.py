"""How much each piece of an article is about each programme, and the words that decided it.

A mixed archive (a year of 新闻联播) holds a few stories about a programme among
thousands about something else, and many of those name the programme in passing: a
national story listing 京津冀 among 19 城市群, a weather report naming 雄安, a tour of
Tianjin with one clause on 京津冀协同发展.  A piece is *about* a programme when the
programme is its subject, which shows in where and how often it is named:

* **headline** (3): the piece's title names the programme, one of its bodies or projects;
* **lead** (1): the first sentence of the body names it;
* **share** (up to 3): the share of the body's sentences that name it;
* **members together** (1): one clause names all its member places and no other in their list
  (北京、天津、河北三地, not 北京、天津、河北、山西、河南);
* **headline place** (1): the title names a member place (李强在河北调研) and two or more
  sentences of the body name the programme;
* **own name** (1.5): the body of a short piece (a 快讯 item of ``SHORT_BODY`` sentences or
  fewer) names the programme by its own name or an alias (为京津冀协同发展提供便利): the item
  says what it serves; in a longer piece the lead naming it so counts once more (1): a
  feature opening 推动京津冀协同发展是一个重大国家战略，记者…调研时发现 is about it even when the
  rest tells merchants who moved without naming it again;
* **topic** (0.5 each, up to 1): words of working together (协同, 疏解, 联合, 一卡通) in the
  headline and the sentences that name it or all its member places.

Bodies and projects count only in a piece that names the programme itself somewhere:
大兴机场旅客突破2000万人次 is an airport story.  A name inside a list beside other programmes or
national peers (京津冀、长三角、粤港澳大湾区等城市群; 浦东新区、雄安新区等国家级新区), or opening
such a list (京津冀等地), is a passing mention and counts for nothing.  A region's bare name
(京津冀) is also a label of place — 京津冀地区外贸进出口, 京津冀首条直航南美洲航线 — so a piece
named only by it is about the programme only when words of working together stand beside it
(京津冀三地签署…, 三省市联合开通…).  A piece scoring ``RELEVANT`` or more is about the programme.
A programme's parts (``part_of`` in the table: 雄安新区 of 京津冀协同发展) lend it their terms.

Reads data/programmes.tsv (names, aliases, start dates, parts) and data/programme_terms.tsv
(names, region names, bodies, projects, member places, topic words and national peers).  Pure: text in,
records out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Optional, Sequence

from ..errors import BadData, BadUsage
from ..knowledge import load_table
from ..models import Article, PieceRelevance
from ..read.script import simplify

#: A piece scoring this much is about the programme.
RELEVANT = 3.0
#: A body shorter than this many sentences proves little by its share alone (one sentence of one).
SHORT_BODY = 3
HEADLINE, LEAD, SHARE, TOGETHER, HEADLINE_PLACE, TOPIC, TOPIC_MAX = 3.0, 1.0, 3.0, 1.0, 1.0, 0.5, 1.0
OWN_NAME = 1.5
#: The roles that name the programme itself (a topic or place word alone never does).
CORE_ROLES = ("name", "region", "body", "project")
#: The roles a programme is called by (a body or a project only belongs to it).
NAME_ROLES = ("name", "region")
ROLES = CORE_ROLES + ("place", "topic", "peer")

_CLAUSE = re.compile(r"[^，,。；;：:！!？?（）()\n]+")
#: A name followed by 等 opens a list of places (京津冀等地, 京津冀等19个城市群).
_OPENS_LIST = re.compile(r"等(?:地|省|城市|区域|[\d一二三四五六七八九十]+个)?")


def _longest_first(words) -> tuple[str, ...]:
    # Ties broken by the words themselves: a set's order changes with the hash seed, and with
    # it which of two places a headline was said to name (江苏 or 上海) from one run to the next.
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


@dataclass(frozen=True)
class Programme:
    """A programme with every term it owns or borrows from its parts, by role."""

    name: str
    aliases: tuple[str, ...]
    start: str
    part_of: Optional[str]
    parts: tuple[str, ...]
    terms: dict  # role -> tuple of terms, longest first

    def core(self) -> tuple[str, ...]:
        return self._core

    @cached_property
    def _core(self) -> tuple[str, ...]:
        # Asked for each piece of each article, and sorting the terms each time was a fifth of scoring.
        return _longest_first({t for role in CORE_ROLES for t in self.terms.get(role, ())})


@lru_cache(maxsize=1)
def programmes() -> tuple[Programme, ...]:
    """Every programme of data/programmes.tsv with its terms from data/programme_terms.tsv."""
    rows = load_table("programmes", ("name", "aliases", "start"))
    names = [row["name"] for row in rows]
    own: dict[str, dict[str, set[str]]] = {name: {} for name in names}
    for number, row in enumerate(load_table("programme_terms", ("programme", "term", "role")), start=2):
        if row["role"] not in ROLES:
            raise BadData(f"tracker/data/programme_terms.tsv: row {number} has role {row['role']!r}; "
                          f"use one of {', '.join(ROLES)}")
        if row["programme"] != "*" and row["programme"] not in own:
            raise BadData(f"tracker/data/programme_terms.tsv: row {number} names {row['programme']!r}, "
                          "which is not in programmes.tsv")
        own.setdefault(row["programme"], {}).setdefault(row["role"], set()).add(row["term"])
    parts = {name: tuple(r["name"] for r in rows if r.get("part_of") == name) for name in names}
    found = []
    for row in rows:
        terms: dict[str, set[str]] = {}
        for source in (row["name"],) + _all_parts(row["name"], parts):
            for role, words in own[source].items():
                if role == "place" and source != row["name"]:
                    continue  # a part's places are not the programme's members
                terms.setdefault(role, set()).update(words)
        terms.setdefault("name", set()).add(row["name"])
        found.append(Programme(
            name=row["name"], aliases=tuple(a for a in row["aliases"].split("|") if a), start=row["start"],
            part_of=row.get("part_of") or None, parts=parts[row["name"]],
            terms={role: _longest_first(words) for role, words in terms.items()}))
    return tuple(found)


def _all_parts(name: str, parts: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    found, todo = [], list(parts.get(name, ()))
    while todo:
        part = todo.pop()
        if part not in found and part != name:
            found.append(part)
            todo.extend(parts.get(part, ()))
    return tuple(found)


def find_programme(name: str) -> Programme:
    """The programme a user means: its name, an alias, one of its names, or the start of its name."""
    wanted = simplify(name.strip())
    known = programmes()
    for test in (lambda p: wanted == p.name, lambda p: wanted in p.aliases,
                 lambda p: any(wanted in p.terms.get(role, ()) for role in NAME_ROLES),
                 lambda p: p.name.startswith(wanted)):
        matches = [p for p in known if test(p)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            top = [p for p in matches if p.part_of is None]
            if len(top) == 1:
                return top[0]
    raise BadUsage(f"no programme called {name!r}; `tracker programmes` lists them "
                   f"({', '.join(p.name for p in known)}), and tracker/data/programmes.tsv adds one")


@lru_cache(maxsize=None)
def _pattern(terms: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def _hits(text: str, terms: tuple[str, ...]) -> list[re.Match]:
    pattern = _pattern(terms)
    return list(pattern.finditer(text)) if pattern else []


@lru_cache(maxsize=None)
def _others(name: str) -> tuple[str, ...]:
    """Names that, listed beside this programme's, make its mention a passing one."""
    mine = next(p for p in programmes() if p.name == name)
    related = {mine.name, mine.part_of, *mine.parts}
    words = {t for p in programmes() if p.name not in related for role in NAME_ROLES for t in p.terms.get(role, ())}
    words |= {row["term"] for row in load_table("programme_terms", ("programme", "term", "role"))
              if row["role"] == "peer"}
    words -= set(mine.core())
    return _longest_first(words)


def _passing(text: str, hit: re.Match, others: tuple[str, ...]) -> Optional[str]:
    """The peer this mention is listed beside (京津冀、长三角…), or None when it stands alone."""
    opens = _OPENS_LIST.match(text, hit.end())
    if opens:
        return opens.group()
    for clause in _CLAUSE.finditer(text):
        if not clause.start() <= hit.start() < clause.end():
            continue
        if "、" not in clause.group():
            return None
        offset = clause.start()
        for item in clause.group().split("、"):
            # its own item may carry the list's tail (粤港澳大湾区等19个城市群)
            rest = item.replace(hit.group(), " ") if offset <= hit.start() < offset + len(item) else item
            peer = next((w for w in others if w in rest), None)
            if peer:
                return peer
            offset += len(item) + 1
        return None
    return None


def _named(text: str, programme: Programme, passing: list[str],
           terms: Optional[tuple[str, ...]] = None) -> list[str]:
    """The programme's core terms named in ``text`` not in passing (passing ones go to ``passing``)."""
    found = []
    others = _others(programme.name)
    for hit in _hits(text, terms if terms is not None else programme.core()):
        peer = _passing(text, hit, others)
        if peer:
            passing.append(f"{hit.group()} beside {peer}")
        else:
            found.append(hit.group())
    return found


def _members_together(sentence: str, places: Sequence[str]) -> bool:
    """All member places named in one clause, and no other place in their list.

    北京、天津、河北三地 speaks of the region; 北京、天津、河北、山西、河南 is a list of provinces.
    """
    if len(places) < 2:
        return False
    return any(all(p in clause.group() for p in places) and clause.group().count("、") < len(places)
               for clause in _CLAUSE.finditer(sentence))


def score_piece(title: Optional[str], body: Sequence[str], programme: Programme) -> tuple[float, str]:
    """The score of one piece (its title and body sentences, simplified) and the words that decided it."""
    passing: list[str] = []
    words: list[str] = []
    score = 0.0
    names = tuple(t for role in NAME_ROLES for t in programme.terms.get(role, ()))
    named_at_all = [found for text in [title or "", *body] for found in _named(text, programme, passing, names)]
    if not named_at_all:
        # its projects and bodies alone (大兴机场旅客突破2000万) do not make a story about it
        return 0.0, ("passing " + "; ".join(dict.fromkeys(passing))) if passing else ""
    passing.clear()
    title_terms = _named(title or "", programme, passing)
    if title_terms:
        score += HEADLINE
        words.append("headline " + "、".join(dict.fromkeys(title_terms)))
    named = [_named(sentence, programme, passing) for sentence in body]
    if named and named[0]:
        score += LEAD
        words.append("lead " + "、".join(dict.fromkeys(named[0])))
    naming = sum(1 for found in named if found)
    if body and naming:
        score += SHARE * naming / max(len(body), SHORT_BODY)
        words.append(f"{naming}/{len(body)} sentences")
    own = (programme.name,) + programme.aliases
    if 0 < len(body) <= SHORT_BODY and not title_terms and not (named and named[0]) \
            and any(name in found for found in named for name in own):
        score += OWN_NAME
        words.append("own name in a short piece")
    elif named and any(name in found for found in named[:1] for name in own) and not title_terms:
        score += LEAD
        words.append("lead names it by its own name")
    places = programme.terms.get("place", ())
    together = [s for s in body if _members_together(s, places)]
    if together:
        score += TOGETHER
        words.append("members together")
    if naming >= 2 and places:
        place = next((p for p in places if p in (title or "")), None)
        if place and not title_terms:
            score += HEADLINE_PLACE
            words.append("headline place " + place)
    talking = [s for s, found in zip(body, named) if found] + together + ([title] if title_terms else [])
    topics = sorted({t for sentence in talking for t in programme.terms.get("topic", ()) if t in sentence})
    regions = programme.terms.get("region", ())
    told_by = {t for found in [title_terms, *named] for t in found}
    if told_by and told_by <= set(regions) and not topics:
        # 京津冀地区外贸, 京津冀首条直航航线: the region as the place where something happens
        return 0.0, "; ".join(["label " + "、".join(sorted(told_by)) + " (no words of working together)"]
                              + (["passing " + "; ".join(dict.fromkeys(passing))] if passing else []))
    if topics:
        score += min(TOPIC_MAX, TOPIC * len(topics))
        words.append("topic " + "、".join(topics))
    if passing:
        words.append("passing " + "; ".join(dict.fromkeys(passing)))
    return round(score, 2), "; ".join(words)


def article_relevance(article: Article, known: Optional[Iterable[Programme]] = None) -> tuple[PieceRelevance, ...]:
    """Every piece's score for every programme it names at all (pieces that never name it get no row).

    An article without pieces is scored as one piece (``piece`` None) titled by its title.
    """
    shadow = article.simplified
    known = tuple(known if known is not None else programmes())
    pieces = article.layout.pieces
    found = []
    of_piece: dict[Optional[int], list] = {}
    for sentence in article.sentences:  # one pass: a transcript has dozens of pieces
        of_piece.setdefault(sentence.piece, []).append(sentence)
    units = [(number, piece.title, of_piece.get(number, []))
             for number, piece in enumerate(pieces)] or [(None, article.layout.title, list(article.sentences))]
    for number, title, sentences in units:
        title = simplify(title) if title else None
        body = [shadow[s.start:s.end] for s in sentences]
        if title and body and body[0].strip() == title.strip():
            body = body[1:]
        text = (title or "") + "".join(body)
        for programme in known:
            pattern = _pattern(programme.core())
            if not pattern or not pattern.search(text):
                continue
            score, words = score_piece(title, body, programme)
            if score > 0 or words:
                found.append(PieceRelevance(number, programme.name, score, score >= RELEVANT, words))
    return tuple(found)
