"""Countries in text: persons' citizenship, the country codes the data knows, and (through
casefile.extract.country) which country a document's case belongs to.

Country names and demonyms come from data/places/countries.yml; the phrases that state a
citizenship ("an Uzbek citizen", "citizen of Uzbekistan") from data/lang/<lang>/listing.yml.
"""

from __future__ import annotations

import re
from functools import cache

from casefile import vocab
from casefile.errors import CasefileError
from casefile.extract.casing import lowered
from casefile.extract.country import case_country


@cache
def _names(lang: str) -> dict[str, str]:
    """Every name and demonym of every country in `lang` -> its ISO code."""
    out: dict[str, str] = {}
    for code, forms in vocab.load("places/countries.yml").items():
        for key in (lang, f"{lang}_adj"):
            for name in forms.get(key) or []:
                out[name] = code
    return out


@cache
def _country_re(lang: str) -> re.Pattern[str]:
    alt = "|".join(re.escape(n) for n in sorted(_names(lang), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


@cache
def _citizenship_re(lang: str) -> re.Pattern[str] | None:
    try:
        phrases = vocab.load(f"lang/{lang}/listing.yml").get("citizenship") or []
    except FileNotFoundError:
        return None
    country = "(?P<country>" + _country_re(lang).pattern + ")"
    alts = [p.replace("{country}", country, 1).replace("{country}", "") for p in phrases]
    parts = [f"(?:{a})" for a in alts]
    # one named group per alternative is not allowed: number them
    joined = "|".join(p.replace("(?P<country>", f"(?P<c{i}>", 1) for i, p in enumerate(parts))
    return re.compile(joined, re.IGNORECASE)


def find_citizenship(text: str, lang: str = "en") -> list[tuple[str, tuple[int, int]]]:
    """[(ISO code, (start, end))] for each citizenship phrase in `text`."""
    pattern = _citizenship_re(lang)
    if pattern is None:
        return []
    names = {k.casefold(): v for k, v in _names(lang).items()}
    out: list[tuple[str, tuple[int, int]]] = []
    # Only near a key word ("citizen"): trying the long alternation everywhere is slow.
    for key in _keys(lang).finditer(lowered(text)):
        lo = max(key.start() - 60, out[-1][1][1] if out else 0)
        for m in pattern.finditer(text, lo, min(len(text), key.end() + 60)):
            word = next(v for k, v in m.groupdict().items() if k.startswith("c") and v)
            code = names.get(word.casefold())
            if code and (not out or m.start() >= out[-1][1][1]):
                out.append((code, m.span()))
    return out


@cache
def _keys(lang: str) -> re.Pattern[str]:
    words = vocab.load(f"lang/{lang}/listing.yml").get("citizenship_keys") or []
    # Searched in the lower-cased text: faster than IGNORECASE over a whole document.
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


def guess_country(text: str, lang: str = "en", default: str | None = None) -> str | None:
    """The country of the case a document reports, or `default` when the text does not say
    (None without one). The rule and its evidence: casefile.extract.country.case_country;
    `lang` is not needed, as every language's rules are tried on every text."""
    return case_country(text, default).country


def known_countries() -> list[tuple[str, str]]:
    """(ISO code, English name) of every country the data knows, by name: the choices an
    editor is offered for a source's country."""
    data = vocab.load("places/countries.yml")
    return sorted(((code, (forms.get("en") or [code])[0]) for code, forms in data.items()),
                  key=lambda cn: cn[1])


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code the data knows ("kz" -> "KZ"); CasefileError otherwise."""
    code = value.strip().upper()
    if code not in vocab.load("places/countries.yml"):
        raise CasefileError(f"unknown country code {value!r}: give an ISO code such as KZ, "
                            "listed in casefile/data/places/countries.yml")
    return code


def state_code(value: str) -> str:
    """The state an editor names, as an ISO code: the code itself ("fr") or a name the data
    knows in any language ("France", "Франция", "Republic of Kazakhstan"; Russian names are
    stems, so any case ending is read). CasefileError when no state, or more than one, fits:
    a fact is never filed under a guessed state."""
    text = value.strip()
    data = vocab.load("places/countries.yml")
    if text.upper() in data:
        return text.upper()
    folded = text.casefold()
    fits = {code for code, forms in data.items()
            for field, names in forms.items() if not field.endswith("_adj")
            for name in names or []
            if folded == name.casefold()
            or (field == "ru" and folded.startswith(name.casefold())
                and len(folded) - len(name) <= 2)}
    if len(fits) != 1:
        raise CasefileError(f"cannot tell which state {value!r} is: give an ISO code such as "
                            "KZ or FR, or a country's name in casefile/data/places/countries.yml")
    return fits.pop()

