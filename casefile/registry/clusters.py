"""Which person records are one person: connected components of editors' merges.

Kept apart from `judgements` (which records decisions) so resolution can read clusters
without importing the code that writes them. The invariant, as in nomenklatura's resolver: the
clusters are a pure function of the active positive judgements.
"""

from __future__ import annotations

from sqlalchemy import Integer, Select, bindparam, case, cast, or_, select
from sqlalchemy.orm import Session
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
    reached = select(Person.id).where(of).cte("reached", recursive=True)
    other = case((Judgement.left_id == reached.c.id, Judgement.right_id),
                 else_=Judgement.left_id)
    reached = reached.union(select(other).join(reached, or_(
        Judgement.left_id == reached.c.id, Judgement.right_id == reached.c.id))
        .where(*_ACTIVE_POSITIVE))
    return _POSITIVE.where(Judgement.left_id.in_(select(reached.c.id)))


def _component() -> Select[int]:
    """Ids reached from :person through active positive judgements, the smallest first.
    UNION, not UNION ALL, drops ids already reached, so a cycle of merges ends the walk."""
    reached = select(cast(bindparam("person"), Integer).label("id")).cte("reached",
                                                                          recursive=True)
    other = case((Judgement.left_id == reached.c.id, Judgement.right_id),
                 else_=Judgement.left_id)
    step = (select(other)
            .join(reached, or_(Judgement.left_id == reached.c.id,
                               Judgement.right_id == reached.c.id))
            .where(*_ACTIVE_POSITIVE))
    reached = reached.union(step)
    return select(reached.c.id).order_by(reached.c.id)


_COMPONENT = _component()  # built once: building it costs more than running it


def component(s: Session, person_id: int) -> list[int]:
    """The cluster of `person_id`, the id that speaks for it (the smallest) first: the
    connected component `clusters` puts it in, walked from it in SQL, so that a person page
    does not read every judgement in the registry."""
    return list(s.scalars(_COMPONENT, {"person": person_id}))
