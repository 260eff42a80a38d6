"""The interventions log: what editors filed for whom, and what is due.

A request to INTERPOL's CCF, a communication to the WGAD or a Special Rapporteur, an appeal,
a letter to an embassy, a question in the European Parliament or PACE (the kinds and statuses
are data/interventions.yml's). It is the editors' working record and never public: the notes
may name whoever helped. Every change writes the audit log with what it was before; the notes
themselves stay out of the log (which editors of any kind read), as a claim's reason does not.
An error leaves nothing: everything is checked before a row is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casefile import vocab
from casefile.errors import NotFound, ReviewError
from casefile.registry import audit
from casefile.registry.judgements import members
from casefile.registry.models import Intervention, Person, utcnow
from casefile.registry.resolve import resolve_all

MAX_TEXT = 300
MAX_NOTE = 4000
# The vocabularies, for the CLI's help (casefile.cli.labels.Choices).
KINDS = tuple(vocab.load("interventions.yml")["kinds"])
STATUSES = tuple(vocab.load("interventions.yml")["statuses"])
PROGRESS = tuple(vocab.load("interventions.yml")["progress"])


def kinds() -> dict[str, dict[str, Any]]:
    return vocab.load("interventions.yml")["kinds"]


def statuses() -> dict[str, dict[str, Any]]:
    return vocab.load("interventions.yml")["statuses"]


def label(group: str, key: str, lang: str = "en") -> str:
    """A kind's, status's or progress state's label in `lang` (the key when unknown)."""
    entry = vocab.load("interventions.yml")[group].get(key)
    return vocab.localized(entry, "label", lang) if entry else key


def open_statuses() -> tuple[str, ...]:
    return tuple(k for k, v in statuses().items() if v.get("open", True))


@dataclass(frozen=True)
class NewIntervention:
    kind: str
    addressee: str
    editor: str
    person_id: int | None = None  # None: a general letter
    filed: str | None = None  # YYYY-MM-DD; None while drafted
    status: str = "filed"
    follow_up: str | None = None
    reference: str | None = None
    notes: str | None = None


def day(value: str | None, option: str) -> str | None:
    """A calendar date YYYY-MM-DD, or None; anything else is an error naming the option."""
    if value is None or not value.strip():
        return None
    try:
        return Date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ReviewError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


def _status(value: str) -> str:
    if value not in statuses():
        raise ReviewError(f"--status must be one of {', '.join(statuses())}, not {value!r}")
    return value


def _text(value: str | None, option: str, limit: int = MAX_TEXT) -> str | None:
    value = (value or "").strip() or None
    if value is not None and len(value) > limit:
        raise ReviewError(f"{option} is at most {limit} characters")
    return value


def add(s: Session, new: NewIntervention) -> Intervention:
    """Check and store one intervention, and log it."""
    if new.kind not in kinds():
        raise ReviewError(f"--kind must be one of {', '.join(kinds())}, not {new.kind!r}")
    status = _status(new.status)
    filed, follow_up = day(new.filed, "--filed"), day(new.follow_up, "--follow-up")
    if filed is None and status != "drafted":
        raise ReviewError("give the date it was filed (--filed), or --status drafted")
    if filed is not None and follow_up is not None and follow_up < filed:
        raise ReviewError(f"--follow-up {follow_up} is before --filed {filed}")
    addressee = _text(new.addressee, "--addressee")
    if addressee is None:
        raise ReviewError("say to whom it was sent (--addressee)")
    editor = _text(new.editor, "--as", 100)
    if editor is None:
        raise ReviewError("say who files it (--as)")
    if new.person_id is not None and s.get(Person, new.person_id) is None:
        raise NotFound(f"no person with id {new.person_id}")
    row = Intervention(kind=new.kind, person_id=new.person_id, addressee=addressee,
                       filed=filed, status=status, follow_up=follow_up,
                       reference=_text(new.reference, "--reference", 200),
                       notes=_text(new.notes, "--note", MAX_NOTE), created_by=editor)
    s.add(row)
    s.flush()
    audit.record(s, editor, "add-intervention", f"intervention:{row.id}", kind=row.kind,
                 person=row.person_id, status=status, filed=filed, follow_up=follow_up)
    return row


def update(s: Session, intervention_id: int, editor: str, *, status: str | None = None,
           follow_up: str | None = None) -> Intervention:
    """Move an intervention on: a new status and/or follow-up date. The log keeps both the
    old and the new values."""
    row = s.get(Intervention, intervention_id)
    if row is None:
        raise NotFound(f"no intervention with id {intervention_id}")
    editor = (editor or "").strip()
    if not editor:
        raise ReviewError("say who changes it (--as)")
    changes: dict[str, list[str | None]] = {}
    if status is not None and _status(status) != row.status:
        changes["status"] = [row.status, status]
    new_follow = day(follow_up, "--follow-up")
    if new_follow is not None and row.filed is not None and new_follow < row.filed:
        raise ReviewError(f"--follow-up {new_follow} is before the filing date {row.filed}")
    if new_follow is not None and new_follow != row.follow_up:
        changes["follow_up"] = [row.follow_up, new_follow]
    if status is None and follow_up is None:
        raise ReviewError("give --status or --follow-up")
    if not changes:
        return row
    if "status" in changes:
        row.status = changes["status"][1] or row.status
    if "follow_up" in changes:
        row.follow_up = changes["follow_up"][1]
    row.updated_by, row.updated_at = editor, utcnow()
    s.flush()
    audit.record(s, editor, "update-intervention", f"intervention:{row.id}", changes=changes)
    return row


@dataclass(frozen=True)
class InterventionRecord:
    """One intervention as the editors' list, the JSON API and the CLI show it."""

    id: int
    kind: str
    kind_label: str
    person_id: int | None
    """None: a general letter."""
    person: str | None
    """The person's display name."""
    addressee: str
    filed: str | None
    status: str
    status_label: str
    follow_up: str | None
    reference: str | None
    notes: str | None
    """Confidential: editors only."""
    created_by: str
    updated_by: str | None


def record(row: Intervention, lang: str = "en") -> InterventionRecord:
    return InterventionRecord(
        id=row.id, kind=row.kind, kind_label=label("kinds", row.kind, lang),
        person_id=row.person_id, person=row.person.display_name if row.person else None,
        addressee=row.addressee, filed=row.filed, status=row.status,
        status_label=label("statuses", row.status, lang), follow_up=row.follow_up,
        reference=row.reference, notes=row.notes, created_by=row.created_by,
        updated_by=row.updated_by)


def listed(s: Session, person_id: int | None = None) -> list[Intervention]:
    """Interventions, newest filed first; for a person, those of everyone merged with them."""
    q = select(Intervention).options(selectinload(Intervention.person))
    if person_id is not None:
        q = q.where(Intervention.person_id.in_(members(s, person_id)))
    rows = s.scalars(q.order_by(Intervention.filed.desc().nulls_first(),
                                Intervention.id.desc())).all()
    return list(rows)


def due(s: Session, by: str) -> list[Intervention]:
    """Open interventions whose follow-up date is on or before `by`, oldest first."""
    by_day = day(by, "--by")
    rows = s.scalars(select(Intervention).options(selectinload(Intervention.person))
                     .where(Intervention.follow_up.is_not(None),
                            Intervention.follow_up <= by_day,
                            Intervention.status.in_(open_statuses()))
                     .order_by(Intervention.follow_up, Intervention.id)).all()
    return list(rows)


def person_named(s: Session, name: str) -> Person:
    """The registry person `name` is (an id, or a name the resolver is sure of). An
    unknown or ambiguous name is an error: an intervention is never filed for a guess."""
    name = name.strip()
    if name.isdigit():
        person = s.get(Person, int(name))
        if person is None:
            raise NotFound(f"no person with id {name}")
        return person
    found = resolve_all(s, [(name, None)], None, create=False)
    person = found.get((name, None))
    if person is None:
        raise NotFound(f"no registry person is surely {name!r}: give their id "
                       "(casefile persons) or the name as the registry writes it")
    return person
