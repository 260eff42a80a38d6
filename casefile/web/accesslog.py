"""The access log: one line per request, for the operator — method, path, status, size and
time taken, and nothing about the visitor.

Visitors of a registry of political prisoners may be relatives, lawyers or journalists under
watch: their addresses, user agents and what they searched for are theirs. So the line keeps
the path without its query string (a search's words stay out) and no address, user agent,
referrer or account; the security log (web/securitylog.py) records what authentication needs.
CASEFILE_ACCESS_LOG=0 turns the log off; it goes to the `casefile.access` logger, which
`casefile serve` writes to standard error.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("casefile.access")


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, size = 0, 0

        async def counting(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            log.info("%s %s %d %d %.0fms", scope["method"], scope["path"], status or 500, size,
                     (time.perf_counter() - started) * 1000)
