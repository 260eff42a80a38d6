"""A source's country decides where its facts are filed: captured from the text (a parole
notice that names only Almaty is a Kazakhstan source), and correctable afterwards, with the
facts moving to the persons' cases in the new country and an audit entry. On SQLite and
PostgreSQL (the `registry` fixture)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from casefile.errors import CasefileError
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import AuditEntry, Case, Charge, Claim, Event, Person, Source
from casefile.registry.source_edit import cases_when_unknown, set_country
from tests.helpers import run

# Texts of our own, in the layout of an NGO list and of a news item.
LIST = """Political prisoners held in Almaty, 1 March 2024

CONVICTED
1. Marat ZHYLANBAYEV – 7 years’ imprisonment under Article 405 of the Criminal Code.
2. Aigul UTEPOVA – 5 years’ imprisonment under Article 174 of the Criminal Code.
"""
PAROLE = """Almaty, 10 May 2024. Marat Zhylanbayev was released on parole on 10 May 2024 by the
Almaty city court.
"""
SILENT = ("On 3 June 2024 the activist Dana Serikova was detained and sentenced to 3 years' "
          "imprisonment under Article 174.\n")


def _capture(tmp_path, name: str, text: str, **kw) -> int:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return capture(str(path), trusted=True, **kw).source_id


def _report(country: str, as_of: str = "2024-06-01") -> list[str]:
    out = run("report", "prisoners", "--country", country, "--as-of", as_of, "--format", "json")
    return [p["name"] for p in json.loads(out.stdout)["persons"]]


def _facts(source_id: int) -> int:
    """How many charges and events the source's claims produced."""
    with db.session() as s:
        ids = select(Claim.id).where(Claim.source_id == source_id)
        return sum(len(s.scalars(select(m.id).where(m.claim_id.in_(ids))).all())
                   for m in (Charge, Event))


def _cases(person_name: str) -> dict[str, tuple[int, int]]:
    """country -> (events, charges) of the person's cases."""
    with db.session() as s:
        person = s.scalars(select(Person).where(Person.display_name == person_name)).one()
        return {c.country: (len(c.events), len(c.charges))
                for c in s.scalars(select(Case).where(Case.person_id == person.id))}


def test_a_parole_notice_naming_only_almaty_takes_its_person_off_the_kz_list(registry, tmp_path):
    _capture(tmp_path, "list.txt", LIST)
    assert _report("KZ", "2024-04-01") == ["Marat Zhylanbayev", "Aigul Utepova"]
    parole = _capture(tmp_path, "parole.txt", PAROLE)
    with db.session() as s:
        assert s.get(Source, parole).country == "KZ"  # from Almaty; the text never says Kazakhstan
    assert _report("KZ") == ["Aigul Utepova"]
    assert set(_cases("Marat Zhylanbayev")) == {"KZ"}  # one case: the facts are not split


def test_set_country_moves_the_facts_and_logs(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    facts, marat = _facts(first), _cases("Marat Zhylanbayev")["KZ"]
    assert facts >= 4 and marat[1] == 1  # at least listed + charged for each; one charge
    with db.transaction() as s:
        change = set_country(s, first, "by", "anna", "the list is Viasna's")
    assert (change.old, change.new, change.persons) == ("KZ", "BY", 2)
    assert (change.moved, change.added, change.removed_cases) == (facts, 0, 2)
    assert _cases("Marat Zhylanbayev") == {"BY": marat}
    assert _report("KZ", "2024-04-01") == []
    assert _report("BY", "2024-04-01") == ["Marat Zhylanbayev", "Aigul Utepova"]
    with db.session() as s:
        codes = set(s.scalars(select(Charge.code)))
        titles = set(s.scalars(select(Charge.title)))
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-country")).one()
    assert codes == {"BY-CC"} and titles == {None}  # no Belarus code data: no KZ titles left
    assert log.actor == "anna" and log.target == f"source:{first}"
    assert log.detail["country"] == ["KZ", "BY"] and log.detail["moved"] == facts
    assert log.detail["reason"] == "the list is Viasna's"


def test_moving_back_restores_the_code_and_titles(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    with db.session() as s:
        before = sorted((c.code, c.article, c.title) for c in s.scalars(select(Charge)))
    with db.transaction() as s:
        set_country(s, first, "BY", "anna")
    with db.transaction() as s:
        set_country(s, first, "KZ", "anna")
    with db.session() as s:
        after = sorted((c.code, c.article, c.title) for c in s.scalars(select(Charge)))
    assert after == before and before[0][2]  # the KZ criminal code's article title is back


def test_only_this_sources_facts_move(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    listed = _cases("Marat Zhylanbayev")["KZ"]
    parole = _capture(tmp_path, "parole.txt", PAROLE)
    assert _facts(parole) == 1  # the parole event
    with db.transaction() as s:
        change = set_country(s, parole, "RU", "anna")
    assert change.moved == 1 and change.removed_cases == 0  # the KZ case keeps the list's facts
    assert _cases("Marat Zhylanbayev") == {"KZ": listed, "RU": (1, 0)}
    assert _facts(first) == sum(listed) + sum(_cases("Aigul Utepova")["KZ"])


def test_same_country_changes_nothing_and_logs_nothing(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    with db.transaction() as s:
        change = set_country(s, first, "KZ", "anna")
    assert not change.changed
    with db.session() as s:
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "source-country")
                             ).all()


def test_unknown_source_or_country_is_refused(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    with db.transaction() as s, pytest.raises(CasefileError, match="no source"):
        set_country(s, 999, "KZ", "anna")
    with db.transaction() as s, pytest.raises(CasefileError, match="unknown country"):
        set_country(s, first, "XX", "anna")
    with db.session() as s:
        assert s.get(Source, first).country == "KZ"


def test_a_source_without_a_country_gets_one_and_its_facts_follow(registry, tmp_path):
    silent = _capture(tmp_path, "silent.txt", SILENT)
    with db.session() as s:
        assert s.get(Source, silent).country is None  # nothing in the text says where
    with db.transaction() as s:
        change = set_country(s, silent, "KZ", "anna")
    assert change.old is None and change.new == "KZ"
    assert change.moved + change.added == 3  # detained, convicted, one charge: wherever they were
    assert _cases("Dana Serikova") == {"KZ": (2, 1)}  # no case in a made-up country is left


def test_claims_without_facts_are_filed_when_the_country_is_set(registry, tmp_path):
    """A capture that could not tell the country may leave claims unfiled (no case yet):
    setting the country files them."""
    silent = _capture(tmp_path, "silent.txt", SILENT)
    with db.transaction() as s:
        ids = list(s.scalars(select(Claim.id).where(Claim.source_id == silent)))
        for model in (Charge, Event):
            for fact in s.scalars(select(model).where(model.claim_id.in_(ids))):
                s.delete(fact)
        s.flush()
        for case in s.scalars(select(Case)):
            s.delete(case)
    with db.transaction() as s:
        change = set_country(s, silent, "KZ", "anna")
    assert change.moved == 0 and change.added == 3  # detained, convicted, one charge
    assert _cases("Dana Serikova") == {"KZ": (2, 1)}


def test_cases_when_unknown_prefers_the_case_with_most_facts(registry, tmp_path):
    _capture(tmp_path, "list.txt", LIST)
    parole = _capture(tmp_path, "parole.txt", PAROLE)
    with db.transaction() as s:
        set_country(s, parole, "RU", "anna")  # Marat: KZ (2 events, 1 charge), RU (1 event)
    with db.session() as s:
        ids = {p.id: p.display_name for p in s.scalars(select(Person))}
        best = cases_when_unknown(s, set(ids) | {10_000})
        chosen = {ids[pid]: case.country for pid, case in best.items()}
    assert chosen == {"Marat Zhylanbayev": "KZ", "Aigul Utepova": "KZ"}


def test_cli_sources_edit(registry, tmp_path):
    first = _capture(tmp_path, "list.txt", LIST)
    r = run("sources", "edit", str(first), "--country", "BY", "--reason", "checked")
    assert r.exit_code == 0, r.output
    assert "KZ -> BY" in r.output and f"{_facts(first)} facts moved" in r.output
    r = run("sources", "edit", str(first), "--country", "guess")
    assert r.exit_code == 0 and "BY -> KZ" in r.output and "named KZ" in r.output
    r = run("sources", "edit", str(first), "--country", "KZ")
    assert r.exit_code == 0 and "nothing changed" in r.output
    for bad in (["sources", "edit", str(first), "--country", "QQ"],
                ["sources", "edit", "999", "--country", "KZ"]):
        r = run(*bad)
        assert r.exit_code == 1 and "error:" in r.output
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-country")).all()
    assert [e.detail["country"] for e in log] == [["KZ", "BY"], ["BY", "KZ"]]


def test_cli_guess_refuses_a_silent_text(registry, tmp_path):
    silent = _capture(tmp_path, "silent.txt", SILENT)
    r = run("sources", "edit", str(silent), "--country", "guess")
    assert r.exit_code == 1 and "give --country" in r.output
