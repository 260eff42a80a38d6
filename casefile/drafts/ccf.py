"""A request to INTERPOL's Commission for the Control of Files (CCF) for the deletion of a
notice, drafted from the registry's accepted facts.

It follows the grounds the CCF examines: Article 3 of INTERPOL's Constitution (no
intervention of a political character), Article 2 (co-operation in the spirit of the Universal
Declaration of Human Rights), and the conditions for a red notice in the Rules on the
Processing of Data (Articles 82 and 83); the request itself rests on the CCF Statute's
Article 3(1)(c). The provisions are quoted from casefile/data/drafts.yml, where only texts
checked against a published version are kept. Facts are cited; the argument is left to the
lawyer, with the facts that bear on each ground set under it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile import vocab
from casefile.drafts import adapters
from casefile.drafts.compose import (
    charge_text,
    cited_items,
    decision_text,
    item,
    para,
    provision,
    section,
)
from casefile.drafts.evidence import Evidence, Notes, country_name, evidence
from casefile.drafts.model import Draft, Paragraph, Section
from casefile.errors import DraftError

KIND = "ccf"
TITLES = {"extradition": "Extradition", "asylum": "Asylum and refugee status",
          "removal": "Removal", "travel_ban": "Travel ban"}


def build(s: Session, person_id: int, as_of: str) -> Draft:
    ev = evidence(s, person_id, as_of)
    proceedings = adapters.proceedings_of(ev)
    notices = [p for p in proceedings if p.kind == "interpol_notice"]
    hits = adapters.confirmed_hits(s, ev.person_id)
    if not notices and not hits:
        raise DraftError(
            f"nothing to draft a CCF request from: person {ev.person_id} ({ev.name}) has no "
            "accepted Interpol notice or wanted listing and no confirmed screening hit")
    notes = Notes(s, ev.protected)
    others = [p for p in proceedings if p.kind != "interpol_notice"]
    sections = [
        section("1. The applicant", _applicant(ev)),
        section("2. The data concerned", _notice(notes, notices, hits)),
        section("3. Proceedings concerning the applicant", _proceedings(notes, others)),
        section("4. The charges", _charges(notes, ev)),
        _article_3(notes, ev, others),
        _article_2(notes, ev),
        section("7. Rules on the Processing of Data: conditions for a red notice", [
            *provision("rpd_82"), *provision("rpd_83"),
            para("[Counsel: whether the offences stated in the notice are serious "
                 "ordinary-law crimes, and whether they arise from a private dispute, given "
                 "the charges in section 4.]")]),
        section("8. Request", [
            *provision("statute_3"),
            para(f"The applicant, {ev.name}, requests the Commission to find that the data "
                 "concerning the applicant processed in the INTERPOL Information System do "
                 "not comply with INTERPOL's rules, and to order their deletion.")]),
    ]
    address = vocab.load("drafts.yml")["ccf"]["addressee"]
    return Draft(KIND, f"Request for the deletion of data concerning {ev.name}", ev.name,
                 as_of, tuple(sections), notes.build(),
                 preamble=tuple(para(line) for line in address))


def _applicant(ev: Evidence) -> list[Paragraph]:
    out = [para(f"The applicant is {ev.name}.")]
    others = [n.name for n in ev.names if n.name != ev.name]
    if others:
        out.append(para("The applicant's name is also written: " + "; ".join(others) + "."))
    return out


def _notice(notes: Notes, notices: list[adapters.Proceeding],
            hits: list[object]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for p in notices:
        who = country_name(p.requesting_state)
        out.append(para(f"Notice requested by {who}:" if who else
                        "Notice (the requesting state is not stated):"))
        out += [item(notes.fact(decision_text(d), d.fact)) for d in p.decisions]
    for hit in hits:  # a confirmed screening hit: the listed entry as the screened file has it
        name = getattr(hit, "listed_name", None) or getattr(hit, "name", "")
        ref = getattr(hit, "listed_id", None)
        out.append(item(f"Listed in a screened file as {name}" + (f" (entry {ref})" if ref
                                                                   else "")
                        + ", a match confirmed by the editors. [Counsel: notice number, "
                        "date of publication and the requesting National Central Bureau.]"))
    return out


def _proceedings(notes: Notes, proceedings: list[adapters.Proceeding]) -> list[Paragraph]:
    if not proceedings:
        return [para("The registry holds no accepted decision of another state.")]
    out: list[Paragraph] = []
    for p in proceedings:
        where = country_name(p.host_state)
        out.append(para(TITLES.get(p.kind, p.kind) + (f" in {where}" if where else "") + ":"))
        out += [item(notes.fact(decision_text(d), d.fact)) for d in p.decisions]
    return out


def _charges(notes: Notes, ev: Evidence) -> list[Paragraph]:
    if not ev.charges:
        return [para("The registry holds no accepted charge; see the notice.")]
    return [item(notes.fact(charge_text(c), c.facts[0])) for c in ev.charges]


def _article_3(notes: Notes, ev: Evidence, others: list[adapters.Proceeding]) -> Section:
    out = provision("constitution_3")
    out.append(para("The following decisions of other states bear on the political character "
                    "of the prosecution:"))
    decisions = [d for p in others for d in p.decisions]
    out += [item(notes.fact(decision_text(d), d.fact)) for d in decisions] or [
        para("[None accepted in the registry.]")]
    out.append(para("[Counsel: the predominance of the political element.]"))
    return section("5. Article 3 of the Constitution: political character", out)


def _article_2(notes: Notes, ev: Evidence) -> Section:
    out = provision("constitution_2")
    risks = adapters.risk_indicators(ev)
    for r in risks:
        out.append(para(r.statement))
        out += cited_items(notes, list(r.evidence))
    if not risks:
        out.append(para("[No risk indicator accepted in the registry.]"))
    return section("6. Article 2 of the Constitution: human rights", out)

