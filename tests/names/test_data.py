"""The name data files are consistent: a lint, like followthemoney's check_model."""

from __future__ import annotations

import re

import pytest

from casefile.vocab import DATA, load

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
FILES = ["countries/kz/translit.yml", "names/cyrillic.yml", "names/titles.yml",
         "names/given-name-forms.yml", "names/variants.yml", "names/parts.yml",
         "names/inflection.yml"]


@pytest.mark.parametrize("relpath", FILES)
def test_header_comment_says_who_reads_it(relpath):
    text = (DATA / relpath).read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "casefile/names/" in text[:600]


def test_every_kazakh_letter_in_every_scheme():
    kz = load("countries/kz/translit.yml")
    assert len(KAZAKH_ALPHABET) == 42
    for scheme, spec in kz["schemes"].items():
        missing = set(KAZAKH_ALPHABET) - set(spec["letters"])
        assert not missing, (scheme, missing)


def test_every_language_table_covers_its_alphabet():
    alphabets = {"ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                 "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
                 "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя"}
    langs = load("names/cyrillic.yml")["langs"]
    for lang, alphabet in alphabets.items():
        for scheme, spec in langs[lang]["schemes"].items():
            missing = set(alphabet) - set(spec["letters"])
            assert not missing, (lang, scheme, missing)


def test_variant_rules_compile():
    data = load("names/variants.yml")
    belarusian = data["belarusian"]
    for pattern, _repl in (data["rules"] + data["loose_rules"] + belarusian["before_fold"]
                           + belarusian["after_fold"]):
        re.compile(pattern)
    for mark in belarusian["marks"]:
        re.compile(mark)


def test_national_forms_are_suffix_variants_of_one_gender():
    from casefile.names.variants import family_gender
    parts = load("names/parts.yml")
    for national, russian in parts["national_forms"]:
        assert {national, russian} <= set(parts["family_suffix_variants"])
        # the same gender, or a national ending that marks none (Tajik -zoda)
        gn, gr = family_gender("abcd" + national), family_gender("abcd" + russian)
        assert gn is None or gn == gr, (national, russian)


def test_titles_are_lower_case_and_never_names():
    from casefile.names.variants import fold, given_gender
    for lang, phrases in load("names/titles.yml").items():
        for phrase in phrases:
            assert phrase == phrase.casefold(), (lang, phrase)
            if " " not in phrase:
                assert given_gender(fold(phrase)) is None, (lang, phrase)


def test_given_forms_are_lists_of_plain_names():
    data = load("names/given-name-forms.yml")
    assert set(data) == {"male", "female", "unisex"}
    for entries in data.values():
        for forms in entries:
            assert forms and all(re.fullmatch(r"[a-z'-]+", f) for f in forms), forms


def test_inflection_rows_are_well_formed():
    ru = load("names/inflection.yml")["ru"]
    for kind in ("family", "family_consonant", "given", "patronymic"):
        for row in ru[kind]:
            oblique, nominative, gender, cases = row[:4]
            assert oblique and isinstance(nominative, str)
            assert gender in ("m", "f")
            assert set(cases) <= {"gen", "dat", "acc", "ins", "pre"}
            assert len(row) == 4 or (len(row) == 5 and row[4].isalpha()), row
