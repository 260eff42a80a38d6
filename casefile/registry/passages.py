"""A source's text as stored passages, so a search excerpt never reads the whole text.

Sources run to hundreds of kilobytes (375 kB at the 10k benchmark), and a search page shows
180 characters of each of ten or fifty of them. Cutting those from the whole texts at query
time (the database reads a whole value even to return a substring of it) was most of a cold
search's time. So at index time each text is cut into passages of about SIZE characters at
paragraph, sentence or word ends and stored with where they start (`search_passages`), with
their own full-text index (SQLite: a contentless FTS5 table keyed by the passage id; PostgreSQL:
a tsvector column with a GIN index, 'simple' configuration as for `search_docs`). An excerpt
is the first passage of the source that holds any of the query's words, cut around the word.

A passage is the source's text as captured, exactly as the source page shows it: what of it
the public may read is decided when it is shown (casefile.web.views.search redacts it as the
source page is), never here. Source texts are never edited after capture, so a source's
passages are written once, with its search entry (casefile.registry.search.index_source).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    bindparam,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from casefile.registry import db
from casefile.registry.prepared import Prepared

SIZE = 600  # characters a passage aims at
LONGEST = 2 * SIZE  # a passage is cut inside a word only past this (a text without spaces)

passages = Table("search_passages", MetaData(), Column("id", Integer, primary_key=True),
                 Column("source_id", Integer), Column("seq", Integer),
                 Column("start", Integer), Column("more", Boolean), Column("body", Text))

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…]\s"), re.compile(r"\s"))


@dataclass(frozen=True)
class Passage:
    """A piece of a source's text: where it starts, and whether the text goes on after it."""

    source_id: int
    seq: int
    start: int
    more: bool
    body: str
    after: str = ""  # the next passage's text, when it was read with this one


def split(text_: str) -> list[tuple[int, str]]:
    """(start, piece) of `text_` in order, together the whole text: each piece about SIZE
    characters, ended at the first paragraph break past SIZE/2 (else a line break, a
    sentence end, a space; inside a word only past LONGEST)."""
    out: list[tuple[int, str]] = []
    pos, n = 0, len(text_)
    while pos < n:
        end = n if n - pos <= LONGEST else _cut_at(text_, pos)
        out.append((pos, text_[pos:end]))
        pos = end
    return out


def _cut_at(text_: str, pos: int) -> int:
    """Where the piece starting at `pos` ends: the first break of the strongest kind found
    between SIZE/2 and LONGEST characters in (preferring one past SIZE)."""
    for brk in _BREAKS:
        found = [m.end() for m in brk.finditer(text_, pos + SIZE // 2, pos + LONGEST)]
        if found:
            past = [e for e in found if e >= pos + SIZE]
            return past[0] if past else found[-1]
    return pos + LONGEST


def index(s: Session, source_id: int, text_: str | None) -> int:
    """Store and index the passages of a source not yet cut (a second call does nothing)."""
    if not text_ or s.scalar(select(passages.c.id).where(passages.c.source_id == source_id)
                             .limit(1)) is not None:
        return 0
    pieces = split(text_.replace("\x00", " "))
    rows = [{"source_id": source_id, "seq": i, "start": start,
             "more": i + 1 < len(pieces), "body": body} for i, (start, body) in enumerate(pieces)]
    ids = s.execute(passages.insert().returning(passages.c.id, sort_by_parameter_order=True),
                    rows).scalars().all()
    bodies = [{"id": i, "body": r["body"]} for i, r in zip(ids, rows, strict=True)]
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("INSERT INTO search_passages_fts(rowid, body) VALUES (:id, :body)"),
                  bodies)
    else:
        s.execute(text("UPDATE search_passages SET tsv = to_tsvector('simple', body) "
                       "WHERE source_id = :sid"), {"sid": source_id})
    return len(rows)


def first_hits(s: Session, source_ids: Collection[int],
               exprs: Sequence[str] = ()) -> dict[int, Passage]:
    """For each source, its first passage that matches the first of `exprs` (full-text
    expressions in the dialect's syntax, as casefile.registry.search builds them) that any
    of its passages matches, or its first passage when none does (a source found by its
    title) or there are none; with the text of the passage after it. Sources without
    passages (an empty text) are left out. Two statements whatever the number of sources."""
    ids = sorted(set(source_ids))
    if not ids:
        return {}
    if s.get_bind().dialect.name == "sqlite":
        found = _first_ids_sqlite(s, ids, exprs)
    else:
        found = _first_ids_pg(s, ids, exprs)
    rows = _WITH_NEXT.rows(db.reader(s), {"ids": found})
    return {sid: Passage(sid, seq, start, more, body, after=after or "")
            for sid, seq, start, more, body, after in rows}


_nxt = passages.alias("nxt")
_WITH_NEXT = Prepared(
    select(passages.c.source_id, passages.c.seq, passages.c.start, passages.c.more,
           passages.c.body, _nxt.c.body)
    .outerjoin(_nxt, and_(_nxt.c.source_id == passages.c.source_id,
                          _nxt.c.seq == passages.c.seq + 1))
    .where(passages.c.id.in_(bindparam("ids", expanding=True))))


_FIRST_SQLITE = ("SELECT f.rowid FROM search_passages_fts f JOIN search_passages p "
                 "ON p.id = f.rowid WHERE search_passages_fts MATCH ? AND f.rowid BETWEEN ? "
                 "AND ? AND p.source_id = ? ORDER BY f.rowid LIMIT 1")


def _first_ids_sqlite(s: Session, ids: list[int], exprs: Sequence[str]) -> list[int]:
    """The id of each source's first passage matching (see first_hits). A source's passages'
    id range bounds the FTS5 scan (rowid BETWEEN is a seek in the index), so the first match
    in one source costs what it costs in a small text: about 50 µs for whole words, where a
    prefix (`court*`) costs a millisecond or two, merging every word it starts; hence
    whole words are tried first, and the prefix only where they find nothing. One short
    query per source and try on the driver's cursor: the same tries as correlated
    subqueries of one statement cost three times as much."""
    conn = s.connection().connection.driver_connection
    marks = ", ".join("?" * len(ids))
    ranges = conn.execute(  # type: ignore[union-attr]
        "SELECT source_id, min(id), max(id) FROM search_passages "  # noqa: S608 (marks only)
        f"WHERE source_id IN ({marks}) GROUP BY source_id", ids).fetchall()
    out = []
    for sid, lo, hi in ranges:
        found = lo
        for expr in exprs:
            row = conn.execute(_FIRST_SQLITE, (expr, lo, hi, sid)).fetchone()  # type: ignore[union-attr]
            if row is not None:
                found = row[0]
                break
        out.append(found)
    return out


EARLY = 16  # passages at a text's start tried one by one before the index (PostgreSQL)

_EARLY_PG = text(
    "SELECT s.sid, (SELECT p.id FROM search_passages p WHERE p.source_id = s.sid"
    " AND p.seq < :early AND p.tsv @@ to_tsquery('simple', :m) ORDER BY p.seq LIMIT 1)"
    " FROM unnest(CAST(:ids AS integer[])) AS s(sid)")


def _first_ids_pg(s: Session, ids: list[int], exprs: Sequence[str]) -> list[int]:
    """The id of each source's first passage matching (see first_hits); each expression
    asked only of the sources the ones before it found nothing in. The GIN index answers
    for every passage of every source at once, in time that grows with how often the word
    occurs in the whole registry (40 ms for a common first name among 580,000 passages, for
    ten sources), where a word that common is mostly found within a text's first passages:
    those (EARLY of each source, through the (source, seq) index) are tried first, and the
    index asked only for the sources not found there."""
    found: dict[int, int] = {}
    for expr in exprs:
        if left := set(ids) - set(found):
            found.update({sid: pid for sid, pid in s.execute(
                _EARLY_PG, {"ids": sorted(left), "m": expr, "early": EARLY}) if pid})
        if left := set(ids) - set(found):
            tsv = text("search_passages.tsv @@ to_tsquery('simple', :m)").bindparams(m=expr)
            found.update({sid: pid for sid, pid in s.execute(
                select(passages.c.source_id, passages.c.id)
                .ext(distinct_on(passages.c.source_id))
                .where(passages.c.source_id.in_(left), tsv)
                .order_by(passages.c.source_id, passages.c.seq))})
    if left := set(ids) - set(found):
        found.update({sid: pid for sid, pid in s.execute(
            select(passages.c.source_id, passages.c.id)
            .where(passages.c.source_id.in_(left), passages.c.seq == 0))})
    return list(found.values())


def around(s: Session, passage: Passage, at: int, reach: int) -> tuple[int, str]:
    """(start, text) of the source's text from `reach` characters before position `at` of
    `passage` to `reach` after, put together from the neighbouring passages (each holds at
    least SIZE/2 characters, so enough of them are read to cover `reach`)."""
    span = 2 * reach // SIZE + 2
    pieces = s.execute(select(passages.c.start, passages.c.body)
                       .where(passages.c.source_id == passage.source_id,
                              passages.c.seq.between(passage.seq - span, passage.seq + span))
                       .order_by(passages.c.seq)).all()
    first = pieces[0][0] if pieces else passage.start
    whole = "".join(body for _, body in pieces)
    hit = passage.start + at - first
    lo = max(0, hit - reach)
    return first + lo, whole[lo:hit + reach]
