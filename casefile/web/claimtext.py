"""How a claim reads to an editor: "Event: Interpol Red Notice issued", "Sentence: 48 months
(4 years)", "extracted from running text", never the keys it is stored under
(`red_notice_issued`, `sentenced_to = 48`, `running-text@2`).

The review queue, the conflicts page and the editors' person page all show claims through
`claim_text`, so an editor reads one wording everywhere. Event labels come from
data/event-types.yml (casefile.vocab) and status labels from data/report-labels.yml, so a
renamed label changes here too; an unknown key is shown as itself rather than hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casefile import vocab
from casefile.assess.status import SITUATIONS, STATUSES
from casefile.reports.prisoners import number, term_text

# What each predicate states; a predicate not listed reads as its key with spaces.
PREDICATES = {"event": "Event", "name": "Name", "charged_under": "Charge",
              "sentenced_to": "Sentence", "listed": "Listed as a political prisoner",
              "role": "Role", "birth_date": "Born", "citizenship": "Citizenship",
              "position": "Office held", "figure": "Figure (a count of people)",
              "mass_event": "Mass event"}
# Extractor names without their version ("running-text@2" -> "running-text").
EXTRACTORS = {"running-text": "extracted from running text",
              "list-entry": "from a list entry", "editor": "entered by editors",
              "figures": "a figure read from running text"}
ROLES = {"victim": "the person held or persecuted", "official": "an official (judge, "
         "prosecutor, investigator)", "lawyer": "a lawyer", "relative": "a relative",
         "other": "named, role not known"}
# Sentence kinds (data/lang/*/terms.yml) other than plain imprisonment.
TERM_KINDS = {"potential": "faces up to", "suspended": "suspended",
              "pretrial_term": "pre-trial detention", "arrest": "arrest"}


@dataclass(frozen=True)
class ClaimText:
    """A claim in words: what kind of statement, its value, and where it came from."""

    what: str  # "Event"
    value: str  # "Interpol Red Notice issued"
    origin: str  # "extracted from running text"


def claim_text(predicate: str, value: str, detail: dict[str, Any] | None,
               extractor: str, lang: str = "en") -> ClaimText:
    """Event and status labels and terms in `lang`; the rest of the wording in English."""
    detail = detail or {}
    return ClaimText(PREDICATES.get(predicate, predicate.replace("_", " ").capitalize()),
                     value_text(predicate, value, detail, lang), origin_text(extractor, detail))


def value_text(predicate: str, value: str, detail: dict[str, Any], lang: str = "en") -> str:
    if predicate == "event":
        text = vocab.event_label(value, lang)
        if value == "status_reported" and detail.get("status"):
            text += ": " + situation_label(str(detail["status"]), lang)
        return text
    if predicate == "sentenced_to":
        return sentence_text(value, detail.get("kind"), detail.get("days"), lang)
    if predicate == "charged_under":
        part = detail.get("part")
        return f"Article {value}" + (f", part {part}" if part else "")
    if predicate == "listed":
        text = situation_label(value, lang) if value != "unknown" else "status not stated"
        category = detail.get("category")
        return text + (f" (category: {category})" if category else "")
    if predicate == "role":
        return ROLES.get(value, value)
    if predicate == "position":
        return value + _period(detail)
    if predicate in ("figure", "mass_event"):
        return _figure(predicate, value, detail, lang)
    return value


def _figure(predicate: str, value: str, detail: dict[str, Any], lang: str) -> str:
    """"Killed: about 256 (Rights defenders; as of the date)": a count of people or a mass
    event, about no person (casefile.extract.figures)."""
    label = vocab.figure_label("measures" if predicate == "figure" else "mass_events", value,
                               lang)
    count = detail.get("count")
    qualifier = str(detail.get("qualifier") or "").replace("_", " ")
    text = label + (f": {qualifier + ' ' if qualifier else ''}{count:,}" if count else "")
    who = detail.get("who_name") or vocab.figure_label("counters",
                                                        str(detail.get("who") or "unstated"),
                                                        lang)
    return text + f" ({who}" + ("; as of the date" if detail.get("as_of") else "") + ")"


def _period(detail: dict[str, Any]) -> str:
    """When an office was held, as the claim states it: " (2016–2017)", " (since 2021)"."""
    start, end = detail.get("start"), detail.get("end")
    if start and end:
        return f" ({start}–{end})"
    if start:
        return f" (since {start})"
    if end:
        return f" (until {end})"
    return " (former)" if detail.get("former") else ""


def choices(predicate: str, lang: str = "en") -> list[tuple[str, str]] | None:
    """(value, label) of every value a claim of `predicate` may be corrected to, when the
    registry reads only those (casefile.registry.review.check_value); None for free text."""
    if predicate == "event":
        return [(key, vocab.event_label(key, lang)) for key in vocab.event_types()]
    if predicate == "listed":
        return [(key, situation_label(key, lang)) for key in (*SITUATIONS, "unknown")]
    if predicate == "role":
        return list(ROLES.items())
    return None


def situation_label(status: str, lang: str = "en") -> str:
    """A custody status by its list heading; another situation by its words."""
    if status in STATUSES:
        return vocab.status_label(status, "heading", lang)
    return status.replace("_", " ").capitalize()


def sentence_text(months: str, kind: str | None = None, days: int | None = None,
                  lang: str = "en") -> str:
    """"48" -> "48 months (4 years)"; a term counted in days stays in days."""
    try:
        m = float(months)
    except ValueError:
        return months
    plain = term_text(m, days, lang)
    counted = f"{number(m)} month{'' if m == 1 else 's'}"
    text = plain if days or plain == counted else f"{counted} ({plain})"
    if kind and kind != "imprisonment":
        text += ", " + TERM_KINDS.get(kind, kind.replace("_", " "))
    return text


def origin_text(extractor: str, detail: dict[str, Any]) -> str:
    if detail.get("corrected"):
        return "corrected by editors"
    name = extractor.split("@", 1)[0]
    return EXTRACTORS.get(name, name.replace("-", " "))
