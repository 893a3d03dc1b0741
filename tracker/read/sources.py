"""Read a file's bytes into normalised text: encoding, line endings, markup.

Real collections hold UTF-8 with and without a BOM, UTF-16 from Windows tools, GBK
pages saved by old browsers, Big5 from Taiwan and Hong Kong sites, HTML captures,
Markdown notes and text pasted with stray ``<p>`` tags.  Everything becomes plain
text with ``\\n`` line breaks; what cannot become text is refused with a reason the
user can act on (:class:`UnreadableFile`).
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache
from typing import Optional

from ..errors import UnreadableFile
from ..models import Decoded

#: Refuse files above this size: a 16 MB capture is not one article (the seeds are 5-14 kB),
#: and extracting it would take most of a minute (see bench/ingest.py for the rate).
MAX_BYTES = 16 * 1024 * 1024

#: Bytes sampled to choose between GB18030 and Big5; decoding then runs on the whole file.
DETECT_SAMPLE = 64 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

#: File signatures worth naming in the error, so the user knows what they fed in.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)

_CHINESE_LEGACY = ("gb18030", "big5")

#: Share of a BOM-less UTF-16 reading that must be Chinese (the unified block), ASCII,
#: Latin-1 or CJK, full-width and general punctuation; and share of its Chinese characters
#: that must be common ones (real text: 99%; byte-swapped text or binary data: under 50%).
UTF16_PLAUSIBLE = 0.9
UTF16_COMMON_HAN = 0.8
_PLAUSIBLE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\xa0-\xff\t\n\r]")

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# A zero-width character alone on a line, between two halves of a word or number
# (captures split "74.4万亿元" as "74.4\n\u200b\n万亿元"): the whole gap goes.
_ZW_JOIN = re.compile(rf"(?<=[^\s。！？!?；;：:…])[ \t]*\n[ \t]*[{_ZERO_WIDTH}]+[ \t]*\n[ \t]*(?=\S)")
_ZW_ANY = re.compile(f"[{_ZERO_WIDTH}]+")

_INLINE_TAG = re.compile(
    r"</?(?:p|br|div|span|strong|b|em|i|u|a|font|section|h[1-6]|li|ul|ol|blockquote|img)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_END_TAG = re.compile(r"<br\s*/?>|</(?:p|div|section|h[1-6]|li|blockquote)\s*>", re.IGNORECASE)
_HTML_DOC = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b)", re.IGNORECASE)

_DATE_META = re.compile(
    r"<meta\s[^>]*(?:name|property|itemprop)\s*=\s*[\"']"
    r"(?:article:published_time|og:article:published_time|pubdate|publishdate|publish_date|"
    r"datePublished|dc\.date|dc\.date\.issued|date|PubDate|firstpublishedtime)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"(\d{4})[-/年.](\d{1,2})(?:[-/月.](\d{1,2}))?")


def decode(data: bytes, name: str) -> Decoded:
    """Return the text of a file's bytes, or raise :class:`UnreadableFile` naming why not."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(
            name, f"too large ({len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB): split it into articles"
        )
    if not data.strip():
        raise UnreadableFile(name, "empty file: nothing to read")
    text, encoding = _to_text(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = _format_of(name, text)
    meta_title = meta_date = None
    if kind == "html":
        text, meta_title, meta_date = _from_html(text)
    elif kind == "markdown":
        text = _from_markdown(text)
    if _INLINE_TAG.search(text):
        text = _strip_inline_tags(text)
    text, joins = remove_zero_width(text)
    if not text.strip():
        raise UnreadableFile(name, f"no text found in this {kind} file")
    return Decoded(text=text, encoding=encoding, format=kind, meta_title=meta_title, meta_date=meta_date,
                   joins=joins)


def remove_zero_width(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Drop zero-width characters, joining the word or number they split across lines.

    Returns the text and the map of removals: (offset in the new text, characters
    removed just before it), which :func:`original_offset` uses to point back.
    """
    if not any(mark in text for mark in _ZERO_WIDTH):  # both patterns need one
        return text, ()
    joins: list[tuple[int, int]] = []
    pieces: list[str] = []
    cursor = removed = 0
    spans = sorted({m.span() for m in _ZW_JOIN.finditer(text)} | {m.span() for m in _ZW_ANY.finditer(text)})
    for start, end in spans:
        if start < cursor:  # a bare zero-width run inside a join already removed
            continue
        pieces.append(text[cursor:start])
        removed_here = end - start
        joins.append((start - removed, removed_here))
        removed += removed_here
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), tuple(joins)


def original_offset(offset: int, joins: tuple[tuple[int, int], ...]) -> int:
    """Offset in the text before zero-width removal of ``offset`` in the text after it."""
    return offset + sum(count for at, count in joins if at <= offset)


def _to_text(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError:
                raise UnreadableFile(name, f"cannot decode: the file starts with a {codec} mark but is not {codec}")
    head = data[:8192]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise UnreadableFile(name, f"binary file ({what}), not text: convert it to .txt or .html first")
    if b"\x00" in head:
        bare_utf16 = _utf16_without_bom(data)
        if bare_utf16:
            return bare_utf16
        raise UnreadableFile(name, "binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese UTF-16 with no ASCII at all has no NUL byte either.
    found = _utf16_without_bom(data) or _first_readable(data, _legacy_candidates(data))
    if found:
        return found
    raise UnreadableFile(name, "cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5 text")


def _utf16_without_bom(data: bytes) -> Optional[tuple[str, str]]:
    """UTF-16 saved without a byte-order mark, little- or big-endian.

    The NULs of ASCII do not tell the order: Chinese text has few of them.  The order that
    decodes strictly into mostly Chinese, ASCII and punctuation wins; byte-swapped text
    and binary data come out as other scripts, private use or unpaired surrogates.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best: Optional[tuple[float, str, str]] = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        share = len(_PLAUSIBLE.findall(sample)) / len(sample)
        if share < UTF16_PLAUSIBLE or not _looks_like_text(text):
            continue
        han = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"]
        common = sum(ch in _common_han() for ch in han) / len(han) if han else 1.0
        if common >= UTF16_COMMON_HAN and (best is None or share > best[0]):
            best = (share, text, codec)
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The level-1 characters of GB2312 and Big5: the few thousand that make up most Chinese text."""
    found = set()
    for codec, leads, trails in (("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
                                 ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])):
        for lead in leads:
            for trail in trails:
                try:
                    found.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(found)


def _first_readable(data: bytes, codecs) -> Optional[tuple[str, str]]:
    """The first of ``codecs`` that decodes ``data`` into plausible text, with its name."""
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, codec
    return None


def _legacy_candidates(data: bytes) -> list[str]:
    """GB18030 and Big5 in the order charset-normalizer finds more plausible for this file."""
    from charset_normalizer import from_bytes

    sample = data[:DETECT_SAMPLE]
    if len(data) > DETECT_SAMPLE and b"\n" in sample:
        # Cut at a line break: 0x0A is never a trail byte in GBK or Big5.
        sample = sample[: sample.rindex(b"\n") + 1]
    best = from_bytes(sample, cp_isolation=["gb18030", "big5"]).best()
    first = best.encoding if best is not None else "gb18030"
    first = "big5" if "big5" in first or "cp950" in first else "gb18030"
    return [first] + [c for c in _CHINESE_LEGACY if c != first]


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(sample) // 100


def _format_of(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml", ".shtml")) or _HTML_DOC.match(text):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def _from_html(page: str) -> tuple[str, Optional[str], Optional[str]]:
    """Main text, title and publication date of an HTML page."""
    import trafilatura

    meta_date = _meta_date(page)
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    text = (found.get("text") or "").strip()
    title = (found.get("title") or "").strip() or None
    # trafilatura's own date guess may come from a "related news" list: only the
    # page's date metadata counts as explicit.
    if not text:
        text = _strip_all_tags(page)
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    # trafilatura separates paragraphs by one line break; a blank line reads better.
    text = re.sub(r"\n+", "\n\n", text)
    return text, title, meta_date


def _meta_date(page: str) -> Optional[str]:
    for tag in _DATE_META.finditer(page[:200000]):
        content = _CONTENT.search(tag.group(0))
        if content and _iso(content.group(1)):
            return _iso(content.group(1))
    return None


def _iso(value: Optional[str]) -> Optional[str]:
    match = _ISO_PREFIX.search(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12):
        return None
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _strip_all_tags(page: str) -> str:
    """Last resort when trafilatura finds no main text: every tag goes, scripts and styles whole."""
    page = re.sub(r"(?is)<(script|style|head|noscript)\b.*?</\1\s*>", "", page)
    page = _BLOCK_END_TAG.sub("\n", page)
    page = re.sub(r"(?s)<!--.*?-->|<[^>]*>", "", page)
    return re.sub(r"\n{3,}", "\n\n", html_lib.unescape(page).replace("\xa0", " ")).strip()


def _strip_inline_tags(text: str) -> str:
    text = _BLOCK_END_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = html_lib.unescape(text).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", text)


# (what a match must contain, one of them; pattern; replacement): a rule whose marks are
# absent from the text is skipped without a scan.
_MD_RULES = (
    (("](",), re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (("](",), re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (("#",), re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),  # heading marks
    ((">",), re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (("-", "*", "+"), re.compile(r"^\s*[-*+]\s+(?=\S)", re.M), ""),  # bullet marks
    (("**", "__"), re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (("*",), re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italic
    (("---", "***", "___"), re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),  # rules
)


def _from_markdown(text: str) -> str:
    for needed, pattern, replacement in _MD_RULES:
        if any(part in text for part in needed):
            text = pattern.sub(replacement, text)
    return text
