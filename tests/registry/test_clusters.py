"""Clusters read for a few persons (clusters(s, of=...), component, in_component) are the
clusters the whole registry's judgements give: the protected set and the person page read
only the judgements that reach the persons they need."""

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.clusters import _COMPONENT, clusters, component, in_component
from casefile.registry.models import Judgement, Person, utcnow


def _registry() -> None:
    """1-2-3 merged in a chain, 4-5 merged then split, 5-6 judged different, 7-8 merged
    with 8 withheld, 9 alone."""
    with db.transaction() as s:
        s.add_all(Person(id=i, display_name=f"Person {i}",
                         publication="withheld" if i == 8 else "public") for i in range(1, 10))
        s.flush()
        for left, right, kind, undone in ((2, 3, "positive", False), (1, 2, "positive", False),
                                          (4, 5, "positive", True), (5, 6, "negative", False),
                                          (7, 8, "positive", False)):
            s.add(Judgement(left_id=left, right_id=right, judgement=kind, user="t",
                            deleted_at=utcnow() if undone else None))


def test_clusters_of_some_persons_are_those_of_the_whole_registry(registry):
    _registry()
    with db.session() as s:
        every = clusters(s)
        assert every == {2: 1, 3: 1, 8: 7}
        assert clusters(s, of=Person.id.in_([3])) == {2: 1, 3: 1}
        assert clusters(s, of=Person.id.in_([1, 9])) == {2: 1, 3: 1}
        assert clusters(s, of=Person.id.in_([4, 5, 6, 9])) == {}
        assert clusters(s, of=Person.publication == "withheld") == {8: 7}
        for pid in range(1, 10):
            root = every.get(pid, pid)
            ids = sorted({root} | {p for p, r in every.items() if r == root})
            assert component(s, pid) == ids
            walked = s.scalars(select(Person.id).where(in_component(Person.id))
                               .order_by(Person.id), {"person": pid}).all()
            assert walked == ids == list(s.scalars(_COMPONENT, {"person": pid}))
