"""Flag, never guess (issue 13, item 2): what cannot be tied to a readable name waits for an
editor, even from a trusted source, and nothing is credited to a neighbour."""

import json

from sqlalchemy import select

from casefile.extract.document import UNREADABLE
from casefile.registry import db, ingest
from casefile.registry.models import AuditEntry, Claim
from tests.helpers import run

LIST = """List of political prisoners in Kazakhstan

1. Bolat Omarov – 6 years of imprisonment under Article 174 of the Criminal Code.
2. Name withheld at the family's request – 2 years of imprisonment under Article 405.
3. Aigul Sadykova – 3 years of imprisonment under Article 274.
"""


def _report():
    out = run("report", "prisoners", "--country", "KZ", "--as-of", "2024-07-01",
              "--format", "json")
    return {p["name"]: p for p in json.loads(out.stdout)["persons"]}


def _capture(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    return run("capture", str(path), "--trusted", "--published", "2024-06-01",
               "--country", "KZ")


def test_trusted_capture_holds_the_unreadable_entry_for_review(registry, tmp_path):
    r = _capture(tmp_path)
    assert r.exit_code == 0
    assert "held for review: " + UNREADABLE in r.stderr and "casefile review --source 1" in r.stderr
    persons = _report()
    omarov = persons["Bolat Omarov"]
    assert omarov["articles"] == ["174"] and omarov["sentence_months"] == [72]
    assert set(persons) == {"Bolat Omarov", "Aigul Sadykova"}
    with db.session() as s:
        flagged = list(s.scalars(select(Claim).where(Claim.person_id.is_(None))))
        capture_log = s.scalars(select(AuditEntry).where(AuditEntry.action == "capture")).one()
    assert {(c.predicate, c.value) for c in flagged} == {
        ("listed", "convicted"), ("sentenced_to", "24"), ("charged_under", "405")}
    assert all(c.state == "proposed" and c.detail["review"] == UNREADABLE for c in flagged)
    assert capture_log.detail["flags"] == [f"3 claim(s) held for review: {UNREADABLE}"]
    shown = run("review", "--source", "1")
    assert f"why: {UNREADABLE}" in shown.stdout


def test_editor_ties_a_flagged_claim_to_a_person(registry, tmp_path):
    _capture(tmp_path)
    with db.session() as s:
        term = s.scalars(select(Claim).where(Claim.person_id.is_(None),
                                             Claim.predicate == "sentenced_to")).one()
        sadykova = s.scalars(select(Claim).where(Claim.mention == "Aigul Sadykova")).first()
        pid = sadykova.person_id
    r = run("review", "correct", term.id[:12], "--person", str(pid), "--reason",
            "the family confirmed", "--as", "anna")
    assert r.exit_code == 0, r.output
    assert 24 in _report()["Aigul Sadykova"]["sentence_months"]
    missing = run("review", "correct", term.id[:12], "--person", "999999")
    assert missing.exit_code != 0 and "no person with id 999999" in missing.output


def test_an_extractor_failure_keeps_the_source_and_says_so(registry, tmp_path, monkeypatch):
    # Fault injection: the extractor raising stands for any bug a hostile text might hit.
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest, "extract", broken)
    path = tmp_path / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    done = ingest.capture(str(path), trusted=True, country="KZ")
    assert done.created and done.claims == 0
    assert done.flags == ("extraction failed (RecursionError): the source is kept without "
                          "claims",)
    with db.session() as s:
        assert s.scalars(select(Claim)).first() is None
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "capture")).one()
    assert log.detail["flags"] == list(done.flags)
