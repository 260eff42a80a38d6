"""What one capture did: the record the capture worker hands back to the web server.

Apart from casefile.registry.ingest, which makes it, because the server unpickles it: a
class is unpickled by importing its module, and importing ingest's brought every extractor,
lxml and trafilatura into the serving process with the first capture (15 MB of a
process kept under 150 MB; casefile.web.workers).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Captured:
    source_id: int
    sha256: str
    created: bool  # False: these exact bytes were already in the registry
    claims: int
    persons: int
    language: str | None = None
    extracted: bool = True  # False: no extractor for the source's language yet
    country: str | None = None  # the case country the text points to (None: not told)
    flags: tuple[str, ...] = ()  # what an editor must look at: unreadable entries, failures
    story_id: int | None = None  # the story it tells with other sources (registry.stories)
