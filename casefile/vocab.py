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


def pace_criteria() -> dict[str, dict[str, str]]:
    return load("pace-criteria.yml")


@cache
def criminal_code(country: str) -> dict[str, Any]:
    """The country's criminal code: {"code": id, "articles": {"272": {"title": ...}}}."""
    path = DATA / "countries" / country.lower() / "criminal-code.yml"
    if not path.exists():
        return {"code": f"{country.upper()}-CC", "articles": {}}
    return load(f"countries/{country.lower()}/criminal-code.yml")


def article_title(country: str, article: str, part: str | None = None) -> str | None:
    entry = criminal_code(country).get("articles", {}).get(str(article))
    if entry is None:
        return None
    parts = entry.get("parts") or {}
    if part is not None and str(part) in parts:
        return f"{entry['title']} ({parts[str(part)]})"
    return entry["title"]
