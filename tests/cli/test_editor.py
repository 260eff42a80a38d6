"""`--as` / CASEFILE_EDITOR: the audit log names the editor who made a change from the
command line, not "cli"; without either, the login name."""

import getpass

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Person
from tests.conftest import seed
from tests.helpers import counts, run


def _actors(action: str) -> list[str]:
    with db.session() as s:
        return [e.actor for e in s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                           .order_by(AuditEntry.id))]


def _two_persons() -> tuple[int, int]:
    with db.session() as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id).limit(2)))
    return ids[0], ids[1]


def test_merge_assess_and_publication_record_the_editor(registry, monkeypatch):
    monkeypatch.delenv("CASEFILE_EDITOR", raising=False)
    run("capture", str(seed("002")), "--trusted", "--as", "aigerim")
    a, b = _two_persons()
    assert run("persons", "merge", str(a), str(b), "--as", "dana").exit_code == 0
    assert run("persons", "assess", str(a), "--country", "KZ", "--decision",
               "political_prisoner", "-c", "a=yes", "--as", "marat").exit_code == 0
    assert run("persons", "publication", str(a), "anonymised", "--as", "saule").exit_code == 0
    assert _actors("capture") == ["aigerim"]
    assert _actors("merge") == ["dana"]
    assert _actors("assess") == ["marat"]
    assert _actors("publication") == ["saule"]


def test_the_environment_names_the_editor_and_as_overrides_it(registry, monkeypatch):
    run("capture", str(seed("002")), "--as", "aigerim")
    a, b = _two_persons()
    monkeypatch.setenv("CASEFILE_EDITOR", "yerlan")
    assert run("persons", "not-same", str(a), str(b)).exit_code == 0
    assert run("persons", "split", str(a), str(b), "--as", "dana").exit_code == 0
    assert run("persons", "publication", str(b), "withheld").exit_code == 0
    assert _actors("not-same") == ["yerlan"]
    assert _actors("undo-judgement") == ["dana"]
    assert _actors("publication") == ["yerlan"]


def test_without_either_the_login_name_is_recorded(registry, monkeypatch):
    monkeypatch.delenv("CASEFILE_EDITOR", raising=False)
    run("capture", str(seed("002")), "--as", "aigerim")
    a, _ = _two_persons()
    assert run("persons", "publication", str(a), "withheld").exit_code == 0
    assert _actors("publication") == [getpass.getuser()]


def test_a_blank_editor_is_not_an_editor(registry, monkeypatch):
    """`--as ""` falls back like no --as at all: an empty actor would hide who acted."""
    monkeypatch.setenv("CASEFILE_EDITOR", "  ")
    run("capture", str(seed("002")), "--as", " ")
    assert _actors("capture") == [getpass.getuser()]


def test_no_name_at_all_is_an_error_and_nothing_is_written(registry, monkeypatch):
    """An account without a login name (a container's bare uid) and no --as: refused."""
    monkeypatch.delenv("CASEFILE_EDITOR", raising=False)

    def no_login() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    r = run("capture", str(seed("002")))
    assert r.exit_code == 1 and "--as NAME or CASEFILE_EDITOR=NAME" in r.output
    assert counts()["sources"] == 0 and counts()["audit_log"] == 0
