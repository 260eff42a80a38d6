"""The interface in English, Russian and Kazakh: message catalogues and locale formatting.

Strings of the site, the editors' workspace and the CLI are English in the code and looked up
in gettext catalogues, casefile/locale/<lang>/LC_MESSAGES/messages.po, kept up to date with
`scripts/i18n.py extract|update`. The .po files are the only copy: each is compiled in memory
on first use (Babel's reader and writer, a few milliseconds), so there is no build step and
no .mo file that could go stale beside its .po. Vocabulary (event types, statuses, PACE
criteria, article titles) is translated in the data files instead (casefile.vocab.localized),
next to the English it translates.

Dates are ISO prefixes ("2024", "2024-03", "2024-03-05"): each is shown at its own precision,
in the visitor's language, through Babel's CLDR data. Babel is imported only here and only
when a string or a date is first needed, so `casefile --help` does not pay for it.
"""

from __future__ import annotations

import gettext
import io
import os
import re
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

LANGS = ("en", "ru", "kk")  # English first: the source language and the default
NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}  # each in its own language
LOCALE = Path(__file__).parent / "locale"
DOMAIN = "messages"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "extract, translate later"
    """Marks a string for the catalogue where it is defined; it is translated where shown."""
    return message


# Stored values shown as words (PACE answers and decisions, kinds of terms, states of claims):
# the English label here, its translations in the catalogue. A value missing here is shown as
# stored, underscores as spaces.
WORDS = {
    "yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown"),
    "political_prisoner": N_("political prisoner"),
    "politically_persecuted": N_("politically persecuted"), "not": N_("not"),
    "imprisonment": N_("imprisonment"), "arrest": N_("arrest"),
    "administrative_arrest": N_("administrative arrest"), "house_arrest": N_("house arrest"),
    "restriction_of_liberty": N_("restriction of liberty"), "suspended": N_("suspended"),
    "pretrial_term": N_("pre-trial detention term"), "potential": N_("potential"),
    "event": N_("event"), "name": N_("name"), "alias": N_("alias"), "role": N_("role"),
    "charged_under": N_("charged under"), "sentenced_to": N_("sentenced to"),
    "citizenship": N_("citizenship"), "birth_date": N_("date of birth"),
    "category": N_("category"), "listed": N_("listed"),
    "primary": N_("primary"), "latin": N_("Latin script"), "cyrillic": N_("Cyrillic script"),
    "mixed": N_("mixed scripts"),
    "public": N_("public"), "anonymised": N_("anonymised"), "withheld": N_("withheld"),
    "proposed": N_("proposed"), "accepted": N_("accepted"), "rejected": N_("rejected"),
    "male": N_("male"), "female": N_("female"),
    "followed": N_("followed"), "unfollowed": N_("unfollowed"),
}


def word(value: object, lang: str) -> str:
    """A stored value (WORDS) as a word of `lang`."""
    text = str(value)
    label = WORDS.get(text)
    return translations(lang).gettext(label) if label else text.replace("_", " ")


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, compiled from its .po in memory once per process. English,
    and a language without a catalogue, get the strings as written."""
    path = catalogue_path(lang)
    if lang not in LANGS or lang == "en" or not path.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)  # a fuzzy guess is not shown as a translation
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def cli_lang() -> str:
    """The CLI's language: CASEFILE_LANG, else the language of LANG ("ru_RU.UTF-8" -> ru),
    else English."""
    for name in ("CASEFILE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        code = value.split("_")[0].split(".")[0].lower()
        if code in LANGS:
            return code
        if value and name == "CASEFILE_LANG":
            break  # an unknown CASEFILE_LANG means English, not LANG's language
    return "en"


def _(message: str) -> str:
    """A CLI message in the CLI's language (cli_lang)."""
    return translations(cli_lang()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(cli_lang()).ngettext(singular, plural, n)


def format_day(value: object, lang: str) -> str:
    """An ISO date or prefix at its own precision: '2024-03-05' -> '5 March 2024' /
    '5 марта 2024 г.' / '2024 ж. 5 наурыз'; '2024-03' -> 'March 2024' / 'март 2024 г.';
    '2024' -> '2024'. Anything else (a timestamp, a word) is shown as it is."""
    if isinstance(value, date):
        value = value.isoformat()
    return _format_day("" if value is None else str(value), lang)


@lru_cache(maxsize=65536)
def _format_day(text: str, lang: str) -> str:
    """Kept: a list page shows hundreds of dates, and Babel takes tens of microseconds each;
    the distinct days a registry holds are a few thousand."""
    m = _ISO.match(text)
    if not m or len(text) not in (4, 7, 10):
        return text
    from babel.dates import format_date, format_skeleton

    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return format_date(date(int(year), int(month), int(day)), "long",
                               locale=_locale(lang))
        if month:
            return format_skeleton("yMMMM", date(int(year), int(month), 1),
                                   locale=_locale(lang))
    except ValueError:
        return text
    return year


def format_number(value: float | int, lang: str) -> str:
    """1234 -> '1,234' / '1 234' (the separators of the language)."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_locale(lang)))


def _locale(lang: str) -> str:
    """The CLDR locale for formatting: British English (day before month, as the project
    writes), Russian and Kazakh as they are."""
    return "en_GB" if lang == "en" else lang
