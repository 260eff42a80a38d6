"""A source's text with quoted passages marked, built from character offsets.

The text is hostile input (it may be scraped HTML with scripts in it), so every piece of it
is escaped; the only markup is ours: <mark> around quoted spans and, inside the mark where
each quote starts, an empty anchor `id="claim-<id>"`: what the person page's timeline links to.
Quotes may overlap (several claims quote one sentence), so the text is cut at every boundary
and each piece is marked when any quote covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    claim_id: str
    start: int
    end: int


def highlight(text: str, spans: list[Span]) -> Markup:
    size = len(text)
    spans = [Span(sp.claim_id, max(0, min(sp.start, size)), max(0, min(sp.end, size)))
             for sp in spans]
    spans = [sp for sp in spans if sp.start < sp.end]
    cuts = sorted({0, size, *(sp.start for sp in spans), *(sp.end for sp in spans)})
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for sp in sorted(spans, key=lambda sp: (sp.start, sp.claim_id)):
        starts.setdefault(sp.start, []).append(sp)
        ends.setdefault(sp.end, []).append(sp)
    active: dict[str, Span] = {}
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for sp in ends.get(a, []):
            active.pop(sp.claim_id, None)
        anchors = "".join(f'<span class="anchor" id="claim-{escape(sp.claim_id)}"></span>'
                          for sp in starts.get(a, []))
        for sp in starts.get(a, []):
            active[sp.claim_id] = sp
        piece = str(escape(text[a:b]))
        if active:  # a quote starts inside its own mark, so `mark:has(:target)` finds it
            ids = " ".join(sorted(c[:12] for c in active)[:5])
            out.append(f'<mark title="claim {escape(ids)}">{anchors}{piece}</mark>')
        else:
            out.append(anchors + piece)
    return Markup("".join(out))  # noqa: S704 - every piece above is escaped
