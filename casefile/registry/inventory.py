"""The sources inventory: every captured source with what editors filter by, its metadata
edited after capture, and extraction run again when the extractors improve.

Editing metadata never touches the preserved bytes or text: only what capture recorded about
the source (title, publisher, publication date, language, the URL readers are sent to), each
change one audit entry. A new publication date moves the date of the list entries the source
dates ("listed" events carry the list's date). Re-extraction adds the claims the current
extractors find that the source does not yet have, as proposed claims whatever the source's
trust (an editor reviewed the source under the old extractors), and leaves every existing
claim and decision as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from casefile.errors import CasefileError
from casefile.extract.language import EXTRACTED
from casefile.registry import audit, recommendations, search
from casefile.registry.facts import valid_iso_prefix
from casefile.registry.models import Claim, Event, Recommendation, Source
from casefile.sources.document import FTM
from casefile.sources.links import http_link


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str | None
    origin: str
    publisher: str | None
    published_at: str | None
    country: str | None
    language: str | None
    kind: str
    trusted: bool
    captured_at: datetime
    claims: int
    pending: int  # claims proposed, waiting for an editor
    story_id: int | None = None  # the story it tells with other sources (registry.stories)
    story_sources: int = 1  # how many sources tell that story, this one included


@dataclass(frozen=True)
class Filters:
    publisher: str | None = None  # a part of the publisher's name, any case
    country: str | None = None
    language: str | None = None
    since: str | None = None  # published on or after (ISO prefix)
    until: str | None = None
    trusted: bool | None = None
    pending: bool = False  # only sources with claims waiting for review
    story: int | None = None  # only the sources of this story


def sources(s: Session, f: Filters = Filters(), limit: int = 200,
            offset: int = 0) -> tuple[list[SourceRow], int]:
    """The sources matching `f`, newest publication first, and how many match in all."""
    counts = (select(Claim.source_id.label("sid"), func.count().label("n"),
                     func.sum(case((Claim.state == "proposed", 1), else_=0)).label("p"))
              .group_by(Claim.source_id).subquery())
    told = (select(Source.story_id.label("story"), func.count().label("n"))
            .where(Source.story_id.is_not(None)).group_by(Source.story_id).subquery())
    q = select(Source.id, Source.title, Source.origin, Source.publisher, Source.published_at,
               Source.country, Source.language, Source.kind, Source.trusted,
               Source.captured_at, func.coalesce(counts.c.n, 0),
               func.coalesce(counts.c.p, 0), Source.story_id, func.coalesce(told.c.n, 1)
               ).outerjoin(counts, counts.c.sid == Source.id
                           ).outerjoin(told, told.c.story == Source.story_id)
    if f.publisher:
        q = q.where(func.lower(Source.publisher).contains(f.publisher.lower(), autoescape=True))
    if f.country:
        q = q.where(Source.country == f.country.upper())
    if f.language:
        q = q.where(Source.language == f.language.lower())
    if f.since:
        q = q.where(Source.published_at >= f.since)
    if f.until:
        q = q.where(Source.published_at <= f.until + "\uffff")
    if f.trusted is not None:
        q = q.where(Source.trusted.is_(f.trusted))
    if f.pending:
        q = q.where(counts.c.p > 0)
    if f.story is not None:
        q = q.where(Source.story_id == f.story)
    total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = s.execute(q.order_by(Source.published_at.desc().nulls_last(), Source.id.desc())
                     .limit(limit).offset(offset)).all()
    return [SourceRow(*r) for r in rows], total  # type: ignore[call-arg]


@dataclass(frozen=True)
class Metadata:
    """What an editor may change about a source after capture; None leaves a field as is."""

    title: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    language: str | None = None
    url: str | None = None  # "" clears it; else an http(s) URL (casefile.sources.links)


def edit(s: Session, source_id: int, change: Metadata, actor: str,
         reason: str | None = None) -> dict[str, list[str | None]]:
    """Apply `change` to the source; returns {field: [old, new]} of what changed (logged)."""
    src = s.get(Source, source_id)
    if src is None:
        raise CasefileError(f"no source with id {source_id}")
    if change.published_at is not None and not valid_iso_prefix(change.published_at):
        raise CasefileError("the publication date must be YYYY, YYYY-MM or YYYY-MM-DD, not "
                            f"{change.published_at!r}")
    if change.language is not None and change.language not in (*EXTRACTED, "kk"):
        raise CasefileError(f"a language is one of {', '.join((*EXTRACTED, 'kk'))}, not "
                            f"{change.language!r}")
    if change.url and change.url.strip() and http_link(change.url) is None:
        raise CasefileError("a source's URL must be an http:// or https:// address with a "
                            f"host and no spaces, not {change.url[:200]!r}")
    done: dict[str, list[str | None]] = {}
    for fld in fields(Metadata):
        new = getattr(change, fld.name)
        if new is None:
            continue
        new = http_link(new) if fld.name == "url" else new.strip()[:300] or None
        if fld.name == "published_at" and new is None:
            raise CasefileError("a publication date cannot be emptied; give the right one")
        old = getattr(src, fld.name)
        if new != old:
            setattr(src, fld.name, new)
            done[fld.name] = [old, new]
    if "published_at" in done:
        src.published_at_basis = "given"
        for event in s.scalars(select(Event).join(Claim, Event.claim_id == Claim.id).where(
                Claim.source_id == source_id, Event.type == "listed")):
            event.date = src.published_at
        # A recommendation is dated by its source, as a list entry is.
        for rec in s.scalars(select(Recommendation).where(Recommendation.source_id == source_id)):
            rec.date = src.published_at
    if done:
        if done.keys() & set(search.SOURCE_BODY):
            search.retitle(s, source_id)
        search.index_source(s, source_id)
        audit.record(s, actor, "source-edit", f"source:{source_id}", changes=done,
                     reason=reason)
        s.flush()
    return done


def reextract(s: Session, source_id: int, actor: str) -> int:
    """Run today's extractors on a source again; returns how many new claims were proposed.
    The site runs it in its worker process (casefile.web.workers), hence the imports here."""
    from casefile.extract.document import extract
    from casefile.registry.ingest import claim_id, store_claims

    src = s.get(Source, source_id)
    if src is None:
        raise CasefileError(f"no source with id {source_id}")
    if src.kind == FTM:
        raise CasefileError(f"source {source_id} is a FollowTheMoney file: its claims come "
                            "from its entities (casefile import ftm), not from extraction")
    lang = src.language or "en"
    if lang not in EXTRACTED:
        raise CasefileError(f"no extractor for language {lang!r} yet")
    given = src.published_at if src.published_at_basis == "given" else None
    have = set(s.scalars(select(Claim.id).where(Claim.source_id == source_id)))
    found = [f for f in extract(src.text, lang, given) if claim_id(src, f) not in have]
    added, _ = store_claims(s, src, found, actor=actor, trusted=False)
    advised = recommendations.store(s, src)
    search.index_source(s, source_id)
    audit.record(s, actor, "reextract", f"source:{source_id}", added=added,
                 recommendations=advised or None)
    return added
