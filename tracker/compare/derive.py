"""What the whole collection says, derived from all claims: merged events, conflicts, target checks.

These answers need Python (merging events told in different words, deciding that two
metrics are the same metric), so SQL views alone cannot give them.  They are computed
here, purely, after each ingest or re-extraction, and the store keeps them in tables
that the Datasette views (``timeline``, ``conflicts``, ``targets_status``) read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from .events import formulation_events, merge_events, target_events
from ..models import Event, StoredClaim
from ..dates import newest
from ..models import Conflict, TargetStatus
from .series import find_conflicts, group_series, target_status


@dataclass(frozen=True)
class Derived:
    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...]
    targets: tuple[TargetStatus, ...]


def derive(claims: Iterable[StoredClaim], published: Iterable[Optional[str]]) -> Derived:
    """Merged milestones, conflicting figures and target statuses for the claims of every article."""
    claims = list(claims)
    milestones = [c for c in claims if c.kind == "milestone"]
    figures = [c for c in claims if c.kind == "figure"]
    targets = [c for c in claims if c.kind == "target"]
    formulations = [c for c in claims if c.kind == "formulation"]
    return Derived(
        events=tuple(merge_events(milestones) + target_events(targets, newest(published))
                     + formulation_events(formulations)),
        conflicts=tuple(find_conflicts(group_series(figures + targets))),
        targets=tuple(target_status(targets, figures, newest(published))),
    )
