"""Risk indicators from the seeds and from the cited country data."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from casefile import vocab
from casefile.assess.risk import political_articles, risk_indicators, state_record
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Case, Charge, Claim
from casefile.reports.events import persons_named
from tests.conftest import seed


def _person(name: str) -> int:
    with db.session() as s:
        (pid,) = persons_named(s, name)
    return pid


def _indicators(pid: int, public: bool = True):
    with db.session() as s:
        return {r.kind: r for r in risk_indicators(s, pid, public=public)}


@pytest.fixture
def annex(registry: str) -> str:
    capture(str(seed("002")), trusted=True, country="KZ", publisher="Open Dialogue")
    return registry


def test_seed_indicators_carry_their_evidence(annex):
    ablyazov = _indicators(_person("Mukhtar Ablyazov"))
    granted = ablyazov["refugee_status"]
    assert "FR" in granted.statement
    with db.session() as s:
        for e in granted.evidence:
            assert s.get(Claim, e.claim_id).quote == e.quote
    # a person charged under Article 405: the charge's claim and the file's citations
    with db.session() as s:
        pid = s.scalar(select(Case.person_id).join(Charge, Charge.case_id == Case.id)
                       .join(Claim, Charge.claim_id == Claim.id)
                       .where(Charge.article == "405", Claim.state == "accepted"))
    charged = _indicators(pid)["political_article"]
    assert "405" in charged.statement
    assert charged.findings == political_articles("KZ")["405"]
    assert charged.evidence
    # the Karakalpak activists held in Kazakhstan at Uzbekistan's request
    record = _indicators(_person("Ziuar Mirmanbetova"))["state_record"]
    assert "UZ" in record.statement and record.findings == state_record("UZ")


def test_public_indicators_leave_out_what_is_not_accepted(annex):
    pid = _person("Mukhtar Ablyazov")
    grant = _indicators(pid)["refugee_status"].evidence[0]
    with db.transaction() as s:
        s.execute(update(Claim).where(Claim.id == grant.claim_id).values(state="proposed"))
    assert "refugee_status" not in _indicators(pid)
    assert "refugee_status" in _indicators(pid, public=False)


def test_unknown_person_has_no_indicators(registry):
    with db.session() as s:
        assert risk_indicators(s, 10**6, public=False) == []


def test_country_files_cite_every_entry():
    for cc in ("kz", "ru"):
        data = vocab.load(f"countries/{cc}/political-articles.yml")
        code = vocab.criminal_code(cc)
        assert data["code"] == code["code"], "charges would never match the file"
        assert data["articles"]
        for article, entry in data["articles"].items():
            assert article in code["articles"] or entry.get("title"), article
            assert entry["citations"], article
            assert political_articles(cc.upper(), code["code"])[article]
    for cc in ("kz", "uz", "tj"):
        for f in state_record(cc):
            assert f.by and f.document and f.finding
            assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", f.date)
            assert f.url.startswith("https://")
    for findings in [*political_articles("KZ").values(), *political_articles("RU").values()]:
        for f in findings:
            assert f.url.startswith("https://") and re.fullmatch(r"\d{4}", f.date)


def test_a_charge_under_a_listed_russian_article_is_an_indicator(registry, tmp_path):
    path = tmp_path / "petrov.txt"
    path.write_text("On 3 April 2022 journalist Ivan Petrov was charged under Article 207.3 of "
                    "the Criminal Code of the Russian Federation for his posts about the war.\n",
                    encoding="utf-8")
    capture(str(path), trusted=True, published="2022-05-01")
    charged = _indicators(_person("Ivan Petrov"))["political_article"]
    assert "207-3" in charged.statement and "Armed Forces" in charged.statement
    assert charged.findings == political_articles("RU")["207-3"]
    assert "Article 207.3" in charged.evidence[0].quote


def test_co_defendants_share_a_passage_and_leave_when_withheld(annex):
    from casefile.registry.models import Event
    from casefile.registry.person_edit import publication, set_publication

    pid = _person("Mukhtar Ablyazov")
    found = _indicators(pid)["co_defendants"]
    with db.session() as s:
        own_groups = set(s.scalars(select(Claim.group_key).where(Claim.person_id == pid)))
        others = set()
        for e in found.evidence:
            claim = s.get(Claim, e.claim_id)
            assert claim.group_key in own_groups and claim.person_id != pid
            assert s.scalar(select(Event.type).where(Event.claim_id == claim.id)) == "convicted"
            others.add(claim.person_id)
    with db.transaction() as s:
        for other in others:
            set_publication(s, other, publication("withheld"), "tester")
    assert "co_defendants" not in _indicators(pid)
    assert "co_defendants" in _indicators(pid, public=False)
