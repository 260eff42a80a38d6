"""What may leave the registry: the one place that decides it.

A fact is public when its claim is accepted and not confidential, and its person is not
withheld. An anonymised person keeps the facts editors allow but loses their name, id and
sources (a quote would name them). What of a text may leave when it names a protected person,
and which fields an anonymised row keeps, is casefile.reports.redact's rule.
"""

from __future__ import annotations

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from casefile.registry.models import Claim, Person

ANONYMISED_NAME = "Name withheld"


def public_claim() -> ColumnElement[bool]:
    return and_(Claim.state == "accepted", Claim.confidential.is_(False))


def listed_person() -> ColumnElement[bool]:
    return or_(Person.publication == "public", Person.publication == "anonymised")
