"""Facts an editor adds by hand: what the software missed, or what a source outside the
registry told the editors.

Provenance first holds for them too: every manual claim quotes a preserved text. Either the
editor picks the words in a captured source (`source_id` and `quote`, found in the source's
text whitespace-insensitively, so a quote copied from a page with its line breaks still
matches), or the claim quotes an editor's note: a small text source of kind `note` that says
who entered what and when ("Entered by anna on 2026-12-04: ..."), kept as a blob like any
capture. The editor's reason goes to the audit log, never to a public page (it may name who
told them). A manual claim is accepted at once, extracted by `editor@1`, and carries
`detail["entered_by"]`; the public side shows it as "entered by editors".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.status import SITUATIONS
from casefile.errors import NotFound, ReviewError
from casefile.extract.details import FIELDS, PEOPLE
from casefile.extract.places import state_code
from casefile.extract.regions import region_of
from casefile.extract.roles import FUNCTIONS, OTHER, VICTIM
from casefile.names.keys import block_keys
from casefile.registry import audit, search, source_edit
from casefile.registry.facts import cases_for, materialise, valid_iso_prefix
from casefile.registry.models import Claim, Person, Source, utcnow
from casefile.registry.resolve import add_blocks, add_name
from casefile.registry.review import check_value
from casefile.sources import blobs
from casefile.sources.document import sha256_hex

EXTRACTOR = "editor@1"
ROLES = (VICTIM, *FUNCTIONS, OTHER)
# What an editor may add, and the claim predicate each kind is stored as.
KINDS = {"event": "event", "name": "name", "charge": "charged_under", "term": "sentenced_to",
         "status": "event", "role": "role", "detail": "case_detail"}
MAX_QUOTE = 2000


@dataclass(frozen=True)
class ManualFact:
    """What the editor states: about whom, what, when, and where it is written."""

    person_id: int
    kind: str  # a key of KINDS
    value: str
    reason: str
    editor: str
    date: str | None = None
    source_id: int | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None  # or the passage picked in the source (offsets)
    lang: str | None = None  # for a name: the language it is written in
    field: str | None = None  # for a detail: court, judge, ... (casefile.extract.details)
    confidential: bool = False
    # for an event abroad: the state that acted and the state that asked (a code or a name)
    country: str | None = None
    requesting: str | None = None


def add(s: Session, fact: ManualFact) -> Claim:
    """Store the editor's claim, materialise its fact and log it; errors leave nothing."""
    _check(fact)
    person = s.get(Person, fact.person_id)
    if person is None:
        raise NotFound(f"no person with id {fact.person_id}")
    predicate = KINDS[fact.kind]
    value = fact.value.strip()
    detail: dict[str, Any] = {"entered_by": fact.editor}
    if fact.kind == "status":
        value, detail = "status_reported", {**detail, "status": fact.value.strip()}
    elif fact.kind == "detail":  # as the extractor records one: the field, and its region
        # "Алматинская область" is filed as "Almaty Region"; a person's name names no place
        region = None if fact.field in PEOPLE else \
            region_of(value) or (value if fact.field == "region" else None)
        detail = {**detail, "field": fact.field, "region": region}
    elif fact.kind == "event":  # as the extractor records an event abroad
        states = {"country": fact.country, "requesting_country": fact.requesting}
        detail.update({k: state_code(v) for k, v in states.items() if v and v.strip()})
    if fact.source_id is not None:
        src = s.get(Source, fact.source_id)
        if src is None:
            raise NotFound(f"no source with id {fact.source_id}")
        start, end = _span(src.text, fact.span) if fact.span else \
            find_quote(src.text, fact.quote or "")
    else:
        src = _note(s, fact, person)
        start, end = 0, len(src.text)
    detail["span"] = [start, end]
    now = utcnow()
    key = "\x1f".join([src.sha256, str(start), str(end), predicate, value, fact.date or "",
                       str(person.id), fact.editor, now.isoformat()])
    claim = Claim(id=hashlib.sha256(key.encode()).hexdigest()[:40], source_id=src.id,
                  person_id=person.id, mention=person.display_name, predicate=predicate,
                  value=value, detail=detail, date=fact.date, start=start, end=end,
                  quote=src.text[start:end], extractor=EXTRACTOR, confidence=1.0,
                  group_key=f"editor:{src.id}:{start}", state="accepted",
                  reviewer=fact.editor, reviewed_at=now, confidential=fact.confidential)
    s.add(claim)
    s.flush()
    if predicate == "name" and add_name(person, value, fact.lang, kind="alias"):
        add_blocks(s, {(person.id, b) for b in block_keys(value)})
    cases = cases_for(s, {person.id}, src.country) if src.country else \
        source_edit.cases_when_unknown(s, {person.id})
    if person.id in cases:  # else filed when an editor gives the source a country
        case = cases[person.id]
        materialise(s, claim, case, src, vocab.criminal_code(case.country)["code"])
    search.index_source(s, src.id)
    audit.record(s, fact.editor, "add-claim", f"claim:{claim.id}", person=person.id,
                 kind=fact.kind, field=fact.field, value=fact.value, date=fact.date,
                 source=src.id,
                 reason=fact.reason)
    return claim


def find_quote(text: str, quote: str) -> tuple[int, int]:
    """The span of `quote` in `text`, its words matched whatever whitespace stands between
    them; the first place when it occurs more than once."""
    words = quote.split()
    if not words:
        raise ReviewError("give the exact words of the source (--quote) that state the fact")
    if len(quote) > MAX_QUOTE:
        raise ReviewError(f"a quote is at most {MAX_QUOTE} characters; pick the sentence")
    m = _words(words).search(text)
    if m is None:
        raise ReviewError("the quote is not in the source's text: copy its exact words")
    return m.start(), m.end()


def passages(text: str, query: str, limit: int = 20) -> list[tuple[int, int]]:
    """Where `query` stands in `text`, each as its sentence (up to a full stop or a line end,
    at most 400 characters either side): what an editor picks a quote from."""
    words = query.split()
    if not words:
        return []
    out: list[tuple[int, int]] = []
    for m in _words(words, re.IGNORECASE).finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        lo = max(0, m.start() - 400)
        starts = [text.rfind(c, lo, m.start()) for c in (". ", "\n", "! ", "? ")]
        start = max(max(starts) + 1, lo)
        hi = min(len(text), m.end() + 400)
        ends = [e for c in (". ", "\n", "! ", "? ") if (e := text.find(c, m.end(), hi)) >= 0]
        end = min(ends) + 1 if ends else hi
        start += len(text[start:end]) - len(text[start:end].lstrip())
        out.append((start, end - (len(text[start:end]) - len(text[start:end].rstrip()))))
        if len(out) == limit:
            break
    return out


def _words(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """The words in order, whatever whitespace (line breaks included) stands between them."""
    return re.compile(r"\s+".join(map(re.escape, words)), flags)


def _span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if not 0 <= start < end <= len(text) or end - start > MAX_QUOTE:
        raise ReviewError("the passage picked is not in the source's text")
    return start, end


def _check(fact: ManualFact) -> None:
    if fact.kind not in KINDS:
        raise ReviewError(f"--kind must be one of {', '.join(KINDS)}, not {fact.kind!r}")
    if fact.field is not None and fact.kind != "detail":
        raise ReviewError("--field is for --kind detail only")
    if not fact.reason.strip():
        raise ReviewError("say why (--reason): it goes to the audit log")
    if fact.date is not None and not valid_iso_prefix(fact.date):
        raise ReviewError(f"--date must be YYYY, YYYY-MM or YYYY-MM-DD, not {fact.date!r}")
    if (fact.source_id is None) != (fact.quote is None and fact.span is None):
        raise ReviewError("--source and --quote go together: the words of that source")
    value = fact.value.strip()
    if fact.kind == "status":
        if value not in SITUATIONS:
            raise ReviewError(f"a status is one of {', '.join(SITUATIONS)}, not {value!r}")
        if fact.date is None:
            raise ReviewError("a status is stated as of a date: give --date")
    elif fact.kind == "role":
        if value not in ROLES:
            raise ReviewError(f"a role is one of {', '.join(ROLES)}, not {value!r}")
    elif fact.kind == "detail":
        if fact.field not in FIELDS:
            raise ReviewError(f"a detail's --field is one of {', '.join(FIELDS)}, "
                              f"not {fact.field!r}")
        if not value:
            raise ReviewError("give the detail's --value (the court's name, the judge's ...)")
    else:
        check_value(KINDS[fact.kind], value)
    if (fact.country or fact.requesting) and fact.kind != "event":
        raise ReviewError("--country and --requesting are for --kind event only")
    if fact.kind == "event" and fact.date is None \
            and vocab.event_types().get(value, {}).get("needs_date"):
        raise ReviewError(f"a {vocab.event_label(value).lower()} is cited by its date: "
                          "give --date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _note(s: Session, fact: ManualFact, person: Person) -> Source:
    """The editor's note a source-less fact quotes: who entered what, when. Its bytes are
    preserved like any capture, so the registry's evidence checks cover it."""
    when = utcnow().replace(microsecond=0)
    what = f"{fact.field or fact.kind} {fact.value.strip()}" \
        + (f", {fact.date}" if fact.date else "")
    text = (f"Entered by {fact.editor} on {when:%Y-%m-%d %H:%M:%S} UTC: "
            f"{person.display_name} — {what}.")
    raw = text.encode("utf-8")
    if s.scalar(select(Source.id).where(Source.sha256 == sha256_hex(raw))) is not None:
        raise ReviewError("this fact was just entered; nothing added twice")
    digest = blobs.put(raw)
    cases = [c.country for c in person.cases]
    src = Source(sha256=digest, kind="note", origin=f"entered by {fact.editor}",
                 media_type="text/plain", size=len(raw), publisher="Editors",
                 title=f"Editors' note on {person.display_name}", language="en",
                 published_at=when.date().isoformat(), published_at_basis="given",
                 trusted=True, text=text, country=cases[0] if len(set(cases)) == 1 else None)
    s.add(src)
    s.flush()
    return src
