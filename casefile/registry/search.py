"""Full-text search over person names, events and source text.

SQLite: a contentless FTS5 table per kind (tokenize='unicode61 remove_diacritics 2', so case
and accents fold in Latin and Cyrillic alike); PostgreSQL: a tsvector with the 'simple'
configuration (no English stemming of names). Both sit beside `search_docs`, which records
what each entry is, so the public rule (casefile.registry.publication) is applied at query
time in SQL and a review decision changes what search shows without re-indexing. Names are
indexed together with their casefile.names match key, and queries are expanded with the key
of what was typed, so spelling variants the names layer joins (case, accents, word order,
transliteration) meet. Source excerpts are cut from stored passages
(casefile.registry.passages), never from whole texts.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    literal_column,
    select,
    text,
    true,
)
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from casefile import vocab
from casefile.names.keys import match_key
from casefile.registry import db, passages
from casefile.registry.models import Claim, Event, Person, PersonName, Source
from casefile.registry.prepared import Prepared
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
    bodies = [{"id": i, "kind": r["kind"], "body": str(r["body"]).replace("\x00", " ")}
              for i, r in zip(ids, new.values(), strict=True)]
    if _is_sqlite(s):
        for kind in KINDS:
            if of_kind := [b for b in bodies if b["kind"] == kind]:
                s.execute(text(f"INSERT INTO {_fts(kind)}(rowid, body) "  # noqa: S608
                               "VALUES (:id, :body)"),
                          of_kind)
    else:
        s.execute(text("UPDATE search_docs SET tsv = to_tsvector('simple', :body) "
                       "WHERE id = :id"), bodies)
    return len(bodies)


def name_body(name: str) -> str:
    return f"{name} {match_key(name)}"


def event_body(label: str | None, place: str | None, quote: str | None) -> str:
    return " ".join(filter(None, [label, place, quote]))


SOURCE_BODY = ("title", "publisher", "text")  # a source's fields its entry is made of


def source_body(title: str | None, publisher: str | None, text_: str | None) -> str:
    return " ".join(filter(None, [title, publisher, text_]))


def index_source(s: Session, source_id: int) -> int:
    """Index a source's text, the events its claims carry and the names of its persons."""
    src = s.get(Source, source_id)
    if src is None:
        return 0
    passages.index(s, src.id, src.text)  # for excerpts; a source's are written once
    return index(s, _entries(s, src))


RETIRED = "retired"  # the kind of an entry made again (`retitle`): no search asks for it


def retitle(s: Session, source_id: int) -> None:
    """Make a source's own entry again after its title or publisher was edited
    (SOURCE_BODY), so a search finds it by the words it has now and not by those it had.
    The entry gets a new id: a contentless FTS5 table before SQLite 3.43 can forget a row
    only when told the exact words it was made from, and those are gone. The old entry is
    kept under RETIRED (no search asks for that kind), so its id is never handed out again
    to an entry its leftover words would then find."""
    old = s.execute(select(docs.c.id).where(docs.c.kind == "source",
                                            docs.c.ref == str(source_id))).scalar_one_or_none()
    if old is not None:
        s.execute(docs.update().where(docs.c.id == old).values(
            kind=RETIRED, ref=f"{source_id}:{old}"))
        if not _is_sqlite(s):
            s.execute(text("UPDATE search_docs SET tsv = NULL WHERE id = :id"), {"id": old})
    src = s.get(Source, source_id)
    if src is not None:
        index(s, [_own_entry(src)])


def _own_entry(src: Source) -> dict[str, object]:
    """A source's own index entry: its title, publisher and text (SOURCE_BODY)."""
    return {"kind": "source", "ref": str(src.id), "source_id": src.id,
            "body": source_body(src.title, src.publisher, src.text)}


def _entries(s: Session, src: Source) -> list[dict[str, object]]:
    """The index entries of a source as `index` takes them: its own (first), the events its
    claims carry and the names of its persons. Their bodies are what the index holds: the
    source's text and a claim's quote and event never change after capture (a correction is
    a new claim), names are added, never edited, and an edited title makes the source's
    entry again (`retitle`), so these are also what `touching` matches. Not so after event
    types' labels change in data/ (the index must then be made again, as when the name keys
    change)."""
    labels = vocab.event_types()
    rows = [_own_entry(src)]
    for ev, claim in s.execute(select(Event, Claim).join(Claim, Event.claim_id == Claim.id)
                               .where(Claim.source_id == src.id)):
        label = labels.get(ev.type, {}).get("label", ev.type)
        rows.append({"kind": "event", "ref": str(ev.id), "person_id": claim.person_id,
                     "source_id": src.id, "claim_id": claim.id,
                     "body": event_body(label, ev.place, claim.quote)})
    persons = select(Claim.person_id).where(Claim.source_id == src.id).distinct()
    rows += _names(s, PersonName.person_id.in_(persons))
    return rows


def _names(s: Session, which: ColumnElement[bool]) -> list[dict[str, object]]:
    return [{"kind": "person", "ref": str(n.id), "person_id": n.person_id,
             "body": name_body(n.name)} for n in s.scalars(select(PersonName).where(which))]


def reindex_all(s: Session) -> int:
    """Index everything not yet indexed (a registry captured before the index existed), and
    cut the passages of sources that have none. Returns the search entries added."""
    return sum(index_source(s, sid) for sid in s.scalars(select(Source.id).order_by(Source.id)))


def terms(q: str) -> tuple[list[str], list[str]]:
    """(words as typed, words of their match key), at most 8 of each."""
    words = [w for w in re.findall(r"\w+", q.replace("\x00", " "))[:8] if len(w) <= 40]
    keys = [w for w in re.findall(r"\w+", match_key(" ".join(words)))[:8] if len(w) <= 40]
    return words, keys


def _fts(kind: str) -> str:
    """The FTS5 table of one kind's entries (SQLite). One table per kind (migration 0017), so
    a search ranks the matches of its kind alone, instead of ranking those of every kind and
    dropping the others (up to a tenth of a second for a common word). PostgreSQL has a
    partial GIN index per kind on search_docs (migration 0022) for the same reason."""
    if kind not in KINDS:
        raise ValueError(f"no search index of kind {kind!r}")
    return f"search_fts_{kind}"


def _query(q: str, sqlite: bool) -> str | None:
    """The full-text query a search for `q` asks (`_expr` of its words); None: no words."""
    words, keys = terms(q)
    return _expr(words, keys, sqlite) if words else None


def _expr(words: list[str], keys: list[str], sqlite: bool) -> str:
    """The full-text query: every word as typed, or every word of its key, as prefixes.
    Lower-cased, as both indexes fold case, so a key that is the word itself ("Musin",
    "musin") is asked for once: the index merges each alternative's matches."""
    def conj(ws: list[str]) -> str:
        return " AND ".join(f'"{w.lower()}"*' for w in ws) if sqlite else " & ".join(
            f"{w.lower()}:*" for w in ws)
    alts = list(dict.fromkeys(conj(ws) for ws in (words, keys) if ws))
    return " OR ".join(f"({a})" for a in alts) if sqlite else " | ".join(f"({a})" for a in alts)


def search(s: Session, q: str, kind: str, limit: int = 20, offset: int = 0,
           public: bool = True, hidden: Collection[int] = ()) -> tuple[list[Hit], int]:
    """One page of hits of one kind, best first, and how many there are in all, counted
    up to `counted(offset + limit)` (a total that high means "more than total - 1").
    `hidden`: persons not to find, nor their events (a merged person's public record, when
    another record of theirs is protected: casefile.registry.redact).

    The database stops at the page: hits come in rank order with the public rule checked on
    each, and the count goes no further than CAP (or one past the page). Joining and
    sorting every match to slice a page in Python cost up to a tenth of a second for a
    common word, and checking the rule on a thousand matches to count them exactly most of
    a page's time."""
    sqlite = _is_sqlite(s)
    expr = _query(q, sqlite)
    if expr is None or kind not in KINDS:
        return [], 0
    want = offset + limit
    if sqlite:
        ranked, total = _ranked_sqlite(s, expr, kind, want, public, hidden)
    else:
        ranked, total = _ranked_pg(s, expr, kind, want, public, hidden)
    page = ranked[offset:want]
    if not page:
        return [], total
    found = {id_: (ref, person_id, source_id, claim_id) for id_, ref, person_id, source_id,
             claim_id in _PAGE.rows(db.reader(s), {"ids": [i for i, _ in page]})}
    return [Hit(kind, *found[i], rank) for i, rank in page], total


TOUCHED_MOST = 2_000_000  # characters of entries matched one by one; more reach every search


def touching(s: Session, persons: Collection[int], sources: Collection[int],
             asked: Collection[tuple[str, str]]) -> set[tuple[str, str]] | None:
    """Of the searches `asked` ((kind, words)), those whose query matches an index entry of
    `persons` (their names) or of `sources` (their text, events and names); None when that
    cannot be told cheaply (more than TOUCHED_MOST characters of entries).

    The index is only ever added to (a capture or a correction adds the entries of its
    source), and which entries the public rule lets out depends on their claims' states and
    their persons' publication. So a change that names some sources and persons (their
    claims, their records) can alter only the searches matching one of their entries
    (casefile.web.reach); rather than ranking every match again, only the touched entries
    are matched here. SQLite: the entries, rebuilt as they
    were indexed (`_entries`), in a private in-memory FTS5 table with the registry's own
    tokenizer; PostgreSQL: each kind's touched entries' lexemes as one vector, which any
    entry matching a query also matches (a query whose words are in different entries is
    counted as matching: a page dropped, never one kept wrongly)."""
    if not asked or not (persons or sources):
        return set()
    sqlite = _is_sqlite(s)
    exprs: dict[str, list[tuple[str, str]]] = {}  # each query made and matched once
    for kind, words in asked:
        expr = _query(words, sqlite)
        if expr is not None and kind in KINDS:
            exprs.setdefault(expr, []).append((kind, words))
    if not sqlite:
        return _touching_pg(s, persons, sources, exprs)
    rows = _names(s, PersonName.person_id.in_(persons)) if persons else []
    size = sum(len(str(r["body"])) for r in rows)
    for src in s.scalars(select(Source).where(Source.id.in_(sources))) if sources else ():
        entries = _entries(s, src)
        size += sum(len(str(r["body"])) for r in entries)
        if size > TOUCHED_MOST:
            return None
        rows += entries
    with closing(sqlite3.connect(":memory:")) as mem:
        mem.execute(f"CREATE VIRTUAL TABLE entries USING fts5(kind UNINDEXED, body, "
                    f"tokenize={_tokenizer(s)})")
        mem.executemany("INSERT INTO entries(kind, body) VALUES (?, ?)",
                        [(r["kind"], str(r["body"]).replace("\x00", " ")) for r in rows])
        out: set[tuple[str, str]] = set()
        for expr, asks in exprs.items():
            kinds = {k for (k,) in mem.execute(
                "SELECT DISTINCT kind FROM entries WHERE entries MATCH ?", (expr,))}
            out.update(a for a in asks if a[0] in kinds)
    return out


def _tokenizer(s: Session) -> str:
    """The tokenize option of the registry's search index, as its migration wrote it: the
    in-memory copy must split and fold text exactly as the index does."""
    sql = s.connection().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'search_fts_person'").scalar_one()
    found = re.search(r"tokenize\s*=\s*('[^']*'|\"[^\"]*\")", sql)
    if found is None:
        raise RuntimeError("the search index names no tokenizer")  # every migration did
    return found[1]


_VOCABULARY = text(
    "SELECT e FROM unnest(CAST(:exprs AS text[])) AS e WHERE ("
    " SELECT array_to_tsvector(coalesce(array_agg(DISTINCT lexeme), '{}'))"
    " FROM search_docs, unnest(tsvector_to_array(tsv)) AS lexeme"
    " WHERE kind = :kind AND tsv IS NOT NULL AND (source_id = ANY(CAST(:sources AS integer[]))"
    " OR kind = 'person' AND ref = ANY(ARRAY(SELECT CAST(id AS varchar) FROM person_names"
    "  WHERE person_id = ANY(CAST(:persons AS integer[]) || ARRAY("
    "   SELECT person_id FROM claims WHERE source_id = ANY(CAST(:sources AS integer[])))))))"
    ") @@ to_tsquery('simple', e)")  # the entries `_entries` and `_names` make on SQLite
# Each side of the OR is an index's, so the planner reads the two and joins their bitmaps: the
# sources' entries by source (migration 0023), the persons' names' by (kind, ref), their refs
# and persons read once as arrays (inside an OR, `IN (SELECT ...)` is checked row by row: every
# entry of the kind, or every name, read). Not by an index of the entries' persons: the
# searches' own statements then planned through it, reading matches in another order (see
# `_ranked_pg`).


def _touching_pg(s: Session, persons: Collection[int], sources: Collection[int],
                 exprs: dict[str, list[tuple[str, str]]]) -> set[tuple[str, str]]:
    """`touching` on PostgreSQL, for the searches asked by query (`exprs`)."""
    out: set[tuple[str, str]] = set()
    for kind in KINDS:
        mine = [e for e, asks in exprs.items() if any(k == kind for k, _ in asks)]
        if mine:
            for (expr,) in s.execute(_VOCABULARY, {
                    "exprs": mine, "kind": kind, "persons": list(persons),
                    "sources": list(sources)}):
                out.update(a for a in exprs[expr] if a[0] == kind)
    return out


CAP = 101  # hits counted at most: the page says "more than 100" past it


def counted(want: int) -> int:
    """Where counting stops for a page ending at hit `want`: CAP, or one past a later page
    (so a "more" link knows there is more). A total this high means "more than total - 1"."""
    return max(CAP, want + 1)


_PAGE = Prepared(select(docs.c.id, docs.c.ref, docs.c.person_id, docs.c.source_id,
                        docs.c.claim_id).where(docs.c.id.in_(bindparam("ids", expanding=True))))


def _allowed(kind: str, public: bool, hidden: Collection[int], doc: Any = docs,
             first_only: bool = False) -> ColumnElement[bool]:
    """The condition that `doc` (search_docs or an alias of it), an entry of `kind`, is one
    the public rule lets out (`_rule`; any entry when not `public`) and not of a `hidden`
    person."""
    if not public:
        return true()
    ok = _rule(kind, doc, first_only)
    if hidden and kind != "source":
        ok = and_(ok, doc.c.person_id.not_in(list(hidden)))
    return ok


@lru_cache(maxsize=64)
def _sqlite_statement(kind: str, public: bool, hidden: tuple[int, ...]) -> str:
    """The SQL of `_ranked_sqlite`, compiled once per kind and hidden set; the match is its
    one parameter (`?`). Everything else in it is a constant of this module or a person id."""
    table = _fts(kind)
    fts = (text(f"SELECT rowid AS id, rank FROM {table} WHERE {table} MATCH ? "  # noqa: S608
                "ORDER BY rank LIMIT -1").columns(id=Integer, rank=Float).subquery("fts"))
    person: Any = select(docs.c.person_id).where(docs.c.id == fts.c.id).scalar_subquery() \
        if kind == "person" else literal_column("NULL")  # one hit per person
    ok = select(docs.c.id).where(docs.c.id == fts.c.id, docs.c.kind == kind,
                                 _allowed(kind, public, hidden)).exists()
    return str(select(fts.c.id, fts.c.rank, person).where(ok).compile(
        dialect=sqlite_dialect(), compile_kwargs={"literal_binds": True}))


def _ranked_sqlite(s: Session, expr: str, kind: str, want: int, public: bool,
                   hidden: Collection[int]) -> tuple[list[tuple[int, float]], int]:
    """The first `want` allowed documents in rank order (one per person for persons), and
    how many there are up to `counted(want)`. FTS5 ranks the matches (ORDER BY rank, in the
    subquery that LIMIT -1 keeps SQLite from flattening), and the public rule is a
    correlated EXISTS on each in turn: with one FROM item there is no join order to choose,
    the rows come in rank order, and reading stops there instead of joining and sorting
    every match. The count is read off the same cursor: a second, unranked query cost as
    much again. The driver's cursor reads the rows: up to a hundred a search, each costing
    more through the engine's result than in SQLite."""
    sql = _sqlite_statement(kind, public, tuple(sorted(hidden)))
    stop = counted(want)
    out: list[tuple[int, float]] = []
    seen: set[int] = set()
    total = 0
    cursor = s.connection().connection.driver_connection.execute(  # type: ignore[union-attr]
        sql, (expr,))
    try:
        for doc_id, rank, person_id in cursor:
            if kind == "person":
                if person_id in seen:
                    continue
                seen.add(person_id)
            total += 1
            if len(out) < want:
                out.append((doc_id, float(rank)))
            if total >= stop:
                break
    finally:
        cursor.close()
    return sorted(out, key=lambda r: r[1]), total  # in order already: the sort makes sure


NAMES = 4  # names read per person counted on PostgreSQL, when the first reading is not enough


def _ranked_pg(s: Session, expr: str, kind: str, want: int, public: bool,
               hidden: Collection[int]) -> tuple[list[tuple[int, float]], int]:
    """The first `want` allowed documents by ts_rank (the best per person for persons)
    among the first allowed matches, and how many there are up to `counted(want)`. The GIN
    index finds the matches and the public rule, a correlated EXISTS, keeps the allowed
    ones; only as many as the count needs are read, unranked, and only those are ranked:
    ts_rank reads each document's whole vector (those of 300 kB texts at 100,000 persons),
    and ranking and counting every match of a common word took seconds there. Below the cap
    this is the search of every match; past it the page is the best of the first allowed
    matches the index gave, and the count says "more than". A person's names are entries
    of their own, so when the names read are of fewer persons than the count needs, NAMES
    times as many are read, then every one: a word is mostly in one name of each person,
    and reading four names a person to begin with cost three in four EXISTS for nothing.
    The database ranks, keeps each person's best and counts (`_pg_statement`): only the
    page's rows come back, where reading the six hundred matches of a page's three kinds
    into Python cost a fifth of a search's CPU."""
    stop = counted(want)
    bounds: list[int | None] = [stop, stop * NAMES, None] if kind == "person" else [stop, None]
    for bound in bounds:
        statement = _pg_statement(kind, public, tuple(sorted(hidden)), bound is not None)
        rows = s.connection().execute(statement, {"expr": expr, "bound": bound,
                                                  "want": want}).all()
        shown, read = (rows[0][2], rows[0][3]) if rows else (0, 0)
        if bound is None or read < bound or shown >= stop:
            break
    return [(r[0], float(r[1])) for r in rows], min(shown, stop)


@lru_cache(maxsize=64)
def _pg_statement(kind: str, public: bool, hidden: tuple[int, ...], limited: bool) -> Any:
    """`_ranked_pg`'s statement, built once per kind, hidden set and limit: the page's rows
    (id, rank) in rank order, each with how many documents (persons, for persons) there are
    and how many matches were read. Each kind has a GIN index of its own (migration 0022),
    which the planner uses only when the statement names the kind as a constant, not a
    parameter (a prepared statement's generic plan cannot tell which partial index applies).
    Ties are broken by `ref` compared by code point, as Python compares text."""
    hit = docs.alias("hit")
    tsv: ColumnElement[Any] = literal_column("hit.tsv")
    tsq = func.to_tsquery(literal_column("'simple'"), bindparam("expr", type_=String))
    ok = _allowed(kind, public, hidden, hit, first_only=True)
    matches = select(hit.c.id, hit.c.ref, hit.c.person_id, tsv.label("tsv")).where(
        hit.c.kind == literal_column(f"'{kind}'"), tsv.op("@@")(tsq), ok)
    if limited:
        matches = matches.limit(bindparam("bound", type_=Integer))
    found = matches.cte("found")
    rank = (-func.ts_rank(found.c.tsv, tsq)).label("rank")
    ranked = select(found.c.id, found.c.ref.collate("C").label("ref"), found.c.person_id, rank)
    if kind == "person":  # the best name of each person
        ranked = ranked.distinct(found.c.person_id).order_by(
            found.c.person_id, rank, found.c.ref.collate("C"))
    best = ranked.subquery("best")
    read = select(func.count()).select_from(found).scalar_subquery()
    return (select(best.c.id, best.c.rank, func.count().over(), read)
            .order_by(best.c.rank, best.c.ref).limit(bindparam("want", type_=Integer)))


def excerpts(s: Session, source_ids: list[int], words: list[str],
             width: int = 90) -> dict[int, str]:
    """Each source's text around the first place any of `words` occurs (its start when none
    does), cut as `excerpt` cuts a short text. Sources run to hundreds of kilobytes, and
    cutting 180 characters from each whole text was most of a search's time: the text
    comes from the source's stored passages (casefile.registry.passages), the first one
    that matches any of the words (or their name keys) in the full-text index."""
    words = [w for w in words if w][:8]
    hits = passages.first_hits(s, source_ids, _any_expr(s, words))
    out: dict[int, str] = {sid: "" for sid in source_ids}
    for sid, p in hits.items():
        body, at = p.body, _first(p.body, words)
        if at is not None and at + width > len(body) and p.after:
            body += p.after  # the hit is near the passage's end: the excerpt goes on
        size = p.start + len(body) + (1 if p.more else 0)
        out[sid] = _cut(body, size, at, width, p.start)
    return out


def window(s: Session, source_ids: list[int], words: list[str],
           reach: int) -> dict[int, tuple[int, str]]:
    """Each source's text `reach` characters either side of the first place any of `words`
    occurs (of its start when none does), with where it starts: what a redacted excerpt is
    cut from (casefile.web.views.search), read from the stored passages."""
    out = {}
    for sid, p in passages.first_hits(s, source_ids, _any_expr(s, words)).items():
        out[sid] = passages.around(s, p, _first(p.body, words) or 0, reach)
    return out


def _any_expr(s: Session, words: list[str]) -> list[str]:
    """Full-text expressions matching any of `words` or of their name keys: as whole words,
    then as prefixes, as the search does (casefile.registry.passages.first_hits tries them in
    turn). A prefix costs far more than a whole word in both indexes, which must merge the
    matches of every word it starts: 40 ms for a name's prefix against 2 for the name among
    the 580,000 passages of a 100,000-person registry on PostgreSQL."""
    found, keys = terms(" ".join(w for w in words if w))
    alts = list(dict.fromkeys(w.lower() for w in found + keys))  # asked once (see _expr)
    if not alts:
        return []
    if not _is_sqlite(s):
        return [" | ".join(alts), " | ".join(f"{w}:*" for w in alts)]
    return [" OR ".join(f'"{w}"' for w in alts), " OR ".join(f'"{w}"*' for w in alts)]


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


def _rule(kind: str, doc: Any, first_only: bool = False) -> ColumnElement[bool]:
    """That `doc`, an entry of `kind`, is one casefile.registry.publication lets out: of a
    named person (a search by name must not find an anonymised person) with a public claim,
    an event of a public claim about one, a source with a public claim about one. Written
    on the entry's own columns, so a statement that reads the entries checks each without
    finding it again by id. `first_only` (PostgreSQL): the inner EXISTS gets an OFFSET 0,
    which keeps the planner from turning it into a join; it then stops at the first public
    claim through the indexes, where as a join it hashed all of a source's claims against
    the persons for each hit (4 ms a source at 10,000 persons, 0.4 s a search)."""
    def claim_of(*where: Any) -> ColumnElement[bool]:
        inner = select(Claim.id).where(*where)
        return (inner.offset(0) if first_only else inner).exists()

    if kind == "person":
        return select(Person.id).where(
            Person.id == doc.c.person_id, named_person(),
            claim_of(Claim.person_id == Person.id, public_claim())).exists()
    if kind == "event":
        return select(Claim.id).join(Person, Person.id == Claim.person_id).where(
            Claim.id == doc.c.claim_id, public_claim(), named_person()).exists()
    return claim_of(Claim.source_id == doc.c.source_id, public_claim(),
                    Claim.person_id == Person.id, named_person())
