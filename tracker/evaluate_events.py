"""Scoring the timeline against a list of gold events (FORMAT.md, "京津冀 milestones in 新闻联播").

The gold is one JSON list; each event has a ``date`` (at its ``precision``) and ``mentions``,
the sentences that tell it (``file``, ``quote``).  A timeline entry *finds* a gold event when

* its date agrees with the gold date at the gold's precision (a finer date inside it counts:
  2024-05-12 finds 2024-05), and
* one of its sources, in the mention's file, tells the mention: the two sentences, with
  markup, white space, the broadcast's ``（新闻联播）：`` lead and day stamps such as
  ``今天（2月26日）`` set aside, are one inside the other (at least ``MIN_CONTAINED`` characters)
  or share a run of ``MIN_SHARED_RUN`` characters, and
* the entry is about this event: at least half of its distinct sentences tell one of the
  event's mentions.  An entry lumping unrelated happenings together finds nothing (it is
  counted apart, as ``found_loose``).

Reported: recall; of the events told by more than one mention, how many are one entry (every
finding entry is the same); and, given the gold programme stories (``stories.json``: file,
headline, and for a 快讯 round-up the ``items`` meant), how many timeline entries have a source
inside one of them.  With ``programme`` the timeline is first narrowed to entries with a source
in a piece about that programme, as ``tracker timeline --programme`` shows it, and each gold
story (each named item of a round-up) is looked for among the pieces of its file: found when a
piece has its headline (an item's name), marked when that piece is about the programme.  A
round-up item that is a paragraph rather than a headed item is no piece of its own, and counts
as not marked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Optional

from .errors import BadUsage
from .compare.relevance import article_relevance, find_programme, programmes
from .models import Event
from .read.articles import build_article
from .read.script import simplify

MIN_CONTAINED = 6
MIN_SHARED_RUN = 10

_MARKUP = re.compile(r"<[^>]{1,40}>|[\s\u200b\u200c\u200d\ufeff]+")
# The broadcast's lead and the day stamps every story carries: they say nothing about which event.
_STAMPS = re.compile(r"(?:央视网消息)?[（(]新闻联播[)）][:：]|"
                     r"(?:今天|昨天|昨晚|今晚|前天)?(?:上午|下午|晚上)?[（(]\d{1,2}月\d{1,2}日[)）]")
_HEADLINE = re.compile(r"^### (.+)$", re.M)
_ITEM = re.compile(r"<p><strong>([^<]{2,80})</strong>\s*(?:<br\s*/?>)?\s*</p>")


def is_events_gold(data) -> bool:
    """A list of events, each with its ``mentions``."""
    return isinstance(data, list) and bool(data) and all(isinstance(e, dict) and "mentions" in e for e in data)


def _plain(text: Optional[str]) -> str:
    return simplify(_MARKUP.sub("", text or ""))


def _core(text: Optional[str]) -> str:
    return _STAMPS.sub("", _plain(text))


def tells(sentence: Optional[str], quote: Optional[str]) -> bool:
    """The two sentences tell the same thing (see the module docstring)."""
    a, b = _core(sentence), _core(quote)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if short in long_:
        return len(short) >= MIN_CONTAINED
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= MIN_SHARED_RUN


def date_agrees(predicted: Optional[str], gold: Optional[str]) -> bool:
    """``predicted`` lies inside ``gold``: the same date, or a finer one within it."""
    predicted, gold = str(predicted or ""), str(gold or "")
    return bool(gold) and predicted.startswith(gold)


@dataclass
class EventScore:
    gold_id: str
    date: str
    event: str
    mentions: int
    found: bool
    found_loose: bool
    entries: int  # how many pure entries find it (1 = one entry for every telling)


@dataclass
class EventsScore:
    events: list[EventScore] = field(default_factory=list)
    timeline_entries: int = 0
    in_stories: Optional[int] = None  # entries with a source inside a gold programme story
    files: int = 0
    programme: Optional[str] = None
    stories: list["StoryScore"] = field(default_factory=list)  # gold stories looked for among the pieces

    @property
    def found(self) -> int:
        return sum(e.found for e in self.events)

    @property
    def recall(self) -> float:
        return self.found / len(self.events) if self.events else 0.0

    @property
    def multi(self) -> list[EventScore]:
        """Events told more than once, and found."""
        return [e for e in self.events if e.mentions > 1 and e.found]


def _pure(entry: Event, gold: dict) -> bool:
    sentences = {_plain(s.sentence) for s in entry.sources}
    telling = sum(1 for s in sentences if any(tells(s, m["quote"]) for m in gold["mentions"]))
    return bool(sentences) and 2 * telling >= len(sentences)


def score_event(gold: dict, timeline: list[Event], file_of: dict[int, str]) -> EventScore:
    hits, pure = set(), set()
    for mention in gold["mentions"]:
        for number, entry in enumerate(timeline):
            if not date_agrees(entry.date, gold["date"]):
                continue
            if any(file_of.get(s.article) == mention["file"] and tells(s.sentence, mention["quote"])
                   for s in entry.sources):
                hits.add(number)
                if _pure(entry, gold):
                    pure.add(number)
    return EventScore(gold.get("id", ""), gold["date"], gold.get("event", ""), len(gold["mentions"]),
                      bool(pure), bool(hits), len(pure))


def story_texts(stories: Iterable[dict], text_dir: Path) -> dict[str, list[str]]:
    """File name → the plain texts of its gold programme stories (a round-up: only the named items)."""
    found: dict[str, list[str]] = {}
    for story in stories:
        path = Path(text_dir) / story["file"]
        if not path.is_file():
            raise BadUsage(f"{path}: named by the stories file but not found")
        text = path.read_text("utf-8", errors="replace")
        heads = list(_HEADLINE.finditer(text))
        for i, head in enumerate(heads):
            if head.group(1).strip() != story["headline"].strip():
                continue
            body = text[head.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
            if not story.get("items"):
                found.setdefault(story["file"], []).append(_plain(body))
                continue
            items = list(_ITEM.finditer(body))
            wanted = {_plain(name) for name in story["items"]}
            for j, item in enumerate(items):
                title = _plain(item.group(1))
                if any(title == w or w in title for w in wanted):
                    end = items[j + 1].start() if j + 1 < len(items) else len(body)
                    found.setdefault(story["file"], []).append(_plain(body[item.start():end]))
    return found


@dataclass
class StoryScore:
    file: str
    headline: str  # the story's headline, or the round-up item's name
    found: bool  # a piece has this headline
    relevant: bool  # and that piece is about the programme
    words: str = ""


def story_units(stories: Iterable[dict]) -> list[tuple[str, str]]:
    """(file, headline) of every gold story, a round-up counted by the items it names."""
    return [(story["file"], item) for story in stories for item in (story.get("items") or [story["headline"]])]


def _same_headline(title: Optional[str], wanted: str) -> bool:
    a, b = _plain(title), _plain(wanted)
    return bool(a) and bool(b) and (a == b or len(b) >= MIN_CONTAINED and b in a)


def stories_marked(stories: Iterable[dict], text_dir: Path, programme: str) -> list[StoryScore]:
    """Each gold story: found as a piece of its file, and marked relevant to ``programme`` (or a part)."""
    chosen = find_programme(programme)
    names = {chosen.name, *chosen.parts}
    known = [p for p in programmes() if p.name in names]
    by_file: dict[str, list[tuple[Optional[str], bool, str]]] = {}
    scores = []
    for name, headline in story_units(stories):
        if name not in by_file:
            path = Path(text_dir) / name
            if not path.is_file():
                raise BadUsage(f"{path}: named by the stories file but not found")
            article = build_article(str(path), path.read_bytes(), extract=False)
            marks: dict[int, list] = {}
            for row in article_relevance(article, known):
                if row.piece is not None:
                    mark = marks.setdefault(row.piece, [False, ""])
                    mark[0] = mark[0] or row.relevant
                    mark[1] = mark[1] or row.words
            by_file[name] = [(piece.title, *marks.get(number, (False, "")))
                             for number, piece in enumerate(article.layout.pieces)]
        pieces = [p for p in by_file[name] if _same_headline(p[0], headline)]
        marked = next((p for p in pieces if p[1]), pieces[0] if pieces else None)
        scores.append(StoryScore(name, headline, bool(pieces), bool(marked and marked[1]),
                                 marked[2] if marked else ""))
    return scores


def _inside(sentence: str, texts: list[str]) -> bool:
    head = _plain(sentence)[:40]
    return bool(head) and any(head in text for text in texts)


def score_events(gold: list[dict], timeline: list[Event], file_of: dict[int, str],
                 stories: Optional[dict[str, list[str]]] = None, programme: Optional[str] = None) -> EventsScore:
    """Score ``timeline`` (milestone entries) against ``gold``; ``file_of`` maps article ids to file names."""
    gold = [dict(e, mentions=[m for m in e["mentions"] if not m.get("weak")]) for e in gold]
    gold = [e for e in gold if e["mentions"]]
    timeline = [e for e in timeline if e.kind == "milestone"]
    score = EventsScore([score_event(e, timeline, file_of) for e in gold], len(timeline),
                        files=len({m["file"] for e in gold for m in e["mentions"]}), programme=programme)
    if stories is not None:
        score.in_stories = sum(1 for entry in timeline if any(
            _inside(s.sentence, stories.get(file_of.get(s.article, ""), [])) for s in entry.sources))
    return score


def check_gold(data, name: str) -> list[dict]:
    if not is_events_gold(data):
        raise BadUsage(f"{name}: not an events list (each item needs \"mentions\"); see FORMAT.md")
    for event in data:
        if "date" not in event or not all("file" in m and "quote" in m for m in event["mentions"]):
            raise BadUsage(f"{name}: event {event.get('id', '?')} needs a date and mentions with file and quote")
    return data


def to_json(score: EventsScore) -> dict:
    multi = score.multi
    return {
        "events": len(score.events), "found": score.found, "recall": score.recall,
        "found_loose": sum(e.found_loose for e in score.events),
        "told_more_than_once": len(multi), "one_entry": sum(1 for e in multi if e.entries == 1),
        "timeline_entries": score.timeline_entries, "in_programme_stories": score.in_stories,
        "programme_share": (score.in_stories / score.timeline_entries if score.timeline_entries else 0.0)
        if score.in_stories is not None else None,
        "files": score.files, "programme": score.programme,
        "stories": len(score.stories) if score.stories else None,
        "stories_found": sum(s.found for s in score.stories) if score.stories else None,
        "stories_relevant": sum(s.relevant for s in score.stories) if score.stories else None,
        "stories_missed": [{"file": s.file, "headline": s.headline, "found": s.found, "words": s.words}
                           for s in score.stories if not s.relevant],
        "misses": [{"id": e.gold_id, "date": e.date, "event": e.event, "lumped": e.found_loose}
                   for e in score.events if not e.found],
    }


def report_lines(score: EventsScore, misses: bool = False) -> list[str]:
    data = to_json(score)
    lines = []
    if misses:
        for miss in data["misses"]:
            why = " (found only in an entry that lumps other events in)" if miss["lumped"] else ""
            lines.append(f"MISS {miss['id']} {miss['date']} {miss['event']}{why}")
        for e in score.events:
            if e.found and e.mentions > 1 and e.entries > 1:
                lines.append(f"SPLIT {e.gold_id} {e.date} {e.event}: {e.entries} entries")
        for story in data["stories_missed"] or []:
            why = f"scored {story['words']}" if story["words"] else "never names it"
            lines.append(f"NOT MARKED {story['file']} {story['headline']} "
                         f"({why if story['found'] else 'not a piece of its own'})")
    lines.append(f"events found   {data['found']}/{data['events']} (recall {data['recall']:.3f}; "
                 f"{data['found_loose']} counting entries that lump other events in)")
    lines.append(f"one entry      {data['one_entry']}/{data['told_more_than_once']} of the events told more than once")
    where = f" (--programme {score.programme})" if score.programme else ""
    entries = f"timeline       {data['timeline_entries']} entries{where} from {data['files']} files"
    if data["in_programme_stories"] is not None:
        entries += f", {data['in_programme_stories']} inside programme stories ({data['programme_share']:.3f})"
    lines.append(entries)
    if data["stories"]:
        lines.append(f"stories        {data['stories_relevant']}/{data['stories']} gold programme stories and items "
                     f"marked relevant ({data['stories_relevant'] / data['stories']:.3f}; "
                     f"{data['stories_found']} found as pieces)")
    return lines


def load(path: Path) -> list[dict]:
    try:
        return check_gold(json.loads(Path(path).read_text("utf-8")), str(path))
    except (OSError, ValueError) as error:
        raise BadUsage(f"{path}: not a gold JSON file ({error})") from None
