"""An extradition-defence dossier, drafted from the registry's accepted facts: who the person
is, what happened and when, the charges, each proceeding abroad with its decisions, and the
risk indicators with their evidence. Every fact is cited; the lawyer writes the argument."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile.drafts import abroad
from casefile.drafts.compose import (
    charge_text,
    cited_items,
    item,
    para,
    section,
    when,
)
from casefile.drafts.evidence import Notes, country_name, evidence
from casefile.drafts.model import Draft, Paragraph
from casefile.errors import DraftError

KIND = "extradition"


def build(s: Session, person_id: int, as_of: str) -> Draft:
    ev = evidence(s, person_id, as_of)
    if not ev.timeline and not ev.charges:
        raise DraftError(f"nothing to draft an extradition dossier from: person {ev.person_id} "
                         f"({ev.name}) has no accepted event or charge")
    notes = Notes(s, ev.protected)
    summary = [para(f"Person: {ev.name}.")]
    others = [n.name for n in ev.names if n.name != ev.name]
    if others:
        summary.append(para("Also written: " + "; ".join(others) + "."))
    if ev.country:
        summary.append(para(f"State of the criminal case: {country_name(ev.country)}."))
    summary.append(para(f"Facts as accepted by the registry's editors as of {when(as_of)}. "
                        "Each fact is followed by the number of its source in the list at the "
                        "end, which quotes the source's words."))
    # Built in reading order, so the notes are numbered as the reader meets them.
    timeline = [t for t in ev.timeline if t.date] + [t for t in ev.timeline if not t.date]
    sections = [section("1. Summary", summary),
                section("2. Timeline", cited_items(notes, timeline) or [
                    para("[No dated event.]")]),
                section("3. Charges", [item(notes.fact(charge_text(c), c.facts[0]))
                                       for c in ev.charges] or [para("[No accepted charge.]")])]
    shown = abroad.proceedings(s, ev)
    proceedings: list[Paragraph] = []
    for p in shown:
        proceedings.append(para(p.heading()))
        proceedings += [item(notes.fact(abroad.decision_text(c.decision), c.fact))
                        for c in p.decisions]
    sections.append(section("4. Proceedings abroad", proceedings or [
        para("[No accepted decision of another state.]")]))
    sections.append(section("5. Risk indicators", abroad.risk_paragraphs(
        notes, abroad.risks(s, ev, shown)) or [para("[No accepted risk indicator.]")]))
    return Draft(KIND, f"Extradition defence dossier: {ev.name}", ev.name, as_of,
                 tuple(sections), notes.build())
