"""What arrived since a moment: the editors' digest (`casefile digest`), as typed records.

Editors follow persons (casefile.registry.follows) and want to hear when news about them
comes in, and when someone the registry did not know is reported detained. "Arrived" is by
capture time, not by the event's date: a source captured today about an arrest last year is
news to the editors. The digest names
- the new events of followed persons: event claims and places on a publisher's list
  (`listed`), accepted or still proposed (a watch captures news unreviewed, and the digest is
  how editors hear of it), created in the window;
- persons not known before the window (every record of the merged person created in it)
  whose new claims report them held: an event of a type that puts a person in custody
  (`custody` in data/event-types.yml, the rule casefile.assess.status replays; a conviction
  in absentia holds no one), or a list or a statement of how things stand that gives a
  custody status (assess.status.STATUSES);
- how many sources were captured, and how many of them were items of listings.

A digest is mailed and posted, so it leaves the machine: a confidential or rejected claim is
never in it, and a withheld or anonymised person (casefile.registry.redact) appears only by
the public label, without id, quote or source, as the public list shows them. Quotes of
everyone else are redacted as the public pages redact them (a protected co-defendant's
passage is withheld). Rendering is casefile.reports.digest_render's; posting,
casefile.reports.webhook's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile import settings, vocab
from casefile.assess.status import STATED, STATUSES
from casefile.errors import CasefileError
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.follows import followed_roots
from casefile.registry.models import Claim, Person, Source, as_utc
from casefile.registry.publication import ANONYMISED_NAME

# The JSON a webhook receives carries this name and version; a change that a receiver could
# trip over (a field renamed or removed) is a new version, an added field is not.
SCHEMA = "casefile.digest/1"
# Items a section holds at most: a first capture of a long list makes thousands of
# newcomers, and a mail of megabytes helps no one (the rest are counted, and in the queue).
LIMIT = 200


@dataclass(frozen=True)
class DigestEvent:
    """One new claim about a person: an event, or a place on a publisher's list (`listed`)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"use_attribute_docstrings": True}

    person: str
    """The person's name, or the public label of a withheld or anonymised person."""
    person_id: int | None
    """The id the (merged) person is shown under; None for a withheld or anonymised one."""
    type: str
    """The event type, a key of data/event-types.yml."""
    label: str
    """The type's label in the digest's language."""
    date: str | None
    """The event's date as an ISO prefix (its precision is its length); None: undated."""
    state: str
    """accepted, or proposed (waiting for an editor's review)."""
    captured_at: datetime
    """When the claim was stored: what puts it in this digest."""
    quote: str | None = None
    """The words of the source that state it, redacted as the public pages redact them."""
    source_id: int | None = None
    source_title: str | None = None
    """The source's title, else where it came from."""
    link: str | None = None
    """The person's page in the editors' workspace."""


@dataclass(frozen=True)
class SourceCounts:
    """What was captured in the window."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"use_attribute_docstrings": True}
    sources: int
    """Sources captured in the window, listing items included."""
    listing_items: int
    """Of them, items of news listings (casefile.registry.listings)."""


@dataclass(frozen=True)
class Digest:
    """What arrived from `since` (included) to `until` (not included): the body a webhook
    receives (`json_schema()` describes it)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"use_attribute_docstrings": True}

    since: datetime
    """From when (included), by the time claims and sources were stored."""
    until: datetime
    """Until when (not included)."""
    editor: str | None
    """Whose follows were read; None: every editor's."""
    followed: list[DigestEvent]
    """New events and list places of followed persons."""
    detained: list[DigestEvent]
    """Persons not known before `since`, reported detained, arrested or convicted."""
    counts: SourceCounts
    schema: str = SCHEMA
    """The format and its version: a field renamed or removed is a new version."""
    followed_persons: int = 0
    """How many persons the follows name (merged persons once)."""
    followed_more: int = 0
    """Events of followed persons left out past the limit (the workspace has them all)."""
    detained_more: int = 0
    """Persons' reports of detention left out past the limit."""
    lang: str = "en"
    """The language of the labels."""

    @property
    def empty(self) -> bool:
        return not (self.followed or self.detained or self.counts.sources)

    def public(self) -> dict[str, Any]:
        """The webhook's JSON object: the digest's fields, times in ISO 8601."""
        return json.loads(json.dumps(asdict(self), default=_iso))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the webhook's body, from the records themselves (their field
    docstrings are its descriptions): `casefile digest --schema` prints it."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Digest).json_schema(mode="serialization")
    return {"$id": SCHEMA, **schema}


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def moment(value: str, what: str) -> datetime:
    """A --since or --until value: a date (its midnight, UTC) or an ISO 8601 time (UTC when it
    names no offset)."""
    text = value.strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CasefileError(f"{what} must be a date YYYY-MM-DD or a time "
                            f"YYYY-MM-DDTHH:MM[:SS][+HH:MM], not {value!r}") from None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def build(s: Session, since: datetime, until: datetime | None = None,
          editor: str | None = None, lang: str = "en", limit: int = LIMIT) -> Digest:
    """The digest of what was captured from `since` (inclusive) to `until` (exclusive; default
    now), for the follows of `editor` (default: every editor's), at most `limit` items a
    section (the first in order; the rest counted)."""
    until = until or datetime.now(UTC)
    if until <= since:
        raise CasefileError(f"--until ({until.isoformat()}) must be after --since "
                            f"({since.isoformat()})")
    root = clusters(s)
    followed = followed_roots(s, editor)
    rows = s.execute(
        select(Claim.person_id, Claim.predicate, Claim.value, Claim.date, Claim.state,
               Claim.created_at, Claim.quote, Claim.source_id, Claim.start, Claim.detail,
               Source.title, Source.origin)
        .join(Source, Claim.source_id == Source.id)
        .where(Claim.predicate.in_(("event", "listed")), Claim.person_id.is_not(None),
               Claim.state != "rejected", Claim.confidential.is_(False),
               Claim.created_at >= since, Claim.created_at < until)).all()
    created: dict[int, datetime] = {}  # per merged person, its oldest record's creation
    for pid, made in s.execute(select(Person.id, Person.created_at)):
        top = root.get(pid, pid)
        made = as_utc(made)
        created[top] = min(created.get(top, made), made)
    names: dict[int, str] = {pid: name for pid, name in s.execute(
        select(Person.id, Person.display_name))}
    prot = redact.protected(s)
    quote = redact.quote_redactor(s, {r.source_id for r in rows})
    custody = vocab.types_with("custody")
    base = settings.site_url()

    def item(r: Any, person: int) -> DigestEvent:
        kind = "listed" if r.predicate == "listed" else r.value
        common = dict(type=kind, label=vocab.event_label(kind, lang), date=r.date,
                      state=r.state, captured_at=as_utc(r.created_at))
        if person in prot.how:
            return DigestEvent(person=ANONYMISED_NAME, person_id=None, **common)
        return DigestEvent(person=names.get(person, ""), person_id=person,
                           quote=quote(r.source_id, r.quote, r.start), source_id=r.source_id,
                           source_title=redact.redact_line(prot, r.title)
                           or redact.redact_line(prot, r.origin, any_case=True),
                           link=f"{base}/review/persons/{person}", **common)

    news: list[DigestEvent] = []
    detained: list[DigestEvent] = []
    for r in rows:
        person = root.get(r.person_id or 0, r.person_id or 0)
        if person in followed:
            news.append(item(r, person))
        elif _held(r.predicate, r.value, r.detail or {}, custody) \
                and created.get(person, since) >= since:
            detained.append(item(r, person))
    news.sort(key=_order)
    detained.sort(key=_order)
    return Digest(since, until, editor, news[:limit], detained[:limit],
                  _counts(s, since, until), followed_persons=len(followed),
                  followed_more=max(len(news) - limit, 0),
                  detained_more=max(len(detained) - limit, 0), lang=lang)


def _held(predicate: str, value: str, detail: dict[str, Any], custody: frozenset[str]
          ) -> bool:
    """Whether a claim reports its person held: listed, or stated to be, in a custody status,
    or an event that puts a person in custody (not a sentence passed in their absence)."""
    if predicate == "listed":
        return value in STATUSES
    if value in STATED:
        return detail.get("status") in STATUSES
    return value in custody and not detail.get("in_absentia")


def _order(e: DigestEvent) -> tuple[Any, ...]:
    return (e.person.casefold(), e.person_id or 0, e.date is None, e.date or "", e.type,
            e.captured_at)


def _counts(s: Session, since: datetime, until: datetime) -> SourceCounts:
    window = (Source.captured_at >= since, Source.captured_at < until)
    total = s.scalar(select(func.count()).select_from(Source).where(*window)) or 0
    items = s.scalar(select(func.count()).select_from(Source)
                     .where(*window, Source.listing_id.is_not(None))) or 0
    return SourceCounts(total, items)
