"""Charts as SVG drawn on the server: the count over time, and figures side by side.

Inline SVG needs no script and no request, so it shows in Tor Browser's safest mode and in
the PDF; a table of the same numbers follows it on the page for screen readers and copying.
Only numbers and ISO dates go into the markup, and they are escaped anyway. Each bar carries
its period and number (`data-period`, `data-value`), the numbers the CSV beside a chart gives.
Several charts on one page (the statistics' small multiples) take an `ident` each and may
share one scale (`top`), so that bars compare across them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from casefile.assess.status import period_start

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 240, 44, 36, 16


def _nice_max(value: int) -> int:
    """A round number at or above `value` for the top of the axis, in four equal steps."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if value <= step * 4:
            return step * 4
    return -(-value // 4) * 4


def bar_chart(points: list[tuple[str, int]], title: str, ident: str = "chart",
              top: int | None = None) -> Markup:
    if not points:
        return Markup("")
    top = _nice_max(max(top or 0, *(v for _, v in points)))
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / len(points)
    bar = max(2.0, slot * 0.7)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'class="chart" role="img" aria-labelledby="{escape(ident)}-title">',
             f'<title id="{escape(ident)}-title">{escape(title)}</title>']
    for i in range(5):
        value = top * i // 4
        y = PAD_TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - 8}" y2="{y:.1f}" '
                     'stroke="#d0d0d0" stroke-width="1"/>')
        parts.append(f'<text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="#444">{value}</text>')
    every = max(1, len(points) // 8)
    for i, (day, value) in enumerate(points):
        h = plot_h * value / top if top else 0
        x = PAD_LEFT + i * slot + (slot - bar) / 2
        y = PAD_TOP + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                     f'fill="#8a1c1c" data-period="{escape(day)}" data-value="{value}">'
                     f'<title>{escape(day)}: {value}</title></rect>')
        if i % every == 0 or i == len(points) - 1:
            # the last label ends at its bar's right edge, so a month label is not cut off
            last = i == len(points) - 1 and len(points) > 1
            parts.append(f'<text x="{x + (bar if last else bar / 2):.1f}" '
                         f'y="{HEIGHT - PAD_BOTTOM + 16}" '
                         f'text-anchor="{"end" if last else "middle"}" font-size="11" '
                         f'fill="#444">{escape(day[:7])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - numbers and escaped text only


def strip(events: list[tuple[str, str]], title: str, ident: str = "strip") -> Markup:
    """A person's dated events as marks on one line from the first to the last, each with
    its date and label as a tooltip: the shape of a case at a glance, above the list that
    says it in words. `events` are (ISO date prefix, label), in date order; fewer than two
    draw nothing."""
    if len(events) < 2:
        return Markup("")
    days = [date.fromisoformat(period_start(day)).toordinal() for day, _ in events]
    first, span = days[0], max(1, days[-1] - days[0])
    width, height, pad = 640, 44, 12
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'class="chart strip" role="img" aria-labelledby="{escape(ident)}-title">',
             f'<title id="{escape(ident)}-title">{escape(title)}</title>',
             f'<line x1="{pad}" y1="18" x2="{width - pad}" y2="18" stroke="#888"/>']
    for (day, label), ordinal in zip(events, days, strict=True):
        x = pad + (width - 2 * pad) * (ordinal - first) / span
        parts.append(f'<circle cx="{x:.1f}" cy="18" r="5" fill="#8a1c1c" '
                     f'data-date="{escape(day)}"><title>{escape(day)}: {escape(label)}'
                     '</title></circle>')
    for day, anchor, x in ((events[0][0], "start", pad), (events[-1][0], "end", width - pad)):
        parts.append(f'<text x="{x}" y="38" text-anchor="{anchor}" font-size="11" '
                     f'fill="#444">{escape(day)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - numbers and escaped text only


@dataclass(frozen=True)
class Bar:
    """One figure of a side-by-side chart: its group (the event), its label (who counts and
    when), its count and the words shown at its end ("about 256")."""

    group: str
    label: str
    value: int
    text: str


def side_by_side(bars: list[Bar], title: str, ident: str) -> Markup:
    """Horizontal bars, one per figure, under the heading of their group: counts that
    disagree are drawn next to each other on one scale and never combined."""
    if not bars:
        return Markup("")
    row, head, label_w = 22, 20, 260
    top = _nice_max(max(b.value for b in bars))
    plot_w = WIDTH - label_w - 70
    groups = [g for i, g in enumerate(b.group for b in bars)
              if g not in [b.group for b in bars[:i]]]
    height = PAD_TOP + len(groups) * head + len(bars) * row + 8
    tid = f"{escape(ident)}-title"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'class="chart" role="img" aria-labelledby="{tid}">',
             f'<title id="{tid}">{escape(title)}</title>']
    y = PAD_TOP
    for group in groups:
        parts.append(f'<text x="4" y="{y + 14}" font-size="12" font-weight="bold" '
                     f'fill="#222">{escape(group)}</text>')
        y += head
        for b in (b for b in bars if b.group == group):
            w = plot_w * b.value / top if top else 0
            parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" '
                         f'font-size="11" fill="#444">{escape(b.label)}</text>')
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                         f'fill="#8a1c1c" data-value="{b.value}">'
                         f'<title>{escape(b.label)}: {escape(b.text)}</title>'
                         '</rect>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="11" '
                         f'fill="#222">{escape(b.text)}</text>')
            y += row
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - numbers and escaped text only
