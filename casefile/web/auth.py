"""Editors' accounts: argon2 passwords, signed session cookies, CSRF tokens, roles, API tokens.

The session lives in a cookie signed with HMAC-SHA256 (no server-side store to lose or leak):
username, CSRF token, expiry and a fingerprint of the password hash, so changing a password
ends every session made with the old one. Cookies are Secure, HttpOnly and SameSite=Strict;
every form carries the session's CSRF token as well. API tokens are random 32-byte secrets
stored as SHA-256 (they are not guessable, so a slow hash would only slow every request).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import settings
from casefile.registry.models import User

ROLES = ("viewer", "editor", "admin")
COOKIE = "casefile_session"
SESSION_SECONDS = 8 * 3600
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password")


@dataclass(frozen=True)
class Account:
    username: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(s: Session, username: str, password: str) -> User | None:
    """The user when the password is right; the same argon2 work is done either way."""
    user = s.scalar(select(User).where(User.username == username))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def new_api_token() -> tuple[str, str]:
    """(token shown once to the user, what is stored)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return "sha256$" + hashlib.sha256(token.encode()).hexdigest()


def user_for_token(s: Session, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    return s.scalar(select(User).where(User.api_token_hash == token_hash(token)))


def secret_key() -> bytes:
    """CASEFILE_SECRET_KEY, or a random key kept (0600) in CASEFILE_HOME."""
    given = settings.get("SECRET_KEY")
    if given:
        return given.encode()
    path = settings.home() / "web-secret.key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(payload: dict[str, Any], key: bytes) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    mac = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    return f"{body}.{mac}"


def unsign(value: str | None, key: bytes) -> dict[str, Any] | None:
    """The payload when the signature holds and it has not expired; None otherwise."""
    if not value or value.count(".") != 1 or len(value) > 4096:
        return None
    body, mac = value.split(".")
    good = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(mac, good):
        return None
    try:
        payload = json.loads(_unb64(body))
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    return payload


def fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def new_session(user: User | None = None, pending: str | None = None) -> dict[str, Any]:
    return {"u": user.username if user else None, "fp": fingerprint(user) if user else None,
            "pending": pending, "csrf": secrets.token_urlsafe(24),
            "exp": int(time.time()) + SESSION_SECONDS}


def account(s: Session, payload: dict[str, Any] | None) -> Account | None:
    """The logged-in account a session payload stands for, if it is still valid."""
    if not payload or not payload.get("u"):
        return None
    user = s.scalar(select(User).where(User.username == payload["u"]))
    if user is None or fingerprint(user) != payload.get("fp") or user.role not in ROLES:
        return None
    return Account(user.username, user.role)


class RateLimiter:
    """At most `limit` failures per key in `window` seconds (login: per address and name)."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, list[float]] = {}

    def blocked(self, key: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        self._failures[key] = recent
        return len(recent) >= self.limit

    def fail(self, key: str) -> None:
        self._failures.setdefault(key, []).append(time.monotonic())
        if len(self._failures) > 10_000:  # forget the oldest keys rather than grow forever
            for k in list(self._failures)[:5_000]:
                del self._failures[k]

    def reset(self, key: str) -> None:
        self._failures.pop(key, None)
