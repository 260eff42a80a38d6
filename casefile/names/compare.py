"""Are two written names the same person? A decision, a score and the reasons.

Rules, in order (each verdict comes from casefile/names/evidence.py):

1. Context that contradicts: different birth dates or genders => "different", whatever the
   names say.
2. Family names must match after romanisation and variant folding (a one-letter slip is
   tolerated in a name of 9+ letters; in a 7-8 letter name it makes at most "possible"; two
   swapped neighbouring letters in a name of 7+ letters count as a slip of 9+). The
   Belarusian and Russian forms of one name (Straltsou / Стрельцов) count as equal. Different
   family names => "different" even when the given names agree (Ivan Petrov / Ivan
   Sidorov), unless the two names are the same words in swapped order. Female and male
   forms of one family name (Petrova / Petrov) are relatives => "different". A Russian form
   and the national form that replaced it (Nurlanov / Nurlanuly, Rahmonov / Rahmonzoda) is
   "same" only with equal given names, at 0.8; a family name that differs otherwise only by
   a suffix (a Kazakh stem with and without -ov) is at most "possible".
3. Genders marked by the names (family and patronymic endings, known given names) must agree,
   and so must patronymics when both have one.
4. Given names: equal or forms of one name (Sasha / Aleksandr, Ales / Alyaksandr) =>
   "same"; an initial that fits (Ivanov I. / Ivan Ivanov) => "same" at 0.8 when the family
   names are equal (a second initial must fit the second given name or the patronymic), else
   "possible"; an extra given name or a one-letter difference => "possible"; anything else
   => "different" (Ivan / Igor).
5. A family-name-only mention ("President Petrov", "Petrov") against a full name with the
   same family name => "same" with score 0.8, below a full match (0.95-1.0), because nothing
   conflicts but nothing but the family name supports it either; the registry should prefer
   a full-name candidate and flag a family name shared by several persons.
6. Supporting context (shared case, shared co-defendants, shared sources, equal birth dates)
   lifts a "possible" to "same" and adds 0.1 to the score (at least 0.8).

Scores: same >= 0.8, possible 0.5-0.79, different <= 0.35; they order candidates, the decision
is what a caller acts on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from casefile.names import evidence
from casefile.names.features import NameFeatures, features

Decision = Literal["same", "possible", "different"]


@dataclass(frozen=True)
class Context:
    """What else is known about the two mentions; every field is optional."""

    birth_dates: tuple[str | None, str | None] = (None, None)
    genders: tuple[str | None, str | None] = (None, None)
    shared_case: bool | None = None
    co_defendants: int | None = None
    shared_sources: int | None = None


@dataclass(frozen=True)
class Match:
    """The outcome of one comparison."""

    decision: Decision
    score: float
    reasons: list[str] = field(default_factory=list)


def _dates_conflict(a: str, b: str) -> bool:
    return not (a.startswith(b) or b.startswith(a))


def _gender(value: str | None) -> str | None:
    """"m" / "f" from the usual spellings (m, male, man, м; f, female, woman, w, ж)."""
    first = (value or "").strip()[:1].lower()
    return "m" if first in ("m", "м") else ("f" if first in ("f", "w", "ж") else None)


def _context(ctx: Context | None, a: NameFeatures, b: NameFeatures
             ) -> tuple[list[str], list[str]]:
    """(conflicts, support) found in the context. A gender given in the context is also
    checked against the gender the other name marks (Petrova is a woman)."""
    conflicts: list[str] = []
    support: list[str] = []
    if ctx is None:
        return conflicts, support
    da, db = ctx.birth_dates
    if da and db:
        if _dates_conflict(da, db):
            conflicts.append(f"birth dates differ: {da} / {db}")
        else:
            support.append(f"birth dates agree: {da if len(da) >= len(db) else db}")
    ca, cb = (_gender(g) for g in ctx.genders)
    ga, gb = ca or a.gender, cb or b.gender
    if (ca or cb) and ga and gb and ga != gb:
        conflicts.append(f"genders differ: {ga} / {gb}")
    if ctx.shared_case:
        support.append("both named in the same case")
    if ctx.co_defendants:
        support.append(f"{ctx.co_defendants} co-defendant(s) in common")
    if ctx.shared_sources:
        support.append(f"{ctx.shared_sources} source(s) in common")
    return conflicts, support


def _swapped(a: NameFeatures, b: NameFeatures) -> bool:
    """True when one name's family name is the other's given name and vice versa."""
    return bool(a.given and b.given and a.family and b.family
                and a.family == b.given[0] and b.family == a.given[0])


def _add(reasons: list[str], verdict: evidence.Verdict) -> None:
    if verdict.reason:
        reasons.append(verdict.reason)


_SAME_SCORES = {("equal", "equal"): 0.95, ("equal", "forms"): 0.9, ("fuzzy", "equal"): 0.85,
                ("national", "equal"): 0.9, ("national", "forms"): 0.85,
                ("renamed", "equal"): 0.8, ("equal", "initial"): 0.8,
                ("national", "initial"): 0.8}
_POSSIBLE_SCORES = {"equal": 0.75, "national": 0.7, "renamed": 0.7, "fuzzy": 0.65, "near": 0.65,
                    "suffix": 0.6}
# Family-name verdicts that are as good as equal when nothing else can be compared.
_AS_EQUAL = ("equal", "national")


def _names(a: NameFeatures, b: NameFeatures, reasons: list[str]) -> tuple[Decision, float]:
    fam = evidence.family(a, b)
    if fam.kind == "differ" and _swapped(a, b):
        reasons.append(f"same words in swapped order: {a.family_shown} / {b.family_shown}")
        return "possible", 0.7
    _add(reasons, fam)
    if fam.kind == "differ":
        return "different", 0.2 if evidence.given(a, b).kind in ("equal", "forms") else 0.05
    if fam.kind == "gender":
        return "different", 0.3
    if a.gender and b.gender and a.gender != b.gender:
        reasons.append(f"names mark different genders: {a.gender} / {b.gender}")
        return "different", 0.25
    pat = evidence.patronymic(a, b)
    _add(reasons, pat)
    if pat.kind == "differ":
        return "different", 0.3
    giv = evidence.given(a, b)
    _add(reasons, giv)
    if giv.kind == "differ":
        return "different", 0.35 if fam.kind in _AS_EQUAL else 0.2
    if fam.kind == "missing":
        if giv.kind in ("equal", "forms", "initial"):
            reasons.append("no family name on one side")
            return "possible", 0.5
        reasons.append("no part of the names can be compared")
        return "different", 0.1
    if giv.kind == "missing":
        only = a if not (a.given or a.initials) else b
        titles = f" (with title: {', '.join(only.parsed.titles)})" if only.parsed.titles else ""
        reasons.append(f"only a family name on one side{titles}")
        if fam.kind in _AS_EQUAL:
            return "same", 0.8
        return "possible", 0.6 if fam.kind in ("fuzzy", "near") else 0.55
    score = _SAME_SCORES.get((fam.kind, giv.kind))
    if score is not None:
        exact = a.parsed.original.strip().casefold() == b.parsed.original.strip().casefold()
        return "same", 1.0 if exact else score
    if giv.kind in ("equal", "forms"):
        return "possible", _POSSIBLE_SCORES.get(fam.kind, 0.6)
    return "possible", 0.7 if fam.kind in _AS_EQUAL else 0.55


def compare(a: str, b: str, context: Context | None = None) -> Match:
    """Compare two written names (any script, any order, with titles, initials or Russian
    case endings). Raises ValueError when either side has no name in it."""
    fa, fb = features(a), features(b)
    for side, feats in (("first", fa), ("second", fb)):
        if feats.empty:
            raise ValueError(f"no name found in the {side} text: {feats.parsed.original!r}")
    reasons: list[str] = []
    decision, score = _names(fa, fb, reasons)
    conflicts, support = _context(context, fa, fb)
    if conflicts:
        reasons.extend(conflicts)
        return Match("different", round(min(score, 0.3), 3), reasons)
    if support and decision != "different":
        reasons.extend(support)
        score = min(max(score + 0.1, 0.8), 1.0)
        decision = "same"
    return Match(decision, round(score, 3), reasons)
