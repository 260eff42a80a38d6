"""Hostile sources render inert; confidential and unreviewed facts stay inside; forms need
CSRF tokens; roles hold; every response carries the security headers."""

from __future__ import annotations

import re

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Claim, Person
from casefile.web.app import create_app
from tests.helpers import run
from tests.web.conftest import add_user, csrf_of, login

HOSTILE = """<!doctype html><html><head><title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>
<script>alert('head')</script></head><body onload="alert('body')">
<article><h1>Political prisoners <img src=x onerror="alert('img')"></h1>
<p>List of political prisoners in Kazakhstan.</p>
<p>1. Zhaksylyk ABDULLAYEV &lt;script&gt;alert("text")&lt;/script&gt; was detained on
14 January 2022 in Almaty and sentenced to 6 years under Article 174 of the Criminal Code.
<a href="javascript:alert('link')">details</a> <a href="JaVaScRiPt:alert(2)" onclick="x()">more</a>
<svg onload="alert('svg')"></svg> <iframe src="javascript:alert(3)"></iframe></p>
<p>He remains in prison in Almaty; his lawyer says he was tortured in custody.</p>
</article></body></html>"""
SURFACES = ["/", "/prisoners", "/persons", "/search?q=Abdullayev", "/search?q=alert"]


def _pages(c: TestClient, source_id: int) -> dict[str, str]:
    out = {p: c.get(p).text for p in SURFACES}
    out["source"] = c.get(f"/sources/{source_id}").text
    for pid in {int(m) for m in re.findall(r'href="/persons/(\d+)"', out["source"])}:
        out[f"person {pid}"] = c.get(f"/persons/{pid}").text
    return out


def test_hostile_source_renders_inert(seeded, tmp_path):
    path = tmp_path / "javascript:alert(1).html"
    path.write_text(HOSTILE)
    r = capture(str(path), trusted=True, country="KZ",
                publisher='<img src=x onerror="alert(9)">')
    c = TestClient(create_app(seeded), base_url="https://testserver")
    pages = _pages(c, r.source_id)
    assert len(pages) > len(SURFACES) + 1, "the hostile source's person has a page"
    for name, html in pages.items():
        assert "<script" not in html.lower(), name
        assert not re.search(r"<[^>]+\son\w+\s*=", html, re.I), name
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), name
        assert "<iframe" not in html.lower() and "<img" not in html.lower(), name
    assert "&lt;img src=x onerror=" in pages["source"]  # the publisher, escaped
    src = c.get(f"/sources/{r.source_id}.json")
    assert src.headers["content-type"] == "application/json"
    assert src.headers["x-content-type-options"] == "nosniff"


def test_confidential_and_unreviewed_never_leave(seeded):
    with db.transaction() as s:
        claim = s.scalars(select(Claim).where(Claim.state == "accepted",
                                              Claim.predicate == "event")).first()
        person = s.get(Person, claim.person_id)
        person.confidential_notes = "NOTE-contact-the-sister-on-+7-700"
        claim.confidential = True
        secret_quote, pid = claim.quote, person.id
        proposed = s.scalars(select(Claim).where(Claim.state == "proposed")).all()
    c = TestClient(create_app(seeded), base_url="https://testserver")
    outputs = [c.get(p).text for p in (
        f"/persons/{pid}", f"/persons/{pid}.json", f"/api/v1/persons/{pid}",
        f"/sources/{claim.source_id}", f"/api/v1/sources/{claim.source_id}",
        "/prisoners", "/prisoners.json", "/prisoners.csv", "/api/v1/prisoners?limit=500",
        "/persons.json?limit=500", "/index.json")]
    joined = "\n".join(outputs)
    assert "NOTE-contact" not in joined
    assert claim.id not in joined
    for other in proposed:
        assert other.id not in joined
    data = c.get(f"/api/v1/sources/{claim.source_id}").json()
    assert claim.id not in {q["claim_id"] for q in data["quotes"]}
    assert secret_quote  # the quote may recur in other claims; its claim id may not


def test_withheld_and_anonymised_persons(seeded):
    c = TestClient(create_app(seeded), base_url="https://testserver")
    listed = c.get("/prisoners.json").json()["persons"]
    withheld, anonymised = listed[0], listed[1]
    assert c.get(f"/persons/{withheld['id']}").status_code == 200
    run("persons", "publication", str(withheld["id"]), "withheld")
    run("persons", "publication", str(anonymised["id"]), "anonymised")
    assert c.get(f"/persons/{withheld['id']}").status_code == 404
    # An anonymised person is a row with no id to look them up by: no public dossier.
    assert c.get(f"/persons/{anonymised['id']}.json").status_code == 404
    rows = c.get("/prisoners.json").json()["persons"]
    anon = [r for r in rows if r["name"] == "Name withheld"]
    assert len(anon) == 1 and anon[0]["id"] is None and anon[0]["sources"] == []
    everywhere = "\n".join(c.get(p).text for p in (
        "/prisoners", "/prisoners.json", "/prisoners.csv", "/persons.json?limit=500",
        f"/persons/{anonymised['id']}"))
    assert withheld["name"] not in everywhere and anonymised["name"] not in everywhere
    for person in (withheld, anonymised):
        found = c.get("/search.json", params={"q": person["name"], "kind": "person"}).json()
        assert person["id"] not in {h["person_id"] for h in found["items"]}


def test_forms_need_the_csrf_token(client, seeded):
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    claim = client.get("/review.json").json()["items"][0]["id"]
    r = client.post("/review", data={"ids": claim, "action": "accept"})
    assert r.status_code == 403
    r = client.post("/review", data={"ids": claim, "action": "accept", "csrf": "forged"})
    assert r.status_code == 403
    with db.session() as s:
        assert s.get(Claim, claim).state == "proposed"
    fresh = TestClient(create_app(seeded), base_url="https://testserver")
    assert fresh.post("/login", data={"username": "ed", "password": "x"}).status_code == 403


def test_a_viewer_cannot_edit(client):
    add_user("vi", "viewer")
    login(client, "vi")
    page = client.get("/review")
    assert page.status_code == 200 and "Accept selected" not in page.text
    claim = client.get("/review.json").json()["items"][0]["id"]
    token = csrf_of(page.text)
    r = client.post("/review", data={"ids": claim, "action": "accept", "csrf": token})
    assert r.status_code == 403
    assert client.get("/capture").status_code == 403
    assert client.get("/audit").status_code == 403
    anonymous = TestClient(client.app, base_url="https://testserver")
    assert anonymous.get("/review", follow_redirects=False).headers["location"].startswith(
        "/login")


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/", "/prisoners", "/persons", "/search?q=x", "/login", "/index.json",
                 "/api/v1/persons", "/nowhere", "/static/style-1.css", "/prisoners.csv"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp
        assert r.headers["x-frame-options"] == "DENY"
    html = client.get("/").text
    assert "<script" not in html and "style=" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_login_cookie_rate_limit_and_totp(client):
    add_user("ed2", "editor", totp=pyotp.random_base32())
    r = login(client, "ed2")
    assert r.status_code == 303 and r.headers["location"].startswith("/login/totp")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    assert client.get("/review", follow_redirects=False).status_code == 303, "TOTP pending"
    page = client.get(r.headers["location"])
    bad = client.post("/login/totp", data={"csrf": csrf_of(page.text), "code": "000000"})
    assert bad.status_code == 401
    with db.session() as s:
        from casefile.registry.models import User
        secret = s.scalar(select(User.totp_secret).where(User.username == "ed2"))
    ok = client.post("/login/totp", data={"csrf": csrf_of(page.text),
                                          "code": pyotp.TOTP(secret).now()},
                     follow_redirects=False)
    assert ok.status_code == 303 and client.get("/review").status_code == 200
    other = TestClient(client.app, base_url="https://testserver")
    codes = [login(other, "ed2", "wrong password").status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert login(other, "ed2").status_code == 429, "the right password waits too"


@pytest.mark.parametrize("path", ["/api/v1/review"])
def test_api_writes_need_a_token(client, path):
    body = {"claim_ids": ["abcdef"], "state": "accepted"}
    assert client.post(path, json=body).status_code == 401
    add_user("tok-viewer", "viewer", token="viewer-token-123")
    add_user("tok-editor", "editor", token="editor-token-456")
    auth = {"Authorization": "Bearer viewer-token-123"}
    assert client.post(path, json=body, headers=auth).status_code == 403
    claim = client.get("/api/v1/persons").json()  # public read needs nothing
    assert claim["total"] >= 0
    with db.session() as s:
        cid = s.scalars(select(Claim.id).where(Claim.state == "proposed")).first()
    ok = client.post(path, json={"claim_ids": [cid], "state": "rejected"},
                     headers={"Authorization": "Bearer editor-token-456"})
    assert ok.status_code == 200 and ok.json()["updated"] == [cid]
    cookie_only = client.post(path, json=body)
    assert cookie_only.status_code == 401
