"""The document a draft is, before it is DOCX or PDF: both renderers read this one model, so a
filing says the same in either format and a test can check what it cites without parsing a
file.

A draft is sections of paragraphs; a paragraph is plain words (the draft's own, written for
the lawyer to edit) and facts. Every fact carries the number of its note, and each note is one
source with the exact words quoted (casefile.reports.citations.Citation, as the list's exports
cite a source): a fact without a note cannot be built. The marking is printed on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casefile.reports.citations import Citation

MARKING = "DRAFT — for review by a lawyer; not legal advice"
# XML 1.0 forbids these, and no font draws them; a quote from a hostile source may hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` without the control characters a document cannot hold."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class Fact:
    """Words that state a fact from the registry, and the note that cites it."""

    text: str
    note: int


Part = str | Fact


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Part, ...]
    style: str = "text"  # text | item (a bulleted line) | quote (words of a legal text)

    @property
    def notes(self) -> tuple[int, ...]:
        return tuple(p.note for p in self.parts if isinstance(p, Fact))


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Note:
    """A numbered reference: the source, how to find it, and the words quoted."""

    number: int
    citation: Citation  # its quotes hold the one quote this note cites
    sha256: str | None  # of the captured bytes; None for a finding cited by its URL

    @property
    def quote(self) -> str:
        return self.citation.quotes[0].text if self.citation.quotes else ""

    @property
    def editors(self) -> str | None:
        return self.citation.quotes[0].editors if self.citation.quotes else None


@dataclass(frozen=True)
class Draft:
    kind: str  # ccf | extradition | sanctions
    title: str
    subject: str  # whom it is about, as the draft names them
    as_of: str  # the day the registry's facts were read as of
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    preamble: tuple[Paragraph, ...] = ()  # addressee, reference lines
    marking: str = field(default=MARKING)

    def facts(self) -> list[Fact]:
        """The facts in reading order."""
        paragraphs = [*self.preamble, *(par for s in self.sections for par in s.paragraphs)]
        return [p for par in paragraphs for p in par.parts if isinstance(p, Fact)]
