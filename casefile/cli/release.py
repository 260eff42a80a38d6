"""`casefile release`: freeze the list of political prisoners as of a date, list and show the
releases, and say what changed between two of them and why."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.errors import CasefileError
from casefile.i18n import _

if TYPE_CHECKING:
    from casefile.reports.release_diff import Change, ReleaseDiff

release_app = typer.Typer(help="Releases of the list: publish, list, show, diff.",
                          no_args_is_help=True)
app.add_typer(release_app, name="release")


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


@release_app.command("publish")
def publish(
    country: Annotated[str, typer.Option(help="ISO country code, e.g. KZ.")],
    as_of: Annotated[str, typer.Option("--as-of", help="Date YYYY-MM-DD the list describes.")],
    status: Annotated[str | None, typer.Option(
        help="Criterion: only rows of this custody status (e.g. convicted).")] = None,
    category: Annotated[str | None, typer.Option(
        help="Criterion: only rows of this list category, as the list names it.")] = None,
    article: Annotated[str | None, typer.Option(
        help="Criterion: only rows charged under this article (e.g. 272).")] = None,
    region: Annotated[str | None, typer.Option(
        help="Criterion: only rows of this region.")] = None,
    who: Editor = None,
) -> None:
    """Freeze the public list as of a date: its rows as canonical JSON with their claims and
    quotes, the sha256 of that text, who and when, and an RFC 3161 stamp when CASEFILE_TSA_URL
    names a time-stamping authority (else the hash is recorded for later stamping)."""
    from casefile.web import release_publish

    code, day, criteria = release_publish.request(country, as_of, status, category, article,
                                                  region)
    done = release_publish.publish(code, day, criteria, editor(who))
    typer.echo(_("release %(id)s: %(country)s as of %(day)s, %(rows)s rows, sha256 %(sha)s")
               % {"id": done.id, "country": code, "day": day, "rows": done.rows,
                  "sha": done.sha256})
    typer.echo(_("stamp: %(state)s (%(note)s)") % {"state": done.stamp.state,
                                                   "note": done.stamp.note or ""})


@release_app.command("stamp")
def stamp(
    release_id: Annotated[int, typer.Argument(help="The release's id (release list).")],
    who: Editor = None,
) -> None:
    """Ask the time-stamping authority of CASEFILE_TSA_URL, now, to stamp the hash of a
    release published without a stamp; its payload and hash stay as they are."""
    from casefile.registry import db, releases, timestamp

    name = editor(who)
    with db.session() as s:
        sha = releases.get(s, release_id).content_sha256
    proof = timestamp.stamp(sha)
    if proof.state == "unstamped":
        raise CasefileError(_("not stamped: %(why)s") % {"why": proof.note})
    with db.transaction() as s:
        releases.add_stamp(s, releases.get(s, release_id), proof, name)
    typer.echo(_("stamp: %(state)s (%(note)s)") % {"state": proof.state,
                                                   "note": proof.note or ""})


@release_app.command("list")
def list_releases(
    country: Annotated[str | None, typer.Option(help="Only this country's releases.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")]
    = ListFormat.table,
) -> None:
    """Every release, newest date first: id, country, as-of date, rows, hash, who, stamp."""
    from casefile.extract.places import country_code
    from casefile.registry import db, releases

    with db.session() as s:
        found = releases.summaries(s, country_code(country) if country else None)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([{**asdict(r), "created_at": r.created_at.isoformat()}
                               for r in found], ensure_ascii=False, indent=1))
        return
    if not found:
        typer.echo(_("no releases yet"))
        return
    for r in found:
        crit = ", ".join(f"{k}={v}" for k, v in sorted(r.criteria.items()))
        typer.echo(f"{r.id:>4}  {r.country}  {r.as_of}  {r.rows:>5}  {r.sha256}  "
                   f"{r.published_by}  {r.stamp_state}" + (f"  [{crit}]" if crit else ""))


@release_app.command("show")
def show(
    release_id: Annotated[int, typer.Argument(help="The release's id (release list).")],
    payload: Annotated[bool, typer.Option(
        "--payload", help="Print the stored canonical JSON, byte for byte as hashed.")]
    = False,
) -> None:
    """A release: its date, criteria, hash, who and when, stamp, and rows; with --payload
    the exact text its hash was made of (`sha256sum` of the output equals the hash)."""
    from casefile.registry import db, releases
    from casefile.reports.release_diff import public_view
    from casefile.reports.release_payload import parse

    with db.session() as s:
        rel = releases.get(s, release_id)
        if payload:
            sys.stdout.buffer.write(rel.canonical.encode("utf-8"))
            sys.stdout.flush()
            return
        shown = public_view(s, parse(rel.canonical))
        head = [f"release {rel.id}: {rel.country} as of {rel.as_of}",
                f"criteria: {json.dumps(rel.criteria, sort_keys=True, ensure_ascii=False)}",
                f"sha256: {rel.content_sha256}",
                f"published by {rel.published_by} at {rel.created_at.isoformat()}",
                f"stamp: {rel.stamp_state}" + (f" ({rel.stamp_note})" if rel.stamp_note
                                               else ""),
                f"rows: {len(shown.rows)}"]
    typer.echo("\n".join(head))
    for r in shown.rows:
        sentence = "+".join(str(m) for m in r.sentence_months) or "-"
        typer.echo(f"  {r.person_id if r.person_id is not None else '-':>5}  {r.name}  "
                   f"{r.status}  {','.join(r.articles) or '-'}  {sentence} months  "
                   f"{len(r.claims)} claims")


@release_app.command("diff")
def diff(
    a: Annotated[int, typer.Argument(help="The earlier release's id.")],
    b: Annotated[int, typer.Argument(help="The later release's id.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", help="Output format.")]
    = DiffFormat.text,
) -> None:
    """Who was added, who was removed and why (released, died, conviction quashed, no longer
    recognised, merged into another person …), and whose status or sentence changed, each
    with the event, claim and quote that explains it."""
    from casefile.registry import db, releases
    from casefile.reports import release_diff
    from casefile.reports.release_payload import parse

    with db.session() as s:
        older, newer = releases.get(s, a), releases.get(s, b)
        found = release_diff.diff(s, parse(older.canonical), parse(newer.canonical),
                                  min(older.created_at, newer.created_at))
    if fmt is DiffFormat.json:
        typer.echo(json.dumps(asdict(found), ensure_ascii=False, indent=1))
        return
    typer.echo(_diff_text(found))


def _diff_text(d: ReleaseDiff) -> str:
    from casefile.reports.release_diff import reason_label

    def line(c: Change) -> list[str]:
        bits = [f"  {c.person_id:>5}  {c.name}: {reason_label(c.reason)}"]
        if c.into is not None:
            bits[0] += f" (now person {c.into})"
        for what in c.what:
            before, after = getattr(c.before, what), getattr(c.after, what)
            bits.append(f"         {what}: {before} -> {after}")
        e = c.evidence
        if e is not None:
            where = f" (claim {e.claim}, source {e.source_id})" if e.claim else ""
            bits.append(f"         {e.kind} {e.type} {e.date or 'undated'}{where}")
            if e.quote:
                bits.append(f"         “{e.quote}”")
        return bits

    out = [f"{d.country}: {d.before} -> {d.after}"]
    for title, changes in (("added", d.added), ("removed", d.removed),
                           ("changed", d.changed)):
        out.append(f"{title}: {len(changes)}")
        for c in changes:
            out += line(c)
    if d.anonymous_before or d.anonymous_after:
        out.append(f"rows without a name: {d.anonymous_before} -> {d.anonymous_after}")
    return "\n".join(out)
