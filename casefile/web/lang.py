"""The visitor's language, from the URL: English at /…, Russian at /ru/…, Kazakh at /kk/….

The language is in the address rather than in a cookie or a header so that a link, a bookmark
and a cached page each mean one thing: the page cache keys on it (web/pagecache.py) and a
public page never varies by request header. The prefix is taken off the path here, before
routing, so every route serves every language; views read the language from the scope
(`of(request)`). Redirects keep the visitor's language (a relative Location gets the prefix),
and rendered pages rewrite their own links (web/pages.localize_links).

Accept-Language is the default only for the home page, and only for a visitor arriving from
elsewhere: `/` redirects a browser that prefers Russian or Kazakh to /ru/ or /kk/ unless the
request comes from a link on this site (Sec-Fetch-Site: same-origin), so choosing English in
the switcher sticks. The redirect is decided before the page cache, which keeps `/` in English
only, and both answers say `Vary: Accept-Language, Sec-Fetch-Site` for caches in between.
Every other unprefixed address is English for everyone.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casefile.i18n import LANGS

KEY = "casefile.lang"
PREFIXED = tuple(lang for lang in LANGS if lang != "en")
VARY = "Accept-Language, Sec-Fetch-Site"


def split(path: str) -> tuple[str, str]:
    """('ru', '/prisoners') from '/ru/prisoners'; ('en', path) for an unprefixed path."""
    for lang in PREFIXED:
        if path == f"/{lang}" or path.startswith(f"/{lang}/"):
            return lang, path[len(lang) + 1:] or "/"
    return "en", path


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"/{lang}"


def of(conn: HTTPConnection) -> str:
    """The language the request was made in."""
    return str(conn.scope.get(KEY, "en"))


def preferred(accept_language: str) -> str:
    """The language of LANGS the header ranks highest (English when none is named).
    'kk-KZ,ru;q=0.9,en;q=0.8' -> 'kk'; a q of 0 refuses a language."""
    best, best_q = "en", 0.0
    for position, item in enumerate(accept_language.split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        code = tag.strip().split("-")[0].lower()
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        q -= position * 1e-6  # equal weights: the earlier wins
        if code in LANGS and q > 0 and q > best_q:
            best, best_q = code, q
    return best


class Language:
    """Takes the language prefix off the path into the scope; redirects `/` by
    Accept-Language as described above; keeps the prefix on redirects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang, path = split(scope["path"])
        home = path == "/"
        if lang == "en" and home and scope["method"] in ("GET", "HEAD"):
            headers = HTTPConnection(scope).headers
            wanted = preferred(headers.get("accept-language", ""))
            if wanted != "en" and headers.get("sec-fetch-site") != "same-origin":
                await send({"type": "http.response.start", "status": 302, "headers": [
                    (b"location", f"/{wanted}/".encode()), (b"vary", VARY.encode()),
                    (b"cache-control", b"no-cache"), (b"content-length", b"0")]})
                await send({"type": "http.response.body", "body": b""})
                return
        if lang != "en":
            raw = scope.get("raw_path") or scope["path"].encode()
            scope = {**scope, "path": path, "raw_path": raw[len(lang) + 1:] or b"/", KEY: lang}

        async def localized(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                location = headers.get("location", "")
                if lang != "en" and location.startswith("/") and not location.startswith("//"):
                    headers["location"] = prefix(lang) + location
                if home:
                    headers.append("vary", VARY)
            await send(message)

        await self.app(scope, receive, localized)
