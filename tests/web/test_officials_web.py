"""The Perpetrators pages, their JSON twins, the API and `casefile officials`, over the
captured seeds: an official is on no public route of these pages until an editor publishes
them, and then shows only accepted claims."""

from __future__ import annotations

import json

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Claim, Person
from casefile.registry.review import set_state
from tests.helpers import run
from tests.web.conftest import add_user, login


def _official(name: str) -> int:
    """The person a sanctions list names (by a name form it writes)."""
    with db.session() as s:
        return s.scalars(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.value == "official",
            Claim.mention == name)).one()


def _routes(pid: int) -> list[str]:
    return [f"/officials/{pid}", f"/officials/{pid}.json", f"/api/v1/officials/{pid}"]


def test_confidential_until_published_then_accepted_claims_only(client):
    pid = _official("Imangali Tasmagambetov")
    for url in _routes(pid):
        assert client.get(url).status_code == 404, url
    assert f"/officials/{pid}" not in client.get("/officials").text
    assert pid not in {o["person_id"] for o in client.get("/api/v1/officials").json()}

    assert run("persons", "publication", str(pid), "public").exit_code == 0
    with db.transaction() as s:
        [rejected] = s.scalars(select(Claim.id).where(
            Claim.person_id == pid, Claim.predicate == "position",
            Claim.value.like("%Ambassador%"))).all()
        set_state(s, [rejected], "rejected", "test")
        proposed = s.scalars(select(Claim).where(Claim.person_id == pid,
                                                 Claim.predicate == "position")).first()
        proposed.state = "proposed"
        hidden = proposed.value
    page = client.get(f"/officials/{pid}")
    assert page.status_code == 200
    for form in ("Imangali Tasmagambetov", "Иманғали Нұрғалиұлы Тасмағамбетов"):
        assert form in page.text
    assert "Minister of Defense of Kazakhstan" in page.text
    assert "Ambassador to Russia" not in page.text and hidden not in page.text
    twin = client.get(f"/officials/{pid}.json").json()
    assert twin == client.get(f"/api/v1/officials/{pid}").json()
    assert twin["birth_date"] == "1956-12-09"
    titles = {p["title"] for p in twin["positions"]}
    assert "Minister of Defense of Kazakhstan" in titles and hidden not in titles
    assert all(p["quote"] and p["source_id"] for p in twin["positions"])
    assert f"/officials/{pid}" in client.get("/officials").text


def test_editors_see_everything_and_the_way_to_publish(client):
    pid = _official("Vasilenko Roman Yurievich")
    assert client.get(f"/review/officials/{pid}", follow_redirects=False).status_code in (
        302, 303, 307)  # to the login page
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    page = client.get(f"/review/officials/{pid}")
    assert page.status_code == 200
    assert "Василенко, Роман Юрьевич" in page.text and "not yet published" in page.text
    assert f'href="/review/persons/{pid}"' in page.text
    assert f"/review/officials/{pid}" in client.get("/review/officials").text
    person = client.get(f"/review/persons/{pid}")  # where claims are reviewed, offices too
    assert person.status_code == 200
    assert "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan (since 2022-01)" \
        in person.text
    # logged in, the public page still shows what the public sees
    assert client.get(f"/officials/{pid}").status_code == 404


def test_bad_ids_are_clear_errors(client):
    assert client.get("/officials/0").status_code == 400  # ids start at 1
    assert client.get("/api/v1/officials/99999999").status_code == 404
    assert client.get("/api/v1/officials/abc").status_code == 400


def test_cli_public_and_editors(seeded):
    public = run("officials", "--format", "json")
    assert public.exit_code == 0 and json.loads(public.stdout) == []
    everything = run("officials", "--format", "json", "--editors")
    found = json.loads(everything.stdout)
    names = {n["name"] for o in found for n in o["names"]}
    assert {"Kulibayev, Timur Askaruly", "Құлыбаев, Тимур Асқарұлы"} <= names
    kulibayev = next(o for o in found if "Kulibayev, Timur Askaruly" in
                     {n["name"] for n in o["names"]})
    assert kulibayev["published"] is False and kulibayev["birth_date"] == "1966-09-10"
    assert any(p["start"] == "2011" and p["end"] == "2022" for p in kulibayev["positions"])
    table = run("officials", "--editors")
    assert "Kulibayev" in table.stdout and "(2011–2022)" in table.stdout
    # published as an official only by an editor's decision, never by the software
    assert run("persons", "publication", str(kulibayev["person_id"]), "public").exit_code == 0
    shown = json.loads(run("officials", "--format", "json").stdout)
    assert [o["person_id"] for o in shown] == [kulibayev["person_id"]]
    with db.session() as s:
        assert s.get(Person, kulibayev["person_id"]).publication == "public"
