"""The worker process (casefile.web.workers) is ready for the first capture before it comes:
`start` has it import the extractors and compile every extracted language's vocabulary, which
a worker at nice 10 on a busy server otherwise spent as most of its first capture's wait."""

from __future__ import annotations

import asyncio

from casefile.extract import events, language, persons
from casefile.web import workers


def _vocabularies() -> tuple[int, int]:
    """How many languages' vocabularies the process holds compiled (events', persons')."""
    return events._vocab.cache_info().currsize, persons._vocab.cache_info().currsize


def test_a_started_worker_holds_every_language_compiled():
    workers.close()  # a worker another test started may have extracted already
    try:
        workers.start()
        held = asyncio.run(workers.run(_vocabularies))
    finally:
        workers.close()
    assert held == (len(language.EXTRACTED), len(language.EXTRACTED))
