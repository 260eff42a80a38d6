"""The registry as FollowTheMoney entities: `casefile export ftm`.

FollowTheMoney (FtM) is the data model partners already read: Aleph, OpenSanctions and the
investigative tools built on them. An export lets them load who the registry lists, what
happened to them, which officials hold which posts, whose sanctioning a source proposes, and
which published source says each of these, without scraping the site:

- a `Person` per person, with every written form of the name (`name` and `alias`), birth
  dates, nationality and topics (an official, or anyone holding a position, is `role.pep`:
  casefile/data/ftm.yml);
- a `Position` per post named in `position` claims (with an `Organization` when the claim
  names one) and an `Occupancy` tying the holder to it with its start and end (status
  "ended" for a former post);
- a `Sanction` with status "proposed" per `sanctions_recommended` event (a report asking for
  personal sanctions is not a sanction: the status says so);
- an `Event` per other dated event, with its quote as summary;
- a `Document` per cited source (its sha256 as the keyword `sha256:<hex>`, its URL), and
  provenance: a `Documentation` per claim tying the entity the claim gives (the person, the
  occupancy, the sanction, the event) to its source, with the claim id (`recordId`), its
  review state and the quote (`summary`); a `Mention` per name form a source writes.

By default only what the public site shows goes out: accepted, non-confidential claims
(casefile.registry.publication) of persons the site names (casefile.reports.persons), quotes
and titles redacted as on the site (casefile.registry.redact). Withheld persons are absent, and
so are anonymised ones, since an FtM entity is a record a partner can merge and a nameless one
would still carry facts that point to the person. `editors=True` (`--editors`) writes every
person and every claim not rejected, proposed ones too, for the editors' own tools; still
never a confidential claim or an editor's confidential notes.

Each entity is validated against the FtM schema as it is made; a value the schema refuses is
an error, not a silently dropped fact. Ids are stable and readable (`casefile-person-12`,
`casefile-source-3`; hashes of what a fact is for positions, occupancies and events): a partner
who loads two exports updates entities instead of duplicating them, and
`casefile import ftm` (casefile.registry.ftm_import) reads its own export back.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.status import STATED
from casefile.errors import CasefileError
from casefile.names.display import display_name
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Case, Claim, Event, Person, PersonName, Source
from casefile.registry.publication import public_claim, published_by_editors
from casefile.reports.persons import RANK, person_records
from casefile.sources.links import http_link

PREFIX = "casefile"
SANCTION_EVENT = "sanctions_recommended"
# Claims that say something of the person entity itself (the rest make entities of their own).
PERSON_FACTS = ("name", "birth_date", "citizenship", "role")


@dataclass(frozen=True)
class Counts:
    """What an export wrote, by FtM schema."""

    by_schema: dict[str, int]

    def line(self) -> str:
        return ", ".join(f"{n} {schema}" for schema, n in sorted(self.by_schema.items()))


@dataclass(frozen=True)
class Fact:
    """One claim as the export reads it: about which person (the cluster's id), from which
    source, with the quote as it may leave (redacted for the public)."""

    claim_id: str
    person_id: int
    source_id: int
    predicate: str
    value: str
    detail: dict[str, Any]
    date: str | None
    quote: str | None
    mention: str | None
    state: str
    case_country: str | None = None  # an event's case, where the registry filed it


@dataclass(frozen=True)
class Exported:
    """A person as the export writes them."""

    id: int
    name: str
    role: str
    status: str | None
    forms: tuple[str, ...]
    facts: tuple[Fact, ...] = field(repr=False)


def entities(s: Session, as_of: str, *, editors: bool = False) -> Iterator[EntityProxy]:
    """Persons, positions, proposed sanctions, events, their sources and the provenance of
    each fact, as of `as_of` (the day the persons' situation is described for)."""
    people = _people(s, as_of, editors)
    cited = sorted({f.source_id for p in people for f in p.facts})
    yield from _documents(s, cited, editors)
    data = vocab.load("ftm.yml")
    topics, holder = data["roles"], data["position"]
    for p in people:
        person = _entity("Person", f"person-{p.id}")
        _add(person, "name", p.name)
        _add(person, "alias", [f for f in p.forms if f != p.name])
        _add(person, "birthDate", sorted({f.value for f in p.facts
                                          if f.predicate == "birth_date"}))
        _add(person, "nationality", sorted({f.value for f in p.facts
                                            if f.predicate == "citizenship"}))
        _add(person, "topics", sorted({t for t in (
            topics.get(p.role), holder if any(f.predicate == "position" for f in p.facts)
            else None) if t}))
        notes = f"Role in the registry: {p.role}."
        if p.status:
            notes += f" Situation on {as_of}: {p.status}."
        _add(person, "notes", notes)
        yield _checked(person)
        yield from _mentions(person, p)
        seen = {person.id}
        for fact in p.facts:
            made = list(_fact_entities(person, p, fact))
            if not made:
                continue
            for entity in made:
                if entity.id not in seen:
                    seen.add(entity.id)
                    yield entity
            yield _documentation(made[-1], fact)


def _people(s: Session, as_of: str, editors: bool) -> list[Exported]:
    """Who goes out, with the facts each may carry."""
    cluster = clusters(s)
    if editors:
        roots = {pid: (name, None) for pid, name in s.execute(
            select(Person.id, Person.display_name)) if cluster.get(pid, pid) == pid}
        shown: dict[int, tuple[str, str | None]] = dict(roots)
        roles: dict[int, str] = {}
    else:
        recs = [r for r in person_records(s, as_of) if r.id is not None]
        shown = {r.id: (r.name, r.status) for r in recs if r.id is not None}
        roles = {r.id: r.role for r in recs if r.id is not None}
    facts = _facts(s, set(shown), cluster, editors)
    if not editors:  # an official's posts and proposed sanctions: only once editors publish
        named = published_by_editors(s, facts)
        facts = {pid: [f for f in mine if pid in named or not _perpetrator_fact(f)]
                 for pid, mine in facts.items()}
    forms = _forms(s, cluster, facts)
    out = []
    for pid, (name, status) in shown.items():
        mine = tuple(facts.get(pid, ()))
        if not mine:
            continue
        role = roles.get(pid) or _role(mine)
        out.append(Exported(pid, name, role, status, tuple(forms.get(pid, ())), mine))
    return sorted(out, key=lambda p: (p.name.casefold(), p.id))


def _facts(s: Session, shown: set[int], cluster: dict[int, int], editors: bool
           ) -> dict[int, list[Fact]]:
    visible = (Claim.state != "rejected") & Claim.confidential.is_(False) if editors \
        else public_claim()
    rows = s.execute(select(Claim.id, Claim.person_id, Claim.source_id, Claim.predicate,
                            Claim.value, Claim.detail, Claim.date, Claim.quote, Claim.start,
                            Claim.mention, Claim.state)
                     .where(Claim.person_id.is_not(None), visible)
                     .order_by(Claim.source_id, Claim.start, Claim.id)).all()
    filed = dict(s.execute(select(Event.claim_id, Case.country)
                           .join(Case, Event.case_id == Case.id)).all())
    shown_quote = redact.quote_redactor(s, {r.source_id for r in rows})
    out: dict[int, list[Fact]] = defaultdict(list)
    for r in rows:
        root = cluster.get(r.person_id, r.person_id)
        if root not in shown:
            continue
        quote = r.quote if editors else shown_quote(r.source_id, r.quote, r.start)
        country = filed.get(r.id)
        out[root].append(Fact(r.id, root, r.source_id, r.predicate, r.value, r.detail or {},
                              r.date, quote, r.mention, r.state,
                              country if country != "XX" else None))
    return out


def _forms(s: Session, cluster: dict[int, int], facts: dict[int, list[Fact]]
           ) -> dict[int, list[str]]:
    """Every written form of each person's name the registry keeps that an exported claim
    writes: a form known only from a hidden claim (proposed, for the public; confidential,
    for anyone) stays hidden."""
    backed: dict[int, set[str]] = defaultdict(set)
    for pid, mine in facts.items():
        for f in mine:
            if f.mention:
                backed[pid].add(display_name(f.mention))
            if f.predicate == "name":
                backed[pid].add(display_name(f.value))
    out: dict[int, list[str]] = defaultdict(list)
    for pid, name in s.execute(select(PersonName.person_id, PersonName.name)
                               .order_by(PersonName.id)):
        root = cluster.get(pid, pid)
        if root in facts and name in backed[root] and name not in out[root]:
            out[root].append(name)
    return out


def _role(facts: tuple[Fact, ...]) -> str:
    """The strongest role the person's claims give (casefile.reports.persons ranks them)."""
    roles = [f.value for f in facts if f.predicate == "role"]
    if not roles:
        return "victim" if any(f.predicate in ("listed", "event", "charged_under",
                                               "sentenced_to") for f in facts) else "other"
    return max(roles, key=lambda r: (RANK.get(r, 1), roles.count(r)))


def _perpetrator_fact(fact: Fact) -> bool:
    """A fact that names someone responsible for persecution (a post held, a sanction
    proposed): public only for officials editors published (publication.published_by_editors)."""
    return fact.predicate == "position" or (fact.predicate == "event"
                                            and fact.value == SANCTION_EVENT)


def _fact_entities(person: EntityProxy, p: Exported, fact: Fact) -> Iterator[EntityProxy]:
    """The entities a claim gives, the one its provenance points to last."""
    if fact.predicate in PERSON_FACTS:
        yield person
    elif fact.predicate == "position":
        yield from _occupancy(person, p, fact)
    elif fact.predicate == "event" and fact.value == SANCTION_EVENT:
        yield _sanction(person, p, fact)
    elif fact.predicate == "event" and fact.value not in STATED:
        yield _event(person, p, fact)


def _occupancy(person: EntityProxy, p: Exported, fact: Fact) -> Iterator[EntityProxy]:
    """The post (and the organisation it belongs to, an entity of its own in FtM) and the
    person's holding of it, with its dates; a post the source calls former has ended."""
    org, country = fact.detail.get("organisation"), fact.detail.get("country")
    post = _entity("Position", "position-" + _digest(fact.value, org, country))
    _add(post, "name", fact.value)
    _add(post, "country", country)
    if org:
        body = _entity("Organization", "organization-" + _digest(org, country))
        _add(body, "name", org)
        _add(body, "country", country)
        yield _checked(body)
        _add(post, "organization", body.id)
    yield _checked(post)
    start, end = fact.detail.get("start"), fact.detail.get("end")
    occ = _entity("Occupancy", "occupancy-" + _digest(p.id, post.id, start, end))
    _add(occ, "holder", person.id)
    _add(occ, "post", post.id)
    _add(occ, "startDate", start)
    _add(occ, "endDate", end)
    if end or fact.detail.get("former"):
        _add(occ, "status", "ended")
    yield _checked(occ)


def _sanction(person: EntityProxy, p: Exported, fact: Fact) -> EntityProxy:
    sanction = _entity("Sanction", "sanction-" + _digest(p.id, fact.source_id, fact.date,
                                                         fact.quote))
    _add(sanction, "entity", person.id)
    _add(sanction, "status", vocab.load("ftm.yml")["proposed_sanction"])
    _add(sanction, "date", fact.date)
    _add(sanction, "country", fact.detail.get("country") or fact.case_country)
    _add(sanction, "reason", fact.quote)
    _add(sanction, "proof", _id(f"source-{fact.source_id}"))
    return _checked(sanction)


def _event(person: EntityProxy, p: Exported, fact: Fact) -> EntityProxy:
    # Keyed by what the event is, so the same fact keeps its id from export to export (and
    # two claims of one event in one passage are one entity).
    event = _entity("Event", "event-" + _digest(p.id, fact.source_id, fact.value, fact.date,
                                                fact.quote))
    label = vocab.event_types().get(fact.value, {}).get("label", fact.value)
    _add(event, "name", f"{label}: {p.name}")
    _add(event, "date", fact.date)
    _add(event, "involved", person.id)
    _add(event, "country", fact.detail.get("country") or fact.case_country)
    _add(event, "summary", fact.quote)
    _add(event, "proof", _id(f"source-{fact.source_id}"))
    _add(event, "keywords", fact.value)
    requesting = fact.detail.get("requesting_country") or fact.detail.get("requesting")
    if requesting:
        _add(event, "description", f"At the request of {requesting}.")
    return _checked(event)


def _documentation(entity: EntityProxy, fact: Fact) -> EntityProxy:
    """Provenance of one claim: the entity it gives, its source, its id, state and quote."""
    doc = _entity("Documentation", f"claim-{fact.claim_id}")
    _add(doc, "entity", entity.id)
    _add(doc, "document", _id(f"source-{fact.source_id}"))
    _add(doc, "role", fact.predicate)
    _add(doc, "recordId", fact.claim_id)
    _add(doc, "status", fact.state)
    _add(doc, "date", fact.date)
    _add(doc, "summary", fact.quote)
    return _checked(doc)


def _mentions(person: EntityProxy, p: Exported) -> Iterator[EntityProxy]:
    """Each name form as a source writes it, resolved to the person."""
    seen: set[tuple[int, str]] = set()
    for fact in p.facts:
        form = fact.value if fact.predicate == "name" else fact.mention
        if not form or (fact.source_id, form) in seen:
            continue
        seen.add((fact.source_id, form))
        mention = _entity("Mention", "mention-" + _digest(p.id, fact.source_id, form))
        _add(mention, "name", form)
        _add(mention, "document", _id(f"source-{fact.source_id}"))
        _add(mention, "resolved", person.id)
        _add(mention, "detectedSchema", "Person")
        yield _checked(mention)


def _documents(s: Session, ids: list[int], editors: bool) -> Iterator[EntityProxy]:
    """One Document per cited source, with its sha256, URL (casefile.sources.links) and the
    file name it was captured from; for the public, titles and file names that name a
    protected person are withheld as on the site."""
    prot = redact.Protected() if editors else redact.protected(s)
    for sid, sha, title, publisher, published, origin, url, language in s.execute(
            select(Source.id, Source.sha256, Source.title, Source.publisher,
                   Source.published_at, Source.origin, Source.url, Source.language)
            .where(Source.id.in_(ids)).order_by(Source.id)):
        doc = _entity("Document", f"source-{sid}")
        _add(doc, "title", redact.redact_line(prot, title))
        _add(doc, "publisher", redact.redact_line(prot, publisher))
        _add(doc, "publishedAt", published)
        # FtM's contentHash is a SHA-1; the registry names a source by its SHA-256.
        _add(doc, "keywords", f"sha256:{sha}")
        shown = redact.redact_line(prot, origin, any_case=True)
        link = http_link(redact.redact_line(prot, url, any_case=True)) or http_link(shown)
        _add(doc, "sourceUrl", link)
        _add(doc, "fileName", shown if shown and shown != link else f"source-{sid}")
        _add(doc, "language", language)
        yield _checked(doc)


def write(s: Session, out: TextIO, as_of: str, *, editors: bool = False) -> Counts:
    """The export as JSON lines (one entity per line, FtM's exchange format)."""
    counts: dict[str, int] = {}
    for entity in entities(s, as_of, editors=editors):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        counts[entity.schema.name] = counts.get(entity.schema.name, 0) + 1
    return Counts(counts)


def _id(key: str) -> str:
    return f"{PREFIX}-{key}"


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


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
        why = "; ".join(f"{k}: {v}" for k, v in
                        (getattr(exc, "errors", {}) or {}).get("properties", {}).items())
        raise CasefileError(f"FtM entity {entity.id} does not validate: {why or exc}") from None
    if missing:
        raise CasefileError(f"FtM entity {entity.id} lacks {', '.join(missing)}")
    return entity
