"""What the store keeps beside an article that depends on the article alone, computed ahead.

Each figure's and target's metric key (:func:`tracker.compare.series.metric_key`) and how
much each piece is about each programme (:func:`tracker.compare.relevance.article_relevance`)
are pure functions of the article.  ``tracker ingest`` has one writer and several readers,
so :func:`prepare` runs in the reader processes, beside the extraction, and the writer
only runs SQL: keyed in the writer, the metric keys alone cost it more than its writes.
The store computes whatever an article arrives without (:func:`metric_keys` for the
claims of ``reextract``), so every path stores the same keys.  Reads no data tables.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from .compare.relevance import article_relevance
from .compare.series import metric_key
from .models import Article, Claim

#: The kinds of claim compared by metric: a target is judged by the figures of its key.
KEYED_KINDS = ("figure", "target")


def prepare(article: Article) -> Article:
    """The article with its claims keyed and its pieces scored, whichever was not yet."""
    keys = article.metric_keys if article.metric_keys is not None else metric_keys(article.claims)
    relevance = article.relevance if article.relevance is not None else article_relevance(article)
    return replace(article, metric_keys=keys, relevance=relevance)


def metric_keys(claims: Iterable[Claim]) -> tuple[Optional[str], ...]:
    """Each claim's metric key, None for a kind that is not keyed."""
    return tuple(metric_key(c.metric, c.subject) if c.kind in KEYED_KINDS else None for c in claims)
