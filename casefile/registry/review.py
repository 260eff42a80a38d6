"""Editors' decisions on claims: accept, reject, correct. Every one goes to the audit log.

A correction never edits the source's claim: it adds an editor's claim that supersedes it and
rejects the original, so what the source said and what the editor decided both stay on record.
A correction may also say whom the claim is about: how an editor ties a flagged claim (a list
entry whose name the software could not read) to a person.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import NotFound, ReviewError
from casefile.registry import audit, source_edit
from casefile.registry.facts import cases_for, materialise, valid_iso_prefix
from casefile.registry.models import Claim, Person, Source, utcnow

STATES = ("proposed", "accepted", "rejected")
UNKNOWN = "unknown"  # a corrected date that the sources do not in fact give


def _get(s: Session, claim_id: str) -> Claim:
    claim = s.get(Claim, claim_id)
    if claim is None:
        matches = s.scalars(select(Claim).where(Claim.id.startswith(claim_id, autoescape=True))
                            .limit(2)).all()
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
            date: str | None = None, reason: str | None = None,
            person_id: int | None = None) -> Claim:
    """The editor's version of a claim. Every correction points at the source's own claim,
    and a new one retires the earlier ones, so exactly one version is ever in force."""
    target = _get(s, claim_id)
    original = s.get_one(Claim, target.supersedes) if target.supersedes else target
    if value is None and date is None and person_id is None:
        raise ReviewError("a correction needs a new --value, --date or --person")
    new_value = value.strip() if value is not None else target.value
    new_date = target.date if date is None else None if date.strip() == UNKNOWN \
        else date.strip()
    check_value(original.predicate, new_value)
    if new_date is not None and not valid_iso_prefix(new_date):
        raise ReviewError(f"--date must be YYYY, YYYY-MM or YYYY-MM-DD, not {new_date!r}")
    if person_id is not None and s.get(Person, person_id) is None:
        raise NotFound(f"no person with id {person_id}")
    in_force = s.scalars(select(Claim).where(Claim.supersedes == original.id,
                                             Claim.state == "accepted")).first() or target
    if (new_value, new_date) == (in_force.value, in_force.date) and person_id in (
            None, in_force.person_id):
        raise ReviewError("the correction changes nothing: give a new value, date or person")
    new_person = person_id if person_id is not None else target.person_id
    key = f"{original.id}\x1f{new_value}\x1f{new_date}\x1f{reviewer}"
    if person_id is not None:
        key += f"\x1fperson:{person_id}"
    new_id = hashlib.sha256(key.encode()).hexdigest()[:40]
    if s.get(Claim, new_id) is not None:
        raise ReviewError("this correction has already been made")
    new = Claim(id=new_id, source_id=original.source_id, person_id=new_person,
                mention=original.mention, predicate=original.predicate, value=new_value,
                detail={**original.detail, "corrected": {
                    "value": original.value, "date": original.date, "reason": reason}},
                date=new_date, start=original.start,
                end=original.end, quote=original.quote, extractor="editor@1", confidence=1.0,
                group_key=original.group_key, state="accepted", reviewer=reviewer,
                reviewed_at=utcnow(), supersedes=original.id,
                confidential=original.confidential or target.confidential)
    s.add(new)
    earlier = list(s.scalars(select(Claim).where(Claim.supersedes == original.id,
                                                 Claim.state == "accepted",
                                                 Claim.id != new_id)))
    for c in [original, *earlier]:
        c.state, c.reviewer, c.reviewed_at = "rejected", reviewer, utcnow()
    s.flush()
    if new.person_id is not None:
        src = s.get_one(Source, new.source_id)
        cases = cases_for(s, {new.person_id}, src.country) if src.country else \
            source_edit.cases_when_unknown(s, {new.person_id})
        if new.person_id in cases:  # else filed when an editor gives the source a country
            case = cases[new.person_id]
            materialise(s, new, case, src, vocab.criminal_code(case.country)["code"])
    # `retired`: the earlier corrections put out of force, which may be another person's (the
    # kept list updates the persons of every claim an entry names).
    audit.record(s, reviewer, "correct", f"claim:{original.id}", new_claim=new_id,
                 value=[target.value, new_value], date=[target.date, new_date],
                 person=[target.person_id, new_person] if person_id is not None else None,
                 retired=[c.id for c in earlier] or None, reason=reason)
    return new


ARTICLE = re.compile(r"\d{1,4}(?:-\d{1,3})?")


def check_value(predicate: str, value: str) -> None:
    """A corrected value must be one the rest of the registry can read."""
    if predicate == "sentenced_to":
        try:
            ok = 0 < float(value) < 12 * 100
        except ValueError:
            ok = False
        if not ok:
            raise ReviewError(f"a sentence is a number of months, not {value!r}")
    elif predicate == "event" and value not in vocab.event_types():
        raise ReviewError(f"unknown event type {value!r}: see casefile/data/event-types.yml")
    elif predicate == "figure" and value not in vocab.load("figures.yml")["measures"]:
        raise ReviewError(f"unknown measure {value!r}: see casefile/data/figures.yml")
    elif predicate == "mass_event" and value not in vocab.load("figures.yml")["mass_events"]:
        raise ReviewError(f"unknown mass event {value!r}: see casefile/data/figures.yml")
    elif predicate == "charged_under" and not ARTICLE.fullmatch(value):
        raise ReviewError(f"an article is a number like 272 or 380-1, not {value!r}")
    elif not value:
        raise ReviewError("the corrected value is empty")


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
