"""Serving the app with uvicorn (`casefile serve`).

Loopback by default: put a TLS-terminating proxy in front for anything else, which is also why
session cookies are marked Secure (browsers accept Secure cookies from http://127.0.0.1 and
http://localhost, so local use still works).
"""

from __future__ import annotations

import uvicorn

from casefile.registry import db
from casefile.web.app import create_app


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    db.engine()  # migrate before the first request, not during it
    opts = {"host": host, "port": port, "proxy_headers": False, "server_header": False,
            "log_level": "info", "access_log": False}
    if workers > 1:  # each worker process builds its own app (and its own caches)
        uvicorn.run("casefile.web.app:create_app", factory=True, workers=workers, **opts)
    else:
        uvicorn.run(create_app(), **opts)
