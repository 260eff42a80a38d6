"""The audit log, newest first: admins only (it names editors and what they touched)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile.registry.models import AuditEntry
from casefile.web import auth
from casefile.web.pages import get_db, render, require

router = APIRouter()
PAGE = 100


def entries(s: Session, page: int, actor: str | None) -> tuple[list[dict[str, Any]], int]:
    q = select(AuditEntry)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = s.scalars(q.order_by(AuditEntry.id.desc()).limit(PAGE).offset((page - 1) * PAGE))
    return [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "actor": e.actor,
             "action": e.action, "target": e.target, "detail": e.detail} for e in rows], total


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(request: Request, page: Annotated[int, Query(ge=1, le=10**6)] = 1,
               actor: Annotated[str | None, Query(max_length=100)] = None,
               account: auth.Account = Depends(require("admin")),
               s: Session = Depends(get_db)) -> HTMLResponse:
    rows, total = entries(s, page, actor)
    return render(request, "audit.html", account=account, rows=rows, total=total, page=page,
                  pages=max(1, -(-total // PAGE)), actor=actor or "")


@router.get("/audit.json", include_in_schema=False)
def audit_json(page: Annotated[int, Query(ge=1, le=10**6)] = 1,
               actor: Annotated[str | None, Query(max_length=100)] = None,
               account: auth.Account = Depends(require("admin")),
               s: Session = Depends(get_db)) -> dict[str, Any]:
    rows, total = entries(s, page, actor)
    return {"total": total, "page": page, "items": rows}
