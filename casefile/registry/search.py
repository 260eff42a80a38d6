"""Full-text search over person names, events and source text.

SQLite: a contentless FTS5 table (tokenize='unicode61 remove_diacritics 2', so case and accents
fold in Latin and Cyrillic alike); PostgreSQL: a tsvector with the 'simple' configuration (no
English stemming of names). Both sit beside `search_docs`, which records what each entry is,
so the public rule (casefile.registry.publication) is applied at query time in SQL and a review
decision changes what search shows without re-indexing. Names are indexed together with their
casefile.names match key, and queries are expanded with the key of what was typed, so spelling
variants the names layer joins (case, accents, word order, transliteration) meet.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    exists,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile import vocab
from casefile.names.keys import match_key
from casefile.registry.models import Claim, Event, Person, PersonName, Source
from casefile.registry.publication import named_person, public_claim

KINDS = ("person", "event", "source")
docs = Table("search_docs", MetaData(), Column("id", Integer, primary_key=True),
             Column("kind", String(8)), Column("ref", String(40)), Column("person_id", Integer),
             Column("source_id", Integer), Column("claim_id", String(40)))


@dataclass(frozen=True)
class Hit:
    kind: str
    ref: str
    person_id: int | None
    source_id: int | None
    claim_id: str | None
    rank: float


def _is_sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def index(s: Session, rows: Iterable[dict[str, object]]) -> int:
    """Add documents ({kind, ref, body, person_id, source_id, claim_id}) not yet indexed."""
    new: dict[tuple[str, str], dict[str, object]] = {}
    for r in rows:
        new.setdefault((str(r["kind"]), str(r["ref"])), r)
    keys = list(new)
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        for kind in {k for k, _ in chunk}:
            refs = [ref for k, ref in chunk if k == kind]
            for (ref,) in s.execute(select(docs.c.ref).where(docs.c.kind == kind,
                                                             docs.c.ref.in_(refs))):
                new.pop((kind, ref), None)
    if not new:
        return 0
    values = [{"kind": k, "ref": ref, "person_id": r.get("person_id"),
               "source_id": r.get("source_id"), "claim_id": r.get("claim_id")}
              for (k, ref), r in new.items()]
    ids = s.execute(insert(docs).returning(docs.c.id, sort_by_parameter_order=True),
                    values).scalars().all()
    bodies = [{"id": i, "body": str(r["body"]).replace("\x00", " ")}
              for i, r in zip(ids, new.values(), strict=True)]
    if _is_sqlite(s):
        s.execute(text("INSERT INTO search_fts(rowid, body) VALUES (:id, :body)"), bodies)
    else:
        s.execute(text("UPDATE search_docs SET tsv = to_tsvector('simple', :body) "
                       "WHERE id = :id"), bodies)
    return len(bodies)


def name_body(name: str) -> str:
    return f"{name} {match_key(name)}"


def index_source(s: Session, source_id: int) -> int:
    """Index a source's text, the events its claims carry and the names of its persons."""
    src = s.get(Source, source_id)
    if src is None:
        return 0
    labels = vocab.event_types()
    rows: list[dict[str, object]] = [{
        "kind": "source", "ref": str(src.id), "source_id": src.id,
        "body": " ".join(filter(None, [src.title, src.publisher, src.text]))}]
    for ev, claim in s.execute(select(Event, Claim).join(Claim, Event.claim_id == Claim.id)
                               .where(Claim.source_id == source_id)):
        label = labels.get(ev.type, {}).get("label", ev.type)
        rows.append({"kind": "event", "ref": str(ev.id), "person_id": claim.person_id,
                     "source_id": source_id, "claim_id": claim.id,
                     "body": " ".join(filter(None, [label, ev.place, claim.quote]))})
    persons = select(Claim.person_id).where(Claim.source_id == source_id).distinct()
    for n in s.scalars(select(PersonName).where(PersonName.person_id.in_(persons))):
        rows.append({"kind": "person", "ref": str(n.id), "person_id": n.person_id,
                     "body": name_body(n.name)})
    return index(s, rows)


def reindex_all(s: Session) -> int:
    """Index everything not yet indexed (a registry captured before the index existed)."""
    return sum(index_source(s, sid) for sid in s.scalars(select(Source.id).order_by(Source.id)))


def terms(q: str) -> tuple[list[str], list[str]]:
    """(words as typed, words of their match key), at most 8 of each."""
    words = [w for w in re.findall(r"\w+", q.replace("\x00", " "))[:8] if len(w) <= 40]
    keys = [w for w in re.findall(r"\w+", match_key(" ".join(words)))[:8] if len(w) <= 40]
    return words, keys


def _expr(words: list[str], keys: list[str], sqlite: bool) -> str:
    def conj(ws: list[str]) -> str:
        return " AND ".join(f'"{w}"*' for w in ws) if sqlite else " & ".join(
            f"{w}:*" for w in ws)
    alts = [conj(ws) for ws in (words, keys) if ws]
    return " OR ".join(f"({a})" for a in alts) if sqlite else " | ".join(f"({a})" for a in alts)


def search(s: Session, q: str, kind: str, limit: int = 20, offset: int = 0,
           public: bool = True, hidden: Collection[int] = ()) -> tuple[list[Hit], int]:
    """One page of hits of one kind, best first, and how many there are in all (capped).
    `hidden`: persons not to find, nor their events (a merged person's public record, when
    another record of theirs is protected: casefile.registry.redact)."""
    words, keys = terms(q)
    if not words or kind not in KINDS:
        return [], 0
    sqlite = _is_sqlite(s)
    expr = _expr(words, keys, sqlite)
    if sqlite:  # LIMIT -1 keeps SQLite from flattening the subquery (bm25 needs its own)
        fts = (text("SELECT rowid AS id, bm25(search_fts) AS rank FROM search_fts "
                    "WHERE search_fts MATCH :m LIMIT -1").bindparams(m=expr)
               .columns(id=Integer, rank=Float).subquery("fts"))
        q_ = select(docs, fts.c.rank).join(fts, fts.c.id == docs.c.id)
    else:
        tsv: ColumnElement[Any] = literal_column("search_docs.tsv")
        tsq = func.to_tsquery(literal_column("'simple'"), expr)
        q_ = select(docs, (-func.ts_rank(tsv, tsq)).label("rank")).where(tsv.op("@@")(tsq))
    q_ = q_.where(docs.c.kind == kind)
    if public:
        q_ = _public(q_, kind)
        if hidden and kind != "source":
            q_ = q_.where(docs.c.person_id.not_in(list(hidden)))
    sub = q_.subquery()
    if kind == "person":
        page = (select(literal_column("'person'"), func.min(sub.c.ref), sub.c.person_id,
                       literal_column("NULL"), literal_column("NULL"),
                       func.min(sub.c.rank).label("best"))
                .group_by(sub.c.person_id))
    else:
        page = select(sub.c.kind, sub.c.ref, sub.c.person_id, sub.c.source_id, sub.c.claim_id,
                      sub.c.rank.label("best"))
    # One query for the page and the (capped) count: the ranked hits up to the cap, sliced
    # here, instead of running the match twice.
    ranked = s.execute(page.order_by(literal_column("best"), literal_column("2"))
                       .limit(max(1001, offset + limit))).all()
    total = min(len(ranked), 1001)
    page_rows = ranked[offset:offset + limit]
    return [Hit(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in page_rows], total


HEAD = 20_000  # characters of a source read for its excerpt before asking the database


def excerpts(s: Session, source_ids: list[int], words: list[str],
             width: int = 90) -> dict[int, str]:
    """Each source's text around the first place any of `words` occurs (its start when none
    does), cut as `excerpt` cuts a short text. Sources run to megabytes, and
    reading each whole into Python to show 180 characters of it was most of a search's time:
    the first HEAD characters are read, and only for a source whose hit lies further on does
    the database find it (any case for ASCII words, as typed or capitalised for others:
    SQLite's lower() folds only ASCII)."""
    words = [w for w in words if w][:8]
    out: dict[int, str] = {}
    late: list[int] = []
    for sid, size, head in s.execute(select(Source.id, func.length(Source.text),
                                            func.substr(Source.text, 1, HEAD))
                                     .where(Source.id.in_(source_ids))):
        first = _first(head, words)
        if size > HEAD and (first is None or first + width > HEAD):  # the cut needs more
            late.append(sid)
        else:
            out[sid] = _cut(head, size, first, width)
    if late and words:
        find = func.instr if _is_sqlite(s) else func.strpos
        where = [find(func.lower(Source.text), w.lower()) for w in words if w.isascii()]
        where += [find(Source.text, f) for w in words if not w.isascii()
                  for f in dict.fromkeys((w, w.capitalize()))]
        for sid, size, *found in s.execute(select(Source.id, func.length(Source.text), *where)
                                           .where(Source.id.in_(late))):
            at = min((p for p in found if p), default=0) - 1  # 0-based; -1: not found
            start = max(0, at - width)
            piece = s.scalar(select(func.substr(Source.text, start + 1, 2 * width + 1))
                             .where(Source.id == sid)) or ""
            out[sid] = _cut(piece, size, at - start if at >= 0 else None, width, start)
    return out


def excerpt(text: str, words: list[str], width: int = 90) -> str:
    """Some of a short text (a quote) around the first place any of `words` occurs."""
    words = [w for w in words if w]
    return _cut(text, len(text), _first(text, words), width)


def _first(text: str, words: list[str]) -> int | None:
    """Where the leftmost of `words` starts in `text`, in any case (a regex stops there, where
    casefolding the text would copy all of it)."""
    found = re.search("|".join(map(re.escape, words)), text, re.IGNORECASE) if words else None
    return found.start() if found else None


def _cut(text: str, size: int, at: int | None, width: int, offset: int = 0) -> str:
    """`width` characters either side of `at` in `text`, which starts `offset` characters into
    a text of `size`; its beginning when `at` is None."""
    if at is None:
        return text[: 2 * width].strip() + ("…" if size > 2 * width else "")
    start, end = max(0, at - width), at + width
    return (("…" if offset + start else "") + " ".join(text[start:end].split())
            + ("…" if offset + end < size else ""))


def _public(q_, kind: str):
    """Only what casefile.registry.publication lets out; named persons only (a search by name must
    not find an anonymised person)."""
    if kind == "person":
        return q_.join(Person, Person.id == docs.c.person_id).where(
            named_person(),
            exists().where(Claim.person_id == Person.id, public_claim()))
    if kind == "event":
        return q_.join(Claim, Claim.id == docs.c.claim_id).join(
            Person, Person.id == Claim.person_id).where(public_claim(),
                                                        named_person())
    return q_.where(exists().where(Claim.source_id == docs.c.source_id, public_claim(),
                                   Claim.person_id == Person.id,
                                   named_person()))
