"""The role each person plays in a document: victim, official, lawyer, relative or other.

Verdict news names the judge and the prosecutors beside the persecuted; a list names the wife
who spoke for a prisoner. Only victims may be listed or get custody events, and officials are
kept with their function for perpetrator dossiers, so each mention gets a role:
- a role word before the name ("judge – Gulnar Dauleshova", "his wife Dinara", "MPs: ...") or
  right after it in apposition ("Turgumbaev R., Deputy Head of the Department", "Ernar
  Kasymbekov, the judge"), or before it with an owner and a comma ("Noyan Rakhymzhanov's
  lawyer, Zhanar Balghabaeva"; `role_owners`), gives its function;
  data/lang/<lang>/persons.yml `case_roles` says which role words make an official, a lawyer
  or a relative;
- a person a list places, or the subject of a persecution fact (an event, a charge, a term), is a
  victim, whatever their function (a lawyer can be imprisoned); but a person a sanctions list
  names is an official, held responsible (casefile.extract.document);
- anyone else is `other` (named, but nothing happens to them here).
"""

from __future__ import annotations

import re
from functools import cache

from casefile import vocab
from casefile.extract.persons import role_pattern
from casefile.extract.types import NameMatch

VICTIM, OFFICIAL, OTHER = "victim", "official", "other"
INTRODUCES = re.compile(r"(?:e?s)?\s*[–—:-]")
FUNCTIONS = ("official", "lawyer", "relative")


@cache
def _data(lang: str) -> tuple[dict[str, str], re.Pattern[str], dict[str, str],
                              re.Pattern[str]]:
    try:
        data = vocab.load(f"lang/{lang}/persons.yml")
    except FileNotFoundError:
        data = vocab.load("lang/en/persons.yml")
    to_case = {role: case for case, roles in data["case_roles"].items() for role in roles}
    alt, groups = role_pattern(data["roles"])
    after = re.compile(
        rf"\s*(?:,|\(|[–—-])\s*(?:(?:the|a|an|former|deputy|senior|chief)\s+)*(?:{alt})(?!\w)",
        re.IGNORECASE)
    owners = "|".join(data.get("role_owners") or ["(?!x)x"])
    owned = re.compile(rf"(?:{owners})\s+(?:{alt})(?:e?s)?\s*,\s*$", re.IGNORECASE)
    return to_case, after, groups, owned


def function(text: str, name: NameMatch, lang: str) -> str | None:
    """official | lawyer | relative, when a role word before or after the name says so."""
    to_case, after, groups, owned = _data(lang)
    if name.role is not None and name.role in to_case:
        return to_case[name.role]
    m = owned.search(text, max(0, name.start - 60), name.start)
    if m is not None:  # "Rakhymzhanov's lawyer, Zhanar Balghabaeva"
        role = next(groups[g] for g, val in m.groupdict().items() if val and g in groups)
        if role in to_case:
            return to_case[role]
    m = after.match(text, name.end, min(len(text), name.end + 80))
    if m is None or INTRODUCES.match(text, m.end()):
        return None  # "(judge – Gulnar Dauleshova)" names the judge, not this person
    role = next(groups[g] for g, val in m.groupdict().items() if val and g in groups)
    return to_case.get(role)


def role(function_: str | None, placed: bool, has_facts: bool) -> str:
    """The role of a person in a document, from their function and what it says of them."""
    if placed or has_facts:
        return VICTIM
    return function_ or OTHER
