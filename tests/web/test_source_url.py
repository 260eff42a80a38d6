"""A source's URL on the web (issue 14): editors set it in the inventory form (editor role,
CSRF, http(s) only, logged), the public source page links it (rel="noopener nofollow"), and
the list's JSON and API carry it with each quote's words."""

from __future__ import annotations

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Source
from tests.web.conftest import add_user, csrf_of, login

URL = "https://example.org/annex?id=1&lang=en"


def test_editors_set_a_url_and_the_public_page_links_it(client):
    with db.session() as s:
        src = s.scalars(select(Source).where(Source.trusted.is_(True))).first()
    add_user("u-editor", "editor")
    assert login(client, "u-editor").status_code == 303
    form = client.get(f"/review/sources/{src.id}").text
    assert 'name="url"' in form
    token = csrf_of(form)
    assert client.post(f"/review/sources/{src.id}", data={"url": URL},
                       follow_redirects=False).status_code == 403  # no CSRF token
    for bad in ("javascript:alert(1)", "data:text/html,x", '"><script>alert(1)</script>'):
        r = client.post(f"/review/sources/{src.id}", data={"csrf": token, "url": bad},
                        follow_redirects=False)
        assert r.status_code == 400 and "http:// or https://" in r.text, bad
    r = client.post(f"/review/sources/{src.id}", data={"csrf": token, "url": URL},
                    follow_redirects=False)
    assert r.status_code == 303 and "url" in r.headers["location"]
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-edit")).one()
    assert log.actor == "u-editor" and log.detail["changes"]["url"] == [None, URL]
    client.cookies.clear()
    page = client.get(f"/sources/{src.id}").text
    assert ('<a href="https://example.org/annex?id=1&amp;lang=en" '
            'rel="noopener noreferrer nofollow external">') in page
    assert client.get(f"/sources/{src.id}.json").json()["url"] == URL
    listed = client.get("/api/v1/prisoners", params={"limit": 5}).json()["persons"]
    cited = [ref for p in listed for ref in p["sources"] if ref["id"] == src.id]
    assert cited and all(ref["url"] == URL for ref in cited)
    assert all(q["text"] for ref in cited for q in ref["quotes"])


def test_a_viewer_cannot_set_a_url(client):
    with db.session() as s:
        src = s.scalars(select(Source)).first()
    add_user("u-viewer", "viewer")
    assert login(client, "u-viewer").status_code == 303
    token = csrf_of(client.get("/review").text)
    r = client.post(f"/review/sources/{src.id}", data={"csrf": token, "url": URL},
                    follow_redirects=False)
    assert r.status_code == 403
    with db.session() as s:
        assert s.get(Source, src.id).url is None
