"""A sanctions-proposal dossier for one official, drafted from the registry's accepted facts,
in the order of the submissions civil society files for US Global Magnitsky, UK and EU global
human rights designations: identifying information (names in every script, birth date,
nationality, positions with their dates), the conduct and the cases it is tied to, the legal
basis, exculpatory information, and the evidence (the numbered sources). The headings and the
regimes are in casefile/data/drafts.yml."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile import vocab
from casefile.drafts import adapters
from casefile.drafts.compose import cited_items, item, para, section, when
from casefile.drafts.evidence import Notes, country_name, evidence
from casefile.drafts.model import Draft, Paragraph
from casefile.errors import DraftError

KIND = "sanctions"
SCRIPTS = {"latin": "Latin", "cyrillic": "Cyrillic"}


def build(s: Session, person_id: int, as_of: str) -> Draft:
    ev = evidence(s, person_id, as_of)
    official = adapters.official_of(s, ev)
    if not (official.positions or official.roles or official.acts or official.birth_dates):
        raise DraftError(f"nothing to draft a sanctions dossier from: person {ev.person_id} "
                         f"({ev.name}) has no accepted position, role, birth date or act")
    notes = Notes(s, ev.protected)
    ident: list[Paragraph] = [para("Names, in every script the sources use:")]
    for n in official.names:
        text = n.name + (f" ({SCRIPTS.get(n.script, n.script)})" if n.script else "")
        ident.append(item(notes.fact(text, n.fact) if n.fact else text))
    for b in official.birth_dates:
        ident.append(para("Date of birth: ", notes.fact(when(b.value), b.fact)))
    if not official.birth_dates:
        ident.append(para("Date of birth: [not stated by an accepted source]"))
    countries = sorted({str(p.detail["country"]) for p in official.positions
                        if p.detail.get("country")})
    ident.append(para("Nationality: " + ("; ".join(filter(None, map(country_name, countries)))
                                         + " [as the positions held indicate; counsel to "
                                         "confirm]" if countries else "[to be completed]")))
    positions: list[Paragraph] = []
    for p in official.positions:
        org = p.detail.get("organisation")
        start, end = p.detail.get("start"), p.detail.get("end")
        dates = (f"{when(str(start))} – {when(str(end))}" if start and end
                 else f"since {when(str(start))}" if start else
                 f"until {when(str(end))}" if end else "dates not stated")
        positions.append(item(notes.fact(
            p.value + (f", {org}" if org and str(org) not in p.value else "") + f" ({dates})",
            p.fact)))
    conduct: list[Paragraph] = [item(notes.fact(f"Named as {r.value}", r.fact))
                                for r in official.roles]
    conduct += cited_items(notes, list(official.acts))
    regimes = vocab.load("drafts.yml")["sanctions"]["regimes"]
    sections = (
        section("1. Identifying information", ident),
        section("2. Positions held", positions or [para("[No accepted position.]")]),
        section("3. Conduct and the cases it is tied to",
                conduct or [para("[No accepted act.]")]),
        section("4. Legal basis", [para("This dossier may support a submission under:"),
                                   *(item(r) for r in regimes),
                                   para("[Counsel: the criteria of the regime chosen.]")]),
        section("5. Exculpatory information", [para("[To be completed by counsel.]")]),
    )
    return Draft(KIND, f"Proposal for targeted sanctions: {ev.name}", ev.name, as_of,
                 sections, notes.build())
