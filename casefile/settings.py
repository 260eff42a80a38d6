"""Settings come from CASEFILE_* environment variables, with safe defaults.

Kept as a list of (name, default, help) so `casefile settings` and the docs can print them
and a test can check every one is documented.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from casefile import private_files
from casefile.errors import SettingsError


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
    Setting("LANG", "", "Language of the CLI's messages: en, ru or kk; empty means the "
            "language of LC_ALL, LC_MESSAGES or LANG when it is one of them, else English "
            "(read by casefile.i18n.cli_lang)."),
    Setting("FETCH_TIMEOUT", "20", "Seconds before a URL capture gives up."),
    Setting("FETCH_MAX_REDIRECTS", "5", "Redirects followed by a URL capture."),
    Setting("FETCH_ALLOW_PRIVATE", "0",
            "1 lets URL capture reach private, loopback and link-local addresses (an "
            "intranet); by default they are refused, redirects included."),
    Setting("SECRET_KEY", "",
            "Secret for CSRF tokens and the keyed hashes of the login throttle and the "
            "security log; empty means one kept in HOME."),
    Setting("DB_POOL", "20",
            "Database connections each process keeps open, and as many again when busy (the web "
            "server runs up to 40 requests at once); mind PostgreSQL's max_connections."),
    Setting("BACKUP_PASSPHRASE", "",
            "Passphrase for `casefile backup --passphrase` and `casefile restore` when no "
            "--passphrase-file is given (else they ask for it); never put it on the command "
            "line."),
    Setting("LOG_ADDRESSES", "0",
            "1 writes visitors' IP addresses into the security log; by default it keeps only a "
            "keyed hash of each (enough to see that many failures came from one place)."),
    Setting("SECURITY_LOG_DAYS", "365",
            "Days the security log keeps its events (older ones are removed when someone logs "
            "in)."),
    Setting("TRUSTED_PROXIES", "",
            "Comma-separated addresses of reverse proxies whose X-Forwarded-For names the "
            "client (e.g. 127.0.0.1 behind a local TLS proxy); empty trusts none. Without it, "
            "behind a proxy every visitor has the proxy's address, and the login throttle "
            "counts them all as one."),
    Setting("PAGE_CACHE_MB", "16",
            "Memory per web worker for public pages kept until the registry changes; 0 keeps "
            "none."),
    Setting("PARSE_SECONDS", "120",
            "CPU seconds the reading of one PDF, DOCX or HTML document may take in its worker "
            "process (the wait ends at twice that); then it is stopped and refused."),
    Setting("PARSE_MEMORY_MB", "2048",
            "Memory (address space, MB) of the worker process reading one document; a "
            "document needing more is refused."),
    Setting("MAX_PDF_PAGES", "5000", "PDFs with more pages than this are refused."),
    Setting("STALE_MONTHS", "6",
            "A status on the list whose newest source is older than this many months (as of "
            "the list's date) is marked as not confirmed lately."),
    Setting("ACCESS_LOG", "1",
            "1 writes one line per web request to standard error (method, path without its "
            "query, status, size, time; nothing about the visitor); 0 writes none."),
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
    Setting("EDITOR", "",
            "Who the command line's write commands record in the audit log when --as is not "
            "given; empty: the login name of the account running it."),
    Setting("RATE_EXPENSIVE", "120",
            "Searches, CSV/JSON list exports and pages for a chosen as_of date one address may "
            "ask for per minute, together (429 beyond); 0 for no limit."),
    Setting("WATCH_HOST_INTERVAL", "5",
            "Seconds a watch run waits between two requests to the same host."),
    Setting("WATCH_RETRY_MINUTES", "5",
            "Minutes before a failed watch is tried again; doubled with each failure since "
            "its last success, up to CASEFILE_WATCH_RETRY_MAX_MINUTES."),
    Setting("WATCH_RETRY_MAX_MINUTES", "1440", "Longest wait before retrying a failed watch."),
    Setting("WATCH_CLAIM_MINUTES", "30",
            "Minutes a watch run holds a watch it fetches, so that no other run fetches it; a "
            "run killed mid-fetch frees it after this."),
    Setting("TSA_URL", "",
            "An RFC 3161 time-stamping authority (http or https URL) that stamps each "
            "release's hash; empty: the hash is recorded for later stamping."),
    Setting("STORY_SIMILARITY", "0.5",
            "How alike (estimated Jaccard index of word pairs, 0-1) two sources' texts must be "
            "to be one story told by two outlets (casefile.registry.stories); 0 turns the "
            "detection off: no fingerprints are kept."),
    Setting("SITE_URL", "",
            "The site's address as readers reach it (https://example.org), for the links in "
            "digests and the Atom feed; empty: the feed uses the address it was asked at, and "
            "a digest's links are paths."),
    Setting("WEBHOOK_TIMEOUT", "10",
            "Seconds `casefile digest --webhook` waits for the receiving server."),
    Setting("WEBHOOK_SECRET", "",
            "The secret `casefile digest --webhook` signs each post with, as Standard Webhooks "
            "writes one: whsec_ then 24 to 64 random bytes in base64 (`echo whsec_$(openssl "
            "rand -base64 32)`), shared with the receiver. A post then carries webhook-id, "
            "webhook-timestamp and webhook-signature headers that any Standard Webhooks library "
            "checks; empty: posts are unsigned, and the command says so."),
]


def get(name: str) -> str:
    """The raw value. A setting whose default is a number must be a number of at least 0, so
    that every numeric setting, `number()` read or not, fails as one line naming it."""
    for s in SETTINGS:
        if s.name == name:
            value = os.environ.get(f"CASEFILE_{name}", s.default)
            if value != s.default and _is_number(s.default) and not _is_number(value):
                raise SettingsError(f"CASEFILE_{name} must be a number of at least 0, "
                                    f"not {value!r}")
            return value
    raise KeyError(name)


def _is_number(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False
    return value >= 0 and value != float("inf")  # nan is not >= 0


def number(name: str, kind: type[int] | type[float] = int, minimum: float = 0) -> float:
    """The setting `name` read as a number of `kind`, at least `minimum`; a value that is not
    one is a one-line error naming the variable, not a traceback from deep inside a command."""
    raw = get(name)
    try:
        value = kind(raw.strip())
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise SettingsError(f"CASEFILE_{name} must be {what}, not {raw!r}") from None
    if not value >= minimum:  # also refuses nan
        raise SettingsError(f"CASEFILE_{name} must be at least {minimum:g}, not {raw!r}")
    return value


def home() -> Path:
    """CASEFILE_HOME, created (0700) if missing."""
    path = Path(get("HOME")).expanduser()
    try:
        return private_files.make_folder(path)
    except OSError as exc:
        raise SettingsError(f"cannot create CASEFILE_HOME {path}: {exc.strerror}") from None


def database_url() -> str:
    url = get("DATABASE_URL")
    return url or f"sqlite:///{home() / 'casefile.db'}"


def blob_dir() -> Path:
    raw = get("BLOB_DIR")
    return Path(raw).expanduser() if raw else home() / "blobs"


def max_source_bytes() -> int:
    return int(number("MAX_SOURCE_BYTES", int, 1))


def fetch_timeout() -> float:
    return number("FETCH_TIMEOUT", float, 0.001)


def fetch_max_redirects() -> int:
    return int(number("FETCH_MAX_REDIRECTS", int, 0))


def page_cache_bytes() -> int:
    return int(number("PAGE_CACHE_MB", float, 0) * 2**20)


def db_pool() -> int:
    return max(1, int(number("DB_POOL", int, 0)))


def parse_seconds() -> int:
    return int(number("PARSE_SECONDS", int, 1))


def parse_memory_mb() -> int:
    return int(number("PARSE_MEMORY_MB", int, 64))


def max_pdf_pages() -> int:
    return int(number("MAX_PDF_PAGES", int, 1))


def max_upload_bytes() -> int:
    """A capture's whole request: the largest source plus room for the form around it."""
    return max_source_bytes() + 1024 * 1024


def max_form_bytes() -> int:
    return int(number("MAX_FORM_BYTES", int, 1))


def story_similarity() -> float:
    """The resemblance that makes two sources one story; 0: stories are not looked for."""
    value = number("STORY_SIMILARITY", float, 0)
    if value > 1:
        raise SettingsError(f"CASEFILE_STORY_SIMILARITY must be at most 1, not {value:g}")
    return value


def pdf_renders() -> int:
    return int(number("PDF_RENDERS", int, 1))


def pdf_wait() -> float:
    return number("PDF_WAIT", float, 0)


def pdf_cache_bytes() -> int:
    return int(number("PDF_CACHE_MB", float, 0) * 2**20)


def rate_pdf() -> int:
    return int(number("RATE_PDF", int, 0))


def rate_expensive() -> int:
    return int(number("RATE_EXPENSIVE", int, 0))


def stale_months() -> int:
    return int(number("STALE_MONTHS", int, 0))


def watch_host_interval() -> float:
    return number("WATCH_HOST_INTERVAL", float, 0)


def watch_retry_minutes() -> float:
    return number("WATCH_RETRY_MINUTES", float, 0)


def watch_retry_max_minutes() -> float:
    return number("WATCH_RETRY_MAX_MINUTES", float, 0)


def watch_claim_minutes() -> float:
    return number("WATCH_CLAIM_MINUTES", float, 1)


def site_url() -> str:
    """CASEFILE_SITE_URL without a trailing slash ("" when not set)."""
    return get("SITE_URL").strip().rstrip("/")


def webhook_timeout() -> float:
    return float(number("WEBHOOK_TIMEOUT", float, 0.1))


def webhook_secret() -> bytes | None:
    """The webhook's signing key (None: posts go unsigned). Checked strictly, as a mistyped
    secret would sign posts no receiver can check; the error never repeats the value."""
    raw = get("WEBHOOK_SECRET").strip()
    if not raw:
        return None
    encoded = raw.removeprefix("whsec_")
    try:
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except binascii.Error:
        key = b""
    if not 24 <= len(key) <= 64:
        raise SettingsError("CASEFILE_WEBHOOK_SECRET must be 24 to 64 random bytes in base64, "
                            "with or without whsec_ before them, e.g. the output of: echo "
                            "whsec_$(openssl rand -base64 32)")
    return key
