"""/review/watches: editors add a watch with the form and run it now with the button (CSRF
checked, editors only), and the page shows its last result and error, escaped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from casefile.registry import db, watch_queue
from casefile.registry.models import Source, Watch
from tests.watch_server import Site, rss, serving
from tests.web.conftest import add_user, csrf_of, login

ITEM = ("a", "Verdict", "Mon, 09 Mar 2020 09:30:00 +0600",
        "On Monday a court sentenced journalist Marat Bekov to five years in prison.")
FORGED = "0" * 32


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    monkeypatch.setenv("CASEFILE_WATCH_HOST_INTERVAL", "0")
    with serving() as news:
        yield news


def _work() -> None:
    """On PostgreSQL "Run now" queues the run: a worker does it."""
    if watch_queue.used():
        watch_queue.work(once=True)


def _items() -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Source).where(
            Source.item_key.is_not(None)))


def test_an_editor_adds_a_watch_and_runs_it_now(client, site: Site):
    site.files["/feed.xml"] = (rss(ITEM), "application/rss+xml")
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    token = csrf_of(client.get("/review/watches").text)
    r = client.post("/review/watches", data={
        "csrf": token, "url": site.url("/feed.xml"), "every": "15",
        "publisher": "<script>alert(1)</script>", "country": "KZ"}, follow_redirects=False)
    assert r.status_code == 303
    with db.session() as s:
        [watch] = s.scalars(select(Watch))
        assert (watch.every_minutes, watch.created_by, watch.trusted) == (15, "ed", False)
    page = client.get("/review/watches").text
    assert f'action="/review/watches/{watch.id}/run"' in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    r = client.post(f"/review/watches/{watch.id}/run", data={"csrf": token},
                    follow_redirects=False)
    assert r.status_code == 303
    _work()
    assert _items() == 1
    assert "1 new, 0 changed, 0 unchanged" in client.get("/review/watches").text
    site.fail["/feed.xml"] = 500
    client.post(f"/review/watches/{watch.id}/run", data={"csrf": token})
    _work()
    row = client.get("/review/watches").text.split(f'id="watch-{watch.id}"')[1]
    assert "HTTP 500" in row and "failed" in row
    assert client.post("/review/watches", data={"csrf": token, "url": "file:///etc/passwd"},
                       follow_redirects=False).status_code == 400
    assert client.post("/review/watches/999/run", data={"csrf": token},
                       follow_redirects=False).status_code == 404


def test_viewers_and_forged_tokens_are_refused(client, site: Site):
    add_user("viewer", "viewer")
    assert login(client, "viewer").status_code == 303
    assert client.get("/review/watches").status_code == 403
    token = csrf_of(client.get("/review").text)
    assert client.post("/review/watches", data={"csrf": token, "url": site.url("/feed.xml")},
                       follow_redirects=False).status_code == 403
    client.cookies.clear()
    add_user("ed", "editor")
    assert login(client, "ed").status_code == 303
    assert client.post("/review/watches", data={"csrf": FORGED, "url": site.url("/feed.xml")},
                       follow_redirects=False).status_code == 403
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Watch)) == 0
