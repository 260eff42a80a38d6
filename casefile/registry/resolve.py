"""Linking a mention to a Person: the same name key means the same person.

This is the first step of resolution (case-, accent- and order-insensitive keys). The names
layer decides what a key is; judgements (merge / not-same) are applied on top by
`casefile.registry.judgements`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.names.display import display_name
from casefile.names.keys import match_key
from casefile.names.script import detect_script
from casefile.registry.models import Person, PersonName


class Resolver:
    """Finds or creates persons for mentions within one transaction, memoising lookups."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[str, Person] = {}

    def person_for(self, mention: str, lang: str | None = None) -> Person:
        key = match_key(mention)
        if not key:
            raise ValueError(f"no usable name in {mention!r}")
        person = self._cache.get(key)
        if person is None:
            person = self.session.scalars(
                select(Person).join(PersonName).where(PersonName.key == key).limit(1)
            ).first()
        if person is None:
            person = Person(display_name=display_name(mention))
            self.session.add(person)
            self.session.flush()
        self._cache[key] = person
        self.add_name(person, mention, lang)
        return person

    def add_name(self, person: Person, name: str, lang: str | None) -> None:
        shown = display_name(name)
        if any(n.name == shown for n in person.names):
            return
        person.names.append(PersonName(name=shown, key=match_key(shown),
                                       script=detect_script(shown), lang=lang,
                                       kind="primary" if not person.names else "alias"))
