"""What every view needs: a registry session, the visitor's account, CSRF checks, rendering.

Templates are Jinja with autoescaping on for everything: sources are hostile input and a
template must not be able to forget to escape. Views are plain functions taking these as
FastAPI dependencies.

FastAPI runs plain `def` views in a thread pool, and handing a request to a thread and back
cost more than a person page itself (half the throughput under load). So views that are
bounded and quick (a dossier, an API record) are `async def` and run on the event loop, with
a session from `loop_session` (a pool of its own: see registry.db.loop_engine); views that
may take long (building the list, a search, a source, a capture, PDF) stay `def`, get their
session from `get_db` and run in the pool, where they do not hold up the others.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from casefile import vocab
from casefile.registry import db
from casefile.reports.prisoners import labels, number, term_text
from casefile.web import auth, securitylog, sessions

TEMPLATES = Path(__file__).parent / "templates"


class LoginRequired(Exception):
    """Raised by `require` for a visitor who is not logged in; the app redirects to /login."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def get_db(request: Request) -> Iterator[Session]:
    with db.session(request.app.state.db_url) as s:
        yield s


def loop_session(request: Request) -> Session:
    """A session for an `async def` view (use it in a `with`, closed before the view ends)."""
    return db.session(request.app.state.db_url, on_loop=True)


def session_id(request: Request) -> str | None:
    """The id the session cookie carries, when it has the shape of one."""
    value = request.cookies.get(request.app.state.cookie)
    return value if sessions.well_formed(value) else None


def live_session(request: Request, s: Session) -> sessions.Live | None:
    sid = session_id(request)
    return sessions.find(s, sid) if sid else None


def current_account(request: Request, s: Session = Depends(get_db)) -> auth.Account | None:
    """The logged-in account, if the cookie names a live, fully logged-in session. Its last
    use is written down (at most once a minute), except from the event loop, where a write
    could wait on a long capture (see casefile.web.sessions)."""
    live = live_session(request, s)
    if live is None or live.pending_totp or live.role not in auth.ROLES:
        return None
    if live.stale and not _on_event_loop():
        sessions.touch(db.engine(request.app.state.db_url), live)
    return auth.Account(live.username, live.role)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def require(role: str):
    """A dependency giving the logged-in account, which must have at least `role`."""

    def dependency(request: Request,
                   account: auth.Account | None = Depends(current_account)) -> auth.Account:
        if account is None:
            query = request.url.query
            raise LoginRequired(request.url.path + ("?" + query if query else ""))
        if not account.can(role):
            securitylog.record(request, "forbidden", account.username, f"needs {role}")
            raise HTTPException(403, f"This needs the {role} role.")
        return account

    return dependency


async def csrf_form(request: Request) -> FormData:
    """The posted form, refused (403) unless it carries this session's CSRF token."""
    form = await request.form()
    sid, token = session_id(request), form.get("csrf")
    if not sid or not isinstance(token, str) or not hmac.compare_digest(
            token.encode(), auth.csrf_token(request.app.state.secret, sid).encode()):
        await run_in_threadpool(securitylog.record, request, "csrf-refused")
        raise HTTPException(403, "The form has expired or did not come from this site.")
    return form


def set_session(response: Response, request: Request, sid: str) -> None:
    response.set_cookie(request.app.state.cookie, sid, max_age=sessions.SESSION_SECONDS,
                        httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/")


def event_label(kind: str) -> str:
    return str(vocab.event_types().get(kind, {}).get("label", kind))


def status_label(status: str | None) -> str:
    return labels(status)["heading"] if status else "Not known to be held"


def query(params: dict[str, Any], **changes: Any) -> str:
    """'?a=1&b=2' from current parameters with some changed (None drops one)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(term_text=term_text, number=number, event_label=event_label,
                       status_label=status_label, query=query, pace=vocab.pace_criteria)
    env.filters["urlquote"] = lambda v: quote(str(v), safe="")
    return env


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """Render a page; a visitor without a session id gets one (its HMAC is the CSRF token).
    A visitor's id means nothing on the server until a login makes it a session."""
    sid = session_id(request)
    fresh = sid is None
    if sid is None:
        sid = sessions.new_id()
    account = ctx.pop("account", None)
    html = environment().get_template(template).render(
        request=request, account=account, csrf=auth.csrf_token(request.app.state.secret, sid),
        path=request.url.path, **ctx)
    response = HTMLResponse(html, status_code=status)
    if fresh and ctx.get("needs_session"):
        set_session(response, request, sid)
    return response
