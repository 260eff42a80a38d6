"""Figures of persecution side by side, and mass events: `casefile figures`, `/figures`.

A figure is one counter's count of people who suffered one kind of event (casefile.extract.
figures); figures of one measure about one event are a group, each kept as its counter states
it, with its qualifier, date, source and quote: 238 killed by the official count beside about
256 by rights defenders. Nothing here averages or sums them: the disagreement is the finding.
Public records are accepted, non-confidential claims (casefile.registry.publication), their
quotes redacted as the sources are (casefile.registry.redact); editors may ask for proposed
ones too (never rejected or superseded ones, and never a confidential one: the CSV is an
export). A figure the text does not date holds as of its
source's publication date (`dated_by` "source").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.registry import redact
from casefile.registry.models import Claim, Source
from casefile.registry.publication import public_claim
from casefile.sources.links import http_link

KINDS = ("figure", "mass_event")


@dataclass(frozen=True)
class FigureRecord:
    claim: str
    kind: str  # figure | mass_event
    measure: str  # a measure of data/figures.yml, or a mass event type
    count: int | None
    qualifier: str | None  # about | at_least | more_than | minimum | up_to
    who: str  # a counter of data/figures.yml
    who_name: str | None
    date: str | None  # as the text dates it, else the source's publication date
    dated_by: str  # as_of | text | source | none
    event: str | None  # the event as the text writes it
    event_key: str  # its month when known, else its words; "" when not stated
    country: str | None
    state: str  # accepted | proposed
    source: int
    source_title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    quote: str | None

    def public(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class FigureGroup:
    """The figures of one measure about one event, side by side."""

    measure: str
    event_key: str
    event: str | None  # the words of the first figure that names it
    figures: tuple[FigureRecord, ...]

    def heading(self) -> str | None:
        """The event as the text writes it, with its month when the words leave it out
        ("in the shooting of peaceful protests (2022-01)"); None when no figure names one."""
        words = self.event or None
        if words and re.fullmatch(r"\d{4}-\d{2}", self.event_key) and \
                self.event_key[:4] not in words:
            return f"{words} ({self.event_key})"
        return words or self.event_key or None


def figure_records(s: Session, *, public: bool = True, country: str | None = None,
                   measure: str | None = None,
                   kinds: tuple[str, ...] = KINDS) -> list[FigureRecord]:
    """Figures and mass events, by measure, event, date and counter. `public` keeps accepted,
    non-confidential claims; otherwise proposed ones are added for editors (still none
    confidential)."""
    query = (select(Claim, Source).join(Source, Claim.source_id == Source.id)
             .where(Claim.predicate.in_(kinds)))
    query = query.where(public_claim()) if public else \
        query.where(Claim.state.in_(("accepted", "proposed")), Claim.confidential.is_(False))
    if country is not None:
        query = query.where(Source.country == country.upper())
    if measure is not None:
        query = query.where(Claim.value == measure)
    rows = s.execute(query).all()
    shown = redact.quote_redactor(s, {c.source_id for c, _ in rows})
    prot = redact.protected(s) if public else None
    out = [_record(c, src, shown(c.source_id, c.quote, c.start) if public else c.quote, prot)
           for c, src in rows]
    order = {m: i for i, m in enumerate(vocab.load("figures.yml")["measures"])}
    out.sort(key=lambda r: (r.kind, order.get(r.measure, len(order)), r.measure, r.event_key,
                            r.date or "", r.who, r.count or 0, r.claim))
    return out


def _record(c: Claim, src: Source, quote: str | None,
            prot: redact.Protected | None) -> FigureRecord:
    """One claim as a record; with `prot`, the source's title, publisher and address are
    redacted as its public page shows them."""
    d = c.detail or {}
    title, publisher, url = src.title, src.publisher, src.url
    if prot is not None:
        title, publisher = redact.redact_line(prot, title), redact.redact_line(prot, publisher)
        url = http_link(redact.redact_line(prot, url, any_case=True))
    dated_by = "as_of" if c.date and d.get("as_of") else "text" if c.date else \
        "source" if src.published_at else "none"
    return FigureRecord(
        claim=c.id, kind=c.predicate, measure=c.value, count=d.get("count"),
        qualifier=d.get("qualifier"), who=d.get("who") or "unstated",
        who_name=d.get("who_name"), date=c.date or src.published_at, dated_by=dated_by,
        event=d.get("event"), event_key=str(d.get("event_key") or ""), country=src.country,
        state=c.state, source=src.id, source_title=title, publisher=publisher,
        published=src.published_at, url=url, quote=quote)


def figure_groups(records: list[FigureRecord]) -> list[FigureGroup]:
    """The figures (not mass events) grouped by measure and event, in the records' order."""
    figures = [r for r in records if r.kind == "figure" and r.count is not None]
    return [FigureGroup(m, key, next((r.event for r in rs if r.event), None), tuple(rs))
            for (m, key), group in groupby(figures, key=lambda r: (r.measure, r.event_key))
            for rs in [list(group)]]
