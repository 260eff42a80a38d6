"""Serving the app with uvicorn (`casefile serve`).

Loopback by default: put a TLS-terminating proxy in front for anything else, which is also why
session cookies are marked Secure (browsers accept Secure cookies from http://127.0.0.1 and
http://localhost, so local use still works).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import threading
import time
from typing import Any

import uvicorn

from casefile import settings
from casefile.registry import db
from casefile.reports import list_rows
from casefile.web import listing, pages
from casefile.web import workers as capture_worker
from casefile.web.app import create_app
from casefile.web.views import home

log = logging.getLogger(__name__)


def options(host: str, port: int) -> dict[str, Any]:
    """uvicorn's settings. Forwarded client addresses are believed only from
    CASEFILE_TRUSTED_PROXIES: the login throttle and the security log count by them. HTTP is
    parsed by httptools and the event loop is uvloop's: both in C, they took a third off a
    cheap page's CPU (a dossier 4.5 -> 3.0 ms at 10,000 persons), time every queued request
    waits for under load."""
    proxies = settings.get("TRUSTED_PROXIES").strip()
    opts: dict[str, Any] = {"host": host, "port": port, "proxy_headers": bool(proxies),
                            "server_header": False, "log_level": "info", "access_log": False,
                            "http": "httptools", "loop": "uvloop"}
    if proxies:
        opts["forwarded_allow_ips"] = proxies
    return opts


def access_log() -> None:
    """The access log (casefile.web.accesslog) to standard error, unless CASEFILE_ACCESS_LOG=0."""
    logger = logging.getLogger("casefile.access")
    if not settings.number("ACCESS_LOG", int, 0):
        logger.setLevel(logging.WARNING)
        return
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def few_arenas() -> None:
    """Two malloc arenas for the process instead of glibc's up to eight per core: each of the
    server's threads took an arena of its own, and the memory freed in one is not reused by
    the others (about 6 MB of a process's 150 MB budget, issue 16, for no measurable speed:
    the interpreter lock lets one thread allocate at a time anyway). Before any thread starts;
    nothing where the C library is not glibc."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX


def settle() -> None:
    """Take what the process holds once started (modules, compiled templates, the app) out of
    the garbage collector's passes (gc.freeze). It never becomes garbage, yet each full pass
    walked all of it: 150,000 objects, 85 ms, every hundred or so list pages, a stall for
    every request in flight. Frozen, the full passes cost half as much in all and the slowest
    list page of a thousand took 8–16 ms instead of about 100 (docs/BENCHMARKS.md, issue 16)."""
    gc.collect()  # what is garbage now is not kept for ever
    gc.freeze()


def worker_app() -> Any:
    """The app of one of several worker processes, with its own access log handler, page
    templates and capture worker."""
    few_arenas()
    access_log()
    return serving_app()


def serving_app() -> Any:
    """The app a serving process runs: templates compiled, the capture worker started and the
    first pages' figures read before the first visitor, then the process settled."""
    pages.warm()
    capture_worker.start()
    app = create_app()
    warm_figures()
    settle()
    return app


def warm_figures(url: str | None = None) -> None:
    """What the home page and the default list read from the whole registry or a whole
    country's rows (counts, the count over time, extradition, the filter options), read into
    this process's caches (casefile.web.listing) before the first visitor: at 100,000
    persons the first home page after start took 0.8-2 s and the first list 0.5-0.7 s, most
    of it these. Only a head start: rows to rebuild first (a worker restarted after midnight)
    are left to the keeper and the first visitor rather than holding up the start, and a
    failure is logged."""
    try:
        with db.session(url) as s:
            if list_rows.kept(s) is None:
                return
            home.stats(s)
            listing.filter_values(s, listing.default_country(s), listing.today())
    except Exception:
        log.warning("could not read the first pages' figures ahead", exc_info=True)


def keep_list(url: str | None = None, every: float = 60.0) -> threading.Thread:
    """A thread that keeps today's list rows current (casefile.reports.list_rows): built at
    start and again after midnight, before a visitor asks and waits for it. Changes keep them
    current themselves; this only catches a new day, or changes by a process without the hook."""
    def keep() -> None:
        while True:
            try:
                with db.session(url) as s:
                    list_rows.ready(s)
            except Exception:  # a busy or unreachable database: readers rebuild themselves
                log.warning("could not bring the list's rows up to date", exc_info=True)
            time.sleep(every)
    thread = threading.Thread(target=keep, name="casefile-list-keeper", daemon=True)
    thread.start()
    return thread


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    few_arenas()
    db.engine()  # migrate before the first request, not during it
    with db.session() as s:  # the list's rows before the first request (a new day's: seconds)
        list_rows.ready(s)
    keep_list()
    access_log()
    opts = options(host, port)
    if workers > 1:  # each worker process builds its own app (and its own caches)
        uvicorn.run("casefile.web.server:worker_app", factory=True, workers=workers, **opts)
    else:
        uvicorn.run(serving_app(), **opts)
