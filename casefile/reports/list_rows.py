"""The list of political prisoners as of today, kept in the registry and read a page at a time.

Building the list reads every case of a country (seconds at 10,000 persons), and any change to
the registry used to throw the result away: with an editor capturing every few seconds the list
was rebuilt again and again and hardly ever served. So the list as of today is kept in the
registry (`list_rows`, `list_facets`, `list_state`), and a change brings up to date only the
rows of the persons it touches:

- Every change writes the audit log (casefile.registry.audit). Before a transaction that wrote
  it commits, `_maintain` works out the persons its entries touch (`touched`), widens them to
  their whole merged clusters, and recomputes their rows with
  casefile.reports.prisoners.held_rows, the function that builds the list itself: one rule,
  and rows committed together with the claims they come from, so no reader sees one without
  the other.
- What cannot be traced to a few persons (a person's publication changes the names redacted in
  everyone's sources; re-extraction; an import; an action not known here) rebuilds all rows in
  that transaction.
- The rows are the list of one day with one setting of CASEFILE_STALE_MONTHS, and hold every
  change up to an audit-log id. A reader that finds them otherwise (a new day; a change made by
  a process that did not load this module) rebuilds them first (`ready`); the web server's
  keeper does so at start and after midnight, before anyone asks.

Lists for other dates are still built on demand (casefile.web.listing caches them per registry
version): nobody keeps a list of every past day.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    Integer,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    literal_column,
    select,
    tuple_,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.sql.elements import ColumnElement

from casefile import i18n, settings
from casefile.assess.status import STATUSES
from casefile.registry import audit, db
from casefile.registry.clusters import clusters
from casefile.registry.models import (
    AuditEntry,
    Case,
    Claim,
    ListFacet,
    ListHtml,
    ListRow,
    ListState,
    Person,
)
from casefile.registry.prepared import Prepared
from casefile.reports import list_html
from casefile.reports.case_details import list_regions
from casefile.reports.prisoners import (
    YEAR0,
    Article,
    ListEntry,
    PrisonerList,
    Quote,
    Row,
    SourceRef,
    held_rows,
)

SORTS = ("list", "name", "status", "category", "sentence", "detained")
# Entries that change nothing the list shows.
QUIET_TARGETS = ("user:", "watch:", "intervention:", "recommendation:", "release:",
                 "screening:", "list:")
QUIET_ACTIONS = frozenset({"stories", "not-same"})
# Entries on a source that add to or change what its persons' rows cite; re-extraction and a
# new country can take claims away from persons, who are then not found by the source.
BY_SOURCE = frozenset({"capture", "auto-accept", "capture-listing", "source-edit"})
_build = threading.Lock()
log = logging.getLogger(__name__)
_tables: set[str] = set()  # databases known to have the tables (see _has_tables)


@dataclass
class ListPage:
    """A page of the list as filtered and sorted: what the site shows and the API gives."""

    country: str
    as_of: str
    entries: list[ListEntry]
    total: int  # shown rows the filters keep, over all pages
    counts: dict[str, int]  # as PrisonerList.counts: per status, and "total"
    html: list[str] | None = None  # the page's kept rows (list_html.kept), when asked instead


def today() -> str:
    return date.today().isoformat()


def _settings() -> str:
    """What the rows were made with besides the registry: the months after which a status
    nobody confirmed is flagged, the form of their HTML (list_html.form), and that their
    writers number them (`_number`): a process of an older version, still running when the
    registry gained `serials`, would keep the rows without numbering them; with other
    settings it finds them not its own and leaves them, and the next reader rebuilds."""
    return f"stale={settings.stale_months()};serials=1;html={list_html.form()}"


class Kept(NamedTuple):
    """Today's rows as a reader finds them current: their day, the registry's version, and
    each country's serial (`ListState.serials`: what is read from a country's rows alone, its
    counts or filter options, stays true while its serial stands; a change elsewhere, or to
    no row, leaves it)."""

    day: str
    version: int
    serials: dict[str, int]

    def serial(self, country: str) -> int:
        return int(self.serials.get(country, 0))


def current(s: Session | Connection) -> bool:
    """Whether the rows are the list as of today with every change in the audit log."""
    return _current_at(s) is not None


def _current_at(s: Session | Connection) -> Kept | None:
    """The rows as `Kept` if they hold every change up to the registry's version, as of
    today; else None. One statement: every list page asks."""
    row = s.execute(_STATE_AND_VERSION).first()
    if row is None:
        return None
    version = row[3] or 0
    return Kept(row[0], version, row[4] or {}) if tuple(row[:3]) == _wanted(version) else None


def _wanted(version: int) -> tuple[str, int, str]:
    """The state of rows current at `version`: today's, holding it, with today's settings."""
    return today(), version, _settings()


_STATE = select(ListState.as_of, ListState.audit_id, ListState.settings).where(ListState.id == 1)
_STATE_AND_VERSION = _STATE.add_columns(audit.NEWEST.scalar_subquery(), ListState.serials)


def _state(s: Session | Connection) -> tuple[str, int, str] | None:
    """What the rows are: (their day, the newest audit id they hold, their settings)."""
    row = s.execute(_STATE).first()
    return None if row is None else (row[0], row[1], row[2])


def kept(s: Session) -> Kept | None:
    """The rows if they are current as `s` sees them, else None: `ready` without its
    rebuild, for a reader that must not build (the event loop's)."""
    return _current_at(db.reader(s))  # on the connection: the ORM's handling costs more


def ready(s: Session) -> Kept:
    """Make sure the rows are current (rebuilding them in a transaction of their own if not),
    and give their date, the registry's version and the countries' serials as `s` sees them:
    the caller needs all three, and reading the version again was a second statement per list
    page. Rebuilds in one process wait for each other; across processes the lock on the state
    row makes the second find the work done."""
    found = kept(s)
    if found is None:
        built = False
        with _build, Session(db.writing(s)) as w:
            _lock(w)
            if not current(w):
                rebuild(w)
                built = True
            w.commit()
        if built:
            _settle(s)
        found = kept(s) or Kept(today(), audit.version(s), s.scalar(
            select(ListState.serials).where(ListState.id == 1)) or {})  # an older snapshot
    return found


KEPT = ("list_rows", "list_html", "list_facets")  # the tables `rebuild` writes anew


def _settle(s: Session) -> None:
    """After a rebuild on PostgreSQL, the rewritten tables' planner statistics and
    visibility map, which autovacuum gives them only later (or never, where it is off):
    without statistics the planner took the 80,000-row list for 176 rows and read and sorted
    all of it for every page, and without the visibility map a deep page cannot be picked
    off the sort's index alone (80 ms at row 68,000 of 100,000, 23 ms after). VACUUM runs
    outside a transaction, after the rebuild's commit. Only an optimisation: refused (the
    tables are another role's), the rows are served as they are."""
    bind = db.writing(s)
    eng = bind.engine if isinstance(bind, Connection) else bind
    if eng.dialect.name != "postgresql":
        return
    try:
        with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(KEPT)}")
    except DBAPIError as exc:
        log.warning("the rebuilt list's statistics not refreshed: %s", exc.orig)


def rebuild(s: Session) -> None:
    """All rows, from the registry, as of today."""
    day = today()
    _refresh(s, None, day)
    s.connection().execute(update(ListState).where(ListState.id == 1).values(
        as_of=day, audit_id=audit.version(s), settings=_settings()))


def _lock(s: Session) -> None:
    """Take the state row (and on SQLite the database's write lock) before reading it, so
    two builders, or a builder and a writer's `_maintain`, take turns."""
    s.connection().execute(update(ListState).where(ListState.id == 1)
                           .values(audit_id=ListState.audit_id))


def touched(s: Session, entries: Iterable[AuditEntry],
            quiet_actions: frozenset[str] = QUIET_ACTIONS,
            quiet_targets: tuple[str, ...] = QUIET_TARGETS) -> set[int] | None:
    """The persons whose rows `entries` may change, with everyone merged with them (`widen`);
    None when that cannot be told (then all rows are rebuilt). What is quiet, changing no
    row, is the list's by default; the page cache (casefile.web.reach) asks with its own,
    shorter, quiet sets."""
    persons: set[int] = set()
    claims: set[str] = set()
    for e in entries:
        kind, _, ident = e.target.partition(":")
        detail = e.detail or {}
        if e.action in quiet_actions or e.target.startswith(quiet_targets):
            continue
        if kind == "source" and e.action in BY_SOURCE:
            persons.update(p for p in s.scalars(select(Claim.person_id).distinct().where(
                Claim.source_id == int(ident))) if p is not None)
        elif kind == "claim":
            claims.add(ident)
            if detail.get("new_claim"):
                claims.add(str(detail["new_claim"]))
            retired = detail.get("retired")  # corrections a new one put out of force
            if isinstance(retired, list):
                claims.update(str(c) for c in retired if c)
            persons.update(_ints(detail.get("person")))
        elif kind == "case":
            persons.update(s.scalars(select(Case.person_id).where(Case.id == int(ident))))
        elif kind == "judgement":
            persons.update(_ints(detail.get("persons")))
        else:
            return None
    if claims:
        persons.update(p for p in s.scalars(select(Claim.person_id).where(
            Claim.id.in_(claims))) if p is not None)
    # A new name or a merge in a protected person's cluster changes what is redacted in
    # everyone's rows (casefile.registry.redact protects the whole cluster).
    persons = widen(s, persons) if persons else persons
    if persons and s.scalar(select(func.count()).select_from(Person).where(
            Person.id.in_(persons), Person.publication != "public")):
        return None
    return persons


def _ints(value: object) -> list[int]:
    """Person ids an entry's detail names: one id, or a list of them (None left out)."""
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def widen(s: Session, persons: set[int]) -> set[int]:
    """`persons` with everyone merged with them: rows are per cluster, and a merge or split
    moves a row from one cluster's id to another's, both of them in here."""
    cluster = clusters(s)
    roots = {cluster.get(p, p) for p in persons}
    return persons | roots | {p for p, r in cluster.items() if r in roots}


def _refresh(s: Session, persons: set[int] | None, day: str) -> None:
    """Recompute the rows of `persons` (whole clusters; None: everyone) as of `day`."""
    conn = s.connection()
    if persons is None:
        written = set(conn.scalars(select(ListRow.country).distinct()))
        conn.execute(delete(ListFacet))
        conn.execute(delete(ListHtml))
        conn.execute(delete(ListRow))
        countries = list(conn.scalars(select(Case.country).distinct()))
    else:
        written = set(conn.scalars(select(ListRow.country).distinct()
                                   .where(ListRow.root.in_(persons))))
        conn.execute(delete(ListFacet).where(ListFacet.root.in_(persons)))
        conn.execute(delete(ListHtml).where(ListHtml.root.in_(persons)))
        conn.execute(delete(ListRow).where(ListRow.root.in_(persons)))
        countries = list(conn.scalars(select(Case.country).distinct()
                                      .where(Case.person_id.in_(persons))))
    _number(conn, written | set(countries))
    for country in countries:
        rows = held_rows(s, country, day, persons)
        if not rows:
            continue
        shown = [r.root for r in rows if r.entry is not None and r.entry.person_id]
        places = list_regions(s, country, None if persons is None else persons) if shown else {}
        conn.execute(insert(ListRow), [_columns(country, r) for r in rows])
        made = [{"root": r.root, "country": country, "lang": lang,
                 "html": list_html.kept(lang, country, r.entry)}
                for r in rows if r.entry is not None for lang in i18n.LANGS]
        if made:
            conn.execute(insert(ListHtml), made)
        facets = [{"country": country, "root": r.root, "kind": "article", "value": a.article}
                  for r in rows if r.entry is not None
                  for a in {a.article: a for a in r.entry.articles}.values()]
        facets += [{"country": country, "root": root, "kind": "region", "value": p}
                   for root in shown for p in sorted(places.get(root, ()))]
        if facets:
            conn.execute(insert(ListFacet), facets)


def _number(conn: Connection, countries: set[str]) -> None:
    """A new serial for each of `countries`, whose rows are written (or may be: a country is
    numbered whether or not its recomputed rows differ): one more than its last, and at least
    the registry's version, so a registry made again at the same address (dropped, restored)
    does not give a running server's kept results' serials to other rows. In the writer's
    transaction, under the state row's lock (`_lock`)."""
    if not countries:
        return
    serials = dict(conn.scalar(select(ListState.serials).where(ListState.id == 1)) or {})
    least = audit.version(conn)
    serials.update({c: max(int(serials.get(c, 0)) + 1, least) for c in countries})
    conn.execute(update(ListState).where(ListState.id == 1).values(serials=serials))


def _columns(country: str, row: Row) -> dict[str, Any]:
    e = row.entry
    return {
        "country": country, "root": row.root, "status": row.status,
        "status_rank": STATUSES.index(row.status) if row.status else len(STATUSES),
        "shown": e is not None, "list_number": (e.number or 10**6) if e else 10**6,
        "name": e.name if e else "", "name_key": e.name.casefold() if e else "",
        "category": e.category if e else None,
        "category_key": ((e.category if e else None) or "\uffff").casefold(),
        "sentence_key": -float(sum(e.sentence_months)) if e else 0.0,
        "detained": (e.dates.get("detained") if e else None) or "9999",
        "entry": asdict(e) if e else None, "years": row.years,
    }


def entry_of(data: dict[str, Any]) -> ListEntry:
    """A row's entry as casefile.reports.prisoners made it, from its JSON (`data`, read for
    this call, is used up: a list page makes a hundred, and copying each dict cost a fifth)."""
    data["articles"] = [Article(**a) for a in data["articles"]]
    for r in data["sources"]:
        r["quotes"] = list(map(Quote._make, r["quotes"]))
    data["sources"] = [SourceRef(**r) for r in data["sources"]]
    return ListEntry(**data)


def _has_tables(conn: Connection) -> bool:
    """Whether this registry has the list tables: a registry at an older revision (a
    migration test, a restore in progress) is written without them. Known answers kept."""
    key = repr(conn.engine.url)
    if key not in _tables and inspect(conn).has_table("list_state"):
        _tables.add(key)
    return key in _tables


def _maintain(session: Session) -> None:
    """Before a commit: bring the rows of the persons this transaction's audit entries touch
    up to date, when the rows were current before it (otherwise the next reader rebuilds).
    A failure here must not lose the editor's change: it is logged, the rows are left behind
    the audit log, and the next reader rebuilds them (a savepoint on PostgreSQL, where a
    failed statement would abort the whole transaction)."""
    if session.in_nested_transaction():  # a savepoint's commit (ours below, or a caller's):
        return  # the entries are kept up to date with the transaction's own commit
    entries = [e for e in audit.pending(session) if e in session]
    if not entries:
        return
    session.flush()
    if not _has_tables(session.connection()):
        return
    try:
        if session.get_bind().dialect.name == "postgresql":
            with session.begin_nested():
                _bring_up_to_date(session, entries)
        else:
            _bring_up_to_date(session, entries)
    except Exception:
        log.exception("the list's rows could not be kept up to date; the next reader "
                      "rebuilds them")


def _bring_up_to_date(session: Session, entries: list[AuditEntry]) -> None:
    conn = session.connection()
    _lock(session)
    first = min(e.id for e in entries)
    before = conn.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.id < first)) or 0
    if _state(conn) != _wanted(before):
        return
    persons = touched(session, entries)
    if persons is None:
        _refresh(session, None, today())
        session.info[_REWRITTEN] = True
    elif persons:
        _refresh(session, persons, today())
    conn.execute(update(ListState).where(ListState.id == 1).values(
        audit_id=max(e.id for e in entries)))


_REWRITTEN = "list rows rewritten"  # session.info: this transaction rewrote every row


def _settle_rewritten(session: Session) -> None:
    """After a commit that rewrote every row (a change `touched` cannot narrow, such as a
    person's publication), what `ready` gives a rebuild: an editor's transaction is a
    rebuild too, and the next reader finds the rows current and settles nothing. Not at a
    savepoint's release (SQLAlchemy calls this there too, and the rewrite is made in one):
    VACUUM before the real commit can neither clear the old rows nor mark the new ones
    visible. The change is saved by then, so a failure here is only logged."""
    if session.in_nested_transaction() or not session.info.pop(_REWRITTEN, False):
        return
    try:
        _settle(session)
    except Exception:
        log.exception("the rewritten list's statistics not refreshed")


def _forget_rewrite(session: Session, transaction: SessionTransaction) -> None:
    """At the end of the outermost transaction, committed (settled by then) or not."""
    if transaction.parent is None:
        session.info.pop(_REWRITTEN, None)


def install() -> None:
    """Keep the rows up to date in every session's commits: casefile.registry.db does this
    with the process's first engine, so every process that writes does (idempotent)."""
    if not event.contains(Session, "before_commit", _maintain):
        event.listen(Session, "before_commit", _maintain)
        event.listen(Session, "after_commit", _settle_rewritten)
        event.listen(Session, "after_transaction_end", _forget_rewrite)


# Reading -----------------------------------------------------------------------------------

def _filters(country: str, status: str | None, category: str | None, article: str | None,
             region: str | None) -> dict[str, Any]:
    """The values of the filters asked, each a parameter named after its filter, a known
    status by its rank (`_where` makes their conditions from their `_shape`)."""
    params: dict[str, Any] = {"country": country}
    if status:
        params["status"] = STATUSES.index(status) if status in STATUSES else status
    params.update((name, value) for name, value in (
        ("category", category), ("article", article), ("region", region)) if value)
    return params


def _shape(params: dict[str, Any]) -> tuple[str, ...]:
    """Which filters `params` (`_filters`) holds, a status given by its rank as "status_rank":
    all a filter's statement depends on, its values being parameters."""
    return tuple(sorted("status_rank" if name == "status" and isinstance(value, int) else name
                        for name, value in params.items()))


def _where(shape: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """The conditions of the filters of a `_shape`, their values left as parameters: a kind
    of filter makes the same statement whatever its values, so a list page's is compiled once
    (`_page_statement`)."""
    where = [ListRow.country == bindparam("country"), ListRow.shown.is_(True)]
    if "status_rank" in shape:  # which the list's own order begins with (its index's)
        where.append(ListRow.status_rank == bindparam("status"))
    elif "status" in shape:
        where.append(ListRow.status == bindparam("status"))
    if "category" in shape:  # ix_list_rows_in_category: a category's page in the list's order
        where.append(ListRow.category == bindparam("category"))
    for kind in ("article", "region"):
        if kind in shape:
            where.append(ListRow.root.in_(select(ListFacet.root).where(
                ListFacet.country == bindparam("country"), ListFacet.kind == kind,
                ListFacet.value == bindparam(kind))))
    return where


def order_keys(sort: str) -> list[str]:
    """The columns a sort orders by: its own keys (casefile.web.listing's), then the list's
    own order (Python's sort is stable), then the row's id. Each has an index that holds all
    of them (migration 0016), so a page is read off it, not sorted."""
    own = {"list": [], "name": ["name_key"], "status": ["status_rank", "name_key"],
           "category": ["category_key", "list_number", "name"],
           "sentence": ["sentence_key", "name_key"], "detained": ["detained", "name_key"]}
    keys = [*own.get(sort, []), "status_rank", "list_number", "name", "root"]
    return list(dict.fromkeys(keys))


def _order(sort: str, desc: bool, columns: Any = ListRow.__table__.c) -> list[Any]:
    """ORDER BY for `sort` over `columns` (the rows', or a subquery's holding their keys);
    `desc` reverses all of it, as reversing the list does."""
    cols = [columns[name] for name in order_keys(sort)]
    return [c.desc() for c in cols] if desc else cols


def _by_status(s: Session, where: list[ColumnElement[bool]], params: dict[str, Any]
               ) -> dict[str, int]:
    return {st: n for st, n in s.execute(select(ListRow.status, func.count()).where(*where)
                                         .group_by(ListRow.status), params) if st is not None}


def counts(s: Session, country: str, status: str | None = None, category: str | None = None,
           article: str | None = None, region: str | None = None) -> tuple[int, dict[str, int]]:
    """(rows the filters keep, their counts per status and "total" as PrisonerList.counts
    gives them: withheld persons editors chose to count only when no category, article or
    region filter could tell of them, as casefile.web.listing.select_entries)."""
    params = _filters(country, status, category, article, region)
    per_status = _by_status(s, _where(_shape(params)), params)
    shown = sum(per_status.values())
    if not (category or article or region):
        hidden = [ListRow.country == country, ListRow.shown.is_(False),
                  ListRow.status.is_not(None)]
        if status:
            hidden.append(ListRow.status == status)
        for st, n in _by_status(s, hidden, {}).items():
            per_status[st] = per_status.get(st, 0) + n
    ordered = {"total": sum(per_status.values())}
    ordered.update((st, per_status[st]) for st in STATUSES if per_status.get(st))
    return shown, ordered


def page(s: Session, country: str, status: str | None = None, category: str | None = None,
         article: str | None = None, region: str | None = None, sort: str = "list",
         desc: bool = False, offset: int = 0, limit: int | None = 100,
         counted: tuple[int, dict[str, int]] | None = None, lang: str | None = None,
         marked: list[tuple[Any, ...]] | None = None) -> ListPage:
    """A page of today's list, filtered and sorted, from the rows (current: see `ready`);
    `counted` is what `counts` gives for these filters, when the caller keeps it. With a
    `lang`, the page holds its rows' kept HTML in that language instead of their entries.
    `marked`: what `marks` gives for these filters and sort, when the caller keeps it: a
    page past the first mark starts from the mark before it."""
    total, by_status = counted or counts(s, country, status, category, article, region)
    params = _filters(country, status, category, article, region)
    sort = sort if sort in SORTS else "list"  # as order_keys reads it: _PAGES stays bounded
    shape = _shape(params)
    keys = order_keys(sort)
    start = min(offset // STEP, len(marked) - 1) if marked and offset >= STEP else None
    if start is not None and marked:
        params.update((f"mark_{k}", v) for k, v in zip(keys, marked[start], strict=True))
        offset -= start * STEP
    key = (shape, sort, desc, limit is None, lang is not None, start is not None)
    statement = _PAGES.get(key)
    if statement is None:
        statement = _PAGES[key] = _page_statement(_where(shape), sort, desc, limit is not None,
                                                  lang is not None, start is not None)
    params.update(offset=offset, limit=limit)
    found = statement.rows(db.reader(s), {**params, "lang": lang} if lang else params)
    if lang:
        return ListPage(country, today(), [], total, by_status, [h for (h,) in found])
    return ListPage(country, today(), [entry_of(e) for (e,) in found], total, by_status)


STEP = 1000  # rows from one of a sort's marks to the next (`marks`)


def marks(s: Session, country: str, status: str | None = None, category: str | None = None,
          article: str | None = None, region: str | None = None, sort: str = "list",
          desc: bool = False) -> list[tuple[Any, ...]]:
    """The sort keys (`order_keys`) of the 1st, the STEP+1st, the 2·STEP+1st... of the rows
    the filters keep, in the sort's order: where a deep page starts from (`page`), skipping
    fewer than STEP rows from the mark before it. OFFSET skipped every row before the page,
    read off the sort's index: 20–80 ms at row 68,000 of 100,000 on PostgreSQL, against half
    a millisecond from a mark. One pass over the index, kept by the caller while the rows
    do not change (casefile.web.listing keeps it per serial of the country's rows)."""
    params = _filters(country, status, category, article, region)
    sort = sort if sort in SORTS else "list"
    keys = order_keys(sort)
    columns = ListRow.__table__.c
    n = func.row_number().over(order_by=_order(sort, desc)).label("n")
    numbered = select(*[columns[k] for k in keys], n).where(
        *_where(_shape(params))).subquery("numbered")
    return [tuple(r) for r in s.execute(
        select(*[numbered.c[k] for k in keys])
        .where(numbered.c.n % STEP == 1).order_by(numbered.c.n), params)]


_PAGES: dict[tuple[Any, ...], Prepared] = {}  # by the filters, the sort, a limit, HTML or not


def _page_statement(where: list[ColumnElement[bool]], sort: str, desc: bool, limited: bool,
                    html: bool, marked: bool = False) -> Prepared:
    """A page's statement for filters, a sort, whether there is a limit, whether it reads
    the rows' HTML (in the language of parameter `lang`) or their entries and whether it
    starts from a mark (`marks`: the keys as parameters `mark_<key>`), run on the driver's
    cursor (built and run through SQLAlchemy's execution it cost about half a millisecond
    more, of a 9 ms list page, in one process). The page's rows are picked off the sort's
    index alone, with its keys, then read: skipping the rows before a deep page (OFFSET)
    read each of them whole on PostgreSQL (60 ms at row 70,000 of 100,000, 12 ms off the
    index). From a mark, the keys compare as one row value, which both databases seek to in
    the sort's index, whose columns they are in that order."""
    keys = order_keys(sort)
    if marked:
        row = tuple_(*[getattr(ListRow, k) for k in keys])
        mark = tuple_(*[bindparam(f"mark_{k}", type_=getattr(ListRow, k).type) for k in keys])
        where = [*where, row <= mark if desc else row >= mark]
    picked = (select(*[getattr(ListRow, k) for k in keys]).where(*where)
              .order_by(*_order(sort, desc)).offset(bindparam("offset", type_=Integer)))
    if limited:
        picked = picked.limit(bindparam("limit", type_=Integer))
    chosen = picked.subquery("picked")
    order = _order(sort, desc, chosen.c)
    if html:
        return Prepared(select(ListHtml.html).join(chosen, ListHtml.root == chosen.c.root)
                        .where(ListHtml.country == bindparam("country"),
                               ListHtml.lang == bindparam("lang")).order_by(*order))
    return Prepared(select(ListRow.entry).join(chosen, ListRow.root == chosen.c.root)
                    .where(ListRow.country == bindparam("country")).order_by(*order))


def full(s: Session, country: str) -> PrisonerList:
    """Today's whole list from the rows, as casefile.reports.prisoners.prisoner_list gives it."""
    params = _filters(country, None, None, None, None)
    query = select(ListRow.entry).where(*_where(_shape(params))).order_by(*_order("list", False))
    entries = [entry_of(e) for e in s.scalars(query, params)]
    counted = _by_status(s, [ListRow.country == country, ListRow.shown.is_(False),
                             ListRow.status.is_not(None)], {})
    return PrisonerList(country, today(), entries, counted)


def facets(s: Session, country: str) -> dict[str, list[str]]:
    """The values each filter can take in today's list, for the filter form."""
    params = _filters(country, None, None, None, None)
    where = _where(_shape(params))
    present = set(s.scalars(select(ListRow.status).distinct().where(*where), params))
    values: dict[str, set[str]] = {"article": set(), "region": set()}
    for kind, value in s.execute(select(ListFacet.kind, ListFacet.value).distinct()
                                 .where(ListFacet.country == country)):
        values[kind].add(value)
    return {
        "status": [st for st in STATUSES if st in present],
        "category": sorted(c for c in s.scalars(select(ListRow.category).distinct()
                                                 .where(*where), params) if c),
        "article": sorted(values["article"], key=lambda a: (len(a), a)),
        "region": sorted(values["region"]),
    }


def sizes(s: Session, country: str, days: list[str]) -> list[int]:
    """How many were held on each of `days`: today, and 1 January of the years the rows tell
    (casefile.reports.prisoners.YEARS up to this one), counted in one query."""
    bits = {day: int(day[:4]) - YEAR0 for day in days if day != today()}
    held = func.count(ListRow.status)  # rows held today have a status
    counted = s.execute(select(held, *[
        func.coalesce(func.sum(ListRow.years.op(">>")(literal_column(str(int(bit))))
                               .op("&")(literal_column("1"))), 0)
        for bit in bits.values()]).where(ListRow.country == country)).one()
    per_bit = dict(zip(bits, counted[1:], strict=True))
    return [int(counted[0]) if day == today() else int(per_bit[day]) for day in days]
