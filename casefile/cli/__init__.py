"""The command line: thin Typer commands that call layer functions.

Each command group lives in its own module and is registered here.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from casefile.errors import CasefileError


class _Group(TyperGroup):
    """Turns any CasefileError raised by a command into a one-line error and exit code 1."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except CasefileError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        except OverflowError:
            typer.echo("error: a number given is too large", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    name="casefile",
    help="Casefile: capture sources, extract facts with provenance, publish the registry.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register() -> None:
    import importlib

    for module in ("sources", "source_edit", "review", "persons", "report", "names", "web",
                   "demo", "events", "extract", "claims", "backup", "export", "screen"):
        try:
            importlib.import_module(f"casefile.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"casefile.cli.{module}":
                raise


def main() -> None:
    """Also catches CasefileErrors raised outside a command: a bad setting read when a module
    is imported (the web's page cache size) is a one-line error too."""
    try:
        _register()
        app()
    except CasefileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
