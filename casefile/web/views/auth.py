"""Logging in and out: password, then the TOTP code when the account has one.

Failures are counted per client address and user name and refused (429) past the limit, the
same answer whether the name exists or not. A successful step issues a new session (and CSRF
token), so a session fixed before login is worth nothing after it.
"""

from __future__ import annotations

from typing import Annotated

import pyotp
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.registry.models import User
from casefile.web import auth
from casefile.web.pages import csrf_form, get_db, render, session_payload, set_session

router = APIRouter()


def _next(value: object) -> str:
    """Only a path on this site: never '//other.host' or 'https://…'."""
    text = value if isinstance(value, str) else ""
    ok = text.startswith("/") and not text.startswith("//") and "\\" not in text
    return text if ok else "/review"


def _key(request: Request, name: str) -> str:
    return f"{request.client.host if request.client else '-'}|{name.casefold()}"


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/review"
               ) -> HTMLResponse:
    return render(request, "login.html", next=_next(next), needs_session=True, error=None)


@router.post("/login", include_in_schema=False)
def login(request: Request, form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
          ) -> Response:
    username = str(form.get("username") or "")[:100]
    password = str(form.get("password") or "")[:1000]
    limiter: auth.RateLimiter = request.app.state.login_limiter
    key = _key(request, username)
    if limiter.blocked(key):
        raise HTTPException(429, "Too many failed attempts; try again in a few minutes.",
                            headers={"Retry-After": "300"})
    user = auth.verify_password(s, username, password)
    if user is None:
        limiter.fail(key)
        return render(request, "login.html", status=401, next=_next(form.get("next")),
                      error="Wrong user name or password.")
    limiter.reset(key)
    if user.totp_secret:
        response = RedirectResponse("/login/totp" + f"?next={_next(form.get('next'))}", 303)
        set_session(response, request, auth.new_session(pending=user.username))
        return response
    response = RedirectResponse(_next(form.get("next")), status_code=303)
    set_session(response, request, auth.new_session(user))
    return response


@router.get("/login/totp", response_class=HTMLResponse, include_in_schema=False)
def totp_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/review"
              ) -> Response:
    if not (session_payload(request) or {}).get("pending"):
        return RedirectResponse("/login", status_code=303)
    return render(request, "totp.html", next=_next(next), error=None)


@router.post("/login/totp", include_in_schema=False)
def totp(request: Request, form: FormData = Depends(csrf_form), s: Session = Depends(get_db)
         ) -> Response:
    pending = (session_payload(request) or {}).get("pending")
    user = s.scalar(select(User).where(User.username == pending)) if pending else None
    if user is None or not user.totp_secret:
        return RedirectResponse("/login", status_code=303)
    limiter: auth.RateLimiter = request.app.state.login_limiter
    key = _key(request, "totp:" + user.username)
    if limiter.blocked(key):
        raise HTTPException(429, "Too many failed attempts; try again in a few minutes.",
                            headers={"Retry-After": "300"})
    code = str(form.get("code") or "").strip()[:10]
    if not pyotp.TOTP(user.totp_secret).verify(code, valid_window=1):
        limiter.fail(key)
        return render(request, "totp.html", status=401, next=_next(form.get("next")),
                      error="That code is not valid.")
    limiter.reset(key)
    response = RedirectResponse(_next(form.get("next")), status_code=303)
    set_session(response, request, auth.new_session(user))
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, form: FormData = Depends(csrf_form)) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.app.state.secure_cookies)
    return response
