"""The officials of seed 002's Annex 3 (a sanctions list), read back through the read model
and compared with the hand-checked gold file: every name form, the birth date and every
office with its dates, on one person each; confidential until an editor publishes them, and
then only what editors accepted."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from casefile.assess.officials import Official, Position, official_of, officials
from casefile.registry import db, person_edit
from casefile.registry.ingest import capture
from casefile.registry.models import Claim
from casefile.registry.review import set_state
from tests.conftest import GOLD, seed

GOLD_OFFICIALS = json.loads((GOLD / "seed002-sanctions.json").read_text(encoding="utf-8"))
# The gold names some offices by their Kazakh word where the text says "mayor" ("the mayor
# (akim) of Astana ... and the mayor of Almaty"): either word tells the office.
SAME_WORD = {"akim": ("akim", "mayor")}
PERIOD = re.compile(r"^(?P<title>.+?)"
                    r"(?: \((?:since (?P<since>[\d-]+)|(?P<a>\d{4})-(?P<b>\d{4}))\))?$")


@pytest.fixture
def annex(registry: str) -> str:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    return registry


def _by_gold(found: list[Official]) -> dict[str, Official]:
    """The official whose names hold each gold person's name, when exactly one does."""
    out = {}
    for person in GOLD_OFFICIALS["persons"]:
        holders = [o for o in found if person["name"] in {n.name for n in o.names}]
        assert len(holders) == 1, (person["name"], [h.name for h in holders])
        out[person["name"]] = holders[0]
    return out


def _matches(gold: str, p: Position) -> bool:
    """A gold office ("Minister of Defence (2014-2016)") is a found one with its dates and
    the words that tell it: its head word, and for an undated one its last word."""
    m = PERIOD.match(gold)
    assert m is not None
    words = m["title"].casefold().split()
    former = words[0] == "former"
    words = words[1:] if former else words
    text = f"{p.title} {p.organisation or ''}".casefold()
    if not any(w in text for w in SAME_WORD.get(words[0], (words[0],))):
        return False
    if m["since"]:
        return (p.start, p.end) == (m["since"], None)
    if m["a"]:
        return (p.start, p.end) == (m["a"], m["b"])
    return words[-1] in text and p.former == former


def test_every_gold_official_with_names_birth_and_offices(annex: str) -> None:
    with db.session() as s:
        found = officials(s, public=False)
    by_gold = _by_gold(found)
    assert len({o.person_id for o in by_gold.values()}) == len(GOLD_OFFICIALS["persons"])
    for person in GOLD_OFFICIALS["persons"]:
        o = by_gold[person["name"]]
        names = {n.name for n in o.names}
        assert set(person["names"]) <= names, (person["name"], set(person["names"]) - names)
        assert o.birth_date == person["birth_date"]
        for gold in person["positions"]:
            assert any(_matches(gold, p) for p in o.positions), (gold, o.positions)
        assert o.sanctions and all(x.quote for x in o.sanctions)
        assert person["country"] in {p.country for p in o.positions}


def test_one_officials_names_are_not_anothers(annex: str) -> None:
    """The resolver put every form of a name on one person and merged no two officials."""
    with db.session() as s:
        found = officials(s, public=False)
    by_gold = _by_gold(found)
    for person in GOLD_OFFICIALS["persons"]:
        mine = by_gold[person["name"]].person_id
        for form in person["names"]:
            assert [o.person_id for o in found if form in {n.name for n in o.names}] == [mine]


def test_confidential_until_published_then_only_accepted_claims(annex: str) -> None:
    with db.session() as s:
        assert officials(s, public=True) == []  # no editor has published an official yet
        o = _by_gold(officials(s, public=False))["Imangali Tasmagambetov"]
        assert official_of(s, o.person_id, public=True) is None
    with db.transaction() as s:
        person_edit.set_publication(s, o.person_id, person_edit.publication("public"), "test")
        ambassador = next(p for p in o.positions if "Ambassador" in p.title)
        set_state(s, [ambassador.claim_id], "rejected", "test")
        birth = s.scalars(select(Claim).where(Claim.person_id == o.person_id,
                                              Claim.predicate == "birth_date")).one()
        birth.state = "proposed"  # as if editors had not reviewed it yet
    with db.session() as s:
        shown = official_of(s, o.person_id, public=True)
        editors = official_of(s, o.person_id, public=False)
        assert [x.person_id for x in officials(s, public=True)] == [o.person_id]
    assert shown is not None and editors is not None
    assert ambassador.claim_id not in {p.claim_id for p in shown.positions}
    assert ambassador.claim_id not in {p.claim_id for p in editors.positions}  # rejected
    assert shown.birth_date is None and editors.birth_date == "1956-12-09"
    assert {p.claim_id for p in shown.positions} == \
        {p.claim_id for p in editors.positions}  # the others were accepted (trusted source)
    # every name form shown publicly is one a public claim states
    with db.session() as s:
        stated = set(s.scalars(select(Claim.value).where(
            Claim.person_id == o.person_id, Claim.predicate == "name",
            Claim.state == "accepted")))
    assert {n.name for n in shown.names} <= stated | {shown.name}


def test_an_official_is_no_one_elses(annex: str) -> None:
    with db.session() as s:
        assert official_of(s, 10**6, public=False) is None
        victim = s.scalars(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.value == "victim")).first()
        assert victim is not None and official_of(s, victim, public=False) is None


CASE = ("On 5 May 2023, Judge Aigul Sultanbekova of the Medeu District Court of Almaty "
        "sentenced the activist Yerlan Kaliyev to five years in prison under Article 405, as "
        "prosecutor Serik Akhmetov had asked.\n")


@pytest.fixture
def case(registry: str, tmp_path) -> str:
    path = tmp_path / "case.txt"
    path.write_text(CASE, encoding="utf-8")
    capture(str(path), trusted=True, country="KZ", published="2023-05-06")
    return registry


def test_a_judges_act_names_the_victim_court_and_quote(case: str) -> None:
    with db.session() as s:
        found = {o.name: o for o in officials(s, public=False)}
    judge = found["Aigul Sultanbekova"]
    [act] = judge.acts
    assert act.function == "judge" and act.person_name == "Yerlan Kaliyev"
    assert act.court == "Medeu District Court of Almaty"
    assert "sentenced the activist Yerlan Kaliyev" in act.quote
    prosecutor = found["Serik Akhmetov"]
    assert [a.function for a in prosecutor.acts] == ["prosecutor"]
    assert not prosecutor.positions and not judge.published


def test_an_act_names_no_victim_the_public_may_not_see(case: str) -> None:
    with db.transaction() as s:
        judge = _only(officials(s, public=False), "Aigul Sultanbekova")
        person_edit.set_publication(s, judge.person_id, person_edit.publication("public"),
                                    "test")
        victim = s.scalars(select(Claim.person_id).where(
            Claim.predicate == "role", Claim.value == "victim")).one()
        person_edit.set_publication(s, victim, person_edit.publication("withheld"), "test")
    with db.session() as s:
        shown = official_of(s, judge.person_id, public=True)
    assert shown is not None
    [act] = shown.acts
    assert act.person_id is None and act.person_name is None
    assert "Kaliyev" not in act.quote  # the passage naming a withheld person is withheld


def _only(found: list[Official], name: str) -> Official:
    [o] = [o for o in found if o.name == name]
    return o
