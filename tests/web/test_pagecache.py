"""Public pages are kept per registry version: served again unchanged to anonymous visitors,
rebuilt as soon as the registry changes, never kept for editors, bounded in bytes."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db, review
from casefile.registry.models import Claim
from casefile.web import pagecache
from casefile.web.app import create_app
from casefile.web.views import prisoners
from tests.web.conftest import add_user, login


def test_anonymous_pages_are_served_again_until_the_registry_changes(seeded):
    visitor = TestClient(create_app(seeded), base_url="https://testserver")
    pid = visitor.get("/prisoners.json").json()["persons"][0]["id"]
    path = f"/persons/{pid}"
    first = visitor.get(path)
    with db.session() as s:
        claim = next(c for c in s.scalars(select(Claim).where(Claim.person_id == pid))
                     if f"claim-{c.id}" in first.text)
    kept = len(pagecache._pages)
    again = visitor.get(path)  # httpx asks for gzip and unpacks it
    assert again.text == first.text and len(pagecache._pages) == kept
    assert again.headers["content-encoding"] == "gzip"
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    plain = visitor.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == first.text
    assert int(plain.headers["content-length"]) == len(plain.content)
    with db.transaction() as s:
        review.set_state(s, [claim.id], "rejected", reviewer="test")
    after = visitor.get(path)
    assert after.status_code == 200 and f"claim-{claim.id}" not in after.text


def test_editors_pages_are_never_kept_or_shared(seeded):
    editor = TestClient(create_app(seeded), base_url="https://testserver")
    visitor = TestClient(create_app(seeded), base_url="https://testserver")
    add_user("cache-editor", "editor")
    assert login(editor, "cache-editor").status_code == 303
    seen = editor.get("/prisoners")
    assert "Log out cache-editor" in seen.text
    anonymous = visitor.get("/prisoners")
    assert "Log out" not in anonymous.text and 'name="csrf"' not in anonymous.text
    assert "Log out cache-editor" in editor.get("/prisoners").text


def test_the_cache_stays_within_its_byte_budget(seeded, monkeypatch):
    monkeypatch.setattr(pagecache, "MAX_BYTES", 64 * 1024)
    monkeypatch.setattr(pagecache, "_pages", type(pagecache._pages)())
    monkeypatch.setattr(pagecache, "_size", 0)
    visitor = TestClient(create_app(seeded), base_url="https://testserver")
    ids = [p["id"] for p in visitor.get("/prisoners.json").json()["persons"]]
    for pid in ids:
        assert visitor.get(f"/persons/{pid}").status_code == 200
    assert 0 < pagecache._size <= 64 * 1024
    assert sum(pagecache._cost(k, v) for k, v in pagecache._pages.items()) == pagecache._size
    assert len(pagecache._pages) < len(ids)


def test_a_change_lets_go_of_the_pages_it_reaches_and_keeps_the_others(seeded, monkeypatch):
    """The first request after a change drops the pages it reaches (the reviewed person's
    dossier, the list) and no others: the dossiers of persons it did not touch are served on
    from the cache (issue 16: a capture emptied it of thousands of dossiers)."""
    monkeypatch.setattr(pagecache, "_pages", type(pagecache._pages)())
    monkeypatch.setattr(pagecache, "_size", 0)
    monkeypatch.setattr(pagecache, "_current", {})
    visitor = TestClient(create_app(seeded), base_url="https://testserver")
    ids = [p["id"] for p in visitor.get("/prisoners.json").json()["persons"]]
    for pid in ids:
        visitor.get(f"/persons/{pid}")
    before = dict(pagecache._pages)
    assert len(before) == len(ids) + 1
    with db.session() as s:
        claim = s.scalars(select(Claim.id).where(Claim.person_id == ids[0])).first()
    with db.transaction() as s:
        review.set_state(s, [claim], "rejected", reviewer="test")
    assert visitor.get(f"/persons/{ids[1]}").status_code == 200  # takes the change in
    gone = {k[2] for k, page in before.items() if pagecache._pages.get(k) is not page}
    assert {"/prisoners.json", f"/persons/{ids[0]}"} <= gone
    assert len(gone) < len(before) - 1, "pages the change did not reach were dropped too"
    assert sum(pagecache._cost(k, v) for k, v in pagecache._pages.items()) == pagecache._size


def test_pages_with_the_same_headers_share_one_copy(seeded, monkeypatch):
    """A dossier's dozen headers (security, type, language) are the same on every page: kept
    once, and not counted again against the budget; each is still served with its length."""
    monkeypatch.setattr(pagecache, "_pages", type(pagecache._pages)())
    monkeypatch.setattr(pagecache, "_size", 0)
    visitor = TestClient(create_app(seeded), base_url="https://testserver")
    ids = [p["id"] for p in visitor.get("/prisoners.json").json()["persons"]][:3]
    for pid in ids:
        visitor.get(f"/persons/{pid}")
    kept = [page for key, page in pagecache._pages.items() if key[2].startswith("/persons/")]
    assert len(kept) == 3 and kept[0][1] is kept[1][1] is kept[2][1]
    assert all(k != b"content-length" for k, _ in kept[0][1])
    for (key, page) in pagecache._pages.items():
        if page in kept:
            assert pagecache._cost(key, page) == len(page[2]) + len(key[2]) + len(key[3]) + 512
    again = visitor.get(f"/persons/{ids[1]}", headers={"Accept-Encoding": "identity"})
    assert int(again.headers["content-length"]) == len(again.content)
    assert again.headers["content-security-policy"]


def test_visitors_asking_at_once_for_a_page_wait_for_one_making_of_it(seeded, monkeypatch):
    """After a change, several visitors ask for the same list page at once: it is made once,
    and every one of them gets it."""
    monkeypatch.setattr(pagecache, "_pages", type(pagecache._pages)())
    monkeypatch.setattr(pagecache, "_size", 0)
    made = []
    real = prisoners.page_of

    def counted(*args, **kwargs):  # pages made; a try on the event loop may stop short
        shown = real(*args, **kwargs)
        made.append(args[1])
        return shown

    monkeypatch.setattr(prisoners, "page_of", counted)
    app = create_app(seeded)

    async def visit() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
            return await asyncio.gather(*[c.get("/prisoners?sort=name") for _ in range(6)])

    with ThreadPoolExecutor(1) as own:  # a loop of its own: browser tests leave one running
        answers = own.submit(lambda: asyncio.run(visit())).result()
    assert {r.status_code for r in answers} == {200} and len({r.text for r in answers}) == 1
    assert len(made) == 1


def test_a_visitor_who_does_not_read_holds_up_no_one(seeded, monkeypatch):
    """A page streamed to a client that stops reading (here the list as CSV, too large to
    keep) is not waited on by the next visitor asking for it: they get it made again."""
    monkeypatch.setattr(pagecache, "MAX_BYTES", 4096)  # the CSV is more than an eighth
    monkeypatch.setattr(pagecache, "FLIGHT_WAIT", 3600.0)  # waiting would outlast the test
    app = create_app(seeded)

    def request() -> dict:
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": "GET", "scheme": "https", "path": "/prisoners.csv",
                "raw_path": b"/prisoners.csv", "query_string": b"", "root_path": "",
                "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 5000),
                "server": ("testserver", 443)}

    async def visit() -> tuple[bool, bytes]:
        reading = asyncio.Event()
        first_started = asyncio.Event()

        async def receive() -> dict:
            await asyncio.Event().wait()  # no body, and no disconnect either
            return {}

        async def stalled(message: dict) -> None:
            if message["type"] == "http.response.body":
                first_started.set()
                await reading.wait()  # a client that does not read

        got: list[bytes] = []

        async def reader(message: dict) -> None:
            if message["type"] == "http.response.body":
                got.append(message.get("body", b""))

        first = asyncio.create_task(app(request(), receive, stalled))
        await first_started.wait()
        second = asyncio.create_task(app(request(), receive, reader))
        done, _ = await asyncio.wait({second}, timeout=60)  # a bound, not a measure
        reading.set()
        await first
        return second in done, b"".join(got)

    with ThreadPoolExecutor(1) as own:
        answered, body = own.submit(lambda: asyncio.run(visit())).result()
    assert answered, "the second visitor waited on the first one's reading"
    assert body.count(b"\n") > 2  # the list's header and rows
