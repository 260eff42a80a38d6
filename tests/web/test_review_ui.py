"""The editors' review pages in-process: decisions beside each claim, claims in words, and
the person page's publication setting, corrections of accepted claims and added names. Every
form refuses a forged CSRF token and a viewer, and escapes what it shows."""

from __future__ import annotations

import re

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim, Person, PersonName
from tests.web.conftest import add_user, csrf_of, login

FORGED = "0" * 32


def _login(client, role="editor"):
    add_user(f"u-{role}", role)
    assert login(client, f"u-{role}").status_code == 303
    return csrf_of(client.get("/review").text)


def _public_accepted(predicate: str = "listed") -> Claim:
    """An accepted claim about a public person, shown on that person's public page."""
    with db.session() as s:
        return s.scalars(select(Claim).join(Person, Person.id == Claim.person_id).where(
            Claim.state == "accepted", Claim.predicate == predicate,
            Claim.confidential.is_(False), Person.publication == "public")
            .order_by(Claim.id)).first()


def test_each_claim_has_its_decisions_beside_it_in_words(client):
    _login(client)
    page = client.get("/review").text
    items = re.findall(r'<li class="claim" id="claim-([0-9a-f]+)">(.*?)</li>', page, re.S)
    assert len(items) > 3
    for cid, body in items:  # accept, reject and correct of this claim, inside its item
        assert f'name="ids" value="{cid}"' in body and 'value="accept"' in body
        assert f'action="/review/{cid}/correct"' in body
    assert page.count('name="csrf"') >= 2 * len(items)
    assert not re.search(r"running-text@|list-entry@|editor@|sentenced_to|red_notice_issued|"
                         r"\w+_\w+ = ", re.sub(r'(value|name|id|for|action|class)="[^"]*"',
                                               "", page))
    assert "extracted from running text" in page or "from a list entry" in page
    with db.session() as s:
        term = s.scalars(select(Claim).where(Claim.state == "proposed",
                                             Claim.predicate == "sentenced_to")).first()
    if term is not None:  # a sentence reads in months and years
        shown = client.get("/review", params={"source": term.source_id}).text
        assert re.search(r"Sentence: <strong>\d+(\.\d+)? months? \(|Sentence: <strong>\d+ "
                         r"(years?|days?|months?)", shown)


def test_correct_beside_the_claim_can_clear_a_date_and_returns_to_the_page(client):
    token = _login(client)
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.state == "proposed",
                                              Claim.predicate == "event",
                                              Claim.date.is_not(None))).first()
    back = f"/review/persons/{claim.person_id}"
    r = client.post(f"/review/{claim.id}/correct",
                    data={"csrf": token, "value": claim.value, "date": claim.date,
                          "date_unknown": "on", "reason": "the source gives no day",
                          "back": back}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == back + "?done=corrected+1"
    with db.session() as s:
        new = s.scalars(select(Claim).where(Claim.supersedes == claim.id)).one()
    assert new.date is None and new.detail["corrected"]["date"] == claim.date
    same = client.post(f"/review/{new.id}/correct",
                       data={"csrf": token, "value": new.value, "reason": "no change"},
                       follow_redirects=False)
    assert same.status_code == 400  # a correction that changes nothing is refused
    for hostile in ("//evil.example/review", "https://evil.example/review", "/persons/1"):
        r = client.post("/review", data={"csrf": token, "ids": new.id, "action": "accept",
                                         "back": hostile}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/review?done=")


def test_review_forms_refuse_a_forged_token_and_a_viewer(client):
    claim = _public_accepted()
    _login(client, "viewer")
    page = client.get("/review").text
    assert 'action="/review/' not in page.split("<main>")[1]  # a viewer reads, no forms
    viewer_token = csrf_of(page)
    forms = (("/review", {"ids": claim.id, "action": "reject"}),
             (f"/review/{claim.id}/correct", {"value": "detained", "reason": "x"}),
             (f"/review/persons/{claim.person_id}/publication", {"publication": "withheld"}),
             (f"/review/persons/{claim.person_id}/add",
              {"kind": "name", "value": "Тест", "reason": "x"}))
    for url, data in forms:
        assert client.post(url, data={**data, "csrf": viewer_token},
                           follow_redirects=False).status_code == 403
    client.cookies.clear()
    _login(client)
    for url, data in forms:
        assert client.post(url, data={**data, "csrf": FORGED},
                           follow_redirects=False).status_code == 403
    with db.session() as s:
        assert s.get(Claim, claim.id).state == "accepted"
        assert s.get(Person, claim.person_id).publication == "public"
        assert not s.scalars(select(PersonName).where(PersonName.name == "Тест")).all()


def test_an_accepted_claim_is_rejected_or_corrected_from_the_person_page(client):
    token = _login(client)
    claim = _public_accepted()
    page = client.get(f"/review/persons/{claim.person_id}").text
    item = re.search(rf'<li class="claim" id="claim-{claim.id}">(.*?)</li>', page, re.S)
    assert item and 'value="reject"' in item[1] and 'value="accept"' not in item[1]
    assert f'action="/review/{claim.id}/correct"' in item[1]
    assert f"#claim-{claim.id}" in client.get(f"/persons/{claim.person_id}").text
    r = client.post("/review", data={"csrf": token, "ids": claim.id, "action": "reject",
                                     "reason": "misread list", "back":
                                     f"/review/persons/{claim.person_id}"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/review/persons/{claim.person_id}?done=")
    assert f"#claim-{claim.id}" not in client.get(f"/persons/{claim.person_id}").text
    event = _public_accepted("event")
    r = client.post(f"/review/{event.id}/correct",
                    data={"csrf": token, "value": "house_arrest", "date": event.date or "",
                          "reason": "<b>court record</b>",
                          "back": f"/review/persons/{event.person_id}"},
                    follow_redirects=False)
    assert r.status_code == 303
    public = client.get(f"/persons/{event.person_id}").text
    assert "corrected by editors" in public and "&lt;b&gt;court record&lt;/b&gt;" in public
    assert "<b>court record</b>" not in public
    with db.session() as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action.in_(
            ["rejected", "correct"]))).all()
    assert {e.actor for e in logged} == {"u-editor"} and len(logged) == 2


def test_publication_is_set_on_the_person_page_with_the_registry_rules(client):
    token = _login(client)
    claim = _public_accepted()
    pid = claim.person_id
    page = client.get(f"/review/persons/{pid}").text
    assert 'name="publication" value="public" checked' in page
    url = f"/review/persons/{pid}/publication"
    assert client.post(url, data={"csrf": token, "publication": "secret"},
                       follow_redirects=False).status_code == 400
    assert client.post(url, data={"csrf": token, "publication": "anonymised",
                                  "fields": ["status", "password"]},
                       follow_redirects=False).status_code == 400
    r = client.post(url, data={"csrf": token, "publication": "withheld", "count_only": "on",
                               "fields": ["status"], "reason": "family asked"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/persons/{pid}").status_code == 404
    assert pid not in {p["id"] for p in client.get("/prisoners.json").json()["persons"]}
    with db.session() as s:
        person = s.get(Person, pid)
        assert (person.publication, person.count_only, person.public_fields) == (
            "withheld", True, None)  # fields belong to anonymised only
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "publication")).one()
    assert log.actor == "u-editor" and log.detail["reason"] == "family asked"
    r = client.post(url, data={"csrf": token, "publication": "anonymised",
                               "fields": ["status", "sentence"]}, follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        assert s.get(Person, pid).public_fields == ["status", "sentence"]
    page = client.get(f"/review/persons/{pid}").text
    assert 'value="anonymised" checked' in page and 'value="sentence" checked' in page


def test_a_cyrillic_name_is_added_from_the_person_page(client):
    token = _login(client)
    pid = _public_accepted().person_id
    page = client.get(f"/review/persons/{pid}").text
    form = re.search(r'<details class="add-name">.*?</details>', page, re.S)
    assert form and f'action="/review/persons/{pid}/add"' in form[0]
    assert 'name="kind" value="name"' in form[0] and 'name="csrf"' in form[0]
    name = "Жанболат Тестов<i>"
    assert client.post(f"/review/persons/{pid}/add",
                       data={"csrf": FORGED, "kind": "name", "value": name, "lang": "ru",
                             "reason": "family"}, follow_redirects=False).status_code == 403
    r = client.post(f"/review/persons/{pid}/add",
                    data={"csrf": token, "kind": "name", "value": name, "lang": "ru",
                          "reason": "family"}, follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        stored = s.scalars(select(PersonName).where(PersonName.person_id == pid,
                                                    PersonName.lang == "ru")).all()
    assert any(n.name.startswith("Жанболат") and n.script for n in stored)
    page = client.get(f"/review/persons/{pid}").text
    assert "Жанболат Тестов&lt;i&gt;" in page and "Тестов<i>" not in page


def test_a_public_source_lists_its_claims_in_words(client):
    claim = _public_accepted()
    page = client.get(f"/sources/{claim.source_id}").text
    listed = re.findall(r'<li><a href="#claim-[0-9a-f]+">([^<]*)</a>', page)
    assert listed and any(t.startswith("listed: ") for t in listed)  # the status in words
    assert not [t for t in listed if re.search(r"\w_\w|: (convicted|pretrial)$", t)]
