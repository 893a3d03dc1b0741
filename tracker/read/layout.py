"""Find the article in a page: title, body, pieces, outlet and byline; mark the furniture.

A web capture is the article plus the page around it: breadcrumbs, share counters,
toolbars, "related news" and hot lists with their own headlines and timestamps,
licence boxes.  The rules here are about the *shape* of lines, with the words that
name furniture kept in ``data/furniture.tsv`` and ``data/bylines.tsv``:

* a line made only of toolbar words, a lone counter, a breadcrumb trail or a licence
  line is furniture wherever it stands;
* a block heading (相关推荐, 热门资讯 …) opens a block that lasts until a real
  paragraph comes back;
* two or more items of one to three short lines each followed by a timestamp are a
  news list, wherever they appear;
* the title is the last line of the first headline group (a kicker above it or a
  column name is not the title; a ——subtitle below it is not either);
* the body runs from the first paragraph to the last line that is not furniture;
* a list of headlines that repeats later headings (1.…；（1）…；) is a table of
  contents wherever it stands, and so is a line naming one (新闻摘要, 本期节目主要内容);
* a new piece starts at a headline followed by a byline (□河北日报记者 袁川) or by a
  dateline paragraph (本报讯 …, 新华社北京5月12日电);
* a headline followed by a bare dateline (央视网消息（新闻联播）：) opens a round-up
  (国内联播快讯): each headline in it followed by a paragraph is an item, a piece of its own;
* a headline standing alone between two furniture lines (查看原文) is a story that came
  without its text: still a piece, so its headline is not read as part of the story before.

Works on the simplified shadow, so one set of words serves traditional text too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple, Optional

from ..extract.fastre import compile_gated, word_trie
from ..knowledge import load_table
from ..models import Layout, Piece

#: A line this long (characters, without spaces) is prose, not a headline.
PARAGRAPH_LENGTH = 60
#: Blank lines that separate one headline group from the next.
GROUP_GAP = 2
#: A byline or toolbar line is never longer than this.
SHORT_LINE = 50
#: A table of contents repeats at least this many later headings.
CONTENTS_ENTRIES = 3
#: Lines inside a table of contents that repeat nothing (a wrapped entry, a sub-list heading).
CONTENTS_GAP = 2

_TIMESTAMP = compile_gated(
    r"(?:发布时间|时间|日期)?[:：]?\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SOURCE_FIELD = compile_gated(r"(?:来源|作者|编辑|责编|浏览次数|阅读)[:：]\s*\S*")
_COUNTER = re.compile(r"^(?:(?:阅读|浏览|点赞|评论|分享|收藏)\s*[:：]?\s*)?\d{1,7}(?:\.\d)?[万wW]?$")
_CRUMB_MARK = re.compile(r"[>›»＞]")
_CRUMB_SEPARATORS = compile_gated(rf"\s*{_CRUMB_MARK.pattern}\s*")
_SENTENCE_END = re.compile(r"[。！？!?]")
_PUNCT = re.compile(r"[\s\d【】\[\]()（）<>《》|｜/\\:：,，.。、·•\-—_=+*#@!！?？'\"“”‘’]+")
_BYLINE = re.compile(
    r"^[□■◆●]?\s*[(（]?\s*(?P<outlet>[\u4e00-\u9fff]{2,10}?)?\s*(?:本报|本台)?(?:特约|实习)?"
    r"(?:记者|通讯员|评论员|作者)\s*[:：]?\s*(?P<names>[^()（）。！？!?]{0,40}?)\s*[)）]?$"
)
_AUTHOR_NOTE = re.compile(r"^[(（]\s*作者(?:系|为|是)[^()（）]+[)）]$")
_INLINE_CREDIT = compile_gated(r"[(（](?P<credit>[^()（）]{0,12}记者[^()（）]{1,40})[)）]\s*$")
_SOURCE_LINE = compile_gated(r"来源[:：]\s*(?P<outlet>[\u4e00-\u9fffA-Za-z]{2,20})")
_NUMBERING = re.compile(r"^(?:\d{1,3}\s*[.、．]|[(（]\s*\d{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、)\s*")
_FONT_SIZES = re.compile(r"[大中小]")  # the 大 中 小 of a font-size toolbar
_CLAUSE_MARK = re.compile(r"[。！？!?，,；;]")
_DATELINE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:社|网|台)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电")
_KEY_DROP = re.compile(r"[\s:：;；。，,、!！?？]+")


class _Line(NamedTuple):  # a tuple: a page has hundreds of lines, made faster than a dataclass
    index: int
    start: int
    end: int
    text: str  # stripped
    blank: bool  # a field, not a property: asked about every line by every pass


@lru_cache(maxsize=None)
def _words_by_role(table: str) -> dict[str, tuple[str, ...]]:
    """A table's words grouped by role, longest first (so a compound wins over its parts)."""
    roles: dict[str, list[str]] = {}
    for row in load_table(table, ("word", "role")):
        roles.setdefault(row["role"], []).append(row["word"])
    return {role: tuple(sorted(found, key=len, reverse=True)) for role, found in roles.items()}


def _furniture_words() -> dict[str, tuple[str, ...]]:
    return _words_by_role("furniture")


def _byline_words() -> dict[str, tuple[str, ...]]:
    return _words_by_role("bylines")


def find_layout(text: str) -> Layout:
    """Locate title, body, pieces, outlet, byline and furniture in ``text`` (simplified)."""
    lines = _lines(text)
    furniture = _furniture_lines(lines)
    first_paragraph = next(
        (ln for ln in lines if ln.index not in furniture and _is_paragraph(ln.text)), None
    )
    if first_paragraph is None:
        content = [ln for ln in lines if not ln.blank and ln.index not in furniture]
        start = content[0].start if content else 0
        end = content[-1].end if content else len(text)
        return Layout(title=None, body_start=start, body_end=end, header_end=start,
                      furniture=_spans(lines, furniture))
    groups = _headline_groups(lines, furniture, first_paragraph.index)
    title = _title_of(groups[0]) if groups else None
    lead_title = _title_of(groups[-1]) if len(groups) > 1 and _adjacent(groups[-1], first_paragraph, lines) else None
    first_paragraph = _empty_stories_above(lines, furniture, first_paragraph)
    body_start = first_paragraph.start
    last = next(ln for ln in reversed(lines) if not ln.blank and ln.index not in furniture)
    body_end = max(last.end, first_paragraph.end)
    pieces = _pieces(lines, furniture, first_paragraph.index, last.index, lead_title or title, body_end)
    kept = [ln for ln in lines if not ln.blank and ln.index not in furniture]
    header = [ln for ln in kept if ln.index < first_paragraph.index]
    body = [ln for ln in kept if first_paragraph.index <= ln.index <= last.index]
    byline = _byline(header, body)
    return Layout(
        title=title,
        body_start=body_start,
        body_end=body_end,
        pieces=pieces,
        outlet=_outlet(header, body, byline),
        byline=byline,
        header_end=body_start,
        furniture=_spans(lines, furniture),
    )


# ------------------------------------------------------------------ lines


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        left = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        lines.append(_Line(index, offset + left, offset + left + len(stripped), stripped, not stripped))
        offset += len(raw) + 1
    return lines


@lru_cache(maxsize=8192)  # asked four or five times about each line
def _length(line: str) -> int:
    # str.split() splits on exactly the characters re's \s matches, without a regex call.
    return len("".join(line.split()))


# The line predicates below are pure and asked several times about the same line (a
# headline is tested as a paragraph, a timestamp and a byline by each pass): cached.
@lru_cache(maxsize=8192)
def _is_paragraph(line: str) -> bool:
    if not line or _is_teaser(line) or is_byline(line):
        return False
    # Headlines use spaces, commas and the odd "!" or "?" but never a full stop.
    return _length(line) > PARAGRAPH_LENGTH or "。" in line or (
        bool(_SENTENCE_END.search(line[-2:])) and "，" in line and _length(line) > 30)


def _is_teaser(line: str) -> bool:
    """A truncated headline or summary from a list (超六成受访青年认为购买潮玩...)."""
    return line.endswith(("...", "…")) and _length(line) < 2 * PARAGRAPH_LENGTH


@lru_cache(maxsize=8192)
def is_timestamp_line(line: str) -> bool:
    """A line that holds a date or time and little else (a source name at most)."""
    match = _TIMESTAMP.search(line)
    if not match:
        return False
    rest = _SOURCE_FIELD.sub("", line[: match.start()] + line[match.end():])
    return _length(rest) <= 12


def _is_counter(line: str) -> bool:
    # A counter ends in its number (\d is any decimal digit) or 万/w: most lines fail at once.
    return (line[-1:].isdecimal() or line[-1:] in ("万", "w", "W")) and bool(_COUNTER.match(line.replace(" ", "")))


def _is_breadcrumb(line: str) -> bool:
    if not _CRUMB_MARK.search(line):  # no separator: one part, never a trail (most lines)
        return False
    parts = _CRUMB_SEPARATORS.split(line)
    return len(parts) >= 3 and all(0 < _length(p) <= 12 for p in parts) or (
        len(parts) == 2 and "首页" in parts[0] and _length(line) <= 30
    )


def _is_toolbar(line: str) -> bool:
    if _length(line) > SHORT_LINE:
        return False
    if not _toolbar_word().search(line):  # most short lines hold none: one scan, not one per word
        return False
    rest, found = line, False
    for word in _furniture_words()["line"]:
        if word in rest:
            rest, found = rest.replace(word, " "), True
    if not found:
        return False
    rest = _PUNCT.sub("", rest)
    rest = _FONT_SIZES.sub("", rest)
    return not rest


def _is_licence(line: str) -> bool:
    return line.startswith(_furniture_words()["prefix"])


@lru_cache(maxsize=1)
def _toolbar_word() -> re.Pattern:
    return compile_gated(word_trie(_furniture_words()["line"]))


@lru_cache(maxsize=1)
def _block_heading() -> re.Pattern:
    words = "|".join(re.escape(w) for w in _furniture_words()["block"])
    return re.compile(rf"^(?:{words}).{{0,4}}$")


def _is_block_heading(line: str) -> bool:
    return len(line) <= 30 and bool(_block_heading().match(_PUNCT.sub("", line)))


def _is_contents_heading(line: str) -> bool:
    """新闻摘要, 本期节目主要内容：, 目录 — a line that names a table of contents."""
    return len(line) <= 30 and _PUNCT.sub("", line) in _furniture_words().get("contents", ())


@lru_cache(maxsize=8192)
def is_byline(line: str) -> bool:
    """A credit line: □河北日报记者 袁川, (河北日报记者 米彦泽), 记者:王强, (作者系…)."""
    if _length(line) > SHORT_LINE or line.endswith(_byline_words()["photo"]):
        return False
    return bool(_BYLINE.match(line) or _AUTHOR_NOTE.match(line))


def _is_original_title(line: str) -> bool:
    return bool(re.match(r"^[(（]?\s*原标题", line))


def _is_subtitle(line: str) -> bool:
    return line.startswith(("——", "—", "--"))


@lru_cache(maxsize=8192)
def _is_headline(line: str) -> bool:
    return bool(line) and not _is_paragraph(line) and not is_timestamp_line(line) and not is_byline(line) \
        and not _is_original_title(line) and _length(line) <= PARAGRAPH_LENGTH and not _is_bare_dateline(line)


# ------------------------------------------------------------------ furniture


def _furniture_lines(lines: list[_Line]) -> set[int]:
    found = {ln.index for ln in lines if ln.text and (
        _is_counter(ln.text) or _is_breadcrumb(ln.text) or _is_toolbar(ln.text) or _is_licence(ln.text))}
    found |= {ln.index for ln in lines if ln.text and _is_contents_heading(ln.text)}
    found |= _blocks(lines)
    found |= _news_lists(lines)
    found |= _contents(lines, found)
    return found


def _heading_key(line: str) -> str:
    """A headline as a table of contents and the heading itself both spell it."""
    return _KEY_DROP.sub("", _NUMBERING.sub("", line))


def _could_be_heading(line: str) -> bool:
    """Short, no sentence inside (a list entry may end in 。 or ；), no dateline opening it."""
    return _length(line) <= 2 * PARAGRAPH_LENGTH and not _SENTENCE_END.search(line[:-1]) \
        and not _starts_with_dateline(line)


def _contents(lines: list[_Line], furniture: set[int]) -> set[int]:
    """Runs of lines that each repeat a later line's headline: a table of contents.

    An entry ending in a colon may run on to the next line (（3）日媒：/岸田内阁…。
    for the heading 日媒：岸田内阁…).  Up to ``CONTENTS_GAP`` lines between two entries
    belong to the list too; a run needs ``CONTENTS_ENTRIES`` entries.  A line met more
    than twice (查看原文 under every story) is furniture or boilerplate, not a heading.
    """
    content = [ln for ln in lines if not ln.blank and ln.index not in furniture]
    keys = [_heading_key(ln.text) if _could_be_heading(ln.text) else "" for ln in content]
    seen = Counter(keys)
    last_at = {key: position for position, key in enumerate(keys) if len(key) >= 4 and seen[key] <= 2}

    def entry(position: int) -> int:
        """How many lines the entry at ``position`` spans (0: not an entry)."""
        key = keys[position]
        if len(key) >= 4 and last_at.get(key, -1) > position:
            return 1
        if content[position].text.endswith(("：", ":")) and position + 1 < len(keys):
            joined = key + keys[position + 1]
            if len(joined) >= 4 and last_at.get(joined, -1) > position + 1:
                return 2
        return 0

    numbered = [bool(_NUMBERING.match(ln.text)) for ln in content]
    found: set[int] = set()
    run: list[tuple[int, int]] = []  # (first, last) content positions of each entry

    def close() -> None:
        if len(run) < CONTENTS_ENTRIES:
            return
        last = run[-1][1]
        listed = {keys[first] for first, _ in run}
        # The list goes on while its lines keep the list's numbering (a sub-list whose
        # stories came without text) or run on from an entry ending in a colon, until
        # the first heading it lists.
        while last + 1 < len(content) and keys[last + 1] not in listed \
                and (numbered[last + 1] or content[last].text.endswith(("：", ":"))):
            last += 1
        found.update(content[i].index for i in range(run[0][0], last + 1))

    position = 0
    while position < len(content):
        span = entry(position)
        if span:
            between = range(run[-1][1] + 1, position) if run else range(0)
            if run and sum(not numbered[i] for i in between) > CONTENTS_GAP:
                close()
                run = []
            run.append((position, position + span - 1))
            position += span
        else:
            position += 1
    close()
    return found


def _blocks(lines: list[_Line]) -> set[int]:
    """From each block heading until a real paragraph comes back."""
    found: set[int] = set()
    inside = False
    for ln in lines:
        if ln.blank:
            continue
        if _is_block_heading(ln.text):
            inside = True
        elif inside and _is_paragraph(ln.text):
            inside = False
        if inside:
            found.add(ln.index)
    return found


def _news_lists(lines: list[_Line]) -> set[int]:
    """Runs of two or more items, each one to three short lines closed by a timestamp."""
    content = [ln for ln in lines if not ln.blank]
    found: set[int] = set()
    run: list[_Line] = []
    items = 0
    pending: list[_Line] = []
    for ln in content:
        if 1 <= len(pending) <= 3 and is_timestamp_line(ln.text):
            run.extend(pending + [ln])
            items += 1
            pending = []
            continue
        if _is_paragraph(ln.text) or len(pending) >= 3:
            if items >= 2:
                found |= {item.index for item in run}
            run, items, pending = [], 0, []
            if _is_paragraph(ln.text):
                continue
        pending.append(ln)
    if items >= 2:
        found |= {item.index for item in run}
    return found


def _spans(lines: list[_Line], furniture: set[int]) -> tuple[tuple[int, int], ...]:
    """Furniture lines as character spans; lines separated only by blank lines merge."""
    spans: list[tuple[int, int]] = []
    previous = None
    for index in sorted(furniture):
        ln = lines[index]
        if previous is not None and all(lines[i].blank for i in range(previous + 1, index)):
            spans[-1] = (spans[-1][0], ln.end)
        else:
            spans.append((ln.start, ln.end))
        previous = index
    return tuple(spans)


# ------------------------------------------------------------------ title and pieces


def _headline_groups(lines: list[_Line], furniture: set[int], stop: int) -> list[list[_Line]]:
    """Headline lines above line ``stop``, grouped by gaps and by non-headline lines."""
    groups: list[list[_Line]] = [[]]
    blanks = 0
    for ln in lines[:stop]:
        if ln.blank:
            blanks += 1
            continue
        if ln.index in furniture or not _is_headline(ln.text):
            groups.append([])
        elif blanks >= GROUP_GAP and groups[-1]:
            groups.append([])
        blanks = 0
        if ln.index not in furniture and _is_headline(ln.text):
            groups[-1].append(ln)
    return [g for g in groups if any(not _is_subtitle(ln.text) for ln in g)]


def _title_of(group: list[_Line]) -> Optional[str]:
    """The main title: the last headline before a ——subtitle (a kicker may stand above it).

    A line ending in a colon introduces what follows (各位代表：, 专家刘文富：) and is
    never the title itself.
    """
    first_subtitle = next((i for i, ln in enumerate(group) if _is_subtitle(ln.text)), len(group))
    heads = [ln for ln in group[:first_subtitle] if not ln.text.endswith(("：", ":"))]
    return heads[-1].text if heads else None


def _adjacent(group: list[_Line], paragraph: _Line, lines: list[_Line]) -> bool:
    """True when only blank lines or a byline stand between the group and the paragraph."""
    between = lines[group[-1].index + 1: paragraph.index]
    return all(ln.blank or is_byline(ln.text) for ln in between)


def _empty_stories_above(lines: list[_Line], furniture: set[int], paragraph: _Line) -> _Line:
    """The first of the stories without text just above the first story, or ``paragraph``.

    A transcript may open with such stories: a headline closed by the line that closes every
    story (查看原文, met more than once), not by a section heading (详细新闻).  They are pieces
    of the body, not part of its header.
    """
    above = [ln for ln in lines[:paragraph.index] if not ln.blank]
    closing = Counter(ln.text for ln in lines if ln.index in furniture)

    def headline(ln: _Line) -> bool:
        return ln.index not in furniture and (_is_headline(ln.text) or _is_long_headline(ln.text))

    position = len(above)
    while position and headline(above[position - 1]):
        position -= 1  # the first story's own headline group
    first = paragraph
    while position >= 2 and above[position - 1].index in furniture and closing[above[position - 1].text] > 1 \
            and headline(above[position - 2]):
        first, position = above[position - 2], position - 2
    return first


def _starts_with_dateline(line: str) -> bool:
    return line.startswith(_byline_words()["dateline"]) or bool(_DATELINE.match(line))


def _is_bare_dateline(line: str) -> bool:
    """A dateline with nothing after it (央视网消息（新闻联播）：): the items follow."""
    return _length(line) <= SHORT_LINE // 2 and line.endswith(("：", ":")) and _starts_with_dateline(line)


def _is_long_headline(line: str) -> bool:
    """A broadcast headline of several clauses (…述职 / …主持会议): long, but no sentence in it."""
    return PARAGRAPH_LENGTH < _length(line) <= 3 * PARAGRAPH_LENGTH and not _CLAUSE_MARK.search(line)


def _pieces(lines: list[_Line], furniture: set[int], first: int, last: int,
            first_title: Optional[str], body_end: int) -> tuple[Piece, ...]:
    starts: list[tuple[int, Optional[str]]] = [(lines[first].start, first_title)]
    body = [ln for ln in lines[first: last + 1] if not ln.blank and ln.index not in furniture]
    # A furniture line (查看原文) between two lines ends a headline group.
    cut = {position for position in range(1, len(body))
           if any(i in furniture for i in range(body[position - 1].index + 1, body[position].index))}
    round_up = False

    def empty_story(position: int) -> bool:
        """A headline alone between two furniture lines (查看原文): its story came without text."""
        text = body[position].text
        return (position == 0 or position in cut) and position + 1 in cut \
            and (_is_headline(text) or _is_long_headline(text))

    if body and empty_story(0):
        starts[0] = (body[0].start, body[0].text)
    for position, ln in enumerate(body):
        if position == 0 or _is_subtitle(ln.text):
            continue
        if empty_story(position):
            starts.append((ln.start, ln.text))
            round_up = False
            continue
        if _is_long_headline(ln.text) and position + 1 < len(body) and position + 1 not in cut \
                and _is_paragraph(body[position + 1].text) and _starts_with_dateline(body[position + 1].text):
            starts.append((ln.start, ln.text))
            round_up = False
            continue
        if not _is_headline(ln.text):
            continue
        if position not in cut and _is_headline(body[position - 1].text) \
                and not _is_paragraph(body[position - 1].text):
            continue  # not the first line of its headline group
        group = [ln]
        following = position + 1
        while following < len(body) and following not in cut and _is_headline(body[following].text) \
                and len(group) < 3:
            group.append(body[following])
            following += 1
        if following >= len(body) or following in cut:
            continue
        after = body[following].text
        if is_byline(after) and following + 1 < len(body) and _is_paragraph(body[following + 1].text) \
                or _is_paragraph(after) and _starts_with_dateline(after):
            starts.append((ln.start, _title_of(group)))
            round_up = False
        elif _is_bare_dateline(after):
            starts.append((ln.start, _title_of(group)))
            round_up = True
        elif round_up and _is_paragraph(after) and len(group) == 1:
            starts.append((ln.start, ln.text))  # an item of the round-up
    pieces = []
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else body_end
        pieces.append(Piece(title=title, start=start, end=end))
    return tuple(pieces)


# ------------------------------------------------------------------ outlet and byline


def _byline(header: list[_Line], body: list[_Line]) -> Optional[str]:
    for ln in header + body[:3]:
        if is_byline(ln.text):
            return _bare_credit(ln.text)
        dateline = _dateline_byline(ln.text)
        if dateline:
            return dateline
    for ln in reversed(body[-3:]):
        if is_byline(ln.text):
            return _bare_credit(ln.text)
        credit = _INLINE_CREDIT.search(ln.text)
        if credit:
            return credit.group("credit").strip()
    return None


def _bare_credit(line: str) -> str:
    line = line.strip("□■◆● ")
    if line[:1] in "(（" and line[-1:] in ")）":
        line = line[1:-1].strip()
    return line


def _dateline_byline(line: str) -> Optional[str]:
    """本报讯 米彦泽 近日… → 本报讯 米彦泽 (the reporter between the dateline and the text)."""
    for word in _byline_words()["dateline"]:
        if line.startswith(word):
            match = re.match(rf"{re.escape(word)}\s*[（(]?(?:记者|通讯员)?\s*([\u4e00-\u9fff]{{2,4}}(?:\s+[\u4e00-\u9fff]{{2,4}})*)\s*(?:[）)]|\s)", line)
            if match:
                return f"{word} {match.group(1)}"
    return None


def _outlet(header: list[_Line], body: list[_Line], byline: Optional[str]) -> Optional[str]:
    """来源 line first, then the outlet a byline names (河北日报记者 …), then a known name up top."""
    for ln in header + body[-3:]:
        source = _SOURCE_LINE.search(ln.text)
        if source and _length(ln.text) <= SHORT_LINE:
            return source.group("outlet")
    match = _BYLINE.match(byline) if byline else None
    if match and match.group("outlet") and not match.group("outlet").startswith("本"):
        return match.group("outlet")
    known = _byline_words()["outlet"]
    for ln in header + body[:3]:
        for name in known:
            if name in ln.text:
                return name
    return next((name for name in known if byline and name in byline), None)
