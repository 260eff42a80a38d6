"""The /figures page: a server-drawn chart per measure with the figures side by side, a CSV
beside each chart that matches it, and nothing editors have not accepted."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from casefile.registry import db, review
from casefile.registry.models import Claim
from tests.web.conftest import add_user, login


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_chart_per_measure_and_its_csv(client):
    page = client.get("/figures")
    assert page.status_code == 200
    html = page.text
    killed = html.split('id="killed"')[1].split("</section>")[0]
    svg = killed.split("<svg")[1].split("</svg>")[0]
    # the two counts of the January 2022 deaths are two bars, each labelled by its counter
    assert "Official figures" in svg and "Rights defenders" in svg
    assert ">238<" in svg and ">about 256<" in svg
    assert "<script" not in html and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    link = re.search(r'href="(/figures\.csv\?measure=killed)"', killed)
    assert link is not None
    rows = _csv(client.get(link.group(1)).text)
    bars = re.findall(r'<rect [^>]*><title>[^<]*: ([^<]*)</title>', svg)
    assert len(rows) == len(bars)
    assert sorted(f"{r['qualifier'].replace('_', ' ')} {int(r['count']):,}".strip()
                  .replace(",", "\u202f") for r in rows) == sorted(bars)
    assert {r["measure"] for r in rows} == {"killed"}


def test_no_unaccepted_claim_reaches_the_page(client, seeded):
    # seed 004 is captured untrusted: its mass events wait for editors
    assert "Mass detention" not in client.get("/figures").text
    assert "mass_detention" not in client.get("/figures.json").text
    with db.transaction(seeded) as s:
        crowd = s.scalars(select(Claim).where(Claim.predicate == "mass_event",
                                              Claim.value == "mass_detention")).one()
        official = s.scalars(select(Claim).where(Claim.predicate == "figure",
                                                 Claim.state == "accepted")).first()
        review.set_state(s, [crowd.id], "accepted", "editor")
        review.set_state(s, [official.id], "rejected", "editor")
        rejected = official.id
    page = client.get("/figures").text
    assert "Mass detention" in page and "about 700 peaceful protesters" in page
    assert rejected not in client.get("/figures.csv").text
    assert rejected not in client.get("/figures.json").text


def test_bad_parameters_are_clear_errors(client):
    assert client.get("/figures?measure=picnics").status_code == 400
    assert client.get("/figures.csv?country=K1").status_code == 400


def test_editors_review_a_mass_event_in_words(client, seeded):
    add_user("fig-editor", "editor", seeded)
    assert login(client, "fig-editor").status_code == 303
    with db.session(seeded) as s:
        crowd = s.scalars(select(Claim).where(Claim.predicate == "mass_event",
                                              Claim.value == "mass_detention")).one()
    page = client.get(f"/review?source={crowd.source_id}").text
    assert "Mass event" in page and "Mass detention: about 700 (Not stated)" in page
    assert crowd.id in page
