"""Recommendations stored at capture beside the claims (issue 15): seed 002's Annex 2 with the
registry persons its items name, re-extraction adding nothing twice, progress tracked
append-only, and what the public may read of them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from casefile.errors import CasefileError
from casefile.registry import db, inventory, person_edit
from casefile.registry import recommendations as recs
from casefile.registry.models import (
    AuditEntry,
    Person,
    Recommendation,
    RecommendationPerson,
    RecommendationProgress,
    Source,
)
from casefile.reports.recommendations import recommendation_records
from tests.conftest import seed
from tests.helpers import run


def _sanctions() -> Recommendation:
    with db.session() as s:
        return s.scalars(select(Recommendation).where(
            Recommendation.quote.startswith("to impose personal sanctions"))).one()


def _count(model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_capture_stores_annex_2_with_the_persons_it_names(registry):
    run("capture", str(seed("002")), "--trusted")
    with db.session() as s:
        rows = s.scalars(select(Recommendation).order_by(Recommendation.start)).all()
        src = s.get(Source, 1)
        assert len(rows) == 12
        assert all(src.text[r.start:r.end] == r.quote for r in rows)
        assert {r.date for r in rows} == {src.published_at}
        assert "osce" in rows[0].institutions and "un" in rows[0].institutions
        linked = s.execute(select(RecommendationPerson.mention, Person.display_name)
                           .join(Person, Person.id == RecommendationPerson.person_id)
                           .where(RecommendationPerson.recommendation_id == rows[-1].id)).all()
        capture = s.scalars(select(AuditEntry).where(AuditEntry.action == "capture")).one()
    # Annex 3 makes records of the four officials; the item links to those, not to new ones.
    assert {m for m, _ in linked} == {"Kasym-Jomart Tokayev", "Imangali Tasmagambetov",
                                      "Timur Kulibayev", "Roman Vasilenko"}
    assert {d for _, d in linked} >= {"Timur Kulibayev", "Roman Vasilenko"}
    assert capture.detail["recommendations"] == 12


def test_reextracting_adds_nothing_twice(registry):
    run("capture", str(seed("002")))
    before = (_count(Recommendation), _count(RecommendationPerson), _count(Person))
    with db.transaction() as s:
        inventory.reextract(s, 1, "anna")
        assert recs.store(s, s.get(Source, 1)) == 0
    assert (_count(Recommendation), _count(RecommendationPerson), _count(Person)) == before


def test_a_new_publication_date_dates_the_recommendations(registry):
    run("capture", str(seed("002")))
    with db.transaction() as s:
        inventory.edit(s, 1, inventory.Metadata(published_at="2023-09-01"), "anna", "the PDF")
    with db.session() as s:
        assert set(s.scalars(select(Recommendation.date))) == {"2023-09-01"}


def test_a_source_without_recommendations_stores_none(registry):
    run("capture", str(seed("003")))
    assert _count(Recommendation) == 0


def test_progress_is_tracked_and_append_only(registry):
    run("capture", str(seed("002")), "--trusted")
    rec = _sanctions()
    with db.transaction() as s:
        recs.track(s, recs.Progress(rec.id, "not_implemented", "2024-01-15", "anna",
                                    source_id=1, quote="Kazakhstan refuses to implement the "
                                    "recommendation of the European Parliament resolution"))
        recs.track(s, recs.Progress(rec.id, "partly", "2024-06-01", "bob",
                                    note="an MEP told us the list is being drafted"))
    with db.session() as s:
        rows = s.scalars(select(RecommendationProgress).order_by(RecommendationProgress.id)).all()
        assert [(r.status, r.editor, r.source_id) for r in rows] == [
            ("not_implemented", "anna", 1), ("partly", "bob", None)]
        assert rows[0].quote.startswith("Kazakhstan refuses")
        src = s.get(Source, 1)
        assert src.text[rows[0].start:rows[0].start + len(rows[0].quote)] == rows[0].quote
        log = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "track-recommendation")).all()
        assert len(log) == 2 and all("MEP" not in str(e.detail) for e in log)
    # History is kept: the database refuses to rewrite or delete a progress row.
    for statement in (update(RecommendationProgress).values(status="implemented"),
                      text("DELETE FROM recommendation_progress")):
        with pytest.raises(DBAPIError, match="append-only"), db.transaction() as s:
            s.execute(statement)
    assert _count(RecommendationProgress) == 2


@pytest.mark.parametrize("change, message", [
    ({"status": "done"}, "--status must be one of"),
    ({"date": "2024-02-30"}, "--date must be a date YYYY-MM-DD"),
    ({"source_id": None, "quote": None}, "give the evidence"),
    ({"note": "also a note"}, "give the evidence"),
    ({"source_id": None, "note": "n"}, "--quote goes with --evidence"),
    ({"quote": "words the source never wrote"}, "the quote is not in the source"),
    ({"source_id": 999}, "no source with id 999"),
    ({"recommendation_id": "f" * 40}, "no recommendation with id"),
    ({"editor": " "}, "say who tracks it"),
])
def test_bad_progress_is_refused_and_leaves_nothing(registry, change, message):
    run("capture", str(seed("002")))
    rec = _sanctions()
    before = (_count(RecommendationProgress), _count(AuditEntry))
    fields = {"recommendation_id": rec.id, "status": "implemented", "date": "2024-05-01",
              "editor": "anna", "source_id": 1, "quote": "Annex 2", **change}
    with pytest.raises(CasefileError, match=message), db.transaction() as s:
        recs.track(s, recs.Progress(**fields))
    assert (_count(RecommendationProgress), _count(AuditEntry)) == before


def test_the_public_reads_public_sources_named_persons_and_public_evidence(registry):
    run("capture", str(seed("002")), "--trusted")
    run("capture", str(seed("003")))  # not trusted: its claims wait, so it is not public yet
    rec = _sanctions()
    with db.transaction() as s:
        recs.track(s, recs.Progress(rec.id, "not_implemented", "2024-01-15", "anna",
                                    source_id=1, quote="Kazakhstan refuses to implement"))
        recs.track(s, recs.Progress(rec.id, "partly", "2024-02-01", "anna",
                                    source_id=2, quote="Kazakhstan"))
        recs.track(s, recs.Progress(rec.id, "implemented", "2024-03-01", "anna",
                                    note="secret: a diplomat told us"))
        kulibayev = s.scalars(select(RecommendationPerson.person_id).where(
            RecommendationPerson.recommendation_id == rec.id,
            RecommendationPerson.mention == "Timur Kulibayev")).one()
        person_edit.set_publication(s, kulibayev, person_edit.publication("withheld"),
                                    "anna", "safety")
    with db.session() as s:
        public = {r.id: r for r in recommendation_records(s, public=True)}
        editors = {r.id: r for r in recommendation_records(s, public=False)}
    assert len(public) == 12
    mine, theirs = public[rec.id], editors[rec.id]
    assert [p.status for p in theirs.progress] == ["not_implemented", "partly", "implemented"]
    assert theirs.progress[-1].note == "secret: a diplomat told us"
    # Only the entry whose evidence the public can read; no editor, no note.
    assert [(p.status, p.source_id, p.note, p.editor) for p in mine.progress] == [
        ("not_implemented", 1, None, None)]
    assert "Timur Kulibayev" in {p.name for p in theirs.persons}
    assert "Kulibayev" not in {p.name for p in mine.persons} | {p.mention for p in mine.persons}
    assert "Kulibayev" not in mine.text and "[passage withheld]" in mine.text
    assert "Kulibayev" in theirs.text
    with db.session() as s:
        assert [r.id for r in recommendation_records(s, public=True, addressee="osce")]
        assert recommendation_records(s, public=True, addressee="interpol") == []
