"""A sanctions-proposal dossier for one official, drafted from the registry's accepted facts,
in the order of the submissions civil society files for US Global Magnitsky, UK and EU global
human rights designations: identifying information (names in every script, birth date,
nationality, positions with their dates), the conduct and the cases it is tied to, the legal
basis, exculpatory information, and the evidence (the numbered sources). The regimes are in
casefile/data/drafts.yml.

What an official is comes from casefile.assess.officials.official_of, read as editors read it
(an official starts withheld until editors publish them); the draft keeps only what accepted,
non-confidential claims state (casefile.drafts.evidence.facts_of), and names a victim of an act
only when that victim may be named (casefile.registry.redact).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.officials import official_of
from casefile.drafts.compose import item, para, section, when
from casefile.drafts.evidence import Notes, country_name, evidence, facts_of
from casefile.drafts.model import Draft, Paragraph
from casefile.errors import DraftError
from casefile.registry.judgements import members
from casefile.registry.models import Claim
from casefile.registry.publication import public_claim

KIND = "sanctions"
SCRIPTS = {"latin": "Latin", "cyrillic": "Cyrillic"}


def build(s: Session, person_id: int, as_of: str) -> Draft:
    ev = evidence(s, person_id, as_of)
    official = official_of(s, ev.person_id, public=False)
    if official is None:
        raise DraftError(f"nothing to draft a sanctions dossier from: person {ev.person_id} "
                         f"({ev.name}) is not an official in the registry")
    ids = members(s, ev.person_id)
    stated: dict[str, str] = {}  # a name form or birth date -> the first claim stating it
    for value, claim_id in s.execute(select(Claim.value, Claim.id).where(
            Claim.person_id.in_(ids), Claim.predicate.in_(("name", "birth_date")),
            public_claim()).order_by(Claim.source_id, Claim.start)):
        stated.setdefault(value, claim_id)
    facts = facts_of(s, ev.protected, [
        *stated.values(), *(p.claim_id for p in official.positions),
        *(a.claim_id for a in official.acts), *(x.claim_id for x in official.sanctions)])
    positions = [p for p in official.positions if p.claim_id in facts]
    acts = [a for a in official.acts if a.claim_id in facts]
    sanctions = [x for x in official.sanctions if x.claim_id in facts]
    birth = official.birth_date if official.birth_date in stated else None
    if not (positions or acts or sanctions or birth):
        raise DraftError(f"nothing to draft a sanctions dossier from: person {ev.person_id} "
                         f"({ev.name}) has no accepted position, act, recommended sanction "
                         "or birth date")
    notes = Notes(s, ev.protected)
    ident: list[Paragraph] = [para("Names, in every script the sources use:")]
    for n in official.names:
        if n.name not in stated and n.name != ev.name:
            continue  # a form no accepted claim states
        text = n.name + (f" ({SCRIPTS.get(n.script, n.script)})" if n.script else "")
        cite = facts.get(stated.get(n.name, ""))
        ident.append(item(notes.fact(text, cite.fact) if cite else text))
    ident.append(para("Date of birth: ", notes.fact(when(birth), facts[stated[birth]].fact))
                 if birth else para("Date of birth: [not stated by an accepted source]"))
    countries = sorted({p.country for p in positions if p.country})
    ident.append(para("Nationality: " + ("; ".join(filter(None, map(country_name, countries)))
                                         + " [as the positions held indicate; counsel to "
                                         "confirm]" if countries else "[to be completed]")))
    held = [item(notes.fact(_position(p.title, p.organisation, p.start, p.end, p.former),
                            facts[p.claim_id].fact)) for p in positions]
    conduct: list[Paragraph] = []
    for a in acts:
        victim = a.person_name if a.person_id not in ev.protected.how else None
        text = (f"{when(a.date)}: acted as {a.function}" + (f" of {a.court}" if a.court else "")
                + (f" in the case of {victim}" if victim else ""))
        conduct.append(item(notes.fact(text, facts[a.claim_id].fact)))
    for x in sanctions:
        text = "Sanctions recommended" + (f" ({x.list_title})" if x.list_title else "")
        conduct.append(item(notes.fact(text, facts[x.claim_id].fact)))
    regimes = vocab.load("drafts.yml")["sanctions"]["regimes"]
    sections = (
        section("1. Identifying information", ident),
        section("2. Positions held", held or [para("[No accepted position.]")]),
        section("3. Conduct and the cases it is tied to",
                conduct or [para("[No accepted act.]")]),
        section("4. Legal basis", [para("This dossier may support a submission under:"),
                                   *(item(r) for r in regimes),
                                   para("[Counsel: the criteria of the regime chosen.]")]),
        section("5. Exculpatory information", [para("[To be completed by counsel.]")]),
    )
    return Draft(KIND, f"Proposal for targeted sanctions: {ev.name}", ev.name, as_of,
                 sections, notes.build())


def _position(title: str, organisation: str | None, start: str | None, end: str | None,
              former: bool) -> str:
    """'Minister of Defence, Government of Kazakhstan (2014 – 2016)'."""
    dates = (f"{when(start)} – {when(end)}" if start and end else f"since {when(start)}"
             if start else f"until {when(end)}" if end else "former" if former
             else "dates not stated")
    org = f", {organisation}" if organisation and organisation not in title else ""
    return f"{title}{org} ({dates})"
