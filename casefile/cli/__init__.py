"""The command line: thin Typer commands that call layer functions.

Each command group lives in its own module and is registered here. Start-up matters (every
call pays it, and `--help` should answer at once), so a command module imports only Typer and
light parts of Casefile at the top; the registry, SQLAlchemy, the extractors and the web are
imported inside the command that needs them. tests/cli/test_startup.py keeps it so.
"""

from __future__ import annotations

import getpass
from enum import StrEnum
from typing import Annotated

import typer
from typer import _click
from typer.core import TyperGroup

from casefile.cli import labels
from casefile.errors import CasefileError
from casefile.i18n import _

labels.install()


class Output(StrEnum):
    """`--format` of the commands that print records: a table for people, JSON for programs."""

    table = "table"
    json = "json"


class _Group(TyperGroup):
    """Turns any CasefileError raised by a command into a one-line error and exit code 1."""

    def invoke(self, ctx: _click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CasefileError as exc:
            typer.echo(_("error: %(why)s") % {"why": exc}, err=True)
            raise typer.Exit(1) from None
        except OverflowError:
            typer.echo(_("error: a number given is too large"), err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    name="casefile",
    help="Casefile: capture sources, extract facts with provenance, publish the registry.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# The one `--as` of every command that changes the registry; `editor()` resolves it.
Editor = Annotated[str | None, typer.Option(
    "--as", metavar="EDITOR", show_default=False,
    help="Who makes the change, as the audit log records it; default: CASEFILE_EDITOR, else "
    "the login name.")]


def editor(name: str | None) -> str:
    """The editor a write command records: --as, else CASEFILE_EDITOR, else the login name.

    The login name keeps a lone editor's work accountable without ceremony, and names an
    operator's own account on a server; where several people share one account (a shared
    laptop, `root`), CASEFILE_EDITOR in each one's shell profile, or --as, tells them apart
    (docs/OPERATIONS.md). A blank name is no name; a login name that cannot be found is an
    error rather than an anonymous entry."""
    from casefile import settings

    chosen = (name or "").strip() or settings.get("EDITOR").strip()
    if chosen:
        return chosen
    try:
        login = getpass.getuser().strip()
    except (OSError, KeyError):
        login = ""
    if not login:
        raise CasefileError("say who makes this change: --as NAME or CASEFILE_EDITOR=NAME")
    return login


def as_of(value: str | None) -> str:
    """An --as-of value checked: a calendar date, YYYY-MM-DD; today when none is given."""
    from datetime import date

    from casefile.i18n import _

    if value is None:
        return date.today().isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CasefileError(_("--as-of must be a date YYYY-MM-DD, not %(day)r")
                            % {"day": value}) from None


def _register() -> None:
    import importlib

    for module in ("sources", "source_edit", "review", "persons", "report", "names", "web",
                   "demo", "events", "extract", "claims", "backup", "export", "imports",
                   "screen", "officials", "proceedings", "draft",
                   "interventions", "release", "statistics", "watch", "alerts", "figures"):
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
        typer.echo(_("error: %(why)s") % {"why": exc}, err=True)
        raise SystemExit(1) from None
