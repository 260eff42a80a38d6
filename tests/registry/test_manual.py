"""Facts editors add by hand (issue 14): provenance kept, errors leave nothing, public side says
"entered by editors"; corrections show what the source said and why."""

from sqlalchemy import select

from casefile.names.keys import block_keys
from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim, Event, NameBlock, Person, Source
from casefile.reports.dossier import dossier
from casefile.sources import blobs
from casefile.sources.document import sha256_hex
from tests.conftest import seed
from tests.helpers import counts, run


def _person(name_like: str) -> int:
    with db.session() as s:
        return s.scalars(select(Claim.person_id).where(
            Claim.mention.ilike(f"%{name_like}%"), Claim.person_id.is_not(None))).first()


def _timeline(pid: int):
    with db.session() as s:
        d = dossier(s, pid)
    return d.timeline


def test_an_event_quoted_from_a_source_is_public_as_entered_by_editors(registry):
    run("capture", str(seed("002")), "--trusted")
    pid = _person("ABDULLAYEV")
    with db.session() as s:
        text = s.get(Source, 1).text
    words = " ".join(text[text.index("ABDULLAYEV") - 30:text.index("ABDULLAYEV") + 40].split())
    r = run("claims", "add", "--person", str(pid), "--kind", "event", "--value", "detained",
            "--date", "2024-06", "--source", "1", "--quote", words,
            "--reason", "the court record names him", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.extractor == "editor@1")).one()
        event = s.scalars(select(Event).where(Event.claim_id == claim.id)).one()
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "add-claim")).one()
    assert claim.state == "accepted" and claim.reviewer == "anna"
    assert " ".join(claim.quote.split()) == words and text[claim.start:claim.end] == claim.quote
    assert event.type == "detained" and event.date == "2024-06"
    assert log.actor == "anna" and log.detail["reason"] == "the court record names him"
    item = next(t for t in _timeline(pid) if t.fact.claim_id == claim.id)
    assert item.fact.editors == "entered by editors"
    assert "the court record" not in str(item)  # the reason stays in the log


def test_a_fact_without_a_source_quotes_a_preserved_editors_note(registry):
    run("capture", str(seed("002")), "--trusted")
    pid = _person("ABDULLAYEV")
    r = run("claims", "add", "--person", str(pid), "--kind", "name", "--value",
            "Жаксылык Абдуллаев", "--lang", "ru", "--reason", "family", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        note = s.scalars(select(Source).where(Source.kind == "note")).one()
        person = s.get(Person, pid)
        names = {n.name for n in person.names}
        claim = s.scalars(select(Claim).where(Claim.source_id == note.id)).one()
    assert note.text.startswith("Entered by anna on ") and "Жаксылык Абдуллаев" in note.text
    assert blobs.get(note.sha256) == note.text.encode() == blobs.get(sha256_hex(
        note.text.encode()))
    assert "Жаксылык Абдуллаев" in names and claim.quote == note.text
    with db.session() as s:  # the new form is indexed: a later mention finds the person
        blocked = set(s.scalars(select(NameBlock.block).where(NameBlock.person_id == pid)))
    assert set(block_keys("Жаксылык Абдуллаев")) <= blocked


def test_bad_manual_facts_are_refused_and_leave_nothing(registry):
    run("capture", str(seed("002")), "--trusted")
    pid = str(_person("ABDULLAYEV"))
    before = counts()
    cases = [
        (["--kind", "event", "--value", "detained", "--source", "1", "--quote",
          "words that are not in the source"], "not in the source"),
        (["--kind", "weather", "--value", "x"], "--kind must be one of"),
        (["--kind", "status", "--value", "convicted"], "give --date"),
        (["--kind", "status", "--value", "happy", "--date", "2024"], "a status is one of"),
        (["--kind", "event", "--value", "detained", "--date", "2024-13-01"], "--date must be"),
        (["--kind", "event", "--value", "detained", "--source", "1"], "go together"),
        (["--kind", "charge", "--value", "four hundred"], "an article is a number"),
        (["--kind", "term", "--value", "-3"], "number of months"),
        # a decision abroad is cited by its date; a state must be one the data knows
        (["--kind", "event", "--value", "extradition_decision", "--country", "FR"],
         "give --date"),
        (["--kind", "event", "--value", "extradition_decision", "--date", "2016-12-09",
          "--country", "Absurdistan"], "cannot tell which state 'Absurdistan' is"),
        (["--kind", "name", "--value", "Ж. Абдуллаев", "--country", "FR"],
         "for --kind event only"),
    ]
    for args, message in cases:
        r = run("claims", "add", "--person", pid, *args, "--reason", "r", "--as", "anna")
        assert r.exit_code == 1 and message in r.output, (args, r.output)
    missing = run("claims", "add", "--person", "999999", "--kind", "role", "--value", "victim",
                  "--reason", "r")
    assert missing.exit_code == 1 and "no person with id 999999" in missing.output
    assert counts() == before


def test_an_editor_enters_a_decision_abroad_with_its_states_by_name(registry):
    run("capture", str(seed("002")), "--trusted")
    pid = _person("ABDULLAYEV")
    r = run("claims", "add", "--person", str(pid), "--kind", "event", "--value",
            "extradition_decision", "--date", "2024-02-01", "--country", "Франции",
            "--requesting", "kz", "--reason", "the ruling", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.extractor == "editor@1")).one()
        event = s.scalars(select(Event).where(Event.claim_id == claim.id)).one()
    assert (event.detail["country"], event.detail["requesting_country"]) == ("FR", "KZ")


def test_a_date_corrected_to_unknown_shows_what_the_source_said(registry):
    run("capture", str(seed("002")), "--trusted")
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.predicate == "event",
                                              Claim.date.is_not(None),
                                              Claim.person_id.is_not(None))).first()
        cid, pid, was = claim.id, claim.person_id, claim.date
    r = run("review", "correct", cid, "--date", "unknown", "--reason",
            "the text gives no day", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        new = s.scalars(select(Claim).where(Claim.supersedes == cid)).one()
    assert new.date is None
    item = next(t for t in _timeline(pid) if t.fact.claim_id == new.id)
    assert item.fact.editors == (f"corrected by editors (the source: {claim.value}, {was}): "
                                 "the text gives no day")
