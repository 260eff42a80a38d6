"""Proceedings abroad on the person pages and in the API: public data only."""

from __future__ import annotations

from casefile.registry import db
from casefile.registry.person_edit import publication, set_publication
from casefile.reports.events import persons_named
from tests.web.conftest import add_user, login


def _ablyazov() -> int:
    with db.session() as s:
        (pid,) = persons_named(s, "Mukhtar Ablyazov")
    return pid


def test_api_and_page_show_the_french_extradition_case(client):
    pid = _ablyazov()
    r = client.get(f"/api/v1/persons/{pid}/proceedings")
    assert r.status_code == 200
    found = r.json()
    case = next(p for p in found if p["kind"] == "extradition" and p["host_state"] == "FR")
    assert case["requesting_state"] == "RU"
    assert {d["state"] for p in found for d in p["decisions"]} == {"accepted"}
    page = client.get(f"/persons/{pid}").text
    assert "Proceedings abroad" in page
    assert "Council of State of France refused to extradite" in page
    assert "/api/v1/persons/{person_id}/proceedings" in client.get("/api").text


def test_withheld_person_is_404_in_the_api(client):
    pid = _ablyazov()
    with db.transaction() as s:
        set_publication(s, pid, publication("withheld"), "tester")
    r = client.get(f"/api/v1/persons/{pid}/proceedings")
    assert r.status_code == 404
    assert "Ablyazov" not in r.text
    assert client.get("/api/v1/persons/2147483647/proceedings").status_code == 404


def test_editors_page_shows_proposed_decisions(client, seeded):
    add_user("ed", "editor", seeded)
    login(client, "ed")
    page = client.get(f"/review/persons/{_ablyazov()}").text
    start = page.index('id="h-proceedings"')
    assert "state-proposed" in page[start:page.index('id="h-claims"')]
