"""Recording a PACE Resolution 1900 (2012) assessment of a case.

Each criterion a–e is yes / no / unknown with a rationale; the decision is the editor's.
Assessments are appended, never edited: the newest one for a case is in force.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.errors import CasefileError, NotFound
from casefile.extract.places import country_code
from casefile.registry import audit
from casefile.registry.models import Assessment, Case, Person

ANSWERS = ("yes", "no", "unknown")
DECISIONS = ("political_prisoner", "politically_persecuted", "not")


def parse_criteria(items: list[str]) -> dict[str, dict[str, str]]:
    """['a=yes', 'e=yes:closed trial'] -> {'a': {'answer': 'yes'}, 'e': {...}}."""
    known = vocab.pace_criteria()
    out: dict[str, dict[str, str]] = {}
    for item in items:
        key, _, rest = item.partition("=")
        answer, _, why = rest.partition(":")
        key, answer = key.strip().lower(), answer.strip().lower()
        if key not in known:
            raise CasefileError(f"unknown PACE criterion {key!r}: use {', '.join(known)}")
        if answer not in ANSWERS:
            raise CasefileError(f"criterion {key}: answer must be one of {', '.join(ANSWERS)}")
        out[key] = {"answer": answer, "rationale": why.strip()}
    return out


def assess(s: Session, person_id: int, country: str, criteria: dict[str, dict[str, str]],
           decision: str, editor: str, rationale: str | None = None) -> Assessment:
    if decision not in DECISIONS:
        raise CasefileError(f"decision must be one of {', '.join(DECISIONS)}")
    if s.get(Person, person_id) is None:
        raise NotFound(f"no person with id {person_id}")
    country = country_code(country)
    case = s.scalar(select(Case).where(Case.person_id == person_id,
                                       Case.country == country.upper()))
    if case is None:
        case = Case(person_id=person_id, country=country.upper(), categories=[])
        s.add(case)
        s.flush()
    a = Assessment(case_id=case.id, criteria=criteria, decision=decision, editor=editor,
                   rationale=rationale)
    s.add(a)
    s.flush()
    audit.record(s, editor, "assess", f"case:{case.id}", decision=decision, criteria=criteria)
    return a
