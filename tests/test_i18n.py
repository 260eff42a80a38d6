"""The interface in three languages: every string marked for translation has a Russian and
a Kazakh translation, with the same placeholders; every vocabulary label shown has both;
dates and numbers come out in each language's form; the CLI speaks CASEFILE_LANG."""

from __future__ import annotations

import importlib.util
import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from casefile import i18n, vocab
from tests.conftest import ROOT

TRANSLATED = [lang for lang in i18n.LANGS if lang != "en"]


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated(lang):
    """Extracts afresh from the code and templates (not from the committed .pot), so a string
    added without a translation fails here."""
    gaps = _script().missing(lang)
    assert gaps == [], f"{len(gaps)} strings lack a {lang} translation: {gaps[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders_and_plural_forms(lang):
    with open(i18n.catalogue_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []
    assert catalog.num_plurals == {"ru": 3, "kk": 2}[lang]


def test_the_catalogue_is_used_with_plurals():
    ru = i18n.translations("ru")
    forms = [ru.ngettext("%(num)d year", "%(num)d years", n) % {"num": n} for n in (1, 3, 5, 21)]
    assert forms == ["1 год", "3 года", "5 лет", "21 год"]
    assert i18n.translations("kk").gettext("The list") == "Тізім"
    assert i18n.translations("en").gettext("The list") == "The list"


def _labels():
    for key, entry in vocab.event_types().items():
        yield f"event type {key}", entry, "label"
    for key, entry in vocab.load("report-labels.yml")["statuses"].items():
        yield f"status {key}", entry, "heading"
        yield f"status {key}", entry, "counted"
    for key, entry in vocab.pace_criteria().items():
        yield f"PACE {key}", entry, "label"
        yield f"PACE {key}", entry, "text"
    for number, entry in vocab.criminal_code("KZ")["articles"].items():
        yield f"KZ article {number}", entry, "title"
    for group in ("kinds", "statuses", "progress", "institutions"):
        for key, entry in vocab.load("interventions.yml")[group].items():
            yield f"interventions {group} {key}", entry, "label"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_vocabulary_label_is_translated(lang):
    missing = [f"{what} {field}" for what, entry, field in _labels()
               if not str(entry.get(f"{field}_{lang}") or "").strip()]
    assert missing == []
    for number, entry in vocab.criminal_code("KZ")["articles"].items():
        if entry.get("parts"):
            assert set(entry[f"parts_{lang}"]) == set(entry["parts"]), number


def test_vocabulary_in_each_language():
    assert vocab.event_label("detained", "ru") == "Задержание"
    assert vocab.event_label("detained") == "Detained"
    assert vocab.status_label("pretrial", "heading", "ru") == "В предварительном заключении"
    assert vocab.article_title("KZ", "272", "2", "kk") == \
        "Жаппай тәртіпсіздіктер (жаппай тәртіпсіздіктерге қатысу)"
    assert vocab.article_title("KZ", "272", "2") == "Mass riots (participation in mass riots)"
    assert vocab.event_label("no_such_type", "ru") == "no_such_type"


@pytest.mark.parametrize(("value", "lang", "shown"), [
    ("2024-03-05", "en", "5 March 2024"),
    ("2024-03-05", "ru", "5 марта 2024\u202fг."),  # a narrow no-break space
    ("2024-03-05", "kk", "2024\u202fж. 5 наурыз"),
    ("2024-03", "ru", "март 2024\u202fг."),
    ("2024", "kk", "2024"),
    (date(2022, 1, 14), "en", "14 January 2022"),
    ("2024-02-30", "ru", "2024-02-30"),  # not a date: shown as stored
    ("soon", "ru", "soon"),
])
def test_dates_at_their_precision(value, lang, shown):
    assert i18n.format_day(value, lang) == shown


def test_numbers_with_the_language_separators():
    assert i18n.format_number(12345, "en") == "12,345"
    assert i18n.format_number(12345, "ru") == "12\xa0345"


@pytest.mark.parametrize(("env", "lang"), [
    ({"CASEFILE_LANG": "kk"}, "kk"), ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"CASEFILE_LANG": "de", "LANG": "ru_RU.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"),
])
def test_cli_language_from_the_environment(monkeypatch, env, lang):
    for name in ("CASEFILE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.cli_lang() == lang


def test_cli_speaks_casefile_lang(registry, monkeypatch):
    from tests.conftest import seed
    from tests.helpers import run

    monkeypatch.setenv("CASEFILE_LANG", "ru")
    captured = run("capture", str(seed("000")), "--country", "KZ")
    assert captured.exit_code == 0
    assert re.search(r"сохранён как источник 1 \(sha256 [0-9a-f]{12}…\): утверждений — \d+",
                     captured.output)
    assert "уже сохранён как источник 1" in run("capture", str(seed("000"))).output
    report = ("report", "prisoners", "--country", "KZ", "--as-of", "2024-13-01")
    bad = run(*report)
    assert bad.exit_code == 1
    assert "ошибка: --as-of должен быть датой ГГГГ-ММ-ДД, а не '2024-13-01'" in bad.output
    monkeypatch.setenv("CASEFILE_LANG", "kk")
    assert "қате: --as-of" in run(*report).output
    monkeypatch.setenv("CASEFILE_LANG", "en")
    assert "error: --as-of must be a date YYYY-MM-DD, not '2024-13-01'" in \
        run(*report).output
