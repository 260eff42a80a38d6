"""An editor capturing a document every N seconds through the server, as a browser would:
log in on /login, keep the session cookie, take the CSRF token from the capture form, and
POST /capture with the file. The account is made beforehand with `casefile users add`.

The documents are real: the excerpts under ../shared/eval/docs, then ../shared/seeds, each
capture a different file. A file seen before would be "already captured" (same sha256,
nothing written): the generator has captured the seeds, the pool goes round, and a
PostgreSQL registry is benchmarked in place, run after run. So each gets one short line
naming the capture and the run appended: a new version of a real document. Only the status
is read (200 or 303 is a capture made): the capture page's wording is the server's business
and may change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.web.servers import ROOT

# ../shared beside the project (from a git worktree in ../wt/NAME, two levels up).
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if p.is_dir()), ROOT.parent / "shared")
PASSWORD = "bench-editor-not-a-secret-1"  # a throwaway account on a copy of the registry
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_COOKIE = re.compile(r"((?:__Host-)?casefile_session)=([^;]+)")


@dataclass(frozen=True)
class Document:
    name: str
    body: bytes
    country: str | None


@dataclass
class Captures:
    """What the editor did: the seconds each POST took, stamped with when it began."""

    done: list[tuple[float, float]] = field(default_factory=list)  # (start, seconds)
    failed: list[str] = field(default_factory=list)

    def within(self, start: float, end: float) -> list[float]:
        """The captures that overlapped the window from start to end."""
        return [s for t, s in self.done if t < end and t + s > start]


def pool(shared: Path = SHARED) -> list[Path]:
    """The documents in capture order."""
    return (sorted((shared / "eval" / "docs").glob("*.txt"))
            + sorted((shared / "seeds").glob("*.txt")))


def documents(files: list[Path], run: str) -> Iterator[Document]:
    """Endless: the pool's files, then round again, each body different from all before,
    and from those of other runs (`run`) on the same registry: a PostgreSQL registry is
    benchmarked in place, and a second run's captures were all "already captured", changing
    nothing."""
    n = 0
    while True:
        for path in files:
            body = path.read_bytes() + f"\n\nCapture {n} of web benchmark {run}.\n".encode()
            yield Document(path.name, body, _country(path))
            n += 1


def _country(path: Path) -> str | None:
    gold = path.parent.parent / "gold" / f"{path.stem}.json"
    if gold.is_file():
        return json.loads(gold.read_text()).get("country") or None
    return "KZ"  # the seeds are Kazakh lists


def add_editor(env: dict[str, str], username: str) -> None:
    """The editor's account, made with the CLI as an administrator would."""
    subprocess.run([sys.executable, "-m", "casefile", "users", "add", username,
                    "--role", "editor", "--password-stdin"], cwd=ROOT, env=env,
                   input=PASSWORD, text=True, check=True, capture_output=True)


class Editor:
    """A logged-in editor on `base`; `start` begins capturing every `every` seconds in a
    thread (the next capture starts at once if one took longer), `stop` ends it."""

    def __init__(self, base: str, username: str, every: float, shared: Path = SHARED) -> None:
        files = pool(shared)
        if not files:
            raise SystemExit(f"no documents to capture in {shared}/eval/docs or {shared}/seeds")
        self.client = httpx.Client(base_url=base, timeout=600)
        self.every = every
        self.captures = Captures()
        self._docs = documents(files, username)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._cookie = ""
        self._login(username)

    def _login(self, username: str) -> None:
        # The session cookie is Secure (the site expects HTTPS in front of it), which httpx
        # would keep from a plain-http loopback server: it is carried by hand instead.
        page = self.client.get("/login")
        self._remember(page)
        r = self.client.post("/login", data={"username": username, "password": PASSWORD,
                                             "csrf": _csrf(page.text), "next": "/capture"},
                             headers=self._headers())
        if r.status_code != 303:
            raise SystemExit(f"the editor could not log in (status {r.status_code})")
        self._remember(r)

    def _remember(self, response: httpx.Response) -> None:
        m = _COOKIE.search(response.headers.get("set-cookie", ""))
        if m:
            self._cookie = f"{m.group(1)}={m.group(2)}"

    def _headers(self) -> dict[str, str]:
        return {"Cookie": self._cookie} if self._cookie else {}

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> Captures:
        self._stop.set()
        if self._thread.ident is not None:  # started
            self._thread.join()
        self.client.close()
        return self.captures

    def _run(self) -> None:
        while True:
            began = time.monotonic()
            self.capture_next()
            if self._stop.wait(max(0.0, self.every - (time.monotonic() - began))):
                return

    def capture_next(self) -> None:
        """Capture the next document; what happened goes into self.captures."""
        began = time.monotonic()
        try:
            self._capture(next(self._docs), began)
        except (httpx.HTTPError, ValueError) as exc:
            self.captures.failed.append(repr(exc))

    def _capture(self, doc: Document, began: float) -> None:
        form = self.client.get("/capture", headers=self._headers())
        if form.status_code != 200:
            self.captures.failed.append(f"GET /capture: {form.status_code}")
            return
        fields = {"csrf": _csrf(form.text), "trusted": "on"}
        if doc.country:
            fields["country"] = doc.country
        t = time.monotonic()
        r = self.client.post("/capture", data=fields, headers=self._headers(),
                             files={"file": (doc.name, doc.body, "text/plain")})
        if r.status_code in (200, 303):
            self.captures.done.append((began, time.monotonic() - t))
        else:
            self.captures.failed.append(f"POST /capture {doc.name}: {r.status_code}")


def _csrf(html: str) -> str:
    m = _CSRF.search(html)
    if m is None:
        raise ValueError("no CSRF token on the page")
    return m.group(1)
