"""The kept list (casefile.reports.list_rows) is the list: after each of 200 random captures,
reviews, merges, splits, assessments, publication changes and source edits, today's rows equal
a full recomputation (casefile.reports.prisoners.prisoner_list), kept without a rebuild, and
the lists of three past days the site serves equal theirs; the dossier agrees with the rows."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import asdict

import pytest
from sqlalchemy import select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from casefile import i18n
from casefile.errors import CasefileError
from casefile.registry import db, inventory, judgements, person_edit, review
from casefile.registry.ingest import ingest
from casefile.registry.models import Case, Claim, ListState, Person, Source
from casefile.reports import list_html, list_rows
from casefile.reports.dossier import dossier
from casefile.reports.prisoners import list_sizes, prisoner_list
from casefile.sources.load import load_bytes
from casefile.web import listing

FAMILIES = ["Nurtazina", "Zhaksybekov", "Abenova", "Temirkhanov", "Sadykova", "Omarov",
            "Ermekova", "Baimukhanov", "Kassymova", "Tulegenov", "Iskakova", "Mamyrov"]
GIVEN = ["Aigul", "Serik", "Dana", "Marat", "Saule", "Nurlan", "Gulnara", "Yerlan", "Asel",
         "Daniyar", "Zhanna", "Arman"]
PAST = ["2021-01-01", "2023-06-15", "2025-03-01"]
PSYCHIATRIC = [
    "Political prisoners in Kazakhstan (January)\n\nPRE-TRIAL DETENTION\n\n"
    "1. Zarina BEKMUKHAMEDOVA – charged under Article 174. Detained on 2025-11-02.\n",
    "Kazakhstan: activist Zarina Bekmukhamedova was placed in forced psychiatric detention on "
    "5 February 2026, her lawyer said.\n"]


def _name(rng: random.Random) -> tuple[str, str]:
    """One of 36 persons: enough that each is named again now and then, in a list or in
    the news."""
    return GIVEN[rng.randrange(6)], FAMILIES[rng.randrange(6)]


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _document(rng: random.Random, n: int) -> str:
    """A short list of political prisoners, or a news item about one person: the two kinds of
    source that put persons on the list and take them off."""
    if rng.random() < 0.6:
        lines = [f"Political prisoners in Kazakhstan (update {n})", "",
                 rng.choice(["CONVICTED", "PRE-TRIAL DETENTION"]), ""]
        for k in range(rng.randint(1, 3)):
            given, family = _name(rng)
            day = _day(rng)
            lines.append(f"{k + 1}. {given} {family.upper()} – {rng.randint(1, 8)} years' "
                         f"imprisonment under Article {rng.choice([174, 179, 274, 405])}. "
                         f"Detained on {day}.")
        return "\n".join(lines) + "\n"
    given, family = _name(rng)
    day = _day(rng)
    verb = rng.choice([f"was released from prison on {day}",
                       f"was detained by the police on {day}",
                       f"was sent to forced psychiatric detention on {day}",
                       f"was sentenced to {rng.randint(2, 7)} years in prison on {day}"])
    return f"Kazakhstan (item {n}): activist {given} {family} {verb}, her lawyer said.\n"


class Replay:
    """Random editors' work on one registry, each step in its own transaction."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0

    def capture(self) -> None:
        self.n += 1
        text = _document(self.rng, self.n)
        doc = load_bytes(text.encode(), origin=f"item-{self.n}.txt")
        ingest(doc, trusted=self.rng.random() < 0.7, country="KZ",
               published=_day(self.rng), actor="test")

    def _pick(self, s: Session, query) -> object | None:
        rows = list(s.scalars(query))
        return self.rng.choice(rows) if rows else None

    def review(self, s: Session) -> None:
        claim = self._pick(s, select(Claim.id).where(Claim.person_id.is_not(None)))
        if claim is not None:
            review.set_state(s, [str(claim)], self.rng.choice(review.STATES), "test")

    def _two(self, s: Session) -> tuple[int, int] | None:
        ids = list(s.scalars(select(Person.id)))
        return tuple(self.rng.sample(ids, 2)) if len(ids) > 1 else None  # type: ignore[return-value]

    def merge(self, s: Session) -> None:
        pair = self._two(s)
        if pair:
            judgements.merge(s, *pair, "test")

    def split(self, s: Session) -> None:
        active = [j for j in judgements.active(s) if j.judgement == "positive"]
        if active:
            j = self.rng.choice(active)
            judgements.split(s, j.left_id, j.right_id, "test")

    def assess(self, s: Session) -> None:
        from casefile.assess.pace import assess
        pid = self._pick(s, select(Case.person_id))
        if pid is not None:
            assess(s, int(pid), "KZ", {}, self.rng.choice(["political_prisoner"] * 3 + ["not"]),
                   "test")

    def publication(self, s: Session) -> None:
        pid = self._pick(s, select(Person.id))
        if pid is not None:
            value = self.rng.choice(["public", "public", "anonymised", "withheld"])
            setting = person_edit.publication(
                value, count_only=value == "withheld" and self.rng.random() < 0.5)
            person_edit.set_publication(s, int(pid), setting, "test")

    def edit_source(self, s: Session) -> None:
        sid = self._pick(s, select(Source.id))
        if sid is not None:
            inventory.edit(s, int(sid), inventory.Metadata(published_at=_day(self.rng)),
                           "test")

    def step(self) -> str:
        kinds: list[tuple[str, float, Callable[..., None]]] = [
            ("capture", 0.4, self.capture), ("review", 0.2, self.review),
            ("merge", 0.05, self.merge), ("split", 0.05, self.split),
            ("assess", 0.1, self.assess), ("publication", 0.06, self.publication),
            ("edit_source", 0.08, self.edit_source)]
        name, _, act = self.rng.choices(kinds, weights=[w for _, w, _ in kinds])[0]
        if name == "capture":
            act()
            return name
        with db.session() as s:
            try:
                act(s)
            except CasefileError:  # a merge refused (judged not the same): editors' work too
                s.rollback()
                return name + " (refused)"
            s.commit()
        return name


def _rows(entries) -> list[str]:
    return sorted(repr(asdict(e)) for e in entries)


def _check(s: Session, step: int, what: str) -> None:
    day = list_rows.today()
    assert list_rows.current(s), f"step {step} ({what}): the rows were not kept up to date"
    kept = list_rows.full(s, "KZ")
    fresh = prisoner_list(s, "KZ", day)
    a, b = _rows(kept.entries), _rows(fresh.entries)
    assert a == b, f"step {step} ({what}): " + next(
        (f"{x}\n!=\n{y}" for x, y in zip(a, b, strict=False) if x != y), "")
    assert kept.counts == fresh.counts, f"step {step} ({what})"
    for sort in list_rows.SORTS:  # a page in each order is the recomputed list so sorted
        want = listing.select_entries(s, fresh, sort=sort, descending=sort == "name")
        got = list_rows.page(s, "KZ", sort=sort, desc=sort == "name", limit=None)
        key = listing._sort_key(sort) or (lambda e: (e.status, e.number or 10**6, e.name))
        assert [key(e) for e in got.entries] == [key(e) for e in want.entries], sort
        assert got.counts == want.counts and got.total == len(want.entries)
        lang = i18n.LANGS[step % len(i18n.LANGS)]  # the kept HTML is these rows' own
        shown = list_rows.page(s, "KZ", sort=sort, desc=sort == "name", offset=1, limit=None,
                               lang=lang)
        assert shown.html is not None and not shown.entries
        assert str(list_html.numbered(shown.html, 1)) == str(
            list_html.rows(lang, "KZ", got.entries[1:], 1)), (step, what, sort, lang)
    for sort, desc in [("list", False), ("name", True), ("sentence", False)]:
        whole = list_rows.page(s, "KZ", sort=sort, desc=desc, limit=None).entries
        for offset, limit in [(0, 2), (1, 3), (len(whole) - 1, 5), (len(whole) + 2, 5)]:
            part = list_rows.page(s, "KZ", sort=sort, desc=desc, offset=offset, limit=limit)
            assert part.entries == whole[offset:offset + limit], (sort, desc, offset)
    statuses = {e.status for e in fresh.entries} | {"no such status"}
    categories = {e.category for e in fresh.entries if e.category}
    values = list_rows.facets(s, "KZ")  # each filter alone, then two together
    asked: list[dict[str, str | None]] = [{"status": st} for st in statuses]
    asked += [{"category": c} for c in categories]
    asked += [{"article": a} for a in values["article"][:3]] + [{"article": "no such article"}]
    asked += [{"region": r} for r in values["region"][:3]]
    asked += [{"status": st, "article": a} for st in sorted(statuses)[:2]
              for a in values["article"][:2]]
    asked += [{"status": st, "category": c} for st in sorted(statuses)[:2]
              for c in sorted(categories)[:2]]
    asked += [{"article": a, "region": r} for a in values["article"][:2]
              for r in values["region"][:2]]
    for filters in asked:
        want = listing.select_entries(s, fresh, **filters)
        got = list_rows.page(s, "KZ", limit=None, **filters)
        assert _rows(got.entries) == _rows(want.entries), filters
        assert got.counts == want.counts, filters
        part = list_rows.page(s, "KZ", sort="name", offset=1, limit=2, **filters)
        whole = list_rows.page(s, "KZ", sort="name", limit=None, **filters)
        assert part.entries == whole.entries[1:3], filters


@pytest.mark.parametrize("seed", [16])
def test_kept_list_equals_recomputed_list_after_each_of_200_random_changes(registry, seed,
                                                                           caplog):
    rng = random.Random(seed)
    replay = Replay(rng)
    for _ in range(6):
        replay.capture()
    for n, text in enumerate(PSYCHIATRIC):  # the longest status, which must fit its column
        ingest(load_bytes(text.encode(), origin=f"psychiatric-{n}.txt"), trusted=True,
               country="KZ", published=f"2026-0{n + 1}-10", actor="test")
    with db.session() as s:
        list_rows.ready(s)
        assert "psychiatric_detention" in {e.status for e in list_rows.full(s, "KZ").entries}
    done: dict[str, int] = {}
    sizes = []
    read = None  # what the list's rows were at the step before, and their serial
    for step in range(200):
        what = replay.step()
        done[what] = done.get(what, 0) + 1
        with db.session() as s:
            _check(s, step, what)
            kept = list_rows.full(s, "KZ").entries
            sizes.append(len(kept))
            # What the site keeps per serial of the rows is never older than the rows: a
            # change to them numbers them anew (a stale serial would serve these from before).
            now = (_rows(kept), kept_counts(s), list_rows.facets(s, "KZ"))
            serial = list_rows.ready(s).serial("KZ")
            if read is not None and read[0] != now:
                assert serial > read[1], f"step {step} ({what}): the rows changed, not their serial"
            read = now, serial
            assert listing.page(s, "KZ", list_rows.today(), limit=0).counts == now[1]
            assert listing.filter_values(s, "KZ", list_rows.today()) == now[2], step
            if step % 20 == 19:  # past days: built on demand, cached per registry version
                for day in PAST:
                    assert _rows(listing.full_list(s, "KZ", day).entries) == _rows(
                        prisoner_list(s, "KZ", day).entries), f"step {step}, {day}"
                years = [f"{y}-01-01" for y in range(2019, 2027)] + [list_rows.today()]
                assert list_rows.sizes(s, "KZ", years) == list_sizes(s, "KZ", years)
                for e in list_rows.page(s, "KZ", limit=None).entries:
                    if e.person_id is not None:  # the dossier says what the row says
                        d = dossier(s, e.person_id)
                        assert d is not None and d.status == e.status, (step, e.name)
    # Kept in each change's own transaction, never by a reader's rebuild after a failure.
    assert "could not be kept up to date" not in caplog.text
    # The replay did all kinds of work, on a list that grew and shrank.
    assert {"capture", "review", "merge", "split", "assess", "publication",
            "edit_source"} <= set(done)
    assert max(sizes) >= 8 and sum(n > 0 for n in sizes) > 150, sizes
    assert any(b < a for a, b in zip(sizes, sizes[1:], strict=False)), sizes


def test_a_new_day_or_an_unhooked_change_rebuilds_the_rows(registry):
    """Rows of another day, or behind the audit log (a change by a process without the hook),
    are not served: the next reader rebuilds them first."""
    replay = Replay(random.Random(3))
    for _ in range(4):
        replay.capture()
    with db.session() as s:
        list_rows.ready(s)
        assert list_rows.current(s)
        s.execute(ListState.__table__.update().values(as_of="2000-01-01"))
        s.commit()
        assert not list_rows.current(s)
        list_rows.ready(s)
        assert list_rows.current(s)
        # Rows whose HTML another form of it made (other words, other code) are not served.
        made = s.scalar(select(ListState.settings))
        assert made is not None and made.endswith(f"html={list_html.form()}")
        s.execute(ListState.__table__.update().values(
            settings=made.replace(list_html.form(), "another form")))
        s.commit()
        assert not list_rows.current(s)
        list_rows.ready(s)
        assert s.scalar(select(ListState.settings)) == made
        assert _rows(list_rows.full(s, "KZ").entries) == _rows(
            prisoner_list(s, "KZ", list_rows.today()).entries)


def kept_counts(s: Session) -> dict[str, int]:
    return list_rows.counts(s, "KZ")[1]


def test_a_change_to_other_rows_keeps_what_the_site_read_from_these(registry):
    """What the site reads from one country's rows (counts, filter options, page marks) is
    kept while those rows stand (listing.cached_rows): a capture of another country's news,
    or a change to no row, leaves it; a change to its own rows makes it again."""
    replay = Replay(random.Random(5))
    for _ in range(3):
        replay.capture()
    belarus = ("Belarus: the Viasna human rights centre said that journalist Ihar Losik was "
               "detained by the KGB in Minsk on 25 June 2020 and charged under Article 342.\n")
    ingest(load_bytes(belarus.encode(), origin="by-1.txt"), trusted=True, country="BY",
           published="2020-06-26", actor="test")
    with db.session() as s:
        before = list_rows.ready(s)
        day = before.day
        options = listing.filter_values(s, "KZ", day)
        total = listing.page(s, "KZ", day, limit=0).counts["total"]
    ingest(load_bytes(belarus.replace("Ihar Losik", "Ales Bialiatski").encode(),
                      origin="by-2.txt"), trusted=True, country="BY", published="2021-07-15",
           actor="test")
    with db.session() as s:
        after = list_rows.ready(s)
        assert after.version > before.version
        assert after.serial("BY") > before.serial("BY") and "BY" in after.serials
        assert after.serial("KZ") == before.serial("KZ")
        assert listing.filter_values(s, "KZ", day) is options  # kept, not read again
    replay.capture()  # Kazakh news: its rows change
    with db.session() as s:
        again = list_rows.ready(s)
        assert again.serial("KZ") > after.serial("KZ")
        assert listing.page(s, "KZ", day, limit=0).counts == kept_counts(s)
        assert listing.page(s, "KZ", day, limit=0).counts["total"] >= total


def _three_captures() -> None:
    """A registry with a list to keep: three of the replay's captures (seed 5)."""
    replay = Replay(random.Random(5))
    for _ in range(3):
        replay.capture()


def _settled(registry: str) -> dict[str, tuple[int, int]]:
    """(times vacuumed, times analysed) of each of the list's tables, read on a connection of
    its own (a transaction's view of these counts does not move)."""
    with db.engine(registry).connect() as conn:
        return {name: (vacuumed, analysed) for name, vacuumed, analysed in conn.execute(sql(
            "SELECT relname, vacuum_count, analyze_count FROM pg_stat_user_tables "
            "WHERE schemaname = current_schema() AND relname = ANY(:names)"),
            {"names": list(list_rows.KEPT)})}


def test_a_rebuild_on_postgresql_leaves_the_tables_vacuumed_and_analysed(registry):
    """A rebuild rewrites every row, and until autovacuum comes (if it is on) PostgreSQL's
    planner has no statistics of the new rows and a deep page cannot be read off the index
    alone: the reader that rebuilt gives them both."""
    if not registry.startswith("postgresql"):
        pytest.skip("PostgreSQL's statistics and visibility map")
    _three_captures()
    with db.session() as s:
        list_rows.ready(s)
        before = _settled(registry)
        list_rows.ready(s)  # current: nothing is done
        assert _settled(registry) == before
        s.execute(ListState.__table__.update().values(as_of="2000-01-01"))
        s.commit()
        list_rows.ready(s)
    after = _settled(registry)
    assert set(after) == set(list_rows.KEPT)
    assert all(after[t][0] > before[t][0] and after[t][1] > before[t][1] for t in after)


def test_an_editors_change_that_rewrites_every_row_leaves_them_vacuumed_on_postgresql(
        registry, monkeypatch):
    """A change the list cannot narrow to some persons (a person's publication: what is
    redacted in everyone's rows) rewrites every row in the editor's own transaction; the
    next reader finds them current and settles nothing, so the commit settles them."""
    if not registry.startswith("postgresql"):
        pytest.skip("PostgreSQL's statistics and visibility map")
    _three_captures()
    with db.session() as s:
        list_rows.ready(s)
        pid = s.scalar(select(Person.id).order_by(Person.id))
        assert pid is not None
        before = _settled(registry)
        seen: list[str] = []  # the person's publication as committed, at each settle
        settle = list_rows._settle

        def watched(session):
            with db.engine(registry).connect() as conn:
                seen.append(conn.scalar(select(Person.publication).where(Person.id == pid)))
            settle(session)

        monkeypatch.setattr(list_rows, "_settle", watched)
        claim = s.scalar(select(Claim.id).where(Claim.person_id == pid))
        assert claim is not None
        review.set_state(s, [claim], "rejected", "test")
        s.commit()  # narrowed to one person: no vacuum
        assert _settled(registry) == before
        person_edit.set_publication(s, pid, person_edit.publication("anonymised"), "test")
        s.commit()
        assert list_rows.current(s)
    after = _settled(registry)
    assert all(after[t][0] > before[t][0] and after[t][1] > before[t][1] for t in after)
    # once, after the commit (another connection sees the change), not at the release of the
    # savepoint the rewrite is made in: VACUUM then could not clear the old rows
    assert seen == ["anonymised"]


def test_a_failure_keeping_the_rows_keeps_the_change_and_the_next_reader_rebuilds(registry,
                                                                                  caplog):
    """The rows are derived: if keeping them fails (here an audit entry the rule cannot read),
    the editor's change still commits, the failure is logged, and the rows are rebuilt by the
    next reader rather than served stale."""
    from casefile.registry import audit

    _three_captures()
    with db.session() as s:
        list_rows.ready(s)
        pid = s.scalar(select(Person.id).order_by(Person.id))
        assert pid is not None
        audit.record(s, "test", "capture", "source:not-a-number")
        person_edit.set_publication(s, pid, person_edit.publication("anonymised"), "test")
        s.commit()
    assert "could not be kept up to date" in caplog.text
    with db.session() as s:
        assert s.get(Person, pid).publication == "anonymised"  # the change is there
        assert not list_rows.current(s)
        list_rows.ready(s)
        assert _rows(list_rows.full(s, "KZ").entries) == _rows(
            prisoner_list(s, "KZ", list_rows.today()).entries)


def test_a_correction_that_retires_another_persons_version_updates_their_row(registry):
    """An editor gives a claim to another person (a first correction), then corrects the
    source's own claim again without naming a person: the claim goes back to the first
    person, and the other's row must lose it, though the second correction names neither
    the other person nor their claim (only the original and the new one)."""
    text = ("Political prisoners in Kazakhstan\n\nCONVICTED\n\n"
            "1. Aigul NURTAZINA – 8 years' imprisonment under Article 174. "
            "Detained on 2024-01-02.\n"
            "2. Serik OMAROV – 9 years' imprisonment under Article 274. "
            "Detained on 2023-03-04.\n")
    ingest(load_bytes(text.encode(), origin="two.txt"), trusted=True, country="KZ",
           published="2025-01-10", actor="test")
    with db.session() as s:
        list_rows.ready(s)
        ids = {p.display_name.split()[-1].upper(): p.id for p in s.scalars(select(Person))}
        aigul, serik = ids["NURTAZINA"], ids["OMAROV"]
        claim = s.scalars(select(Claim).where(Claim.person_id == aigul,
                                              Claim.predicate == "charged_under")).one()
        review.correct(s, claim.id, "test", person_id=serik)
        s.commit()
    with db.session() as s:
        row = {e.person_id: e for e in list_rows.full(s, "KZ").entries}[serik]
        assert "174" in {a.article for a in row.articles}  # the first correction took
        review.correct(s, claim.id, "test", value="179")
        s.commit()
    with db.session() as s:
        _check(s, 0, "a correction retiring another person's version")
        row = {e.person_id: e for e in list_rows.full(s, "KZ").entries}[serik]
        assert {a.article for a in row.articles} == {"274"}


@pytest.mark.parametrize("sort", list_rows.SORTS)
def test_a_page_from_a_mark_is_the_page_offset_gives(registry, monkeypatch, sort):
    """A deep page starts from the sort's mark before it (`marks`) instead of skipping every
    row before it: the same rows, in either direction, with a filter or none, in entries and
    in kept HTML, at every offset up to past the end (marks every 2 rows, so a small list
    has many)."""
    replay = Replay(random.Random(7))
    for _ in range(14):
        replay.capture()
    monkeypatch.setattr(list_rows, "STEP", 2)
    with db.session() as s:
        list_rows.ready(s)
        full = list_rows.full(s, "KZ").entries
        status = max({e.status for e in full}, key=lambda st: sum(e.status == st for e in full))
        for filters in ({}, {"status": status}):
            total = list_rows.counts(s, "KZ", **filters)[0]
            assert total >= 5  # three marks or more, or the test proves little
            for desc in (False, True):
                marked = list_rows.marks(s, "KZ", **filters, sort=sort, desc=desc)
                assert len(marked) == -(-total // 2)
                for offset in range(total + 2):
                    ask = dict(filters, sort=sort, desc=desc, offset=offset, limit=4)
                    plain = list_rows.page(s, "KZ", **ask)
                    assert list_rows.page(s, "KZ", **ask, marked=marked).entries == \
                        plain.entries
                    assert list_rows.page(s, "KZ", **ask, lang="ru", marked=marked).html == \
                        list_rows.page(s, "KZ", **ask, lang="ru").html
                    assert len(plain.entries) == max(0, min(4, total - offset))
        day = listing.kept_day(s)  # the site's list pages take the marks it keeps
        for offset in range(list_rows.counts(s, "KZ")[0] + 1):
            assert listing.page(s, "KZ", day, sort=sort, descending=True, offset=offset,
                                limit=4).entries == list_rows.page(
                s, "KZ", sort=sort, desc=True, offset=offset, limit=4).entries
