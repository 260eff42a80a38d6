"""What an export of the list cites for each row, so a lawyer can cite it in turn: per source,
its title, publisher and publication date, where a reader finds it (its URL, else the file
name capture was given), and the words of each fact it quotes, as the public may read them.

The list (casefile.reports.prisoners) keeps only where a quote is (claim id and offsets): the
words themselves, for 10,000 persons, would double a cached list's memory, and only exports
print them. So an export reads them here, for the rows it prints, by claim id (BATCH).
Quotes pass through casefile.registry.redact as on a person's page (`quote_redactor`),
addresses through `redact_line` as the origin does; the list already redacted titles and
publishers. An editor's hand is told as on the person's page (dossier.editors_note).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from casefile.registry import redact
from casefile.registry.models import Claim, Source
from casefile.reports.dossier import editors_note
from casefile.reports.prisoners import ListEntry, SourceRef
from casefile.sources.links import http_link

# Ids per query. SQLite's planner reads a long IN list of claim ids by scanning the whole
# claims table: at 200,000 claims, 250 ids a query took 40 s for 34,000 quotes, 100 ids
# (looked up in the primary key) 0.7 s.
BATCH = 100
T = TypeVar("T")


@dataclass(frozen=True)
class Quoted:
    """A fact's quote, redacted, with the editors' hand in it if any."""

    text: str
    editors: str | None = None  # "entered by editors" / "corrected by editors (...)"


@dataclass(frozen=True)
class Citation:
    """One source of a row, as an export prints it."""

    source_id: int
    title: str | None
    publisher: str | None
    published_at: str | None
    url: str | None  # http(s) only (casefile.sources.links)
    origin: str  # the file name or address capture was given
    quotes: tuple[Quoted, ...] = ()

    @property
    def where(self) -> str:
        """Where a reader finds the source: its URL, else the file name."""
        return self.url or self.origin

    def heading(self) -> str:
        """'Title, Publisher, 2024-03-01, https://…' as plain text."""
        bits = [self.title or self.origin, self.publisher, self.published_at or "undated"]
        if self.title:
            bits.append(self.where)
        elif self.url:
            bits.append(self.url)
        return ", ".join(b for b in bits if b)


@dataclass(frozen=True)
class Citations:
    """The quotes and addresses of the rows an export prints."""

    quotes: dict[str, Quoted] = field(default_factory=dict)  # by claim id
    urls: dict[int, str] = field(default_factory=dict)  # by source id

    def of(self, entry: ListEntry) -> list[Citation]:
        return [self.source(ref) for ref in entry.sources]

    def source(self, ref: SourceRef) -> Citation:
        """The source with its quotes in the order the source has them, each once, and none
        that another one holds (a list entry's claims quote the entry and its sentences);
        a quote the editors entered or corrected is kept whole, with their note."""
        quotes: dict[Quoted, None] = {}
        for q in ref.quotes:
            got = self.quotes.get(q.claim)
            if got is not None and got.text:
                quotes.setdefault(got)
        kept = [q for q in quotes if q.editors or not any(
            q.text in other.text and q != other for other in quotes)]
        return Citation(ref.id, ref.title, ref.publisher, ref.published_at,
                        self.urls.get(ref.id), ref.origin, tuple(kept))

    def quote(self, claim_id: str) -> Quoted | None:
        return self.quotes.get(claim_id)


# Built once: a statement per batch would be compiled again each time.
_QUOTES = (select(Claim.id, Claim.source_id, Claim.quote, Claim.start, Claim.detail)
           .where(Claim.id.in_(bindparam("ids", expanding=True))))
_URLS = (select(Source.id, Source.url)
         .where(Source.id.in_(bindparam("ids", expanding=True)), Source.url.is_not(None)))


def cite(s: Session, entries: Iterable[ListEntry]) -> Citations:
    """The citations of `entries`, read from the registry `s` (public claims only: the list
    holds no other)."""
    refs = [ref for e in entries for ref in e.sources]
    claim_ids = sorted({q.claim for ref in refs for q in ref.quotes})
    source_ids = sorted({ref.id for ref in refs})
    if not refs:
        return Citations()
    prot = redact.protected(s)
    public_quote = redact.quote_redactor(s, source_ids)
    conn = s.connection()
    quotes: dict[str, Quoted] = {}
    for chunk in _batches(claim_ids):
        for cid, sid, quote, start, detail in conn.execute(_QUOTES, {"ids": chunk}):
            text = public_quote(sid, quote, start) or ""
            quotes[cid] = Quoted(" ".join(text.split()), editors_note(detail or {}))
    urls: dict[int, str] = {}
    for ids in _batches(source_ids):
        for sid, url in conn.execute(_URLS, {"ids": ids}):
            link = http_link(redact.redact_line(prot, url, any_case=True))
            if link:
                urls[sid] = link
    return Citations(quotes, urls)


def _batches(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), BATCH):
        yield items[i:i + BATCH]
