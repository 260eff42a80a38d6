"""Figures and mass events go through ingest like any claim: stored without a person, held
for review, accepted or rejected by editors, and read side by side (casefile.reports.figures)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casefile.errors import CasefileError
from casefile.registry import db, review
from casefile.registry.ingest import capture
from casefile.registry.models import Claim, Event, Person
from casefile.reports.figures import figure_groups, figure_records
from tests.conftest import seed


def _figure_claims(s, predicate: str) -> list[Claim]:
    return list(s.scalars(select(Claim).where(Claim.predicate == predicate)))


def test_mass_events_wait_for_review_and_credit_no_person(registry):
    capture(str(seed("004")), country="KZ")
    with db.session() as s:
        mass = _figure_claims(s, "mass_event")
        assert {(c.value, c.date, c.detail.get("count")) for c in mass} == {
            ("mass_detention", "2019-07-06", 700), ("protest_dispersed", "2018-05-10", None)}
        assert all(c.person_id is None and c.state == "proposed" for c in mass)
        assert {c.id for c in mass} <= {c.id for c in review.proposed(s, limit=1000)}
        # no event row, and no person, was made of the crowd
        assert s.scalar(select(func.count()).select_from(Event)
                        .where(Event.claim_id.in_([c.id for c in mass]))) == 0
        assert figure_records(s, public=True) == []
        assert len(figure_records(s, public=False)) == 2
        persons_before = s.scalar(select(func.count()).select_from(Person))
    with db.transaction() as s:
        crowd = next(c for c in _figure_claims(s, "mass_event") if c.value == "mass_detention")
        review.set_state(s, [crowd.id], "accepted", "editor")
    with db.session() as s:
        (shown,) = figure_records(s, public=True)
        assert (shown.kind, shown.measure, shown.count, shown.date) == \
            ("mass_event", "mass_detention", 700, "2019-07-06")
        assert s.scalar(select(func.count()).select_from(Person)) == persons_before


def test_trusted_figures_side_by_side_and_a_rejected_one_leaves(registry):
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    with db.session() as s:
        groups = figure_groups(figure_records(s, public=True, measure="killed"))
        (jan,) = [g for g in groups if g.event_key == "2022-01"]
        # the words of the event, with the month they leave out
        assert jan.heading() == "in the shooting of peaceful protests and related events " \
            "(2022-01)"
        counted = [(r.count, r.qualifier, r.who) for r in jan.figures]
        assert (238, None, "official") in counted and (256, "about", "rights_defenders") in \
            counted
        # never combined: every figure keeps its own row and no count is a mean or a sum
        assert not {(238 + 256) / 2, 238 + 256} & {r.count for r in jan.figures}
        official = next(r for r in jan.figures if r.who == "official")
        assert official.quote and "238 people were killed" in official.quote
        assert official.publisher == "Open Dialogue" and official.dated_by == "source"
        convicted = [r for r in figure_records(s, measure="convicted") if r.count == 1273]
        assert any(r.dated_by == "as_of" and r.date == "2023-05" for r in convicted)
    with db.transaction() as s:
        review.set_state(s, [official.claim], "rejected", "editor", reason="wrong count")
    with db.session() as s:
        assert official.claim not in {r.claim for r in figure_records(s, measure="killed")}


def test_a_figure_is_corrected_only_to_a_known_measure(registry):
    capture(str(seed("004")), country="KZ")
    with db.transaction() as s:
        crowd = next(c for c in _figure_claims(s, "mass_event") if c.value == "mass_detention")
        with pytest.raises(CasefileError, match="unknown mass event"):
            review.correct(s, crowd.id, "editor", value="picnic")
        new = review.correct(s, crowd.id, "editor", date="2019-07-07", reason="next day")
        assert new.person_id is None and new.detail["count"] == 700
    with db.session() as s:
        (shown,) = figure_records(s, public=True)
        assert shown.date == "2019-07-07"


def test_a_confidential_figure_is_in_no_view(registry):
    capture(str(seed("002")), trusted=True, country="KZ")
    with db.transaction() as s:
        secret = next(c for c in _figure_claims(s, "figure") if c.detail.get("count") == 5350)
        secret.confidential = True
    with db.session() as s:
        for public in (True, False):
            claims = {r.claim for r in figure_records(s, public=public)}
            assert claims and secret.id not in claims
