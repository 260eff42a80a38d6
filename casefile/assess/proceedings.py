"""A person's proceedings abroad as records: Interpol notices, wanted listings, extradition
cases, asylum, removal orders and travel bans, each with its decisions.

A lawyer filing with INTERPOL's CCF or defending an extradition asks "which proceedings, by
which state, where, and how do they stand", not for a timeline. The registry holds events; a
proceeding is read from them, never typed in:

- **Which events**: the types with `proceeding` in data/event-types.yml (the data says the
  kind, the status each leaves, which outcome changes it, and whether the acting state is the
  requesting one), joined to the claim behind each, so every decision keeps its claim id,
  quote, source, date and its precision.
- **Grouping**: by kind, then by (requesting state, host state) from Event.detail (`country`,
  `requesting_country`). Events naming both states are placed first; an event that names
  fewer joins the one proceeding of its kind that agrees with what it names (an undated
  "extradition was requested" joins the one extradition case), and opens a proceeding of its
  own when none or several agree: it cannot be told which one it belongs to, so it is not
  guessed. A type with `opens: false` (a release) only joins a proceeding of its kind in the
  state that released the person, and is left out otherwise.
- **Status** is that of the latest decision (its date, else the date stated before it, else
  its source's: casefile.assess.status.Ev.placed), by the data's mapping.
- `public=True`: accepted, non-confidential claims (casefile.registry.publication) of a person
  the rule lets public outputs name, with quotes redacted by casefile.registry.redact (the one
  owner of what a text may leave); otherwise nothing. `as_of`: only sources known on that day
  (casefile.assess.standing.source_known_on, the rule the list uses).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.standing import ALL_SOURCES, known_params, source_known_on
from casefile.assess.status import Ev, period_start, precision, source_date
from casefile.errors import CasefileError
from casefile.registry import db, redact
from casefile.registry.judgements import members
from casefile.registry.models import Case, Claim, Event, Person, Source
from casefile.registry.publication import public_claim, strictest


@dataclass(frozen=True)
class Decision:
    """One step of a proceeding, as one claim states it."""

    type: str  # the event type (data/event-types.yml)
    date: str | None  # ISO prefix as the source states it
    date_precision: str  # day | month | year | unknown
    placed: str | None  # the date it counts at (its own, the date stated before it, the source's)
    outcome: str | None  # detail.outcome: refused, granted, extradited, suspended
    acting_state: str | None  # ISO2 of the state that acted, as the phrase names it
    requesting_state: str | None  # ISO2
    claim_id: str
    quote: str | None
    source_id: int
    state: str  # the claim's review state (only "accepted" when public)


@dataclass(frozen=True)
class Proceeding:
    """One proceeding: its kind, the states, its status and its decisions in date order."""

    kind: str  # data/proceeding-kinds.yml
    requesting_state: str | None
    host_state: str | None
    status: str  # the latest decision's, by data/event-types.yml
    decisions: tuple[Decision, ...]

    @property
    def opened(self) -> str | None:
        return next((d.placed for d in self.decisions if d.placed), None)


def shown_ids(s: Session, person_id: int, *, public: bool) -> list[int] | None:
    """The person ids whose facts speak for `person_id`'s cluster, or None when there is no
    such person or (public) the publication rule does not let public outputs name them."""
    ids = members(s, person_id)
    rows = s.execute(select(Person.publication).where(Person.id.in_(ids))).scalars().all()
    if not rows or (public and strictest(rows) != "public"):
        return None
    return ids


def proceedings_of(s: Session, person_id: int, *, public: bool, as_of: str | None = None
                   ) -> list[Proceeding]:
    """`person_id`'s proceedings abroad (the cluster's), oldest first; empty when the person
    is unknown or not public (with `public`). A person page has them from its dossier's rows
    (casefile.reports.dossier.with_proceedings), by the same reading (`decision`)."""
    if as_of is not None:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise CasefileError(f"as_of must be a date YYYY-MM-DD, not {as_of[:40]!r}") from None
    ids = shown_ids(s, person_id, public=public)
    if ids is None:
        return []
    rows = db.reader(s).execute(_query(public),
                                {"ids": ids, **known_params(as_of or ALL_SOURCES)}).all()
    redacted = redact.quote_redactor(s, {r.source_id for r in rows}) if public else None
    return group([decision(typ, day, detail or {}, case_country, claim_id,
                           redacted(source_id, quote, start) if redacted else quote, source_id,
                           state, source_date(published, captured))
                  for (typ, day, detail, case_country, claim_id, quote, start, source_id,
                       state, published, captured) in rows])


def is_decision(event_type: str) -> bool:
    """Whether events of this type are steps of a proceeding (data/event-types.yml)."""
    return event_type in _rules()


def decision(typ: str, day: str | None, detail: dict[str, Any], case_country: str | None,
             claim_id: str, quote: str | None, source_id: int, state: str,
             known_by: str | None) -> tuple[dict[str, Any], Decision]:
    """One event of a proceeding's type as a decision, with its type's rule: the one reading
    of an event's states and dates, for the query above and for the dossier, which reads the
    same events with the rest of a person's claims (casefile.reports.dossier). `quote` is
    as shown (redacted where public); `known_by` the source's date."""
    rule = _rules()[typ]
    acting = detail.get("country")
    requesting = detail.get("requesting_country") or detail.get("requesting")
    if rule.get("acting") == "requesting":  # the state that issues is the one that asks
        requesting = requesting or acting or (case_country if case_country != "XX" else None)
    ev = Ev(typ, day, detail, known_by)
    return rule, Decision(typ, day, precision(day), ev.placed, detail.get("outcome"), acting,
                          requesting, claim_id, quote, source_id, state)


@cache
def _rules() -> dict[str, dict[str, Any]]:
    """Event type -> its `proceeding` rule (data/event-types.yml, read once)."""
    return {t: e["proceeding"] for t, e in vocab.event_types().items() if "proceeding" in e}


@cache
def _query(public: bool) -> Select[Any]:
    """The decisions' rows of the persons :ids as known on :known_day, built once (building
    a statement costs more than running it on one person's few events)."""
    query = (select(Event.type, Event.date, Event.detail, Case.country, Claim.id, Claim.quote,
                    Claim.start, Claim.source_id, Claim.state, Source.published_at,
                    Source.captured_at)
             .join(Case, Event.case_id == Case.id).join(Claim, Event.claim_id == Claim.id)
             .join(Source, Claim.source_id == Source.id)
             .where(Case.person_id.in_(bindparam("ids", expanding=True)),
                    Event.type.in_(sorted(_rules())), Claim.state != "rejected",
                    source_known_on())
             .order_by(Claim.source_id, Claim.start))
    return query.where(public_claim()) if public else query


def _host(rule: dict[str, Any], d: Decision) -> str | None:
    return None if rule.get("acting") == "requesting" else d.acting_state


def _order(d: Decision) -> tuple[bool, str]:
    return d.placed is None, period_start(d.placed or "0000")


def group(found: list[tuple[dict[str, Any], Decision]]) -> list[Proceeding]:
    """Decisions (each with its type's `proceeding` rule) into proceedings; see the module's
    docstring for the rule."""
    open_: list[tuple[str, str | None, str | None, list[tuple[dict[str, Any], Decision]]]] = []

    def named(item: tuple[dict[str, Any], Decision]) -> int:
        rule, d = item
        return (d.requesting_state is not None) + (_host(rule, d) is not None)

    for item in sorted(found, key=lambda it: (-named(it), _order(it[1]))):
        rule, d = item
        kind, host, req = rule["kind"], _host(rule, d), d.requesting_state
        if rule.get("opens", True) is False:
            fits = [p for p in open_ if p[0] == kind and host is not None and p[2] == host]
        else:
            fits = [p for p in open_ if p[0] == kind and _agrees((req, host), (p[1], p[2]))]
        if len(fits) == 1:
            fits[0][3].append(item)
        elif rule.get("opens", True) is not False:
            open_.append((kind, req, host, [item]))
    out = []
    for kind, req, host, items in open_:
        items.sort(key=lambda it: _order(it[1]))
        dated = [it for it in items if it[1].placed] or items
        rule, last = dated[-1]
        status = (rule.get("outcomes") or {}).get(last.outcome) or rule["status"]
        out.append(Proceeding(kind, req, host, status, tuple(d for _, d in items)))
    out.sort(key=lambda p: (p.opened is None, period_start(p.opened or "0000"), p.kind))
    return out


def _agrees(states: tuple[str | None, str | None], other: tuple[str | None, str | None]
            ) -> bool:
    """Whether a decision naming `states` (requesting, host) fits a proceeding's: every state
    both name is the same, and they share one, unless the decision names none."""
    both = [(a, b) for a, b in zip(states, other, strict=True)
            if a is not None and b is not None]
    if all(a is None for a in states):
        return True
    return bool(both) and all(a == b for a, b in both)
