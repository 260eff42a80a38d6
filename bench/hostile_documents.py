"""What reading in a worker costs, and how fast hostile documents are refused.

    .venv/bin/python bench/hostile_documents.py

Times a seed as HTML, DOCX and PDF read in this process (the parsers called directly) and
through `load_bytes` (a warm worker process), then each hostile file of the tests: the
nested and oversized HTML pages, the PDF listing one page 90,000 times, the DOCX bomb, and
20,000 real pages stopped at CASEFILE_PARSE_SECONDS=2.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casefile.errors import CaptureError  # noqa: E402
from casefile.sources.formats import detect, extract  # noqa: E402
from casefile.sources.load import load_bytes  # noqa: E402
from tests.sources.conftest import make_docx, seed_html  # noqa: E402
from tests.sources.hostile import lying_docx, many_pages_pdf, reused_page_tree_pdf  # noqa: E402
from tests.sources.test_hostile_documents import _nested  # noqa: E402


def timed(fn) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        fn()
        outcome = "read"
    except CaptureError as exc:
        outcome = f"refused: {str(exc)[:60]}"
    return time.perf_counter() - start, outcome


def main() -> None:
    text = (ROOT / "samples" / "seeds").glob("002_*.txt").__next__().read_text()
    import weasyprint

    docs = {
        "seed 002 as HTML": seed_html(text, "Seed").encode(),
        "seed 002 as DOCX": make_docx([p for p in text.split("\n") if p.strip()]),
        "seed 002 as PDF": weasyprint.HTML(string=seed_html(text[:20000], "Seed")).write_pdf(),
    }
    load_bytes(docs["seed 002 as HTML"], origin="warm-up")  # the worker's start, 0.4 s
    print("| document | in this process | through the worker |\n|---|---|---|")
    for name, raw in docs.items():
        here, _ = timed(lambda raw=raw: extract(raw, detect(raw), max_bytes=1 << 26))
        there, _ = timed(lambda raw=raw: load_bytes(raw, origin="x"))
        print(f"| {name} ({len(raw) // 1024} KB) | {here * 1000:.0f} ms | {there * 1000:.0f} ms |")
    os.environ["CASEFILE_MAX_SOURCE_BYTES"] = str(60 << 20)
    words = "Arman Suleimenov was sentenced to five years. " * 284_000
    hostile = {
        "HTML nested 3,000 levels": _nested(3000).encode(),
        "HTML with an 11 MB text node": f"<p>{words[:11_000_000]}</p>".encode(),
        "HTML page of 52 MB on one line": f"<p>{words}<br>{words}<br>{words}<br>{words}".encode(),
        "PDF listing one page 90,000 times": reused_page_tree_pdf(),
        "DOCX declaring 1,000 bytes, holding 100 MB": lying_docx(real_mb=100),
    }
    print("\n| hostile document | time | outcome |\n|---|---|---|")
    for name, raw in hostile.items():
        took, outcome = timed(lambda raw=raw: load_bytes(raw, origin="x"))
        print(f"| {name} ({len(raw) // 1024} KB) | {took:.1f} s | {outcome} |")
    os.environ.update(CASEFILE_PARSE_SECONDS="2", CASEFILE_MAX_PDF_PAGES="100000")
    took, outcome = timed(lambda: load_bytes(many_pages_pdf(20_000), origin="x"))
    print(f"| PDF of 20,000 real pages, 2 s limit | {took:.1f} s | {outcome} |")


if __name__ == "__main__":
    main()
