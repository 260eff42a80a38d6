"""The protected set (casefile.registry.redact.protected) is kept per registry version; a
transaction that has logged a change reads its own, uncommitted version, which after a
rollback the next committed change is given (SQLite hands out the next rowid again): a set
kept under it would then speak for another registry state."""

from __future__ import annotations

from sqlalchemy import select

from casefile.registry import audit, db, redact
from casefile.registry.ingest import ingest
from casefile.registry.models import Person
from casefile.registry.person_edit import publication, set_publication
from casefile.sources.load import load_bytes


def test_a_rolled_back_unprotection_does_not_unprotect(registry):
    ingest(load_bytes(b"Kazakhstan: activist Aigul Omarova was detained by the police on "
                      b"2 March 2024, her lawyer said.\n", origin="a.txt"),
           trusted=True, country="KZ", published="2024-03-08", actor="test")
    with db.transaction() as s:
        pid = s.scalars(select(Person.id)).one()
        set_publication(s, pid, publication("withheld"), "test")
    with db.session() as s:
        assert pid in redact.protected(s).ids
    with db.session() as s:  # made public, looked at, then abandoned
        set_publication(s, pid, publication("public"), "test")
        s.flush()
        assert pid not in redact.protected(s).ids  # the transaction sees its own change
        s.rollback()
    with db.transaction() as s:  # another change: the next version, the abandoned one's number
        audit.record(s, "test", "note", "registry", note="unrelated")
    with db.session() as s:
        assert pid in redact.protected(s).ids
