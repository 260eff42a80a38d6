"""Editors follow persons: the digest (casefile.reports.digest) names what arrived about them.

A follow is an editor's own reading list, not a fact about anyone: it is not written to the
audit log, so following or unfollowing never changes the registry's version and never empties
the public pages' cache. A follow names one person record; a merged person is followed when
any of its records is (the cluster is read when the digest is made, so a later merge or split
takes effect at once), and an editor follows a person once however many records they follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casefile.errors import CasefileError, NotFound
from casefile.registry.clusters import clusters
from casefile.registry.judgements import members
from casefile.registry.models import Follow, Person


@dataclass(frozen=True)
class Followed:
    """A person an editor follows, as `casefile follows` lists them (editors only)."""

    editor: str
    person_id: int  # the id the merged person is shown under
    name: str
    publication: str
    since: datetime


def _editor(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise CasefileError("an editor's name is 1 to 100 characters")
    return name


def follow(s: Session, editor: str, person_id: int) -> bool:
    """`editor` follows the person; False when they already did (through any record of the
    merged person)."""
    editor = _editor(editor)
    if s.get(Person, person_id) is None:
        raise NotFound(f"no person with id {person_id}")
    if is_following(s, editor, person_id):
        return False
    s.add(Follow(editor=editor, person_id=person_id))
    s.flush()
    return True


def unfollow(s: Session, editor: str, person_id: int) -> bool:
    """`editor` no longer follows the person (any of its records); False when they did not."""
    editor = _editor(editor)
    if s.get(Person, person_id) is None:
        raise NotFound(f"no person with id {person_id}")
    gone = s.execute(delete(Follow).where(Follow.editor == editor,
                                          Follow.person_id.in_(members(s, person_id))))
    return bool(getattr(gone, "rowcount", 0))


def is_following(s: Session, editor: str, person_id: int) -> bool:
    return s.scalar(select(Follow.id).where(
        Follow.editor == editor, Follow.person_id.in_(members(s, person_id))).limit(1)) \
        is not None


def followed_roots(s: Session, editor: str | None = None) -> dict[int, set[str]]:
    """The persons followed (by `editor`, or by anyone), each as the id its merged person is
    shown under, with who follows them."""
    root = clusters(s)
    q = select(Follow.person_id, Follow.editor)
    if editor is not None:
        q = q.where(Follow.editor == editor)
    out: dict[int, set[str]] = {}
    for pid, who in s.execute(q):
        out.setdefault(root.get(pid, pid), set()).add(who)
    return out


def listed(s: Session, editor: str | None = None) -> list[Followed]:
    """Who follows whom, by editor then name; a merged person once per editor."""
    root = clusters(s)
    q = (select(Follow.editor, Follow.person_id, Follow.created_at)
         .order_by(Follow.editor, Follow.created_at))
    if editor is not None:
        q = q.where(Follow.editor == editor)
    first: dict[tuple[str, int], datetime] = {}
    for who, pid, since in s.execute(q):
        first.setdefault((who, root.get(pid, pid)), since)
    persons = {p.id: p for p in s.scalars(
        select(Person).where(Person.id.in_({pid for _, pid in first})))}
    return sorted((Followed(who, pid, persons[pid].display_name, persons[pid].publication,
                            since) for (who, pid), since in first.items()),
                  key=lambda f: (f.editor, f.name.casefold(), f.person_id))
