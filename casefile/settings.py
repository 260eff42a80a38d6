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
    Setting("SECRET_KEY", "",
            "Secret for CSRF tokens and the keyed hashes of the login throttle and the "
            "security log; empty means one kept in HOME."),
    Setting("DB_POOL", "20",
            "Database connections each process keeps open, and as many again when busy (the web "
            "server runs up to 40 requests at once); mind PostgreSQL's max_connections."),
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
    Setting("PAGE_CACHE_MB", "24",
            "Memory per web worker for public pages kept until the registry changes; 0 keeps "
            "none."),
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
