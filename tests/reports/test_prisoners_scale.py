"""The list of many persons: read without naming them all (casefile.reports.prisoners), since a
whole registry's ids, one bound parameter each, are more than PostgreSQL takes at 100,000
persons. Built for everyone at once or for a few hundred at a time (as the kept list is kept,
casefile.reports.list_rows), every row is the same."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from bench.web import generate
from casefile.registry import db
from casefile.registry.models import Case
from casefile.reports.prisoners import SCOPED, held_rows


def test_the_list_of_everyone_has_the_rows_of_each_few(registry):
    generate.generate(registry, SCOPED + 100, (SCOPED + 100) * 4, random.Random(7))
    today = date.today().isoformat()
    with db.session(registry) as s:
        everyone = {r.root: r for r in held_rows(s, "KZ", today)}
        persons = sorted(s.scalars(select(Case.person_id).where(Case.country == "KZ")))
        assert len(persons) > SCOPED  # the whole list is read without naming its persons
        few = {}
        for i in range(0, len(persons), SCOPED // 2):  # each read names its persons
            few.update((r.root, r) for r in held_rows(s, "KZ", today, persons[i:i + SCOPED // 2]))
    assert len(everyone) > SCOPED
    assert sum(r.entry is not None for r in everyone.values()) > SCOPED // 2
    assert few == everyone
