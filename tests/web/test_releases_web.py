"""The release pages and API: every release with its hash, a release's rows and its changes
since the previous one with the quote that explains them, without JavaScript, and never a
withheld person's name."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from casefile.assess.status import add_months
from casefile.registry import db
from casefile.registry.models import Release
from casefile.web.app import create_app
from tests.cli.test_release import first_list, notice, payload, publish
from tests.helpers import run
from tests.web.conftest import add_user, csrf_of, login


def test_release_pages(registry: str, tmp_path: Path) -> None:
    day, _ = first_list()
    one = publish(day)
    rows = payload(one)["rows"]
    chosen, hidden = rows[3], rows[0]
    _, sentence = notice(tmp_path, chosen["name"], add_months(day, 2))
    two = publish(add_months(day, 3))
    c = TestClient(create_app(registry), base_url="https://testserver")

    listing = c.get("/releases")
    assert listing.status_code == 200 and "<script" not in listing.text
    for rid in (one, two):
        assert f'href="/releases/{rid}"' in listing.text
    api = c.get("/api/v1/releases").json()
    assert [r["id"] for r in api] == [two, one]
    assert all(r["sha256"] in listing.text for r in api)
    assert {r["rows"] for r in api} == {len(rows), len(rows) - 1}

    page = c.get(f"/releases/{two}")
    text = html.unescape(page.text)
    assert page.status_code == 200 and "<script" not in page.text
    assert chosen["name"] in text and "Released on parole" in text and sentence in text
    assert f'href="/releases/{one}"' in page.text
    detail = c.get(f"/api/v1/releases/{two}").json()
    assert detail["previous"] == one
    [gone] = detail["changes"]["removed"]
    assert gone["person_id"] == chosen["person_id"] and gone["reason"] == "parole"
    assert gone["evidence"]["quote"] == sentence
    assert detail["changes"]["added"] == detail["changes"]["changed"] == []
    assert c.get(f"/api/v1/releases/{one}").json()["changes"] is None

    # The published text, byte for byte, hashes as stated.
    for r in api:
        raw = c.get(f"/releases/{r['id']}/payload.json")
        assert raw.status_code == 200 and hashlib.sha256(raw.content).hexdigest() == r["sha256"]
        assert f'/releases/{r["id"]}/payload.json' in c.get(f"/releases/{r['id']}").text

    # Withheld after both were published: no page or answer names them any more.
    assert hidden["name"] in html.unescape(c.get(f"/releases/{one}").text)
    assert run("persons", "publication", str(hidden["person_id"]), "withheld").exit_code == 0
    three = publish(add_months(day, 3))
    for rid in (one, two, three):
        for path in (f"/releases/{rid}", f"/api/v1/releases/{rid}"):
            body = html.unescape(c.get(path).text)
            assert hidden["name"] not in body, path
            assert f'"person_id":{hidden["person_id"]},' not in body.replace(" ", ""), path
    assert hidden["name"] not in payload(three)["rows"].__repr__()
    for rid in (one, two):  # their text named them: it is kept for editors only
        gone = c.get(f"/releases/{rid}/payload.json")
        assert gone.status_code == 410 and hidden["name"] not in gone.text
        assert c.get(f"/api/v1/releases/{rid}").json()["verifiable"] is False
    raw = c.get(f"/releases/{three}/payload.json").content
    assert hashlib.sha256(raw).hexdigest() == c.get("/api/v1/releases").json()[0]["sha256"]

    for path in ("/releases/999", "/api/v1/releases/999"):
        assert c.get(path).status_code == 404
    assert c.get("/api/v1/releases/abc").status_code in (400, 404, 422)


def test_editors_publish_from_the_form(registry: str) -> None:
    day, _ = first_list()
    add_user("ed", "editor", registry)
    add_user("vi", "viewer", registry)
    c = TestClient(create_app(registry), base_url="https://testserver")
    assert "/review/releases" not in c.get("/releases").text  # not for visitors
    assert c.post("/review/releases", data={"country": "KZ", "as_of": day},
                  follow_redirects=False).status_code in (303, 403)
    assert count() == 0

    assert login(c, "vi").status_code == 303
    page = c.get("/releases").text
    assert "/review/releases" not in page
    r = c.post("/review/releases", data={"country": "KZ", "as_of": day,
                                         "csrf": csrf_of(page)}, follow_redirects=False)
    assert r.status_code == 403 and count() == 0

    c = TestClient(create_app(registry), base_url="https://testserver")
    assert login(c, "ed").status_code == 303
    page = c.get("/releases").text
    assert 'action="/review/releases"' in page
    token = csrf_of(page)
    assert c.post("/review/releases", data={"country": "KZ", "as_of": day},
                  follow_redirects=False).status_code == 403  # no CSRF token
    for bad, why in ((("ZZ", day), "unknown country"), (("KZ", "2023-02-30"), "date"),
                     (("KZ", "2999-01-01"), "after today")):
        r = c.post("/review/releases", data={"country": bad[0], "as_of": bad[1],
                                             "csrf": token}, follow_redirects=False)
        assert r.status_code == 400 and why in html.unescape(r.text)
    assert count() == 0
    r = c.post("/review/releases", data={"country": "KZ", "as_of": day, "status": "pretrial",
                                         "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/releases/1"
    assert count() == 1
    with db.session() as s:
        rel = s.get(Release, 1)
        assert (rel.published_by, rel.criteria) == ("ed", {"status": "pretrial"})
    cli = publish(day, "--status", "pretrial")
    assert payload(cli) == payload(1)


def count() -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Release)) or 0


def test_the_list_of_releases_by_country(registry: str) -> None:
    day, _ = first_list()
    kz = publish(day)
    assert run("release", "publish", "--country", "UZ", "--as-of", day, "--as", "ed"
               ).exit_code == 0
    c = TestClient(create_app(registry), base_url="https://testserver")
    assert len(c.get("/api/v1/releases").json()) == 2
    assert [r["id"] for r in c.get("/api/v1/releases", params={"country": "kz"}).json()] \
        == [kz]
    bad = c.get("/api/v1/releases", params={"country": "Kazakhstan"})
    assert bad.status_code == 400 and "detail" in bad.json()
