"""Documents are read in a separate process with a time and a memory limit.

pypdf, python-docx, lxml and trafilatura are large parsers run on hostile bytes: a 4 KB PDF
can describe 90,000 pages, a ZIP entry can expand to gigabytes, and a parse cannot be
cancelled from inside a thread. So the bytes go to a worker process (`main`
below, in a new interpreter) that reads them under rlimits: RLIMIT_AS caps its memory and
RLIMIT_CPU its processor time, and the caller also stops waiting after twice that time in
wall-clock terms and kills it. Whatever happens in there reaches the caller as one
CaptureError line; the thread that asked (a CLI run, a web request) is held no longer than
the limit. Plain text up to TEXT_HERE is read in the caller's process.

Starting Python and importing the parsers costs about 0.4 s, so finished workers are kept
(at most IDLE of them) and used again; CPU time is counted per document by raising the soft
limit before each one. A worker that read a large document retires, so the memory it grew
to goes back to the system. The worker sees no CASEFILE_* settings and no secrets: only the
limits, in its arguments.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from casefile import settings
from casefile.errors import CaptureError
from casefile.sources.document import MEDIA_TYPES
from casefile.sources.listing import Listing, ListingItem

log = logging.getLogger(__name__)

IDLE = 2  # finished workers kept for the next document
# Plain text up to this size is read in the caller's process: no third-party parser is
# involved and our own reading takes milliseconds, so the worker's start is not worth it.
# Larger text goes to the worker too: re-wrapping megabytes of one-word lines takes seconds.
TEXT_HERE = 256 * 1024
RETIRE_BYTES = 1_000_000  # a worker that read a larger document is not used again
HEADER = struct.Struct("!Q")  # length of each message that follows
# Environment a worker gets: enough to find Python and our code, no settings or secrets.
ENV_KEPT = ("PATH", "PYTHONPATH", "PYTHONHASHSEED", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR",
            "SYSTEMROOT")  # fmt: skip
OUT_OF_MEMORY = json.dumps({"error": "memory"}).encode()
CODE = str(Path(__file__).resolve().parents[2])  # the folder that holds this casefile package


@dataclass(frozen=True)
class Limits:
    """What one document's reading may use."""

    seconds: int  # CPU seconds; the caller waits twice as long in wall-clock time
    memory_mb: int  # address space of the worker process

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(seconds=settings.parse_seconds(), memory_mb=settings.parse_memory_mb())


@dataclass(frozen=True)
class Parsed:
    """What a worker read from the bytes; a listing's items when it was read as one."""

    kind: str
    text: str
    title: str | None
    items: tuple[ListingItem, ...] = ()


def parse(raw: bytes, *, max_bytes: int, charset: str | None = None,
          limits: Limits | None = None, listing: bool = False) -> Parsed:  # fmt: skip
    """Detect the format of `raw` and take its text: short plain text here, everything else
    in a worker process under `limits`. With `listing`, the bytes are read as a listing
    (casefile.sources.listing: a feed is accepted) and its items come back too."""
    from casefile.sources.feed import looks_like_feed
    from casefile.sources.formats import detect, extract, is_packaged

    if len(raw) <= TEXT_HERE and not is_packaged(raw) and not (listing and looks_like_feed(raw)) \
            and (kind := detect(raw)) == "text":
        if listing:
            return _listing_parsed(read_listing(raw, max_bytes=max_bytes, charset=charset))
        text, title = extract(raw, kind, max_bytes=max_bytes, charset=charset)
        return Parsed(kind=kind, text=text, title=title)
    limits = limits or Limits.from_settings()
    request = json.dumps({"max_bytes": max_bytes, "charset": charset, "listing": listing,
                          "max_pdf_pages": settings.max_pdf_pages()}).encode()  # fmt: skip
    with _worker(limits) as worker:
        reply = worker.ask(request, raw, len(raw) > RETIRE_BYTES)
    if "error" in reply:
        if reply["error"] == "memory":
            raise CaptureError(_over_memory(limits))
        raise CaptureError(str(reply.get("message") or reply["error"]))
    for message in reply.get("warnings", []):  # what a reader noted (the text is whole)
        log.info("while reading: %s", message)
    items = tuple(ListingItem(**item) for item in reply.get("items", []))
    return Parsed(kind=reply["kind"], text=reply["text"], title=reply["title"], items=items)


def read_listing(raw: bytes, *, max_bytes: int, charset: str | None) -> Listing:
    from casefile.sources.listing import read_listing as read

    return read(raw, max_bytes=max_bytes, charset=charset)


def _listing_parsed(listing: Listing) -> Parsed:
    return Parsed(kind=listing.kind, text=listing.text, title=listing.title,
                  items=listing.items)


ITEM_FIELDS = {"key": str, "text": str, "title": str | None, "link": str | None,
               "published": str | None}


def _well_formed(reply: dict) -> bool:
    """A reply is an error with a message, or a known kind with a text and maybe a title, and
    a listing's items each with exactly the fields of a ListingItem."""
    if "error" in reply:
        return isinstance(reply.get("message", ""), str)
    items = reply.get("items", [])
    return (reply.get("kind") in MEDIA_TYPES and isinstance(reply.get("text"), str)
            and isinstance(reply.get("title"), str | None)
            and isinstance(reply.get("warnings", []), list)
            and isinstance(items, list)
            and all(isinstance(i, dict) and i.keys() == ITEM_FIELDS.keys()
                    and all(isinstance(i[k], t) for k, t in ITEM_FIELDS.items())
                    for i in items))  # fmt: skip


def _over_memory(limits: Limits) -> str:
    return (f"reading the document needed more than {limits.memory_mb} MB of memory "
            "(CASEFILE_PARSE_MEMORY_MB): stopped; the file may be built to exhaust the server")


def _over_time(limits: Limits) -> str:
    return (f"reading the document took more than {limits.seconds} s "
            "(CASEFILE_PARSE_SECONDS): stopped; the file may be built to exhaust the server")


class _Worker:
    """One worker process and the pipe protocol to it: length-prefixed JSON and bytes."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        env = {k: v for k, v in os.environ.items() if k in ENV_KEPT}
        # The worker runs this very copy of Casefile, wherever the caller found it.
        env["PYTHONPATH"] = os.pathsep.join(p for p in (CODE, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-c", "from casefile.sources.worker import main; main()",
                 str(limits.memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True,
            )  # fmt: skip
        except OSError as exc:
            raise CaptureError(f"cannot start the document reader: {exc}") from None
        self.usable = True

    def ask(self, request: bytes, raw: bytes, last: bool) -> dict:
        """Send one document, wait for the reply within the limits, or kill the worker."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        deadline = time.monotonic() + 2 * self.limits.seconds
        self.usable = False  # until a whole reply is read: an interrupted worker is not reused
        try:
            head = json.dumps({"seconds": self.limits.seconds, "last": last}).encode()
            with contextlib.suppress(BrokenPipeError):  # it may answer before reading all
                for part in (head, request, raw):
                    self.proc.stdin.write(HEADER.pack(len(part)) + part)
                self.proc.stdin.flush()
            size = HEADER.unpack(self._read(HEADER.size, deadline))[0]
            body = self._read(size, deadline)
        except TimeoutError:
            self.kill()
            raise CaptureError(_over_time(self.limits)) from None
        except (OSError, EOFError, struct.error):
            why = self._death()
            self.kill()
            raise CaptureError(why) from None
        try:
            reply = json.loads(body.decode("utf-8", "surrogatepass"))
        except ValueError:
            reply = None
        if not isinstance(reply, dict) or not _well_formed(reply):
            self.kill()
            raise CaptureError("the document reader gave an answer that cannot be read")
        self.usable = not last and reply.get("error") != "memory"  # a refusal is no harm
        return reply

    def _read(self, n: int, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        chunks: list[bytes] = []
        while n > 0:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _death(self) -> str:
        """Why the worker stopped answering, as the user should read it."""
        try:
            code = self.proc.wait(timeout=5)  # its output ended: it is on its way out
        except subprocess.TimeoutExpired:
            return "the document reader stopped answering"
        if code == -signal.SIGXCPU:
            return _over_time(self.limits)
        if code == -signal.SIGKILL:  # the system's out-of-memory killer
            return _over_memory(self.limits)
        return f"the document reader stopped unexpectedly (exit status {code})"

    def kill(self) -> None:
        self.usable = False
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()

    def close(self) -> None:
        """End a worker: it exits when its input ends, or is killed if it does not."""
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


_idle: list[_Worker] = []
_lock = threading.Lock()


@contextlib.contextmanager
def _worker(limits: Limits) -> Iterator[_Worker]:
    """An idle worker with these limits, or a new one; kept afterwards if still usable."""
    with _lock:
        found = next((w for w in _idle if w.limits == limits), None)
        if found is not None:
            _idle.remove(found)
    worker = found or _Worker(limits)
    try:
        yield worker
    finally:
        kept = False
        if worker.usable and worker.proc.poll() is None:
            with _lock:
                kept = len(_idle) < IDLE
                if kept:
                    _idle.append(worker)
        if not kept:
            worker.close()


@atexit.register
def _close_idle() -> None:
    with _lock:
        idle = list(_idle)
        _idle.clear()
    for worker in idle:
        worker.close()


# --- the worker process ----------------------------------------------------------------------


def main() -> None:
    """Read documents from stdin, one after another, until the input ends."""
    import resource

    import defusedxml.ElementTree  # noqa: F401

    # The parsers are imported before the memory limit, so it bounds the reading alone.
    import docx  # noqa: F401
    import pypdf  # noqa: F401

    from casefile.sources import feed, formats, htmltext, listing, packaged  # noqa: F401

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's; it ends our input
    memory = int(sys.argv[1]) * 1024 * 1024
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)  # a limit can be lowered, never raised past the hard one
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    stdin = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # a library that prints must not corrupt the replies
    warnings = _capture_warnings()
    while True:
        try:
            head = _message(stdin)
            if head is None:
                return
            job = json.loads(head)
            request = json.loads(_message(stdin) or b"{}")
            raw = _message(stdin) or b""
            _limit_cpu(int(job["seconds"]))
            warnings.clear()
            reply = json.dumps(_read(raw, request, warnings), ensure_ascii=False).encode(
                "utf-8", "surrogatepass")
            del raw
        except MemoryError:
            reply = OUT_OF_MEMORY
            job = {"last": True}
        out.write(HEADER.pack(len(reply)) + reply)
        out.flush()
        if job.get("last") or reply is OUT_OF_MEMORY:
            return


def _read(raw: bytes, request: dict, warnings: list[str]) -> dict:
    from dataclasses import asdict

    from casefile.sources.formats import detect, extract

    try:
        if request.get("listing"):
            listing = read_listing(raw, max_bytes=int(request["max_bytes"]),
                                   charset=request.get("charset"))
            return {"kind": listing.kind, "text": listing.text, "title": listing.title,
                    "items": [asdict(i) for i in listing.items], "warnings": warnings[:20]}
        kind = detect(raw)
        text, title = extract(raw, kind, max_bytes=int(request["max_bytes"]),
                              charset=request.get("charset"),
                              max_pdf_pages=int(request["max_pdf_pages"]))  # fmt: skip
    except CaptureError as exc:
        return {"error": "capture", "message": str(exc)}
    except MemoryError:
        raise
    except Exception as exc:  # a parser bug on hostile bytes is a refusal, not a crash
        return {"error": "crash", "message": f"the document could not be read: "
                f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"}
    return {"kind": kind, "text": text, "title": title, "warnings": warnings[:20]}


def _message(stream: object) -> bytes | None:
    """One length-prefixed message, or None at the end of the input."""
    head = stream.read(HEADER.size)  # type: ignore[attr-defined]
    if len(head) < HEADER.size:
        return None
    body: bytes = stream.read(HEADER.unpack(head)[0])  # type: ignore[attr-defined]
    return body


def _limit_cpu(seconds: int) -> None:
    """Allow this document `seconds` of CPU beyond what the worker has used so far."""
    import resource as res

    used = res.getrusage(res.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _, hard = res.getrlimit(res.RLIMIT_CPU)
    soft = spent + seconds
    if hard != res.RLIM_INFINITY:
        soft = min(soft, hard)
    res.setrlimit(res.RLIMIT_CPU, (soft, hard))


def _capture_warnings() -> list[str]:
    """Warnings logged while reading go back with the reply, for the caller's log."""
    messages: list[str] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage()[:300])

    root = logging.getLogger()
    root.addHandler(_Keep(logging.WARNING))
    root.setLevel(logging.WARNING)
    return messages


