"""FollowTheMoney files into the registry: `casefile import ftm FILE`.

A partner's export (OpenSanctions, an NGO's Aleph collection) or our own
(casefile.reports.export_ftm) states who people are: names in several scripts, birth dates,
nationality, the posts they hold (Position + Occupancy), sanctions proposed against them, and
events. The registry keeps such statements the way it keeps any other: the file is captured
as a source first (its bytes preserved unchanged in the blob store, named by sha256, kind
`ftm`), and each fact becomes a claim of that source, extracted by `ftm-import`, quoting the
exact JSON line of the entity that states it. Persons are found through the resolver
(casefile.registry.resolve), so importing a file again, or another file naming the same
people, adds no duplicate; the same bytes imported twice are one source and change nothing.

Review: the claims of an imported file are proposed, for editors to review, like any capture.
`trusted=True` (`--trusted`) accepts only the facts of entities that carry the registry's own
provenance, an accepted claim of a casefile export (a `Documentation` with the claim id as
`recordId`, its quote and the state `accepted`): what editors here already accepted once comes
back accepted; a partner's facts, or an editors' export's proposed ones, stay proposed whatever
the flag says. The provenance marks are no signature (anyone can write them): the flag
is the editor's word that the file is one of ours, and the audit log records who gave it.

What becomes a claim: a Person's `name`, `alias`, `weakAlias` and `previousName` (name claims;
every form becomes a name of the person), `birthDate` (birth_date), `nationality` and
`citizenship` (citizenship), `topics` that name a registry role (casefile/data/ftm.yml; role);
an Occupancy of a person (position: the Position's name, detail organisation, country, start,
end), or a Person's own `position` strings (position, without dates); a Sanction whose status
is "proposed" (event sanctions_recommended); an Event whose `keywords` hold an event type
(casefile/data/event-types.yml) and that involves a person (event).
Anything else is counted as skipped: Documents, Mentions, Documentations (provenance only),
companies, sanctions in force.

Events are filed in the person's existing case, else in a case of the one country the
entity's positions and nationality give, else of the country the event names; with none, the
claim waits for an editor, as for a source whose country cannot be told.

The whole file is checked before anything is written (casefile.sources.ftmlines and the
checks here: references to persons the file lacks, dates and countries the registry cannot
read, values too long to store); any error leaves the registry unchanged.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import CasefileError
from casefile.names.keys import block_keys, match_key
from casefile.names.script import detect_script
from casefile.registry import audit, db, search
from casefile.registry.facts import cases_for, materialise, valid_iso_prefix
from casefile.registry.models import Case, Claim, Person, PersonName, Source, utcnow
from casefile.registry.resolve import CHUNK, add_blocks, add_name, resolve_all
from casefile.sources import blobs
from casefile.sources.document import FTM, guess_language
from casefile.sources.ftmlines import FtmFile, Line, read_file

EXTRACTOR = "ftm-import"
MEDIA_TYPE = "application/x-ndjson"
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
LONGEST = 300  # the registry stores names and values up to this many characters


@dataclass(frozen=True)
class Statement:
    """One fact the file states about one person, with the line that states it."""

    predicate: str
    value: str
    line: Line
    date: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    vouched: bool = False  # an accepted claim of a casefile export says it


@dataclass(frozen=True)
class Incoming:
    """A person of the file and what it states of them."""

    entity_id: str
    line: Line
    names: tuple[str, ...]
    birth_date: str | None
    countries: tuple[str, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Plan:
    """The file, checked whole: what would be written."""

    file: FtmFile
    persons: tuple[Incoming, ...]
    skipped: dict[str, int]


@dataclass(frozen=True)
class Imported:
    source_id: int
    sha256: str
    created: bool  # False: these exact bytes were imported before; nothing was added
    persons: int
    new_persons: int
    claims: int
    accepted: int
    skipped: dict[str, int]


def plan(path: Path) -> Plan:
    """Read and check the whole file; CasefileError names the first problem."""
    ftm = read_file(path)
    if not ftm.lines:
        raise CasefileError(f"{path.name} holds no FollowTheMoney entity: nothing to import")
    by_id: dict[str, Line] = {}
    for line in ftm.lines:
        if line.entity.id in by_id:
            raise CasefileError(f"line {line.n}: entity id {line.entity.id!r} was already used "
                                f"on line {by_id[line.entity.id].n}")
        by_id[str(line.entity.id)] = line
    vouched = _vouched(ftm)
    persons = {i: ln for i, ln in by_id.items() if ln.entity.schema.is_a("Person")}
    said: dict[str, list[Statement]] = defaultdict(list)
    skipped: dict[str, int] = defaultdict(int)
    event_types = vocab.event_types()
    proposed = vocab.load("ftm.yml")["proposed_sanction"]
    posts = {p for ln in ftm.lines if ln.entity.schema.name == "Occupancy"
             for p in ln.entity.get("post")}
    posts |= {o for ln in ftm.lines if ln.entity.id in posts
              for o in ln.entity.get("organization")}
    for line in ftm.lines:
        e, name = line.entity, line.entity.schema.name
        if e.schema.is_a("Person") or (name == "Position" and e.id in posts):
            continue
        if name == "Occupancy":
            holder = str(_ref(e, "holder", persons, line).entity.id)
            post = _ref(e, "post", by_id, line, "Position")
            said[holder].append(_position(post.entity, e, line, str(e.id) in vouched, by_id))
        elif name == "Sanction" and proposed in e.get("status"):
            target = str(_ref(e, "entity", persons, line).entity.id)
            said[target].append(Statement(
                "event", "sanctions_recommended", line,
                _date(_first(e, "date", "listingDate", "startDate"), line),
                _country_detail(e.get("country"), line), str(e.id) in vouched))
        elif name == "Event" and any(k in event_types for k in e.get("keywords")) \
                and any(t in persons for t in e.get("involved")):
            kind = next(k for k in e.get("keywords") if k in event_types)
            for target in (t for t in e.get("involved") if t in persons):
                said[target].append(Statement("event", kind, line,
                                              _date(_first(e, "date", "startDate"), line),
                                              _country_detail(e.get("country"), line),
                                              str(e.id) in vouched))
        else:
            why = "Sanction (not proposed)" if name == "Sanction" else name
            skipped[why] += 1
    incoming = [_person(ln, said.get(pid, []), pid in vouched) for pid, ln in persons.items()]
    return Plan(ftm, tuple(incoming), dict(skipped))


def run(path: Path, *, trusted: bool = False, actor: str = "cli") -> Imported:
    """Check the file, then store it and its claims in one transaction."""
    checked = plan(path)
    raw, sha = checked.file.raw, checked.file.sha256
    with db.transaction() as s:
        existing = s.scalar(select(Source.id).where(Source.sha256 == sha))
        if existing is not None:
            return Imported(existing, sha, False, 0, 0, 0, 0, checked.skipped)
        blobs.put(raw)
        src = Source(sha256=sha, kind=FTM, origin=path.name, url=None, media_type=MEDIA_TYPE,
                     size=len(raw), title=f"FollowTheMoney file {path.name}",
                     language=guess_language(checked.file.text), trusted=False,
                     text=checked.file.text)
        s.add(src)
        s.flush()
        done = _store(s, src, checked, trusted)
        search.index_source(s, src.id)
        audit.record(s, actor, "import-ftm", f"source:{src.id}", sha256=sha, origin=path.name,
                     persons=done.persons, new_persons=done.new_persons, claims=done.claims,
                     accepted=done.accepted, trusted=trusted, skipped=checked.skipped or None)
    db.refresh_statistics(db.engine())
    return done


def _store(s: Session, src: Source, checked: Plan, trusted: bool) -> Imported:
    before = set(s.scalars(select(Person.id)))
    now = utcnow()
    claims = accepted = 0
    seen: set[str] = set()  # the source is new: no claim of it exists yet
    people = _resolve(s, checked.persons)
    cases = _cases(s, checked.persons, people)
    blocks: set[tuple[int, str]] = set()
    for inc in checked.persons:
        person = people[inc.entity_id]
        for form in inc.names:
            if add_name(person, form, None):
                blocks |= {(person.id, b) for b in block_keys(form)}
        case = cases.get(person.id)
        for st in inc.statements:
            ok = trusted and st.vouched
            raw = "\x1f".join([src.sha256, str(st.line.start), str(st.line.end), st.predicate,
                               st.value, inc.entity_id, EXTRACTOR, repr(sorted(st.detail.items()))])
            claim = Claim(id=hashlib.sha256(raw.encode()).hexdigest()[:40], source_id=src.id,
                          person_id=person.id, mention=inc.names[0], predicate=st.predicate,
                          value=st.value, detail={**st.detail, "ftm_id": inc.entity_id},
                          date=st.date, start=st.line.start, end=st.line.end,
                          quote=src.text[st.line.start:st.line.end], extractor=EXTRACTOR,
                          confidence=1.0, group_key=f"ftm:{src.id}:{inc.line.n}",
                          state="accepted" if ok else "proposed",
                          reviewer="auto:ftm-provenance" if ok else None,
                          reviewed_at=now if ok else None)
            if claim.id in seen:
                continue  # the same fact on the same line (an alias given twice)
            seen.add(claim.id)
            s.add(claim)
            claims += 1
            accepted += ok
            filed = case or (_event_case(s, person, st) if st.predicate == "event" else None)
            if filed is not None:
                materialise(s, claim, filed, src, vocab.criminal_code(filed.country)["code"])
    s.flush()
    add_blocks(s, blocks)
    s.flush()
    ids = {p.id for p in people.values()}
    return Imported(src.id, src.sha256, True, len(ids), len(ids - before), claims, accepted,
                    checked.skipped)


def _resolve(s: Session, persons: tuple[Incoming, ...]) -> dict[str, Person]:
    """The registry person each entity is, by the resolver's rules and in one batch: through
    the first of its names the registry already knows (any script, spelling, order), else
    its first name."""
    keys = sorted({match_key(n) for inc in persons for n in inc.names})
    known: set[str] = set()
    for i in range(0, len(keys), CHUNK):
        known.update(s.scalars(select(PersonName.key).where(
            PersonName.key.in_(keys[i:i + CHUNK]))))
    mention = {inc.entity_id: (next((n for n in inc.names if match_key(n) in known),
                                    inc.names[0]), inc.birth_date) for inc in persons}
    found = resolve_all(s, mention.values(), None)
    return {eid: found[m] for eid, m in mention.items()}


def _cases(s: Session, persons: tuple[Incoming, ...], people: dict[str, Person]
           ) -> dict[int, Case]:
    """Where each person's events go: their existing case (the oldest), else a case in the
    one country their positions and nationality give; none when that is not told."""
    ids = sorted({p.id for p in people.values()})
    out: dict[int, Case] = {}
    for i in range(0, len(ids), CHUNK):
        for case in s.scalars(select(Case).where(Case.person_id.in_(ids[i:i + CHUNK]))
                              .order_by(Case.id)):
            out.setdefault(case.person_id, case)
    wanted: dict[str, set[int]] = defaultdict(set)
    for inc in persons:
        pid = people[inc.entity_id].id
        if pid not in out and len(set(inc.countries)) == 1:
            wanted[inc.countries[0]].add(pid)
    for country, pids in sorted(wanted.items()):
        for pid, case in cases_for(s, pids, country).items():
            out.setdefault(pid, case)
    return out


def _event_case(s: Session, person: Person, st: Statement) -> Case | None:
    country = st.detail.get("country")
    return cases_for(s, {person.id}, country)[person.id] if country else None


def _person(line: Line, statements: list[Statement], vouched: bool) -> Incoming:
    e = line.entity
    names = list(dict.fromkeys(v for p in NAME_PROPS if p in e.schema.properties
                               for v in e.get(p)))
    names = [n for n in names if match_key(n)]
    if not names:
        raise CasefileError(f"line {line.n}: Person {e.id!r} has no name the registry can read")
    for n in names:
        _fits(n, line)
    births = [_date(d, line) for d in e.get("birthDate")]
    nationality = list(dict.fromkeys(_cc(c, line)
                                     for c in e.get("nationality") + e.get("citizenship")))
    countries = tuple(dict.fromkeys(
        nationality
        + [st.detail["country"] for st in statements
           if st.predicate == "position" and st.detail.get("country")]))
    own = [Statement("name", n, line, detail={"form": "alias", "script": detect_script(n)},
                     vouched=vouched) for n in names]
    own += [Statement("birth_date", b, line, date=b, vouched=vouched) for b in births if b]
    own += [Statement("citizenship", c, line, vouched=vouched) for c in nationality]
    roles = {topic: role for role, topic in vocab.load("ftm.yml")["roles"].items()}
    own += [Statement("role", roles[t], line, vouched=vouched)
            for t in e.get("topics") if t in roles]
    # A position stated on the person alone (as PEP lists give it), without dates or post.
    for post in e.get("position"):
        _fits(post, line)
        own.append(Statement("position", post, line, detail={
            "organisation": None, "country": None, "start": None, "end": None},
            vouched=vouched))
    return Incoming(str(e.id), line, tuple(names), next((b for b in births if b), None),
                    countries, (*own, *statements))


def _position(post: EntityProxy, occ: EntityProxy, line: Line, vouched: bool,
              by_id: dict[str, Line]) -> Statement:
    """A holding of a post; its organisation is the name of the entity the Position points
    to (none when the file lacks it), a post that has ended without an end date is former."""
    name = post.first("name") or ""
    _fits(name, line)
    body = by_id.get(post.first("organization") or "")
    org = body.entity.first("name") if body is not None else None
    if org:
        _fits(org, line)
    country = post.first("country")
    start = _date(occ.first("startDate"), line)
    end = _date(occ.first("endDate"), line)
    former = {"former": True} if "ended" in occ.get("status") and not end else {}
    return Statement("position", name, line, start,
                     {"organisation": org, "country": _cc(country, line) if country else None,
                      "start": start, "end": end, **former}, vouched)


def _vouched(ftm: FtmFile) -> set[str]:
    """Ids of entities an accepted claim of a casefile export stands behind."""
    out = set()
    for line in ftm.lines:
        e = line.entity
        if e.schema.name == "Documentation" and e.get("recordId") and e.get("summary") \
                and "accepted" in e.get("status") and str(e.id).startswith("casefile-claim-"):
            out.update(e.get("entity"))
    return out


def _ref(e: EntityProxy, prop: str, within: dict[str, Line], line: Line,
         schema: str = "Person") -> Line:
    """The entity of this file that `prop` points to; a reference to one the file lacks is
    an error (a fact about someone not in the file cannot be filed)."""
    target = e.first(prop)
    found = within.get(target) if target else None
    if found is None or not found.entity.schema.is_a(schema):
        raise CasefileError(f"line {line.n}: {prop} {target!r} is not a {schema} of this file")
    return found


def _first(e: EntityProxy, *props: str) -> str | None:
    return next((v for p in props for v in e.get(p)), None)


def _date(value: str | None, line: Line) -> str | None:
    """An FtM date as the registry's ISO prefix (a time of day is dropped)."""
    if not value:
        return None
    day = value[:10]
    if not valid_iso_prefix(day):
        raise CasefileError(f"line {line.n}: the date {value!r} is not YYYY, YYYY-MM or "
                            "YYYY-MM-DD")
    return day


def _country_detail(countries: list[str], line: Line) -> dict[str, Any]:
    return {"country": _cc(countries[0], line)} if countries else {}


def _cc(country: str, line: Line) -> str:
    """An FtM country as the registry's ISO 3166-1 alpha-2 code; FtM's longer territory
    codes ("ge-ab", "suhh") have no case country of their own here."""
    if len(country) != 2 or not country.isalpha():
        raise CasefileError(f"line {line.n}: the country {country!r} is not a two-letter "
                            "ISO code")
    return country.upper()


def _fits(value: str, line: Line) -> None:
    if len(value) > LONGEST:
        raise CasefileError(f"line {line.n}: a value of {len(value)} characters (at most "
                            f"{LONGEST}): {value[:40]}…")
