"""Web fixtures: the app over a registry filled by capturing the real seed documents, users
made through the same code `casefile users add` uses, and a live loopback server for the
browser and schemathesis tests (uvicorn in a thread, a random port, a SQLite registry)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Claim, User
from casefile.web import auth
from casefile.web.app import create_app
from tests.conftest import seed

SMALL = ("000", "001", "003", "004")  # news items: every claim stays proposed
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


def fill(url: str | None = None) -> None:
    """Capture the seeds: the annex (002) as a trusted list, the news items for review."""
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue", url=url)
    for prefix in SMALL:
        capture(str(seed(prefix)), country="KZ", url=url)


def add_user(username: str, role: str, url: str | None = None, totp: str | None = None,
             token: str | None = None) -> None:
    with db.transaction(url) as s:
        s.add(User(username=username, password_hash=auth.hash_password(PASSWORD), role=role,
                   totp_secret=totp, api_token_hash=auth.token_hash(token) if token else None))


def proposed_claim(url: str | None, mention_like: str) -> Claim:
    with db.session(url) as s:
        return s.scalars(select(Claim).where(Claim.state == "proposed",
                                             Claim.predicate == "event",
                                             Claim.mention.like(f"%{mention_like}%"))
                         .order_by(Claim.id)).first()


@pytest.fixture
def seeded(registry: str) -> str:
    fill()
    return registry


@pytest.fixture
def client(seeded: str) -> TestClient:
    return TestClient(create_app(seeded), base_url="https://testserver")


def login(c: TestClient, username: str, password: str = PASSWORD):
    page = c.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    return c.post("/login", data={"username": username, "password": password, "csrf": token,
                                  "next": "/review"}, follow_redirects=False)


def csrf_of(html: str) -> str:
    return html.split('name="csrf" value="')[1].split('"')[0]


class LiveServer:
    """uvicorn in a thread on a port the kernel chose. The socket is bound here and handed to
    uvicorn, not closed and bound again by it: with several test workers another could take
    the port in between."""

    def __init__(self, url: str, home: Path | None = None, **options: Any) -> None:
        self.db_url, self.home = url, home
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        settings = {"log_level": "warning", "access_log": False, **options}
        config = uvicorn.Config(create_app(url), **settings)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    """A served registry with the seeds captured, an editor and a viewer."""
    home = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{home / 'registry.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CASEFILE_HOME", str(home))
        mp.setenv("CASEFILE_DATABASE_URL", url)
        mp.setenv("CASEFILE_RATE_EXPENSIVE", "0")  # schemathesis asks hundreds of times a minute
        fill(url)
        add_user("editor", "editor", url)
        add_user("viewer", "viewer", url)
        add_user("admin", "admin", url)
        with LiveServer(url, home) as server:
            yield server
        db.engine(url).dispose()
        db.loop_engine(url).dispose()


def pytest_collection_modifyitems(items) -> None:
    """Browser tests need Debian's chromium; say so plainly when it is missing."""
    if os.path.exists("/usr/bin/chromium"):
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium missing: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
