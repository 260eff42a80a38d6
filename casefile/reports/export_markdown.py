"""The prisoner list as Markdown, with source footnotes: the form editors paste into reports."""

from __future__ import annotations

from casefile.reports.prisoners import ListEntry, PrisonerList, counts_line, labels, term_text


def _line(e: ListEntry, i: int, notes: list[str]) -> str:
    bits = []
    if e.sentence_months:
        bits.append(" plus ".join(term_text(m) for m in e.sentence_months) + " of imprisonment")
    if e.articles:
        bits.append("; ".join(f"Article {a.article}" + (f" Part {a.part}" if a.part else "")
                              + (f" ({a.title})" if a.title else "") for a in e.articles))
    bits += [f"{k} {v}" for k, v in e.dates.items()]
    if e.citizenship:
        bits.append("citizenship " + ", ".join(e.citizenship))
    if e.torture_reported:
        bits.append("torture reported")
    if e.extradition_risk:
        bits.append("at risk of extradition")
    if e.stale:
        bits.append(f"not confirmed since {e.last_confirmed}" if e.last_confirmed
                    else "not confirmed lately")
    refs = ""
    for src in e.sources:
        notes.append(f"[^{len(notes) + 1}]: {_escape(src.title or src.origin)}"
                     + (f", {_escape(src.publisher)}" if src.publisher else "")
                     + (f", {src.published_at}" if src.published_at else "")
                     + f" (source {src.id})")
        refs += f"[^{len(notes)}]"
    return f"{i}. **{_escape(e.name)}** — {_escape('. '.join(bits))}{refs}"


def _escape(text: str) -> str:
    """Source titles and names are hostile input: no markup, links or new lines survive."""
    text = " ".join(text.split())
    return "".join("\\" + c if c in "\\`*_[]<>#|()!" else c for c in text)


def render(plist: PrisonerList) -> str:
    out = [f"# Political prisoners in {plist.country} as of {plist.as_of}", "",
           counts_line(plist) + ".", ""]
    notes: list[str] = []
    for status, cats in plist.grouped():
        out += [f"## {labels(status)['heading']}", ""]
        i = 0
        for category, rows in cats:
            if category:
                out += [f"### {_escape(category)}", ""]
            for e in rows:
                i += 1
                out.append(_line(e, i, notes))
            out.append("")
    return "\n".join(out + notes) + "\n"
