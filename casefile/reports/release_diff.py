"""What changed between two releases of a country's list, and why.

The rows come from the stored payloads (casefile.reports.release_payload), so a diff compares
what was published, not what the registry says today of either date. The reasons are read
from the registry: for each person added, removed or changed, the latest public event between
the two dates that explains it (a release, a death, a quashed conviction, a new detention …),
with its claim and quote; a removal the newest assessment explains ("no longer recognised"),
or an editors' merge ("merged into" another person, casefile.registry.clusters). What no event
between the dates explains is said so, not guessed.

Both payloads are first seen as the public may see them today (`public_view`): a person
withheld or anonymised since a release was published is a nameless row in it, and quotes
pass through casefile.registry.redact. The types of events that end custody are the event
vocabulary's (`ends_custody` in data/event-types.yml); those that start it, its `custody`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import vocab
from casefile.assess.standing import known_on, source_dates
from casefile.assess.status import period_start
from casefile.errors import CasefileError
from casefile.i18n import N_, translations
from casefile.registry import redact
from casefile.registry.clusters import active, clusters
from casefile.registry.models import Assessment, Case, Claim, Event, Source
from casefile.registry.publication import ANONYMISED_NAME, public_claim
from casefile.reports.release_payload import Payload, Row

# Reasons that are not event types (those are told by the event's own label).
REASONS = {
    "not_recognised": N_("no longer recognised (assessment changed)"),
    "recognised": N_("recognised by an assessment"),
    "merged": N_("merged into another person's record"),
    "unexplained": N_("no event between the two dates explains it"),
}
QUASHED = "conviction_quashed"  # ends no custody by itself, yet explains a removal
SENTENCE = ("sentence_changed", "appeal_decided", "convicted", QUASHED)


@dataclass(frozen=True)
class Evidence:
    """What explains a change: an event (with its claim and quote), an assessment (its
    decision and rationale, as the person's page shows them) or a merge (when). Editors'
    names stay out: the diff is public."""

    kind: str  # event | assessment | merge
    type: str  # the event type, the assessment's decision, "merge"
    date: str | None
    claim: str | None = None
    source_id: int | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Change:
    change: str  # added | removed | changed
    person_id: int
    name: str
    reason: str  # an event type, or a key of REASONS
    before: Row | None
    after: Row | None
    evidence: Evidence | None = None
    into: int | None = None  # merged into this person's row

    @property
    def what(self) -> list[str]:
        """What changed in a row present in both: status, sentence."""
        if self.before is None or self.after is None:
            return []
        return [k for k in ("status", "sentence_months")
                if getattr(self.before, k) != getattr(self.after, k)]


@dataclass(frozen=True)
class ReleaseDiff:
    country: str
    before: str  # the earlier as-of date
    after: str
    added: list[Change]
    removed: list[Change]
    changed: list[Change]
    # Nameless rows (anonymised, or hidden since) are counted, never told apart.
    anonymous_before: int
    anonymous_after: int


def reason_label(reason: str, lang: str = "en") -> str:
    """The reason in words, for a reader; an event type is its vocabulary label."""
    if reason in REASONS:
        return translations(lang).gettext(REASONS[reason])
    return vocab.event_label(reason, lang)


def public_view(s: Session, payload: Payload) -> Payload:
    """The payload as the public may see it today: rows of persons withheld or anonymised
    since (or merged into such a person) lose name, id and claims; quotes are redacted."""
    prot = redact.protected(s)
    if not prot:
        return payload
    root = clusters(s)
    hidden = set(prot.how) | {root.get(p, p) for p in prot.how}
    rows = []
    for r in payload.rows:
        if r.person_id is not None and (r.person_id in hidden
                                         or root.get(r.person_id, r.person_id) in hidden):
            rows.append(Row(None, ANONYMISED_NAME, r.status, None, None, [], []))
        else:
            rows.append(replace(r, claims=[
                replace(c, quote=redact.redact_line(prot, c.quote)) for c in r.claims]))
    return replace(payload, rows=rows)


def diff(s: Session, older: Payload, newer: Payload, since: datetime | None = None
         ) -> ReleaseDiff:
    """The changes from `older` to `newer` (two releases of one country), each explained.
    `since`, when the first of the two was published: an event of a source captured after it
    explains a change too, whatever its date (a release of the same date published again
    after a late source was captured)."""
    if older.country != newer.country:
        raise CasefileError(f"releases of different countries ({older.country}, "
                            f"{newer.country}) cannot be compared")
    if older.as_of > newer.as_of:
        older, newer = newer, older
    older, newer = public_view(s, older), public_view(s, newer)
    a = {r.person_id: r for r in older.rows if r.person_id is not None}
    b = {r.person_id: r for r in newer.rows if r.person_id is not None}
    why = _Reasons(s, newer.country, older.as_of, newer.as_of, set(a) | set(b), since)
    root = clusters(s)
    merged = {p: root[p] for p in set(a) - set(b) if root.get(p, p) != p and root[p] in b}
    removed = [why.merge(p, a[p], merged[p]) if p in merged else why.removal(p, a[p])
               for p in a if p not in b]
    absorbed = set(merged.values())
    added = [why.addition(p, b[p]) for p in b if p not in a and p not in absorbed]
    changed = [why.change(p, a[p], b[p]) for p in a if p in b and (
        a[p].status != b[p].status or a[p].sentence_months != b[p].sentence_months)]
    return ReleaseDiff(newer.country, older.as_of, newer.as_of, added, removed, changed,
                       sum(r.person_id is None for r in older.rows),
                       sum(r.person_id is None for r in newer.rows))


class _Reasons:
    """The registry read once for the persons of a diff: their public events known on the
    later date, their newest assessments, and the merges."""

    def __init__(self, s: Session, country: str, lo: str, hi: str, persons: set[int],
                 since: datetime | None) -> None:
        root = clusters(s)
        self.members: dict[int, set[int]] = defaultdict(set)
        for p, r in root.items():
            self.members[r].add(p)
        ids = {m for p in persons for m in self._cluster(p, root)}
        dates = source_dates(s)
        rows = s.execute(
            select(Case.person_id, Event.type, Event.date, Event.claim_id, Claim.source_id,
                   Claim.quote, Claim.start, Source.captured_at)
            .join(Case, Event.case_id == Case.id).join(Claim, Event.claim_id == Claim.id)
            .join(Source, Claim.source_id == Source.id)
            .where(Case.person_id.in_(ids), Case.country == country, public_claim())).all()
        quote = redact.quote_redactor(s, {r.source_id for r in rows})
        self.events: dict[int, list[tuple[str, Evidence]]] = defaultdict(list)
        for pid, etype, edate, claim, sid, text, start, captured in rows:
            known_by = dates.get(sid)
            if not known_on(known_by, hi):
                continue
            when = period_start(edate) if edate else (period_start(known_by)
                                                      if known_by else None)
            late = since is not None and captured > since
            if not late and (when is None or not lo < when <= hi):
                continue
            self.events[pid].append((when or "", Evidence("event", etype, edate, claim, sid,
                                                    quote(sid, text, start))))
        self.assessed: dict[int, tuple[datetime, Evidence]] = {}
        for pid, decided, decision, rationale in s.execute(
                select(Case.person_id, Assessment.decided_at, Assessment.decision,
                       Assessment.rationale)
                .join(Case, Assessment.case_id == Case.id)
                .where(Case.person_id.in_(ids), Case.country == country)
                .order_by(Assessment.decided_at, Assessment.id)):
            self.assessed[pid] = (decided, Evidence("assessment", decision,
                                                    decided.date().isoformat(),
                                                    quote=rationale))
        self.merges: dict[int, Evidence] = {}
        for j in sorted(active(s), key=lambda j: (j.created_at, j.id)):
            if j.judgement == "positive":
                ev = Evidence("merge", "merge", j.created_at.date().isoformat())
                self.merges[j.left_id] = self.merges[j.right_id] = ev
        self.ends = vocab.types_with("ends_custody") | {QUASHED}
        self.starts = vocab.types_with("custody") | {"listed"}
        self.root = root

    def _cluster(self, p: int, root: dict[int, int]) -> set[int]:
        r = root.get(p, p)
        return {r, p, *self.members.get(r, ())}

    def _latest(self, p: int, prefer: Collection[str] | None) -> Evidence | None:
        found = [x for m in self._cluster(p, self.root) for x in self.events.get(m, [])]
        chosen = [x for x in found if prefer is None or x[1].type in prefer]
        if not chosen:
            return None
        return max(chosen, key=lambda x: (x[0], len(x[1].date or ""), x[1].claim or ""))[1]

    def _assessment(self, p: int) -> Evidence | None:
        found = [self.assessed[m] for m in self._cluster(p, self.root) if m in self.assessed]
        return max(found, key=lambda x: x[0])[1] if found else None

    def removal(self, p: int, row: Row) -> Change:
        verdict = self._assessment(p)
        if verdict is not None and verdict.type == "not":
            return Change("removed", p, row.name, "not_recognised", row, None, verdict)
        ev = self._latest(p, self.ends) or self._latest(p, None)
        return Change("removed", p, row.name, ev.type if ev else "unexplained", row, None, ev)

    def merge(self, p: int, row: Row, into: int) -> Change:
        ev = next((self.merges[m] for m in (p, *sorted(self._cluster(p, self.root)))
                   if m in self.merges), None)
        return Change("removed", p, row.name, "merged", row, None, ev, into)

    def addition(self, p: int, row: Row) -> Change:
        ev = self._latest(p, self.starts)
        if ev is None:
            verdict = self._assessment(p)
            if verdict is not None and verdict.type == "political_prisoner":
                return Change("added", p, row.name, "recognised", None, row, verdict)
            ev = self._latest(p, None)
        return Change("added", p, row.name, ev.type if ev else "unexplained", None, row, ev)

    def change(self, p: int, before: Row, after: Row) -> Change:
        prefer: set[str] = set()
        if before.status != after.status:
            prefer |= self.ends | self.starts | {"status_reported"}
        if before.sentence_months != after.sentence_months:
            prefer |= set(SENTENCE)
        ev = self._latest(p, prefer) or self._latest(p, None)
        return Change("changed", p, after.name, ev.type if ev else "unexplained", before,
                      after, ev)
