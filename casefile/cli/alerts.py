"""`casefile follow | unfollow | follows` (the persons an editor follows) and `casefile
digest` (what arrived since a moment: new events of followed persons, unknown persons
reported detained, new sources), as plain text or HTML ready to mail, or posted to a
webhook as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

import typer

from casefile.cli import Editor, Output, app, editor
from casefile.errors import CasefileError
from casefile.i18n import _


class DigestFormat(StrEnum):
    text = "text"
    html = "html"


@app.command("follow")
def follow_cmd(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    who: Editor = None,
) -> None:
    """Follow a person: `casefile digest` names their new events."""
    from casefile.registry import db, follows

    name = editor(who)
    with db.transaction() as s:
        added = follows.follow(s, name, person_id)
    typer.echo((_("%(editor)s now follows person %(id)s") if added else
                _("%(editor)s already follows person %(id)s"))
               % {"editor": name, "id": person_id})


@app.command("unfollow")
def unfollow_cmd(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    who: Editor = None,
) -> None:
    """Stop following a person (every record of a merged person)."""
    from casefile.registry import db, follows

    name = editor(who)
    with db.transaction() as s:
        gone = follows.unfollow(s, name, person_id)
    typer.echo((_("%(editor)s no longer follows person %(id)s") if gone else
                _("%(editor)s did not follow person %(id)s"))
               % {"editor": name, "id": person_id})


@app.command("follows")
def follows_cmd(
    all_editors: Annotated[bool, typer.Option(
        "--all", help="Every editor's follows, not only yours.")] = False,
    who: Editor = None,
    fmt: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
) -> None:
    """The persons you follow (or, with --all, every editor's), merged persons once."""
    from casefile.registry import db, follows

    with db.session() as s:
        rows = follows.listed(s, None if all_editors else editor(who))
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1,
                              default=str))
        return
    for r in rows:
        typer.echo(f"{r.editor:<16}  {r.person_id:>6}  {r.name}  [{r.publication}]  "
                   f"{r.since:%Y-%m-%d}")
    typer.echo(_("%(n)d follows") % {"n": len(rows)}, err=True)


@app.command("digest")
def digest_cmd(
    since: Annotated[str | None, typer.Option(
        help="From when: a date YYYY-MM-DD (its midnight, UTC) or a time "
        "YYYY-MM-DDTHH:MM[:SS][+HH:MM]. What was captured since then counts, whatever the "
        "date of the events. Required, but with --schema.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Until when (not included), as --since; default now.")] = None,
    fmt: Annotated[DigestFormat, typer.Option(
        "--format", help="Plain text or HTML, ready to mail.")] = DigestFormat.text,
    for_editor: Annotated[str | None, typer.Option(
        "--editor", help="Only this editor's follows; default every editor's.")] = None,
    webhook: Annotated[str | None, typer.Option(
        help="Also POST the digest as JSON (schema casefile.digest/1) to this http(s) "
        "address, signed when CASEFILE_WEBHOOK_SECRET is set.")] = None,
    always: Annotated[bool, typer.Option(
        help="Post to the webhook even when nothing arrived.")] = False,
    limit: Annotated[int | None, typer.Option(
        min=1, max=100_000, show_default=False,
        help="Items a section lists at most (default 200); the rest are counted.")] = None,
    schema: Annotated[bool, typer.Option(
        "--schema", help="Print the JSON Schema of what the webhook receives, and stop.")
    ] = False,
) -> None:
    """What arrived since a moment: new events of followed persons, persons not known before
    reported detained, and how many sources were captured. Confidential claims are left out
    and withheld or anonymised persons appear only as the public list shows them."""
    from casefile.i18n import cli_lang
    from casefile.registry import db
    from casefile.reports import digest, digest_render
    from casefile.reports import webhook as hook

    if schema:
        typer.echo(json.dumps(digest.json_schema(), ensure_ascii=False, indent=1))
        return
    if since is None:
        raise CasefileError(_("say from when: --since DATE"))
    if webhook is not None:
        hook.target(webhook)
        signed = hook.signed()
    start = digest.moment(since, "--since")
    end = digest.moment(until, "--until") if until is not None else None
    with db.session() as s:
        d = digest.build(s, start, end, for_editor, lang=cli_lang(),
                         limit=limit or digest.LIMIT)
    typer.echo(digest_render.html(d) if fmt is DigestFormat.html else digest_render.text(d),
               nl=False)
    if webhook is None:
        return
    if d.empty and not always:
        typer.echo(_("nothing new: nothing posted to the webhook (--always posts anyway)"),
                   err=True)
        return
    status = hook.post(d, webhook)
    typer.echo(_("digest posted to the webhook (HTTP %(status)s)") % {"status": status},
               err=True)
    if not signed:
        typer.echo(_("unsigned: set CASEFILE_WEBHOOK_SECRET so that the receiver can tell the "
                     "digest came from you"), err=True)
