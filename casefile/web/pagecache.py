"""Public pages made once per registry version and day, then served again to every visitor.

A visitor without a session sees exactly what every other such visitor sees, until the
registry changes or the day does (lists default to "as of today"). Every change to the
registry writes the audit log, so its newest id is the version: a review decision shows on
the public pages with the very next request. Requests carrying a session cookie or an API
token are never answered from here nor kept (their pages carry a CSRF token or editors'
data), and only the public read paths below are kept at all.

An ASGI middleware rather than a helper in each view: a hit then costs one indexed
`max(id)` and no routing, dependency solving or thread hand-off, which was most of the time
of a page served under load. The cache is bounded in bytes, least recently used out first,
so a crawler walking every dossier cannot grow the server past its memory budget. Pages are
kept gzipped (HTML shrinks five to ten times, so the budget holds that many more pages) and
sent so to browsers, which all take gzip; other clients get them unpacked.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections import OrderedDict
from datetime import date
from typing import Any

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casefile import settings
from casefile.registry import audit, db
from casefile.web import auth, lang

MAX_BYTES = settings.page_cache_bytes()  # 16 MB: 5,000 gzipped dossiers (issue 16)
PUBLIC = re.compile(r"(/api/v1)?/(|index\.json|stats|prisoners(\.json|\.csv|\.pdf)?"
                    r"|persons(\.json)?|persons/\d+(\.json)?|search(\.json)?"
                    r"|sources/\d+(\.json)?|changes\.atom|figures(\.json|\.csv)?)")
KEPT = {200, 301, 404}

Headers = tuple[tuple[bytes, bytes], ...]
Page = tuple[int, Headers, bytes]  # status, headers (shared: see _share), gzipped body
_pages: OrderedDict[tuple[Any, ...], Page] = OrderedDict()
_size = 0
_lock = threading.Lock()
_current: dict[str, tuple[int, date]] = {}  # url -> the newest (version, day) a request saw
_headers: dict[Headers, Headers] = {}  # one copy of each distinct set of headers
SHARED = 256  # distinct sets of headers kept; pages with others keep their own


def _cost(key: tuple[Any, ...], page: Page) -> int:
    """Bytes a kept page holds: its body and its key (the query string is the visitor's to
    make long), plus the bookkeeping around them; its headers when they are its own."""
    own = 0 if _headers.get(page[1]) is page[1] else sum(len(k) + len(v) for k, v in page[1])
    return len(page[2]) + own + len(key[3]) + len(key[4]) + 512


def _share(headers: Headers) -> Headers:
    """The one kept copy of `headers`. Nearly every page has the same dozen (the security
    headers, the type, the language): 600 bytes, a quarter of a gzipped dossier, were
    stored again with each one."""
    with _lock:
        kept = _headers.get(headers)
        if kept is None and len(_headers) < SHARED:
            kept = _headers[headers] = headers
    return kept or headers


class PageCache:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or not MAX_BYTES
                or not PUBLIC.fullmatch(scope["path"]) or _personal(scope)):
            await self.app(scope, receive, send)
            return
        url = scope["app"].state.db_url
        with db.loop_engine(url).connect() as conn:  # not the threads' pool: see loop_engine
            version = audit.version(conn)  # a connection, not an ORM session: half a hit
        key = (url, version, date.today(), scope["path"], scope["query_string"],
               scope.get(lang.KEY, "en"))  # the prefix is off the path by now: web/lang.py
        with _lock:
            _forget_older(url, version, key[2])
            page = _pages.get(key)
            if page is not None:
                _pages.move_to_end(key)
        if page is not None:
            gzipped = "gzip" in HTTPConnection(scope).headers.get("accept-encoding", "").lower()
            await _serve(page, gzipped, send)
            return
        start: Message | None = None
        body: list[bytes] | None = []

        async def keep(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"vary", b"accept-encoding"))
                start = {**message, "headers": list(message["headers"])}
                if message["status"] not in KEPT or any(
                        k in (b"set-cookie", b"content-encoding") for k, _ in message["headers"]):
                    body = None
            elif message["type"] == "http.response.body" and body is not None:
                body.append(message.get("body", b""))
                if sum(map(len, body)) > MAX_BYTES // 8:
                    body = None  # one huge page would push out hundreds of small ones
                elif not message.get("more_body") and start is not None:
                    _keep(key, (start["status"], _share(tuple(  # the length: _serve's
                        h for h in start["headers"] if h[0] != b"content-length")),
                                gzip.compress(b"".join(body), 6, mtime=0)))
            await send(message)

        await self.app(scope, receive, keep)


async def _serve(page: Page, gzipped: bool, send: Send) -> None:
    """A kept page, gzipped as kept when the client takes that (browsers do), else unpacked."""
    status, kept, packed = page
    body = packed if gzipped else gzip.decompress(packed)
    headers = list(kept)
    headers.append((b"content-length", str(len(body)).encode()))
    if gzipped:
        headers.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _personal(scope: Scope) -> bool:
    conn = HTTPConnection(scope)
    return (any(name in conn.cookies for name in auth.COOKIES)
            or "authorization" in conn.headers)


def _forget_older(url: str, version: int, day: date) -> None:
    """Drop the pages of an older registry version or day, once a request sees a newer one:
    no request asks for them again, and with captures every few seconds they were most of
    the budget, held until pushed out (issue 16: memory per server process). Under _lock."""
    global _size
    if _current.get(url, (0, day)) >= (version, day):
        return
    _current[url] = (version, day)
    for key in [k for k in _pages if k[0] == url and (k[1], k[2]) < (version, day)]:
        _size -= _cost(key, _pages.pop(key))


def _keep(key: tuple[Any, ...], page: Page) -> None:
    global _size
    with _lock:
        if key in _pages or (key[1], key[2]) < _current.get(key[0], (0, key[2])):
            return  # kept already, or made from a version that is past by now
        _pages[key] = page
        _size += _cost(key, page)
        while _size > MAX_BYTES:
            _size -= _cost(*_pages.popitem(last=False))
