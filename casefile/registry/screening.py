"""Screening the registry's persons against a list from outside: `casefile screen FILE`.

Defenders learn too late that someone they document is on a wanted list: a user-supplied
export of public Interpol Red Notices, a national "extremist" or "terrorist" list, a partner's
FollowTheMoney file. Screening reads such a file (FtM entities as JSON lines) and compares
every name of every person in it with every person of the registry through the names layer
(casefile.names: any script, spelling, Russian case form or word order), offline: the list
never leaves the machine and nothing is fetched.

The file is hostile input. It is read whole and checked before anything is compared
(casefile.sources.ftmlines): a line that is not JSON, an entity without an id or of a schema
FollowTheMoney does not know, or a file over CASEFILE_MAX_SOURCE_BYTES is an error naming the
line, and nothing is reported from a half-read file. Entities of other schemata than persons
(companies, documents) are skipped and counted.

Speed: names are compared only within blocks (casefile.names.keys.block_keys of each listed
name, looked up in the blocking keys the resolver stored for each registry person), so 10,000
listed entities against 10,000 registry persons take seconds, not the hundred million
comparisons of every pair (bench/screening.py).

The queue: a hit is only a possibility the names layer sees, so `casefile screen FILE --queue`
opens an item for editors (a `ScreeningHit`: the person, the listed entity as the file states
it, the score and reasons, the file's sha256) instead of writing anything about the person.
Editors confirm or dismiss it (`casefile screen decide`, the web page /review/screening);
a confirmed hit on a wanted-type listing (topics crime, wanted, sanction:
casefile/data/ftm.yml) is what the CCF draft reads through `hits_of`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from casefile import vocab
from casefile.errors import NotFound, ReviewError
from casefile.names.compare import Context, Match
from casefile.names.keys import block_keys
from casefile.registry import audit
from casefile.registry.clusters import clusters
from casefile.registry.models import NameBlock, Person, PersonName, ScreeningHit, utcnow
from casefile.registry.resolve import best_of
from casefile.sources import blobs

PERSON_SCHEMATA = ("Person",)  # and its descendants; a LegalEntity may be either
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


@dataclass(frozen=True)
class Listed:
    """A person of the screened file."""

    id: str
    line: int
    names: tuple[str, ...]
    birth_dates: tuple[str, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    datasets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListFile:
    persons: list[Listed]
    skipped: dict[str, int]  # entities of other schemata, by schema
    sha256: str = ""
    raw: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class Hit:
    """A registry person who may be a listed one, with the names layer's reasons."""

    person_id: int
    person: str
    listed_id: str
    listed_name: str
    line: int
    decision: str  # same | possible
    score: float
    reasons: list[str] = field(default_factory=list)
    topics: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()


def read_list(path: Path) -> ListFile:
    """The persons of an FtM JSON-lines file; CasefileError on the first bad line
    (casefile.sources.ftmlines checks the whole file first)."""
    persons: list[Listed] = []
    skipped: dict[str, int] = defaultdict(int)
    from casefile.sources.ftmlines import read_file  # followthemoney: 40 MB, when used
    ftm = read_file(path, required=False)
    for line in ftm.lines:
        proxy, schema = line.entity, line.entity.schema
        if not any(schema.is_a(p) for p in PERSON_SCHEMATA) and schema.name != "LegalEntity":
            skipped[schema.name] += 1
            continue
        names = [v for p in NAME_PROPS if p in schema.properties for v in proxy.get(p)]
        if not names and "firstName" in schema.properties:
            parts = proxy.get("firstName") + proxy.get("fatherName") + proxy.get("lastName")
            names = [" ".join(parts)] if parts else []
        persons.append(Listed(
            str(proxy.id), line.n, tuple(dict.fromkeys(names)),
            tuple(proxy.get("birthDate", quiet=True)),
            tuple(proxy.get("nationality", quiet=True) + proxy.get("country", quiet=True)),
            tuple(proxy.get("topics", quiet=True)), line.datasets))
    return ListFile(persons, dict(skipped), ftm.sha256, ftm.raw)


def screen(s: Session, listed: Iterable[Listed]) -> list[Hit]:
    """Every (registry person, listed person) pair whose names compare as the same or possibly
    the same person, best first. Merged registry persons are one (the cluster's id)."""
    cluster = clusters(s)
    names: dict[int, list[str]] = defaultdict(list)
    shown: dict[int, tuple[str, str | None]] = {}
    for pid, display, born in s.execute(select(Person.id, Person.display_name,
                                               Person.birth_date)):
        root = cluster.get(pid, pid)
        if pid == root:
            shown[root] = (display, born)
    for pid, name in s.execute(select(PersonName.person_id, PersonName.name)):
        names[cluster.get(pid, pid)].append(name)
    blocks: dict[str, set[int]] = defaultdict(set)  # as the resolver stored them
    for block, pid in s.execute(select(NameBlock.block, NameBlock.person_id)):
        blocks[block].add(cluster.get(pid, pid))
    hits: list[Hit] = []
    for entry in listed:
        best: dict[int, tuple[Match, str]] = {}
        for form in entry.names:
            for root in {r for b in block_keys(form) for r in blocks.get(b, ())}:
                if root not in shown:
                    continue
                m = best_of(form, names[root], _born(entry, shown[root][1]))
                if m is not None and m.decision != "different" and (
                        root not in best or m.score > best[root][0].score):
                    best[root] = (m, form)
        for root, (m, form) in best.items():
            hits.append(Hit(root, shown[root][0], entry.id, form, entry.line, m.decision,
                            m.score, m.reasons, entry.topics, entry.datasets))
    hits.sort(key=lambda h: (-h.score, h.person, h.listed_id))
    return hits


def _born(entry: Listed, born: str | None) -> Context:
    """A birth date on both sides counts (against, when they differ); the listed one that
    agrees best with the registry's is used."""
    listed = next((d for d in entry.birth_dates if born and (d.startswith(born)
                                                              or born.startswith(d))),
                  entry.birth_dates[0] if entry.birth_dates else None)
    return Context(birth_dates=(listed, born))



# The editors' queue -------------------------------------------------------------------------

STATES = ("open", "confirmed", "dismissed")
DECISIONS = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Queued:
    opened: int  # new items
    known: int  # hits the queue already held from this same file


def queue(s: Session, hits: Iterable[Hit], listed: ListFile, origin: str,
          actor: str) -> Queued:
    """Open an item of the editors' queue for each hit not queued from this file before. The
    file's bytes go to the blob store, so the listing an item rests on can be read again."""
    blobs.put(listed.raw)
    have = {(pid, lid) for pid, lid in s.execute(
        select(ScreeningHit.person_id, ScreeningHit.listed_id)
        .where(ScreeningHit.list_sha256 == listed.sha256))}
    opened = known = 0
    for h in hits:
        if (h.person_id, h.listed_id) in have:
            known += 1
            continue
        have.add((h.person_id, h.listed_id))
        s.add(ScreeningHit(person_id=h.person_id, listed_id=h.listed_id[:200],
                           listed_name=h.listed_name[:300], topics=list(h.topics),
                           dataset=(", ".join(h.datasets) or origin)[:200], score=h.score,
                           decision=h.decision, reasons=list(h.reasons),
                           list_sha256=listed.sha256, list_origin=origin, state="open"))
        opened += 1
    s.flush()
    if opened:
        audit.record(s, actor, "screen-queue", f"list:{listed.sha256[:16]}", origin=origin,
                     opened=opened, known=known)
    return Queued(opened, known)


def queued(s: Session, state: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[ScreeningHit]:
    """Items of the queue, newest file first, best score first."""
    q = select(ScreeningHit).options(selectinload(ScreeningHit.person))
    q = _in_state(q, state)
    return list(s.scalars(q.order_by(ScreeningHit.created_at.desc(), ScreeningHit.score.desc(),
                                     ScreeningHit.id).limit(limit).offset(offset)))


def count(s: Session, state: str | None = None) -> int:
    return s.scalar(_in_state(select(func.count(ScreeningHit.id)), state)) or 0


def _in_state(q: Select[Any], state: str | None) -> Select[Any]:
    if state is not None and state not in STATES:
        raise ReviewError(f"a state is one of {', '.join(STATES)}, not {state!r}")
    return q if state is None else q.where(ScreeningHit.state == state)


def decide(s: Session, hit_id: int, decision: str, editor: str) -> ScreeningHit:
    """An editor's decision on an item: the listed entity is (confirmed) or is not
    (dismissed) the registry person. Audited; a decided item may be decided again."""
    if decision not in DECISIONS:
        raise ReviewError(f"decide {' or '.join(DECISIONS)}, not {decision!r}")
    hit = s.get(ScreeningHit, hit_id)
    if hit is None:
        raise NotFound(f"no screening hit with id {hit_id}")
    before = hit.state
    hit.state, hit.decided_by, hit.decided_at = decision, editor, utcnow()
    s.flush()
    audit.record(s, editor, "screen-decide", f"screening:{hit.id}", state=[before, decision],
                 person=hit.person_id, listed=hit.listed_id)
    return hit


def hits_of(session: Session, person_id: int, state: str = "confirmed"
            ) -> list[ScreeningHit]:
    """The queue's items about a person (any record of a merged person), in `state`: what
    the CCF draft reads (casefile.drafts), wanted-type listings first (`wanted`)."""
    cluster = clusters(session)
    root = cluster.get(person_id, person_id)
    members = {pid for pid, r in cluster.items() if r == root} | {person_id, root}
    found = session.scalars(select(ScreeningHit).where(
        ScreeningHit.person_id.in_(members), ScreeningHit.state == state)
        .order_by(ScreeningHit.score.desc(), ScreeningHit.id))
    return sorted(found, key=lambda h: not wanted(h))


def wanted(hit: ScreeningHit) -> bool:
    """Whether the listing is of the wanted kind (a Red Notice, a wanted or "extremist"
    list): a topic of casefile/data/ftm.yml `notice_topics`, or a narrower one of them."""
    kinds = vocab.load("ftm.yml")["notice_topics"]
    return any(t == k or t.startswith(f"{k}.") for t in hit.topics or [] for k in kinds)
