"""The append-only audit log: every change to the registry says who, what and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from casefile.registry.models import AuditEntry


def record(session: Session, actor: str, action: str, target: str, **detail: Any) -> None:
    session.add(AuditEntry(actor=actor, action=action, target=target, detail=detail))
