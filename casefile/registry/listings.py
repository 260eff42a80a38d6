"""Capture a listing (a news page, a text of dated items, an RSS/Atom feed) item by item.

The listing is kept as evidence (its bytes, its text) but read for no claims: its items are,
each as a source of its own linked to it (`sources.listing_id`), dated by the listing when it
dates them, so "on March 3th" in an item of 2020 is 2020-03-03. An item is known across
captures by its key (`sources.item_key`: the listing's origin and the item's id, link, or
date and first line; casefile.sources.listing), so capturing the listing again adds only what
is new: an item whose text is unchanged is left alone, a changed one becomes a new source
with the same key (its new version), and both versions stay.

Everything is read before anything is stored, and the listing and all its new items are
stored in one transaction: a refused listing (a broken or hostile feed) leaves the registry
as it was. `capture_listing` is what `casefile capture --listing` and watches call.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urljoin

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from casefile.extract.places import country_code
from casefile.progress import Progress, silent
from casefile.registry import audit, db
from casefile.registry.ingest import store_document
from casefile.registry.models import Source
from casefile.sources import blobs
from casefile.sources.document import MEDIA_TYPES, Document, guess_language, sha256_hex
from casefile.sources.links import http_link
from casefile.sources.listing import ListingItem
from casefile.sources.load import load_listing, load_listing_bytes


@dataclass(frozen=True)
class ListingCapture:
    """What one capture of a listing added."""

    listing_id: int  # the listing's source (an earlier one when these bytes were kept before)
    new_item_ids: tuple[int, ...]  # sources of items not seen before, in listing order
    changed_item_ids: tuple[int, ...]  # new versions of items seen before with another text
    unchanged: int  # items already kept with this very text
    created: bool  # False: these exact listing bytes were already in the registry
    claims: int = 0  # claims read from the new sources
    flags: tuple[tuple[int, str], ...] = ()  # (item source, what an editor must look at)


def capture_listing(target: str, *, trusted: bool = False, publisher: str | None = None,
                    country: str | None = None, actor: str = "cli", url: str | None = None,
                    progress: Progress = silent) -> ListingCapture:
    """Capture the listing at `target` (a file or an http(s) URL) and its new items.
    CaptureError, with nothing stored, when it cannot be read as a listing."""
    doc, items = load_listing(target, progress=progress)
    return _capture(doc, items, trusted, publisher, country, actor, url, progress)


def capture_listing_bytes(raw: bytes, *, origin: str, charset: str | None = None,
                          trusted: bool = False, publisher: str | None = None,
                          country: str | None = None, actor: str = "cli",
                          url: str | None = None, progress: Progress = silent
                          ) -> ListingCapture:
    """As capture_listing, for bytes already fetched (a watch's conditional request):
    `origin` is the URL they came from (it names the listing's items across captures),
    `charset` the Content-Type header's."""
    doc, items = load_listing_bytes(raw, origin=origin, charset=charset, progress=progress)
    return _capture(doc, items, trusted, publisher, country, actor, url, progress)


def _capture(doc: Document, items: tuple[ListingItem, ...], trusted: bool,
             publisher: str | None, country: str | None, actor: str, url: str | None,
             progress: Progress) -> ListingCapture:
    country = country_code(country) if country else None
    try:
        done = _store(doc, items, trusted, publisher, country, actor, url, progress)
    except IntegrityError:
        # Another capture stored some of these items at the same time: what it stored is
        # found as kept this time, and only the rest is added.
        done = _store(doc, items, trusted, publisher, country, actor, url, progress)
    if done.created or done.new_item_ids or done.changed_item_ids:
        db.refresh_statistics(db.engine(url))
    return done


def item_key(listing_origin: str, key: str) -> str:
    """The registry's key of an item: which listing (by its origin) and which item in it."""
    return hashlib.sha256(f"{listing_origin}\x1f{key}".encode()).hexdigest()[:40]


def _store(doc: Document, items: tuple[ListingItem, ...], trusted: bool,
           publisher: str | None, country: str | None, actor: str, url: str | None,
           progress: Progress) -> ListingCapture:
    with db.transaction(url) as s:
        listing = s.scalar(select(Source).where(Source.sha256 == doc.sha256))
        created = listing is None
        if listing is None:
            listing = _keep_listing(s, doc, publisher, trusted, actor)
        new: list[int] = []
        changed: list[int] = []
        unchanged = claims = 0
        flags: list[tuple[int, str]] = []
        keyed = [(item_key(doc.origin, item.key), _item_document(doc, item, n), item)
                 for n, item in enumerate(items, 1)]
        # What is kept already, asked once for the whole listing rather than twice an item.
        known_keys = _known(s, Source.item_key, [k for k, _, _ in keyed])
        known_texts = _known(s, Source.sha256, [d.sha256 for _, d, _ in keyed])
        blobs.put_many([d.raw for _, d, _ in keyed if d.sha256 not in known_texts])
        for n, (key, item_doc, item) in enumerate(keyed, 1):
            progress("extracting", n, len(items))
            if item_doc.sha256 in known_texts:
                unchanged += 1  # this very text is kept (as this item or as another source)
                continue
            done = store_document(s, item_doc, publisher=publisher, published=item.published,
                                  basis="listing" if item.published else None,
                                  trusted=trusted, country=country, actor=actor,
                                  listing_id=listing.id, item_key=key)
            (changed if key in known_keys else new).append(done.source_id)
            known_keys.add(key)
            known_texts.add(item_doc.sha256)
            claims += done.claims
            flags += [(done.source_id, flag) for flag in done.flags]
        audit.record(s, actor, "capture-listing", f"source:{listing.id}", origin=doc.origin,
                     items=len(items), new=new, changed=changed, unchanged=unchanged)
        return ListingCapture(listing.id, tuple(new), tuple(changed), unchanged, created,
                              claims, tuple(flags))


def _known(s: Session, column: InstrumentedAttribute[str | None] | InstrumentedAttribute[str],
           values: list[str]) -> set[str]:
    """Which of `values` the sources' `column` holds, 500 values a query."""
    found: set[str] = set()
    for i in range(0, len(values), 500):
        found.update(v for v in s.scalars(select(column).where(column.in_(values[i:i + 500])))
                     if v is not None)
    return found


def _keep_listing(s: Session, doc: Document, publisher: str | None, trusted: bool,
                  actor: str) -> Source:
    """The listing as evidence: bytes, text, title; no claims (its items carry them), and not
    indexed for search (its items are, and a story should be found once)."""
    blobs.put(doc.raw)
    src = Source(sha256=doc.sha256, kind=doc.kind, origin=doc.origin, url=http_link(doc.origin),
                 media_type=doc.media_type, size=len(doc.raw), publisher=publisher,
                 title=doc.title, language=doc.language, trusted=trusted, text=doc.text)
    s.add(src)
    s.flush()
    audit.record(s, actor, "capture", f"source:{src.id}", sha256=doc.sha256,
                 origin=doc.origin, claims=0, trusted=trusted, listing=True)
    return src


def _item_document(listing: Document, item: ListingItem, n: int) -> Document:
    """An item as a document of its own: its text is its bytes (UTF-8), and it is found at
    its own link when the listing gives one, else at the listing."""
    raw = item.text.encode("utf-8")
    link = urljoin(listing.origin, item.link) if item.link and http_link(listing.origin) \
        else item.link
    origin = link if link and http_link(link) else f"{listing.origin}#item-{n}"
    return Document(raw=raw, sha256=sha256_hex(raw), kind="text", media_type=MEDIA_TYPES["text"],
                    origin=origin, text=item.text, title=item.title,
                    language=guess_language(item.text) or listing.language)
