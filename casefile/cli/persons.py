"""`casefile persons`: the people in the registry, and the editors' decisions about them."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from casefile.cli import Editor, Output, app, editor
from casefile.cli import as_of as checked_day
from casefile.cli.labels import Choices
from casefile.errors import CasefileError, NotFound

persons_app = typer.Typer(help="List and manage persons.", invoke_without_command=True)
app.add_typer(persons_app, name="persons")


@persons_app.callback()
def persons_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option(
        "--json", help="The editors' inventory, one JSON object per line.")] = False,
    possible_duplicates: Annotated[bool, typer.Option(
        "--possible-duplicates", help="List pairs that may be one person, for an editor.")
    ] = False,
    role: Annotated[str | None, typer.Option(
        parser=Choices("casefile.reports.persons", "ROLES"),
        help="Only persons with this role.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Status as of this date YYYY-MM-DD; default today.")] = None,
    fmt: Annotated[Output | None, typer.Option(
        "--format", help="Public records with role and status: table or json.")] = None,
) -> None:
    """List persons (merged ones once). Without options: the editors' inventory of names,
    claims and sources. With --role, --as-of or --format: each person's public record (role,
    status on the day, articles, terms, dates, sources)."""
    if ctx.invoked_subcommand is not None:
        return
    if possible_duplicates:
        _duplicates(as_json)
        return
    if role is not None or as_of is not None or fmt is not None:
        _records(role, as_of, fmt or Output.table)
        return
    from sqlalchemy import func, select

    from casefile.registry import db
    from casefile.registry.clusters import clusters
    from casefile.registry.models import Claim, Person, Source

    with db.session() as s:
        cluster = clusters(s)
        # Sources of one story (one report reprinted by several outlets) confirm it once.
        story = func.coalesce(Source.story_id, Claim.source_id)
        rows = s.execute(
            select(Person, func.count(Claim.id), func.count(func.distinct(Claim.source_id)),
                   func.count(func.distinct(story)))
            .outerjoin(Claim, Claim.person_id == Person.id)
            .outerjoin(Source, Source.id == Claim.source_id).group_by(Person.id)
            .order_by(Person.id)).all()
        merged: dict[int, dict] = {}
        for p, n_claims, n_sources, n_stories in rows:
            root = cluster.get(p.id, p.id)
            m = merged.setdefault(root, {"id": root, "name": None, "names": set(),
                                         "claims": 0, "sources": 0, "stories": 0,
                                         "merged": []})
            if p.id == root:
                m["name"], m["publication"] = p.display_name, p.publication
            else:
                m["merged"].append(p.id)
            m["names"] |= {n.name for n in p.names} | {p.display_name}
            m["claims"] += n_claims
            m["sources"] += n_sources
            m["stories"] += n_stories
        people = sorted(merged.values(), key=lambda m: m["name"].casefold())
        for m in people:
            names = sorted(m["names"] - {m["name"]})
            if as_json:
                typer.echo(json.dumps({**m, "names": names}, ensure_ascii=False))
            else:
                also = f"  (also: {'; '.join(names)})" if names else ""
                apart = f" ({m['stories']} stories)" if m["stories"] < m["sources"] else ""
                typer.echo(f"{m['id']:>5}  {m['name']}{also}  — {m['claims']} claims, "
                           f"{m['sources']} source(s){apart}")
        if not as_json:
            typer.echo(f"{len(people)} persons", err=True)


def _records(role: str | None, as_of: str | None, fmt: Output) -> None:
    from casefile.registry import db
    from casefile.reports.persons import ROLES, person_records

    if role is not None and role not in ROLES:
        raise CasefileError(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
    day = checked_day(as_of)
    with db.session() as s:
        records = person_records(s, day, role)
    if fmt is Output.json:
        typer.echo(json.dumps({"as_of": day, "persons": [r.public() for r in records]},
                              ensure_ascii=False, indent=1))
        return
    for r in records:
        terms = ", ".join(f"{m:g} mo" for m in r.sentence_months)
        typer.echo(f"{r.id or '':>5}  {r.name}  [{r.role}] {r.status or 'status unknown'}"
                   + (f"; art. {', '.join(r.articles)}" if r.articles else "")
                   + (f"; {terms}" if terms else ""))
    typer.echo(f"{len(records)} persons as of {day}", err=True)


def _duplicates(as_json: bool) -> None:
    from sqlalchemy import select

    from casefile.registry import db, judgements
    from casefile.registry.models import Person

    with db.session() as s:
        pairs = judgements.possible_duplicates(s)
        names = {p.id: p.display_name for p in s.scalars(
            select(Person).where(Person.id.in_({x for c in pairs for x in (c.left, c.right)})))}
    for c in pairs:
        if as_json:
            typer.echo(json.dumps({"left": c.left, "right": c.right, "decision": c.decision,
                                   "score": round(c.score, 3), "reasons": c.reasons},
                                  ensure_ascii=False))
        else:
            typer.echo(f"{c.left:>5} {names[c.left]}  ~  {c.right:>5} {names[c.right]}  "
                       f"{c.decision} {c.score:.2f}: {'; '.join(c.reasons)}")
    if not as_json:
        typer.echo(f"{len(pairs)} pair(s) waiting for an editor", err=True)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


@persons_app.command("show")
def show(
    person_id: int,
    fmt: Annotated[ShowFormat, typer.Option(
        "--format", help="text, or json: the record the API answers with.")] = ShowFormat.text,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="As known on this date YYYY-MM-DD (only the sources known then); "
        "default: every source, status as of today.")] = None,
    editors: Annotated[bool, typer.Option(
        "--editors", help="The editors' dossier: proposed claims, publication, notes.")
    ] = False,
) -> None:
    """Print a person's dossier: the record the person page renders, each fact with its
    source and quote. Public by default, as the site shows it."""
    from casefile.registry import db
    from casefile.reports import dossier_text
    from casefile.reports.dossier import dossier, to_json

    if as_of is not None:
        as_of = checked_day(as_of)
    with db.session() as s:
        d = dossier(s, person_id, as_of, public=not editors)
    if d is None:
        when = f" as of {as_of}" if as_of else ""
        raise NotFound(f"no {'' if editors else 'public '}record of person {person_id}{when}"
                       + ("" if editors else " (anonymised and withheld persons have none; "
                          "--editors shows the editors' dossier)"))
    shown = d if editors else d.public()
    typer.echo(to_json(shown) if fmt is ShowFormat.json else dossier_text.render(shown),
               nl=False)


Reason = Annotated[str | None, typer.Option(help="Why, for the record.")]


@persons_app.command("merge")
def merge_cmd(a: int, b: int, reason: Reason = None, who: Editor = None) -> None:
    """Record that persons A and B are one person (undo with `split`)."""
    from casefile.registry import db, judgements

    with db.transaction() as s:
        judgements.merge(s, a, b, editor(who), reason)
    typer.echo(f"persons {a} and {b} merged")


@persons_app.command("not-same")
def not_same_cmd(a: int, b: int, reason: Reason = None, who: Editor = None) -> None:
    """Record that persons A and B are different people: never proposed or merged again."""
    from casefile.registry import db, judgements

    with db.transaction() as s:
        judgements.not_same(s, a, b, editor(who), reason)
    typer.echo(f"persons {a} and {b} recorded as different people")


@persons_app.command("split")
def split_cmd(a: int, b: int, reason: Reason = None, who: Editor = None) -> None:
    """Undo the decision between A and B (a merge or a not-same); the history stays."""
    from casefile.registry import db, judgements

    with db.transaction() as s:
        n = judgements.split(s, a, b, editor(who), reason)
    typer.echo(f"withdrew {n} decision(s) between persons {a} and {b}")


@persons_app.command("publication")
def publication(
    person_id: int,
    value: Annotated[str, typer.Argument(help="public | anonymised | withheld")],
    fields: Annotated[str | None, typer.Option(
        parser=Choices("casefile.registry.redact", "FIELDS", separator=","),
        help="Anonymised: the fields the list row keeps, comma-separated (default: its "
        "status and category only).")] = None,
    count_only: Annotated[bool, typer.Option(
        "--count-only", help="Withheld: still count the person in public totals.")] = False,
    who: Editor = None,
) -> None:
    """Set whether a person may be named in public outputs. An anonymised person is a list
    row with no name, id, list number or sources; a withheld person is in no public output,
    not even a count unless --count-only."""
    from casefile.registry import db, person_edit

    chosen = fields.split(",") if fields is not None else None
    setting = person_edit.publication(value, chosen, count_only)
    with db.transaction() as s:
        person_edit.set_publication(s, person_id, setting, editor(who))
    typer.echo(f"person {person_id}: publication {value}"
               + (f" (fields: {', '.join(setting.fields)})" if setting.fields is not None
                  else "")
               + (" (counted)" if count_only else ""))


@persons_app.command("assess")
def assess_cmd(
    person_id: int,
    decision: Annotated[str, typer.Option(
        parser=Choices("casefile.assess.pace", "DECISIONS"), help="The editors' decision.")],
    country: Annotated[str, typer.Option(help="ISO country code of the case.")],
    criterion: Annotated[list[str] | None, typer.Option(
        "--criterion", "-c", help="PACE criterion as KEY=yes|no|unknown[:rationale], e.g. "
        "-c a=yes:'peaceful speech'. Repeat for a–e.")] = None,
    rationale: Annotated[str | None, typer.Option(help="Why, in a sentence.")] = None,
    who: Editor = None,
) -> None:
    """Record a PACE Resolution 1900 (2012) assessment for a person's case."""
    from casefile.assess.pace import assess, parse_criteria
    from casefile.registry import db

    with db.transaction() as s:
        a = assess(s, person_id, country, parse_criteria(criterion or []), decision,
                   editor(who), rationale)
    typer.echo(f"assessment {a.id} recorded: {decision}")
