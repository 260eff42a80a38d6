"""`casefile extract`: what a capture would store, without storing it.

Editors preview a document before capturing it; developers debug a rule. The file or URL is
read exactly as `capture` reads it and the same extractors run; nothing is written."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from casefile.cli import Output, app
from casefile.errors import CasefileError


@app.command("extract")
def extract_cmd(
    target: Annotated[str, typer.Argument(help="A file (text, HTML, PDF, DOCX) or URL.")],
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY[-MM[-DD]] that dates without a year are read against; "
        "default: the document's own date line.")] = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """Show the claims (and, in JSON, the recommendations) a capture of TARGET would store,
    without storing anything."""
    from casefile.extract.document import extract
    from casefile.extract.language import EXTRACTED
    from casefile.extract.recommendations import find_recommendations
    from casefile.registry.facts import valid_iso_prefix
    from casefile.sources.load import load

    if published is not None and not valid_iso_prefix(published):
        raise CasefileError(f"--published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
    doc = load(target)
    lang = doc.language or "en"
    if lang not in EXTRACTED:
        typer.echo(f"no extractor for language {lang!r} yet: a capture keeps the document "
                   "searchable but extracts no claims", err=True)
    found = extract(doc.text, lang, published)
    advised = find_recommendations(doc.text, lang)
    if fmt is Output.json:
        typer.echo(json.dumps({"language": lang, "title": doc.title, "claims": [
            {"predicate": f.predicate, "value": f.value, "mention": f.mention, "date": f.date,
             "quote": doc.text[f.start:f.end], "extractor": f.extractor,
             "confidence": f.confidence, "detail": f.detail} for f in found],
            "recommendations": [
                {"addressee": r.addressee, "institutions": list(r.institutions),
                 "text": doc.text[r.start:r.end], "names": list(r.names)} for r in advised]},
            ensure_ascii=False, indent=1))
        return
    for f in found:
        date = f" {f.date}" if f.date else ""
        typer.echo(f"{f.mention or '-'}: {f.predicate} {f.value}{date}   [{f.extractor}]")
    typer.echo(f"{len(found)} claims ({lang})", err=True)
    if advised:
        typer.echo(f"{len(advised)} recommendations (casefile recommendations list, after "
                   "capture)", err=True)
