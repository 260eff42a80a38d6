"""One read model: the list and the dossier ask casefile.assess.standing, so they agree on every
person's status and sentence, and both read only the sources known on their date."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from casefile.registry import db
from casefile.reports.dossier import PublicDossier, dossier, to_json
from casefile.reports.prisoners import list_sizes, prisoner_list
from tests.conftest import SEEDS
from tests.helpers import run

DRIFT = (
    "Kazakhstan: the court sentenced activist Aigul Nurtazina to 2 years in prison on "
    "3 March 2021, her lawyer said.\n\n"
    "Political prisoners in Kazakhstan\n\nCONVICTED\n\n"
    "1. Aigul NURTAZINA – 1 year's imprisonment under Article 274. "
    "Convicted on 3 March 2021.\n")


def _capture(tmp_path, name: str, text: str, published: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = run("capture", str(path), "--trusted", "--country", "KZ", "--published", published)
    assert out.exit_code == 0, out.output


def _prison_months(d: PublicDossier) -> list[float]:
    return sorted(t.months for t in d.sentence if t.kind == "imprisonment")


def _recognised(d: PublicDossier) -> bool:
    """Whether the list considers the person at all (a list names them, or an assessment
    does, and no assessment says their case is not one)."""
    decision = d.assessment.decision if d.assessment else None
    return decision == "political_prisoner" or (
        decision != "not" and any(t.type == "listed" for t in d.timeline))


def _disagreements(s: Session, day: str, person_ids: list[int]) -> list[str]:
    """On the list: the dossier gives the same status and prison terms. Off it: the dossier
    says the person is not held, or no list known on the day (nor an assessment) names them."""
    rows = {e.person_id: e for e in prisoner_list(s, "KZ", day).entries}
    out = []
    for pid in person_ids:
        d = dossier(s, pid, as_of=day)
        if d is None or d.person_id != pid:
            continue
        e = rows.get(pid)
        want: tuple[str | None, list[float]] = (
            (e.status, sorted(e.sentence_months)) if e else (None, []))
        got = (d.status, _prison_months(d)) if e else (
            (d.status if _recognised(d) else None), [])
        if got != want:
            out.append(f"{day} person {pid} {d.name}: list {want}, dossier {got}")
    return out


def test_one_source_list_entry_and_prose_remark_list_and_dossier_agree(registry, tmp_path):
    """A list entry says 1 year, a remark in the prose of the same source 2 years: the
    entry, extracted with more confidence, speaks for the sentence in both; the remark stays
    on the dossier as what the source also states. A year and a bit later the term is
    served: the list leaves her out, and the dossier no longer says she is held."""
    _capture(tmp_path, "drift.txt", DRIFT, "2021-03-10")
    with db.session() as s:
        early, late = prisoner_list(s, "KZ", "2021-06-01"), prisoner_list(s, "KZ", "2022-06-01")
        [row] = early.entries
        assert row.status == "convicted" and row.sentence_months == [12.0]
        assert late.entries == []
        pid = row.person_id
        assert pid is not None
        then, now = dossier(s, pid, as_of="2021-06-01"), dossier(s, pid, as_of="2022-06-01")
        assert then is not None and now is not None
        assert then.status == "convicted" and _prison_months(then) == [12.0]
        assert [t.months for t in then.other_terms] == [24.0]  # the conflict stays visible
        assert now.status is None and now.status_label == "Not known to be held"
        for day in ("2021-03-09", "2021-06-01", "2022-06-01"):
            assert _disagreements(s, day, [pid]) == []


def test_list_and_dossier_agree_for_every_seed_person_on_four_dates(registry):
    """The seeds are dated 2014 to 2023, so each date knows a different set of sources."""
    for path in sorted(SEEDS.glob("*.txt")):
        assert run("capture", str(path), "--trusted", "--country", "KZ").exit_code == 0
    from sqlalchemy import select

    from casefile.registry.models import Person

    days = ["2015-01-01", "2020-06-01", "2022-06-01", "2023-09-01"]
    with db.session() as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        sizes = list_sizes(s, "KZ", days)
        assert sizes == [len(prisoner_list(s, "KZ", d).entries) for d in days]
        assert sizes[-1] >= 47 and sizes[0] < sizes[-1]
        problems = [p for day in days for p in _disagreements(s, day, ids)]
    assert problems == []


def test_a_list_as_of_a_date_cites_no_later_source(registry, tmp_path):
    """Sources published after the list's date give it no row, status, charge or quote; a
    source dated only to its month counts from the month's first day."""
    _capture(tmp_path, "may.txt", (
        "Political prisoners in Kazakhstan\n\nCONVICTED\n\n"
        "1. Aigul NURTAZINA – 5 years' imprisonment under Article 274. "
        "Convicted on 1 March 2024.\n"), "2024-05-10")
    _capture(tmp_path, "september.txt", (
        "Political prisoners in Kazakhstan\n\nCONVICTED\n\n"
        "1. Aigul NURTAZINA – 5 years' imprisonment under Article 174. "
        "Convicted on 1 March 2024.\n"
        "2. Marat ZHYLANBAYEV – 7 years' imprisonment under Article 405. "
        "Convicted on 2 August 2024.\n"), "2024-09")
    lists = {day: json.loads(run("report", "prisoners", "--country", "KZ", "--as-of", day,
                                 "--format", "json").stdout)
             for day in ("2024-07-01", "2024-08-31", "2024-09-01")}
    july = lists["2024-07-01"]
    assert [p["name"] for p in july["persons"]] == ["Aigul Nurtazina"]
    [row] = july["persons"]
    assert {src["published_at"] for src in row["sources"]} == {"2024-05-10"}
    assert row["articles"] == ["274"]
    assert [p["name"] for p in lists["2024-08-31"]["persons"]] == ["Aigul Nurtazina"]
    september = {p["name"]: p for p in lists["2024-09-01"]["persons"]}
    assert set(september) == {"Aigul Nurtazina", "Marat Zhylanbayev"}
    assert {src["published_at"] for src in september["Aigul Nurtazina"]["sources"]} == {
        "2024-05-10", "2024-09"}
    with db.session() as s:
        pid = row["id"]
        d = dossier(s, pid, as_of="2024-07-01")
        assert d is not None and [src.published_at for src in d.sources] == ["2024-05-10"]
        assert [c.article for c in d.charges] == ["274"]
        assert {t.fact.source_id for t in d.timeline} == {d.sources[0].id}
        everything = dossier(s, pid)
        assert everything is not None and len(everything.sources) == 2
        assert dossier(s, september["Marat Zhylanbayev"]["id"], as_of="2024-08-31") is None


def test_persons_show_prints_the_record_the_api_serves(registry, tmp_path):
    """`casefile persons show ID --format json` is the API's JSON of the same dataclass."""
    from fastapi.testclient import TestClient

    from casefile.web.app import create_app

    _capture(tmp_path, "drift.txt", DRIFT, "2021-03-10")
    with db.session() as s:
        pid = prisoner_list(s, "KZ", "2021-06-01").entries[0].person_id
        assert pid is not None
        built = dossier(s, pid)
        assert built is not None
        expected = json.loads(to_json(built.public()))
    shown = run("persons", "show", str(pid), "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == expected
    with TestClient(create_app(secure_cookies=False)) as client:
        assert client.get(f"/api/v1/persons/{pid}").json() == expected
    text = run("persons", "show", str(pid), "--as-of", "2021-06-01").stdout
    assert "Status as of 2021-06-01: Convicted" in text
    assert "1 year (imprisonment)" in text and "2 years (imprisonment)" in text
    assert "“1. Aigul NURTAZINA – 1 year's imprisonment" in text
    assert run("persons", "show", str(pid), "--as-of", "2021-03-09").exit_code != 0
    assert run("persons", "show", str(pid), "--as-of", "2021-02-30").exit_code != 0


def test_statuses_are_declared_once():
    """The custody statuses are casefile.assess.status's; the data files name no other, and
    each has its labels."""
    from casefile import vocab
    from casefile.assess.status import STATUSES

    custody = {t["custody"] for t in vocab.event_types().values() if t.get("custody")}
    assert custody <= set(STATUSES)
    assert set(vocab.load("report-labels.yml")["statuses"]) == set(STATUSES)
