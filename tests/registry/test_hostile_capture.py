"""Bad input: a one-line error naming the problem, a non-zero exit, the registry unchanged."""

import http.server
import os
import threading
import time

import pytest

from tests.conftest import seed
from tests.helpers import counts, run
from tests.sources.hostile import lying_docx, many_pages_pdf, reused_page_tree_pdf

EMPTY = {"sources": 0, "claims": 0, "persons": 0, "events": 0, "audit_log": 0}


def _fails(path, *needles):
    r = run("capture", str(path))
    assert r.exit_code != 0
    err = r.output.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:"), r.output
    for n in needles:
        assert n.lower() in err[0].lower(), err[0]
    assert counts() == EMPTY


def test_empty_file(registry, tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    _fails(tmp_path / "e.txt", "empty")


def test_random_bytes(registry, tmp_path):
    (tmp_path / "r.bin").write_bytes(os.urandom(4096))
    _fails(tmp_path / "r.bin")


def test_invalid_utf8(registry, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Activist \xff\xfe\xfa was detained \x80\x81 " * 50)
    _fails(tmp_path / "bad.txt")


def test_truncated_pdf(registry, tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    pdf = weasyprint.HTML(string="<p>" + seed("000").read_text()[:2000] + "</p>").write_pdf()
    (tmp_path / "t.pdf").write_bytes(pdf[: len(pdf) // 2])
    _fails(tmp_path / "t.pdf", "pdf")


def test_unknown_format(registry, tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    _fails(tmp_path / "x.png", "format")


def test_over_size_limit(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEFILE_MAX_SOURCE_BYTES", "1000")
    _fails(seed("002"), "limit")


def test_html_full_of_scripts_is_inert(registry, tmp_path):
    body = "<p>Activist Aigul Nurtazina was detained on 3 March 2021 in Taraz.</p>"
    html = ("<html><head><script>alert('x')</script></head><body onload=\"steal()\">"
            + body + '<a href="javascript:alert(1)">click</a><script>document.cookie</script>'
            "</body></html>")
    (tmp_path / "s.html").write_text(html)
    r = run("capture", str(tmp_path / "s.html"))
    assert r.exit_code == 0, r.output
    from casefile.registry import db
    from casefile.registry.models import Source

    with db.session() as s:
        text = s.query(Source).one().text
    assert "alert" not in text and "cookie" not in text and "Nurtazina" in text


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        time.sleep(3)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_url_that_times_out(registry, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("CASEFILE_FETCH_TIMEOUT", "1")
    try:
        _fails(f"http://127.0.0.1:{server.server_port}/report.html", "timed out")
    finally:
        server.shutdown()


def test_unknown_country_code_is_refused(registry):
    r = run("capture", str(seed("000")), "--country", "Kazakhstan")
    assert r.exit_code == 1 and "unknown country code" in r.output
    assert counts() == EMPTY
    r = run("report", "prisoners", "--country", "KAZ")
    assert r.exit_code == 1 and "unknown country code" in r.output


def test_report_to_an_unwritable_place_is_a_one_line_error(registry, tmp_path):
    r = run("report", "prisoners", "--country", "KZ", "--output", str(tmp_path))
    assert r.exit_code == 1 and r.output.startswith("error: cannot write")
    r = run("persons", "merge", "1", "99999999999999999999")
    assert r.exit_code == 1 and r.output.startswith("error:")


def test_pdf_whose_page_tree_reuses_one_page(registry, tmp_path):
    """4 KB listing one page 90,000 times: refused at once, not read for minutes."""
    (tmp_path / "bomb.pdf").write_bytes(reused_page_tree_pdf())
    _fails(tmp_path / "bomb.pdf", "page tree")


def test_docx_whose_entry_lies_about_its_size(registry, tmp_path):
    (tmp_path / "bomb.docx").write_bytes(lying_docx(real_mb=50))
    _fails(tmp_path / "bomb.docx", "zip bomb")


def test_document_over_the_time_limit(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEFILE_PARSE_SECONDS", "1")
    monkeypatch.setenv("CASEFILE_MAX_PDF_PAGES", "1000000")
    (tmp_path / "long.pdf").write_bytes(many_pages_pdf(20_000))  # far over a second of CPU
    _fails(tmp_path / "long.pdf", "CASEFILE_PARSE_SECONDS")


def test_capture_of_an_empty_name(registry):
    r = run("capture", "")
    assert r.exit_code == 1
    assert r.output.strip() == "error: '': no file name given: name a file or an http(s) URL"
    assert counts() == EMPTY
