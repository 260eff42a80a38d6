"""Recommendations sources make to institutions, and how far each was implemented.

Read at extraction beside the claims (casefile.extract.recommendations): each item is a row
quoting its exact span, with the addressee as written and the registry persons it names. A
name links only to a person the registry already holds and the resolver is sure of
(`resolve_all(create=False)`): a sanctions recommendation naming an official does not make
anyone a record. Ids hash the source, the span and the extractor, so extracting again adds
only what is new.

Implementation is tracked by `RecommendationProgress` rows, append-only (the database refuses
UPDATE and DELETE): each says, as of a date, not_implemented / partly / implemented / unknown,
with the words of a source that show it, or an editors' note, which is never public.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casefile import vocab
from casefile.errors import NotFound, ReviewError
from casefile.extract.recommendations import EXTRACTOR, find_recommendations
from casefile.extract.types import RecommendationMatch
from casefile.registry import audit
from casefile.registry.models import (
    Recommendation,
    RecommendationPerson,
    RecommendationProgress,
    Source,
)
from casefile.registry.resolve import resolve_all

MAX_NOTE = 2000


def progress_statuses() -> dict[str, dict[str, str]]:
    return vocab.load("interventions.yml")["progress"]


def progress_label(status: str, lang: str = "en") -> str:
    entry = progress_statuses().get(status)
    return vocab.localized(entry, "label", lang) if entry else status


def institution_label(key: str, lang: str = "en") -> str:
    entry = vocab.load("interventions.yml")["institutions"].get(key)
    return vocab.localized(entry, "label", lang) if entry else key


def recommendation_id(src: Source, m: RecommendationMatch) -> str:
    raw = "\x1f".join([src.sha256, str(m.start), str(m.end), EXTRACTOR])
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def store(s: Session, src: Source, matches: Sequence[RecommendationMatch] | None = None
          ) -> int:
    """Store the source's recommendations not stored yet (all those its text holds when
    `matches` is None); returns how many were added."""
    if matches is None:
        matches = find_recommendations(src.text, src.language or "en")
    have = set(s.scalars(select(Recommendation.id).where(Recommendation.source_id == src.id)))
    new = [(recommendation_id(src, m), m) for m in matches]
    new = [(rid, m) for rid, m in dict(new).items() if rid not in have]
    if not new:
        return 0
    mentions = {(name, None) for _, m in new for name in m.names}
    with s.no_autoflush:
        persons = resolve_all(s, mentions, src.language, create=False)
    for rid, m in new:
        rec = Recommendation(id=rid, source_id=src.id, addressee=m.addressee,
                             institutions=list(m.institutions), date=src.published_at,
                             start=m.start, end=m.end, quote=src.text[m.start:m.end],
                             extractor=EXTRACTOR)
        linked: dict[int, str] = {}
        for name in m.names:
            person = persons.get((name, None))
            if person is not None and person.id not in linked:
                linked[person.id] = name
        rec.persons = [RecommendationPerson(person_id=pid, mention=name)
                       for pid, name in linked.items()]
        s.add(rec)
    s.flush()
    return len(new)


@dataclass(frozen=True)
class Progress:
    """What an editor states of a recommendation's implementation, and on what evidence."""

    recommendation_id: str
    status: str  # a key of data/interventions.yml `progress`
    date: str  # YYYY-MM-DD
    editor: str
    source_id: int | None = None
    quote: str | None = None
    note: str | None = None


def track(s: Session, p: Progress) -> RecommendationProgress:
    """Add one progress row after checking everything; an error leaves nothing."""
    statuses = progress_statuses()
    if p.status not in statuses:
        raise ReviewError(f"--status must be one of {', '.join(statuses)}, not {p.status!r}")
    try:
        day = Date.fromisoformat(p.date).isoformat()
    except ValueError:
        raise ReviewError(f"--date must be a date YYYY-MM-DD, not {p.date!r}") from None
    if not p.editor.strip():
        raise ReviewError("say who tracks it (--as)")
    note = (p.note or "").strip() or None
    if (p.source_id is None) == (note is None):
        raise ReviewError("give the evidence: --evidence SOURCE_ID with --quote, or --note")
    if p.source_id is None and p.quote:
        raise ReviewError("--quote goes with --evidence: the words of that source")
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"a note is at most {MAX_NOTE} characters")
    rec = s.get(Recommendation, p.recommendation_id)
    if rec is None:
        raise NotFound(f"no recommendation with id {p.recommendation_id!r}")
    start = quote = None
    if p.source_id is not None:
        # Imported here: manual imports ingest, which stores recommendations at capture.
        from casefile.registry.manual import find_quote

        src = s.get(Source, p.source_id)
        if src is None:
            raise NotFound(f"no source with id {p.source_id}")
        start, end = find_quote(src.text, p.quote or "")
        quote = src.text[start:end]
    row = RecommendationProgress(recommendation_id=rec.id, date=day, status=p.status,
                                 source_id=p.source_id, start=start, quote=quote, note=note,
                                 editor=p.editor.strip())
    s.add(row)
    s.flush()
    # The note may say who told the editors: it stays out of the log, like a claim's reason.
    audit.record(s, row.editor, "track-recommendation", f"recommendation:{rec.id}",
                 status=p.status, date=day, source=p.source_id, progress=row.id)
    return row


def find(s: Session, rec_id: str) -> Recommendation:
    """A recommendation by its id or an unambiguous prefix of it (as lists print them)."""
    rec_id = rec_id.strip().lower()
    if len(rec_id) < 6:
        raise NotFound("give at least 6 characters of the recommendation's id")
    found = s.scalars(select(Recommendation).where(Recommendation.id.startswith(rec_id))
                      .limit(2)).all()
    if not found:
        raise NotFound(f"no recommendation with id {rec_id!r}")
    if len(found) > 1:
        raise NotFound(f"{rec_id!r} is the start of several recommendations' ids: give more")
    return found[0]


def listed(s: Session, addressee: str | None = None) -> list[Recommendation]:
    """Every recommendation, newest source first; `addressee` keeps those whose
    institutions hold that key or whose addressee as written contains it."""
    rows = s.scalars(select(Recommendation).options(
        selectinload(Recommendation.persons), selectinload(Recommendation.progress),
        # The source's words are the recommendation's quote: its whole text is not needed.
        selectinload(Recommendation.source).load_only(
            Source.id, Source.title, Source.url, Source.kind, Source.published_at))
        .order_by(Recommendation.date.desc().nulls_last(), Recommendation.source_id.desc(),
                  Recommendation.start)).all()
    if addressee:
        want = addressee.strip().casefold()
        rows = [r for r in rows if want in r.institutions or want in r.addressee.casefold()]
    return list(rows)
