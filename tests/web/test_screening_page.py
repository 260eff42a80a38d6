"""/review/screening: the editors' queue of screening hits, with confirm and dismiss forms
that need an editor and this session's CSRF token, and that escape what a list file says."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import ScreeningHit
from tests.helpers import run
from tests.web.conftest import add_user, csrf_of, login

FORGED = "0" * 32
HOSTILE = "Marat Zhylanbayev <script>alert(1)</script>"


def _queue(tmp_path) -> list[int]:
    path = tmp_path / "list.json"
    path.write_text(json.dumps({"id": "rn-<b>1</b>", "schema": "Person", "properties": {
        "name": ["Жыланбаев Марат", HOSTILE], "topics": ["wanted"]}},
        ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("screen", str(path), "--queue", "--as", "anna")
    assert result.exit_code == 0, result.output
    with db.session() as s:
        return list(s.scalars(select(ScreeningHit.id).order_by(ScreeningHit.id)))


def test_editors_confirm_or_dismiss_hits_on_the_page(client, tmp_path):
    ids = _queue(tmp_path)
    assert ids
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    page = client.get("/review/screening").text
    for hid in ids:
        assert f'action="/review/screening/{hid}"' in page
    assert "<script>alert" not in page and "&lt;b&gt;1&lt;/b&gt;" in page
    token = csrf_of(page)
    r = client.post(f"/review/screening/{ids[0]}", data={"csrf": token, "decision": "confirmed"},
                    follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        hit = s.get(ScreeningHit, ids[0])
        assert hit.state == "confirmed" and hit.decided_by == "ed"
    assert f'id="hit-{ids[0]}"' not in client.get("/review/screening").text
    assert f'id="hit-{ids[0]}"' in client.get("/review/screening?state=confirmed").text
    assert client.post(f"/review/screening/{ids[0]}", data={"csrf": token, "decision": "x"},
                       follow_redirects=False).status_code == 400


def test_viewers_and_forged_tokens_are_refused(client, tmp_path):
    ids = _queue(tmp_path)
    assert client.get("/review/screening", follow_redirects=False).status_code in (303, 307)
    add_user("viewer", "viewer")
    assert login(client, "viewer").status_code == 303
    assert client.get("/review/screening").status_code == 403
    token = csrf_of(client.get("/review").text)
    assert client.post(f"/review/screening/{ids[0]}", data={"csrf": token,
                       "decision": "confirmed"}, follow_redirects=False).status_code == 403
    client.cookies.clear()
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    assert client.post(f"/review/screening/{ids[0]}", data={"csrf": FORGED,
                       "decision": "confirmed"}, follow_redirects=False).status_code == 403
    with db.session() as s:
        assert s.get(ScreeningHit, ids[0]).state == "open"


def test_a_long_queue_is_paged(client, tmp_path, monkeypatch):
    from casefile.web.views import screening as view

    _queue(tmp_path)
    path = tmp_path / "more.json"
    path.write_text(json.dumps({"id": "ex-9", "schema": "Person", "properties": {
        "name": ["AKHYT, Adilet"]}}) + "\n", encoding="utf-8")
    assert run("screen", str(path), "--queue", "--as", "anna").exit_code == 0
    with db.session() as s:
        ids = list(s.scalars(select(ScreeningHit.id)))
    assert len(ids) >= 2
    monkeypatch.setattr(view, "PAGE", 1)
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    shown = []
    for page in range(1, len(ids) + 1):
        html = client.get(f"/review/screening?page={page}").text
        shown += [int(i) for i in re.findall(r'id="hit-(\d+)"', html)]
        assert ('rel="next"' in html) == (page < len(ids))
    assert sorted(shown) == sorted(ids)
