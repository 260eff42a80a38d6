"""A hostile upload through the editors' capture form: refused with the reader's reason once
its limit is reached, the registry unchanged, and the next upload read as usual."""

from __future__ import annotations

from fastapi.testclient import TestClient

from casefile.web.app import create_app
from tests.helpers import counts
from tests.sources.hostile import lying_docx, many_pages_pdf, reused_page_tree_pdf
from tests.web.conftest import add_user, csrf_of, login

EMPTY = {"sources": 0, "claims": 0, "persons": 0, "events": 0, "audit_log": 0}


def test_hostile_uploads_are_refused_within_the_limits(registry, monkeypatch):
    monkeypatch.setenv("CASEFILE_MAX_PDF_PAGES", "100000")
    client = TestClient(create_app(registry), base_url="https://testserver")
    add_user("u-editor", "editor")
    assert login(client, "u-editor").status_code == 303
    token = csrf_of(client.get("/capture").text)
    # The one-second limit only for the file it is about: on a busy machine a bomb could
    # otherwise be stopped by the clock before its own check names it.
    hostile = [("long.pdf", many_pages_pdf(20_000), "CASEFILE_PARSE_SECONDS", "1"),
               ("bomb.pdf", reused_page_tree_pdf(), "page tree", "120"),
               ("bomb.docx", lying_docx(real_mb=20), "ZIP bomb", "120")]
    for name, raw, reason, seconds in hostile:
        monkeypatch.setenv("CASEFILE_PARSE_SECONDS", seconds)
        r = client.post("/capture", data={"csrf": token}, files={"file": (name, raw)})
        assert r.status_code == 400 and reason in r.text, (name, r.text[-500:])
        assert counts() == EMPTY
    monkeypatch.delenv("CASEFILE_PARSE_SECONDS")
    r = client.post("/capture", data={"csrf": token},
                    files={"file": ("ok.pdf", many_pages_pdf(2), "application/pdf")})
    assert r.status_code == 200 and "Captured as" in r.text
