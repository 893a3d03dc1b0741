"""The derived answers of one bucket: merged events, conflicting figures, target checks.

These answers need Python (merging events told in different words, deciding that two
metrics are the same metric), so SQL views alone cannot give them.  Each is a pure
function of the claims of one bucket (see :mod:`tracker.derived`): the store hands
over a bucket's claims, this module answers, the store keeps the rows that the CLI
views and Datasette's (``timeline``, ``conflicts``, ``targets_status``) read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from ..models import Conflict, Event, Known, StoredClaim, TargetStatus
from .events import formulation_events, merge_events, target_events
from .series import conflicts_among, target_status


@dataclass(frozen=True)
class Derived:
    events: tuple[Event, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    checks: tuple[TargetStatus, ...] = ()


def derive_bucket(bucket: str, claims: Iterable[StoredClaim], known: Optional[Known] = None) -> Derived:
    """The derived rows of one bucket from its (current) claims, and for a figures bucket
    what its last derivation found when only new articles told it since (``known``).

    Target events and checks are made without the newest article in mind: whether a
    target is still ahead moves with every ingest, so the views decide it when read.
    """
    kind = bucket.partition(":")[0]
    claims = list(claims)
    if kind == "m":
        return Derived(events=tuple(merge_events([c for c in claims if c.kind == "milestone"])))
    if kind == "t":
        return Derived(events=tuple(target_events([c for c in claims if c.kind == "target"], None)))
    if kind == "f":
        return Derived(events=tuple(formulation_events([c for c in claims if c.kind == "formulation"])))
    if kind == "c":
        if known is None:
            return Derived(conflicts=tuple(conflicts_among(claims)))
        return Derived(conflicts=tuple(conflicts_among(claims, known.pairs, known.fresh_articles)))
    if kind == "k":
        targets = [c for c in claims if c.kind == "target"]
        figures = [c for c in claims if c.kind == "figure"]
        return Derived(checks=tuple(target_status(targets, figures, None)))
    raise ValueError(f"not a bucket: {bucket!r}")
