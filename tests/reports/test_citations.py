"""Outputs a lawyer can cite (issue 14): every export of the list carries, per row, the quoted
words of its facts, each source's title, publisher, date and URL (or file name), and the
editors' hand where they entered or corrected a fact. Titles are hostile input: escaped in
HTML, never markup in Markdown; the URL is a link in HTML only when it is http(s)."""

import csv
import io
import json
import subprocess

import pytest
from markupsafe import escape
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Claim, Source
from tests.helpers import run

LIST = """List of political prisoners in Kazakhstan

1. Bolat Omarov – detained on 5 May 2022, in pre-trial detention, charged under Article 174.
2. Aliya Nurtayeva – 3 years' imprisonment under Article 405 of the Criminal Code.
"""
TITLE = 'Political prisoners <list> & "names"'
PUBLISHER = "Bureau <for> Rights"
URL = "https://example.org/kz/list?lang=en&page=1"
AS_OF = "2022-09-01"
OMAROV = "Bolat Omarov – detained on 5 May 2022, in pre-trial detention"
NURTAYEVA = "Aliya Nurtayeva – 3 years' imprisonment under Article 405"
CORRECTED = "corrected by editors (the source: 36, date unknown): the court record"


@pytest.fixture
def cited(registry, tmp_path):
    """A trusted list with a title, publisher, date and URL; one fact corrected by editors."""
    (tmp_path / "list.txt").write_text(LIST, encoding="utf-8")
    assert run("capture", str(tmp_path / "list.txt"), "--trusted", "--published", "2022-06-01",
               "--publisher", PUBLISHER, "--country", "KZ").exit_code == 0
    r = run("sources", "edit", "1", "--title", TITLE, "--url", URL, "--as", "anna")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        term = s.scalars(select(Claim).where(Claim.predicate == "sentenced_to")).one()
    assert term.value == "36"
    r = run("review", "correct", term.id, "--value", "40", "--reason", "the court record")
    assert r.exit_code == 0, r.output
    with db.session() as s:
        omarov = s.scalar(select(Claim.person_id).where(Claim.mention.like("Bolat Omarov%")))
    r = run("claims", "add", "--person", str(omarov), "--kind", "event", "--value", "detained",
            "--date", "2022-05", "--source", "1", "--quote", "detained on 5 May 2022",
            "--reason", "the list says so")
    assert r.exit_code == 0, r.output
    return tmp_path


def _report(fmt: str, *extra: str) -> str:
    out = run("report", "prisoners", "--country", "KZ", "--as-of", AS_OF, "--format", fmt,
              *extra)
    assert out.exit_code == 0, out.output
    return out.stdout


def test_json_cites_quote_title_publisher_date_and_url(cited):
    rows = {p["name"]: p for p in json.loads(_report("json"))["persons"]}
    assert set(rows) == {"Bolat Omarov", "Aliya Nurtayeva"}
    for name, words in (("Bolat Omarov", OMAROV), ("Aliya Nurtayeva", NURTAYEVA)):
        (src,) = rows[name]["sources"]
        assert (src["title"], src["publisher"], src["published_at"], src["url"], src["origin"]) \
            == (TITLE, PUBLISHER, "2022-06-01", URL, "list.txt")
        assert any(words in q["text"] for q in src["quotes"]), src["quotes"]
        assert all(q["text"] for q in src["quotes"])
    editors = {q["editors"] for q in rows["Aliya Nurtayeva"]["sources"][0]["quotes"]}
    assert CORRECTED in editors
    entered = [q for q in rows["Bolat Omarov"]["sources"][0]["quotes"] if q["editors"]]
    assert [(q["text"], q["editors"]) for q in entered] == [
        ("detained on 5 May 2022", "entered by editors")]


def test_markdown_footnotes_cite_the_source_and_quote_it(cited):
    md = _report("md")
    notes = [line for line in md.splitlines() if line.startswith("[^")]
    assert len(notes) == 2
    for note in notes:
        assert "Political prisoners \\<list\\> & \"names\"" in note  # no markup survives
        assert "Bureau \\<for\\> Rights, 2022-06-01" in note and f"<{URL}>" in note
    assert any(OMAROV in n for n in notes) and any(NURTAYEVA in n for n in notes)
    assert CORRECTED.replace("(", "\\(").replace(")", "\\)") in md
    assert "“detained on 5 May 2022” (entered by editors)" in md  # kept, though within another


def test_html_links_the_source_escaped_and_quotes_it(cited):
    page = _report("html")
    assert f'<a href="{escape(URL)}" rel="noopener nofollow">{escape(TITLE)}</a>' in page
    assert "<list>" not in page and "<for>" not in page  # the hostile title stays text
    assert str(escape(PUBLISHER)) in page and "2022-06-01" in page
    assert f"“1. {escape(OMAROV)}" in page and str(escape(NURTAYEVA)) in page
    assert str(escape(CORRECTED)) in page


def test_csv_has_a_citations_column_a_spreadsheet_can_read(cited):
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(_report("csv")))}
    cell = rows["Aliya Nurtayeva"]["citations"]
    heading, *quotes = cell.splitlines()
    assert heading == f"{TITLE}, {PUBLISHER}, 2022-06-01, {URL}"
    assert any(NURTAYEVA in q and q.startswith("“") for q in quotes)
    assert any(q.endswith(f"({CORRECTED})") for q in quotes)
    assert OMAROV in rows["Bolat Omarov"]["citations"]
    assert rows["Bolat Omarov"]["sources"] == "1"


def test_without_a_url_the_file_name_is_cited_and_nothing_is_linked(cited):
    assert run("sources", "edit", "1", "--url", "").exit_code == 0
    page = _report("html")
    assert "<a " not in page and "list.txt" in page
    rows = list(csv.DictReader(io.StringIO(_report("csv"))))
    assert rows[0]["citations"].splitlines()[0] == f"{TITLE}, {PUBLISHER}, 2022-06-01, list.txt"
    assert json.loads(_report("json"))["persons"][0]["sources"][0]["url"] is None


def test_pdf_shows_quotes_and_source_titles(cited):
    pdf = cited / "list.pdf"
    _report("pdf", "--output", str(pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat, solid = " ".join(text.split()), "".join(text.split())  # lines wrap anywhere
    assert all("".join(x.split()) in solid for x in (TITLE, PUBLISHER, URL))
    assert "Bolat Omarov – detained on 5 May 2022" in flat and "Aliya Nurtayeva" in flat
    assert "corrected by editors" in flat


def test_a_url_must_be_http(cited):
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                "https://exa mple.org/", "//example.org/x", "https://"):
        r = run("sources", "edit", "1", "--url", bad)
        assert r.exit_code == 1 and "http:// or https://" in r.output, (bad, r.output)
    with db.session() as s:
        assert s.get(Source, 1).url == URL


def test_a_title_cannot_run_as_a_spreadsheet_formula(cited):
    assert run("sources", "edit", "1", "--title", '=HYPERLINK("https://evil.example")'
               ).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(_report("csv"))))
    assert rows and all(r["citations"].startswith("'=HYPERLINK") for r in rows)


def test_the_ftm_export_gives_the_url_and_the_file_name(cited):
    out = cited / "registry.ftm.json"
    r = run("export", "ftm", "--output", str(out), "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    docs = [e for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())
            if e["schema"] == "Document"]
    assert [(d["properties"].get("sourceUrl"), d["properties"].get("fileName")) for d in docs] \
        == [([URL], ["list.txt"])]
