"""The registry's own published changes as an Atom feed (RFC 4287): `/changes.atom`.

Readers who follow the registry (journalists, partner organisations, a feed reader) want to
hear when the public record changes, not when editors work. An entry is
- a published release of the list (casefile.registry.releases), linking its page, which
  shows who was added and removed; it names no one, only the country, date, rows and hash;
- a public event that moves a person's status (a type with `custody`, `ends_custody` or a
  `status` in data/event-types.yml: detained, convicted, released ...), as the public person
  page shows it: only an accepted, non-confidential claim (casefile.registry.publication),
  only of a person public outputs may name (no withheld or anonymised record in the merged
  person: casefile.registry.redact), with its quote redacted as the page redacts it. Its
  time is when the claim became public (the review that accepted it).
Proposed claims, rejected ones and editors' notes are never read. The newest ENTRIES
entries are kept. The XML is built by ElementTree, which escapes every text and attribute,
after characters XML 1.0 cannot carry (control characters a source may hold) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.i18n import format_day, format_number, translations
from casefile.registry import redact
from casefile.registry.clusters import clusters
from casefile.registry.models import Claim, Person, Release, Source, as_utc
from casefile.registry.publication import named_person, public_claim

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 100
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Change:
    """One entry of the feed."""

    key: str  # the entry's lasting id, a path under the site: the same in every language
    path: str  # the page it links to
    title: str
    summary: str
    updated: datetime


def status_types() -> frozenset[str]:
    """Event types that move a person's status (casefile.assess.status replays them)."""
    return vocab.types_with("custody", "ends_custody", "status")


def changes(s: Session, lang: str = "en", limit: int = ENTRIES) -> list[Change]:
    """The newest published changes, newest first."""
    t = translations(lang)
    out = [Change(f"/releases/{r.id}", f"/releases/{r.id}",
                  t.gettext("Release of the list: %(country)s as of %(day)s")
                  % {"country": r.country, "day": format_day(r.as_of, lang)},
                  t.gettext("%(rows)s rows; sha256 %(sha)s")
                  % {"rows": format_number(r.rows, lang), "sha": r.content_sha256},
                  as_utc(r.created_at))
           for r in s.execute(select(Release.id, Release.country, Release.as_of, Release.rows,
                                     Release.content_sha256, Release.created_at)
                              .order_by(Release.created_at.desc()).limit(limit))]
    out += _events(s, lang, limit)
    out.sort(key=lambda c: (c.updated, c.key), reverse=True)
    return out[:limit]


def _events(s: Session, lang: str, limit: int) -> list[Change]:
    t = translations(lang)
    prot = redact.protected(s)
    root = clusters(s)
    when = func.coalesce(Claim.reviewed_at, Claim.created_at)
    query = (select(Claim.id, Claim.person_id, Claim.value, Claim.date, Claim.quote,
                    Claim.start, Claim.source_id, when, Source.title, Source.publisher)
             .join(Person, Claim.person_id == Person.id)
             .join(Source, Claim.source_id == Source.id)
             .where(Claim.predicate == "event", Claim.value.in_(sorted(status_types())),
                    public_claim(), named_person()))
    if prot:  # every record of a protected merged person is in prot.how
        query = query.where(Claim.person_id.not_in(sorted(prot.how)))
    rows = s.execute(query.order_by(when.desc(), Claim.id).limit(limit)).all()
    quote = redact.quote_redactor(s, {r[6] for r in rows})
    names: dict[int, str] = {pid: name for pid, name in s.execute(
        select(Person.id, Person.display_name))}
    out: list[Change] = []
    for cid, pid, etype, edate, text, start, sid, at, source_title, publisher in rows:
        person = root.get(pid or 0, pid or 0)  # never None: joined to its person
        label = vocab.event_label(etype, lang)
        day = format_day(edate, lang) if edate else t.gettext("date unknown")
        said = quote(sid, text, start)
        title = redact.redact_line(prot, source_title or publisher)
        summary = f"{label}, {day}" + (f": “{' '.join(said.split())}”" if said else "") + (
            " — " + t.gettext("Source %(id)s: %(title)s") % {"id": sid, "title": title or "—"})
        out.append(Change(f"/persons/{person}#claim-{cid}", f"/persons/{person}",
                          f"{names.get(person, '')}: {label}", summary, as_utc(at)))
    return out


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def atom(entries: list[Change], site: str, prefix: str, lang: str) -> bytes:
    """The feed as UTF-8 XML. `site` is the site's address (no trailing slash), `prefix` the
    language's path prefix ("" or "/ru"): ids are the same in every language, links are not."""
    t = translations(lang)
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _text(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    add(feed, "id", f"{site}/changes.atom")
    add(feed, "title", t.gettext("Casefile: published changes"))
    add(feed, "subtitle", t.gettext("Releases of the list and changes in persons' status, "
                                    "as the public pages show them."))
    newest = entries[0].updated if entries else datetime(1970, 1, 1, tzinfo=UTC)
    add(feed, "updated", newest.isoformat())
    add(feed, "link", rel="self", type="application/atom+xml",
        href=f"{site}{prefix}/changes.atom")
    add(feed, "link", rel="alternate", type="text/html", href=f"{site}{prefix}/")
    author = add(feed, "author")
    add(author, "name", "Casefile")
    add(author, "uri", f"{site}/")
    for c in entries:
        entry = add(feed, "entry")
        add(entry, "id", f"{site}{c.key}")
        add(entry, "title", c.title)
        add(entry, "updated", c.updated.isoformat())
        add(entry, "link", rel="alternate", type="text/html", href=f"{site}{prefix}{c.path}")
        add(entry, "summary", c.summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
