"""Editors' decisions on claims: accept, reject, correct. Every one goes to the audit log.

A correction never edits the source's claim: it adds an editor's claim that supersedes it and
rejects the original, so what the source said and what the editor decided both stay on record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import NotFound, ReviewError
from casefile.registry import audit
from casefile.registry.ingest import cases_for, materialise
from casefile.registry.models import Claim, Source, utcnow

STATES = ("proposed", "accepted", "rejected")


def _get(s: Session, claim_id: str) -> Claim:
    claim = s.get(Claim, claim_id)
    if claim is None:
        matches = s.scalars(select(Claim).where(Claim.id.startswith(claim_id)).limit(2)).all()
        if len(matches) != 1:
            raise NotFound(f"no claim with id {claim_id!r}")
        claim = matches[0]
    return claim


def set_state(s: Session, ids: Iterable[str], state: str, reviewer: str,
              reason: str | None = None) -> list[Claim]:
    if state not in STATES:
        raise ReviewError(f"unknown state {state!r}")
    done = []
    for cid in ids:
        claim = _get(s, cid)
        before = claim.state
        claim.state, claim.reviewer, claim.reviewed_at = state, reviewer, utcnow()
        audit.record(s, reviewer, state if state != "proposed" else "reopen",
                     f"claim:{claim.id}", before=before, reason=reason)
        done.append(claim)
    return done


def correct(s: Session, claim_id: str, reviewer: str, value: str | None = None,
            date: str | None = None, reason: str | None = None) -> Claim:
    old = _get(s, claim_id)
    if value is None and date is None:
        raise ReviewError("a correction needs a new --value or --date")
    new_value = value if value is not None else old.value
    new_date = date if date is not None else old.date
    new_id = hashlib.sha256(f"{old.id}\x1f{new_value}\x1f{new_date}\x1f{reviewer}".encode()
                            ).hexdigest()[:40]
    if s.get(Claim, new_id) is not None:
        raise ReviewError("this correction has already been made")
    new = Claim(id=new_id, source_id=old.source_id, person_id=old.person_id,
                mention=old.mention, predicate=old.predicate, value=new_value,
                detail=dict(old.detail), date=new_date, start=old.start, end=old.end,
                quote=old.quote, extractor="editor@1", confidence=1.0,
                group_key=old.group_key, state="accepted", reviewer=reviewer,
                reviewed_at=utcnow(), supersedes=old.id)
    s.add(new)
    old.state, old.reviewer, old.reviewed_at = "rejected", reviewer, utcnow()
    s.flush()
    if new.person_id is not None:
        src = s.get(Source, new.source_id)
        case = cases_for(s, {new.person_id}, src.country or "XX")[new.person_id]
        materialise(s, new, case, src, vocab.criminal_code(case.country)["code"])
    audit.record(s, reviewer, "correct", f"claim:{old.id}", new_claim=new_id,
                 value=[old.value, new_value], date=[old.date, new_date], reason=reason)
    return new


def proposed(s: Session, source_id: int | None = None, person_id: int | None = None,
             limit: int = 50) -> list[Claim]:
    q = select(Claim).where(Claim.state == "proposed")
    if source_id is not None:
        q = q.where(Claim.source_id == source_id)
    if person_id is not None:
        q = q.where(Claim.person_id == person_id)
    return list(s.scalars(q.order_by(Claim.source_id, Claim.start).limit(limit)))


def context(claim: Claim, width: int = 80) -> tuple[str, str, str]:
    """(before, quote, after): the quote with some of the text around it."""
    text = claim.source.text
    return (text[max(0, claim.start - width):claim.start], text[claim.start:claim.end],
            text[claim.end:claim.end + width])
