"""Interventions and recommendations on the web (issue 15): editors-only pages and forms with
the CSRF token, the API refusing the public, and the public /recommendations page showing no
editors' note."""

from __future__ import annotations

from sqlalchemy import func, select

from casefile.registry import db
from casefile.registry import recommendations as recs
from casefile.registry.models import Intervention, Recommendation, RecommendationProgress
from tests.web.conftest import add_user, csrf_of, login


def _login(client, role: str = "editor") -> str:
    add_user(f"w-{role}", role)
    assert login(client, f"w-{role}").status_code == 303
    return csrf_of(client.get("/review").text)


def _sanctions() -> Recommendation:
    with db.session() as s:
        return s.scalars(select(Recommendation).where(
            Recommendation.quote.startswith("to impose personal sanctions"))).one()


def test_interventions_are_for_editors_only(client):
    assert client.get("/review/interventions", follow_redirects=False).status_code == 303
    assert client.get("/review/interventions.json", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/interventions").status_code == 401
    _login(client, "viewer")
    assert client.get("/review/interventions").status_code == 403
    assert client.get("/api/v1/interventions").status_code == 401  # a cookie is no token
    add_user("t-viewer", "viewer", token="viewer-token-iv")
    add_user("t-editor", "editor", token="editor-token-iv")
    viewer = {"Authorization": "Bearer viewer-token-iv"}
    assert client.get("/api/v1/interventions", headers=viewer).status_code == 403
    editor = {"Authorization": "Bearer editor-token-iv"}
    assert client.get("/api/v1/interventions", headers=editor).json() == []


def test_editors_add_and_update_through_the_forms(client):
    token = _login(client)
    pid = client.get("/prisoners.json").json()["persons"][0]["id"]
    form = {"csrf": token, "person": str(pid), "kind": "ccf_request",
            "addressee": "CCF INTERPOL", "filed": "2024-01-10", "follow_up": "2024-02-01",
            "status": "filed", "reference": "CCF/2024/1", "notes": "lawyer's phone: secret"}
    r = client.post("/review/interventions", data={**form, "csrf": "forged"},
                    follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/review/interventions", data={**form, "filed": "2024-13-01"})
    assert r.status_code == 400 and "--filed must be a date" in r.text
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Intervention)) == 0
    r = client.post("/review/interventions", data={**form, "back": "person"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/review/persons/{pid}")
    page = client.get(f"/review/persons/{pid}").text
    assert "CCF INTERPOL" in page and "lawyer&#39;s phone: secret" in page
    due = client.get("/review/interventions?due=2024-02-01")
    assert due.status_code == 200 and "CCF/2024/1" in due.text
    rows = client.get("/review/interventions.json?due=2024-02-01").json()
    assert [r["reference"] for r in rows] == ["CCF/2024/1"]
    r = client.post(f"/review/interventions/{rows[0]['id']}",
                    data={"csrf": token, "status": "closed"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/review/interventions.json?due=2024-02-01").json() == []
    r = client.post(f"/review/interventions/{rows[0]['id']}",
                    data={"csrf": token, "status": "lost"})
    assert r.status_code == 400 and "--status must be one of" in r.text
    assert client.get("/review/interventions?due=someday").status_code == 400
    # The notes never reach a public page.
    assert "lawyer" not in client.get(f"/persons/{pid}").text


def test_recommendations_public_page_and_track_form(client):
    rec = _sanctions()
    public = client.get("/recommendations")
    assert public.status_code == 200 and "to impose personal sanctions" in public.text
    assert "Track implementation" not in public.text
    api = client.get("/api/v1/recommendations?addressee=osce").json()
    assert any(r["id"] == rec.id for r in api)
    token = _login(client)
    r = client.post(f"/review/recommendations/{rec.id}/track",
                    data={"csrf": token, "status": "implemented", "date": "2024-04-01",
                          "note": "heard from an MEP's assistant"}, follow_redirects=False)
    assert r.status_code == 303
    r = client.post(f"/review/recommendations/{rec.id}/track",
                    data={"csrf": token, "status": "not_implemented", "date": "2024-04-02",
                          "evidence": str(rec.source_id),
                          "quote": "Kazakhstan refuses to implement"}, follow_redirects=False)
    assert r.status_code == 303
    r = client.post(f"/review/recommendations/{rec.id}/track",
                    data={"csrf": token, "status": "done", "date": "2024-04-02", "note": "x"})
    assert r.status_code == 400
    r = client.post(f"/review/recommendations/{rec.id}/track",
                    data={"csrf": "forged", "status": "partly", "date": "2024-04-02",
                          "note": "x"})
    assert r.status_code == 403
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RecommendationProgress)) == 2
    editors = client.get("/review/recommendations").text
    assert "heard from an MEP" in editors and "Track implementation" in editors
    client.post("/logout", data={"csrf": token})
    for page in (client.get("/recommendations").text,
                 client.get("/recommendations.json").text,
                 client.get("/api/v1/recommendations").text):
        assert "MEP" not in page and "w-editor" not in page
        assert "Not implemented" in page or "not_implemented" in page
    assert recs.progress_label("implemented") not in client.get("/recommendations").text
