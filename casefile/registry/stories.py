"""Stories: the sources that tell one story, reprinted or lightly reworded by several outlets.

When a source is stored, its fingerprint (casefile.sources.fingerprint) is kept and its LSH
band keys are looked up in `story_bands`: an indexed query, whatever the size of the registry,
and nothing about other sources is held in memory. Each candidate whose signature resembles
the new one at CASEFILE_STORY_SIMILARITY or more tells the same story, unless both name
persons and share none (numbered entries of one list, "4. A — charged under Article 272 ..."
and "7. B — charged under Article 272 ...", resemble each other as much as a reprint does).

A story is named by its earliest source's id (`sources.story_id`; None while no other source
tells it). A new source that matches sources of two stories joins them: the earlier story
keeps its id and the later one's sources move to it. So the outcome does not depend on the
order of capture: A then B, or B then A, ends with both in one story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm import Session

from casefile import settings
from casefile.errors import CasefileError
from casefile.registry.models import Base, Claim, Source, SourceFingerprint, StoryBand
from casefile.sources.fingerprint import fingerprint, resemblance

_FINGERPRINTS = Base.metadata.tables[SourceFingerprint.__tablename__]
_BANDS = Base.metadata.tables[StoryBand.__tablename__]
# Built once: a capture of a feed asks them for each of its items, and building a statement
# cost as much as running it.
_CANDIDATES = select(_FINGERPRINTS.c.source_id, _FINGERPRINTS.c.signature).where(
    _FINGERPRINTS.c.source_id.in_(select(_BANDS.c.source_id).where(
        _BANDS.c.key.in_(bindparam("keys", expanding=True)))))
_KEEP_FINGERPRINT = insert(_FINGERPRINTS)
_KEEP_BANDS = insert(_BANDS)


def link(s: Session, src: Source) -> int | None:
    """Keep the fingerprint of a source just stored (its claims already flushed) and join it
    to the story of the sources that tell the same one; returns the story's id, None when no
    other source tells it (or the text is too short, or detection is off)."""
    threshold = settings.story_similarity()
    found = fingerprint(src.text) if threshold > 0 else None
    if found is None:
        return None
    keys = sorted(set(found.keys))
    db = s.connection()  # plain statements, past the ORM's bookkeeping
    similar = [source_id for source_id, signature in db.execute(_CANDIDATES, {"keys": keys})
               if resemblance(found.signature, signature) >= threshold]
    db.execute(_KEEP_FINGERPRINT, {"source_id": src.id, "signature": found.signature})
    db.execute(_KEEP_BANDS, [{"key": k, "source_id": src.id} for k in keys])
    same = _same_persons(s, src.id, similar)
    if not same:
        return None
    stories = {story or source_id for source_id, story in s.execute(
        select(Source.id, Source.story_id).where(Source.id.in_(same)))}
    story = min(stories)
    s.execute(update(Source).where(or_(Source.story_id.in_(stories), Source.id.in_(same)))
              .values(story_id=story).execution_options(synchronize_session=False))
    src.story_id = story
    return story


def _same_persons(s: Session, source_id: int, similar: list[int]) -> list[int]:
    """The similar sources that may tell the same story as `source_id`: all of them when it
    names no one; else those naming no one or one of the persons it names."""
    if not similar:
        return []
    named = persons_named(s, [source_id, *similar])
    mine = named.get(source_id, set())
    return [other for other in similar
            if not mine or not named.get(other) or named[other] & mine]


def persons_named(s: Session, source_ids: Iterable[int]) -> dict[int, set[int]]:
    """The persons each source's claims are about."""
    named: dict[int, set[int]] = defaultdict(set)
    for source_id, person_id in s.execute(
            select(Claim.source_id, Claim.person_id).distinct().where(
                Claim.source_id.in_(list(source_ids)), Claim.person_id.is_not(None))):
        if person_id is not None:
            named[source_id].add(person_id)
    return named


def told_also_by(s: Session, src: Source) -> list[Source]:
    """The other sources of the source's story, earliest publication first."""
    if src.story_id is None:
        return []
    return list(s.scalars(select(Source).where(
        Source.story_id == src.story_id, Source.id != src.id)
        .order_by(Source.published_at.nulls_last(), Source.id)))


def link_earlier(s: Session, batch: int = 500) -> tuple[int, int]:
    """Fingerprint the sources kept before stories were looked for (no fingerprint yet;
    listings aside: their items tell the stories), oldest first as capture would have, and
    join their stories. Returns (sources fingerprinted or found too short, sources now in a
    story)."""
    if settings.story_similarity() == 0:
        raise CasefileError("CASEFILE_STORY_SIMILARITY is 0: stories are not looked for")
    listings = select(Source.listing_id).where(Source.listing_id.is_not(None))
    done = joined = 0
    after = 0
    while True:
        chunk = list(s.scalars(select(Source).where(
            Source.id > after, Source.id.not_in(select(SourceFingerprint.source_id)),
            Source.id.not_in(listings)).order_by(Source.id).limit(batch)))
        if not chunk:
            return done, joined
        for src in chunk:
            if fingerprint(src.text) is None:
                continue  # too short to tell a story: nothing to compare, now or later
            joined += link(s, src) is not None
            done += 1
        after = chunk[-1].id
        s.flush()
