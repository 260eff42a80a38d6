"""Which person records are one person: connected components of editors' merges.

Kept apart from `judgements` (which records decisions) so resolution can read clusters
without importing the code that writes them. The invariant, as in nomenklatura's resolver: the
clusters are a pure function of the active positive judgements.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CTE, Integer, Select, bindparam, case, cast, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from casefile.registry.models import Judgement, Person


def active(s: Session) -> list[Judgement]:
    """Judgements in force (not withdrawn)."""
    return list(s.scalars(select(Judgement).where(Judgement.deleted_at.is_(None))))


def clusters(s: Session, of: ColumnElement[bool] | None = None) -> dict[int, int]:
    """person id -> the id that speaks for its cluster (only persons that were merged).
    With `of`, a condition on persons, only the clusters of the persons it selects (and
    every record merged with one): the judgements are walked in SQL from those persons, so
    a caller that needs a few clusters (the protected persons') reads their judgements, not
    every judgement in the registry; the clusters it returns are the same."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for left, right in s.execute(_POSITIVE if of is None else _reaching(of)):
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in parent}


_ACTIVE_POSITIVE = (Judgement.deleted_at.is_(None), Judgement.judgement == "positive")
_POSITIVE = select(Judgement.left_id, Judgement.right_id).where(*_ACTIVE_POSITIVE)


def _reaching(of: ColumnElement[bool]) -> Select[int, int]:
    """The active positive judgements of the components of the persons `of` selects."""
    reached = _walk(select(Person.id).where(of))
    return _POSITIVE.where(Judgement.left_id.in_(select(reached.c.id)))


def _walk(start: Select[Any]) -> CTE:
    """Ids reached from the ids `start` selects through active positive judgements. UNION,
    not UNION ALL, drops ids already reached, so a cycle of merges ends the walk."""
    reached = start.cte("reached", recursive=True)
    other = case((Judgement.left_id == reached.c.id, Judgement.right_id),
                 else_=Judgement.left_id)
    return reached.union(select(other).join(reached, or_(
        Judgement.left_id == reached.c.id, Judgement.right_id == reached.c.id))
        .where(*_ACTIVE_POSITIVE))


# The component of :person, built once: building it costs more than running it.
_REACHED = _walk(select(cast(bindparam("person"), Integer).label("id")))
_COMPONENT = select(_REACHED.c.id).order_by(_REACHED.c.id)


def component(s: Session, person_id: int) -> list[int]:
    """The cluster of `person_id`, the id that speaks for it (the smallest) first: the
    connected component `clusters` puts it in, walked from it in SQL, so that a person page
    does not read every judgement in the registry."""
    return list(s.scalars(_COMPONENT, {"person": person_id}))


def in_component(column: ColumnElement[int] | InstrumentedAttribute[int]
                 ) -> ColumnElement[bool]:
    """`column` is an id of the cluster of the parameter :person (as `component` walks it),
    for a statement that reads a cluster's rows and walks it in the same round trip."""
    return column.in_(select(_REACHED.c.id))
