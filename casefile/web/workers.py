"""Editors' heavy work (a capture's extraction and ingest, a watch run) in a worker process,
off the serving path.

Extraction is pure Python: in a server thread it held the interpreter lock that the event loop
and every other page need, so each capture stalled the whole site for seconds (1.9–2.7 s at
10,000 persons). Here it runs in one spawned process at a lower CPU priority (nice 10): the
request that asked waits on the event loop without holding a thread, the site keeps serving,
and readers see the registry's last committed state (SQLite WAL, PostgreSQL MVCC) until the
capture commits. One process for the whole server (captures take the registry's write lock one
at a time anyway); it is started on the first capture and keeps its imports warm for the next.
The work is given as a module-level function and plain values (they must pickle).
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from casefile.errors import CasefileError

T = TypeVar("T")
PREFIX = "CASEFILE_"
_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _workers() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=os.nice, initargs=(10,),
                                        max_tasks_per_child=100)
        return _pool


async def run(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in the worker process, under the server's CASEFILE_* settings as they are
    now (the worker outlives a change of them: tests, a reload); its CasefileError is raised
    here as it was."""
    global _pool
    env = {k: v for k, v in os.environ.items() if k.startswith(PREFIX)}
    try:
        return await asyncio.wrap_future(_workers().submit(_under, env, work, args))
    except BrokenProcessPool:
        with _lock:
            _pool = None  # the worker died (killed, out of memory): the next one starts afresh
        raise CasefileError("the capture worker stopped before it finished; try again") \
            from None


def start() -> None:
    """Start the worker and load the extractors in it now (`casefile serve` calls this), so
    the first capture does not wait for a process to start and import them at nice 10."""
    _workers().submit(_ready)


def _ready() -> None:
    """Import the extractors and have them read their vocabularies: each language's are
    compiled into regular expressions on first use, 0.6–0.8 s of CPU apiece, which a
    worker at nice 10 on a busy server spent as 15–25 s of its first capture's wait."""
    import casefile.registry.ingest  # noqa: F401 (imported for what it loads)
    import casefile.sources.load  # noqa: F401
    from casefile.extract import document, language

    for lang in sorted(language.EXTRACTED):
        document.extract("Word.", lang)  # any text: the vocabularies load before reading it


def _under(env: dict[str, str], work: Callable[..., T], args: tuple[Any, ...]) -> T:
    for key in [k for k in os.environ if k.startswith(PREFIX) and k not in env]:
        del os.environ[key]
    os.environ.update(env)
    return work(*args)


@atexit.register
def close() -> None:
    """Stop the worker (a server shutting down; tests at their end)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
