"""The append-only audit log: every change to the registry says who, what and when.

The entries a transaction writes are also kept on its session until it ends (`pending`):
what is derived from the registry and kept in it (casefile.reports.list_rows) is brought up to
date for them in the same transaction, before it commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, func, select
from sqlalchemy.orm import Session

from casefile.registry.models import AuditEntry

_PENDING = "audit_pending"


def record(session: Session, actor: str, action: str, target: str, **detail: Any) -> None:
    entry = AuditEntry(actor=actor, action=action, target=target, detail=detail)
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)


def version(s: Session | Connection) -> int:
    """The registry's version: the newest audit-log id (everything that writes, logs). Pages,
    the kept list and the protected set are kept until it changes. One statement built once:
    the page cache asks on every request, and building and keying a new select each time
    cost more than the indexed query."""
    return s.scalar(NEWEST) or 0


NEWEST = select(func.max(AuditEntry.id))


def pending(session: Session) -> list[AuditEntry]:
    """The entries this session's transaction has written so far."""
    return list(session.info.get(_PENDING, ()))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, *_: object) -> None:
    session.info.pop(_PENDING, None)
