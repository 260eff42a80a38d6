"""What one request may cost the server: how much body it may send, how often one address may
ask for the expensive pages.

Both are plain ASGI middlewares, so they act before routing, before any form is parsed and
before anything is written to disk. Starlette spools a multipart file part over 1 MB to a
temporary file as the body streams in, and a view's dependencies run only after that; so the
size is checked here, on the declared Content-Length (refused at once) and again on every
chunk received (a chunked or lying client is cut off at the limit). Captures may send the
largest source accepted (CASEFILE_MAX_SOURCE_BYTES) plus the form around it; every other
request is a small form or an API call (CASEFILE_MAX_FORM_BYTES). Who may post is the view's
rule (its role check runs before its form is read, see views/editor.py); the size is this
module's.

The rate limit is per client address over a sliding minute, on the routes whose cost the page
cache does not bound: the PDF list (seconds of CPU for each new date), searches, the list's
CSV/JSON downloads and the pages asked for with an `as_of` date of the visitor's choosing.
Behind a reverse proxy the address is the proxy's unless uvicorn is told to trust its
forwarded headers.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casefile import settings

UPLOADS = re.compile(r"/capture")
CLOSE = [(b"connection", b"close")]  # the rest of a refused body is never read


class BodyTooLarge(Exception):
    """Raised from `receive` when a streamed body passes its limit."""


async def _refuse(scope: Scope, send: Send, status: int, message: str,
                  headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A short error in the form the client asked for (JSON under /api/ and for .json)."""
    path = scope.get("path", "")
    if path.startswith("/api/") or path.endswith(".json"):
        body, kind = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body, kind = message.encode() + b"\n", b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses (413) a request whose body is, or turns out to be, larger than its route allows."""

    def __init__(self, app: ASGIApp, form_bytes: int | None = None,
                 upload_bytes: int | None = None) -> None:
        self.app = app
        self.form_bytes = settings.max_form_bytes() if form_bytes is None else form_bytes
        self.upload_bytes = settings.max_upload_bytes() if upload_bytes is None else upload_bytes

    def limit(self, scope: Scope) -> int:
        upload = scope["method"] == "POST" and UPLOADS.fullmatch(scope["path"])
        return self.upload_bytes if upload else self.form_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope)
        too_large = f"The request is too large: at most {limit:,} bytes here."
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, send, 413, too_large, CLOSE)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, send, 413, too_large, CLOSE)


@dataclass(frozen=True)
class Rule:
    """At most `per_minute` requests from one address to paths matching `paths` (and, if
    given, with a query string in which `query` is found). Rules of one name share a budget."""

    name: str
    paths: re.Pattern[str]
    per_minute: int
    query: re.Pattern[bytes] | None = None

    def applies(self, scope: Scope) -> bool:
        return bool(self.paths.fullmatch(scope["path"])) and (
            self.query is None or bool(self.query.search(scope.get("query_string", b""))))


def default_rules() -> list[Rule]:
    """The PDF list; searches and list downloads; and the pages that build the list or the
    count over time for a date of the visitor's choosing (each date is built anew)."""
    expensive = settings.rate_expensive()
    return [Rule("pdf", re.compile(r"/prisoners\.pdf"), settings.rate_pdf()),
            Rule("expensive", re.compile(r"(/api/v1)?/search(\.json)?|/prisoners\.(csv|json)"
                                         r"|/api/v1/prisoners"), expensive),
            Rule("expensive", re.compile(r"/|/prisoners|/stats|/api/v1/stats"), expensive,
                 re.compile(rb"(^|&)as_of=[^&]"))]


class Window:
    """Sliding one-minute windows of request times per key, bounded in keys (the oldest
    addresses are forgotten first, so a flood of addresses cannot grow the server)."""

    MAX_KEYS = 20_000

    def __init__(self, seconds: float = 60.0) -> None:
        self.seconds = seconds
        self._hits: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: tuple[str, str], limit: int) -> float:
        """0 if the request may go (and it is counted), else seconds until it may."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            while hits and now - hits[0] >= self.seconds:
                hits.popleft()
            self._hits[key] = hits
            if len(hits) >= limit:
                return self.seconds - (now - hits[0])
            hits.append(now)
            while len(self._hits) > self.MAX_KEYS:
                self._hits.popitem(last=False)
            return 0.0


class RateLimit:
    """429 with Retry-After once an address passes a rule's requests per minute."""

    def __init__(self, app: ASGIApp, rules: list[Rule] | None = None) -> None:
        self.app = app
        self.rules = [r for r in (default_rules() if rules is None else rules) if r.per_minute]
        self.window = Window()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            rule = next((r for r in self.rules if r.applies(scope)), None)
            if rule is not None:
                address = (scope.get("client") or ("unknown", 0))[0]
                wait = self.window.wait((rule.name, address), rule.per_minute)
                if wait:
                    retry = str(max(1, math.ceil(wait))).encode()
                    await _refuse(scope, send, 429, "Too many requests from this address: "
                                  f"at most {rule.per_minute} a minute here.",
                                  [(b"retry-after", retry)])
                    return
        await self.app(scope, receive, send)
