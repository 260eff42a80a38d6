"""robots.txt, read as a polite crawler reads it: once per host per run, fetched through the
same defensive fetch as the pages (a robots.txt is hostile input too).

The answers follow RFC 9309: a robots.txt that is missing or forbidden (4xx) allows
everything; one that cannot be had (5xx, timeout) allows nothing this time, and the caller
fails the fetch so that it is tried again later rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.robotparser import RobotFileParser

import httpx

from casefile.errors import CaptureError
from casefile.sources.fetch import USER_AGENT, Fetched, fetch_response

ROBOTS_BYTES = 512 * 1024  # Google reads the first 500 KiB; a longer file is not a real one


class Robots:
    """The robots.txt rules of every host asked about, each fetched once (`fetch` is called
    with a URL and returns a Fetched: a politeness-keeping fetch, in a watch run)."""

    def __init__(self, fetch: Callable[..., Fetched] = fetch_response) -> None:
        self._fetch = fetch
        self._rules: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        """May Casefile fetch `url`? CaptureError when the host's robots.txt cannot be had."""
        parsed = httpx.URL(url)
        host = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        if host not in self._rules:
            self._rules[host] = self._read(host + "/robots.txt")
        return self._rules[host].can_fetch(USER_AGENT, url)

    def _read(self, robots_url: str) -> RobotFileParser:
        got = self._fetch(robots_url, max_bytes=ROBOTS_BYTES)
        rules = RobotFileParser(robots_url)
        if 200 <= got.status < 300:
            rules.parse(got.body.decode("utf-8", "replace").splitlines())
        elif 400 <= got.status < 500:
            rules.parse([])  # no rules: everything allowed
        else:
            raise CaptureError(f"robots.txt unavailable (HTTP {got.status}) at {robots_url}")
        return rules
