"""Hostile-load benchmark (issue 13, item 7): do public pages keep their speed while anonymous
visitors try to exhaust the server?

Serves a generated registry (the seeds captured, then synthetic persons, bench/web/generate.py)
with `casefile serve` on loopback, and measures the p95 latency of public pages (list pages,
dossiers, searches, mixed) from closed-loop clients in three phases of --seconds each:
- quiet: the public clients alone;
- hostile: plus anonymous attackers, each from its own loopback address (127.0.3.x, so the
  per-address rate limit does not hide the concurrency bound): --pdf-attackers asking for
  /prisoners.pdf with a new `as_of` date each time, --upload-attackers posting 3 GB bodies to
  /capture (headers and the first 256 KB sent, then the answer read);
- hostile + capture: the same, while an editor captures a 4 KB PDF whose page tree reuses one
  child 90,000 times (issue 13, item 8). Documents are read in a limited worker process
  (casefile.sources.worker), which refuses this one; the bench waits for the capture no
  longer than the phase and reports how it ended.
An attacker whose request is refused (413, 429, 503) waits 0.5 s before the next one: a
client that floods cheap refusals at full speed is a network-level attack, not this one.
Public clients spread their requests over 160 loopback addresses, as many visitors would, and
the server runs with CASEFILE_RATE_EXPENSIVE=0, so no public request is refused; any that is
not answered 200 is counted and shown.

The public paths are a site's common pages (100 dossiers, 20 list pages, searches for 60
names), each asked once before the quiet phase, as a site up for a while has seen them: a
first visit costs far more than the attacks change (bench/web/run.py measures those).

Usage: python -m bench.hostile_load [DIR] [--seconds 30] [--clients 4] [--persons 3000]
(DIR is generated when it holds no registry; default /tmp/casefile-hostile.)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "hostile-load bench editor"
REFUSED = {413, 429, 503}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/casefile-hostile"))
    ap.add_argument("--seconds", type=float, default=30, help="per measured phase")
    ap.add_argument("--clients", type=int, default=4, help="public clients (closed loop)")
    ap.add_argument("--persons", type=int, default=3000)
    ap.add_argument("--pdf-attackers", type=int, default=16)
    ap.add_argument("--upload-attackers", type=int, default=4)
    args = ap.parse_args()
    home = args.dir.resolve()
    if not (home / "casefile.db").exists():
        subprocess.run([sys.executable, "-m", "bench.web.generate", str(home), "--persons",
                        str(args.persons), "--claims", str(args.persons * 20)], cwd=ROOT,
                       check=True)
    # The public clients stand for many visitors: the per-address limit on searches is off, so
    # their requests are all answered (a cheap 429 would flatter the p95). The PDF limit,
    # which the attackers meet, stays on.
    os.environ.update(CASEFILE_HOME=str(home),
                      CASEFILE_DATABASE_URL=f"sqlite:///{home / 'casefile.db'}",
                      CASEFILE_RATE_EXPENSIVE="0")
    sys.path.insert(0, str(ROOT))
    _editor()
    from bench.web.servers import Casefile

    with Casefile(home, os.environ["CASEFILE_DATABASE_URL"], core=None) as server:
        paths = _public_paths(server.base)
        for path in ("/prisoners", "/", "/api/v1/prisoners?limit=1"):  # built once, as a
            httpx.get(server.base + path, timeout=600)  # site up for a while has them
        _warm(server.base, paths)
        rows = []
        for phase in ("quiet", "hostile", "hostile + capture"):
            rows.append(_phase(server.base, phase, paths, args, args.seconds))
            rows[-1].rss_mb = server.memory.total_mb  # the peak so far (VmHWM)
    _report(rows, args)


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    public_statuses: dict[int, int] = field(default_factory=dict)  # the non-200 answers
    attacks: dict[str, dict[int, int]] = field(default_factory=dict)
    capture: str = ""
    rss_mb: float = 0.0

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def _editor() -> None:
    from sqlalchemy import select

    from casefile.registry import db
    from casefile.registry.models import User
    from casefile.web import auth

    with db.transaction() as s:
        if s.scalar(select(User).where(User.username == "bench-editor")) is None:
            s.add(User(username="bench-editor", password_hash=auth.hash_password(PASSWORD),
                       role="editor"))


def _public_paths(base: str) -> list[str]:
    """The site's common pages: 100 dossiers, 20 list pages, searches for 60 names."""
    listed = httpx.get(base + "/api/v1/prisoners?limit=500", timeout=600).json()
    rnd = random.Random(0)
    ids = rnd.sample([p["id"] for p in listed["persons"]], min(100, len(listed["persons"])))
    words = sorted({w for p in listed["persons"] for w in p["name"].split() if w.isalpha()})
    pages = range(1, min(20, -(-listed["total"] // 100)) + 1)
    return ([f"/persons/{i}" for i in ids] + [f"/prisoners?page={n}" for n in pages]
            + [f"/search?q={quote(w)}" for w in rnd.sample(words, min(60, len(words)))])


def _warm(base: str, paths: list[str]) -> None:
    """Every common page asked once, four at a time, as a site up for a while has been."""
    def ask(part: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=600) as c:
            for path in part:
                c.get(path)

    threads = [threading.Thread(target=ask, args=(paths[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _phase(base: str, name: str, paths: list[str], args: argparse.Namespace,
           seconds: float) -> Phase:
    phase = Phase(name)
    stop = threading.Event()
    ctx = multiprocessing.get_context("spawn")
    attack_results = ctx.Queue()
    attackers = []
    capture: list[str] = []
    if name.startswith("hostile"):
        attackers = [ctx.Process(target=_attack, args=(kind, base, n, args.seconds + 5,
                                                       attack_results))
                     for kind, n in (("pdf", args.pdf_attackers),
                                     ("upload", args.upload_attackers))]
        for p in attackers:
            p.start()
        time.sleep(3)  # the attack under way before measuring
    if name == "hostile + capture":
        threading.Thread(target=_capture, args=(base, args.seconds, capture), daemon=True).start()
    ready = threading.Barrier(args.clients + 1)
    threads = [threading.Thread(target=_client, args=(base, paths, i, ready, stop, phase))
               for i in range(args.clients)]
    for t in threads:
        t.start()
    ready.wait()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    for p in attackers:
        kind, statuses = attack_results.get(timeout=120)
        phase.attacks[kind] = statuses
        p.join(30)
    if name == "hostile + capture":
        deadline = time.time() + 5
        while not capture and time.time() < deadline:
            time.sleep(0.2)
        phase.capture = capture[0] if capture else "still running when the phase ended"
    return phase


def _client(base: str, paths: list[str], n: int, ready: threading.Barrier,
            stop: threading.Event, phase: Phase) -> None:
    """Closed loop over random public paths; each request from one of 40 addresses."""
    rnd = random.Random(n)
    tls = ssl.create_default_context()  # one for all: making one per client takes 50 ms
    clients = [httpx.Client(base_url=base, timeout=60, transport=httpx.HTTPTransport(
        local_address=f"127.0.2.{n * 40 + i + 1}", verify=tls)) for i in range(40)]
    ready.wait()  # every client made before the clock starts
    while not stop.is_set():
        t = time.perf_counter()
        try:
            status = rnd.choice(clients).get(rnd.choice(paths)).status_code
        except httpx.HTTPError:
            status = 0
        phase.latencies.append(time.perf_counter() - t)
        phase.errors += status != 200
        if status != 200:
            phase.public_statuses[status] = phase.public_statuses.get(status, 0) + 1
    for c in clients:
        c.close()


def _attack(kind: str, base: str, n: int, seconds: float, results: Any) -> None:
    """n attackers of one kind for `seconds`; puts (kind, {status: count}) on `results`."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    end = time.time() + seconds

    def one(i: int) -> None:
        rnd = random.Random(i)
        address = f"127.0.3.{i + 1 + (100 if kind == 'upload' else 0)}"
        with httpx.Client(base_url=base, timeout=seconds, transport=httpx.HTTPTransport(
                local_address=address)) as c:
            while time.time() < end:
                try:
                    if kind == "pdf":
                        day = f"{rnd.randint(2012, 2025)}-{rnd.randint(1, 12):02}-" \
                              f"{rnd.randint(1, 28):02}"
                        status = c.get(f"/prisoners.pdf?as_of={day}").status_code
                    else:
                        status = _huge_upload(base, address)
                except (httpx.HTTPError, OSError):
                    status = 0
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                if status in REFUSED or status == 0:
                    time.sleep(0.5)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((kind, statuses))


def _huge_upload(base: str, address: str) -> int:
    """An anonymous multipart POST declaring 3 GB: headers and 256 KB sent, answer read."""
    host, port = base.rsplit("/", 1)[1].split(":")
    head = (f"POST /capture HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {3 * 2**30}\r\n\r\n").encode()
    with socket.create_connection((host, int(port)), timeout=30,
                                  source_address=(address, 0)) as sock:
        sock.sendall(head + b'--xyz\r\nContent-Disposition: form-data; name="file"; '
                     b'filename="big.pdf"\r\n\r\n' + b"0" * 262_144)
        answer = sock.recv(4096)
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def page_tree_pdf(pages: int = 90_000) -> bytes:
    """A small valid PDF of `pages` pages that are all one page object: three levels of
    page-tree nodes, each listing the same child again and again."""
    fan = [30, 30, pages // 900]
    text = b"BT /F1 12 Tf 72 720 Td (Political prisoner Ivan Petrov was detained.) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    count = pages
    for level, kids in enumerate(fan):
        parent = f"/Parent {level + 1} 0 R " if level else ""
        objects.append(f"<< /Type /Pages {parent}/Kids [{f'{level + 3} 0 R ' * kids}] "
                       f"/Count {count} >>".encode())
        count //= kids
    objects += [b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] /Contents 6 0 R "
                b"/Resources << /Font << /F1 7 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _capture(base: str, seconds: float, outcome: list[str]) -> None:
    """An editor logs in and captures the page-tree PDF; gives up after `seconds`."""
    def cookie(r: httpx.Response) -> str:
        return r.headers["set-cookie"].split(";")[0]

    pdf = page_tree_pdf()
    start = time.perf_counter()
    try:
        with httpx.Client(base_url=base, timeout=seconds) as c:
            page = c.get("/login")
            csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
            r = c.post("/login", headers={"cookie": cookie(page)}, data={
                "username": "bench-editor", "password": PASSWORD, "csrf": csrf,
                "next": "/capture"})
            session = cookie(r)
            form = c.get("/capture", headers={"cookie": session})
            csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
            r = c.post("/capture", headers={"cookie": session},
                       data={"csrf": csrf, "country": "KZ"},
                       files={"file": ("tree.pdf", pdf, "application/pdf")})
        outcome.append(f"answered {r.status_code} after {time.perf_counter() - start:.0f} s "
                       f"({len(pdf):,}-byte PDF)")
    except httpx.TimeoutException:
        outcome.append(f"no answer within {seconds:.0f} s ({len(pdf):,}-byte PDF)")


def _report(rows: list[Phase], args: argparse.Namespace) -> None:
    quiet = rows[0].p(0.95)
    print(f"\npublic pages, {args.clients} closed-loop clients, {args.seconds:.0f} s per phase")
    print(f"{'phase':<20}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95/quiet':>10}"
          f"{'non-200':>9}{'RSS MB':>8}")
    for r in rows:
        print(f"{r.name:<20}{len(r.latencies):>9}{r.p(0.5):>9.0f}{r.p(0.95):>9.0f}"
              f"{r.p(0.95) / quiet if quiet else 0:>10.2f}{r.errors:>9}{r.rss_mb:>8.0f}")
    for r in rows:
        if r.public_statuses:
            shown = ", ".join(f"{s or 'failed'}: {n}" for s, n in sorted(r.public_statuses.items()))
            print(f"  {r.name}: public requests not answered 200: {shown}")
    for r in rows[1:]:
        for kind, statuses in r.attacks.items():
            shown = ", ".join(f"{s or 'failed'}: {n}" for s, n in sorted(statuses.items()))
            print(f"  {r.name}: {kind} attacks answered {shown}")
        if r.capture:
            print(f"  {r.name}: the 90,000-page PDF capture {r.capture}")


if __name__ == "__main__":
    main()
