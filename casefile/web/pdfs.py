"""PDF lists for the web: each made once per registry version, date and filters, a few at a
time, in a worker process.

A PDF of the whole list costs seconds to minutes of CPU (WeasyPrint lays out every row), and
every `as_of` date is a new list, so the page cache alone let anyone start as many renders as
they sent dates (16 at once took search from 50 ms to 1.4 s and the server to 3.9 GB). Here:
- a made PDF is kept (bounded in bytes, least recently used out first) under its registry
  version and its normalised query, so reordered or padded query strings and visitors with a
  session, which the page cache never serves, still get the one render;
- a request for a PDF being made waits for that render instead of starting another;
- at most CASEFILE_PDF_RENDERS renders run at once; a request that finds no free slot within
  CASEFILE_PDF_WAIT seconds gets 503 with Retry-After (waiting happens on the event loop, so
  waiters hold no thread of the pool the other pages need);
- the list is built and laid out in a worker process, not a server thread: both are pure
  Python, and in a thread they would hold the interpreter lock the event loop and every other
  page need; the workers run at a lower CPU priority (nice 10), so on a busy machine the pages
  come first and the PDFs take what is left.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from casefile import settings


class Busy(Exception):
    """No render slot came free in time (or the worker died): try again later."""

    retry_after = 30


@dataclass
class RenderCount:
    """What the renders did: how many ran, and the most that ran at the same time."""

    renders: int = 0
    running: int = 0
    most_at_once: int = 0


class PdfLists:
    """One per app: the kept PDFs, the renders under way and the slots for new ones."""

    def __init__(self, renders: int | None = None, wait: float | None = None,
                 cache_bytes: int | None = None) -> None:
        self.renders = settings.pdf_renders() if renders is None else renders
        self.wait = settings.pdf_wait() if wait is None else wait
        self.cache_bytes = settings.pdf_cache_bytes() if cache_bytes is None else cache_bytes
        self.count = RenderCount()
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._under_way: dict[Hashable, asyncio.Future[bytes]] = {}
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._pool: ProcessPoolExecutor | None = None

    async def get(self, key: Hashable, make: Callable[..., bytes], *args: Any) -> bytes:
        """The PDF for `key`, made by `make(*args)` in a worker process if not kept (`make`
        and its arguments must pickle: a module-level function and plain values)."""
        kept = self._kept_pdf(key)
        if kept is not None:
            return kept
        loop = asyncio.get_running_loop()
        under_way = self._under_way.get(key)
        if under_way is not None and under_way.get_loop() is loop:
            return await asyncio.shield(under_way)
        mine: asyncio.Future[bytes] = loop.create_future()
        self._under_way[key] = mine
        try:
            pdf = await self._render(loop, make, args)
            self._keep(key, pdf)
            mine.set_result(pdf)
            return pdf
        except BaseException as exc:
            mine.set_exception(Busy() if isinstance(exc, asyncio.CancelledError) else exc)
            mine.exception()  # seen: the waiters, if any, get it; no "never retrieved"
            raise
        finally:
            self._under_way.pop(key, None)

    async def _render(self, loop: asyncio.AbstractEventLoop, make: Callable[..., bytes],
                      args: tuple[Any, ...]) -> bytes:
        slots = self._slots_of(loop)
        try:
            await asyncio.wait_for(slots.acquire(), self.wait or 0.001)
        except TimeoutError:
            raise Busy from None
        try:
            self.count.renders += 1
            self.count.running += 1
            self.count.most_at_once = max(self.count.most_at_once, self.count.running)
            try:
                return await asyncio.wrap_future(self._workers().submit(make, *args))
            except BrokenProcessPool:
                self._pool = None  # a worker died (killed, out of memory): start afresh
                raise Busy from None
            finally:
                self.count.running -= 1
        finally:
            slots.release()

    def _slots_of(self, loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
        """The semaphore of this event loop (a server has one; tests start several)."""
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.renders))
        return self._slots[1]

    def _workers(self) -> ProcessPoolExecutor:
        """Started on the first PDF, spawned (not forked from a threaded server)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.renders,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=os.nice, initargs=(10,),
                                             max_tasks_per_child=20)
        return self._pool

    def _kept_pdf(self, key: Hashable) -> bytes | None:
        with self._lock:
            pdf = self._kept.get(key)
            if pdf is not None:
                self._kept.move_to_end(key)
            return pdf

    def _keep(self, key: Hashable, pdf: bytes) -> None:
        if len(pdf) > self.cache_bytes // 2:
            return
        with self._lock:
            if key not in self._kept:
                self._kept[key] = pdf
                self._size += len(pdf)
            while self._size > self.cache_bytes:
                self._size -= len(self._kept.popitem(last=False)[1])

    def close(self) -> None:
        """Stop the workers now, renders under way included (a server shutting down would
        otherwise wait for them, minutes for a long list)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            workers = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
