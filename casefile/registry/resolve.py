"""Linking mentions to Persons: mentions whose names share a matching key are one person.

The names layer decides what a key is (case, accents, script, transliteration and press
variants folded). Judgements recorded by editors (merge / not-same) act on top of this in
`casefile.registry.judgements`. Lookups are batched: one query for all the mentions of a
source, so ingest cost does not grow with round trips.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.names.display import display_name
from casefile.names.keys import match_key
from casefile.names.script import detect_script
from casefile.registry.models import Person, PersonName

CHUNK = 500  # keys per IN (...) query


def resolve_all(s: Session, mentions: Iterable[str], lang: str | None) -> dict[str, Person]:
    """Person for each mention (created when no person has its key), with every written
    form recorded as a PersonName."""
    by_key: dict[str, list[str]] = {}
    for m in dict.fromkeys(mentions):
        key = match_key(m)
        if key:
            by_key.setdefault(key, []).append(m)
    found: dict[str, Person] = {}
    keys = list(by_key)
    for i in range(0, len(keys), CHUNK):
        rows = s.execute(select(PersonName.key, Person)
                         .join(Person, Person.id == PersonName.person_id)
                         .where(PersonName.key.in_(keys[i:i + CHUNK]))
                         .order_by(Person.id))
        for key, person in rows:
            found.setdefault(key, person)
    out: dict[str, Person] = {}
    for key, forms in by_key.items():
        person = found.get(key)
        if person is None:
            person = Person(display_name=display_name(forms[0]))
            s.add(person)
        for form in forms:
            add_name(person, form, lang)
            out[form] = person
    s.flush()
    return out


def add_name(person: Person, name: str, lang: str | None) -> None:
    shown = display_name(name)
    if any(n.name == shown for n in person.names):
        return
    person.names.append(PersonName(name=shown, key=match_key(shown), script=detect_script(shown),
                                   lang=lang, kind="primary" if not person.names else "alias"))
