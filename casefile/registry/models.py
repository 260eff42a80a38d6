"""Tables for the records in DESIGN.md.

Explicit tables, not a metadata bag: the code must be able to tell a detention from a charge.
Facts (charges, events) each point at the claim they came from, so a fact is public only while
its claim is accepted, and rejecting a claim withdraws the fact without deleting anything.
Dates are ISO prefixes ("2022", "2022-01", "2022-01-14"): the precision lives in the value.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A stored time as an aware UTC time: SQLite gives back the UTC it was given without
    its offset, PostgreSQL an aware time in the session's zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """A captured document. Immutable: a changed document is a new Source."""

    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_item_key", "item_key"),
                      Index("ix_sources_listing_id", "listing_id"),
                      Index("ix_sources_story_id", "story_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # text | html | pdf | docx | feed | ftm
    origin: Mapped[str] = mapped_column(Text)  # URL or file name as given
    # Where a reader finds it (casefile.sources.links): a fetched page's URL, or what editors set.
    url: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    publisher: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    published_at: Mapped[str | None] = mapped_column(String(10))
    # "given" (by the editor), "inferred" (latest date the text states), or None.
    published_at_basis: Mapped[str | None] = mapped_column(String(10))
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    # An item of a listing (casefile.registry.listings): the listing capture that first
    # carried this version of it, and the key naming the item across captures of the listing.
    listing_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", name="fk_sources_listing_id"))
    item_key: Mapped[str | None] = mapped_column(String(40))
    # The story it tells with other outlets (casefile.registry.stories): the id of the story's
    # earliest source; None while no other source tells it.
    story_id: Mapped[int | None] = mapped_column(Integer)

    claims: Mapped[list[Claim]] = relationship(back_populates="source")


class SourceFingerprint(Base):
    """A source's MinHash signature (casefile.sources.fingerprint), kept to check a candidate
    that its band keys found."""

    __tablename__ = "source_fingerprints"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", name="fk_source_fingerprints_source_id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class StoryBand(Base):
    """One LSH band key of a source's signature: sources sharing a key are candidates for
    telling the same story, found by an indexed lookup instead of a comparison with every
    source."""

    __tablename__ = "story_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", name="fk_story_bands_source_id"), primary_key=True)


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    citizenship: Mapped[list[Any]] = mapped_column(JSON, default=list)
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # public | anonymised | withheld: every public output obeys it.
    publication: Mapped[str] = mapped_column(String(12), default="public")
    # What an anonymised person's row may show (None: casefile.registry.redact's default) and
    # whether a withheld person still counts in public totals; editors choose both.
    public_fields: Mapped[list[Any] | None] = mapped_column(JSON, default=None)
    count_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # Editors' notes, contacts, relatives: never leave the editors' side.
    confidential_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    cases: Mapped[list[Case]] = relationship(back_populates="person")


class PersonName(Base):
    """Every form a person's name takes in the sources, with script and language."""

    __tablename__ = "person_names"
    __table_args__ = (UniqueConstraint("person_id", "name"), Index("ix_person_names_key", "key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))  # matching key from casefile.names
    script: Mapped[str | None] = mapped_column(String(16))
    lang: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20), default="alias")

    person: Mapped[Person] = relationship(back_populates="names")


class NameBlock(Base):
    """Blocking keys of a person's names: the cheap first step of finding who a new mention
    might be (casefile.names.keys.block_keys); the accurate comparison runs on the few
    persons a block holds."""

    __tablename__ = "name_blocks"
    __table_args__ = (Index("ix_name_blocks_block", "block"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"),
                                           primary_key=True)
    block: Mapped[str] = mapped_column(String(120), primary_key=True)


class Claim(Base):
    """One statement a source makes, tied to the exact span of its text.

    The id is a hash of (source sha256, span, predicate, value, extractor), so re-running an
    extractor over the same source yields the same ids and changes nothing.
    """

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_person", "person_id"),
        Index("ix_claims_source", "source_id"),
        Index("ix_claims_state", "state"),
        Index("ix_claims_group", "group_key"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    mention: Mapped[str | None] = mapped_column(String(300))
    predicate: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(300))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    date: Mapped[str | None] = mapped_column(String(10))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor: Mapped[str] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float)
    # Claims sharing a group came from one list entry or one passage about one person.
    group_key: Mapped[str | None] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(10), default="proposed")
    reviewer: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    supersedes: Mapped[str | None] = mapped_column(ForeignKey("claims.id"))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source] = relationship(back_populates="claims")
    person: Mapped[Person | None] = relationship()


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("person_id", "country"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    country: Mapped[str] = mapped_column(String(2))
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)

    person: Mapped[Person] = relationship(back_populates="cases")
    charges: Mapped[list[Charge]] = relationship(back_populates="case")
    events: Mapped[list[Event]] = relationship(back_populates="case")
    assessments: Mapped[list[Assessment]] = relationship(back_populates="case")


class Charge(Base):
    __tablename__ = "charges"
    __table_args__ = (UniqueConstraint("claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"))
    code: Mapped[str] = mapped_column(String(40))  # e.g. "KZ-CC-2014"
    article: Mapped[str] = mapped_column(String(20))
    part: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="charges")
    claim: Mapped[Claim] = relationship()


class Event(Base):
    """A dated thing that happened to a person; the type comes from data/event-types.yml."""

    __tablename__ = "events"
    # By date and by type: the home page's first dated event and extradition risks.
    __table_args__ = (UniqueConstraint("claim_id"), Index("ix_events_case", "case_id"),
                      Index("ix_events_date", "date"), Index("ix_events_type", "type"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"))
    type: Mapped[str] = mapped_column(String(40))
    date: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")
    claim: Mapped[Claim] = relationship()


class Assessment(Base):
    """A PACE 1900 (2012) assessment. Append-only: the newest row for a case is in force."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_case", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    decision: Mapped[str] = mapped_column(String(30))
    rationale: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case] = relationship(back_populates="assessments")


class Judgement(Base):
    """An editor's decision that two person records are (not) the same. Never updated;
    withdrawn by setting deleted_at, so every decision and its undoing stay visible."""

    __tablename__ = "judgements"
    __table_args__ = (Index("ix_judgements_pair", "left_id", "right_id"),
                      Index("ix_judgements_right", "right_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    left_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    right_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    judgement: Mapped[str] = mapped_column(String(10))  # positive | negative | unsure
    user: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Release(Base):
    """A published list, frozen: the canonical JSON of its rows, byte for byte as published,
    and that text's sha256, so a release can be shown, compared and verified years later
    whatever the registry has learnt since (casefile.reports.release_payload builds it)."""

    __tablename__ = "releases"
    __table_args__ = (Index("ix_releases_country_as_of", "country", "as_of"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    as_of: Mapped[str] = mapped_column(String(10))
    content_sha256: Mapped[str] = mapped_column(String(64))
    published_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The filters the list was narrowed by (status, category, article, region), as given.
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The canonical JSON text whose sha256 is content_sha256: Text, not JSON, so the stored
    # bytes are the hashed bytes on every database.
    canonical: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    # The RFC 3161 proof of the hash (casefile.registry.timestamp): "unstamped" (the hash
    # recorded for later stamping), "stamped" (the TSA's granted answer, base64 DER) or
    # "refused" (the TSA answered, but granted nothing; its status kept in stamp_note).
    stamp_state: Mapped[str] = mapped_column(String(10), default="unstamped")
    stamp_authority: Mapped[str | None] = mapped_column(Text)
    stamp_token: Mapped[str | None] = mapped_column(Text)
    stamp_note: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # viewer | editor | admin
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    api_token_hash: Mapped[str | None] = mapped_column(String(200))
    # The newest TOTP time step accepted: a code is good once, never for a second login.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # A disabled account cannot log in or use its token; its sessions were revoked with it.
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebSession(Base):
    """A logged-in (or half logged-in: password given, TOTP code to come) browser session.

    The cookie carries only a random id; the row keeps its SHA-256, so a copied database does
    not hand out live sessions. Logout, a password reset and disabling the user set
    revoked_at, after which a copied cookie is worth nothing."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_user", "user_id"),)

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    pending_totp: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_why: Mapped[str | None] = mapped_column(String(20))


class LoginFailure(Base):
    """A failed password or TOTP step, counted per client address and per user name (both as
    keyed hashes: neither a visitor's address nor a mistyped password in the name field is
    kept). In the database, so every server process sees the same counts."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_address", "address_key", "at"),
                      Index("ix_login_failures_name", "name_key", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    address_key: Mapped[str] = mapped_column(String(32))
    name_key: Mapped[str] = mapped_column(String(32))


class SecurityEvent(Base):
    """Authentication and access-control events (casefile.web.securitylog). Never a password;
    the client address only when CASEFILE_LOG_ADDRESSES=1, else a keyed hash of it."""

    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event: Mapped[str] = mapped_column(String(30))
    username: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(64))
    path: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(String(200))


class AuditEntry(Base):
    """Append-only: the migration installs triggers that refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(80))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Intervention(Base):
    """Something editors filed for someone (casefile.registry.interventions): a CCF request, a
    communication to the WGAD or a Special Rapporteur, an appeal, a letter. `kind` is a key
    of data/interventions.yml; `person_id` is None for a general letter. Editors' work, never
    public: `notes` are confidential like Person.confidential_notes. Each change is in the
    audit log with what it was before."""

    __tablename__ = "interventions"
    __table_args__ = (Index("ix_interventions_person", "person_id"),
                      Index("ix_interventions_follow_up", "follow_up"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    addressee: Mapped[str] = mapped_column(String(300))
    filed: Mapped[str | None] = mapped_column(String(10))  # ISO date; None while drafted
    status: Mapped[str] = mapped_column(String(20))  # data/interventions.yml statuses
    follow_up: Mapped[str | None] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)  # confidential: editors only
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    person: Mapped[Person | None] = relationship()


class Recommendation(Base):
    """A recommendation a source makes to an institution, read from its text at extraction
    (casefile.extract.recommendations): the item's exact span, the addressee as written and
    the institutions it names. The id hashes the source's sha256, the span and the
    extractor, so extracting again adds nothing twice."""

    __tablename__ = "recommendations"
    __table_args__ = (Index("ix_recommendations_source", "source_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    addressee: Mapped[str] = mapped_column(Text)  # as the source writes it
    institutions: Mapped[list[Any]] = mapped_column(JSON, default=list)  # keys, data file
    date: Mapped[str | None] = mapped_column(String(10))  # the source's publication date
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)  # the item, exactly source.text[start:end]
    extractor: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    source: Mapped[Source] = relationship()
    persons: Mapped[list[RecommendationPerson]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan")
    progress: Mapped[list[RecommendationProgress]] = relationship(
        order_by="RecommendationProgress.id")


class RecommendationPerson(Base):
    """A registry person a recommendation names, as the resolver linked the mention."""

    __tablename__ = "recommendation_persons"
    __table_args__ = (Index("ix_recommendation_persons_person", "person_id"),)

    recommendation_id: Mapped[str] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    mention: Mapped[str] = mapped_column(String(300))

    recommendation: Mapped[Recommendation] = relationship(back_populates="persons")


class RecommendationProgress(Base):
    """How far a recommendation was implemented, as of a date, and the evidence. Append-only
    (migration 0009's triggers refuse UPDATE and DELETE): a later assessment is a new row,
    so the history of implementation stays."""

    __tablename__ = "recommendation_progress"
    __table_args__ = (Index("ix_recommendation_progress_rec", "recommendation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[str] = mapped_column(ForeignKey("recommendations.id"))
    date: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))  # data/interventions.yml progress
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    start: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # editors' note: never public
    editor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ScreeningHit(Base):
    """A registry person who may be on a list from outside (casefile.registry.screening):
    an item of the editors' queue until an editor confirms or dismisses it. The listed
    entity is kept as the file stated it (id, name, topics, dataset) with the sha256 of the
    file, whose bytes stay in the blob store; one item per (file, person, listed entity), so
    screening the same file again opens nothing new."""

    __tablename__ = "screening_hits"
    __table_args__ = (UniqueConstraint("list_sha256", "person_id", "listed_id"),
                      Index("ix_screening_hits_person", "person_id"),
                      Index("ix_screening_hits_state", "state"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    listed_id: Mapped[str] = mapped_column(String(200))
    listed_name: Mapped[str] = mapped_column(String(300))
    topics: Mapped[list[Any]] = mapped_column(JSON, default=list)
    dataset: Mapped[str | None] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(10))  # the names layer's: same | possible
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    list_sha256: Mapped[str] = mapped_column(String(64))
    list_origin: Mapped[str] = mapped_column(Text)  # the file's name as given
    state: Mapped[str] = mapped_column(String(10), default="open")  # open|confirmed|dismissed
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    person: Mapped[Person] = relationship()


class Watch(Base):
    """A listing (a news page, an RSS/Atom feed) fetched again every `every_minutes` and
    captured item by item (casefile.registry.watches, watch_run): only new items are added.

    The row also keeps what the next fetch needs: the validators of the last captured answer
    (a 304 to them means nothing new), the failures since the last success and when to try
    again (exponential back-off), and the claim of the run fetching it now, so two runs at
    once, from cron or from the page, never fetch one watch twice."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    publisher: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    every_minutes: Mapped[int] = mapped_column(Integer, default=60)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    # The last run: when, its result (new, unchanged, not-modified, disallowed, failed) and
    # what it found or why it failed, in one line.
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_result: Mapped[str | None] = mapped_column(String(20))
    last_note: Mapped[str | None] = mapped_column(Text)
    last_listing_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # Held while a run fetches it: a token naming that run, and when the claim lapses (a run
    # killed mid-fetch must not keep its watches forever).
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Follow(Base):
    """An editor follows a person (casefile.registry.follows): `casefile digest` names what
    arrived about them. The editor is the name the audit log uses (the web account's, or the
    command line's --as). An editor's own reading list, not a fact of the registry: not
    audited, so following never changes the registry's version (the public pages' cache)."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("editor", "person_id", name="uq_follows_editor_person"),
                      Index("ix_follows_person", "person_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    editor: Mapped[str] = mapped_column(String(100))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _ordered(length: int | None) -> String:
    """Text compared code point by code point on every database, as Python compares str:
    PostgreSQL's default collation follows the locale, and the list's order must not depend
    on where it is computed."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class ListRow(Base):
    """The list of political prisoners as of `ListState.as_of`, one row per person (cluster)
    a list or an assessment recognises: kept up to date in the transaction of every change
    (casefile.reports.list_rows), so the site reads a page of it instead of building the list.
    `entry` is the row as casefile.reports.prisoners makes it; the other columns are its sort
    keys and filters. Persons not held that day have no status (they count in `years`, the
    count over time); a withheld person editors chose to count has a status and no entry.
    Derived data: rebuilt from the registry whenever in doubt, never edited."""

    __tablename__ = "list_rows"
    # One index per sort (casefile.reports.list_rows.order_keys) holding all its keys.
    __table_args__ = (
        Index("ix_list_rows_list", "country", "shown", "status_rank", "list_number", "name",
              "root"),
        Index("ix_list_rows_name", "country", "shown", "name_key", "status_rank",
              "list_number", "name", "root"),
        Index("ix_list_rows_status", "country", "shown", "status_rank", "name_key",
              "list_number", "name", "root"),
        Index("ix_list_rows_category", "country", "shown", "category_key", "list_number",
              "name", "status_rank", "root"),
        Index("ix_list_rows_sentence", "country", "shown", "sentence_key", "name_key",
              "status_rank", "list_number", "name", "root"),
        Index("ix_list_rows_detained", "country", "shown", "detained", "name_key",
              "status_rank", "list_number", "name", "root"),
        Index("ix_list_rows_in_category", "country", "shown", "category", "status_rank",
              "list_number", "name", "root"),
        Index("ix_list_rows_counts", "country", "shown", "status"),
        Index("ix_list_rows_root", "root"))

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    root: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str | None] = mapped_column(String(40))  # "psychiatric_detention": 21
    status_rank: Mapped[int] = mapped_column(Integer)
    shown: Mapped[bool] = mapped_column(Boolean)  # False: counted only, no entry
    list_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(_ordered(300))
    name_key: Mapped[str] = mapped_column(_ordered(300))
    category: Mapped[str | None] = mapped_column(Text)
    category_key: Mapped[str] = mapped_column(_ordered(None))
    sentence_key: Mapped[float] = mapped_column(Float)  # minus the months: longest first
    detained: Mapped[str] = mapped_column(_ordered(10))
    entry: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    years: Mapped[int] = mapped_column(BigInteger)  # casefile.reports.prisoners.Row.years


class ListHtml(Base):
    """A shown list row as the site's list page shows it, in one language: the whole `<tr>`
    (casefile.reports.list_html), kept with the row and rebuilt with it, so a page of
    today's list is its rows' fragments joined. Derived data, as `ListRow`."""

    __tablename__ = "list_html"

    root: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), primary_key=True)
    html: Mapped[str] = mapped_column(Text)


class ListFacet(Base):
    """A value a list row can be filtered by beyond its columns: its articles and regions."""

    __tablename__ = "list_facets"
    __table_args__ = (Index("ix_list_facets_value", "country", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    root: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # article | region
    value: Mapped[str] = mapped_column(_ordered(None))


class ListState(Base):
    """What the list rows hold: the list as of `as_of`, with every change up to audit-log entry
    `audit_id` and the settings it was made with. One row; none until the first build.
    `serials`: country -> a number that changes whenever its rows may have been written
    (casefile.reports.list_rows._number): what is read from a country's rows is kept while
    its number stands."""

    __tablename__ = "list_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[str] = mapped_column(String(10))
    audit_id: Mapped[int] = mapped_column(Integer)
    settings: Mapped[str] = mapped_column(String(100))
    serials: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
