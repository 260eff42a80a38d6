"""A list row as HTML: made when the row changes and kept beside it, in every language.

A list page shows a hundred rows, and a list is browsed page after page. A Jinja template per
row cost about 0.2 ms a row; made here from the language's labels and markupsafe's escaping,
a row cost a few tens of microseconds, yet with the entries read from their JSON that was
still half of a list page's CPU. So today's list keeps each row's HTML per language in
`list_html` (casefile.reports.list_rows writes it with the row, in the same transaction), and
a page of it is its hundred fragments joined; a list as of another day, built on demand, has
its rows made here per page (`rows`).

A kept fragment is as current as the code and words that made it: `form()`, a digest of this
module, the modules it takes words and dates from, the message catalogues and the data files,
is part of the rows' settings, so a Casefile with other words rebuilds the rows before
showing them. Every value from the registry goes through `escape`; only our own translations
and `shown.day` (itself escaping) are markup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from casefile import i18n, vocab
from casefile.reports import prisoners, shown
from casefile.reports.prisoners import ListEntry, term_text
from casefile.reports.shown import article_title, day, status_label

# Where a kept row's number goes: markup no escaped value can hold (and the first thing in
# the row after our own words).
NUMBER = "<!--n-->"


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


@cache
def form() -> str:
    """A digest of everything a kept row's HTML depends on besides the row itself: the code
    that makes it and the words and titles it shows (casefile.reports.list_rows keeps it
    with the rows' settings)."""
    data = Path(vocab.__file__).parent / "data"
    files = [Path(__file__), Path(shown.__file__), Path(prisoners.__file__),
             Path(i18n.__file__), Path(vocab.__file__),
             *sorted(i18n.LOCALE.glob("*/LC_MESSAGES/*.po")), *sorted(data.glob("*.yml")),
             *sorted((data / "countries").rglob("*.yml"))]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def kept(lang: str, country: str, e: ListEntry) -> str:
    """The row as kept: the whole `<tr>`, `NUMBER` where its number goes."""
    w = labels(lang)
    return (f'<tr{_row_id(e)}>\n<td data-label="{w.number}">{NUMBER}</td>\n'
            f'{cells(lang, country, e)}\n</tr>')


def numbered(fragments: Iterable[str], start: int) -> Markup:
    """Kept rows (`kept`) numbered from `start` + 1, as a page shows them."""
    return Markup("\n".join(  # noqa: S704  kept rows were escaped when made
        f.replace(NUMBER, str(n), 1) for n, f in enumerate(fragments, start + 1)))


def rows(lang: str, country: str, entries: list[ListEntry], start: int) -> Markup:
    """The `<tr>` rows of `entries`, numbered from `start` + 1 (a list not kept: another
    day's), made as kept rows are and numbered as a page numbers them."""
    return numbered((kept(lang, country, e) for e in entries), start)


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
