"""Releases kept: a frozen list's canonical JSON with its hash, who published it and when.

The registry stores the text it is given and checks that it hashes as claimed; it never
rewrites a release (a later one is a new row), so `release show ID --payload` prints the
very bytes that were hashed. Building the payload is casefile.reports.release_payload's
work; stamping its hash, casefile.registry.timestamp's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.errors import CasefileError, NotFound
from casefile.registry import audit
from casefile.registry.models import Release


@dataclass(frozen=True)
class Stamp:
    """What became of the hash's timestamp: see Release.stamp_state."""

    state: str  # unstamped | stamped | refused
    authority: str | None = None
    token: str | None = None  # base64 DER of the TSA's answer
    note: str | None = None


@dataclass(frozen=True)
class Summary:
    """A release as lists show it."""

    id: int
    country: str
    as_of: str
    rows: int
    sha256: str
    criteria: dict[str, str]
    published_by: str
    created_at: datetime
    stamp_state: str


def store(s: Session, *, country: str, as_of: str, criteria: dict[str, str], canonical: str,
          sha256: str, rows: int, editor: str, stamp: Stamp) -> Release:
    """Add a release (in the caller's transaction), audited."""
    if hashlib.sha256(canonical.encode("utf-8")).hexdigest() != sha256:
        raise CasefileError("the release's text does not hash as stated; nothing stored")
    release = Release(country=country, as_of=as_of, criteria=criteria, canonical=canonical,
                      content_sha256=sha256, rows=rows, published_by=editor,
                      stamp_state=stamp.state, stamp_authority=stamp.authority,
                      stamp_token=stamp.token, stamp_note=stamp.note)
    s.add(release)
    s.flush()
    audit.record(s, editor, "release", f"release:{release.id}", country=country,
                 as_of=as_of, sha256=sha256, rows=rows, criteria=criteria, stamp=stamp.state)
    return release


def add_stamp(s: Session, release: Release, stamp: Stamp, editor: str) -> None:
    """Keep a stamp obtained later for a release whose hash was recorded for later stamping.
    The payload and its hash are not touched; a release stamped already keeps its stamp."""
    if release.stamp_state == "stamped":
        raise CasefileError(f"release {release.id} is stamped already")
    release.stamp_state, release.stamp_authority = stamp.state, stamp.authority
    release.stamp_token, release.stamp_note = stamp.token, stamp.note
    audit.record(s, editor, "release-stamp", f"release:{release.id}",
                 sha256=release.content_sha256, stamp=stamp.state, note=stamp.note)


def get(s: Session, release_id: int) -> Release:
    release = s.get(Release, release_id)
    if release is None:
        raise NotFound(f"no release with id {release_id}")
    return release


def summaries(s: Session, country: str | None = None) -> list[Summary]:
    """Every release, newest date first (then newest published first)."""
    q = select(Release.id, Release.country, Release.as_of, Release.rows,
               Release.content_sha256, Release.criteria, Release.published_by,
               Release.created_at, Release.stamp_state)
    if country:
        q = q.where(Release.country == country)
    return [Summary(*row) for row in s.execute(
        q.order_by(Release.as_of.desc(), Release.id.desc()))]


def previous(s: Session, release: Release) -> Release | None:
    """The release of the same country before this one: an earlier date, or the same date
    published earlier."""
    return s.scalars(
        select(Release).where(Release.country == release.country,
                              (Release.as_of < release.as_of)
                              | ((Release.as_of == release.as_of)
                                 & (Release.id < release.id)))
        .order_by(Release.as_of.desc(), Release.id.desc()).limit(1)).first()
