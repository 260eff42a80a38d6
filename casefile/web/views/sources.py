"""Source pages: what was captured (publisher, dates, sha256) and its text, quotes highlighted.

A source is public when at least one of its claims is public (casefile.registry.publication) and
about a named person: only those quotes are highlighted, so an unreviewed or confidential
claim, or one about an anonymised or withheld person, leaves no mark. The text is escaped in
full by casefile.web.highlight; the source's url (else its origin, when that is an http(s)
URL) is its link, as casefile.sources.links allows.
Passages about protected persons are withheld from the text, title and origin, and quote
offsets point into the text as shown (casefile.registry.redact).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.i18n import N_
from casefile.registry import redact, stories
from casefile.registry.models import Claim, Person, Source
from casefile.registry.publication import named_person, public_claim
from casefile.sources.links import http_link
from casefile.web import auth
from casefile.web.highlight import Span, highlight
from casefile.web.pages import current_account, get_db, render
from casefile.web.schemas import SourceOut

router = APIRouter()
SourceId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def source_claims(s: Session, source_id: int, public: bool = True) -> list[Claim]:
    q = select(Claim).where(Claim.source_id == source_id).order_by(Claim.start, Claim.id)
    if public:
        q = q.join(Person, Person.id == Claim.person_id).where(
            public_claim(), named_person())
        hidden = redact.protected(s).ids  # a merged person's public record, too
        if hidden:
            q = q.where(Person.id.not_in(list(hidden)))
    else:
        q = q.where(Claim.state != "rejected")
    return list(s.scalars(q))


def source_data(s: Session, source_id: int, public: bool = True
                ) -> tuple[Source, list[Claim], dict[str, Any]]:
    src = s.get(Source, source_id)
    claims = source_claims(s, source_id, public) if src is not None else []
    if src is None or (public and not claims):
        raise HTTPException(404, N_("No public source with this id."))
    shown = redact.Redacted(src.text)
    title, origin, publisher, url = src.title, src.origin, src.publisher, src.url
    if public:
        prot = redact.protected(s)
        shown = redact.redact_source_text(s, src.id, src.text, src.language)
        title = redact.redact_line(prot, src.title)
        origin = redact.redact_line(prot, src.origin, any_case=True) or ""
        publisher = redact.redact_line(prot, src.publisher)
        url = http_link(redact.redact_line(prot, src.url, any_case=True))
    data = {"id": src.id, "kind": src.kind, "origin": origin, "url": url,
            "media_type": src.media_type,
            "publisher": publisher, "title": title, "language": src.language,
            "published_at": src.published_at, "captured_at": src.captured_at.isoformat(),
            "sha256": src.sha256, "text": shown.text,
            "quotes": [{"claim_id": c.id, "person_id": c.person_id, "predicate": c.predicate,
                        "value": c.value, "date": c.date, "start": shown.at(c.start),
                        "end": shown.at(c.end)} for c in claims]}
    return src, claims, data


@router.get("/sources/{source_id:int}", response_class=HTMLResponse, include_in_schema=False)
def source_page(request: Request, source_id: SourceId, s: Session = Depends(get_db),
                account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    src, claims, data = source_data(s, source_id)
    unique = {q["claim_id"]: Span(q["claim_id"], q["start"], q["end"]) for q in data["quotes"]}
    persons = {p.id: p.display_name for p in s.scalars(
        select(Person).where(Person.id.in_({c.person_id for c in claims})))}
    return render(request, "source.html", account=account, src=data,
                  body=highlight(data["text"], list(unique.values())), claims=claims,
                  persons=persons, link=data["url"] or http_link(data["origin"]),
                  story=told_also_by(s, src))


def told_also_by(s: Session, src: Source) -> list[dict[str, Any]]:
    """The other public sources of the source's story, as their own public pages show them
    (title and publisher redacted); a source with no public claim is left out."""
    shown = []
    for other in stories.told_also_by(s, src):
        try:
            shown.append(source_data(s, other.id)[2])
        except HTTPException:
            continue
    return shown


@router.get("/sources/{source_id:int}.json", response_model=SourceOut, include_in_schema=False)
def source_json(source_id: SourceId, s: Session = Depends(get_db)) -> dict[str, Any]:
    src, _, data = source_data(s, source_id)
    keys = ("id", "title", "publisher", "published_at")
    return {**data, "same_story": [{k: o[k] for k in keys} for o in told_also_by(s, src)]}
