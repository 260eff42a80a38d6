"""Editors' decisions that two person records are, or are not, one person.

Decisions are append-only rows (who, when, why); undoing one sets its `deleted_at`. Records are
never rewritten: a merged person is the connected component of positive judgements, computed
when read (the lowest id speaks for the cluster), as nomenklatura's resolver does. A negative
judgement keeps a pair out of the duplicates queue for good and refuses a merge that would
join them; different birth dates or genders are never proposed as duplicates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casefile.errors import CasefileError, NotFound
from casefile.names.compare import Context
from casefile.registry import audit
from casefile.registry.clusters import active, clusters, component
from casefile.registry.models import Judgement, NameBlock, Person, utcnow
from casefile.registry.resolve import best_match

MAX_BLOCK = 50  # a block this crowded is a common name, not a lead


@dataclass(frozen=True)
class Candidate:
    left: int
    right: int
    decision: str
    score: float
    reasons: list[str]


def members(s: Session, person_id: int) -> list[int]:
    """Every person id in the cluster of `person_id`, the one that speaks for it first."""
    return component(s, person_id)


def merged_away(s: Session) -> set[int]:
    """Persons shown under another id because an editor merged them."""
    return {p for p, r in clusters(s).items() if p != r}


def _check(s: Session, *ids: int) -> None:
    for pid in ids:
        if s.get(Person, pid) is None:
            raise NotFound(f"no person with id {pid}")


def merge(s: Session, a: int, b: int, user: str, reason: str | None = None) -> Judgement:
    _check(s, a, b)
    left, right = set(members(s, a)), set(members(s, b))
    if left == right:
        raise CasefileError(f"persons {a} and {b} are already one person")
    for j in active(s):
        if j.judgement == "negative" and {j.left_id, j.right_id} & left and \
                {j.left_id, j.right_id} & right:
            raise CasefileError(f"an editor judged persons {j.left_id} and {j.right_id} "
                                "not to be the same; undo that first (casefile persons "
                                "split) or record a new decision")
    return _judge(s, a, b, "positive", user, reason)


def not_same(s: Session, a: int, b: int, user: str, reason: str | None = None) -> Judgement:
    _check(s, a, b)
    cluster = clusters(s)
    if cluster.get(a, a) == cluster.get(b, b):
        raise CasefileError(f"persons {a} and {b} are merged; split them first")
    return _judge(s, a, b, "negative", user, reason)


def split(s: Session, a: int, b: int, user: str, reason: str | None = None) -> int:
    """Withdraw the decisions between a and b (a merge, or a not-same): undoable history."""
    rows = [j for j in active(s) if {j.left_id, j.right_id} == {a, b}]
    if not rows:
        raise CasefileError(f"no decision between persons {a} and {b} to undo")
    for j in rows:
        j.deleted_at = utcnow()
        audit.record(s, user, "undo-judgement", f"judgement:{j.id}", judgement=j.judgement,
                     persons=[a, b], reason=reason)
    return len(rows)


def _judge(s: Session, a: int, b: int, kind: str, user: str, reason: str | None) -> Judgement:
    j = Judgement(left_id=min(a, b), right_id=max(a, b), judgement=kind, user=user,
                  reason=reason)
    s.add(j)
    s.flush()
    audit.record(s, user, "merge" if kind == "positive" else "not-same",
                 f"judgement:{j.id}", persons=[a, b], reason=reason)
    return j


def possible_duplicates(s: Session, limit: int = 100) -> list[Candidate]:
    """Pairs of persons sharing a blocking key whose names compare as same or possible, and
    no editor has ruled on yet: the editors' queue."""
    crowded = select(NameBlock.block).group_by(NameBlock.block).having(
        func.count(NameBlock.person_id) > 1, func.count(NameBlock.person_id) <= MAX_BLOCK)
    groups: dict[str, set[int]] = defaultdict(set)
    for block, pid in s.execute(select(NameBlock.block, NameBlock.person_id)
                                .where(NameBlock.block.in_(crowded))):
        groups[block].add(pid)
    cluster = clusters(s)
    judged = {frozenset((cluster.get(j.left_id, j.left_id), cluster.get(j.right_id, j.right_id)))
              for j in active(s)}
    pairs = {tuple(sorted((a, b))) for ids in groups.values() for a in ids for b in ids if a < b}
    pairs = {(a, b) for a, b in pairs if cluster.get(a, a) != cluster.get(b, b)
             and frozenset((cluster.get(a, a), cluster.get(b, b))) not in judged}
    people = {p.id: p for p in s.scalars(select(Person).where(
        Person.id.in_({x for pair in pairs for x in pair})).options(selectinload(Person.names)))}
    out = []
    for a, b in sorted(pairs):
        pa, pb = people[a], people[b]
        ctx = Context(birth_dates=(pa.birth_date, pb.birth_date), genders=(pa.gender, pb.gender))
        m = max((best_match(n.name, pb, ctx) for n in pa.names), default=None,
                key=lambda x: x.score if x else -1)
        if m is not None and m.decision != "different":
            out.append(Candidate(a, b, m.decision, m.score, m.reasons))
    out.sort(key=lambda c: -c.score)
    return out[:limit]
