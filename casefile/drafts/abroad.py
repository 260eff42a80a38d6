"""A person's proceedings abroad and risk indicators as a draft may cite them.

The read models (casefile.assess.proceedings.proceedings_of, casefile.assess.risk
.risk_indicators) own what a proceeding and an indicator are. A draft is made for a person who
may not be public, so it reads them as editors do (`public=False`) and keeps only what rests on
accepted, non-confidential claims (casefile.drafts.evidence.facts_of, with quotes redacted but
for the person): a decision no editor accepted is left out, a proceeding left with none is
dropped, and an indicator is kept when an accepted claim supports it (a requesting state's
record: when an accepted decision names that state). Cited findings of UN bodies and courts
are the country data's own citations (casefile/data/countries/<cc>/record.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.proceedings import Decision, Proceeding, proceedings_of
from casefile.assess.risk import Finding, risk_indicators
from casefile.drafts.evidence import Claimed, Evidence, Notes, country_name, facts_of
from casefile.drafts.model import Fact as FactPart
from casefile.drafts.model import Paragraph
from casefile.registry import redact
from casefile.reports.citations import Citation, Quoted
from casefile.reports.dossier import Fact
from casefile.sources.links import http_link


@dataclass(frozen=True)
class Cited:
    """A decision with the accepted fact that states it."""

    decision: Decision
    fact: Fact


@dataclass(frozen=True)
class CitedProceeding:
    proceeding: Proceeding
    decisions: tuple[Cited, ...]

    @property
    def complete(self) -> bool:
        """Whether every decision of the read model is accepted: only then does its status
        rest on accepted facts alone."""
        return len(self.decisions) == len(self.proceeding.decisions)

    def heading(self) -> str:
        p = self.proceeding
        where = country_name(p.host_state)
        asked = country_name(p.requesting_state)
        status = vocab.proceeding_label(p.status, "statuses") if self.complete else None
        return (vocab.proceeding_label(p.kind) + (f" in {where}" if where else "")
                + (f", requested by {asked}" if asked else "")
                + (f" (status: {status})" if status else "") + ":")


@dataclass(frozen=True)
class CitedRisk:
    kind: str
    statement: str  # redacted: the co-defendants' statement names them
    evidence: tuple[Claimed, ...]
    findings: tuple[Finding, ...]


def proceedings(s: Session, ev: Evidence) -> list[CitedProceeding]:
    found = proceedings_of(s, ev.person_id, public=False, as_of=ev.as_of)
    facts = facts_of(s, ev.protected, [d.claim_id for p in found for d in p.decisions])
    out = []
    for p in found:
        cited = tuple(Cited(d, facts[d.claim_id].fact) for d in p.decisions
                      if d.claim_id in facts)
        if cited:
            out.append(CitedProceeding(p, cited))
    return out


def risks(s: Session, ev: Evidence, shown: list[CitedProceeding]) -> list[CitedRisk]:
    found = risk_indicators(s, ev.person_id, public=False)
    facts = facts_of(s, ev.protected, [e.claim_id for r in found for e in r.evidence])
    requesting = {c.decision.requesting_state for p in shown for c in p.decisions}
    out = []
    for r in found:
        evidence = tuple(facts[e.claim_id] for e in r.evidence if e.claim_id in facts)
        if r.evidence and not evidence:
            continue
        if r.kind == "state_record" and not any(
                cc and f"({cc})" in r.statement for cc in requesting):
            continue
        out.append(CitedRisk(r.kind, redact.redact_text(ev.protected, r.statement).text,
                             evidence, r.findings))
    return out


def decision_text(d: Decision) -> str:
    """'9 December 2016: Extradition decision (France; requested by Russia; refused)'."""
    from casefile.drafts.compose import when

    asked = d.requesting_state if d.requesting_state != d.acting_state else None
    bits = [country_name(d.acting_state), asked and f"requested by {country_name(asked)}",
            d.outcome]
    extra = "; ".join(b for b in bits if b)
    day = when(d.date) if d.date else "undated" + (
        f" (in the timeline at {when(d.placed)})" if d.placed else "")
    return f"{day}: {vocab.event_label(d.type)}" + (f" ({extra})" if extra else "")


def cite_finding(notes: Notes, f: Finding) -> int:
    """A finding of a UN body or court as the country data cites it: by, document, date and
    address, the finding in its words (their summary's, `via`, when the address is not the
    document's)."""
    return notes.cite_outside(
        ("finding", f.url, f.finding),
        Citation(0, f.document, f.by, f.date, http_link(f.url),
                 f"via {f.via}" if f.via else f.url, (Quoted(f.finding),)), None)


def risk_paragraphs(notes: Notes, found: list[CitedRisk]) -> list[Paragraph]:
    """Each indicator's statement, then its evidence and findings, each cited."""
    from casefile.drafts.compose import item, para

    out: list[Paragraph] = []
    for r in found:
        out.append(para(r.statement))
        out += [item(notes.fact(c.text, c.fact)) for c in r.evidence]
        out += [item(FactPart(f"{f.by}, {f.document} ({f.date})", cite_finding(notes, f)))
                for f in r.findings]
    return out

