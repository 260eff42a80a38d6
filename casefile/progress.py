"""How a long capture says how far it is, without the layers that do the work printing.

A capture of a large file or a slow URL takes seconds to minutes: fetching (bytes so far, of
the Content-Length when the server gives one), reading (the parser in its worker), extracting,
resolving the persons named, storing. The layers call a `Progress` they are handed at each
step; the command line turns the calls into a bar on a terminal (casefile/cli/sources.py),
everyone else passes nothing and `silent` is used. Nothing here imports anything.
"""

from __future__ import annotations

from typing import Literal, Protocol

Stage = Literal["fetching", "reading", "extracting", "resolving", "storing"]


class Progress(Protocol):
    def __call__(self, stage: Stage, done: int = 0, total: int | None = None) -> None:
        """`stage` began or moved on: `done` of `total` bytes while fetching, else 0/None."""


def silent(stage: Stage, done: int = 0, total: int | None = None) -> None:
    """The progress of a caller that shows none."""
