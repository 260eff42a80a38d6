"""Logging in and out: password, then the TOTP code when the account has one.

Failures are counted per client address and per user name (casefile.web.throttle) and, past
either limit, the form is refused (429) with a message saying which and for how long, the
same whether the name exists or not. A successful login starts a new server-side session
(casefile.web.sessions) under a new id, so an id fixed before login is worth nothing after
it; logout revokes the session, so a copied cookie dies with it. Every outcome goes to the
security log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.registry import db
from casefile.registry.models import User
from casefile.web import accounts, auth, securitylog, sessions, throttle
from casefile.web.pages import (
    csrf_form,
    get_db,
    live_session,
    render,
    require,
    session_id,
    set_session,
)

router = APIRouter()
LIMITED = {
    "address": "Too many failed logins from this address: logging in from it is paused for "
               "15 minutes.",
    "account": "Too many failed logins for this user name: it is locked for 15 minutes.",
}


def _next(value: object) -> str:
    """Only a path on this site: never '//other.host' or 'https://…'."""
    text = value if isinstance(value, str) else ""
    ok = text.startswith("/") and not text.startswith("//") and "\\" not in text
    return text if ok else "/review"


def _engine(request: Request) -> Engine:
    return db.engine(request.app.state.db_url)


def _keys(request: Request, username: str) -> throttle.Keys:
    return throttle.Keys(securitylog.client_key(request),
                         auth.keyed(request.app.state.secret, "name", username.casefold()))


def _limited(request: Request, which: str, next_path: str) -> HTMLResponse:
    response = render(request, "login.html", status=429, next=next_path, error=LIMITED[which])
    response.headers["Retry-After"] = str(throttle.WINDOW)
    return response


def _failed(request: Request, keys: throttle.Keys, username: str | None, why: str) -> None:
    """Count and log a failure; log the lock-out it starts, if it starts one."""
    securitylog.record(request, "login-failed", username, why)
    which = throttle.fail(_engine(request), keys)
    if which:
        securitylog.record(request, "lockout", username, f"by {which}")


def _new_session(request: Request, response: Response, user: User, pending_totp: bool) -> None:
    """A new session under a new id; the one the browser held before (an earlier login, a
    pending TOTP step) is revoked, so no copy of the old cookie outlives it."""
    old = session_id(request)
    if old:
        sessions.revoke(_engine(request), old, "replaced")
    set_session(response, request, sessions.start(_engine(request), user, pending_totp))


def _logged_in(request: Request, user: User, next_path: str, how: str) -> Response:
    response = RedirectResponse(next_path, status_code=303)
    _new_session(request, response, user, pending_totp=False)
    securitylog.record(request, "login-ok", user.username, how)
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/review"
               ) -> HTMLResponse:
    return render(request, "login.html", next=_next(next), needs_session=True, error=None)


@router.post("/login", include_in_schema=False)
def login(request: Request, form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
          ) -> Response:
    username = str(form.get("username") or "")[:100]
    password = str(form.get("password") or "")[:1000]
    next_path, keys = _next(form.get("next")), _keys(request, username)
    which = throttle.blocked(_engine(request), keys)
    if which:
        return _limited(request, which, next_path)
    user = auth.verify_password(s, username, password)
    if user is None or user.disabled_at is not None:
        known = s.scalar(select(User.username).where(User.username == username))
        _failed(request, keys, known, "account disabled" if user else "wrong password")
        return render(request, "login.html", status=401, next=next_path,
                      error="Wrong user name or password.")
    if user.totp_secret:  # the failures are forgiven only when the code is right too
        response = RedirectResponse(f"/login/totp?next={next_path}", 303)
        _new_session(request, response, user, pending_totp=True)
        return response
    throttle.clear(_engine(request), keys)
    return _logged_in(request, user, next_path, "password")


@router.get("/login/totp", response_class=HTMLResponse, include_in_schema=False)
def totp_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/review",
              s: Session = Depends(get_db)) -> Response:
    live = live_session(request, s)
    if live is None or not live.pending_totp:
        return RedirectResponse("/login", status_code=303)
    return render(request, "totp.html", next=_next(next), error=None)


@router.post("/login/totp", include_in_schema=False)
def totp(request: Request, form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
         ) -> Response:
    live = live_session(request, s)
    user = s.get(User, live.user_id) if live and live.pending_totp else None
    if user is None or not user.totp_secret:
        return RedirectResponse("/login", status_code=303)
    next_path, keys = _next(form.get("next")), _keys(request, user.username)
    which = throttle.blocked(_engine(request), keys)
    if which:
        return _limited(request, which, next_path)
    outcome = auth.use_totp_code(_engine(request), user, str(form.get("code") or "").strip()[:10])
    if outcome != "ok":
        _failed(request, keys, user.username,
                "TOTP code used before" if outcome == "used" else "wrong TOTP code")
        error = ("That code has been used already; wait for the next one." if outcome == "used"
                 else "That code is not valid.")
        return render(request, "totp.html", status=401, next=next_path, error=error)
    throttle.clear(_engine(request), keys)
    return _logged_in(request, user, next_path, "password and TOTP")


@router.post("/logout", include_in_schema=False)
def logout(request: Request, form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
           ) -> Response:
    live, sid = live_session(request, s), session_id(request)
    if sid:
        sessions.revoke(_engine(request), sid, "logout")
    securitylog.record(request, "logout", live.username if live else None)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(request.app.state.cookie, path="/", httponly=True, samesite="strict",
                           secure=request.app.state.secure_cookies)
    return response


@router.get("/account/password", response_class=HTMLResponse, include_in_schema=False)
def password_page(request: Request, account: auth.Account = Depends(require("viewer")),
                  s: Session = Depends(get_db)) -> HTMLResponse:
    return _account_page(request, s, account, 200, None)


def _account_page(request: Request, s: Session, account: auth.Account, status: int,
                  error: str | None) -> HTMLResponse:
    live = sessions.live_counts(s).get(accounts.get(s, account.username).id, 0)
    return render(request, "password.html", status=status, account=account, error=error,
                  sessions=live)


@router.post("/account/password", include_in_schema=False)
def password_change(request: Request, account: auth.Account = Depends(require("viewer")),
                    form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
                    ) -> Response:
    """A new password ends every session of the user and the API token; this browser gets a
    fresh session. A wrong current password counts as a failed login (it is a guess too)."""
    current, new = str(form.get("current") or "")[:1000], str(form.get("new") or "")[:1000]
    keys = _keys(request, account.username)
    which = throttle.blocked(_engine(request), keys)
    if which:
        return _account_page(request, s, account, 429, LIMITED[which])
    error = None
    if new != str(form.get("again") or "")[:1000]:
        error = "The two new passwords differ."
    if error is None:
        try:
            accounts.change_password(s, account.username, current, new)
            s.commit()
        except accounts.AccountError as exc:
            s.rollback()
            error = f"{str(exc)[:1].upper()}{str(exc)[1:]}."
            if isinstance(exc, accounts.WrongPassword):
                _failed(request, keys, account.username, "wrong current password")
    if error is not None:
        return _account_page(request, s, account, 400, error)
    user = accounts.get(s, account.username)
    securitylog.record(request, "password-changed", account.username)
    response = RedirectResponse("/review", status_code=303)
    set_session(response, request, sessions.start(_engine(request), user))
    return response


@router.post("/account/logout-all", include_in_schema=False)
def logout_all(request: Request, account: auth.Account = Depends(require("viewer")),
               form: FormData = Depends(csrf_form), s: Session = Depends(get_db)) -> Response:
    """Every session of the user ends, this one too (ASVS 3.3.4: with the password again)."""
    keys = _keys(request, account.username)
    which = throttle.blocked(_engine(request), keys)
    if which:
        return _account_page(request, s, account, 429, LIMITED[which])
    if auth.verify_password(s, account.username, str(form.get("current") or "")[:1000]) is None:
        _failed(request, keys, account.username, "wrong current password")
        return _account_page(request, s, account, 400, "The password is not right.")
    accounts.logout_everywhere(s, account.username, actor=account.username)
    s.commit()
    securitylog.record(request, "logout", account.username, "everywhere")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(request.app.state.cookie, path="/", httponly=True,
                           samesite="strict", secure=request.app.state.secure_cookies)
    return response
