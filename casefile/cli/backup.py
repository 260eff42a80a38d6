"""`casefile backup FILE`, `casefile restore FILE`, `casefile verify`.

Passphrases never come from the command line (it shows in `ps` and shell history): from a
file, from CASEFILE_BACKUP_PASSPHRASE, or typed at a prompt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casefile import settings
from casefile.backup import BackupError, crypto
from casefile.cli import app


def _passphrase(path: Path | None, *, confirm: bool) -> str:
    if path is not None:
        try:
            lines = path.read_text().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BackupError(f"cannot read the passphrase file {path}: {exc}") from None
        value = lines[0] if lines else ""
    elif settings.get("BACKUP_PASSPHRASE"):
        value = settings.get("BACKUP_PASSPHRASE")
    else:
        value = typer.prompt("passphrase", hide_input=True, confirmation_prompt=confirm)
    if not value:
        raise BackupError("the passphrase is empty")
    return value


def _bare_engine():
    """The configured database, not migrated: restore needs it empty, verify must not write,
    and a backup taken before an upgrade must hold the registry as it was."""
    from sqlalchemy import create_engine

    return create_engine(settings.database_url())


@app.command("backup")
def backup_cmd(
    file: Annotated[Path, typer.Argument(help="The archive to write (must not exist).")],
    passphrase: Annotated[bool, typer.Option(
        "--passphrase", help="Encrypt with a passphrase (from CASEFILE_BACKUP_PASSPHRASE or "
        "a prompt).")] = False,
    passphrase_file: Annotated[Path | None, typer.Option(
        help="Encrypt with the passphrase on this file's first line.")] = None,
    recipient: Annotated[list[str] | None, typer.Option(
        help="Encrypt to this age recipient (age1…); may be repeated.")] = None,
) -> None:
    """Back up the registry and its evidence blobs into one archive, while the server runs."""
    from casefile.backup.create import backup

    secret = (_passphrase(passphrase_file, confirm=True)
              if passphrase or passphrase_file else None)
    result = backup(_bare_engine(), file, blob_root=settings.blob_dir(), passphrase=secret,
                    recipients=recipient)
    for problem in result.problems[:20]:
        typer.echo(f"warning: {problem}", err=True)
    if len(result.problems) > 20:
        typer.echo(f"warning: … and {len(result.problems) - 20} more (`casefile verify` lists "
                   "them all)", err=True)
    how = "encrypted" if secret or recipient else "not encrypted"
    typer.echo(f"backed up the {result.dialect} registry (schema {result.schema_revision}) and "
               f"{result.blobs} blobs to {result.path} ({result.size} bytes, {how})")
    if result.problems:
        raise typer.Exit(1)


@app.command("restore")
def restore_cmd(
    file: Annotated[Path, typer.Argument(help="An archive made by `casefile backup`.")],
    passphrase_file: Annotated[Path | None, typer.Option(
        help="The passphrase is on this file's first line (else "
        "CASEFILE_BACKUP_PASSPHRASE or a prompt).")] = None,
    identity: Annotated[Path | None, typer.Option(
        help="age key file (AGE-SECRET-KEY-…) for a backup encrypted to a recipient.")] = None,
) -> None:
    """Restore a backup into an empty home (CASEFILE_HOME / CASEFILE_DATABASE_URL)."""
    from casefile.backup.restore import restore

    secret = None
    if file.is_file() and crypto.kind(file) == "passphrase":
        secret = _passphrase(passphrase_file, confirm=False)
    result = restore(_bare_engine(), file, settings.blob_dir(), passphrase=secret,
                     identity_file=identity)
    rows = sum(result.tables.values())
    typer.echo(f"restored the {result.dialect} registry (schema {result.schema_revision}, "
               f"{rows} rows in {len(result.tables)} tables) and {result.blobs} blobs")


@app.command("verify")
def verify_cmd(
    show_report: Annotated[bool, typer.Option(
        "--report", help="Also print a digest of every table and of the blob store, to "
        "compare two registries.")] = False,
) -> None:
    """Re-hash every evidence blob, check it against the sources, and check the database."""
    from casefile.backup.report import report
    from casefile.backup.verify import verify

    eng, root = _bare_engine(), settings.blob_dir()
    result = verify(eng, root)
    for problem in result.problems:
        typer.echo(f"problem: {problem}")
    for note in result.notes:
        typer.echo(f"note: {note}")
    if show_report:
        for line in report(eng, root).lines():
            typer.echo(line)
    typer.echo(f"verified {result.sources} sources and {result.blobs} blobs: "
               f"{len(result.problems) or 'no'} problems")
    if result.problems:
        raise typer.Exit(1)
