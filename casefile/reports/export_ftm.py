"""The public registry as FollowTheMoney entities: `casefile export ftm`.

FollowTheMoney (FtM) is the data model partners already read: Aleph, OpenSanctions and the
investigative tools built on them. An export lets them load who the registry lists, what
happened to them and which published source says so, without scraping the site. Provenance
stays attached: every `Event` carries the quote that states it and points (`proof`) to the
`Document` of its source, and each person is tied to each source that names them by a
`Documentation` entity.

Only what the public site shows goes out, through the same readers (casefile.reports.persons
and casefile.reports.events, which apply the publication rule and redact quotes and titles):
withheld persons are absent, and so are anonymised ones, since an FtM entity is a record a
partner can merge and a nameless one would still carry facts that point to the person. Each
entity is validated against the FtM schema as it is made; a value the schema refuses is an
error, not a silently dropped fact.

Ids are stable and readable (`casefile-person-12`, `casefile-source-3`): a partner who loads
two exports updates entities instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import CasefileError
from casefile.registry.models import Source
from casefile.reports import redact
from casefile.reports.events import event_records
from casefile.reports.persons import person_records
from casefile.sources.links import http_link

PREFIX = "casefile"


@dataclass(frozen=True)
class Counts:
    """What an export wrote, by FtM schema."""

    by_schema: dict[str, int]

    def line(self) -> str:
        return ", ".join(f"{n} {schema}" for schema, n in sorted(self.by_schema.items()))


def entities(s: Session, as_of: str) -> Iterator[EntityProxy]:
    """Persons with their public sources, those sources, and the public events, as of
    `as_of` (the day the persons' situation is described for)."""
    people = [p for p in person_records(s, as_of) if p.id is not None]
    cited = sorted({sid for p in people for sid in p.sources})
    yield from _documents(s, cited)
    for p in people:
        person = _entity("Person", f"person-{p.id}")
        _add(person, "name", p.name)
        _add(person, "alias", p.aliases)
        notes = f"Role in the registry: {p.role}."
        if p.status:
            notes += f" Situation on {as_of}: {p.status}."
        _add(person, "notes", notes)
        yield _checked(person)
        for sid in p.sources:
            doc = _entity("Documentation", f"documentation-{p.id}-{sid}")
            _add(doc, "entity", person.id)
            _add(doc, "document", _id(f"source-{sid}"))
            _add(doc, "role", "named in the source")
            yield _checked(doc)
    shown = {p.id for p in people}
    labels = vocab.event_types()
    seen: set[str] = set()
    for ev in event_records(s):
        # Keyed by what the event is, so the same fact keeps its id from export to export (and
        # two claims of one event in one passage, as merged records give, are one entity).
        what = "|".join(str(x) for x in (ev.person_id, ev.source, ev.type, ev.date, ev.quote))
        if ev.person_id not in shown or ev.source is None or what in seen:
            continue
        seen.add(what)
        event = _entity("Event", "event-" + hashlib.sha256(what.encode()).hexdigest()[:20])
        label = labels.get(ev.type, {}).get("label", ev.type)
        _add(event, "name", f"{label}: {ev.person}")
        _add(event, "date", ev.date)
        _add(event, "involved", _id(f"person-{ev.person_id}"))
        _add(event, "country", ev.country)
        _add(event, "summary", ev.quote)
        _add(event, "proof", _id(f"source-{ev.source}"))
        _add(event, "keywords", ev.type)
        if ev.requesting_country:
            _add(event, "description", f"At the request of {ev.requesting_country}.")
        yield _checked(event)


def _documents(s: Session, ids: list[int]) -> Iterator[EntityProxy]:
    """One Document per cited source, with its URL (casefile.sources.links) and the file
    name it was captured from; titles and file names that name a protected person are
    withheld as on the site."""
    prot = redact.protected(s)
    for sid, title, publisher, published, origin, url, language in s.execute(
            select(Source.id, Source.title, Source.publisher, Source.published_at,
                   Source.origin, Source.url, Source.language).where(Source.id.in_(ids))
            .order_by(Source.id)):
        doc = _entity("Document", f"source-{sid}")
        _add(doc, "title", redact.redact_line(prot, title))
        _add(doc, "publisher", redact.redact_line(prot, publisher))
        _add(doc, "publishedAt", published)
        shown = redact.redact_line(prot, origin, any_case=True)
        link = http_link(redact.redact_line(prot, url, any_case=True)) or http_link(shown)
        _add(doc, "sourceUrl", link)
        if shown and shown != link:
            _add(doc, "fileName", shown)
        _add(doc, "language", language)
        yield _checked(doc)


def write(s: Session, out: TextIO, as_of: str) -> Counts:
    """The export as JSON lines (one entity per line, FtM's exchange format)."""
    counts: dict[str, int] = {}
    for entity in entities(s, as_of):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        counts[entity.schema.name] = counts.get(entity.schema.name, 0) + 1
    return Counts(counts)


def _id(key: str) -> str:
    return f"{PREFIX}-{key}"


def _entity(schema: str, key: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = _id(key)
    return entity


def _add(entity: EntityProxy, prop: str, value: Any) -> None:
    """Add a value, failing when FtM's type cleaning refuses it (a date it cannot read, a
    country code it does not know): an export must not lose facts without saying so."""
    kind = entity.schema.get(prop)
    if kind is None:
        raise CasefileError(f"FtM {entity.schema.name} has no property {prop!r}")
    for v in value if isinstance(value, list) else [value]:
        if v in (None, ""):
            continue
        cleaned = kind.type.clean(str(v), proxy=entity)
        if cleaned is None:
            raise CasefileError(f"FtM refuses {prop}={v!r} of {entity.id}")
        entity.add(kind, cleaned, cleaned=True)


def _checked(entity: EntityProxy) -> EntityProxy:
    """The entity as FtM's schema validation sees it, required properties included."""
    missing = [p for p in entity.schema.required if not entity.get(p)]
    try:
        entity.schema.validate({"properties": entity.to_dict()["properties"]})
    except InvalidData as exc:
        raise CasefileError(f"FtM entity {entity.id} does not validate: {exc}") from None
    if missing:
        raise CasefileError(f"FtM entity {entity.id} lacks {', '.join(missing)}")
    return entity
