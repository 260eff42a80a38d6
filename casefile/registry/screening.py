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
line, and nothing is reported from a half-read file. Entities of other schemata than persons (companies, documents) are skipped and
counted.

Speed: names are compared only within blocks (casefile.names.keys.block_keys of each listed
name, looked up in the blocking keys the resolver stored for each registry person), so 10,000
listed entities against 10,000 registry persons take seconds, not the hundred million
comparisons of every pair (bench/screening.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.names.compare import Context, Match
from casefile.names.keys import block_keys
from casefile.registry.clusters import clusters
from casefile.registry.models import NameBlock, Person, PersonName
from casefile.registry.resolve import best_of
from casefile.sources.ftmlines import read_file

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


@dataclass(frozen=True)
class ListFile:
    persons: list[Listed]
    skipped: dict[str, int]  # entities of other schemata, by schema


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


def read_list(path: Path) -> ListFile:
    """The persons of an FtM JSON-lines file; CasefileError on the first bad line
    (casefile.sources.ftmlines checks the whole file first)."""
    persons: list[Listed] = []
    skipped: dict[str, int] = defaultdict(int)
    for line in read_file(path, required=False).lines:
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
            tuple(proxy.get("topics", quiet=True))))
    return ListFile(persons, dict(skipped))


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
                            m.score, m.reasons, entry.topics))
    hits.sort(key=lambda h: (-h.score, h.person, h.listed_id))
    return hits


def _born(entry: Listed, born: str | None) -> Context:
    """A birth date on both sides counts (against, when they differ); the listed one that
    agrees best with the registry's is used."""
    listed = next((d for d in entry.birth_dates if born and (d.startswith(born)
                                                              or born.startswith(d))),
                  entry.birth_dates[0] if entry.birth_dates else None)
    return Context(birth_dates=(listed, born))

