"""HEAD answered for every GET route, as HTTP asks (RFC 9110, 9.3.2): link checkers, crawlers
and monitoring probe pages with HEAD, and FastAPI routes answer only the methods they declare.

A HEAD request goes through the app as a GET (the same role checks, limits and cache) and the
body is dropped on the way out; the headers, Content-Length included, are those of the GET.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: nothing to send
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
