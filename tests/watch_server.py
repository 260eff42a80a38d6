"""A news site on 127.0.0.1 for watch tests: an RSS feed and an HTML listing that the test
changes between runs, a robots.txt, validators (ETag on the feed, Last-Modified on the page)
honoured with 304, and failures (a status, a stall) switched on per path. Every request is
logged with its conditional headers and the status answered, so tests assert what the
server saw."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """A feed of (guid, title, RFC 822 date, text) items."""
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><pubDate>{d}</pubDate>"
                   f"<description>{x}</description></item>" for g, t, d, x in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>News</title>{body}</channel></rss>").encode()


def page(*items: tuple[str, str, str, str]) -> bytes:
    """A news page of (link, title, ISO date, text) articles."""
    body = "".join(f'<article><h2><a href="{link}">{t}</a></h2><time datetime="{d}">{d}'
                   f"</time><p>{x}</p></article>" for link, t, d, x in items)
    return f"<!doctype html><html><body><main>{body}</main></body></html>".encode()


@dataclass
class Seen:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int


@dataclass
class Site:
    base: str = ""
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    modified: dict[str, str] = field(default_factory=dict)  # path -> Last-Modified
    fail: dict[str, int] = field(default_factory=dict)  # path -> status answered instead
    stall: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0  # requests being answered now
    most_in_flight: int = 0  # the most answered at once
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def gets(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook
            path = self.path
            with site.lock:
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
            if path in site.stall:
                time.sleep(site.stall[path])
            with site.lock:
                site.in_flight -= 1
            status, headers, body = self._answer(path)
            with site.lock:
                site.seen.append(Seen(path, self.headers.get("If-None-Match"),
                                      self.headers.get("If-Modified-Since"), status))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def _answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
            if path in site.fail:
                return site.fail[path], {}, b"down"
            if path not in site.files:
                return 404, {}, b"not found"
            body, kind = site.files[path]
            headers = {"Content-Type": kind}
            if kind.startswith("application/rss"):
                headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == headers["ETag"]:
                    return 304, headers, b""
            if path in site.modified:
                headers["Last-Modified"] = site.modified[path]
                if self.headers.get("If-Modified-Since") == site.modified[path]:
                    return 304, headers, b""
            return 200, headers, body

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    """The site, served until the block ends (each test module's `site` fixture)."""
    news = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(news))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    news.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield news
    finally:
        server.shutdown()
        server.server_close()
