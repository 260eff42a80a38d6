"""Editors' accounts: argon2 passwords, roles, API tokens, CSRF tokens and keyed hashes.

Sessions are server-side (casefile.web.sessions): the cookie carries only a random id, so
logout, a password reset or disabling a user ends them everywhere. The CSRF token of a form is
an HMAC of that id under the site's secret key, so a visitor who has not logged in needs no
row on the server, and a new id at login brings a new token. API tokens are random 32-byte
secrets stored as SHA-256 (they are not guessable, so a slow hash would only slow every
request); a disabled user's token is refused even before it is cleared.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from functools import cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, or_, select, update
from sqlalchemy.orm import Session

from casefile import settings
from casefile.registry.models import User

ROLES = ("viewer", "editor", "admin")
# The "__Host-" prefix makes browsers refuse the cookie unless it is Secure, host-only and for
# the path "/" (ASVS 3.4.4): no sibling subdomain or plain-http page can plant or shadow it. A
# site served without Secure cookies (create_app(secure_cookies=False)) cannot have the prefix.
COOKIE = "__Host-casefile_session"
PLAIN_COOKIE = "casefile_session"
COOKIES = (COOKIE, PLAIN_COOKIE)
# Argon2id with the least memory of OWASP's equivalent settings (7 MiB, 5 passes, 1 lane;
# the cheat sheet rates 46 MiB/1, 19 MiB/2, 12 MiB/3, 9 MiB/4 and 7 MiB/5 as "an equal level
# of defense", trading memory for passes), not argon2-cffi's default (64 MiB, 3 passes, 4
# lanes): each hash takes its memory at once, on top of the server process's (issue 16: 150
# MB), and at 19 MiB one login lifted a serving process from 143 MB to 162 MB. One hash at a
# time per process, so concurrent logins (or someone posting many) cannot multiply it. Hashes
# made with other parameters still verify (they carry their own) and are replaced by the
# next successful login.
_hasher = PasswordHasher(time_cost=5, memory_cost=7 * 1024, parallelism=1)
_hashing = threading.Lock()


@dataclass(frozen=True)
class Account:
    username: str
    role: str

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def cookie_name(secure: bool) -> str:
    return COOKIE if secure else PLAIN_COOKIE


def hash_password(password: str) -> str:
    with _hashing:
        return _hasher.hash(password)


@cache
def _dummy() -> str:
    """A hash to verify against for a name with no account (the same work as for one); made
    on the first such login, not at import, where it was the server's peak memory."""
    return hash_password("not a password")


def verify_password(s: Session, username: str, password: str) -> User | None:
    """The user when the password is right; the same argon2 work is done either way. A
    disabled user is returned too: the caller refuses it with the same answer as a wrong
    password, after the same work. A right password stored with other parameters than
    today's is stored again with today's (see _hasher)."""
    user = s.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user else _dummy()
    try:
        with _hashing:
            _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is not None and _hasher.check_needs_rehash(stored):
        # In a short transaction of its own, as sessions are started: the caller's session
        # is never committed by a login.
        with s.get_bind().engine.begin() as conn:
            conn.execute(update(User).where(User.id == user.id, User.password_hash == stored)
                         .values(password_hash=hash_password(password)))
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
    user = s.scalar(select(User).where(User.api_token_hash == token_hash(token)))
    return user if user is not None and user.disabled_at is None else None


def keyed(key: bytes, purpose: str, text: str) -> str:
    """A keyed hash (HMAC-SHA256, 32 hex digits) of `text`: stable enough to count or
    correlate by (an address, a user name), useless to anyone without the secret key."""
    return hmac.new(key, f"{purpose}|{text}".encode(), hashlib.sha256).hexdigest()[:32]


def csrf_token(key: bytes, session_id: str) -> str:
    """The CSRF token of the session whose cookie carries `session_id`."""
    return keyed(key, "csrf", session_id)


def use_totp_code(eng: Engine, user: User, code: str) -> str:
    """'ok' when `code` is the user's TOTP code for the current 30-second step or one either
    side, and no code of that step or a later one was used before; then that step is kept, so
    the code cannot log in a second time (ASVS 2.8.4). 'used' for a replay, 'wrong' otherwise.
    The step is claimed in one conditional UPDATE, so two server processes given the same code
    at once cannot both accept it."""
    if not user.totp_secret or not (code.isascii() and code.isdigit()):
        return "wrong"
    totp = pyotp.TOTP(user.totp_secret)
    current = int(time.time()) // totp.interval
    step = next((n for n in (current - 1, current, current + 1)
                 if hmac.compare_digest(totp.generate_otp(n), code)), None)
    if step is None:
        return "wrong"
    with eng.begin() as conn:
        claimed = conn.execute(update(User).where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step))
            .values(totp_last_step=step)).rowcount
    return "ok" if claimed == 1 else "used"


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
