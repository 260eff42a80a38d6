"""Keep the message catalogues in step with the code: `extract` writes the template
(casefile/locale/messages.pot) from every string marked in code and templates (babel.cfg says
where); `update` merges it into each language's messages.po, keeping translations, marking
changed ones fuzzy (not shown until a translator checks them) and dropping obsolete ones;
`check` lists the strings a language lacks. The .po files are read at run time
(casefile/i18n.py); there is nothing to compile.

    python scripts/i18n.py extract && python scripts/i18n.py update
    # translate the new msgstr "" entries in casefile/locale/{ru,kk}/LC_MESSAGES/messages.po
    python scripts/i18n.py check
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casefile.i18n import LANGS, LOCALE, catalogue_path  # noqa: E402

POT = LOCALE / "messages.pot"
ENGLISH_NAMES = {"ru": "Russian", "kk": "Kazakh"}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extract() -> Catalog:
    """Every marked string of the code and templates, with where it occurs."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="casefile", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def update() -> None:
    with open(POT, "rb") as fh:
        template = read_po(fh)
    for lang in LANGS[1:]:
        path = catalogue_path(lang)
        if path.exists():
            with open(path, "rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="casefile")
        catalog.update(template, no_fuzzy_matching=True)
        _describe(catalog, lang)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, ignore_obsolete=True,
                     sort_output=False, include_previous=False)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def _describe(catalog: Catalog, lang: str) -> None:
    """The header says what the file is, not gettext's placeholders."""
    catalog.project, catalog.version = "casefile", ""
    catalog.copyright_holder = "Casefile contributors"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = catalog.language_team = "Casefile contributors"
    catalog.header_comment = (f"# {ENGLISH_NAMES[lang]} messages of Casefile's site, editors' "
                              "workspace and CLI.\n# Kept by scripts/i18n.py; read at run "
                              "time by casefile/i18n.py.\n#")


def missing(lang: str) -> list[str]:
    """msgids of the template without a (non-fuzzy) translation in `lang`."""
    with open(catalogue_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    out = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found else None
        texts = strings if isinstance(strings, (list, tuple)) else [strings]
        if found is None or found.fuzzy or not all(texts):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        catalog = extract()
        POT.parent.mkdir(parents=True, exist_ok=True)
        with open(POT, "wb") as fh:
            write_po(fh, catalog, width=100, sort_output=False)
        print(f"{POT.relative_to(ROOT)}: {len(catalog)} messages")
    elif command == "update":
        update()
    elif command == "check":
        gaps = {lang: missing(lang) for lang in LANGS[1:]}
        for lang, ids in gaps.items():
            for msgid in ids:
                print(f"{lang}: {msgid}")
        return 1 if any(gaps.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
