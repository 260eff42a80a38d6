"""The prisoner list as Markdown, with source footnotes: the form editors paste into reports.
Each footnote cites a source as a lawyer would (title, publisher, date, URL or file name) and
quotes the words of the row's facts (casefile.reports.citations)."""

from __future__ import annotations

from casefile.reports.citations import Citation, Citations
from casefile.reports.prisoners import ListEntry, PrisonerList, counts_line, labels, term_text


def _line(e: ListEntry, i: int, notes: list[str], cites: Citations) -> str:
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
    for c in cites.of(e):
        notes.append(f"[^{len(notes) + 1}]: {_note(c)}")
        refs += f"[^{len(notes)}]"
    return f"{i}. **{_escape(e.name)}** — {_escape('. '.join(bits))}{refs}"


def _note(c: Citation) -> str:
    """'Title, Publisher, 2024-03-01, <https://…> (source 12): “quote”; “quote” (entered by
    editors).'"""
    where = f"<{_link(c.url)}>" if c.url else _escape(c.origin)
    bits = [_escape(c.title) if c.title else where]
    bits += [_escape(c.publisher)] if c.publisher else []
    bits.append(c.published_at or "undated")
    bits += [where] if c.title else []
    quotes = "; ".join(f"“{_escape(q.text)}”" + (f" ({_escape(q.editors)})" if q.editors else "")
                       for q in c.quotes)
    return ", ".join(bits) + f" (source {c.source_id})" + (f": {quotes}" if quotes else "")


def _link(url: str) -> str:
    """A URL inside <…>: the characters that would end or break the autolink are encoded
    (casefile.sources.links already refused spaces, quotes and angle brackets)."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _escape(text: str) -> str:
    """Source titles and names are hostile input: no markup, links or new lines survive."""
    text = " ".join(text.split())
    return "".join("\\" + c if c in "\\`*_[]<>#|()!" else c for c in text)


def render(plist: PrisonerList, cites: Citations) -> str:
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
                out.append(_line(e, i, notes, cites))
            out.append("")
    return "\n".join(out + notes) + "\n"
