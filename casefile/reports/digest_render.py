"""The digest as mail: plain text (no markup at all) and HTML (inline styles, no scripts, no
images, nothing loaded from anywhere; every value escaped by Jinja's autoescaping). Both say
the same things in the same order, in the digest's language; an empty digest says that
nothing arrived."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from casefile.i18n import format_day, format_number, translations
from casefile.reports.digest import Digest, DigestEvent


def _when(value: datetime) -> str:
    """A time of the window, to the second, in UTC."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def text(d: Digest) -> str:
    t = translations(d.lang)
    lines = [t.gettext("Casefile digest: %(since)s to %(until)s")
             % {"since": _when(d.since), "until": _when(d.until)}, ""]
    if d.empty:
        lines.append(t.gettext("Nothing new arrived in this time."))
        return "\n".join(lines) + "\n"
    for heading, events, more in _sections(d):
        lines.append(f"{heading} ({format_number(len(events) + more, d.lang)})")
        if not events:
            lines.append("  " + t.gettext("none"))
        for e in events:
            lines += ["", *_event_lines(e, d.lang)]
        if more:
            lines += ["", _more(more, d.lang)]
        lines.append("")
    lines.append(_counts_line(d))
    return "\n".join(lines) + "\n"


def _sections(d: Digest) -> list[tuple[str, list[DigestEvent], int]]:
    t = translations(d.lang)
    return [(t.gettext("New events of followed persons"), d.followed, d.followed_more),
            (t.gettext("Persons not known before, reported detained"), d.detained,
             d.detained_more)]


def _more(n: int, lang: str) -> str:
    return translations(lang).gettext("… and %(n)s more: see the review queue") % {
        "n": format_number(n, lang)}


def _event_lines(e: DigestEvent, lang: str) -> list[str]:
    t = translations(lang)
    day = format_day(e.date, lang) if e.date else t.gettext("date unknown")
    state = t.gettext("proposed, waiting for review") if e.state == "proposed" \
        else t.gettext("accepted")
    out = [f"- {e.person}: {e.label}, {day} ({state})"]
    if e.quote:
        out.append(f"  “{' '.join(e.quote.split())}”")
    if e.source_id is not None:
        out.append("  " + t.gettext("Source %(id)s: %(title)s")
                   % {"id": e.source_id, "title": e.source_title or "—"})
    if e.link:
        out.append(f"  {e.link}")
    return out


def _counts_line(d: Digest) -> str:
    t = translations(d.lang)
    return t.gettext("Sources captured: %(n)s, of them items of listings: %(items)s") % {
        "n": format_number(d.counts.sources, d.lang),
        "items": format_number(d.counts.listing_items, d.lang)}


@cache
def _environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["day"] = lambda v: format_day(v, lang)
    env.filters["when"] = _when
    return env


def html(d: Digest) -> str:
    return _environment(d.lang).get_template("digest.html").render(
        d=d, sections=_sections(d), counts=_counts_line(d), lang=d.lang,
        more=lambda n: _more(n, d.lang))
