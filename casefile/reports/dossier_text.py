"""A dossier as plain text, for `casefile persons show`: the record the person page renders,
each fact followed by the source and the words it rests on."""

from __future__ import annotations

from casefile.reports.dossier import Fact, PublicDossier, SentenceTerm
from casefile.reports.prisoners import term_text
from casefile.reports.timeline import person_timeline


def render(d: PublicDossier) -> str:
    out = [f"{d.name} (person {d.person_id})"]
    if d.merged_ids:
        out.append(f"  merged records: {', '.join(map(str, d.merged_ids))}")
    others = [n.name for n in d.names if n.name != d.name]
    if others:
        out.append(f"  also written: {'; '.join(others)}")
    where = f" ({d.country})" if d.country else ""
    out.append(f"Status{' as of ' + d.as_of if d.as_of else ' now'}: {d.status_label}{where}")
    if d.categories:
        out.append(f"Category: {', '.join(d.categories)}")
    if d.charges:
        out.append("Charges:")
        for c in d.charges:
            part = f" part {c.part}" if c.part else ""
            title = f" — {c.title}" if c.title else ""
            out.append(f"  Article {c.article}{part}{title}")
            out.extend(_fact(f) for f in c.facts)
    if d.sentence:
        out.append("Sentence:")
        out.extend(_term(t) for t in d.sentence)
    if d.other_terms:
        out.append("Sources also state:")
        out.extend(_term(t) for t in d.other_terms)
    timeline = person_timeline(d)
    out.append("Timeline:" if timeline.dated else "Timeline: no dated events on record")
    for t in timeline.dated:
        place = f", {t.place}" if t.place else ""
        out.append(f"  {t.date}  {t.label}{place}")
        out.append(_fact(t.fact))
    if timeline.undated:
        out.append("Events the sources do not date:")
    for t in timeline.undated:
        place = f", {t.place}" if t.place else ""
        known = f" (reported by {t.known_by})" if t.known_by else ""
        out.append(f"  {t.label}{place}{known}")
        out.append(_fact(t.fact))
    a = d.assessment
    if a is not None:
        why = f" — {a.rationale}" if a.rationale else ""
        out.append(f"PACE assessment: {a.decision.replace('_', ' ')} ({a.decided_at}){why}")
        out.extend(f"  {c.key}) {c.label}: {c.answer}"
                   + (f" — {c.rationale}" if c.rationale else "") for c in a.criteria)
    if d.related:
        out.append("Named with: " + "; ".join(f"{r.name} ({r.id})" for r in d.related))
    if d.sources:
        out.append("Sources:")
        for src in d.sources:
            by = f", {src.publisher}" if src.publisher else ""
            when = f" ({src.published_at})" if src.published_at else ""
            out.append(f"  [{src.id}] {src.title or src.origin}{by}{when}")
    return "\n".join(out) + "\n"


def _term(t: SentenceTerm) -> str:
    kind = f" ({t.kind.replace('_', ' ')})" if t.kind else ""
    return f"  {term_text(t.months, t.days)}{kind}\n{_fact(t.fact)}"


def _fact(f: Fact) -> str:
    """'    source 3: "the words" [corrected by editors ...]'"""
    where = f"source {f.source_id}" if f.source_id is not None else "no source"
    quote = " ".join((f.quote or "").split())
    note = f" [{f.editors}]" if f.editors else ""
    return f"    {where}: \u201c{quote}\u201d{note}" if quote else f"    {where}{note}"
