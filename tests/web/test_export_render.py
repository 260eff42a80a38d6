"""The PDF and HTML lists as a reader sees them (issue 14): rendered, they show the quotes and
the sources' titles. The PDF is drawn by pdftoppm and read back by pdftotext; the HTML export
is opened in Chromium with JavaScript off. The first page of each goes to docs/screenshots/."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed
from tests.helpers import run

SHOTS = ROOT / "docs" / "screenshots"
TITLE = "Political prisoners in Kazakhstan, Annex 1"
URL = "https://example.org/kazakhstan/political-prisoners-annex-1"
AS_OF = "2023-09-01"


@pytest.fixture
def annex(registry, tmp_path) -> dict[str, str]:
    """The seed annex as a trusted list with its title and URL; what its first row cites."""
    assert run("capture", str(seed("002")), "--trusted", "--publisher", "Open Dialogue",
               "--country", "KZ").exit_code == 0
    assert run("sources", "edit", "1", "--title", TITLE, "--url", URL).exit_code == 0
    first = json.loads(run("report", "prisoners", "--country", "KZ", "--as-of", AS_OF,
                           "--format", "json").stdout)["persons"][0]
    quote = first["sources"][0]["quotes"][0]["text"]
    return {"name": first["name"], "quote": " ".join(quote.split()[:8])}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _ink(pgm: bytes) -> float:
    """The share of dark pixels of a binary PGM (P5) image: a blank page has none."""
    magic, width, height, depth, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and int(depth) == 255
    size = int(width) * int(height)
    return sum(1 for p in pixels[:size] if p < 128) / size


def test_the_pdf_list_rendered_shows_quotes_and_source_titles(annex, tmp_path):
    pdf = tmp_path / "list.pdf"
    out = run("report", "prisoners", "--country", "KZ", "--as-of", AS_OF, "--format", "pdf",
              "--output", str(pdf))
    assert out.exit_code == 0, out.output
    page1 = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert annex["name"] in page1 and TITLE in _flat(page1)
    assert URL in "".join(page1.split())  # a long address wraps where the line ends
    assert annex["quote"] in _flat(page1)
    gray = subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", str(pdf)],
                          capture_output=True, check=True).stdout
    assert 0.005 < _ink(gray) < 0.5  # text drawn, not a blank or black page
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile",
                    str(pdf), str(SHOTS / "export-pdf")], check=True)
    assert (SHOTS / "export-pdf.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_the_html_list_rendered_shows_quotes_and_linked_titles(annex, tmp_path: Path,
                                                                browser):
    page_file = tmp_path / "list.html"
    out = run("report", "prisoners", "--country", "KZ", "--as-of", AS_OF, "--format", "html",
              "--output", str(page_file))
    assert out.exit_code == 0, out.output
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1000, "height": 1300})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if r.url != page_file.as_uri() else None)
    page.goto(page_file.as_uri())
    first = page.locator("ol li").first
    shown = _flat(first.inner_text())
    assert annex["name"] in shown and TITLE in shown and annex["quote"] in shown
    link = first.locator("ul.src a").first
    assert link.get_attribute("href") == URL and link.inner_text() == TITLE
    assert link.get_attribute("rel") == "noopener nofollow" and link.is_visible()
    assert first.locator("blockquote").first.is_visible()
    assert outside == []  # the export loads nothing
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "export-html.png"))
    context.close()
