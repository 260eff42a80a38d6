"""The list of political prisoners of a country as of a date.

A person is on the list when a publisher's list of political prisoners (an accepted `listed`
claim) or the newest PACE assessment recognises their case, no newer assessment says it is
not one, and their custody status on that date (derived from dated events by
casefile.assess.status) is one of the custody statuses.

The list as of D reads only the sources known on D (published on or before D, or captured by
then when the publication date is unknown): status, sentence, recognition, facts and quotes,
through casefile.assess.standing, the rule the dossier shares. So the list as of a past date
can be reproduced whatever was captured since, and never cites a later source. Recognition
belongs to the case, not to the list's date: a list of 2019 that names a person detained since
2017 counts their custody from 2017 on the lists of 2019 onwards, while its own date only
counts as evidence of custody from that day on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from casefile import settings, vocab
from casefile.assess.standing import PRISON, Standing, known_on, read_terms, source_dates
from casefile.assess.status import STATUSES, Ev, add_months, period_end, period_start
from casefile.i18n import translations
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Assessment, Case, Charge, Claim, Event, Person, Source
from casefile.registry.publication import ANONYMISED_NAME, public_claim, strictest

DATE_KEYS = {"detained": ("detained",), "arrested": ("arrested",),
             "convicted": ("convicted",), "released": ("released", "amnestied", "pardoned")}
EXTRADITION = {"extradition_risk", "extradition_arrest", "extradition_request"}


class Quote(NamedTuple):
    """Where a source says it. A tuple: the list holds one per public claim (175,000 at
    10,000 persons), and as dicts they were a third of a cached list's memory."""

    claim: str
    predicate: str
    start: int | None
    end: int | None


@dataclass
class SourceRef:
    id: int
    title: str | None
    publisher: str | None
    published_at: str | None
    origin: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Article:
    article: str
    part: str | None
    title: str | None


@dataclass
class ListEntry:
    person_id: int | None  # None for an anonymised person: no id shared with editors
    name: str
    status: str
    category: str | None
    number: int | None
    articles: list[Article]
    sentence_months: list[float]
    dates: dict[str, str]
    torture_reported: bool
    extradition_risk: bool
    citizenship: list[str]
    sources: list[SourceRef]
    # The newest date of a source behind the row, up to the list's date, and whether that is
    # older than CASEFILE_STALE_MONTHS: a status nobody has confirmed lately is not news.
    last_confirmed: str | None = None
    stale: bool = False


@dataclass
class PrisonerList:
    country: str
    as_of: str
    entries: list[ListEntry]
    # Withheld persons editors chose to count ("count only"), per status: no row, a number.
    withheld_counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Per status; worked out once per list (the site shows one list to many visitors).
        A filtered list is a new PrisonerList (dataclasses.replace), with its own counts."""
        seen = Counter(e.status for e in self.entries)  # one pass: the list is long
        seen.update(self.withheld_counts)
        counts = {"total": sum(seen.values())}
        for status in STATUSES:
            if seen[status]:
                counts[status] = seen[status]
        return counts

    def grouped(self) -> list[tuple[str, list[tuple[str | None, list[ListEntry]]]]]:
        """Entries by status (in STATUSES order), then by category (in list order)."""
        out: list[tuple[str, list[tuple[str | None, list[ListEntry]]]]] = []
        for status in STATUSES:
            rows = [e for e in self.entries if e.status == status]
            cats: dict[str | None, list[ListEntry]] = {}
            for e in rows:
                cats.setdefault(e.category, []).append(e)
            if rows:
                out.append((status, list(cats.items())))
        return out


@dataclass
class _Record:
    """A person (cluster) that a list or an assessment recognises, read once per build."""

    person_ids: list[int]
    events: list[Ev]
    anonymised: bool
    count_only: bool = False  # withheld, counted in the totals only
    # From when the case is recognised: the date of the first source that lists the person
    # ("" when an assessment recognises it, whatever the date).
    since: str = ""
    standing: Standing | None = None  # set once the terms are read (`_standings`)

    @property
    def known(self) -> Standing:
        assert self.standing is not None, "records come through _standings"
        return self.standing

    def status(self, day: str) -> str | None:
        """The custody status on `day`, when the case is recognised by then; else None."""
        return self.known.status(day) if self.since <= day else None


class Row(NamedTuple):
    """One person (cluster) a list or an assessment recognises, as of the list's date: their
    status (None: not held that day), their row (None when not held, and for a withheld person
    editors chose to count: a number in the totals, shown nowhere), and the years on whose
    1 January they were held (bit y - YEAR0), of the YEARS years up to the list's: the count
    over time the home page draws."""

    root: int
    status: str | None
    entry: ListEntry | None
    years: int


YEAR0, YEARS = 1990, 16  # Row.years: bits from 1990 on (to 2052), for 16 years at most


def prisoner_list(s: Session, country: str, as_of: str) -> PrisonerList:
    """The list as of `as_of`, in list order (status, list number, name)."""
    rows = held_rows(s, country, as_of)
    entries = [r.entry for r in rows if r.entry is not None]
    entries.sort(key=lambda e: (STATUSES.index(e.status), e.number or 10**6, e.name))
    counted = Counter(r.status for r in rows if r.entry is None and r.status is not None)
    return PrisonerList(country.upper(), as_of, entries, dict(counted))


def held_rows(s: Session, country: str, as_of: str,
              persons: Collection[int] | None = None) -> list[Row]:
    """A row for each recognised person of `country` as of `as_of`; with `persons`, only those
    of the persons (whole clusters: casefile.reports.list_rows keeps the list up to date a few
    persons at a time). Reads column tuples through the connection, not ORM objects: at 10,000
    persons and 200,000 claims, building objects was most of the time. Facts and quotes are
    read only for the persons held on the day."""
    records = _standings(s, _records(s, country.upper(), persons))
    years = {root: _years(rec, int(as_of[:4])) for root, rec in records.items()}
    held: dict[int, str] = {}
    out = []
    for root, rec in records.items():
        status = rec.status(as_of)
        if status is not None and not rec.count_only:
            held[root] = status
        else:
            out.append(Row(root, status, None, years[root]))
    owner = {pid: root for root in held for pid in records[root].person_ids}
    prot = redact.protected(s)
    facts = _facts(s, owner, prot, as_of)
    names = {pid: (name, citizenship) for pid, name, citizenship in s.connection().execute(
        select(Person.id, Person.display_name, Person.citizenship)
        .where(*_among(Person.id, held))) if pid in held}
    stale_before = add_months(as_of, -settings.stale_months())
    for root, status in held.items():
        known = records[root].known
        events = known.events_known(as_of)
        months = [t.months for t in known.sentence(as_of) if t.kind == PRISON]
        out.append(Row(root, status, _entry(
            root, names[root], records[root], events, status, months, facts[root],
            prot.fields.get(root, redact.DEFAULT_FIELDS), confirmed(events, as_of),
            stale_before), years[root]))
    return out


def _years(rec: _Record, last: int) -> int:
    """The years up to `last` on whose 1 January `rec` was held, as bits (Row.years)."""
    first = max(YEAR0, last - YEARS + 1)
    return sum(1 << (y - YEAR0) for y in range(first, min(last, YEAR0 + 62) + 1)
               if rec.status(f"{y}-01-01") is not None)


def list_sizes(s: Session, country: str, days: list[str]) -> list[int]:
    """How many were on the list on each of `days`: the count over time, without building
    each day's list."""
    records = list(_standings(s, _records(s, country.upper())).values())
    return [sum(rec.status(day) is not None for rec in records) for day in days]


def recognised(s: Session, country: str) -> dict[int, _Record]:
    """The persons (clusters) whose case in `country` a list or an assessment recognises,
    held or not, with their public events: the persons the list may ever show. Withheld
    persons are left out, even those counted in the list's totals: a count by article, region
    or category would tell of them."""
    return {root: rec for root, rec in _records(s, country.upper()).items()
            if not rec.count_only}


def _records(s: Session, country: str, persons: Collection[int] | None = None
             ) -> dict[int, _Record]:
    """Persons (clusters) with a case in `country` that a list or an assessment recognises,
    with their public events; withheld persons are left out, unless editors chose to count
    them (casefile.registry.redact): then they are counted and shown nowhere. With `persons`
    (whole clusters), only theirs."""
    conn = s.connection()
    cases: dict[int, int] = {}
    publication: dict[int, str] = {}
    scope = [Case.country == country]
    if persons is not None:
        scope.append(Case.person_id.in_(list(persons)))
    for cid, pid, pub in conn.execute(select(Case.id, Case.person_id, Person.publication)
                                      .join(Person).where(*scope)):
        cases[cid], publication[pid] = pid, pub
    events: dict[int, list[Ev]] = defaultdict(list)
    dates = source_dates(s)
    for cid, etype, edate, detail, source_id in conn.execute(
            select(Event.case_id, Event.type, Event.date, Event.detail, Claim.source_id)
            .join(Claim, Event.claim_id == Claim.id).join(Case, Event.case_id == Case.id)
            .where(*scope, public_claim())):
        if source_id not in dates:  # captured after the dates were read: not in this list
            continue
        events[cid].append(Ev(etype, edate, detail, dates[source_id]))
    # Persons an editor merged are one entry: their cases are read together.
    cluster = clusters(s)
    groups: dict[int, list[int]] = defaultdict(list)
    for cid, pid in cases.items():
        groups[cluster.get(pid, pid)].append(cid)
    verdicts = _assessments(s, list(cases))
    counted = redact.protected(s).counted
    out = {}
    for root, cids in groups.items():
        # A merged person is as hidden as the most hidden of its records.
        shown = strictest([*(publication[cases[c]] for c in cids), publication.get(root)])
        count_only = shown == "withheld"
        if count_only and root not in counted:
            continue
        verdict = max((verdicts[c] for c in cids if c in verdicts), default=(None, None))[1]
        evs = [e for c in cids for e in events[c]]
        lists = [period_start(e.known_by or "0000") for e in evs if e.type == "listed"]
        if verdict == "political_prisoner" or (verdict != "not" and lists):
            out[root] = _Record(sorted({cases[c] for c in cids}), evs,
                                shown == "anonymised", count_only,
                                "" if verdict == "political_prisoner" else min(lists))
    return out


def _assessments(s: Session, case_ids: list[int]) -> dict[int, tuple[datetime, str]]:
    """The newest assessment of each case: (when, decision)."""
    latest: dict[int, tuple[datetime, str]] = {}
    wanted = set(case_ids)
    for case_id, when, decision in s.execute(
            select(Assessment.case_id, Assessment.decided_at, Assessment.decision)
            .where(*_among(Assessment.case_id, wanted))
            .order_by(Assessment.decided_at, Assessment.id)):
        if case_id in wanted:
            latest[case_id] = (when, decision)
    return latest


def _standings(s: Session, records: dict[int, _Record]) -> dict[int, _Record]:
    """The records with their Standing (casefile.assess.standing), terms read once for all."""
    terms = read_terms(s, {pid: root for root, rec in records.items()
                           for pid in rec.person_ids})
    for root, rec in records.items():
        rec.standing = Standing(rec.events, terms.get(root, []))
    return records


SCOPED = 500  # persons: fewer are read with IN (...), more by reading every row once


def _among(column: QueryableAttribute[Any], ids: Collection[int]) -> list[ColumnElement[bool]]:
    """`column IN (ids)` for fewer than SCOPED ids; for more, no condition, and the caller
    skips the rows of other ids. A whole registry's ids are one bound parameter each, and
    PostgreSQL takes at most 65,535 (100,000 persons: the list could not be built); reading
    every row once costs no more than naming nearly all of them."""
    return [column.in_(list(ids))] if len(ids) < SCOPED else []
QUOTED = {p: p for p in ("listed", "charged_under", "sentenced_to", "event")}  # one str each


def _facts(s: Session, owner: dict[int, int], prot: redact.Protected, as_of: str
           ) -> dict[int, dict[str, Any]]:
    """Charges, citizenship and source quotes from public claims of the sources known on
    `as_of`, gathered under the person (cluster) each person id belongs to (`owner`).
    Titles, publishers and origins naming a protected person are withheld."""
    out: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"articles": {}, "citizenship": [], "sources": {}})
    conn = s.connection()
    q = select(Source.id, Source.title, Source.publisher, Source.published_at, Source.origin)
    if len(owner) < SCOPED:  # a few persons' rows (casefile.reports.list_rows): their sources
        q = q.where(Source.id.in_(select(Claim.source_id).where(Claim.person_id.in_(owner))))
    sources = {sid: (sid, redact.redact_line(prot, title), redact.redact_line(prot, publisher),
                     published,
                     redact.redact_line(prot, origin, any_case=True) or "")
               for sid, title, publisher, published, origin in conn.execute(q)}
    rows = conn.execute(
        select(Claim.person_id, Claim.id, Claim.predicate, Claim.value, Claim.start, Claim.end,
               Claim.source_id, Charge.article, Charge.part, Charge.title)
        .join(Source, Claim.source_id == Source.id)
        .outerjoin(Charge, Charge.claim_id == Claim.id)
        .where(*_among(Claim.person_id, owner), public_claim())
        .order_by(Source.published_at, Claim.start, Claim.id))  # the same on every database
    known = {sid for sid, day in source_dates(s).items() if known_on(day, as_of)}
    for pid, cid, predicate, value, start, end, source_id, article, part, title in rows:
        if source_id not in known or pid not in owner:
            continue
        f = out[owner[pid]]
        if predicate == "charged_under" and article is not None:
            f["articles"].setdefault(article, Article(article, part, title))
        elif predicate == "citizenship" and value not in f["citizenship"]:
            f["citizenship"].append(value)
        ref = f["sources"].get(source_id)
        if ref is None:  # one SourceRef per person: quotes differ
            ref = f["sources"][source_id] = SourceRef(*sources[source_id])
        if predicate in QUOTED:
            ref.quotes.append(Quote(cid, QUOTED[predicate], start, end))
    return out


def latest_listing(events: list[Ev]) -> dict[str, Any]:
    """What the newest list naming the person says (category, number): the row's category."""
    listed = sorted((e for e in events if e.type == "listed"), key=lambda e: e.date or "")
    return listed[-1].detail if listed else {}


def confirmed(events: list[Ev], as_of: str) -> str | None:
    """The newest date of a source that states something of the person, up to `as_of`."""
    known = [e.known_by for e in events
             if e.known_by and period_start(e.known_by) <= as_of]
    return max(known, default=None)


def _entry(person_id: int, person: tuple[str, list[str] | None], rec: _Record,
           events: list[Ev], status: str, months: list[float], facts: dict[str, Any],
           allowed: frozenset[str] = redact.DEFAULT_FIELDS, last_confirmed: str | None = None,
           stale_before: str = "") -> ListEntry:
    """One row of the list. The category is the one the newest accepted list gives. An
    anonymised row keeps its status and the fields editors allow (`allowed`), never a list
    number, an id or sources: set beside the public sources, those would name them.
    `events` are those of the sources known on the list's date."""
    latest = latest_listing(events)
    dates: dict[str, str] = {}
    for key, types in DATE_KEYS.items():
        values = [e.date for e in events if e.type in types and e.date]
        if values:  # the most precise, then the earliest
            dates[key] = sorted(values, key=lambda v: (-len(v), v))[0]
    seen = {e.type for e in events}
    name, citizenship = person
    entry = ListEntry(
        person_id=person_id, name=name,
        status=status, category=latest.get("category"),
        number=latest.get("number"), articles=list(facts["articles"].values()),
        sentence_months=months, dates=dates,
        torture_reported="torture_reported" in seen,
        extradition_risk=bool(seen & EXTRADITION),
        citizenship=facts["citizenship"] or list(citizenship or []),
        sources=list(facts["sources"].values()),
        last_confirmed=last_confirmed,
        stale=last_confirmed is None or period_end(last_confirmed) < stale_before,
    )
    if not rec.anonymised:
        return entry
    keep = allowed.__contains__
    return ListEntry(
        person_id=None, name=ANONYMISED_NAME, status=status,
        category=entry.category if keep("category") else None, number=None,
        articles=entry.articles if keep("articles") else [],
        sentence_months=months if keep("sentence") else [],
        dates=dates if keep("dates") else {},
        torture_reported=entry.torture_reported and keep("torture_reported"),
        extradition_risk=entry.extradition_risk and keep("extradition_risk"),
        citizenship=entry.citizenship if keep("citizenship") else [], sources=[],
        stale=entry.stale)  # the date stays out: beside the public sources it would point


def labels(status: str) -> dict[str, str]:
    return vocab.load("report-labels.yml")["statuses"][status]


def counts_line(plist: PrisonerList, lang: str = "en") -> str:
    """'47 political prisoners: 30 convicted, 17 in pre-trial detention', in `lang`."""
    t = translations(lang)
    counts = plist.counts
    parts = [t.gettext("%(count)s %(counted)s") % {
        "count": counts[s], "counted": vocab.status_label(s, "counted", lang)}
        for s in STATUSES if s in counts]
    total = counts["total"]
    head = t.ngettext("%(num)d political prisoner", "%(num)d political prisoners",
                      total) % {"num": total}
    return head + (": " + ", ".join(parts) if parts else "")


def term_text(months: float, days: int | None = None, lang: str = "en") -> str:
    """78 -> '6 years 6 months'; a term the source counts in days is shown in days
    ("arrested for 20 days" is 20 days, not "1 month")."""
    t = translations(lang)
    if days:
        return t.ngettext("%(num)d day", "%(num)d days", days) % {"num": days}
    years, rest = divmod(round(months), 12)
    bits = [t.ngettext("%(num)d year", "%(num)d years", years) % {"num": years}] if years else []
    if rest:
        bits.append(t.ngettext("%(num)d month", "%(num)d months", rest) % {"num": rest})
    return " ".join(bits) or t.gettext("less than a month")


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
