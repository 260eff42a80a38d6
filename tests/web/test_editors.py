"""The editors' side in-process: review (single, bulk, correct, conflicts), capture, merge and
split, assessment, audit log. Each action must show on the public side or in the log."""

from __future__ import annotations

import re

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Claim, Judgement, Source
from tests.conftest import seed
from tests.web.conftest import add_user, csrf_of, login


def _editor(client, role="editor"):
    add_user(f"u-{role}", role)
    assert login(client, f"u-{role}").status_code == 303
    return csrf_of(client.get("/review").text)


def test_review_queue_shows_quote_in_context_and_bulk_decides(client):
    token = _editor(client)
    page = client.get("/review").text
    queue = client.get("/review.json").json()
    assert queue["total"] > 0
    first = queue["items"][0]
    assert f"<mark>{first['quote'][:20]}" in page.replace("\n", " ") or first["quote"][:20] in page
    ids = [i["id"] for i in queue["items"][:3]]
    r = client.post("/review", data={"ids": ids, "action": "reject", "csrf": token,
                                     "reason": "not about a prisoner"}, follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        assert {s.get(Claim, i).state for i in ids} == {"rejected"}
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == "rejected")).all()
        assert {e.target for e in logged} >= {f"claim:{i}" for i in ids}
        assert all(e.actor == "u-editor" for e in logged)
    assert client.get("/review.json").json()["total"] == queue["total"] - 3


def test_correct_keeps_the_original(client):
    token = _editor(client)
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.state == "proposed",
                                              Claim.predicate == "event")).first()
    r = client.post(f"/review/{claim.id}/correct", data={"csrf": token, "date": "2020-03-19",
                                                         "reason": "checked"},
                    follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        new = s.scalars(select(Claim).where(Claim.supersedes == claim.id)).one()
        assert new.state == "accepted" and new.date == "2020-03-19"
        assert s.get(Claim, claim.id).state == "rejected"
    page = client.get(f"/persons/{claim.person_id}")
    assert page.status_code == 200 and "2020-03-19" in page.text
    assert "corrected by editors (the source: " in page.text and "): checked" in page.text


def test_conflicts_side_by_side(client):
    _editor(client)
    page = client.get("/review/conflicts")
    assert page.status_code == 200 and "Conflicting claims" in page.text


def test_capture_form_ingests_an_upload(client):
    token = _editor(client)
    path = seed("000")
    with db.session() as s:
        before = s.scalar(select(Claim.id).where(Claim.extractor != "x").limit(1))
    r = client.post("/capture", data={"csrf": token, "publisher": "Upload test"},
                    files={"file": ("again.txt", path.read_bytes(), "text/plain")})
    assert r.status_code == 200 and "Already captured" in r.text  # same bytes, same sha256
    fresh = path.read_bytes() + b"\nMarat ZHYLANBAYEV was detained on 2 May 2023.\n"
    r = client.post("/capture", data={"csrf": token},
                    files={"file": ("new.txt", fresh, "text/plain")})
    assert r.status_code == 200 and "Captured as" in r.text
    assert before is not None


def test_merge_and_split_are_undoable(client):
    token = _editor(client)
    listed = client.get("/prisoners.json").json()["persons"]
    a, b = sorted([listed[0]["id"], listed[1]["id"]])
    r = client.post(f"/review/persons/{a}/merge", data={"csrf": token, "other": b},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/persons/{b}", follow_redirects=False).headers["location"] == \
        f"/persons/{a}"
    merged = client.get(f"/persons/{a}.json").json()
    assert merged["merged_ids"] == [b]
    r = client.post(f"/review/persons/{a}/split", data={"csrf": token, "other": b},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/persons/{b}").status_code == 200
    with db.session() as s:
        rows = s.scalars(select(Judgement).order_by(Judgement.id)).all()
        assert [(j.judgement, j.deleted_at is not None) for j in rows] == [
            ("positive", True), ("negative", False)]


def test_assessment_edit_shows_publicly(client):
    token = _editor(client)
    pid = client.get("/prisoners.json").json()["persons"][0]["id"]
    form = {"csrf": token, "country": "KZ", "decision": "political_prisoner",
            "rationale": "peaceful opposition activity", "c_a": "yes", "r_a": "speech",
            "c_e": "yes", "r_e": "closed trial"}
    r = client.post(f"/review/persons/{pid}/assess", data=form, follow_redirects=False)
    assert r.status_code == 303
    d = client.get(f"/persons/{pid}.json").json()["assessment"]
    assert d["decision"] == "political_prisoner" and d["editor"] is None
    answers = {c["key"]: c["answer"] for c in d["criteria"]}
    assert answers["a"] == "yes" and answers["b"] == "unknown"
    assert "peaceful opposition activity" in client.get(f"/persons/{pid}").text


def test_audit_log_is_for_admins(client):
    _editor(client, "admin")
    page = client.get("/audit")
    assert page.status_code == 200 and "capture" in page.text
    assert client.get("/audit.json").json()["total"] > 0


def test_an_unreadable_entry_is_flagged_on_capture_and_tied_in_the_queue(client):
    token = _editor(client)
    text = ("List of political prisoners in Kazakhstan\n\n"
            "1. Bolat Omarov – 6 years of imprisonment under Article 174.\n"
            "2. Name withheld at the family's request – 2 years of imprisonment under "
            "Article 405.\n")
    r = client.post("/capture", data={"csrf": token, "trusted": "on", "country": "KZ"},
                    files={"file": ("list.txt", text.encode(), "text/plain")})
    assert r.status_code == 200 and "held for review: list entry without a readable name" \
        in r.text
    # the capture's note links the editor to this source's part of the queue
    link = re.search(r'<a href="(/review\?source=\d+)">', r.text)
    assert link is not None
    queue = client.get(link.group(1)).text
    assert "Held for review:</strong> list entry without a readable name" in queue
    with db.session() as s:
        term = s.scalars(select(Claim).where(Claim.person_id.is_(None),
                                             Claim.predicate == "sentenced_to")).one()
        omarov = s.scalars(select(Claim).where(Claim.mention == "Bolat Omarov")).first()
    bad = client.post(f"/review/{term.id}/correct", data={"csrf": token, "person": "x1"},
                      follow_redirects=False)
    assert bad.status_code == 400
    r = client.post(f"/review/{term.id}/correct",
                    data={"csrf": token, "person": str(omarov.person_id), "reason": "checked"},
                    follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        new = s.scalars(select(Claim).where(Claim.supersedes == term.id)).one()
    assert new.person_id == omarov.person_id and new.state == "accepted"


def test_manual_fact_form_keeps_role_csrf_and_escaping_rules(client):
    with db.session() as s:
        claim = s.scalars(select(Claim).where(Claim.person_id.is_not(None))
                          .order_by(Claim.id)).first()
    url = f"/review/persons/{claim.person_id}/add"
    viewer_token = _editor(client, "viewer")
    assert client.get(url).status_code == 403
    r = client.post(url, data={"csrf": viewer_token, "kind": "role", "value": "victim",
                               "reason": "x"}, follow_redirects=False)
    assert r.status_code == 403
    client.cookies.clear()
    token = _editor(client)
    assert client.post(url, data={"kind": "role", "value": "victim", "reason": "x"},
                       follow_redirects=False).status_code == 403  # no CSRF token
    hostile = "<script>alert(1)</script>"
    page = client.get(url, params={"source": claim.source_id, "q": hostile})
    assert page.status_code == 200 and hostile not in page.text
    assert "&lt;script&gt;" in page.text
    bad = client.post(url, data={"csrf": token, "kind": "event", "value": "detained",
                                 "reason": "x", "source": str(claim.source_id),
                                 "span": "5-99999999"}, follow_redirects=False)
    assert bad.status_code == 400
    ok = client.post(url, data={"csrf": token, "kind": "name", "value": "Жаксылык Тестов",
                                "lang": "ru", "reason": "family"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].endswith("done=added")
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "add-claim")).one()
    assert log.actor == "u-editor"


def test_sources_inventory_lists_filters_and_edits_with_the_rules(client):
    with db.session() as s:
        src = s.scalars(select(Source).order_by(Source.id)).first()
    token = _editor(client, "viewer")
    page = client.get("/review/sources")
    assert page.status_code == 200 and f'href="/review/sources/{src.id}"' in page.text
    assert client.post(f"/review/sources/{src.id}", data={"csrf": token, "title": "x"},
                       follow_redirects=False).status_code == 403  # a viewer only reads
    client.cookies.clear()
    token = _editor(client)
    hostile = "<img src=x onerror=alert(1)>"
    r = client.post(f"/review/sources/{src.id}",
                    data={"csrf": token, "title": hostile, "publisher": "Viasna",
                          "published_at": src.published_at or "2024", "reason": "from the page"},
                    follow_redirects=False)
    assert r.status_code == 303 and "title" in r.headers["location"]
    listed = client.get("/review/sources", params={"publisher": "viasna"}).text
    assert hostile not in listed and "&lt;img src=x" in listed
    assert client.get("/review/sources", params={"publisher": "nobody"}).text.count(
        'href="/review/sources/') == 0
    bad = client.post(f"/review/sources/{src.id}", data={"csrf": token,
                                                         "published_at": "2024-13-01"},
                      follow_redirects=False)
    assert bad.status_code == 400
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-edit")).one()
    assert log.actor == "u-editor" and log.detail["changes"]["publisher"][1] == "Viasna"
    again = client.post(f"/review/sources/{src.id}/reextract", data={"csrf": token},
                        follow_redirects=False)
    assert again.status_code == 303 and "new+claims+proposed" in again.headers["location"]
