"""Loading the knowledge kept as data under casefile/data (YAML), cached per file.

Country facts (criminal-code articles, transliteration, places) and language vocabulary live in
data files so a country or a language can be added without touching code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
# libyaml's safe loader (in PyYAML's wheels) reads the data files ten times faster than the
# pure-Python one, which every command would otherwise pay on start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(relpath: str) -> Any:
    """Parse one data file, e.g. load("event-types.yml") or load("lang/en/dates.yml")."""
    with open(DATA / relpath, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader


def event_types() -> dict[str, dict[str, Any]]:
    return load("event-types.yml")


def types_with(*keys: str) -> frozenset[str]:
    """The event types that have any of `keys` in data/event-types.yml: types_with("custody")
    put a person in custody, types_with("ends_custody") free them."""
    return frozenset(t for t, d in event_types().items() if any(d.get(k) for k in keys))


def pace_criteria() -> dict[str, dict[str, str]]:
    return load("pace-criteria.yml")


@cache
def criminal_code(country: str) -> dict[str, Any]:
    """The country's criminal code: {"code": id, "articles": {"272": {"title": ...}}}."""
    path = DATA / "countries" / country.lower() / "criminal-code.yml"
    if not path.exists():
        return {"code": f"{country.upper()}-CC", "articles": {}}
    return load(f"countries/{country.lower()}/criminal-code.yml")


def article_title(country: str, article: str, part: str | None = None,
                  lang: str = "en") -> str | None:
    """The article's title in `lang`, with the part's words when reports cite it by part:
    `title_ru` and `parts_ru` beside `title` and `parts` (English when missing)."""
    entry = criminal_code(country).get("articles", {}).get(str(article))
    if entry is None:
        return None
    title = localized(entry, "title", lang)
    parts = (entry.get(f"parts_{lang}") if lang != "en" else None) or entry.get("parts") or {}
    if part is not None and str(part) in parts:
        return f"{title} ({parts[str(part)]})"
    return title


def localized(entry: dict[str, Any], field: str, lang: str) -> str:
    """A data file's `field` in `lang`: the `<field>_<lang>` key written beside the English
    one (`label_ru` beside `label`), the English when there is none (tests/test_i18n.py
    requires one for every shown label)."""
    if lang != "en":
        value = entry.get(f"{field}_{lang}")
        if value:
            return str(value)
    return str(entry[field])


def event_label(kind: str, lang: str = "en") -> str:
    entry = event_types().get(kind)
    return localized(entry, "label", lang) if entry else kind


def figure_label(group: str, key: str, lang: str = "en") -> str:
    """The label of a measure, counter or mass event type (`group`: measures, counters,
    mass_events of data/figures.yml); the key itself when the file has none."""
    entry = load("figures.yml")[group].get(key)
    return localized(entry, "label", lang) if entry else key


def status_label(status: str, field: str = "heading", lang: str = "en") -> str:
    """A custody status's `heading` ("In pre-trial detention") or `counted` phrase."""
    return localized(load("report-labels.yml")["statuses"][status], field, lang)


def pace_label(key: str, field: str = "label", lang: str = "en") -> str:
    """A PACE criterion's short `label` or full `text`."""
    return localized(pace_criteria()[key], field, lang)


def proceeding_label(key: str, group: str = "kinds", lang: str = "en") -> str:
    """A proceeding's kind (`group="kinds"`: "Extradition") or status (`"statuses"`) in
    `lang`, from data/proceeding-kinds.yml; the key itself when the file has none."""
    entry = load("proceeding-kinds.yml")[group].get(key)
    return localized(entry, "label", lang) if entry else key
