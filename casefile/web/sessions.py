"""Server-side web sessions: the cookie holds a random id, the registry holds its SHA-256.

A session ends when it is revoked (logout, password reset, disabling the user), after
SESSION_SECONDS whatever happens, or after IDLE_SECONDS without a request (ASVS 3.3.2). A
session whose password step passed but whose TOTP code has not come yet is `pending_totp`
and opens nothing; it lasts PENDING_SECONDS.

Writes go through their own short transaction on the engine, never through a view's ORM
session: they must stick even when the view then refuses (401, 403), and they are not
registry changes, so they neither take the writers' version lock (registry.db) nor touch the
audit log that versions the public pages. The last-seen time is written at most once a
minute per session, and never from the event loop (a write there could wait on a long
capture's lock and stall every request).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.orm import Session

from casefile.registry.models import User, WebSession

SESSION_SECONDS = 8 * 3600
IDLE_SECONDS = 30 * 60
PENDING_SECONDS = 5 * 60
TOUCH_SECONDS = 60
_ID = re.compile(r"[A-Za-z0-9_-]{43}")


def now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_id() -> str:
    return secrets.token_urlsafe(32)


def well_formed(session_id: str | None) -> bool:
    return bool(session_id) and _ID.fullmatch(session_id or "") is not None


def id_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass(frozen=True)
class Live:
    """A session that is still good, with the user it stands for."""

    id_hash: str
    user_id: int
    username: str
    role: str
    pending_totp: bool
    stale: bool  # last seen more than TOUCH_SECONDS ago: worth writing down again


def start(eng: Engine, user: User, pending_totp: bool = False) -> str:
    """A new session for `user`; returns the id for the cookie (stored only as its hash).
    Sessions long over are swept out here, so the table holds about the live ones."""
    session_id, at = new_id(), now()
    ttl = PENDING_SECONDS if pending_totp else SESSION_SECONDS
    with eng.begin() as conn:
        conn.execute(delete(WebSession).where(WebSession.expires_at < at - timedelta(days=1)))
        conn.execute(insert(WebSession).values(
            id_hash=id_hash(session_id), user_id=user.id, pending_totp=pending_totp,
            created_at=at, last_seen_at=at, expires_at=at + timedelta(seconds=ttl)))
    return session_id


def find(s: Session, session_id: str | None) -> Live | None:
    """The live session the cookie's id names: not revoked, not expired, not idle too long,
    its user not disabled."""
    if not well_formed(session_id):
        return None
    row = s.execute(select(WebSession, User).join(User, User.id == WebSession.user_id)
                    .where(WebSession.id_hash == id_hash(session_id or ""))).first()
    if row is None:
        return None
    sess, user = row
    at = now()
    if (sess.revoked_at is not None or user.disabled_at is not None
            or _utc(sess.expires_at) <= at
            or _utc(sess.last_seen_at) <= at - timedelta(seconds=IDLE_SECONDS)):
        return None
    stale = _utc(sess.last_seen_at) <= at - timedelta(seconds=TOUCH_SECONDS)
    return Live(sess.id_hash, user.id, user.username, user.role, sess.pending_totp, stale)


def touch(eng: Engine, live: Live) -> None:
    with eng.begin() as conn:
        conn.execute(update(WebSession).where(WebSession.id_hash == live.id_hash)
                     .values(last_seen_at=now()))


def revoke(eng: Engine, session_id: str, why: str) -> None:
    """End one session (logout, or a pending one replaced by the full session)."""
    with eng.begin() as conn:
        conn.execute(update(WebSession).where(WebSession.id_hash == id_hash(session_id),
                                              WebSession.revoked_at.is_(None))
                     .values(revoked_at=now(), revoked_why=why))


def revoke_user(s: Session, user_id: int, why: str) -> int:
    """End every session of a user, inside the caller's transaction (with the change that
    demands it: a new password, a disabled account). Returns how many were live."""
    result = s.execute(update(WebSession).where(WebSession.user_id == user_id,
                                                WebSession.revoked_at.is_(None))
                       .values(revoked_at=now(), revoked_why=why))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def live_counts(s: Session) -> dict[int, int]:
    """Sessions per user id that could still be used (for `casefile users list`)."""
    at = now()
    rows = s.execute(select(WebSession.user_id, WebSession.expires_at, WebSession.last_seen_at)
                     .where(WebSession.revoked_at.is_(None),
                            WebSession.pending_totp.is_(False))).all()
    counts: dict[int, int] = {}
    for uid, expires, seen in rows:
        if _utc(expires) > at and _utc(seen) > at - timedelta(seconds=IDLE_SECONDS):
            counts[uid] = counts.get(uid, 0) + 1
    return counts
