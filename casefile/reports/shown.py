"""Stored values as a page shows them in a language: dates inside `<time>`, custody statuses,
articles' titles.

The site's templates use these, and so do the list's kept rows (casefile.reports.list_html),
which are made as HTML when the registry changes rather than when a page is asked: one owner
for how a value looks, whichever layer shows it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from markupsafe import Markup, escape

from casefile import i18n, vocab


def status_label(status: str | None, lang: str = "en") -> str:
    if not status:
        return i18n.translations(lang).gettext("Not known to be held")
    return vocab.status_label(status, "heading", lang)


def article_title(country: str | None, article: str, part: str | None, known: str | None,
                  lang: str) -> str | None:
    """The title of a charge's article in `lang` from the data files, else the title the
    record carries (English)."""
    found = vocab.article_title(country, article, part, lang) if country else None
    return found or known


def day(value: object, lang: str) -> Markup:
    """A date in the language's words, inside <time datetime="ISO"> so that machines (and
    find-in-page with the ISO form) still read the date as stored."""
    return _day(value.isoformat() if isinstance(value, date) else str(value or ""), lang)


@lru_cache(maxsize=65536)
def _day(iso: str, lang: str) -> Markup:
    """Kept, as `i18n.format_day` is: a list shows hundreds of dates, and markup made with
    Markup's `%` costs more than a page's query; the distinct days are a few thousand."""
    shown = i18n.format_day(iso, lang)
    if shown == iso and not _ISO_DAY.match(iso):
        return escape(shown)  # not a date: as stored
    return Markup(f'<time datetime="{escape(iso)}">{escape(shown)}</time>')  # noqa: S704


_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
