"""What the site hands to its worker process (casefile.web.workers): a capture, re-extracting
a source, running a watch now. Each is a module-level function of plain values, so it pickles.

The worker unpickles a function by importing its module, so these live here and not in the
views: from a view module the worker imported the whole web app (FastAPI, every view and
template helper) beside the extractors. The extractors are imported inside each function, so
a server process that imports this module to name the work loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casefile.registry.captured import Captured


def capture_upload(raw: bytes, name: str, opts: dict[str, Any]) -> Captured:
    """An uploaded file read and captured."""
    from casefile.registry.ingest import ingest
    from casefile.sources.load import load_bytes

    return ingest(load_bytes(raw, origin=name), **opts)


def capture_url(url: str, opts: dict[str, Any]) -> Captured:
    """A URL fetched and captured."""
    from casefile.registry.ingest import capture

    return capture(url, **opts)


def reextract(url: str, source_id: int, actor: str) -> int:
    """A source's claims extracted again and committed; how many are new."""
    from casefile.registry import db, inventory

    with db.transaction(url) as s:
        return inventory.reextract(s, source_id, actor)


def run_watch(watch_id: int, actor: str, url: str | None) -> tuple[str, str]:
    """One watch run now; what it did, in words."""
    from casefile.registry import watch_run

    [ran] = watch_run.run([watch_id], actor=actor, url=url)
    return ran.result, ran.note
