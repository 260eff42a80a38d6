"""Settings come from CASEFILE_* environment variables, with safe defaults.

Kept as a list of (name, default, help) so `casefile settings` and the docs can print them
and a test can check every one is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: list[Setting] = [
    Setting("HOME", "~/.casefile", "Folder for the embedded database and the blob store."),
    Setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL of the registry; empty means SQLite at $CASEFILE_HOME/casefile.db. "
        "Example: postgresql+psycopg://postgres@127.0.0.1:5432/casefile",
    ),
    Setting("BLOB_DIR", "", "Where raw source bytes are kept; empty means $CASEFILE_HOME/blobs."),
    Setting("MAX_SOURCE_BYTES", str(50 * 1024 * 1024), "Largest source accepted, in bytes."),
    Setting("FETCH_TIMEOUT", "20", "Seconds before a URL capture gives up."),
    Setting("FETCH_MAX_REDIRECTS", "5", "Redirects followed by a URL capture."),
    Setting("FETCH_ALLOW_PRIVATE", "0",
            "1 lets URL capture reach private, loopback and link-local addresses (an "
            "intranet); by default they are refused, redirects included."),
    Setting("SECRET_KEY", "", "Secret for signing web sessions; empty means one kept in HOME."),
    Setting("DB_POOL", "20",
            "Database connections each process keeps open, and as many again when busy (the web "
            "server runs up to 40 requests at once); mind PostgreSQL's max_connections."),
    Setting("BACKUP_PASSPHRASE", "",
            "Passphrase for `casefile backup --passphrase` and `casefile restore` when no "
            "--passphrase-file is given (else they ask for it); never put it on the command "
            "line."),
    Setting("PAGE_CACHE_MB", "24",
            "Memory per web worker for public pages kept until the registry changes; 0 keeps "
            "none."),
    Setting("PARSE_SECONDS", "120",
            "CPU seconds the reading of one PDF, DOCX or HTML document may take in its worker "
            "process (the wait ends at twice that); then it is stopped and refused."),
    Setting("PARSE_MEMORY_MB", "2048",
            "Memory (address space, MB) of the worker process reading one document; a "
            "document needing more is refused."),
    Setting("MAX_PDF_PAGES", "5000", "PDFs with more pages than this are refused."),
    Setting("MAX_FORM_BYTES", str(1024 * 1024),
            "Largest request body the web server reads, uploads aside (forms, API calls); "
            "larger ones are refused (413) before any of it is read."),
    Setting("PDF_RENDERS", "1",
            "PDF lists the web server renders at once (each in a worker process); more "
            "requests wait for a free slot for PDF_WAIT seconds, then get 503."),
    Setting("PDF_WAIT", "5", "Seconds a PDF request waits for a render slot before 503."),
    Setting("PDF_CACHE_MB", "64",
            "Memory per web worker for rendered PDF lists, kept per registry version, date "
            "and filters; 0 keeps none."),
    Setting("RATE_PDF", "6",
            "PDF lists one address may ask for per minute (429 beyond); 0 for no limit."),
    Setting("RATE_EXPENSIVE", "120",
            "Searches, CSV/JSON list exports and pages for a chosen as_of date one address may "
            "ask for per minute, together (429 beyond); 0 for no limit."),
]


def get(name: str) -> str:
    for s in SETTINGS:
        if s.name == name:
            return os.environ.get(f"CASEFILE_{name}", s.default)
    raise KeyError(name)


def home() -> Path:
    path = Path(get("HOME")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    url = get("DATABASE_URL")
    return url or f"sqlite:///{home() / 'casefile.db'}"


def blob_dir() -> Path:
    raw = get("BLOB_DIR")
    return Path(raw).expanduser() if raw else home() / "blobs"


def max_source_bytes() -> int:
    return int(get("MAX_SOURCE_BYTES"))


def page_cache_bytes() -> int:
    return max(0, int(float(get("PAGE_CACHE_MB")) * 2**20))


def db_pool() -> int:
    return max(1, int(get("DB_POOL")))


def parse_seconds() -> int:
    return max(1, int(get("PARSE_SECONDS")))


def parse_memory_mb() -> int:
    return max(64, int(get("PARSE_MEMORY_MB")))


def max_pdf_pages() -> int:
    return max(1, int(get("MAX_PDF_PAGES")))


def max_upload_bytes() -> int:
    """A capture's whole request: the largest source plus room for the form around it."""
    return max_source_bytes() + 1024 * 1024


def max_form_bytes() -> int:
    return int(get("MAX_FORM_BYTES"))


def pdf_renders() -> int:
    return max(1, int(get("PDF_RENDERS")))


def pdf_wait() -> float:
    return max(0.0, float(get("PDF_WAIT")))


def pdf_cache_bytes() -> int:
    return max(0, int(float(get("PDF_CACHE_MB")) * 2**20))


def rate_pdf() -> int:
    return max(0, int(get("RATE_PDF")))


def rate_expensive() -> int:
    return max(0, int(get("RATE_EXPENSIVE")))
