"""The servers the web benchmark measures: `casefile serve` and Datasette, each started fresh
on a free loopback port, pinned to one core, and watched for its peak memory.

Both are started through `taskset -c SERVER_CORE`, so the server and every process it spawns
(uvicorn workers, a capture worker) share that core while the load generator has the other:
a server that looks fast only because it borrowed the generator's core would be flattered.
Memory is read from /proc (psutil is not a dependency): VmHWM, the kernel's own peak RSS of
each process, kept for every process seen in the server's tree while it runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERVER_CORE = 0
CLIENT_CORE = 1


def pinned(command: list[str], core: int) -> list[str]:
    """The command run on one core, when the machine has more than one."""
    return ["taskset", "-c", str(core), *command] if (os.cpu_count() or 1) > 1 else command


@dataclass
class Memory:
    """Peak RSS of a server's process tree: the sum of each process's own peak (VmHWM), an
    upper bound when the processes peaked at different times, and the largest single one
    (the issue's target is per server process). A child that lived less than one sampling
    interval (0.25 s) is missed."""

    peaks_kb: dict[int, int] = field(default_factory=dict)

    @property
    def total_mb(self) -> float:
        return sum(self.peaks_kb.values()) / 1024

    @property
    def largest_mb(self) -> float:
        return max(self.peaks_kb.values(), default=0) / 1024

    @property
    def processes(self) -> int:
        return len(self.peaks_kb)


class Served:
    """A server process on a free port: started by __enter__, stopped by __exit__, with its
    output in a file (a pipe nobody reads would fill and block it) and its memory watched."""

    name = "server"
    ready_path = "/"
    logs: Path | None = None  # a folder to keep each server's output in (run.py --logs)

    def __init__(self, core: int | None = SERVER_CORE) -> None:
        self.core = core  # None: not pinned
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        kept = self.logs / f"{self.name}-{self.port}.log" if self.logs else None
        self.log: IO[str] = (kept.open("w+") if kept  # closed in __exit__
                             else tempfile.TemporaryFile("w+"))  # noqa: SIM115
        self.memory = Memory()
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watch_memory, daemon=True)
        self.ready_at = 0.0  # time.monotonic() of the first answer

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def __enter__(self) -> Served:
        command = self.command() if self.core is None else pinned(self.command(), self.core)
        self.proc = subprocess.Popen(command, cwd=ROOT,
                                     env=self.env(), stdout=self.log, stderr=subprocess.STDOUT)
        self._watch.start()
        self._wait()
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self.proc.poll() is not None:
            print(f"{self.name} exited ({self.proc.returncode}); its log ends:\n"
                  f"{self.tail()}", file=sys.stderr)
        self._stop.set()
        self._watch.join()
        stop(self.proc)
        self.log.close()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read()[-2000:]

    def _wait(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.alive():
            try:
                if httpx.get(self.base + self.ready_path, timeout=5).status_code == 200:
                    self.ready_at = time.monotonic()
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not start:\n{self.tail()}")

    def _watch_memory(self) -> None:
        while True:
            for pid in tree(self.proc.pid):
                kb = _hwm_kb(pid)
                if kb:
                    self.memory.peaks_kb[pid] = max(self.memory.peaks_kb.get(pid, 0), kb)
            if self._stop.wait(0.25):
                return


class Casefile(Served):
    """`casefile serve` over the registry in `home` (or the PostgreSQL registry at `url`)."""

    name = "casefile"
    ready_path = "/api/v1/openapi.json"

    def __init__(self, home: Path, url: str, workers: int = 1, cache_mb: str | None = None,
                 core: int | None = SERVER_CORE) -> None:
        super().__init__(core)
        self.home, self.url, self.workers, self.cache_mb = home, url, workers, cache_mb

    def command(self) -> list[str]:
        return [sys.executable, "-m", "casefile", "serve", "--port", str(self.port),
                "--workers", str(self.workers)]

    def env(self) -> dict[str, str]:
        # The connections stand for many visitors, all from one loopback address: the limit
        # on searches per address is off, or most searches would get a cheap 429.
        env = {"CASEFILE_RATE_EXPENSIVE": "0", **os.environ, "CASEFILE_HOME": str(self.home),
               "CASEFILE_DATABASE_URL": self.url}
        if self.cache_mb is not None:
            env["CASEFILE_PAGE_CACHE_MB"] = self.cache_mb
        return env


class Datasette(Served):
    """Datasette with its defaults over the same file. Not --immutable: a plain `datasette
    serve FILE` opens it read-only (mode=ro) and counts rows per request, as a site whose
    file can change must; the database is named after the file's stem (`casefile`)."""

    name = "datasette"
    ready_path = "/-/versions.json"

    def __init__(self, executable: Path, file: Path) -> None:
        super().__init__()
        self.executable, self.file = executable, file

    def command(self) -> list[str]:
        return [str(self.executable), "serve", str(self.file), "--port", str(self.port)]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a server we started, and then its children (uvicorn workers, PDF and capture
    workers): uvicorn would otherwise wait for a capture still running, for minutes."""
    children = tree(proc.pid)[1:]
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _hwm_kb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn workers, a capture worker)."""
    parents: dict[int, int] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            # the command may contain spaces and parentheses: ppid follows the last ")"
            with contextlib.suppress(OSError, ValueError, IndexError):
                parents[int(p.name)] = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
    out = [pid]
    for member in out:  # grows while iterated: breadth-first over the process tree
        out += [child for child, parent in parents.items() if parent == member]
    return out
