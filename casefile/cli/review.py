"""`casefile review`: editors accept, reject or correct proposed claims."""

from __future__ import annotations

from typing import Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.i18n import _, ngettext

review_app = typer.Typer(help="Review proposed claims: list, accept, reject, correct.",
                         invoke_without_command=True)
app.add_typer(review_app, name="review")


@review_app.callback()
def review_list(
    ctx: typer.Context,
    source: Annotated[int | None, typer.Option(help="Only claims from this source id.")] = None,
    person: Annotated[int | None, typer.Option(help="Only claims about this person id.")] = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
) -> None:
    """List proposed claims with their quote in context (when no action is given)."""
    if ctx.invoked_subcommand is not None:
        return
    from casefile.registry import db
    from casefile.registry import review as rv

    with db.session() as s:
        claims = rv.proposed(s, source, person, limit)
        if not claims:
            typer.echo(_("no proposed claims"))
        for c in claims:
            before, quote, after = rv.context(c, 60)
            typer.echo(f"{c.id[:12]}  {c.mention or '-'}  {c.predicate} = {c.value}"
                       + (f"  [{c.date}]" if c.date else "")
                       + f"  (source {c.source_id}, {c.extractor}, {c.confidence:.2f})")
            typer.echo("    …" + " ".join((before + "[" + quote + "]" + after).split()) + "…")
            if c.detail.get("review"):
                typer.echo("    " + _("why: %(why)s") % {"why": c.detail["review"]})


@review_app.command("accept")
def accept(ids: list[str], reviewer: Editor = None) -> None:
    """Accept claims (ids or unique id prefixes)."""
    from casefile.registry import db
    from casefile.registry import review as rv

    with db.transaction() as s:
        done = rv.set_state(s, ids, "accepted", editor(reviewer))
    typer.echo(ngettext("accepted %(num)d claim", "accepted %(num)d claims", len(done))
               % {"num": len(done)})


@review_app.command("reject")
def reject(ids: list[str], reviewer: Editor = None,
           reason: Annotated[str | None, typer.Option(help="Why, for the log.")] = None) -> None:
    """Reject claims: their facts leave every public output."""
    from casefile.registry import db
    from casefile.registry import review as rv

    with db.transaction() as s:
        done = rv.set_state(s, ids, "rejected", editor(reviewer), reason)
    typer.echo(ngettext("rejected %(num)d claim", "rejected %(num)d claims", len(done))
               % {"num": len(done)})


@review_app.command("correct")
def correct(claim_id: str,
            value: Annotated[str | None, typer.Option(help="The right value.")] = None,
            date: Annotated[str | None, typer.Option(
                help="The right date YYYY[-MM[-DD]], or 'unknown'.")] = None,
            person: Annotated[int | None, typer.Option(
                help="The person id the claim is about (ties a flagged claim to a person).")
            ] = None,
            reason: Annotated[str | None, typer.Option(
                help="Why: logged, and shown publicly beside the corrected fact.")] = None,
            reviewer: Editor = None) -> None:
    """Correct a claim: the editor's version supersedes it; the original stays on record."""
    from casefile.registry import db
    from casefile.registry import review as rv

    with db.transaction() as s:
        new = rv.correct(s, claim_id, editor(reviewer), value, date, reason, person)
    typer.echo(_("corrected: new claim %(new)s supersedes %(old)s")
               % {"new": new.id[:12], "old": claim_id})
