"""`casefile names ...`: compare, parse and romanise names from the command line.

Thin commands over casefile.names, for editors checking why two mentions were (not) merged
and for scripts (every command has a --json form).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from casefile.cli import app
from casefile.cli.labels import Choices

names_app = typer.Typer(help="Compare, parse and romanise person names (any script).",
                        no_args_is_help=True)
app.add_typer(names_app, name="names")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]


def _fail(exc: ValueError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@names_app.command("compare")
def compare_cmd(
    name_a: Annotated[str, typer.Argument(help="First name as written.")],
    name_b: Annotated[str, typer.Argument(help="Second name as written.")],
    as_json: JsonOpt = False,
) -> None:
    """Decide whether two written names are the same person: same, possible or different."""
    from casefile.names import compare as compare_names

    try:
        result = compare_names(name_a, name_b)
    except ValueError as exc:
        _fail(exc)
        return
    if as_json:
        typer.echo(json.dumps({"decision": result.decision, "score": result.score,
                               "reasons": result.reasons}, ensure_ascii=False))
        return
    typer.echo(f"{result.decision} ({result.score:.2f})")
    for reason in result.reasons:
        typer.echo(f"  - {reason}")


@names_app.command("parse")
def parse_cmd(
    name: Annotated[str, typer.Argument(help="A name as written.")],
    lang: Annotated[str | None, typer.Option(help="kk, ru, uk, be or en; guessed if not given.")]
    = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the parts of a name: given names, family name, patronymic, initials, key."""
    from casefile.names import match_key, parse_name

    try:
        parsed = parse_name(name, lang=lang)
    except ValueError as exc:
        _fail(exc)
        return
    data = {"given": parsed.given, "family": parsed.family, "patronymic": parsed.patronymic,
            "initials": parsed.initials, "titles": parsed.titles, "key": match_key(name)}
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for field, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else (value or "")
        typer.echo(f"{field}: {shown}")


@names_app.command("romanize")
def romanize_cmd(
    text: Annotated[str, typer.Argument(help="Cyrillic text (Kazakh, Russian, ...).")],
    scheme: Annotated[str, typer.Option(parser=Choices("casefile.names.translit", "SCHEMES"),
                                        help="How to write it in Latin letters.")] = "press",
    lang: Annotated[str | None, typer.Option(help="kk, ru, uk or be; guessed if not given.")]
    = None,
) -> None:
    """Romanise Cyrillic text with one of the schemes (press, icao, bgn, latin2021)."""
    from casefile.names import romanize

    try:
        typer.echo(romanize(text, lang=lang, scheme=scheme))
    except ValueError as exc:
        _fail(exc)
