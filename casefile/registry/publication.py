"""What may leave the registry: the one place that decides it.

A fact is public when its claim is accepted and not confidential, and its person is not
withheld. A person is `public` (named), `anonymised` (a list row without name, id or sources,
keeping the fields editors allow: a quote would name them) or `withheld` (in no public output,
counted only when editors chose so). A merged person is as hidden as the most hidden of its
records. What of a text may leave when it names a protected person, and which fields an
anonymised row keeps, is casefile.registry.redact's rule, built on this one.

It lives in the registry layer because the registry's own search applies it in SQL, and
everything above (assess, reports, web, cli) reads it from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from sqlalchemy import and_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile.registry.models import AuditEntry, Claim, Person

Publication = Literal["public", "anonymised", "withheld"]
PUBLICATIONS: tuple[Publication, ...] = get_args(Publication)
HIDDEN: tuple[Publication, ...] = ("anonymised", "withheld")  # withheld beats anonymised
ANONYMISED_NAME = "Name withheld"
# What an anonymised list row may keep, when editors allow it; the rest is never shown.
FIELDS = ("status", "category", "articles", "sentence", "dates", "citizenship",
          "torture_reported", "extradition_risk")
DEFAULT_FIELDS = frozenset({"status", "category"})


def public_claim() -> ColumnElement[bool]:
    """A claim the public may read."""
    return and_(Claim.state == "accepted", Claim.confidential.is_(False))


def listed_person() -> ColumnElement[bool]:
    """A person who may be a row of a public list (named or anonymised)."""
    return Person.publication.in_(("public", "anonymised"))


def named_person() -> ColumnElement[bool]:
    """A person public outputs may name (and link to, and find by name)."""
    return Person.publication == "public"


def strictest(publications: Iterable[str | None]) -> Publication:
    """How a merged person is published: as hidden as the most hidden of its records."""
    seen = set(publications)
    return "withheld" if "withheld" in seen else "anonymised" if "anonymised" in seen \
        else "public"


def published_by_editors(s: Session, person_ids: Iterable[int]) -> set[int]:
    """The persons whose latest publication decision, by an editor (casefile.registry.
    person_edit, audited), is `public`. An official is named as a perpetrator only then: a
    person no one has decided on is public by default as a victim or a name in a quote, but
    not as someone responsible for persecution."""
    ids = set(person_ids)
    if not ids:
        return set()
    targets = {f"person:{i}": i for i in ids}
    latest: dict[int, str | None] = {}
    for target, detail in s.execute(
            select(AuditEntry.target, AuditEntry.detail)
            .where(AuditEntry.action == "publication", AuditEntry.target.in_(targets))
            .order_by(AuditEntry.id)):
        latest[targets[target]] = ((detail or {}).get("after") or {}).get("publication")
    return {i for i, value in latest.items() if value == "public"}
