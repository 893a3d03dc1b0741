"""Build an :class:`Article` from a file's bytes: decode, find the body, date, split, extract.

Everything here is pure: the caller reads the file and stores the result.  Matching
runs on the simplified shadow of the text (same length, same offsets), so rules are
written once for simplified characters and still work on traditional articles.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import replace
from typing import Optional

from ..extract import claims as claims_module
from .dating import date_article
from .layout import find_layout
from ..dates import PartialDate
from ..models import Article, Dating, Layout, Sentence
from .script import detect_script, simplify
from .sentences import split_sentences
from .sources import decode


def content_hash(text: str) -> str:
    """Identity of an article: the SHA-256 of its normalised text, prefixed with the algorithm."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_article(path: str, data: bytes, published: Optional[str] = None, extract: bool = True) -> Article:
    """Turn a file's bytes into a dated article with sentences and (unless ``extract`` is off) claims."""
    decoded = decode(data, path)
    text = decoded.text
    shadow = simplify(text)
    layout = _in_original_script(find_layout(shadow), text, shadow)
    dating = date_article(shadow, layout, decoded.meta_date, published)
    if layout.title is None and decoded.meta_title:
        layout = replace(layout, title=decoded.meta_title)
    sentences = _outside_furniture(split_sentences(text, layout.body_start, layout.body_end, layout.pieces), layout)
    claims = claims_module.extract_sentences(shadow, sentences, _anchor(dating)) if extract else ()
    return Article(
        path=path,
        sha256=content_hash(text),
        text=text,
        simplified=shadow,
        script=detect_script(text, shadow),
        encoding=decoded.encoding,
        format=decoded.format,
        layout=layout,
        dating=dating,
        sentences=sentences,
        claims=tuple(claims),
    )


def reextract(text: str, simplified: str, sentences, published: Optional[str]):
    """Claims for an article already stored, from its stored sentences and date."""
    anchor = PartialDate.parse(published) if published else None
    return tuple(claims_module.extract_sentences(simplified, sentences, anchor))


def _outside_furniture(sentences, layout: Layout):
    """Drop sentences that lie inside page furniture (a related-news box within the body)."""
    starts = [start for start, _ in layout.furniture]

    def inside(sentence) -> bool:
        at = bisect_right(starts, sentence.start) - 1
        return at >= 0 and sentence.end <= layout.furniture[at][1]

    kept = [s for s in sentences if not inside(s)]
    # Built directly: dataclasses.replace per sentence cost more than the rest of this function.
    return tuple(s if s.index == number else Sentence(number, s.start, s.end, s.text, s.piece)
                 for number, s in enumerate(kept))


def _anchor(dating: Dating) -> Optional[PartialDate]:
    return PartialDate.parse(dating.published) if dating.published else None


def _in_original_script(layout: Layout, text: str, shadow: str) -> Layout:
    """Give titles and bylines found in the simplified shadow back their original characters."""

    def original(found: Optional[str]) -> Optional[str]:
        if not found:
            return found
        at = shadow.find(found)
        return text[at:at + len(found)] if at >= 0 else found

    pieces = tuple(replace(piece, title=original(piece.title)) for piece in layout.pieces)
    return replace(layout, title=original(layout.title), outlet=original(layout.outlet),
                   byline=original(layout.byline), pieces=pieces)
