"""Editors' decision on whether a person may be named in public: `public`, `anonymised` (a
list row without name, id, list number or sources, keeping only the fields editors allow) or
`withheld` (in no public output; with `count_only`, still in the public totals).

One function for the command line (`casefile persons publication`) and the editors' person
page, so both check the same things and write the same audit entry. The entry is what makes
public pages and cached lists change: they are keyed on the newest audit-log id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casefile.errors import CasefileError, NotFound
from casefile.registry import audit
from casefile.registry.models import Person
from casefile.registry.publication import FIELDS, PUBLICATIONS


@dataclass(frozen=True)
class Publication:
    value: str  # one of PUBLICATIONS
    fields: list[str] | None = None  # anonymised: the fields a list row keeps (None: default)
    count_only: bool = False  # withheld: still counted in public totals


def publication(value: str, fields: Iterable[str] | None = None,
                count_only: bool = False) -> Publication:
    """A checked setting: fields go with anonymised only, count-only with withheld only."""
    if value not in PUBLICATIONS:
        raise CasefileError(f"publication must be one of {', '.join(PUBLICATIONS)}")
    chosen = [f.strip() for f in fields if f.strip()] if fields is not None else None
    unknown = sorted(set(chosen or ()) - set(FIELDS))
    if unknown:
        raise CasefileError(f"unknown field {unknown[0]!r}: choose from {', '.join(FIELDS)}")
    if chosen is not None and value != "anonymised":
        raise CasefileError("--fields is for anonymised persons")
    if count_only and value != "withheld":
        raise CasefileError("--count-only is for withheld persons")
    return Publication(value, chosen, count_only)


def set_publication(s: Session, person_id: int, setting: Publication, actor: str,
                    reason: str | None = None) -> Person:
    p = s.get(Person, person_id)
    if p is None:
        raise NotFound(f"no person with id {person_id}")
    before = {"publication": p.publication, "fields": p.public_fields,
              "count_only": p.count_only}
    p.publication, p.public_fields, p.count_only = (setting.value, setting.fields,
                                                    setting.count_only)
    audit.record(s, actor, "publication", f"person:{p.id}", before=before,
                 after={"publication": setting.value, "fields": setting.fields,
                        "count_only": setting.count_only}, reason=reason)
    return p
