"""The events the registry holds, one row per event with its quote: `casefile events`.

A lawyer preparing an extradition defence, or a researcher checking what was extracted,
asks for a person's dated events with the words that state them. A list entry or a statement
of how things stand ("is serving a sentence") is not an event and is left out. Public claims only
(casefile.registry.publication): withheld persons are left out, anonymised ones only when editors
allow their dates (casefile.registry.redact), and then without name, id, quote or source; quotes
are redacted as the sources are. The country of an event is the acting state its phrase
names ("the Czech court"), else the country of the person's case; the requesting state and the
outcome come from the phrase.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.assess.status import STATED, period_start, precision
from casefile.names.compare import compare
from casefile.names.keys import block_keys, match_key
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Claim, Event, NameBlock, Person, PersonName, Source
from casefile.registry.publication import ANONYMISED_NAME, public_claim


@dataclass
class EventRecord:
    person: str
    person_id: int | None
    type: str
    date: str | None
    date_precision: str
    country: str | None
    requesting_country: str | None
    outcome: str | None
    quote: str | None
    source: int | None

    def public(self) -> dict[str, object]:
        return asdict(self)


def persons_named(s: Session, name: str) -> set[int]:
    """Ids of the persons (cluster roots) one of whose names is `name` or the same name in
    another spelling, script or case form."""
    key = match_key(name)
    ids = set(s.scalars(select(PersonName.person_id).where(PersonName.key == key)))
    blocks = sorted(block_keys(name))
    if blocks:
        for pid, other in s.execute(
                select(PersonName.person_id, PersonName.name)
                .join(NameBlock, NameBlock.person_id == PersonName.person_id)
                .where(NameBlock.block.in_(blocks)).distinct()):
            try:
                if compare(name, other).decision == "same":
                    ids.add(pid)
            except ValueError:
                continue
    cluster = clusters(s)
    return {cluster.get(pid, pid) for pid in ids}


def event_records(s: Session, person: str | None = None, types: Collection[str] = (),
                  country: str | None = None) -> list[EventRecord]:
    """Public events, by person then date (undated last); only those of `types` if any, and
    of persons whose case is in `country` if given."""
    cluster = clusters(s)
    wanted = persons_named(s, person) if person is not None else None
    query = (select(Case.person_id, Person.display_name, Person.publication, Case.country,
                    Event.type, Event.date, Event.detail, Claim.quote, Claim.source_id,
                    Claim.start)
             .join(Case, Event.case_id == Case.id).join(Person, Case.person_id == Person.id)
             .join(Claim, Event.claim_id == Claim.id).join(Source, Claim.source_id == Source.id)
             .where(public_claim(), Event.type.not_in(STATED)))
    if types:
        query = query.where(Event.type.in_(sorted(set(types))))
    if country is not None:
        query = query.where(Case.country == country)
    names: dict[int, str] = {pid: name for pid, name in s.execute(
        select(Person.id, Person.display_name))}
    rows = []
    found = s.execute(query).all()
    shown = redact.quote_redactor(s, {r[8] for r in found})
    prot = redact.protected(s)
    for pid, _name, _publication, country, typ, day, detail, quote, source, start in found:
        root = cluster.get(pid, pid)
        if wanted is not None and root not in wanted:
            continue
        detail = detail or {}
        rows.append(EventRecord(
            names.get(root, _name), root, typ, day, precision(day),
            detail.get("country") or (country if country != "XX" else None),
            detail.get("requesting_country"), detail.get("outcome"),
            shown(source, quote, start), source))
    out = []
    for r in rows:
        how = prot.how.get(r.person_id or 0)
        if how == "anonymised" and "dates" in prot.fields.get(r.person_id or 0, ()):
            r.person, r.person_id, r.quote, r.source = ANONYMISED_NAME, None, None, None
        elif how is not None:
            continue
        out.append(r)
    out.sort(key=lambda r: (r.person.casefold(), r.date is None, period_start(r.date or "0"),
                            r.type))
    return out
