"""Editors' review: accept, reject, correct; every decision logged; the list follows."""

import json

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim
from tests.conftest import seed
from tests.helpers import run


def _report(as_of="2023-09-01"):
    out = run("report", "prisoners", "--country", "KZ", "--as-of", as_of, "--format", "json")
    return json.loads(out.stdout)


def _claims(**where):
    with db.session() as s:
        q = select(Claim)
        for k, v in where.items():
            q = q.where(getattr(Claim, k) == v)
        return list(s.scalars(q))


def test_unreviewed_list_publishes_nothing_until_accepted(registry):
    run("capture", str(seed("002")))
    assert _report()["counts"]["total"] == 0
    listing = [c for c in _claims(predicate="listed") if "ABDULLAYEV" in c.mention]
    out = run("review", "--source", "1", "--limit", "5")
    assert "[" in out.stdout and "proposed" not in out.stdout  # quote shown in context
    assert run("review", "accept", listing[0].id[:12], "--as", "anna").exit_code == 0
    persons = _report()["persons"]
    assert [p["name"] for p in persons] == ["Zhaksylyk Abdullayev"]
    # only the accepted claim is public: the charge and the term are still proposed
    assert persons[0]["articles"] == [] and persons[0]["sentence_months"] == []
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "accepted")).all()
    assert [e.actor for e in log] == ["anna"]


def test_reject_withdraws_a_fact_and_correct_supersedes_it(registry):
    run("capture", str(seed("002")), "--trusted")
    term = next(c for c in _claims(predicate="sentenced_to") if "ALIYEV" in c.mention
                and c.extractor.startswith("list-entry"))
    assert run("review", "correct", term.id, "--value", "80", "--reason", "court record",
               "--as", "anna").exit_code == 0
    aliyev = next(p for p in _report()["persons"] if p["name"] == "Rinat Aliyev")
    assert aliyev["sentence_months"] == [80]
    old = _claims(id=term.id)[0]
    new = _claims(supersedes=term.id)[0]
    assert old.state == "rejected" and new.state == "accepted" and new.quote == old.quote
    charge = next(c for c in _claims(predicate="charged_under") if "ALIYEV" in c.mention)
    run("review", "reject", charge.id, "--reason", "wrong article")
    aliyev = next(p for p in _report()["persons"] if p["name"] == "Rinat Aliyev")
    assert aliyev["articles"] == []


def test_unknown_claim_id_is_a_clear_error(registry):
    r = run("review", "accept", "nonexistent")
    assert r.exit_code == 1 and "no claim" in r.output


def test_publication_anonymised_and_withheld_obeyed_in_every_format(registry):
    run("capture", str(seed("002")), "--trusted")
    people = {p["name"]: p["id"] for p in _report()["persons"]}
    run("persons", "publication", str(people["Marat Zhylanbayev"]), "withheld")
    run("persons", "publication", str(people["Duman Mukhametkarim"]), "anonymised")
    report = _report()
    assert report["counts"]["total"] == 46
    hidden = next(p for p in report["persons"] if p["name"] == "Name withheld")
    assert hidden["id"] is None and hidden["sources"] == [] and hidden["list_number"] is None
    for fmt in ("md", "html", "csv", "json"):
        out = run("report", "prisoners", "--country", "KZ", "--as-of", "2023-09-01",
                  "--format", fmt).stdout
        for secret in ("Zhylanbayev", "ZHYLANBAYEV", "Mukhametkarim", "MUKHAMETKARIM"):
            assert secret not in out, (fmt, secret)


def test_pace_assessment_puts_a_person_on_the_list_and_can_take_them_off(registry):
    run("capture", str(seed("002")), "--trusted")
    # "In June 2023, Aidos Ilipbayev ... was released from the pre-trial detention facility
    # and placed under house arrest." He is not on the publisher's list.
    assert "Aidos Ilipbayev" not in {p["name"] for p in _report()["persons"]}
    persons = [json.loads(x) for x in run("persons", "--json").stdout.splitlines()]
    ilipbayev = next(p for p in persons if p["name"] == "Aidos Ilipbayev")["id"]
    r = run("persons", "assess", str(ilipbayev), "--country", "KZ",
            "--decision", "political_prisoner", "-c", "a=yes", "-c", "e=yes:unfair trial")
    assert r.exit_code == 0, r.output
    entry = next(p for p in _report()["persons"] if p["name"] == "Aidos Ilipbayev")
    assert entry["status"] == "house_arrest"
    assert _report()["counts"]["total"] == 48
    run("persons", "assess", str(ilipbayev), "--country", "KZ", "--decision", "not")
    assert _report()["counts"]["total"] == 47
    bad = run("persons", "assess", str(ilipbayev), "--country", "KZ",
              "--decision", "political_prisoner", "-c", "f=yes")
    assert bad.exit_code == 1 and "unknown PACE criterion" in bad.output


def test_a_second_correction_replaces_the_first_and_bad_values_are_refused(registry):
    run("capture", str(seed("002")), "--trusted")
    term = next(c for c in _claims(predicate="sentenced_to") if "ALIYEV" in c.mention
                and c.extractor.startswith("list-entry"))
    run("review", "correct", term.id, "--value", "72", "--as", "ed1")
    run("review", "correct", term.id, "--value", "66", "--as", "ed2")
    aliyev = next(p for p in _report()["persons"] if p["name"] == "Rinat Aliyev")
    assert aliyev["sentence_months"] == [66]
    assert [c.value for c in _claims(supersedes=term.id, state="accepted")] == ["66"]
    for args in (["--value", "five years"], ["--date", "last week"]):
        r = run("review", "correct", term.id, *args)
        assert r.exit_code == 1 and r.output.startswith("error:"), r.output
    event = next(c for c in _claims(predicate="event"))
    assert run("review", "correct", event.id, "--value", "bogus_type").exit_code == 1
    assert _report()["counts"]["total"] == 47  # the list still builds


def test_a_correction_keeps_a_confidential_claim_confidential(registry):
    run("capture", str(seed("002")), "--trusted")
    term = next(c for c in _claims(predicate="sentenced_to") if "ABDULLAYEV" in c.mention)
    with db.transaction() as s:
        s.get(Claim, term.id).confidential = True
    run("review", "correct", term.id, "--value", "72")
    entry = next(p for p in _report()["persons"] if p["name"] == "Zhaksylyk Abdullayev")
    assert entry["sentence_months"] == []
    assert _claims(supersedes=term.id)[0].confidential


def test_an_unreviewed_list_cannot_set_the_public_category(registry, tmp_path):
    run("capture", str(seed("002")), "--trusted")
    (tmp_path / "l.txt").write_text(
        "List of political prisoners\nCONVICTED\nTerrorists and extremists\n"
        "1. Zhaksylyk ABDULLAYEV – 5 years' imprisonment under Article 272.\n")
    run("capture", str(tmp_path / "l.txt"), "--published", "2023-08-30")
    entry = next(p for p in _report()["persons"] if p["name"] == "Zhaksylyk Abdullayev")
    assert entry["category"] == "In cases related to January’s peaceful protests"


def test_merging_with_a_withheld_or_anonymised_record_hides_the_merged_person(registry):
    run("capture", str(seed("002")), "--trusted")
    run("capture", str(seed("001")))
    people = {p["name"]: p["id"] for p in
              (json.loads(x) for x in run("persons", "--json").stdout.splitlines())}
    listed, other = people["Zhaksylyk Abdullayev"], people["Vladimir Kozlov"]
    run("persons", "publication", str(other), "withheld")
    run("persons", "merge", str(other), str(listed))
    names = {p["name"] for p in _report()["persons"]}
    assert "Vladimir Kozlov" not in names and "Zhaksylyk Abdullayev" not in names
    run("persons", "publication", str(other), "anonymised")
    report = _report()
    shown = [p for p in report["persons"] if p["name"] == "Name withheld"]
    assert len(shown) == 1 and shown[0]["id"] is None and shown[0]["sources"] == []
    assert min(other, listed) not in {p["id"] for p in report["persons"]}


def test_report_prisoners_as_pdf_from_the_cli(registry, tmp_path):
    import io

    import pypdf

    run("capture", str(seed("002")), "--trusted")
    target = tmp_path / "list.pdf"
    r = run("report", "prisoners", "--country", "KZ", "--as-of", "2023-09-01", "--format",
            "pdf", "--output", str(target))
    assert r.exit_code == 0, r.output
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Political prisoners in KZ as of 2023-09-01" in " ".join(text.split())
    assert "Abdullayev" in text
