"""What one visitor may cost the server (issue 13, item 7): bodies refused before they are read,
PDF lists made once and a bounded number at a time, a rate limit on the expensive routes."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from casefile.registry import db
from casefile.reports.export_pdf import write_pdf
from casefile.web import auth
from casefile.web.app import create_app
from casefile.web.pdfs import Busy, PdfLists
from tests.web.conftest import PASSWORD, LiveServer, add_user, csrf_of, fill, login

SQLITE = pytest.mark.parametrize("registry", ["sqlite"], indirect=True)


def _run(coroutine):
    """Run a coroutine to its end in a thread of its own: the browser tests' Playwright keeps
    an event loop running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _post_head(port: int, path: str, length: int, cookie: str = "") -> bytes:
    """Send a multipart POST's headers and the first bytes of its body, no more, and read
    the answer: a server that waited for the rest of the body would never answer."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {length}\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n")
    start = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + start + b"%PDF-" + b"0" * 60_000)
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < int(
                re.search(rb"content-length: (\d+)", answer, re.I)[1]):  # type: ignore[index]
            more = sock.recv(65536)
            if not more:
                break
            answer += more
        return answer


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def _session_cookie(live: LiveServer, username: str) -> str:
    """Log in over plain http (the cookies are Secure, so httpx keeps them to itself)."""
    def cookie(r: httpx.Response) -> str:
        return r.headers["set-cookie"].split(";")[0]

    page = httpx.get(live.base + "/login")
    r = httpx.post(live.base + "/login", headers={"cookie": cookie(page)},
                   data={"username": username, "password": PASSWORD, "csrf": csrf_of(page.text),
                         "next": "/review"})
    assert r.status_code == 303
    return cookie(r)


def test_anonymous_upload_is_refused_before_its_body_is_read(live):
    """Issue 13 (7): an anonymous 3 GB POST to /capture wrote 3 GB to disk before its 403."""
    huge = _post_head(live.port, "/capture", 3 * 2**30)
    assert _status(huge) == 413, huge[:200]
    assert b"too large" in huge
    small = _post_head(live.port, "/capture", 10 * 2**20)  # within the upload limit: the role
    assert _status(small) == 403, small[:200]


def test_a_viewer_upload_is_refused_before_its_body_is_read(live):
    """The role check runs before the form is parsed (a viewer may not capture)."""
    cookie = _session_cookie(live, "viewer")
    answer = _post_head(live.port, "/capture", 10 * 2**20, cookie)
    assert _status(answer) == 403, answer[:200]
    assert b"editor role" in answer


def test_every_editors_form_checks_the_login_before_reading_the_form(live):
    """Each form view with a role puts that check before its form: an anonymous post to any
    of them is refused with its body unsent (a view added later is checked too)."""
    from fastapi.routing import APIRoute

    from casefile.web.pages import csrf_form
    from casefile.web.views import ROUTERS

    checked = []
    for route in (r for router in ROUTERS for r in router.routes):
        if not isinstance(route, APIRoute) or "POST" not in route.methods:
            continue
        calls = [d.call for d in route.dependant.dependencies]
        if csrf_form not in calls or not any("require" in getattr(c, "__qualname__", "")
                                             for c in calls):
            continue  # the login forms, the API (bearer tokens, JSON bodies)
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        answer = _post_head(live.port, path, 500_000)
        assert _status(answer) == 403, (path, answer[:200])
        checked.append(path)
    assert "/capture" in checked and len(checked) >= 5


def _pull_body(app, cookie: str, chunk: int = 65536, chunks: int = 2000) -> tuple[int, int]:
    """POST an endless chunked body (no Content-Length) to /capture straight into the app:
    (the status, the bytes the app pulled before answering)."""
    pulled, status = 0, 0

    start = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'

    async def receive():
        nonlocal pulled
        body = (start if not pulled else b"") + b"x" * chunk
        pulled += len(body)
        return {"type": "http.request", "body": body, "more_body": pulled < chunk * chunks}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "https", "path": "/capture", "raw_path": b"/capture", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 5000), "server": ("testserver", 443),
             "headers": [(b"host", b"testserver"), (b"cookie", cookie.encode()),
                         (b"content-type", b"multipart/form-data; boundary=xyz")]}
    _run(app(scope, receive, send))
    return status, pulled


@SQLITE
def test_an_editor_upload_is_cut_off_at_the_limit(seeded, monkeypatch):
    """A body with no length (or a false one) is counted as it streams and cut at the limit,
    before Starlette's multipart parser has spooled more than that to a temporary file."""
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", "1000")
    add_user("ed", "editor")
    app = create_app(seeded)
    c = TestClient(app, base_url="https://testserver")
    assert login(c, "ed").status_code == 303
    status, pulled = _pull_body(app, f"{auth.COOKIE}={c.cookies[auth.COOKIE]}")
    assert status == 413
    assert pulled <= 2**20 + 1000 + 65536 + 200  # the limit and the chunk that passed it


def test_a_pdf_list_is_made_once_per_version_and_query(seeded):
    """Issue 13 (7): a reordered query string, or a visitor with a session (whom the page
    cache never serves), made the list again (23 s of CPU each on a large registry)."""
    add_user("v", "viewer")
    app = create_app(seeded)
    visitor = TestClient(app, base_url="https://testserver")
    first = visitor.get("/prisoners.pdf?country=KZ&as_of=2024-01-01")
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    again = visitor.get("/prisoners.pdf?as_of=2024-01-01&country=kz&sort=nonsense")
    viewer = TestClient(app, base_url="https://testserver")
    assert login(viewer, "v").status_code == 303
    with_session = viewer.get("/prisoners.pdf?country=KZ&as_of=2024-01-01")
    assert again.content == first.content == with_session.content
    assert app.state.pdfs.count.renders == 1
    other = visitor.get("/prisoners.pdf?country=KZ&as_of=2023-01-01")
    assert other.status_code == 200 and app.state.pdfs.count.renders == 2
    app.state.pdfs.close()


@pytest.fixture
def one_render(tmp_path, monkeypatch) -> Iterator[LiveServer]:
    """A live server that renders one PDF at a time and lets the others wait for it."""
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path))
    monkeypatch.setenv("CASEFILE_DATABASE_URL", url)
    monkeypatch.setenv("CASEFILE_PDF_RENDERS", "1")
    monkeypatch.setenv("CASEFILE_PDF_WAIT", "300")
    monkeypatch.setenv("CASEFILE_RATE_PDF", "0")  # one address asks for them all
    fill(url)
    with LiveServer(url, tmp_path) as server:
        yield server
        server.server.config.app.state.pdfs.close()
    for make in (db.engine, db.loop_engine):
        make(url).dispose()
        make.cache_clear()
    db._sessionmaker.cache_clear()


def test_pdf_renders_beyond_the_bound_wait_their_turn(one_render):
    """Issue 13 (7): 16 parallel PDFs with new dates ran 16 renders at once."""
    live = one_render
    days = [f"2024-0{m}-01" for m in range(1, 7)]
    statuses: list[int] = []

    def get(day: str) -> None:
        statuses.append(httpx.get(f"{live.base}/prisoners.pdf?as_of={day}", timeout=300)
                        .status_code)

    threads = [threading.Thread(target=get, args=(d,)) for d in days + days[:2]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    count = live.server.config.app.state.pdfs.count
    assert statuses == [200] * len(threads)
    assert count.renders == len(days)  # the two repeated dates waited for their render
    assert count.most_at_once == 1


def held_pdf(until: str) -> bytes:
    """A PDF made only once the file `until` exists (runs in the PDF worker process)."""
    import time
    from pathlib import Path

    while not Path(until).exists():
        time.sleep(0.05)
    return write_pdf("<p>held</p>")


def test_a_pdf_that_finds_no_free_slot_is_refused_with_retry_after(tmp_path):
    """With every slot taken for longer than CASEFILE_PDF_WAIT, a new list is refused (503)
    rather than queued without end; the render under way still finishes."""
    lists = PdfLists(renders=1, wait=0.5, cache_bytes=2**20)
    go_on = tmp_path / "go-on"

    async def both() -> tuple[bytes, BaseException | None]:
        first = asyncio.create_task(lists.get("first", held_pdf, str(go_on)))
        while lists.count.running == 0:
            await asyncio.sleep(0.01)
        try:
            await lists.get("second", write_pdf, "<p>second</p>")
            refused = None
        except Busy as exc:
            refused = exc
        go_on.touch()
        return await first, refused

    try:
        pdf, refused = _run(both())
    finally:
        go_on.touch()
        lists.close()
    assert isinstance(refused, Busy) and Busy.retry_after > 0
    assert pdf.startswith(b"%PDF") and lists.count.renders == 1


@SQLITE
def test_expensive_routes_are_rate_limited_per_address(seeded, monkeypatch):
    monkeypatch.setenv("CASEFILE_RATE_PDF", "2")
    monkeypatch.setenv("CASEFILE_RATE_EXPENSIVE", "3")
    app = create_app(seeded)
    c = TestClient(app, base_url="https://testserver")
    assert [c.get(f"/search.json?q=a{i}").status_code for i in range(3)] == [200] * 3
    refused = c.get("/search.json?q=b")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert refused.json()["detail"].startswith("Too many requests")
    assert c.get("/prisoners.csv").status_code == 429  # the same budget
    assert [c.get(f"/prisoners.pdf?as_of=2024-0{m}-01").status_code for m in (1, 2, 3)] == \
        [200, 200, 429]
    assert c.get("/prisoners?as_of=2021-01-01").status_code == 429  # a list for a new date
    assert c.get("/persons").status_code == 200  # cheap pages are not limited
    assert c.get("/prisoners").status_code == 200
    app.state.pdfs.close()
