"""The interventions log (issue 15): what editors filed for whom, what is due, every change in
the audit log, and bad input refused with a clear message and nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casefile.errors import CasefileError
from casefile.registry import db, judgements
from casefile.registry import interventions as iv
from casefile.registry.models import AuditEntry, Intervention, Person
from tests.conftest import seed
from tests.helpers import run


def _rows() -> tuple[int, int]:
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(Intervention)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


def _person(name: str) -> int:
    with db.session() as s:
        return iv.person_named(s, name).id


def test_add_update_and_due(registry):
    run("capture", str(seed("002")))
    pid = _person("Marat Zhylanbayev")
    with db.transaction() as s:
        first = iv.add(s, iv.NewIntervention(
            kind="wgad_communication", addressee="UN WGAD", editor="anna", person_id=pid,
            filed="2024-01-10", follow_up="2024-03-01", reference="WGAD/2024/7",
            notes="the family asked us; contact via cousin")).id
        general = iv.add(s, iv.NewIntervention(
            kind="embassy_letter", addressee="Embassy of Germany", editor="anna",
            filed="2024-02-01", follow_up="2024-02-20")).id
        iv.add(s, iv.NewIntervention(kind="appeal", addressee="Supreme Court", editor="anna",
                                     person_id=pid, status="drafted"))
    with db.session() as s:
        assert [r.id for r in iv.due(s, "2024-03-01")] == [general, first]
        assert [r.id for r in iv.due(s, "2024-02-28")] == [general]
        assert {r.id for r in iv.listed(s, pid)} == {first, first + 2}
        assert iv.listed(s)[0].filed is None  # the draft first: nothing filed yet
    with db.transaction() as s:
        iv.update(s, general, "bob", status="closed")
        iv.update(s, first, "bob", follow_up="2024-04-15")
    with db.session() as s:
        assert [r.id for r in iv.due(s, "2024-03-31")] == []
        assert [r.id for r in iv.due(s, "2024-04-15")] == [first]
        row = s.get(Intervention, first)
        assert (row.updated_by, row.follow_up, row.status) == ("bob", "2024-04-15", "filed")
        log = s.scalars(select(AuditEntry).where(AuditEntry.target == f"intervention:{first}")
                        .order_by(AuditEntry.id)).all()
        assert [e.action for e in log] == ["add-intervention", "update-intervention"]
        assert log[1].detail["changes"] == {"follow_up": ["2024-03-01", "2024-04-15"]}
        # The confidential note is the editors' record, not the audit log's.
        assert all("cousin" not in str(e.detail) for e in log)


def test_a_merged_person_lists_the_interventions_of_each_record(registry):
    run("capture", str(seed("002")))
    with db.session() as s:
        a, b = s.scalars(select(Person.id).order_by(Person.id).limit(2)).all()
    with db.transaction() as s:
        iv.add(s, iv.NewIntervention(kind="appeal", addressee="Court", editor="anna",
                                     person_id=b, filed="2024-01-01"))
        judgements.merge(s, a, b, "anna", "same person")
    with db.session() as s:
        assert [r.person_id for r in iv.listed(s, a)] == [b]


@pytest.mark.parametrize("change, message", [
    ({"kind": "telegram"}, "--kind must be one of"),
    ({"status": "lost"}, "--status must be one of"),
    ({"filed": "2024-02-30"}, "--filed must be a date YYYY-MM-DD, not '2024-02-30'"),
    ({"filed": None}, "give the date it was filed"),
    ({"follow_up": "next week"}, "--follow-up must be a date"),
    ({"follow_up": "2023-12-31"}, "is before --filed"),
    ({"addressee": "  "}, "say to whom"),
    ({"editor": ""}, "say who files it"),
    ({"person_id": 999999}, "no person with id 999999"),
    ({"notes": "x" * (iv.MAX_NOTE + 1)}, "--note is at most"),
])
def test_bad_input_is_refused_and_leaves_nothing(registry, change, message):
    run("capture", str(seed("000")))
    before = _rows()
    fields = {"kind": "appeal", "addressee": "Court", "editor": "anna",
              "filed": "2024-01-01", **change}
    with pytest.raises(CasefileError, match=message.replace("(", r"\(")), db.transaction() as s:
        iv.add(s, iv.NewIntervention(**fields))
    assert _rows() == before


def test_bad_updates_change_nothing(registry):
    with db.transaction() as s:
        rid = iv.add(s, iv.NewIntervention(kind="appeal", addressee="Court", editor="anna",
                                           filed="2024-01-10", follow_up="2024-02-01")).id
    before = _rows()
    for kwargs, message in [({"status": "won"}, "--status must be one of"),
                            ({"follow_up": "2024-01-01"}, "before the filing date"),
                            ({"follow_up": "2024-1-5"}, "--follow-up must be a date"),
                            ({}, "give --status or --follow-up")]:
        with pytest.raises(CasefileError, match=message), db.transaction() as s:
            iv.update(s, rid, "bob", **kwargs)
    with pytest.raises(CasefileError, match="no intervention with id 99"), \
            db.transaction() as s:
        iv.update(s, 99, "bob", status="closed")
    assert _rows() == before
    with db.session() as s:
        assert s.get(Intervention, rid).follow_up == "2024-02-01"


def test_a_person_is_named_surely_or_not_at_all(registry):
    run("capture", str(seed("002")))
    with db.session() as s:
        pid = iv.person_named(s, "Marat Zhylanbayev").id
        assert iv.person_named(s, str(pid)).id == pid
        assert iv.person_named(s, "ZHYLANBAYEV Marat").id == pid
        people = s.scalar(select(func.count()).select_from(Person))
        with pytest.raises(CasefileError, match="no registry person is surely 'Ivan Nobody'"):
            iv.person_named(s, "Ivan Nobody")
        with pytest.raises(CasefileError, match="no person with id 99999"):
            iv.person_named(s, "99999")
        # Looking a name up never creates a person or a name.
        assert s.scalar(select(func.count()).select_from(Person)) == people
