"""`casefile draft`: a CCF request, an extradition dossier or a sanctions proposal for one
person, from the registry's accepted facts, as DOCX or PDF (casefile.drafts)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from casefile.cli import app
from casefile.cli import as_of as checked_day
from casefile.errors import CasefileError, NotFound
from casefile.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Kind(StrEnum):
    ccf = "ccf"
    extradition = "extradition"
    sanctions = "sanctions"


class Format(StrEnum):
    docx = "docx"
    pdf = "pdf"


@app.command("draft")
def draft_cmd(
    kind: Annotated[Kind, typer.Argument(
        help="ccf: a request to INTERPOL's CCF to delete a notice; extradition: an "
        "extradition-defence dossier; sanctions: a sanctions proposal for an official.")],
    person: Annotated[str, typer.Argument(
        help="The person: an id, or a name in any spelling, script or case form.")],
    output: Annotated[Path, typer.Option(help="The file to write.")],
    fmt: Annotated[Format, typer.Option("--format", help="docx (to edit) or pdf.")]
    = Format.docx,
    as_of: Annotated[str | None, typer.Option(
        help="Only the sources known on this date YYYY-MM-DD; default: today.")] = None,
) -> None:
    """Draft a document for a lawyer from the facts editors accepted, each fact cited with its
    source and quote, and marked on every page as a draft that is not legal advice."""
    from casefile import drafts
    from casefile.registry import db

    day = checked_day(as_of)
    with db.session() as s:
        person_id = _person(s, person)
        document = drafts.build(kind.value, s, person_id, day)
    data = drafts.render(document, fmt.value)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise CasefileError(_("cannot write %(path)s: %(why)s") % {
            "path": output, "why": exc.strerror or exc}) from None
    typer.echo(f"wrote {output}: {len(document.facts())} facts, {len(document.notes)} sources",
               err=True)


def _person(s: Session, person: str) -> int:
    """The cluster root the argument names: an id, else a name matching exactly one person."""
    from casefile.registry.clusters import clusters
    from casefile.registry.models import Person
    from casefile.reports.events import persons_named

    if person.strip().isdigit():
        pid = int(person)
        if s.get(Person, pid) is None:
            raise NotFound(f"no person with id {pid}")
        return clusters(s).get(pid, pid)
    found = sorted(persons_named(s, person))
    if not found:
        raise NotFound(f"no person named {person!r}")
    if len(found) > 1:
        raise CasefileError(f"{person!r} names {len(found)} persons ({', '.join(map(str, found))})"
                            ": give an id")
    return found[0]
