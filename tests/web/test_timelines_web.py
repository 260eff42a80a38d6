"""The timeline and statistics pages on the seeds: the CSV beside each chart holds exactly the
numbers its bars draw, a country's chart counts the events listed under it, a person's page
and API keep undated events apart, and the pages speak Russian and Kazakh."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Person
from casefile.reports.statistics import DIMENSIONS
from casefile.reports.timeline import country_timeline

FIGURE = re.compile(r'<figure class="chart">\s*<figcaption>(.*?)</figcaption>\s*(<svg.*?</svg>)',
                    re.S)
BAR = re.compile(r'<rect [^>]*data-period="([^"]+)" data-value="(\d+)"')


def _bars(svg: str) -> list[tuple[str, int]]:
    return [(p, int(v)) for p, v in BAR.findall(svg)]


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_each_chart_draws_the_numbers_of_its_csv(client, dimension):
    page = client.get("/statistics", params={"by": dimension})
    assert page.status_code == 200
    link = re.search(r'id="csv" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    rows = list(csv.reader(io.StringIO(client.get(link).text)))
    assert rows[0][0] == "year" and len(rows) > 1
    figures = FIGURE.findall(page.text)
    assert len(figures) == len(rows[0]) - 1 > 0
    for j, (_label, svg) in enumerate(figures, start=1):
        assert _bars(svg) == [(r[0], int(r[j])) for r in rows[1:]]
    table = re.search(r'<table class="numbers" id="figures">.*?</table>', page.text, re.S)
    cells = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", tr)
             for tr in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)]
    assert cells[1:] == rows[1:]
    assert client.get(f"/statistics/{dimension}.json").json()["periods"] == [
        r[0] for r in rows[1:]]


def test_country_timeline_chart_counts_the_events_listed(client, seeded):
    page = client.get("/countries/KZ/timeline")
    assert page.status_code == 200
    svg = re.search(r"<svg.*?</svg>", page.text, re.S).group(0)
    drawn = {p: n for p, n in _bars(svg) if n}
    listed = re.search(r'<ol class="timeline" id="events">(.*?)</ol>', page.text, re.S).group(1)
    days = re.findall(r'<li><span class="date"><time datetime="([\d-]+)">', listed)
    assert len(days) == listed.count("<li>") > 20
    assert drawn == dict(Counter(d[:7] for d in days if len(d) >= 7))
    data = client.get("/countries/kz/timeline.json").json()
    assert [e["date"] for e in data["events"]] == days
    assert {m["month"]: m["events"] for m in data["months"] if m["events"]} == drawn
    assert client.get("/countries/K1/timeline").status_code in (400, 422)
    # the undated are listed apart, after the dated, over as many pages as it takes
    with db.session(seeded) as s:
        total = len(country_timeline(s, "KZ").undated)
    html_undated = json_undated = 0
    for number in range(1, data["pages"] + 1):
        body = client.get("/countries/KZ/timeline", params={"page": number}).text
        found = re.search(r'<ul id="undated">(.*?)</ul>', body, re.S)
        html_undated += found.group(1).count("<li>") if found else 0
        json_undated += len(client.get("/countries/KZ/timeline.json",
                                       params={"page": number}).json()["undated"])
        assert ('rel="next"' in body) == (number < data["pages"])
    assert html_undated == json_undated == total > 0 and data["pages"] > 1


def _person(url: str, name: str) -> int:
    with db.session(url) as s:
        return s.scalars(select(Person.id).where(Person.display_name == name)).one()


def test_person_page_and_api_keep_undated_events_apart(client, seeded):
    pid = _person(seeded, "Moldabay Sadibekov")
    page = client.get(f"/persons/{pid}").text
    dated = re.search(r'<ol class="timeline" id="timeline">(.*?)</ol>', page, re.S).group(1)
    undated = re.search(r'<ul class="timeline" id="undated">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'datetime="([\d-]+)"', dated) == ["2022-01-10", "2022-07-06"]
    assert "Charged" in undated and "Charged" not in dated
    strip = re.search(r'<svg [^>]*class="chart strip".*?</svg>', page, re.S).group(0)
    assert re.findall(r'data-date="([\d-]+)"', strip) == ["2022-01-10", "2022-07-06"]
    api = client.get(f"/api/v1/persons/{pid}/timeline").json()
    assert [t["date"] for t in api["dated"]] == ["2022-01-10", "2022-07-06"]
    assert [(t["type"], t["date"]) for t in api["undated"]] == [("charged", None)]
    assert all(t["fact"]["quote"] for t in [*api["dated"], *api["undated"]])
    assert client.get("/api/v1/persons/999999/timeline").status_code == 404


@pytest.mark.parametrize(("lang", "words"), [("ru", ("Статистика", "По статье")),
                                             ("kk", ("Статистика", "Бап бойынша"))])
def test_new_pages_speak_russian_and_kazakh(client, seeded, lang, words):
    stats = client.get(f"/{lang}/statistics").text
    assert all(w in stats for w in words), lang
    pid = _person(seeded, "Moldabay Sadibekov")
    english = ("Events the sources do not date", "Statistics over time", "By article")
    for path in ("/statistics", "/countries/KZ/timeline", f"/persons/{pid}"):
        body = client.get(f"/{lang}{path}").text
        assert not [e for e in english if e in body], (lang, path)
