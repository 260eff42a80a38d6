"""Which person records are one person: connected components of editors' merges.

Kept apart from `judgements` (which records decisions) so resolution can read clusters
without importing the code that writes them. The invariant, as in nomenklatura's resolver: the
clusters are a pure function of the active positive judgements.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.registry.models import Judgement


def active(s: Session) -> list[Judgement]:
    """Judgements in force (not withdrawn)."""
    return list(s.scalars(select(Judgement).where(Judgement.deleted_at.is_(None))))


def clusters(s: Session) -> dict[int, int]:
    """person id -> the id that speaks for its cluster (only persons that were merged)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for j in active(s):
        if j.judgement == "positive":
            a, b = find(j.left_id), find(j.right_id)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in parent}
