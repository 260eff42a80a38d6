"""A list page's rows, made in Python rather than in a template.

A list page shows a hundred rows, and a list is browsed page after page: a Jinja template per
row (a context, ten gettext calls, filters) cost about 0.2 ms a row, a list page's whole time
and more than its database query, so rendered rows were kept in memory by their content, a
cache that grew with the registry and missed as soon as visitors went beyond its size. Made
here from the language's labels (translated once) and markupsafe's escaping, a row costs a
few tens of microseconds and nothing is kept. Every value from the registry goes through
`escape`; only our own translations and `pages.day` (itself escaping) are markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from casefile import i18n
from casefile.reports.prisoners import ListEntry, term_text
from casefile.web.pages import article_title, day, status_label


@dataclass(frozen=True)
class Labels:
    """The words of a row in one language: our catalogue's, trusted as the templates trust
    it (not escaped)."""

    number: str  # "No."
    torture: str
    extradition: str
    status: str
    stale: str
    lately: str
    since: str  # "not confirmed since %(day)s"
    category: str
    charges: str
    article: str  # "Art. %(number)s"
    sentence: str
    detained: str
    sources: str


@cache
def labels(lang: str) -> Labels:
    _ = i18n.translations(lang).gettext
    return Labels(
        number=_("No."), torture=_("torture reported"), extradition=_("extradition risk"),
        status=_("Status"),
        stale=_("No source confirms it in the months before this date"),
        lately=_("not confirmed lately"), since=_("not confirmed since %(day)s"),
        category=_("Category"), charges=_("Charges"), article=_("Art. %(number)s"),
        sentence=_("Sentence"), detained=_("Detained"), sources=_("Sources"))


def rows(lang: str, country: str, entries: list[ListEntry], start: int) -> Markup:
    """The `<tr>` rows of `entries`, numbered from `start` + 1: the template's loop around
    them cost a third as much again as the cells."""
    w = labels(lang)
    return Markup("\n".join(  # noqa: S704  `cells` escapes; the rest is ours or a number
        f'<tr{_row_id(e)}>\n<td data-label="{w.number}">{n}</td>\n'
        f'{cells(lang, country, e)}\n</tr>' for n, e in enumerate(entries, start + 1)))


def _row_id(e: ListEntry) -> str:
    return f' id="person-{int(e.person_id)}"' if e.person_id else ""


def cells(lang: str, country: str, e: ListEntry) -> str:
    """The `<td>` cells of `e` but its number, one per line, as markup. Plain string
    formatting with `escape` (markupsafe's C function) on every value from the registry:
    Markup's own `%` wraps each argument in a helper object and was most of a row's time."""
    w = labels(lang)
    name = str(escape(e.name))
    if e.person_id:
        name = f'<a href="/persons/{int(e.person_id)}">{name}</a>'
    if e.torture_reported:
        name += f' <span class="flag">{w.torture}</span>'
    if e.extradition_risk:
        name += f' <span class="flag">{w.extradition}</span>'
    status = str(escape(status_label(e.status, lang)))
    if e.stale:
        since = (w.since % {"day": day(e.last_confirmed, lang)} if e.last_confirmed
                 else w.lately)
        status += f' <span class="flag stale" title="{w.stale}">{since}</span>'
    charges = "; ".join(_article(lang, country, w, a.article, a.part, a.title)
                        for a in e.articles)
    sentence = " + ".join(escape(term_text(m, lang=lang)) for m in e.sentence_months)
    detained = day(e.dates.get("detained") or e.dates.get("arrested") or "", lang)
    sources = ", ".join(
        f'<a href="/sources/{int(src.id)}'
        f'{f"#claim-{escape(src.quotes[0].claim)}" if src.quotes else ""}">{int(src.id)}</a>'
        for src in e.sources)
    return (  # every registry value above went through escape()
        f'<td class="name">{name}</td>\n'
        f'<td data-label="{w.status}">{status}</td>\n'
        f'<td data-label="{w.category}">{escape(e.category or "")}</td>\n'
        f'<td data-label="{w.charges}">{charges}</td>\n'
        f'<td data-label="{w.sentence}">{sentence}</td>\n'
        f'<td data-label="{w.detained}">{detained}</td>\n'
        f'<td data-label="{w.sources}">{sources}</td>')


def _article(lang: str, country: str, w: Labels, article: str, part: str | None,
             known: str | None) -> str:
    title = escape(article_title(country, article, part, known, lang) or "")
    html = (f'<span title="{title}">{w.article % {"number": escape(article)}}'
            f'{f"({escape(part)})" if part else ""}</span>')
    return html + f' <span class="small">{title}</span>' if title else html
