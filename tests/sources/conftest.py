"""Real documents made from the seed texts (HTML, PDF, DOCX), and a loopback HTTP server."""

from __future__ import annotations

import html
import io
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
# Seeds small enough to render quickly; 003 is a news article, 004 an NGO page of notices.
SEED_NAMES = ["003_f89e069e06429913.txt", "004_1347f2cdfe79e2f6.txt"]

KAZAKH = (
    "Алматы қаласының соты белсенді Қайрат Әбдірахмановты бес жылға бас бостандығынан "
    "айырды. Құқық қорғаушылар үкімді саяси қудалау деп бағалады."
)
RUSSIAN = (
    "Суд Алматы приговорил активиста к пяти годам лишения свободы. "
    "Правозащитники назвали приговор политическим преследованием."
)


def norm(text: str) -> str:
    """Whitespace-insensitive form: PDF and HTML extraction re-wrap lines."""
    return " ".join(text.split())


def key_sentences(text: str, n: int = 6) -> list[str]:
    """Sentences of a seed long enough to be unmistakable, as they must reappear."""
    found = [s for s in re.split(r"(?<=[.!?”])\s+", norm(text)) if 60 <= len(s) <= 300]
    return found[:n]


def seed_html(text: str, title: str) -> str:
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in text.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body { font-family: 'DejaVu Sans'; font-size: 10pt }</style></head>"
        f"<body><article><h1>{html.escape(title)}</h1>\n{paras}</article></body></html>"
    )


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {name: (SEEDS / name).read_text(encoding="utf-8") for name in SEED_NAMES}


@pytest.fixture(scope="session")
def seed_pdfs(seeds: dict[str, str]) -> dict[str, bytes]:
    """Each seed rendered to PDF by WeasyPrint (DejaVu fonts), as a publisher would."""
    import weasyprint

    return {
        name: weasyprint.HTML(string=seed_html(text, f"Seed {name}")).write_pdf()
        for name, text in seeds.items()
    }


@pytest.fixture(scope="session")
def kazakh_pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string=seed_html(KAZAKH + "\n" + KAZAKH, "Үкім")).write_pdf()


def make_docx(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Seed document"
    for para in paragraphs:
        document.add_paragraph(para)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("After the table.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- a loopback HTTP server -------------------------------------------------------------

SLOW_SECONDS = 3.0


class Handler(BaseHTTPRequestHandler):
    """Routes for the fetch tests; every response is decided by the path alone."""

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html", **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        try:
            if path == "/page":
                body = "<html><head><title>Page</title></head><body><p>Суд вынес приговор "
                body += "активисту.</p></body></html>"
                self._send(200, body.encode("cp1251"), "text/html; charset=windows-1251")
            elif path == "/text":
                self._send(200, b"Plain text source.\r\nSecond line.", "text/plain")
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, b"too late")
            elif path == "/loop":
                self._send(302, location="/loop")
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                if n == 0:
                    self._send(200, b"end of chain", "text/plain")
                else:
                    self._send(302, location=f"/chain/{n - 1}")
            elif path == "/to-file":
                self._send(302, location="file:///etc/passwd")
            elif path == "/big":
                self._send(200, b"x" * 100_000, "text/plain")
            elif path == "/big-unannounced":
                # No Content-Length: the body just keeps coming until the connection closes.
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(100):
                    self.wfile.write(b"y" * 10_000)
                self.close_connection = True
            elif path == "/missing":
                self._send(404, b"not here")
            elif path == "/error":
                self._send(500, b"oops")
            else:
                self._send(404, b"no route")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size limits): expected in these tests


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of a threaded HTTP server on 127.0.0.1, shut down after the session."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests must not be sent to a proxy configured on the test machine."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)


@pytest.fixture(autouse=True)
def _casefile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Default blob store and settings point into a temporary folder, never ~/.casefile."""
    monkeypatch.setenv("CASEFILE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CASEFILE_BLOB_DIR", raising=False)
    monkeypatch.delenv("CASEFILE_MAX_SOURCE_BYTES", raising=False)


@pytest.fixture(scope="session")
def real_documents(seed_pdfs: dict[str, bytes]) -> dict[str, bytes]:
    """Real PDFs and a real DOCX, as mutation targets for the fuzz tests: one PDF of prose,
    one with a list drawn with separate markers and a table (what reflow and the table
    reader look at), and a DOCX with a table."""
    import weasyprint

    listing = weasyprint.HTML(string=(
        "<html><head><meta charset='utf-8'><style>@page { size: 10cm 9cm }"
        "body { font-family: 'DejaVu Sans'; font-size: 9pt; hyphens: auto }</style></head>"
        f"<body lang='ru'><ol><li>{RUSSIAN}</li><li>{KAZAKH}</li></ol><table>"
        "<tr><td>Name</td><td>Status</td></tr><tr><td>Serik Bolatov</td><td>convicted</td></tr>"
        "<tr><td>Asel Nurkina</td><td>pre-trial</td></tr></table></body></html>"
    )).write_pdf()
    return {
        "pdf": next(iter(seed_pdfs.values())),
        "pdf-list": listing,
        "docx": make_docx([KAZAKH, RUSSIAN], table=[["Name", "Status"], ["A B", "convicted"]]),
    }
