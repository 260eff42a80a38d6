"""The security log: authentication and access-control events, in the registry's
`security_events` table and on the `casefile.security` logger (for the operator's log system).

What is written: the event, the account name when it is a known account (a name typed at the
login form that matches no account is not kept: it is often a password in the wrong field),
the path without its query, a short detail, and the client address only when the operator
sets CASEFILE_LOG_ADDRESSES=1; otherwise a keyed hash of it, enough to see that a run of
failures came from one place without keeping where. Never a password, code or token.

Events older than CASEFILE_SECURITY_LOG_DAYS are removed when someone logs in (a moment no
anonymous flood can choose). Each event is its own short transaction (it must stick when the
request is then refused) and outside the registry's audit log, which versions the public
pages.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from fastapi import Request
from sqlalchemy import delete, insert
from sqlalchemy.exc import SQLAlchemyError

from casefile import settings
from casefile.registry import db
from casefile.registry.models import SecurityEvent
from casefile.web import auth

log = logging.getLogger("casefile.security")
# Events a person should look at; the rest (login-ok, logout, password-changed) are INFO.
WARN = {"login-failed", "lockout", "csrf-refused", "forbidden", "token-refused"}


def client_key(request: Request) -> str:
    """The keyed hash of the client's address (what the login throttle counts by)."""
    host = request.client.host if request.client else "-"
    return auth.keyed(request.app.state.secret, "address", host)


def _address(request: Request) -> str | None:
    if settings.get("LOG_ADDRESSES") == "1":
        return request.client.host if request.client else None
    return "h:" + client_key(request)[:16]


def retention_days() -> int:
    """CASEFILE_SECURITY_LOG_DAYS, checked when the app is built (a bad value stops
    `casefile serve` with one line, not a request with a traceback)."""
    return int(settings.number("SECURITY_LOG_DAYS", int, 1))


def record(request: Request, event: str, username: str | None = None,
           detail: str | None = None) -> None:
    """Write one event. A registry too busy to take it (SQLite's lock held by a long capture
    past the busy timeout) does not turn the request into an error: the logger still has it."""
    address, path = _address(request), request.url.path[:200]
    level = logging.WARNING if event in WARN else logging.INFO
    log.log(level, "%s user=%s address=%s path=%s%s", event, username or "-", address or "-",
            path, f" ({detail})" if detail else "")
    at = datetime.now(UTC)
    try:
        with db.engine(request.app.state.db_url).begin() as conn:
            if event == "login-ok":  # rare and not in an attacker's hands: time to prune
                conn.execute(delete(SecurityEvent).where(
                    SecurityEvent.at < at - timedelta(days=request.app.state.security_log_days)))
            conn.execute(insert(SecurityEvent).values(
                at=at, event=event, username=username, address=address, path=path,
                detail=(detail or None) and detail[:200]))
    except SQLAlchemyError as exc:
        log.error("security event %s not stored: %s", event, type(exc).__name__)
