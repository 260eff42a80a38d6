"""Timelines and statistics over time on the seeds: a person's dated events in order with the
undated apart, a country's events by month, and the counts by article, region, gender and
category, none of them telling of a withheld person or a confidential claim."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from casefile.assess.status import period_start
from casefile.registry import db
from casefile.registry.models import Person
from casefile.reports.dossier import dossier
from casefile.reports.dossier_text import render
from casefile.reports.events import event_records
from casefile.reports.prisoners import recognised
from casefile.reports.statistics import DIMENSIONS, first_custody_year, statistics, to_csv
from casefile.reports.timeline import country_timeline, person_timeline
from tests.helpers import run
from tests.web.conftest import fill


def _person(name: str) -> int:
    with db.session() as s:
        return s.scalars(select(Person.id).where(Person.display_name == name)).one()


def _dated_person() -> int:
    """A recognised person with a year of detention (the seeds have several)."""
    with db.session() as s:
        records = recognised(s, "KZ")
    return min(root for root, rec in records.items() if first_custody_year(rec.events))


def test_person_timeline_orders_dated_events_and_keeps_undated_apart(registry):
    fill()
    with db.session() as s:
        d = dossier(s, _person("Moldabay Sadibekov"))
    assert d is not None
    tl = person_timeline(d)
    assert [(t.date, t.type) for t in tl.dated] == [("2022-01-10", "detained"),
                                                     ("2022-07-06", "convicted")]
    assert [t.type for t in tl.undated] == ["charged"] and tl.undated[0].date is None
    assert tl.undated[0].known_by  # shown with the date its source became known
    # every event of the dossier once, none guessed into the order
    assert Counter(t.fact.claim_id for t in [*tl.dated, *tl.undated]) == Counter(
        t.fact.claim_id for t in d.timeline)
    text = render(d)
    dated_at = text.index("2022-07-06")
    assert text.index("Events the sources do not date:") > dated_at
    assert "date unknown" not in text


def test_every_public_timeline_is_in_date_order(registry):
    fill()
    with db.session() as s:
        timelines = [person_timeline(d) for pid in s.scalars(select(Person.id))
                     if (d := dossier(s, pid)) is not None]
    assert sum(bool(t.undated) for t in timelines) > 3
    for tl in timelines:
        starts = [period_start(t.date or "") for t in tl.dated]
        assert starts == sorted(starts) and all(t.date is None for t in tl.undated)


def test_country_timeline_counts_each_dated_event_once(registry):
    fill()
    with db.session() as s:
        tl = country_timeline(s, "kz")
        events = event_records(s, country="KZ")
    months = dict(tl.months)
    assert sum(months.values()) + tl.year_only == len(tl.events) > 20
    assert Counter({m: n for m, n in months.items() if n}) == Counter(
        (e.date or "")[:7] for e in tl.events if len(e.date or "") >= 7)
    assert len(tl.events) + len(tl.undated) == len(events)
    assert [m for m, _ in tl.months] == sorted(months)  # every month between, in order
    assert [e.date for e in tl.events] == sorted(e.date or "" for e in tl.events)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_statistics_count_each_dated_person_per_year(registry, dimension):
    fill()
    with db.session() as s:
        st = statistics(s, "KZ", dimension)
        records = recognised(s, "KZ")
    years = Counter(y for rec in records.values() if (y := first_custody_year(rec.events)))
    assert st.persons == sum(years.values()) > 5
    assert st.persons + st.undated == len(records)
    assert st.periods[0] == min(years) and st.periods[-1] == max(years)
    rows = to_csv(st).splitlines()
    assert rows[0].split(",")[0] == "year" and len(rows) == len(st.periods) + 1
    for i, period in enumerate(st.periods):
        counted = [x.counts[i] for x in st.series]
        if dimension in ("gender", "category"):  # one value a person: the series add up
            assert sum(counted) == years[period]
        else:  # several values a person: each counted at most once per series
            assert max(counted, default=0) <= years[period] <= sum(counted)


def test_gender_counts_follow_the_persons_table(registry):
    fill()
    pid = _dated_person()
    with db.transaction() as s:
        s.get(Person, pid).gender = "female"
    with db.session() as s:
        st = statistics(s, "KZ", "gender")
        year = first_custody_year(recognised(s, "KZ")[pid].events)
    female = next(x for x in st.series if x.value == "female")
    assert female.total == 1 and female.counts[st.periods.index(year)] == 1


def test_withheld_and_anonymised_persons_and_confidential_claims(registry, monkeypatch):
    monkeypatch.setattr("casefile.reports.statistics.KEPT", 100)  # every article a column
    fill()
    pid = _dated_person()
    with db.session() as s:
        before = {d: statistics(s, "KZ", d) for d in DIMENSIONS}
    # a confidential charge and detention change nothing public
    for kind, value, date in (("charge", "999", None), ("event", "detained", "1990-05-01")):
        assert run("claims", "add", "--person", str(pid), "--kind", kind, "--value", value,
                   *(("--date", date) if date else ()), "--reason", "test",
                   "--confidential", "--as", "ed").exit_code == 0
    with db.session() as s:
        after = statistics(s, "KZ", "article")
        tl = country_timeline(s, "KZ")
    assert after == before["article"] and "999" not in to_csv(after).splitlines()[0]
    assert all(not (e.date or "").startswith("1990") for e in tl.events)
    # the same charge made public is counted: the check above can fail
    assert run("claims", "add", "--person", str(pid), "--kind", "charge", "--value", "998",
               "--reason", "test", "--as", "ed").exit_code == 0
    with db.session() as s:
        assert "998" in to_csv(statistics(s, "KZ", "article")).splitlines()[0].split(",")
    # anonymised with the default fields (status, category): no year, so not drawn
    assert run("persons", "publication", str(pid), "anonymised", "--as", "ed").exit_code == 0
    with db.session() as s:
        anon = statistics(s, "KZ", "category")
    assert (anon.persons, anon.undated) == (before["category"].persons - 1,
                                            before["category"].undated + 1)
    # withheld, even counted in the list's totals: counted nowhere
    assert run("persons", "publication", str(pid), "withheld", "--count-only",
               "--as", "ed").exit_code == 0
    with db.session() as s:
        gone = {d: statistics(s, "KZ", d) for d in DIMENSIONS}
        tl = country_timeline(s, "KZ")
    for d in DIMENSIONS:
        assert gone[d].persons + gone[d].undated == before[d].persons + before[d].undated - 1
        assert gone[d].persons == before[d].persons - 1
    assert all(e.person_id != pid for e in [*tl.events, *tl.undated])
