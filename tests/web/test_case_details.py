"""Case details end to end (issue 14): read from a captured story, entered by an editor (CLI
and form, with role and CSRF rules), shown with their quotes on the dossier, the person page
and its JSON twin, and filling the list's Region filter, which then filters."""

from __future__ import annotations

from sqlalchemy import func, select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import AuditEntry, Claim, Person
from casefile.reports.dossier import dossier
from casefile.web import listing
from tests.helpers import run
from tests.web.conftest import add_user, csrf_of, login


def _held(s) -> tuple[int, str, list[int]]:
    """A person the list holds today (id, name) and every held person's id."""
    full = listing.full_list(s, "KZ", listing.today())
    ids = [e.person_id for e in full.entries if e.person_id is not None]
    first = next(e for e in full.entries if e.person_id is not None)
    return first.person_id, first.name, ids


def _story(tmp_path, name: str) -> str:
    """Ours: a verdict story about a person of the list."""
    path = tmp_path / "verdict.txt"
    path.write_text(
        f"Pavlodar, 2 June 2024. The Pavlodar City Court sentenced {name} to five "
        f"years in prison. Judge Aigul Sultanbekova read the verdict. {name} is held in "
        f"pre-trial detention centre (SIZO) No. 1 of Pavlodar.\n", encoding="utf-8")
    return str(path)


def test_details_of_a_story_reach_the_dossier_the_page_and_the_region_filter(client, tmp_path):
    with db.session() as s:
        pid, name, held = _held(s)
        persons_before = s.scalar(select(func.count()).select_from(Person))
    capture(_story(tmp_path, name), trusted=True, country="KZ", publisher="Ours")
    with db.session() as s:
        added = set(s.scalars(select(Person.display_name).order_by(Person.id)
                              .offset(persons_before)))
        d = dossier(s, pid)
        judge_id = s.scalar(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.mention == "Aigul Sultanbekova"))
        judge_roles = set(s.scalars(select(Claim.value).where(
            Claim.predicate == "role", Claim.person_id == judge_id)))
    assert added == {"Aigul Sultanbekova"}  # the judge's own record; details make no one
    assert judge_roles == {"official"}
    fields = {c.field: c for c in d.case.details}
    assert fields["court"].value == "Pavlodar City Court"
    assert fields["court"].region == "Pavlodar Region"
    assert "Pavlodar City Court" in fields["court"].fact.quote
    assert fields["judge"].value == "Aigul Sultanbekova"
    assert fields["judge"].person_id == judge_id  # linked to the official's record
    assert fields["detention_place"].value == "pre-trial detention centre (SIZO) No. 1 of Pavlodar"
    assert d.case.regions == ["Pavlodar Region"]

    page = client.get(f"/persons/{pid}")
    assert page.status_code == 200 and 'id="case-details"' in page.text
    assert "Pavlodar City Court" in page.text
    assert f'href="/persons/{judge_id}"' in page.text
    twin = client.get(f"/persons/{pid}.json").json()
    assert {c["field"] for c in twin["case"]["details"]} >= {"court", "judge",
                                                            "detention_place"}
    assert twin["case"]["regions"] == ["Pavlodar Region"]

    listed = client.get("/prisoners")
    assert "<option>Pavlodar Region</option>" in listed.text  # the facet is filled
    only = client.get("/prisoners.json", params={"region": "Pavlodar Region"}).json()
    assert [p["id"] for p in only["persons"]] == [pid]
    html = client.get("/prisoners", params={"region": "Pavlodar Region"}).text
    assert "<option selected>Pavlodar Region</option>" in html
    assert f'href="/persons/{pid}"' in html
    assert not any(f'href="/persons/{other}"' in html for other in held if other != pid)
    assert len(held) > 1  # so the filter had others to leave out
    none = client.get("/prisoners.json", params={"region": "Ulytau Region"}).json()
    assert none["persons"] == []


def test_an_untrusted_story_shows_no_details_until_accepted(client, tmp_path):
    with db.session() as s:
        pid, name, _ = _held(s)
    capture(_story(tmp_path, name), trusted=False, country="KZ")
    with db.session() as s:
        assert dossier(s, pid).case is None  # proposed claims are not public
        assert dossier(s, pid, public=False).case is not None  # editors see them
    assert "Pavlodar" not in client.get("/prisoners").text.split('name="region"')[1][:400]


def test_an_editor_adds_a_detail_from_the_cli_and_the_form(client):
    with db.session() as s:
        pid, _, _ = _held(s)
    bad = run("claims", "add", "--person", str(pid), "--kind", "detail", "--value", "x",
              "--reason", "r", "--as", "anna")
    assert bad.exit_code == 1 and "--field is one of" in bad.output
    wrong = run("claims", "add", "--person", str(pid), "--kind", "event", "--value",
                "detained", "--field", "court", "--reason", "r", "--as", "anna")
    assert wrong.exit_code == 1 and "--field is for --kind detail only" in wrong.output
    ok = run("claims", "add", "--person", str(pid), "--kind", "detail", "--field",
             "detention_place", "--value", "colony EC-164/3 in Petropavlovsk", "--reason",
             "the family's letter", "--as", "anna")
    assert ok.exit_code == 0, ok.output
    with db.session() as s:
        d = dossier(s, pid)
    place = next(c for c in d.case.details if c.field == "detention_place")
    assert place.region == "North Kazakhstan Region" and place.fact.editors == "entered by editors"
    assert "North Kazakhstan Region" in client.get("/prisoners").text

    url = f"/review/persons/{pid}/add"
    add_user("viewer", "viewer")
    assert login(client, "viewer").status_code == 303
    assert client.get(url).status_code == 403
    client.cookies.clear()
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    form = client.get(url)
    assert form.status_code == 200 and 'name="field"' in form.text
    data = {"kind": "detail", "field": "lawyer", "value": "<b>Jokhar Utebekov</b>",
            "reason": "court record"}
    assert client.post(url, data=data, follow_redirects=False).status_code == 403  # no CSRF
    r = client.post(url, data={**data, "csrf": csrf_of(form.text)}, follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "add-claim")
                        .order_by(AuditEntry.id.desc())).first()
    assert log.actor == "ed" and log.detail["field"] == "lawyer"
    page = client.get(f"/persons/{pid}").text
    assert "&lt;b&gt;Jokhar Utebekov&lt;/b&gt;" in page and "<b>Jokhar" not in page


def test_a_withheld_official_is_neither_named_nor_linked(client, tmp_path):
    with db.session() as s:
        pid, name, _ = _held(s)
    capture(_story(tmp_path, name), trusted=True, country="KZ")
    with db.session() as s:
        judge_id = s.scalar(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.mention == "Aigul Sultanbekova"))
    assert run("persons", "publication", str(judge_id), "withheld").exit_code == 0
    page = client.get(f"/persons/{pid}").text
    assert "Sultanbekova" not in page and f'href="/persons/{judge_id}"' not in page
    assert "Pavlodar City Court" in page  # the rest of the case is shown
    assert "Sultanbekova" not in client.get(f"/persons/{pid}.json").text


def test_an_editors_judge_links_to_the_official_of_that_name_and_shows_on_their_page(
        client, tmp_path):
    with db.session() as s:
        pid, name, _ = _held(s)
    capture(_story(tmp_path, name), trusted=True, country="KZ")
    other = next(p for p in _held_ids() if p != pid)
    r = run("claims", "add", "--person", str(other), "--kind", "detail", "--field", "judge",
            "--value", "aigul sultanbekova", "--reason", "verdict", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        judge_id = s.scalar(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.mention == "Aigul Sultanbekova"))
        judge = next(c for c in dossier(s, other).case.details if c.field == "judge")
    assert judge.person_id == judge_id and judge.fact.editors == "entered by editors"
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    page = client.get(f"/review/persons/{other}")
    assert page.status_code == 200 and 'id="case-details"' in page.text
    assert "aigul sultanbekova" in page.text


def _held_ids() -> list[int]:
    with db.session() as s:
        return _held(s)[2]


def test_an_editors_region_in_russian_is_filed_under_the_regions_name(client):
    with db.session() as s:
        pid, _, _ = _held(s)
    r = run("claims", "add", "--person", str(pid), "--kind", "detail", "--field", "region",
            "--value", "Алматинская область", "--reason", "r", "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        assert dossier(s, pid).case.regions == ["Almaty Region"]
    only = client.get("/prisoners.json", params={"region": "Almaty Region"}).json()
    assert pid in [p["id"] for p in only["persons"]]
