"""Officials named in the sources: who they are (every written form of the name, the birth
date), the offices they held and when, what they did in the cases (judge, prosecutor), and the
sanctions sources recommend for them. The read model of the "Perpetrators" pages, the
`casefile officials` command and the sanctions drafts.

An official is a person with a `role` claim `official`. Offices are `position` claims
(casefile.extract.biography: the title as written; detail organisation, country, start, end);
acts are the `case_detail` claims whose field is a function an official holds in a case and
whose `detail["official"]` names them, each tied to the victim it is about, the court of the
same passage and the quote; sanctions are `sanctions_recommended` events.

Public (`public=True`) reads obey casefile.registry.publication: accepted, non-confidential
claims only, of a person an editor has published (`persons publication ID public` or the
person page: `published_by_editors`; until then an official is confidential on this side,
whatever their default publication), and an act names its victim only when the victim may be
named. Editors see every claim not rejected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casefile.names.keys import match_key
from casefile.names.script import detect_script
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Claim, Person
from casefile.registry.publication import public_claim, published_by_editors, strictest
from casefile.registry.redact import quote_redactor as redact_quoter

ACTS = ("judge", "prosecutor")  # case_detail fields an official holds in a case


@dataclass(frozen=True)
class NameForm:
    name: str
    script: str | None  # casefile.names.script: latin, cyrillic ...
    lang: str | None  # kk, ru ... when the source says ("(Kazakh: ...)")


@dataclass(frozen=True)
class Position:
    title: str  # as written: "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan"
    organisation: str | None
    country: str | None  # ISO2
    start: str | None  # ISO prefix
    end: str | None
    former: bool  # the source says it is no longer held, without a date
    claim_id: str
    quote: str
    source_id: int


@dataclass(frozen=True)
class Act:
    function: str  # judge | prosecutor
    person_id: int | None  # the victim the case is about (None: not to be named)
    person_name: str | None
    court: str | None  # the court named in the same passage
    date: str | None
    claim_id: str
    quote: str
    source_id: int


@dataclass(frozen=True)
class Sanction:
    claim_id: str
    quote: str
    source_id: int
    list_title: str | None  # the heading of the list that recommends it


@dataclass(frozen=True)
class Official:
    person_id: int  # the id that speaks for the person (lowest id of a merged cluster)
    name: str
    names: tuple[NameForm, ...]
    birth_date: str | None
    positions: tuple[Position, ...]
    acts: tuple[Act, ...]
    sanctions: tuple[Sanction, ...]
    sources: tuple[int, ...]
    publication: str  # public | anonymised | withheld (editors' view shows it)
    published: bool  # an editor published them: the public side shows them

    @property
    def current(self) -> tuple[Position, ...]:
        """Offices the sources say are held: no end, not former."""
        return tuple(p for p in self.positions if p.end is None and not p.former)


def officials(session: Session, *, public: bool) -> list[Official]:
    """Every official, by name."""
    roots = _roots(session)
    ids = set(session.scalars(_claims(public).with_only_columns(Claim.person_id).where(
        Claim.predicate == "role", Claim.value == "official").distinct()))
    wanted = {roots.get(i, i) for i in ids if i is not None}
    out = [o for pid in sorted(wanted) if (o := _official(session, pid, roots, public))]
    return sorted(out, key=lambda o: (o.name.casefold(), o.person_id))


def official_of(session: Session, person_id: int, *, public: bool) -> Official | None:
    """The official `person_id` is (or belongs to, when merged); None when they are none, or
    not one the public may see."""
    roots = _roots(session)
    return _official(session, roots.get(person_id, person_id), roots, public)


def _roots(session: Session) -> dict[int, int]:
    return clusters(session)


def _claims(public: bool):
    q = select(Claim)
    return q.where(public_claim()) if public else q.where(Claim.state != "rejected")


def _official(session: Session, root: int, roots: dict[int, int],
              public: bool) -> Official | None:
    members = sorted({root, *(i for i, r in roots.items() if r == root)})
    persons = list(session.scalars(select(Person).where(Person.id.in_(members))
                                   .options(selectinload(Person.names)).order_by(Person.id)))
    if not persons:
        return None
    publication = strictest(p.publication for p in persons)
    published = publication == "public" and bool(published_by_editors(session, members)) \
        and root not in redact.protected(session).ids
    if public and not published:
        return None
    claims = list(session.scalars(_claims(public).where(Claim.person_id.in_(members))
                                  .order_by(Claim.source_id, Claim.start, Claim.id)))
    if not any(c.predicate == "role" and c.value == "official" for c in claims):
        return None
    head = persons[0]
    quote = _quotes(session, claims, public)
    names = _names(head.display_name, claims,
                   () if public else [(n.name, n.lang) for p in persons for n in p.names])
    births = [c.value for c in claims if c.predicate == "birth_date"]
    birth = births[0] if births else None if public else head.birth_date
    positions = tuple(Position(
        c.value, c.detail.get("organisation"), c.detail.get("country"),
        c.detail.get("start"), c.detail.get("end"), bool(c.detail.get("former")), c.id,
        quote(c), c.source_id) for c in claims if c.predicate == "position")
    sanctions = tuple(Sanction(c.id, quote(c), c.source_id, c.detail.get("list_title"))
                      for c in claims
                      if c.predicate == "event" and c.value == "sanctions_recommended")
    acts = tuple(_acts(session, claims, public))
    shown = [c for c in claims if c.predicate in ("role", "name", "birth_date", "position")]
    sources = sorted({c.source_id for c in shown} | {a.source_id for a in acts}
                     | {x.source_id for x in sanctions})
    return Official(root, head.display_name, names, birth, _ordered(positions), acts,
                    sanctions, tuple(sources), publication, published)


def _quotes(session: Session, claims: list[Claim], public: bool):
    """claim -> its quote as the reader may see it: on the public side, a passage naming a
    protected person is withheld (casefile.registry.redact)."""
    if not public:
        return lambda c: c.quote
    redact = redact_quoter(session, {c.source_id for c in claims})
    return lambda c: redact(c.source_id, c.quote, c.start) or ""


def _names(shown: str, claims: list[Claim],
           recorded: Iterable[tuple[str, str | None]]) -> tuple[NameForm, ...]:
    """Every written form, once each: the name shown, the forms the claims quote, and (for
    editors) the forms the registry recorded."""
    forms: dict[str, NameForm] = {}
    for name, lang in [(shown, None), *((c.value, c.detail.get("lang")) for c in claims
                                        if c.predicate == "name"), *recorded]:
        if name not in forms:
            forms[name] = NameForm(name, detect_script(name), lang)
    return tuple(forms.values())


def _ordered(positions: tuple[Position, ...]) -> tuple[Position, ...]:
    """Held now first, then newest start first; the same office stated twice once."""
    seen: dict[tuple[str, str | None, str | None], Position] = {}
    for p in positions:
        seen.setdefault((" ".join(p.title.casefold().split()), p.start, p.end), p)
    newest = sorted(seen.values(), key=lambda p: p.start or "", reverse=True)
    return tuple(sorted(newest, key=lambda p: p.end is not None or p.former))


def _acts(session: Session, own: list[Claim], public: bool) -> list[Act]:
    """The case details that name this official as judge or prosecutor: found through the
    mention each source resolved them by, so a namesake in another source is not them."""
    mentions = {(c.source_id, match_key(c.mention)) for c in own if c.mention}
    if not mentions:
        return []
    sources = {s for s, _ in mentions}
    details = list(session.scalars(_claims(public).where(
        Claim.predicate == "case_detail", Claim.source_id.in_(sources))
        .order_by(Claim.source_id, Claim.start, Claim.id)))
    courts: dict[tuple[int, str | None, int | None], str] = {}
    for c in details:
        if c.detail.get("field") == "court":
            courts.setdefault((c.source_id, c.group_key, c.person_id), c.value)
    named = _nameable(session, {c.person_id for c in details if c.person_id}, public)
    quote = _quotes(session, details, public)
    out = []
    for c in details:
        field, official = c.detail.get("field"), c.detail.get("official")
        if field not in ACTS or not official or \
                (c.source_id, match_key(official)) not in mentions:
            continue
        victim = c.person_id if c.person_id in named else None
        out.append(Act(field, victim, named.get(victim) if victim else None,
                       courts.get((c.source_id, c.group_key, c.person_id)), c.date, c.id,
                       quote(c), c.source_id))
    return out


def _nameable(session: Session, ids: set[int], public: bool) -> dict[int, str]:
    """The victims an act may name, with their shown names: on the public side only those
    published and not merged into a protected record."""
    if not ids:
        return {}
    rows = session.scalars(select(Person).where(Person.id.in_(ids)))
    if not public:
        return {p.id: p.display_name for p in rows}
    hidden = redact.protected(session).ids
    return {p.id: p.display_name for p in rows
            if p.publication == "public" and p.id not in hidden}
