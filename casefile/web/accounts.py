"""Editors' accounts over their lifetime: add, list, reset a password, disable, enable.

One owner for the rule that what proves who someone is dies with a change to it: a password
reset or disabling a user revokes every session of the user and clears the API token, in the
same transaction as the change. Adding refuses an existing name (it used to reset it without
a word, which a typo in a script could do to an administrator). Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.errors import CasefileError, NotFound
from casefile.registry import audit
from casefile.registry.models import User
from casefile.web import auth, sessions

MIN_PASSWORD = 10


class AccountError(CasefileError):
    """An account change that is not allowed: a taken name, a short password, a bad role."""


class WrongPassword(AccountError):
    """The current password given with a change is not the user's."""


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    totp: bool
    token: bool
    disabled: bool
    sessions: int
    created: str


def _check(password: str, role: str | None = None) -> None:
    if role is not None and role not in auth.ROLES:
        raise AccountError(f"role must be one of {', '.join(auth.ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")


def get(s: Session, username: str) -> User:
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def ensure_free(s: Session, username: str) -> None:
    """Refuse a name that is taken (or unusable) before anything is asked or written."""
    if not username.strip() or len(username) > 100:
        raise AccountError("a user name needs 1 to 100 characters")
    if s.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"user {username!r} exists; use `casefile users reset-password`")


def add(s: Session, username: str, password: str, role: str, actor: str) -> User:
    _check(password, role)
    ensure_free(s, username)
    user = User(username=username, password_hash=auth.hash_password(password), role=role)
    s.add(user)
    audit.record(s, actor, "user-add", f"user:{username}", role=role)
    return user


def reset_password(s: Session, username: str, password: str, actor: str) -> int:
    """A new password; the user's sessions and API token end with the old one. Returns the
    number of sessions revoked."""
    _check(password)
    user = get(s, username)
    user.password_hash, user.api_token_hash = auth.hash_password(password), None
    revoked = sessions.revoke_user(s, user.id, "password")
    audit.record(s, actor, "user-reset", f"user:{username}", sessions_revoked=revoked)
    return revoked


def change_password(s: Session, username: str, current: str, new: str) -> None:
    """The user's own change (the web form): the current password must be right; then, as
    with a reset, every session and the API token end (the form starts a fresh session)."""
    user = auth.verify_password(s, username, current)
    if user is None or user.disabled_at is not None:
        raise WrongPassword("the current password is not right")
    if new == current:
        raise AccountError("the new password must differ from the current one")
    reset_password(s, username, new, actor=username)


def disable(s: Session, username: str, actor: str) -> int:
    """Disable the account: no login, its sessions revoked, its API token cleared."""
    user = get(s, username)
    user.disabled_at = user.disabled_at or datetime.now(UTC)
    user.api_token_hash = None
    revoked = sessions.revoke_user(s, user.id, "disabled")
    audit.record(s, actor, "user-disable", f"user:{username}", sessions_revoked=revoked)
    return revoked


def logout_everywhere(s: Session, username: str, actor: str) -> int:
    """End every session of the user (a lost laptop) without touching password or token."""
    revoked = sessions.revoke_user(s, get(s, username).id, "logout-all")
    audit.record(s, actor, "user-logout", f"user:{username}", sessions_revoked=revoked)
    return revoked


def enable(s: Session, username: str, actor: str) -> None:
    """Allow logging in again (with the password as it is; no old session or token returns)."""
    get(s, username).disabled_at = None
    audit.record(s, actor, "user-enable", f"user:{username}")


def listing(s: Session) -> list[AccountRow]:
    live = sessions.live_counts(s)
    return [AccountRow(u.username, u.role, bool(u.totp_secret), bool(u.api_token_hash),
                       u.disabled_at is not None, live.get(u.id, 0),
                       u.created_at.strftime("%Y-%m-%d") if u.created_at else "")
            for u in s.scalars(select(User).order_by(User.username))]
