"""A request to INTERPOL's Commission for the Control of Files (CCF) for the deletion of a
notice, drafted from the registry's accepted facts.

It follows the grounds the CCF examines: Article 3 of INTERPOL's Constitution (no
intervention of a political character), Article 2 (co-operation in the spirit of the Universal
Declaration of Human Rights), and the conditions for a red notice in the Rules on the
Processing of Data (Articles 82 and 83); the request itself rests on the CCF Statute's
Article 3(1)(c). The provisions are quoted from casefile/data/drafts.yml, where only texts
checked against a published version are kept. The notice comes from the person's proceedings
(casefile.assess.proceedings, through casefile.drafts.abroad) and from a screening hit an
editor confirmed (casefile.registry.screening.hits_of): the listed entry, cited to the file
screened. Facts are cited; the argument is left to the lawyer, with the facts that bear on
each ground set under it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casefile import vocab
from casefile.drafts import abroad
from casefile.drafts.compose import charge_text, item, para, provision, section
from casefile.drafts.evidence import Evidence, Notes, evidence
from casefile.drafts.model import Draft, Fact, Paragraph, Section
from casefile.errors import DraftError
from casefile.registry.models import ScreeningHit
from casefile.registry.screening import hits_of
from casefile.reports.citations import Citation, Quoted

KIND = "ccf"
NOTICES = ("interpol_notice", "wanted_listing")


def build(s: Session, person_id: int, as_of: str) -> Draft:
    ev = evidence(s, person_id, as_of)
    proceedings = abroad.proceedings(s, ev)
    notices = [p for p in proceedings if p.proceeding.kind in NOTICES]
    hits = hits_of(s, ev.person_id, state="confirmed")
    if not notices and not hits:
        raise DraftError(
            f"nothing to draft a CCF request from: person {ev.person_id} ({ev.name}) has no "
            "accepted Interpol notice or wanted listing and no confirmed screening hit")
    notes = Notes(s, ev.protected)
    others = [p for p in proceedings if p.proceeding.kind not in NOTICES]
    sections = [
        section("1. The applicant", _applicant(ev)),
        section("2. The data concerned", _notice(notes, notices, hits)),
        section("3. Proceedings concerning the applicant", _proceedings(notes, others)),
        section("4. The charges", _charges(notes, ev)),
        _article_3(notes, others),
        _article_2(s, notes, ev, proceedings),
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


def _notice(notes: Notes, notices: list[abroad.CitedProceeding],
            hits: list[ScreeningHit]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for p in notices:
        out.append(para(p.heading()))
        out += [item(notes.fact(abroad.decision_text(c.decision), c.fact))
                for c in p.decisions]
    for hit in hits:
        out.append(item(_listed(notes, hit), " — a match an editor confirmed. [Counsel: the "
                        "notice's number, its date and the requesting National Central "
                        "Bureau.]"))
    return out


def _listed(notes: Notes, hit: ScreeningHit) -> Fact:
    """The listed entry as the screened file states it, cited to the file kept (its sha256:
    the file's bytes stay in the blob store)."""
    topics = ", ".join(hit.topics or [])
    entry = f"{hit.listed_name} (entry {hit.listed_id}" + (f"; {topics}" if topics else "") + ")"
    where = hit.dataset or hit.list_origin
    note = notes.cite_outside(
        ("list", hit.list_sha256, hit.listed_id),
        Citation(0, where, None, None, None, hit.list_origin, (Quoted(entry),)),
        hit.list_sha256)
    return Fact(f"Listed in {where} as {entry}", note)


def _proceedings(notes: Notes, proceedings: list[abroad.CitedProceeding]) -> list[Paragraph]:
    if not proceedings:
        return [para("The registry holds no accepted decision of another state.")]
    out: list[Paragraph] = []
    for p in proceedings:
        out.append(para(p.heading()))
        out += [item(notes.fact(abroad.decision_text(c.decision), c.fact))
                for c in p.decisions]
    return out


def _charges(notes: Notes, ev: Evidence) -> list[Paragraph]:
    if not ev.charges:
        return [para("The registry holds no accepted charge; see the notice.")]
    return [item(notes.fact(charge_text(c), c.facts[0])) for c in ev.charges]


def _article_3(notes: Notes, others: list[abroad.CitedProceeding]) -> Section:
    out = provision("constitution_3")
    out.append(para("The following decisions of other states bear on the political character "
                    "of the prosecution:"))
    decisions = [c for p in others for c in p.decisions]
    out += [item(notes.fact(abroad.decision_text(c.decision), c.fact)) for c in decisions] or [
        para("[None accepted in the registry.]")]
    out.append(para("[Counsel: the predominance of the political element.]"))
    return section("5. Article 3 of the Constitution: political character", out)


def _article_2(s: Session, notes: Notes, ev: Evidence,
               proceedings: list[abroad.CitedProceeding]) -> Section:
    out = provision("constitution_2")
    out += abroad.risk_paragraphs(notes, abroad.risks(s, ev, proceedings)) or [
        para("[No risk indicator accepted in the registry.]")]
    return section("6. Article 2 of the Constitution: human rights", out)
