"""Self-check of the hand-written gold for the real test documents in this folder.

Why: the gold is written by hand and must stay honest — every quote has to be an exact
substring of its excerpt, every record must use the project's vocabularies (roles, statuses,
event types), and every event must point at a person the gold names. Run it after editing any
file here:

    python3 tests/extract/data/real/check.py

Standard library only; exits non-zero on any error. It checks the gold against its own
texts, never against Casefile's output.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENT_TYPES_FILE = HERE.parents[3] / "casefile" / "data" / "event-types.yml"

ROLES = {"victim", "official", "lawyer", "relative", "other"}
STATUSES = {
    "convicted",
    "pretrial",
    "house_arrest",
    "psychiatric_detention",
    "extradition_arrest",
    "restriction_of_liberty",
    "suspended_sentence",
    "released",
    "abroad_at_risk",
    "other",
}
KINDS = {"list", "news", "transnational", "profile", "digest"}
LANGUAGES = {"en", "ru"}
REQUIRED = [
    "id",
    "url",
    "publisher",
    "published",
    "language",
    "country",
    "kind",
    "layout",
    "persons",
    "events",
    "not_persons",
    "notes",
]
PERSON_KEYS = [
    "name",
    "role",
    "status",
    "articles",
    "sentence_months",
    "restriction_months",
    "quote",
]
EVENT_KEYS = ["person", "type", "date", "country", "requesting_country", "quote"]
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def event_types() -> set[str]:
    """Top-level keys of event-types.yml (one `key: {...}` per line; no YAML library needed)."""
    keys = set()
    for line in EVENT_TYPES_FILE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([a-z_]+):", line)
        if m:
            keys.add(m.group(1))
    return keys


def quotes_in(record: dict) -> list[tuple[str, str]]:
    """Every (field, quote) pair of a record: any key ending in 'quote', string or list."""
    found = []
    for key, value in record.items():
        if not key.endswith("quote") or value is None:
            continue
        for q in value if isinstance(value, list) else [value]:
            found.append((key, q))
    return found


def check_status(value, where: str, errors: list[str]) -> None:
    values = value if isinstance(value, list) else [value]
    for v in values:
        if v is not None and v not in STATUSES:
            errors.append(f"{where}: unknown status {v!r}")


def check_document(path: Path, types: set[str]) -> list[str]:
    errors: list[str] = []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{path.name}: does not parse: {exc}"]
    doc_id = path.stem
    text_path = path.with_suffix(".txt")
    if not text_path.exists():
        return [f"{doc_id}: no text file {text_path.name}"]
    text = text_path.read_text(encoding="utf-8")
    for key in REQUIRED:
        if key not in gold:
            errors.append(f"{doc_id}: missing key {key!r}")
    if gold.get("id") != doc_id:
        errors.append(f"{doc_id}: id {gold.get('id')!r} differs from the file name")
    if gold.get("language") not in LANGUAGES:
        errors.append(f"{doc_id}: language {gold.get('language')!r}")
    if gold.get("kind") not in KINDS:
        errors.append(f"{doc_id}: kind {gold.get('kind')!r}")
    if not COUNTRY.match(str(gold.get("country"))):
        errors.append(f"{doc_id}: country {gold.get('country')!r}")
    published = gold.get("published")
    if published is not None and not ISO_DATE.match(published):
        errors.append(f"{doc_id}: published {published!r} is not an ISO date prefix")

    names = set()
    for i, person in enumerate(gold.get("persons", [])):
        where = f"{doc_id} person {i} ({person.get('name')})"
        for key in PERSON_KEYS:
            if key not in person:
                errors.append(f"{where}: missing {key!r}")
        names.add(person.get("name"))
        names.update(person.get("aliases", []))
        if person.get("role") not in ROLES:
            errors.append(f"{where}: role {person.get('role')!r}")
        if person.get("role") != "victim" and person.get("status") is not None:
            errors.append(f"{where}: a {person.get('role')} has a status")
        check_status(person.get("status"), where, errors)
        for key in ("sentence_months", "restriction_months"):
            if not all(isinstance(n, (int, float)) for n in person.get(key, [])):
                errors.append(f"{where}: {key} must be numbers")
        if not all(isinstance(a, str) for a in person.get("articles", [])):
            errors.append(f"{where}: articles must be strings")
        for field, q in quotes_in(person):
            if q not in text:
                errors.append(f"{where}: {field} not in text: {q!r}")
    for i, event in enumerate(gold.get("events", [])):
        where = f"{doc_id} event {i} ({event.get('person')}, {event.get('type')})"
        for key in EVENT_KEYS:
            if key not in event:
                errors.append(f"{where}: missing {key!r}")
        if event.get("person") not in names:
            errors.append(f"{where}: person is not among the document's persons")
        if event.get("type") not in types:
            errors.append(f"{where}: unknown event type {event.get('type')!r}")
        date = event.get("date")
        if date is not None and not ISO_DATE.match(date):
            errors.append(f"{where}: date {date!r}")
        for key in ("country", "requesting_country"):
            value = event.get(key)
            if value is not None and not COUNTRY.match(value):
                errors.append(f"{where}: {key} {value!r}")
        for field, q in quotes_in(event):
            if q not in text:
                errors.append(f"{where}: {field} not in text: {q!r}")
    for name in gold.get("not_persons", []):
        if name not in text:
            errors.append(f"{doc_id}: not_person {name!r} does not occur in the text")
    return errors


def main() -> int:
    types = event_types()
    files = sorted(HERE.glob("*.json"))
    texts = sorted(HERE.glob("*.txt"))
    errors: list[str] = []
    for text_path in texts:
        if not text_path.with_suffix(".json").exists():
            errors.append(f"{text_path.name}: no gold file")
    readme = (
        (HERE / "README.md").read_text(encoding="utf-8") if (HERE / "README.md").exists() else ""
    )
    persons = events = 0
    for path in files:
        errors.extend(check_document(path, types))
        if path.stem not in readme:
            errors.append(f"{path.stem}: not described in README.md")
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        persons += len(gold.get("persons", []))
        events += len(gold.get("events", []))
        print(
            f"{path.stem:45} {gold.get('language')} {gold.get('kind'):13} "
            f"{len(text):5} chars {len(text.encode()):5} bytes "
            f"{len(gold.get('persons', [])):3} persons {len(gold.get('events', [])):3} events"
        )
    print(f"{len(files)} documents, {persons} persons, {events} events")
    for e in errors:
        print("ERROR", e)
    return 1 if errors or not files else 0


if __name__ == "__main__":
    sys.exit(main())
