"""Recommendations as the public and the editors read them, with their progress.

A recommendation is the publisher's own public statement, but it is read from a source, so the
public side shows it under the source's rule (casefile.web.views.sources): only from a source
the public may read (one holding a public claim), its words redacted as that source's text is
(casefile.registry.redact), and naming only persons the publication rule lets it name. A
progress entry is public only when its evidence is a public source; an editors' note, and who
tracked it, never leave the editors' side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.registry import recommendations as recs
from casefile.registry import redact
from casefile.registry.models import Claim, Person, Source
from casefile.registry.publication import named_person, public_claim


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    """The person's display name in the registry."""
    mention: str
    """The name as the recommendation writes it."""


@dataclass(frozen=True)
class ProgressEntry:
    date: str
    status: str
    """not_implemented, partly, implemented or unknown (data/interventions.yml)."""
    label: str
    source_id: int | None
    quote: str | None
    """The words of the evidence source that show it."""
    note: str | None = None
    """Editors' note: only in the editors' view."""
    editor: str | None = None
    """Who tracked it: only in the editors' view."""


@dataclass(frozen=True)
class RecommendationRecord:
    id: str
    source_id: int
    source_title: str | None
    source_url: str | None
    date: str | None
    """The source's publication date."""
    addressee: str
    """To whom, as the source writes it."""
    institutions: tuple[str, ...]
    """Keys of data/interventions.yml `institutions`."""
    text: str
    """The recommendation, quoted from the source."""
    persons: tuple[PersonRef, ...]
    progress: tuple[ProgressEntry, ...]
    """Oldest first; the last is the current state."""

    @property
    def status(self) -> str | None:
        return self.progress[-1].status if self.progress else None


def public_sources(s: Session, ids: Iterable[int]) -> set[int]:
    """The sources among `ids` the public may read: those holding a claim the public sees
    about a person it may name (the rule of a source's public page)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    q = (select(Claim.source_id).distinct().join(Person, Person.id == Claim.person_id)
         .where(Claim.source_id.in_(wanted), public_claim(), named_person()))
    hidden = redact.protected(s).ids
    if hidden:
        q = q.where(Person.id.not_in(list(hidden)))
    return set(s.scalars(q))


def recommendation_records(s: Session, *, public: bool, addressee: str | None = None,
                           lang: str = "en") -> list[RecommendationRecord]:
    rows = recs.listed(s, addressee)
    evidence = {p.source_id for r in rows for p in r.progress if p.source_id is not None}
    prot = redact.protected(s)
    shown: set[int] = set()
    named: set[int] = set()
    redactor = redact.quote_redactor(s, ())
    if public:
        shown = public_sources(s, {r.source_id for r in rows} | evidence)
        notes = set(s.scalars(select(Source.id).where(Source.id.in_(sorted(evidence)),
                                                      Source.kind == "note")))
        shown -= notes
        rows = [r for r in rows if r.source_id in shown]
        redactor = redact.quote_redactor(s, shown)
        named = set(s.scalars(select(Person.id).where(
            Person.id.in_(sorted({p.person_id for r in rows for p in r.persons})),
            named_person())))
    names = {pid: name for pid, name in s.execute(select(Person.id, Person.display_name).where(
        Person.id.in_(sorted({p.person_id for r in rows for p in r.persons}))))}
    out = []
    for r in rows:
        text = redactor(r.source_id, r.quote, r.start) if public else r.quote
        persons = tuple(PersonRef(p.person_id, names.get(p.person_id, str(p.person_id)), p.mention)
                        for p in r.persons
                        if not public or (p.person_id in named and p.person_id not in prot.ids))
        progress = tuple(
            ProgressEntry(date=p.date, status=p.status,
                          label=recs.progress_label(p.status, lang),
                          source_id=p.source_id,
                          quote=redactor(p.source_id, p.quote, p.start) if public else p.quote,
                          note=None if public else p.note,
                          editor=None if public else p.editor)
            for p in r.progress
            if not public or (p.source_id is not None and p.source_id in shown))
        out.append(RecommendationRecord(
            id=r.id, source_id=r.source_id,
            source_title=redact.redact_line(prot, r.source.title) if public else r.source.title,
            source_url=r.source.url if not public or redact.redact_line(
                prot, r.source.url, any_case=True) == r.source.url else None,
            date=r.date, addressee=r.addressee,
            institutions=tuple(r.institutions), text=text or "", persons=persons,
            progress=progress))
    return out

