"""Capture and ingest as one transaction: a source, its claims, persons, cases and facts.

Either everything a capture produces is in the registry or nothing is: the blob is written
before the transaction commits (an orphan blob is harmless; a source row without its blob
would not be), and extraction runs inside the transaction so a crash leaves no trace.

What the extractors could not read safely is flagged, never guessed: a claim whose
`detail["review"]` says why (a list entry without a readable name) stays proposed even from a
trusted source, and an extractor that fails keeps the source as evidence with no claims. Both
are reported in `Captured.flags` and the audit log, for the editors.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import CaptureError
from casefile.extract.country import case_country
from casefile.extract.dates import find_dates
from casefile.extract.document import extract
from casefile.extract.language import EXTRACTED
from casefile.extract.places import country_code
from casefile.extract.recommendations import find_recommendations
from casefile.extract.types import Found
from casefile.names.keys import block_keys
from casefile.progress import Progress, silent
from casefile.registry import audit, db, recommendations, search, source_edit, stories
from casefile.registry.captured import Captured
from casefile.registry.facts import cases_for, materialise, valid_iso_prefix
from casefile.registry.models import Claim, Source, utcnow
from casefile.registry.resolve import add_blocks, add_name, resolve_all
from casefile.sources import blobs
from casefile.sources.document import Document
from casefile.sources.links import http_link
from casefile.sources.load import load

log = logging.getLogger(__name__)
# Who gave a publication date that the text's relative and yearless dates are read against:
# the editor (--published), or the listing the source is an item of. An inferred date anchors
# nothing: it was itself read from the text.
ANCHORING = ("given", "listing")


def capture(target: str, *, publisher: str | None = None, published: str | None = None,
            trusted: bool = False, country: str | None = None, actor: str = "cli",
            url: str | None = None, progress: Progress = silent) -> Captured:
    """Capture a file or URL, extract its claims and store everything in one transaction.
    `progress` hears of each step (casefile.progress)."""
    doc = load(target, progress=progress)
    return ingest(doc, publisher=publisher, published=published, trusted=trusted,
                  country=country, actor=actor, url=url, progress=progress)


def ingest(doc: Document, *, publisher: str | None = None, published: str | None = None,
           trusted: bool = False, country: str | None = None, actor: str = "cli",
           url: str | None = None, progress: Progress = silent) -> Captured:
    if published is not None and not valid_iso_prefix(published):
        raise CaptureError(f"--published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
    country = country_code(country) if country else None
    try:
        done = _ingest(doc, publisher, published, trusted, country, actor, url, progress)
    except IntegrityError:
        # Two captures of the same bytes at once: the other one won; nothing to add.
        with db.session(url) as s:
            existing = s.scalar(select(Source).where(Source.sha256 == doc.sha256))
        if existing is None:
            raise
        return Captured(existing.id, existing.sha256, False, 0, 0)
    if done.created:
        db.refresh_statistics(db.engine(url))
    return done


def _ingest(doc: Document, publisher: str | None, published: str | None, trusted: bool,
            country: str | None, actor: str, url: str | None,
            progress: Progress = silent) -> Captured:
    with db.transaction(url) as s:
        existing = s.scalar(select(Source).where(Source.sha256 == doc.sha256))
        if existing is not None:
            return Captured(existing.id, existing.sha256, False, 0, 0)
        return store_document(s, doc, publisher=publisher, published=published,
                              basis="given" if published else None, trusted=trusted,
                              country=country, actor=actor, progress=progress)


def store_document(s: Session, doc: Document, *, publisher: str | None, published: str | None,
                   basis: str | None, trusted: bool, country: str | None, actor: str,
                   progress: Progress = silent, listing_id: int | None = None,
                   item_key: str | None = None) -> Captured:
    """Keep a document not yet in the registry and store what extraction finds in it, in the
    caller's transaction. `basis` says who gave `published`: "given" (the editor) or
    "listing" (the listing the document is an item of); either anchors the text's relative
    and yearless dates. `listing_id` and `item_key` make it an item of a listing."""
    blobs.put(doc.raw)
    lang = doc.language or "en"
    if published is None:
        published = infer_published(doc.text, lang)
        basis = "inferred" if published else None
    # --country is the publisher's default: what the text itself says of the case wins.
    where = case_country(doc.text, default=country)
    src = Source(sha256=doc.sha256, kind=doc.kind, origin=doc.origin,
                 url=http_link(doc.origin),
                 media_type=doc.media_type, size=len(doc.raw), publisher=publisher,
                 title=doc.title, language=lang, published_at=published,
                 published_at_basis=basis, trusted=trusted, text=doc.text,
                 country=where.country, listing_id=listing_id, item_key=item_key)
    s.add(src)
    s.flush()
    progress("extracting")
    found, failure = _extract(doc, lang, published if basis in ANCHORING else None)
    claims, persons = store_claims(s, src, found, actor=actor, progress=progress)
    flags = (*([failure] if failure else []), *_flags(found))
    advised = _recommendations(s, src) if not failure else 0
    story = stories.link(s, src)
    search.index_source(s, src.id)
    audit.record(s, actor, "capture", f"source:{src.id}", sha256=doc.sha256,
                 origin=doc.origin, claims=claims, trusted=trusted, country=src.country,
                 country_basis=where.basis, country_reasons=where.reasons(3),
                 flags=list(flags) or None, recommendations=advised or None,
                 **({"listing": listing_id} if listing_id is not None else {}),
                 **({"story": story} if story is not None else {}))
    if trusted:
        audit.record(s, actor, "auto-accept", f"source:{src.id}", claims=claims,
                     reason="source captured as trusted")
    return Captured(src.id, src.sha256, True, claims, persons, lang,
                    lang in EXTRACTED, src.country, flags, story)


def _extract(doc: Document, lang: str, published: str | None) -> tuple[list[Found], str | None]:
    """The claims of a document, or none and the reason when an extractor fails: the source
    is evidence and is kept; an editor sees why nothing was read from it. The log names the
    source by its sha256, never by its text."""
    try:
        return extract(doc.text, lang, published), None
    except Exception as exc:  # an extractor's bug must not lose the evidence
        log.exception("extraction failed for source %s", doc.sha256)
        return [], f"extraction failed ({type(exc).__name__}): the source is kept without claims"


def _recommendations(s: Session, src: Source) -> int:
    """The source's recommendations to institutions, stored beside its claims. A failure
    keeps the capture (the source is evidence) and is logged by the sha256 alone."""
    try:
        found = find_recommendations(src.text, src.language or "en")
    except Exception:  # a recogniser's bug must not lose the evidence
        log.exception("reading recommendations failed for source %s", src.sha256)
        return 0
    return recommendations.store(s, src, found)


def _flags(found: list[Found]) -> list[str]:
    """One line per reason a claim was held for review, with the number of claims."""
    reasons = Counter(f.detail["review"] for f in found if f.detail.get("review"))
    return [f"{n} claim(s) held for review: {why}" for why, n in sorted(reasons.items())]


def infer_published(text: str, lang: str) -> str | None:
    """The latest date the text states, not after today: a report is published after the
    events it describes. Editors override it with --published."""
    today = date.today().isoformat()
    values = [d.value for d in find_dates(text, lang) if d.value <= today]
    return max(values, default=None)


def claim_id(src: Source, f: Found) -> str:
    """Stable across runs: the same statement of the same source gets the same id. One phrase
    stating an event once per date ("On 05.10.2012 and 02.01.2013, the court refused",
    detail["dates_listed"]) makes one claim per date, so the date is part of their ids."""
    parts = [src.sha256, str(f.start), str(f.end), f.predicate, f.value, f.mention or "",
             f.extractor, str(f.detail.get("span"))]
    if f.detail.get("dates_listed"):
        parts.append(f.date or "")
    raw = "\x1f".join(parts)
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def store_claims(s: Session, src: Source, found: list[Found], actor: str,
                 trusted: bool | None = None, progress: Progress = silent
                 ) -> tuple[int, int]:
    """Store claims, link them to persons and materialise charges and events, in bulk.
    `trusted` (default: the source's) says whether they are accepted unreviewed."""
    if trusted is None:
        trusted = src.trusted
    # A birth date stated in a list entry belongs to every claim of that entry about its
    # person (not to a relative the entry names): two namesakes with different birth dates in
    # one list stay two people.
    births = {(f.group, f.mention): f.value for f in found if f.predicate == "birth_date"}

    def mention(f: Found) -> tuple[str, str | None]:
        return (f.mention or "", births.get((f.group, f.mention)))

    progress("resolving")
    with s.no_autoflush:
        persons = resolve_all(s, (mention(f) for f in found if f.mention), src.language)
    progress("storing")
    # A source whose country cannot be told files facts in each person's existing case; a
    # person with none waits for an editor's `sources edit --country` (never a made-up "XX").
    ids = {p.id for p in persons.values()}
    cases = cases_for(s, ids, src.country) if src.country else \
        source_edit.cases_when_unknown(s, ids)
    now = utcnow()
    seen: set[str] = set()
    blocks: set[tuple[int, str]] = set()  # blocking keys of names learnt from aliases
    for f in found:
        cid = claim_id(src, f)
        if cid in seen:
            continue
        seen.add(cid)
        person = persons.get(mention(f)) if f.mention else None
        # A flagged claim waits for an editor whatever the source's trust.
        accepted = trusted and not f.detail.get("review")
        claim = Claim(id=cid, source_id=src.id, person_id=person.id if person else None,
                      mention=f.mention, predicate=f.predicate, value=f.value, detail=f.detail,
                      date=f.date, start=f.start, end=f.end, quote=src.text[f.start:f.end],
                      extractor=f.extractor, confidence=f.confidence, group_key=f.group,
                      state="accepted" if accepted else "proposed",
                      reviewer="auto:trusted" if accepted else None,
                      reviewed_at=now if accepted else None)
        s.add(claim)
        if person is not None and person.id in cases:
            case = cases[person.id]
            materialise(s, claim, case, src, vocab.criminal_code(case.country)["code"])
        # Every form the source writes the name in ("Kasym-Jomart" beside "Kassym-Jomart")
        # is one the next source may use.
        if person is not None and f.predicate == "name" \
                and f.detail.get("form") in ("alias", "full") \
                and add_name(person, f.value, f.detail.get("lang"), kind="alias"):
            blocks |= {(person.id, b) for b in block_keys(f.value)}
    add_blocks(s, blocks)
    s.flush()
    return len(seen), len({p.id for p in persons.values()})
