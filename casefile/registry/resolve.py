"""Linking mentions to Persons, the way an editor would want it done unattended.

A mention joins a person automatically only when it is safely the same name: its matching key
(casefile.names.keys: case, accents, script, transliteration and press variants folded) equals
one of the person's names, or the accurate comparison (casefile.names.compare) of it against a
person found through a blocking key says "same" with a high score. Anything less makes a new
person; if the comparison said "possible", the pair waits in the editors' queue
(`judgements.possible_duplicates`). Lookups are batched: one query per kind for all the
mentions of a source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casefile.names.compare import Context, Match, compare
from casefile.names.display import display_name, person_name
from casefile.names.keys import block_keys, match_key
from casefile.names.script import detect_script
from casefile.registry.clusters import clusters
from casefile.registry.models import NameBlock, Person, PersonName

CHUNK = 500  # keys per IN (...) query
AUTO_LINK = 0.9  # lowest "same" score that links a mention without an editor


def best_match(name: str, person: Person, context: Context | None = None) -> Match | None:
    """The strongest comparison of `name` with any of the person's names (None when neither
    holds a comparable name)."""
    return best_of(name, [n.name for n in person.names] or [person.display_name], context)


def best_of(name: str, forms: Iterable[str], context: Context | None = None) -> Match | None:
    """The strongest comparison of `name` with any of `forms` (None when none compares)."""
    matches = []
    for other in forms:
        try:
            matches.append(compare(name, other, context))
        except ValueError:
            continue
    return max(matches, key=lambda m: m.score, default=None)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


Mention = tuple[str, str | None]  # (name as written, birth date the source gives or None)


def resolve_all(s: Session, mentions: Iterable[Mention], lang: str | None,
                create: bool = True) -> dict[Mention, Person]:
    """Person for each (name, birth date) mention, created when no person is safely the same.
    With `create` False the registry is only read: a mention no person safely is gets no
    entry (what a recommendation or an editor's --person NAME names must already be there).

    A mention links to an existing person only when exactly one person (or one merged
    cluster) fits: same matching key, or "same" with a high score through a blocking key, and
    no birth date against it. Namesakes an editor has kept apart, or two candidates that fit
    equally, make a new record for the editors' queue instead of a guess. Every written form
    is recorded as a PersonName and indexed under its blocking keys."""
    wanted_mentions = [m for m in dict.fromkeys(mentions) if match_key(m[0])]
    cluster = clusters(s)
    exact: dict[str, list[Person]] = defaultdict(list)
    for keys in _chunks(sorted({match_key(f) for f, _ in wanted_mentions})):
        for key, known in s.execute(select(PersonName.key, Person)
                                    .join(Person, Person.id == PersonName.person_id)
                                    .where(PersonName.key.in_(keys)).order_by(Person.id)):
            if known not in exact[key]:
                exact[key].append(known)
    blocks: dict[str, set[Person]] = {}
    wanted = sorted({b for f, _ in wanted_mentions for b in block_keys(f)})
    for chunk in _chunks(wanted):
        rows = s.execute(select(NameBlock.block, Person)
                         .join(Person, Person.id == NameBlock.person_id)
                         .where(NameBlock.block.in_(chunk)).options(selectinload(Person.names)))
        for block, holder in rows:
            blocks.setdefault(block, set()).add(holder)

    def root(p: Person) -> int:
        return cluster.get(p.id, p.id) if p.id is not None else -id(p)

    def only_one(people: list[Person]) -> Person | None:
        """The one person (lowest id of the one cluster) these candidates amount to."""
        roots = {root(p) for p in people}
        return min(people, key=lambda p: p.id or 0) if len(roots) == 1 else None

    out: dict[Mention, Person] = {}
    new_blocks: list[tuple[Person, str]] = []
    for form, born in wanted_mentions:
        key = match_key(form)
        fits = [p for p in exact[key] if not _born_apart(born, p)]
        # The same stated birth date is stronger evidence than none at all.
        fits = [p for p in fits if born and p.birth_date == born] or fits
        person = only_one(fits) if fits else None
        if person is None and not fits:
            candidates = {p for b in block_keys(form) for p in blocks.get(b, ())
                          if not _born_apart(born, p)}
            scored = [(best_match(form, p, Context(birth_dates=(born, p.birth_date))), p)
                      for p in candidates]
            good = [p for m, p in scored
                    if m is not None and m.decision == "same" and m.score >= AUTO_LINK]
            person = only_one(good) if good else None
        if person is None and not create:
            continue
        if person is None:
            person = Person(display_name=person_name(form), birth_date=born)
            s.add(person)
        if not create:
            out[(form, born)] = person
            continue
        if born and person.birth_date is None:
            person.birth_date = born
        if person not in exact[key]:
            exact[key].append(person)
        if add_name(person, form, lang):
            for b in block_keys(form):
                blocks.setdefault(b, set()).add(person)
                new_blocks.append((person, b))
        out[(form, born)] = person
    s.flush()
    add_blocks(s, {(p.id, b) for p, b in new_blocks})
    return out


def add_name(person: Person, name: str, lang: str | None, kind: str | None = None) -> bool:
    """Record a written form of the person's name; False when it was already there."""
    shown = display_name(name)
    if not match_key(shown) or any(n.name == shown for n in person.names):
        return False
    person.names.append(PersonName(name=shown, key=match_key(shown), script=detect_script(shown),
                                   lang=lang,
                                   kind=kind or ("primary" if not person.names else "alias")))
    return True


def _born_apart(born: str | None, person: Person) -> bool:
    return bool(born and person.birth_date and born != person.birth_date)


def add_blocks(s: Session, pairs: set[tuple[int, str]]) -> None:
    """Index persons under blocking keys, skipping the (person, key) pairs already there."""
    if not pairs:
        return
    have = {tuple(r) for r in s.execute(select(NameBlock.person_id, NameBlock.block).where(
        NameBlock.person_id.in_({p for p, _ in pairs})))}
    s.add_all(NameBlock(person_id=p, block=b) for p, b in sorted(pairs - have))
