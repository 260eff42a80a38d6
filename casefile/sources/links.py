"""Which texts may be a source's link: the one rule for a URL a reader is sent to.

A source's `url` is shown as a link on its page and in every export of the list, where a
`javascript:` or `data:` URL would run or smuggle content, and a URL with spaces or control
characters would break out of a Markdown link or a CSV cell. Only plain http(s) URLs with a
host pass; capture stores the URL a page was fetched from, editors may set another.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LENGTH = 2000  # longer is not a URL a reader types or a citation prints


def http_link(value: str | None) -> str | None:
    """`value` stripped when it is an http(s) URL with a host, else None."""
    url = (value or "").strip()
    if not url or len(url) > MAX_LENGTH or any(c.isspace() or ord(c) < 32 or c in '<>"\\'
                                               for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
