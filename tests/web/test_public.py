"""The public site over the captured seeds: home, list, person, source, downloads, twins."""

from __future__ import annotations

import csv
import io
import json
import re

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from casefile.registry import db
from casefile.registry.models import Claim, Event, Person
from casefile.registry.publication import public_claim
from tests.helpers import run


def test_home_counts_and_chart(client):
    page = client.get("/")
    assert page.status_code == 200
    twin = client.get("/index.json").json()
    assert twin["political_prisoners"] > 0, "the trusted annex lists political prisoners"
    assert f'id="count-total">{twin["political_prisoners"]}<' in page.text
    assert f'id="count-pretrial">{twin["pretrial"]}<' in page.text
    assert "<svg" in page.text and "<rect" in page.text  # drawn on the server
    assert twin["series"][-1]["total"] == twin["political_prisoners"]


def test_list_is_the_report(client):
    """The page's JSON twin and CSV download are what `casefile report prisoners` prints."""
    twin = client.get("/prisoners.json?country=KZ&as_of=2024-01-01").json()
    cli = json.loads(run("report", "prisoners", "--country", "KZ", "--as-of", "2024-01-01",
                         "--format", "json").stdout)
    assert twin["persons"] == cli["persons"] and twin["counts"] == cli["counts"]
    csv = client.get("/prisoners.csv?country=KZ&as_of=2024-01-01")
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert csv.text == run("report", "prisoners", "--country", "KZ", "--as-of", "2024-01-01",
                           "--format", "csv").stdout
    page = client.get("/prisoners?country=KZ&as_of=2024-01-01")
    for p in cli["persons"][:100]:
        assert f'href="/persons/{p["id"]}"' in page.text


def test_todays_csv_is_streamed_in_chunks_and_is_the_report(client, monkeypatch):
    """Today's CSV comes off the kept rows a chunk at a time (here 7 rows, so the seeds' list
    takes several), and is byte for byte what `casefile report prisoners` prints; filtered
    and sorted, it holds the rows of the JSON twin in their order."""
    from casefile.web.views import prisoners

    monkeypatch.setattr(prisoners, "CHUNK", 7)
    cli = run("report", "prisoners", "--country", "KZ", "--format", "csv").stdout
    assert len(list(csv.reader(io.StringIO(cli)))) > 3 * 7  # several chunks
    whole = client.get("/prisoners.csv")
    assert whole.headers["content-type"].startswith("text/csv") and whole.text == cli
    for query in ("?sort=name&desc=1", "?status=convicted"):
        got = client.get("/prisoners.csv" + query)
        ids = [row[0] for row in list(csv.reader(io.StringIO(got.text)))[1:]]
        twin = client.get("/prisoners.json" + query).json()["persons"]
        assert ids and ids == [str(p["id"] or "") for p in twin]


def test_list_filters_and_sorting(client):
    full = client.get("/prisoners.json").json()
    statuses = {p["status"] for p in full["persons"]}
    for status in statuses:
        part = client.get(f"/prisoners.json?status={status}").json()
        assert part["persons"] and all(p["status"] == status for p in part["persons"])
    article = full["persons"][0]["articles"][0]
    part = client.get(f"/prisoners.json?article={article}").json()["persons"]
    assert part and all(article in p["articles"] for p in part)
    category = next(p["category"] for p in full["persons"] if p["category"])
    part = client.get("/api/v1/prisoners", params={"category": category}).json()["persons"]
    assert part and all(p["category"] == category for p in part)
    names = [p["name"] for p in client.get("/prisoners.json?sort=name").json()["persons"]]
    assert names == sorted(names, key=str.casefold)
    back = [p["name"] for p in client.get("/prisoners.json?sort=name&desc=1").json()["persons"]]
    assert back == names[::-1]
    early = client.get("/prisoners.json?as_of=1990-01-01").json()
    assert early["persons"] == []
    paged = client.get("/api/v1/prisoners?limit=2&offset=1").json()
    assert paged["total"] == len(full["persons"]) and paged["persons"] == full["persons"][1:3]


def test_pdf_download(client):
    pdf = client.get("/prisoners.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"


def test_person_page_links_every_event_to_its_quote(client):
    listed = client.get("/prisoners.json").json()["persons"]
    person = next(p for p in listed if p["articles"] and p["sentence_months"])
    page = client.get(f"/persons/{person['id']}")
    assert page.status_code == 200
    d = client.get(f"/persons/{person['id']}.json").json()
    assert d["name"] == person["name"] and d["timeline"]
    assert all(c["title"] for c in d["charges"]), "article titles come from the criminal code"
    for item in d["timeline"]:
        f = item["fact"]
        link = f'/sources/{f["source_id"]}#claim-{f["claim_id"]}'
        assert link in page.text
        source = client.get(f"/sources/{f['source_id']}")
        assert f'id="claim-{f["claim_id"]}"' in source.text
        assert f["quote"] == client.get(f"/sources/{f['source_id']}.json").json()[
            "text"][f["start"]:f["end"]]
    assert "PACE assessment" in page.text


def test_source_page_shows_provenance(client):
    with db.session() as s:
        claim = s.scalars(select(Claim).where(public_claim())).first()
    data = client.get(f"/api/v1/sources/{claim.source_id}").json()
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    page = client.get(f"/sources/{claim.source_id}").text
    assert data["sha256"] in page and "Open Dialogue" in page
    assert page.count("<mark") >= 1


def test_person_index_and_api_pagination(client):
    first = client.get("/api/v1/persons?limit=5").json()
    second = client.get("/api/v1/persons?limit=5&offset=5").json()
    assert first["total"] == second["total"] > 5
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    assert client.get("/persons").status_code == 200
    assert client.get("/persons.json").json()["total"] == first["total"]


def test_unknown_ids_are_404_in_html_and_json(client):
    assert client.get("/persons/999999").status_code == 404
    assert client.get("/api/v1/persons/999999").json() == {
        "detail": "No public record of this person."}
    assert client.get("/sources/999999.json").status_code == 404


def test_person_appears_only_once_a_claim_is_accepted(client, seeded):
    """A person named only in unreviewed news has no public page until an editor accepts."""
    with db.session() as s:
        other = aliased(Claim)
        hidden = exists().where(other.person_id == Person.id, other.state == "accepted",
                                other.confidential.is_(False))
        claim = s.scalars(select(Claim).join(Event, Event.claim_id == Claim.id)
                          .join(Person, Person.id == Claim.person_id)
                          .where(Claim.state == "proposed", ~hidden)).first()
    assert client.get(f"/persons/{claim.person_id}").status_code == 404
    assert client.get(f"/api/v1/persons/{claim.person_id}").status_code == 404
    run("review", "accept", claim.id, "--as", "tester")
    page = client.get(f"/persons/{claim.person_id}")
    assert page.status_code == 200 and f"#claim-{claim.id}" in page.text


def test_api_refuses_a_date_that_is_not_in_the_calendar(client):
    r = client.get("/api/v1/prisoners", params={"as_of": "2024-13-01"})
    assert r.status_code == 400  # no 13th month
    assert r.json() == {"detail": "as_of: 2024-13-01 is not a calendar date (YYYY-MM-DD)"}
    for bad in ("2023-02-29", "2024-04-31"):
        r = client.get("/api/v1/prisoners", params={"as_of": bad})
        assert r.status_code == 400 and f"{bad} is not a calendar date" in r.json()["detail"]
    assert client.get("/api/v1/prisoners", params={"as_of": "2024-02-29"}).status_code == 200
    assert client.get("/api/v1/stats", params={"as_of": "2024-00-10"}).status_code == 400
    r = client.get("/api/v1/prisoners", params={"limit": "many", "status": "<b>free</b>"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/json")
    assert "limit: " in r.json()["detail"] and "status: " in r.json()["detail"]
    page = client.get("/prisoners", params={"page": "0"})  # a page answers with a page
    assert page.status_code == 400 and "page: " in page.text and "text/html" in \
        page.headers["content-type"]


def test_openapi_declares_400_not_422_and_the_reference_page_shows_every_route(client):
    spec = client.get("/api/v1/openapi.json").json()
    answers = [set(op["responses"]) for methods in spec["paths"].values()
               for op in methods.values()]
    assert answers and all("422" not in a for a in answers)
    assert all("400" in a for a in answers)  # every route takes a parameter or a body
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN
    page = client.get("/api")
    assert page.status_code == 200 and "<script" not in page.text
    for path, methods in spec["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in page.text
    assert "as_of" in page.text and "&#34;total&#34;" in page.text  # a parameter, an example


def test_head_is_answered_for_every_get_route_without_a_body(client):
    person = client.get("/api/v1/prisoners").json()["persons"][0]["id"]
    for path in ("/", "/prisoners", f"/persons/{person}", "/api/v1/prisoners",
                 "/api/v1/openapi.json", "/search?q=Abdullayev", "/no-such-page"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, path
        assert head.content == b"" and head.headers["content-type"] == \
            got.headers["content-type"], path
    assert client.head("/review", follow_redirects=False).status_code == 303  # editors' side
    assert client.request("HEAD", "/capture", follow_redirects=False).status_code in (303, 403)


def test_access_log_has_a_line_per_request_and_nothing_about_the_visitor(client, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="casefile.access"):
        client.get("/search", params={"q": "Abdullayev"}, headers={"User-Agent": "probe/1.0"})
        client.head("/prisoners")
    lines = [r.getMessage() for r in caplog.records if r.name == "casefile.access"]
    assert lines[0].startswith("GET /search 200 ") and lines[0].endswith("ms")
    assert lines[1].startswith("HEAD /prisoners 200 0 ")
    text = " ".join(lines)
    assert "Abdullayev" not in text and "probe" not in text and "testclient" not in text
