"""Public pages made once, then served again to every visitor until a change reaches them.

A visitor without a session sees exactly what every other such visitor sees, until the
registry changes in a way that reaches the page, or the day changes (lists default to "as of
today"). Every change to the registry writes the audit log, so its newest id is the version:
the first request to see a newer one reads the entries since the last it saw and lets go of
the pages they reach (casefile.web.reach: the dossiers and source pages of the persons and
sources touched, the lists of their countries, the searches whose words their index entries
match, and every page made from the whole registry); the others stay. A review
decision therefore shows on the public pages with the very next request, and a capture no
longer empties the cache of thousands of dossiers it did not touch. Requests carrying a
session cookie or an API
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

import asyncio
import contextlib
import gzip
import logging
import re
import threading
import time
from collections import OrderedDict
from datetime import date

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casefile import settings
from casefile.registry import audit, db
from casefile.registry.models import AuditEntry
from casefile.web import auth, lang, listing, reach

MAX_BYTES = settings.page_cache_bytes()  # 16 MB: 5,000 gzipped dossiers (issue 16)
PUBLIC = re.compile(r"(/api/v1)?/(|index\.json|stats|prisoners(\.json|\.csv|\.pdf)?"
                    r"|persons(\.json)?|persons/\d+(\.json)?|search(\.json)?"
                    r"|sources/\d+(\.json)?|changes\.atom|figures(\.json|\.csv)?)")
KEPT = {200, 301, 404}

Headers = tuple[tuple[bytes, bytes], ...]
Page = tuple[int, Headers, bytes]  # status, headers (shared: see _share), gzipped body
Key = tuple[str, date, str, bytes, str, reach.Scope]  # url, day, path, query, language, and
_pages: OrderedDict[Key, Page] = OrderedDict()  # what the page shows (reach.scope_of)
_size = 0
_lock = threading.Lock()
_moving = threading.Lock()  # one request at a time reads what changed (_advance)
_current: dict[str, tuple[int, date]] = {}  # url -> the (version, day) the pages are valid at
_headers: dict[Headers, Headers] = {}  # one copy of each distinct set of headers
SHARED = 256  # distinct sets of headers kept; pages with others keep their own
# Pages being made, by key: a request for one waits for it instead of making it again (after
# a change, the popular pages were asked for by several visitors at once, each making them).
# Only requests on the same event loop wait (one loop per server process; tests run several).
_flights: dict[Key, tuple[asyncio.AbstractEventLoop, asyncio.Event]] = {}
FLIGHT_WAIT = 10.0  # seconds a request waits for another's making of a page, then makes it
# Searches are kept past changes that do not reach them (casefile.web.reach), ranked with the
# index's statistics of when they were made: at most this long, then all are made again.
SEARCH_RANKED = 600.0  # seconds
_ranked: dict[str, float] = {}  # url -> when every search was last dropped (monotonic)
log = logging.getLogger(__name__)


def _cost(key: Key, page: Page) -> int:
    """Bytes a kept page holds: its body and its key (the query string is the visitor's to
    make long), plus the bookkeeping around them; its headers when they are its own."""
    own = 0 if _headers.get(page[1]) is page[1] else sum(len(k) + len(v) for k, v in page[1])
    return len(page[2]) + own + len(key[2]) + len(key[3]) + 512


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
        day = date.today()
        if version > _current.get(url, (version, day))[0]:
            await run_in_threadpool(_advance, url, version)
        path, query = scope["path"], scope["query_string"]
        key: Key = (url, day, path, query,
                    scope.get(lang.KEY, "en"),  # the prefix is off the path by now: web/lang.py
                    reach.scope_of(path, query))
        page = _kept(key, (url, version, day))
        loop = asyncio.get_running_loop()
        flight = _flights.get(key)
        if page is None and flight is not None and flight[0] is loop:
            # The same page being made: wait until it is kept (or known not to be), not for
            # its sending, and not for long whatever happens to its maker.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(flight[1].wait(), FLIGHT_WAIT)
            page = _kept(key)
        if page is not None:
            gzipped = "gzip" in HTTPConnection(scope).headers.get("accept-encoding", "").lower()
            await _serve(page, gzipped, send)
            return
        made = asyncio.Event()
        _flights[key] = (loop, made)
        try:
            await self._make(scope, receive, send, key, version, made)
        finally:
            if _flights.get(key, (None, None))[1] is made:
                del _flights[key]
            made.set()

    async def _make(self, scope: Scope, receive: Receive, send: Send, key: Key,
                    version: int, made: asyncio.Event) -> None:
        """The page from the app, sent and kept; `made` is set before the first of its body
        is sent: a page in one piece (every HTML page) is kept by then, and the others (a
        stream, a status not kept) are made again by whoever waited, rather than waited on
        while a slow client reads them."""
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
            elif message["type"] == "http.response.body":
                if body is not None:
                    body.append(message.get("body", b""))
                    if sum(map(len, body)) > MAX_BYTES // 8:
                        body = None  # one huge page would push out hundreds of small ones
                    elif not message.get("more_body") and start is not None:
                        _keep(key, version, (start["status"], _share(tuple(  # length: _serve's
                            h for h in start["headers"] if h[0] != b"content-length")),
                                    gzip.compress(b"".join(body), 6, mtime=0)))
                made.set()  # kept by now, or streamed on: no one waits on this client's reading
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


def _kept(key: Key, seen: tuple[str, int, date] | None = None) -> Page | None:
    """The page kept under `key`, if any; `seen`: the (registry, version, day) the request
    read, taken in first (`_start`) under the same hold of the lock."""
    with _lock:
        if seen is not None:
            _start(*seen)
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
    return page


def _start(url: str, version: int, day: date) -> None:
    """A registry's first version seen, and a new day: the pages of the day before are
    dropped (lists and dossiers are as of today). Under _lock."""
    global _size
    seen = _current.get(url)
    if seen is None:
        _current[url] = (version, day)
    elif seen[1] < day:
        _current[url] = (max(version, seen[0]), day)
        for key in [k for k in _pages if k[0] == url and k[1] < day]:
            _size -= _cost(key, _pages.pop(key))


def _advance(url: str, version: int) -> None:
    """Bring the pages of `url` up to `version`: read the audit entries since the version
    they hold and drop the pages those reach (all of them if that cannot be told). In a
    worker thread, one at a time: a request that sees a newer version waits for this, so it
    is never answered from a page the change has made stale."""
    global _size
    with _moving:
        seen = _current.get(url)
        if seen is None or seen[0] >= version:
            return
        default = None
        try:
            with db.session(url) as s:
                entries = list(s.scalars(
                    select(AuditEntry).where(AuditEntry.id > seen[0], AuditEntry.id <= version)
                    .order_by(AuditEntry.id).limit(reach.MOST + 1)))
                reached = reach.reach(s, entries)
                if reached is not None and reached.countries:
                    default = listing.most_cases(s)
                now = time.monotonic()
                if reached is not None and now - _ranked.setdefault(url, now) < SEARCH_RANKED:
                    with _lock:
                        asked = {str(k[5][1]) for k in _pages
                                 if k[0] == url and k[5] is not None and k[5][0] == "search"}
                    reached = reach.with_searches(s, reached, asked)
                elif reached is None or reached.registry:
                    _ranked[url] = now  # every search dropped: ranked afresh from here
        except Exception:  # the database busy or gone: forget everything rather than guess
            log.warning("could not read what changed; the kept pages are dropped",
                        exc_info=True)
            reached = None
        with _lock:
            for key in [k for k in _pages if k[0] == url
                        and (reached is None or reached.holds(k[5], default))]:
                _size -= _cost(key, _pages.pop(key))
            _current[url] = (version, _current[url][1])


def _keep(key: Key, version: int, page: Page) -> None:
    """Keep a page made at `version` (the newest audit id when its request began: what it
    shows is at least that new), unless a newer change has been taken in since, which may
    have reached it."""
    global _size
    with _lock:
        if key in _pages or (version, key[1]) < _current.get(key[0], (0, key[1])):
            return  # kept already, or made before a change that is now taken in
        _pages[key] = page
        _size += _cost(key, page)
        while _size > MAX_BYTES:
            _size -= _cost(*_pages.popitem(last=False))
