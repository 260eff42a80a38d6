"""Part-by-part evidence for a name comparison: family, given names, patronymic.

Each function compares one part of two names (casefile/names/features.py) and returns a
verdict ("equal", "forms", "fuzzy", "differ", ...) with a short reason an editor can read. The
verdicts are combined into a decision in casefile/names/compare.py; keeping them apart means
every decision can say which part decided it.

Tolerance is deliberately asymmetric. A family name may differ by one letter in a long name
(a vowel slip in a name of 9+ letters folded: "fuzzy", can still be "same"), because unrelated
people rarely have family names that close; in a 7-8 letter name one letter often is another
surname (Davidov / Davudov, Dolmatov / Dalmatov), so that is only "near" ("possible"). A given
name may not differ at all (Maria / Marta are two names, and siblings often have near-identical
ones), so a one-letter given-name difference is only "fuzzy" ("possible"). In the scale
benchmark, allowing "same" from 7 letters linked 4 in 1,000 unregistered mentions to someone
else; from 9 letters, under 2 in 1,000.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import NamedTuple

from casefile.names.features import NameFeatures
from casefile.names.variants import (
    belarusian_key,
    loose,
    national_form,
    same_given,
    slavic_family,
)

FAMILY_NEAR_MIN = 7
FAMILY_FUZZY_MIN = 9
GIVEN_FUZZY_MIN = 6
BELARUSIAN_MIN = 6


class Verdict(NamedTuple):
    """One part's outcome: a kind and a reason (empty when there is nothing to say)."""

    kind: str
    reason: str


def _pair(a: str, b: str) -> str:
    return a if a == b else f"{a} / {b}"


@cache
def _levenshtein() -> ModuleType:
    """rapidfuzz's Levenshtein, imported when names are first compared: the web server, which
    imports this package for its keys and readings, never compares (3.5 MB a process)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein


def _one_edit(a: str, b: str, min_len: int) -> bool:
    return (min(len(a), len(b)) >= min_len and a[0] == b[0]
            and _levenshtein().distance(a, b, score_cutoff=1) <= 1)


def _transposed(a: str, b: str, min_len: int) -> bool:
    """True when b is a with two neighbouring letters swapped (Ablyzaov / Ablyazov): a typing
    slip, not another name, in a name long enough that a swap rarely makes another one."""
    if len(a) != len(b) or len(a) < min_len or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (len(diff) == 2 and diff[1] == diff[0] + 1 and diff[0] > 0
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


def _belarusian(a: NameFeatures, b: NameFeatures) -> bool:
    """The Belarusian and Russian forms of one family name (Straltsou / Стрельцов), checked
    only between two Slavic family names of BELARUSIAN_MIN letters or more of which one looks
    Belarusian, because the key levels vowels (casefile/data/names/variants.yml)."""
    sa, sb = a.family_shown or "", b.family_shown or ""
    if not (a.family_belarusian or b.family_belarusian) \
            or min(len(sa), len(sb)) < BELARUSIAN_MIN \
            or not (slavic_family(sa) and slavic_family(sb)):
        return False
    return belarusian_key(sa) == belarusian_key(sb)


def _how(a: NameFeatures, b: NameFeatures, shown_a: str, shown_b: str) -> str:
    if a.cyrillic != b.cyrillic:
        return "after transliteration"
    return "" if shown_a == shown_b else "after variant folding"


def family(a: NameFeatures, b: NameFeatures) -> Verdict:
    """equal | national | renamed | fuzzy | near | suffix | gender | differ | missing.

    "national": the Belarusian and Russian forms of one name (Straltsou / Стрельцов), as
    good as equal. "renamed": a Russian form and the national form that replaced it
    (Nurlanov / Nurlanuly, Rahmonov / Rahmonzoda), same only with equal given names."""
    if a.family is None or b.family is None:
        return Verdict("missing", "")
    sa, sb = a.family_shown or "", b.family_shown or ""
    if a.family == b.family:
        how = _how(a, b, sa, sb)
        return Verdict("equal", f"family names equal{' ' + how if how else ''}: {_pair(sa, sb)}")
    ga, gb = a.family_gender, b.family_gender
    if a.family_stem == b.family_stem:
        if ga is not None and gb is not None and ga != gb:
            return Verdict("gender", "family names are the female and male forms of one name "
                                     f"(relatives, not one person): {_pair(sa, sb)}")
        if national_form(a.family, b.family):
            return Verdict("renamed", "family names are one name in its Russian and national "
                                      f"forms: {_pair(sa, sb)}")
        return Verdict("suffix", f"family names differ only by a suffix: {_pair(sa, sb)}")
    if ga is not None and gb is not None and ga != gb:
        return Verdict("differ", f"family names differ: {_pair(sa, sb)}")
    if _belarusian(a, b):
        return Verdict("national", "family names are the Belarusian and Russian forms of one "
                                   f"name: {_pair(sa, sb)}")
    if loose(a.family) == loose(b.family):
        return Verdict("fuzzy", f"family names differ only by kh / k: {_pair(sa, sb)}")
    if _one_edit(a.family, b.family, FAMILY_NEAR_MIN):
        kind = "fuzzy" if min(len(a.family), len(b.family)) >= FAMILY_FUZZY_MIN else "near"
        return Verdict(kind, f"family names differ by one letter: {_pair(sa, sb)}")
    if _transposed(a.family, b.family, FAMILY_NEAR_MIN):
        return Verdict("fuzzy", f"family names differ by two swapped letters: {_pair(sa, sb)}")
    return Verdict("differ", f"family names differ: {_pair(sa, sb)}")


def _match_parts(short: tuple[str, ...], long: tuple[str, ...]) -> str | None:
    """Worst level over a one-to-one matching of `short` into `long`, None if impossible."""
    unused = list(long)
    worst = 0
    for part in short:
        best, level = None, 3
        for cand in unused:
            if cand == part:
                best, level = cand, 0
                break
            if level > 1 and (same_given(part, cand) or loose(part) == loose(cand)):
                best, level = cand, 1
            elif level > 2 and _one_edit(part, cand, GIVEN_FUZZY_MIN):
                best, level = cand, 2
        if best is None:
            return None
        unused.remove(best)
        worst = max(worst, level)
    return ("equal", "forms", "fuzzy")[worst]


def _fits(shown: str, folded: str, name_shown: str, name_folded: str) -> bool:
    """Does an initial (romanised and folded) fit a given name? As written ("Ye." / Yerlan)
    or after folding ("J." / Zhanat), but a Latin Y never stands for an I or the reverse:
    "Y." is Yerlan, Yuri or Yakov, never Islam, though both fold to i."""
    if not shown or not name_shown:
        return False
    if name_shown.startswith(shown):
        return True
    return name_folded.startswith(folded) and {shown[0], name_shown[0]} != {"y", "i"}


def _second_initial(full: NameFeatures, bare: NameFeatures) -> str:
    """A reason when the second initial ("Ivanov I. S.") fits neither the second given name
    nor the patronymic of the full name; "" when it fits or there is nothing to check."""
    if len(bare.initials) < 2:
        return ""
    second = bare.initials[1]
    names = [p for p in (full.given_parts[1:2] + (full.patronymic,)) if p]
    if not names or any(n.startswith(second) for n in names):
        return ""
    return f"second initial {bare.parsed.initials[1]}. fits no second name of the other"


def given(a: NameFeatures, b: NameFeatures) -> Verdict:
    """equal | forms | fuzzy | partial | initial | differ | missing."""
    shown = _pair(" ".join(a.given_shown), " ".join(b.given_shown))
    if a.given and b.given:
        if "".join(a.given) == "".join(b.given):
            how = _how(a, b, " ".join(a.given_shown), " ".join(b.given_shown))
            return Verdict("equal", f"given names equal{' ' + how if how else ''}: {shown}")
        pa, pb = a.given_parts, b.given_parts
        short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        level = _match_parts(short, long)
        if level is None:
            return Verdict("differ", f"given names differ: {shown}")
        if len(short) < len(long):
            return Verdict("partial", f"one name has an extra given name: {shown}")
        text = {"equal": "given names equal after variant folding",
                "forms": "given names are forms of one name",
                "fuzzy": "given names differ by one letter"}[level]
        return Verdict(level, f"{text}: {shown}")
    full, bare = (a, b) if a.given else (b, a)
    if full.given and bare.initials:
        first_shown = full.given_shown[0].lower()
        if not _fits(bare.initials_shown[0], bare.initials[0], first_shown,
                     full.given_parts[0]):
            return Verdict("differ", f"initial {bare.parsed.initials[0]}. does not fit given "
                                     f"name {full.given_shown[0]}")
        second = _second_initial(full, bare)
        if second:
            return Verdict("differ", second)
        return Verdict("initial", f"initial {bare.parsed.initials[0]}. fits given name "
                                  f"{full.given_shown[0]}")
    if a.initials and b.initials:
        if a.initials[0] == b.initials[0] and \
                {a.initials_shown[0][:1], b.initials_shown[0][:1]} != {"y", "i"}:
            return Verdict("initial", f"initials agree: {a.parsed.initials[0]}.")
        return Verdict("differ", f"initials differ: {a.parsed.initials[0]}. / "
                                 f"{b.parsed.initials[0]}.")
    return Verdict("missing", "")


def patronymic(a: NameFeatures, b: NameFeatures) -> Verdict:
    """agree | differ | missing (father's names compared across -ovich / -uly forms)."""
    if a.patronymic is None or b.patronymic is None:
        return Verdict("missing", "")
    shown = _pair(a.parsed.patronymic or "", b.parsed.patronymic or "")
    if a.patronymic == b.patronymic or _one_edit(a.patronymic, b.patronymic, 4):
        return Verdict("agree", f"patronymics name one father: {a.patronymic}")
    return Verdict("differ", f"patronymics differ: {shown}")
