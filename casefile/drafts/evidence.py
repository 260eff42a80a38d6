"""What a draft may say of a person, and the notes that cite it.

A filing is made for a person who may not be public (a client kept out of the list), so the
draft reads the editors' dossier (casefile.reports.dossier) and keeps from it only what an
editor accepted and did not mark confidential: the same rule as the public side
(casefile.registry.publication), applied to the person's own facts. Person.confidential_notes
is never read. Quotes pass through casefile.registry.redact as on a public page, sparing only
the person the draft is for: co-defendants and relatives who are anonymised or withheld stay
so (`redact.protected_except`).

`Notes` numbers the sources as the draft cites them: one note per source and quote, the same
quote cited twice keeps its number. A note prints the source as the list's exports do
(casefile.reports.citations.Citation: title, publisher, date, address) with the sha256 of the
captured bytes, which identifies the source when it has no address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.drafts.model import Fact as Cited
from casefile.drafts.model import Note
from casefile.errors import NotFound
from casefile.extract.places import known_countries
from casefile.registry import redact
from casefile.registry.models import Claim, Source
from casefile.registry.publication import public_claim
from casefile.reports.citations import Citation, Quoted
from casefile.reports.dossier import (
    DossierCharge,
    Fact,
    Name,
    TimelineItem,
    dossier,
    editors_note,
)
from casefile.sources.links import http_link


@dataclass(frozen=True)
class Evidence:
    """A person's accepted, non-confidential facts, with quotes as the public may read them."""

    person_id: int
    name: str
    names: tuple[Name, ...]  # the forms accepted, non-confidential claims state
    country: str | None  # of the person's case
    status_label: str
    categories: tuple[str, ...]
    timeline: tuple[TimelineItem, ...]
    charges: tuple[DossierCharge, ...]
    protected: redact.Protected  # who else the draft must not name
    as_of: str | None

    def events(self, *types: str) -> list[TimelineItem]:
        return [t for t in self.timeline if t.type in types]


def evidence(s: Session, person_id: int, as_of: str | None = None) -> Evidence:
    d = dossier(s, person_id, as_of, public=False)
    if d is None:
        raise NotFound(f"no person with id {person_id}")
    ids = [d.person_id, *d.merged_ids]
    prot = redact.protected_except(s, ids)
    claim_ids = {t.fact.claim_id for t in d.timeline}
    claim_ids.update(f.claim_id for c in d.charges for f in c.facts)
    usable = accepted(s, claim_ids)
    spans = prot.claim_spans({t.fact.source_id for t in d.timeline if t.fact.source_id}
                             | {f.source_id for c in d.charges for f in c.facts
                                if f.source_id})

    def shown(f: Fact) -> Fact:
        f.quote = redact.redact_quote(prot, spans, f.source_id, f.quote, f.start)
        return f

    timeline = tuple(TimelineItem(t.date, t.type, t.label, t.place, t.detail, shown(t.fact),
                                  t.known_by)
                     for t in d.timeline if t.fact.claim_id in usable)
    charges = []
    for c in d.charges:
        facts = [shown(f) for f in c.facts if f.claim_id in usable]
        if facts:
            charges.append(DossierCharge(c.article, c.part, c.title, c.code, facts))
    named = set(s.scalars(select(Claim.value).where(
        Claim.person_id.in_(ids), Claim.predicate == "name", public_claim())))
    names = tuple(n for n in d.names if n.name in named or n.name == d.name)
    return Evidence(d.person_id, d.name, names, d.country, d.status_label,
                    tuple(d.categories), timeline, tuple(charges), prot, as_of)


def accepted(s: Session, claim_ids: Iterable[str]) -> set[str]:
    """Those of `claim_ids` an editor accepted and did not mark confidential (the public
    rule, casefile.registry.publication)."""
    ids = sorted(set(claim_ids))
    out: set[str] = set()
    for i in range(0, len(ids), 100):
        out.update(s.scalars(select(Claim.id).where(
            Claim.id.in_(ids[i:i + 100]), public_claim())))
    return out


@dataclass(frozen=True)
class Claimed:
    """An accepted claim as a draft states it: a short text, and the fact it cites."""

    text: str
    fact: Fact


def facts_of(s: Session, prot: redact.Protected,
             claim_ids: Iterable[str]) -> dict[str, Claimed]:
    """Those of `claim_ids` that are accepted and not confidential, by claim id, their quotes
    redacted as on a public page but for the persons `prot` spares: how a draft reads what
    the assess read models found for editors."""
    from casefile.drafts.compose import when

    ids = sorted(set(claim_ids))
    rows: list[Any] = []
    for i in range(0, len(ids), 100):
        rows += s.execute(select(Claim.id, Claim.source_id, Claim.quote, Claim.start,
                                 Claim.end, Claim.detail, Claim.predicate, Claim.value,
                                 Claim.date)
                          .where(Claim.id.in_(ids[i:i + 100]), public_claim())).all()
    spans = prot.claim_spans({r.source_id for r in rows})
    out = {}
    for cid, sid, quote, start, end, detail, predicate, value, day in rows:
        text = (f"{when(day)}: {vocab.event_label(value)}" if predicate == "event"
                else f"Charged under Article {value}" if predicate == "charged_under"
                else value)
        out[cid] = Claimed(text, Fact(cid, sid, "accepted",
                                      redact.redact_quote(prot, spans, sid, quote, start),
                                      start, end, editors_note(detail or {})))
    return out


def country_name(code: str | None) -> str | None:
    """The English name of an ISO code the data knows, else the code as given."""
    if not code:
        return None
    return dict(known_countries()).get(code.upper(), code)


class Notes:
    """The numbered notes of one draft, in the order facts first cite them."""

    def __init__(self, s: Session, prot: redact.Protected) -> None:
        self._s = s
        self._prot = prot
        self._numbers: dict[tuple[object, ...], int] = {}
        self._quotes: list[tuple[int, Quoted]] = []  # registry sources, by note
        self._outside: dict[int, Note] = {}  # a finding of country data, a screened list

    def cite(self, fact: Fact) -> int:
        if fact.source_id is None:
            raise ValueError(f"claim {fact.claim_id} has no source to cite")
        quote = " ".join((fact.quote or "").split())
        key = (fact.source_id, quote)
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._quotes.append((fact.source_id, Quoted(quote, fact.editors)))
        return self._numbers[key]

    def cite_outside(self, key: tuple[object, ...], citation: Citation,
                     sha256: str | None) -> int:
        """A note for what is not a registry source: a finding the country data cites (its
        URL), a screened list (the sha256 of the file kept)."""
        if key not in self._numbers:
            number = self._numbers[key] = len(self._numbers) + 1
            self._outside[number] = Note(number, citation, sha256)
            self._quotes.append((0, Quoted("")))  # keeps the numbers in step
        return self._numbers[key]

    def fact(self, text: str, fact: Fact) -> Cited:
        """`text` as a fact of the draft, citing `fact`'s source and quote."""
        return Cited(text, self.cite(fact))

    def build(self) -> tuple[Note, ...]:
        ids = sorted({sid for sid, _ in self._quotes})
        rows = {r.id: r for r in self._s.execute(
            select(Source.id, Source.title, Source.publisher, Source.published_at, Source.url,
                   Source.origin, Source.sha256).where(Source.id.in_(ids)))}
        prot = self._prot
        notes = []
        for n, (sid, quoted) in enumerate(self._quotes, start=1):
            if n in self._outside:
                notes.append(self._outside[n])
                continue
            r = rows[sid]
            citation = Citation(
                sid, redact.redact_line(prot, r.title), redact.redact_line(prot, r.publisher),
                r.published_at, http_link(redact.redact_line(prot, r.url, any_case=True)),
                redact.redact_line(prot, r.origin, any_case=True) or "", (quoted,))
            notes.append(Note(n, citation, r.sha256))
        return tuple(notes)
