"""The drafts' shared wording: how a date, an event and a legal provision are written, so the
three kinds of draft say them alike."""

from __future__ import annotations

from datetime import date as Date

from casefile import vocab
from casefile.drafts.evidence import Notes, country_name
from casefile.drafts.model import Paragraph, Part, Section
from casefile.reports.dossier import DossierCharge, TimelineItem

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def when(day: str | None, known_by: str | None = None) -> str:
    """An ISO prefix as written in a filing: '9 December 2016', 'December 2021', '2016';
    an undated fact is dated by its source when that has a date."""
    if not day:
        return f"undated (reported by {when(known_by)})" if known_by else "date not stated"
    try:
        if len(day) == 10:
            d = Date.fromisoformat(day)
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if len(day) == 7:
            return f"{MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    except (ValueError, IndexError):
        return day
    return day


def event_text(t: TimelineItem) -> str:
    requesting = _detail(t.detail, "requesting_country", "requesting")
    bits = [country_name(_detail(t.detail, "country")),
            requesting and f"requested by {country_name(requesting)}",
            _detail(t.detail, "outcome"), t.place]
    extra = "; ".join(str(b) for b in bits if b)
    return f"{when(t.date, t.known_by)}: {t.label}" + (f" ({extra})" if extra else "")


def _detail(detail: dict[str, object], *keys: str) -> str | None:
    """The first of `keys` an event's detail holds, as text (Event.detail is JSON)."""
    return next((str(detail[k]) for k in keys if detail.get(k)), None)


def para(*parts: Part, style: str = "text") -> Paragraph:
    return Paragraph(tuple(p for p in parts if p != ""), style)


def item(*parts: Part) -> Paragraph:
    return para(*parts, style="item")


def cited_items(notes: Notes, items: list[TimelineItem]) -> list[Paragraph]:
    return [item(notes.fact(event_text(t), t.fact)) for t in items]


def provision(key: str) -> list[Paragraph]:
    """A provision of INTERPOL's rules, as casefile/data/drafts.yml quotes it."""
    p = vocab.load("drafts.yml")["ccf"]["provisions"][key]
    return [para(p["cite"] + ":"), para(f"“{p['text']}”", style="quote")]


def section(heading: str, paragraphs: list[Paragraph]) -> Section:
    return Section(heading, tuple(paragraphs))


def charge_text(c: DossierCharge) -> str:
    """'Article 174, part 2 (KZ-CC-2014): Incitement of social discord'."""
    part = f", part {c.part}" if c.part else ""
    code = f" ({c.code})" if c.code else ""
    return f"Article {c.article}{part}{code}" + (f": {c.title}" if c.title else "")
