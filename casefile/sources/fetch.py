"""Fetch one URL's bytes, defensively: a capture must never hang, fill the disk or escape.

Redirects are followed by hand so every target's scheme is checked again (a page may
redirect to file:// or javascript:), loops are named as loops, the body is streamed and cut
off at the size limit (Content-Length is not trusted), and one overall deadline bounds the
whole fetch. Proxies from the usual environment variables (HTTPS_PROXY, NO_PROXY) are
honoured so that a researcher can route captures through a proxy of their choice.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass

import httpx

from casefile import settings
from casefile.errors import CaptureError
from casefile.progress import Progress, silent
from casefile.sources.document import human_size, too_big

ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = "Casefile/0.1 (source capture for human-rights documentation)"
CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """What a GET answered, after its redirects: any final status (a watch reads 304 and a
    robots.txt reads 404 as answers, not failures), the body, the headers it acts on."""

    status: int
    body: bytes
    url: str  # after redirects
    headers: dict[str, str]  # lower-cased names


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    progress: Progress = silent,
) -> tuple[bytes, str, str]:
    """GET `url`; return (body, final URL after redirects, Content-Type header or "").
    `progress` hears of the bytes as they come. Any answer but a 2xx is a CaptureError."""
    got = fetch_response(url, timeout=timeout, max_bytes=max_bytes,
                         max_redirects=max_redirects, progress=progress)
    if not 200 <= got.status < 300:
        raise CaptureError(f"HTTP {got.status} from {_short(got.url)}")
    return got.body, got.url, got.headers.get("content-type", "")


def fetch_response(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    progress: Progress = silent,
) -> Fetched:
    """GET `url` with the extra request `headers` (If-None-Match, If-Modified-Since), under
    the same defences as `fetch`, and return whatever final status it answered. Failing to
    get an answer at all (timeout, refused connection, a body over the limit) is a
    CaptureError."""
    timeout = settings.fetch_timeout() if timeout is None else timeout
    limit = settings.max_source_bytes() if max_bytes is None else max_bytes
    hops = settings.fetch_max_redirects() if max_redirects is None else max_redirects
    current = check_url(url)
    seen = {current}
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(follow_redirects=False,
                          headers={**(headers or {}), "User-Agent": USER_AGENT}) as client:
            while True:
                remaining = max(deadline - time.monotonic(), 0.001)
                with client.stream("GET", current, timeout=remaining) as resp:
                    location = resp.headers.get("location")
                    if resp.is_redirect and location is not None:
                        target = check_url(str(resp.url.join(location)))
                        if target in seen:
                            raise CaptureError(f"redirect loop at {_short(target)}")
                        if len(seen) > hops:
                            raise CaptureError(f"more than {hops} redirects fetching {_short(url)}")
                        seen.add(target)
                        current = target
                        continue
                    body = _read_body(resp, limit, deadline, progress)
                    return Fetched(resp.status_code, body, str(resp.url),
                                   {k.lower(): v for k, v in resp.headers.items()})
    except httpx.TimeoutException:
        raise CaptureError(f"timed out after {timeout:g} s fetching {_short(url)}") from None
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
        raise CaptureError(f"fetching {_short(url)} failed: {_one_line(exc)}") from None


def _read_body(resp: httpx.Response, limit: int, deadline: float,
               progress: Progress) -> bytes:
    """Stream the (decoded) body, stopping as soon as it passes the limit or the deadline."""
    where = _short(str(resp.url))
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise CaptureError(too_big(f"response from {where}", int(declared), limit))
    total = int(declared) if declared.isdigit() else None  # compressed: may be passed
    body = bytearray()
    progress("fetching", 0, total)
    for chunk in resp.iter_bytes():
        body += chunk
        progress("fetching", len(body), max(total, len(body)) if total else None)
        if len(body) > limit:
            raise CaptureError(
                f"response from {where} is over the {human_size(limit)} limit "
                "(CASEFILE_MAX_SOURCE_BYTES)"
            )
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("overall deadline passed", request=resp.request)
    return bytes(body)


def check_url(url: str) -> str:
    """The URL normalised, if it is an http(s) URL with a host; CaptureError otherwise."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, UnicodeError) as exc:
        raise CaptureError(f"not a valid URL: {_short(url)} ({_one_line(exc)})") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = parsed.scheme or "none"
        raise CaptureError(
            f"unsupported URL scheme {scheme!r} in {_short(url)} (only http and https)"
        )
    if not parsed.host:
        raise CaptureError(f"URL has no host: {_short(url)}")
    if settings.get("FETCH_ALLOW_PRIVATE") != "1":
        _refuse_private(parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80))
    return str(parsed)


def _refuse_private(host: str, port: int) -> None:
    """A URL from the open web must not reach this machine or its network (a redirect to a
    cloud metadata address, an intranet admin page). Checked for every redirect too. The
    check resolves the name itself, so a DNS answer that changes between this check and the
    connection is not caught: it stops the plain cases, not a determined rebinding attack."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise CaptureError(f"cannot resolve host {host!r}: {_one_line(exc)}") from None
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not addr.is_global:
            raise CaptureError(
                f"refusing to fetch from {host} ({addr}): a private or local address "
                "(set CASEFILE_FETCH_ALLOW_PRIVATE=1 to allow it)")


def content_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    found = CHARSET.search(content_type or "")
    return found.group(1) if found else None


def _short(url: str) -> str:
    """URLs in messages are cut short: a data: or hostile URL can be megabytes long."""
    return url if len(url) <= 200 else url[:200] + "…"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
