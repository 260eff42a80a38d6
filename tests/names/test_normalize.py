"""parse_name: order, capitals, initials, titles, patronymics, invisible characters."""

from __future__ import annotations

import pytest

from casefile.names.clean import clean_text
from casefile.names.normalize import MAX_NAME_CHARS, parse_name
from casefile.names.script import detect_script


def parts(text, lang=None):
    p = parse_name(text, lang)
    return p.given, p.family, p.patronymic, p.initials


@pytest.mark.parametrize("text,expected", [
    ("Zhaksylyk ABDULLAYEV", (["Zhaksylyk"], "Abdullayev", None, [])),
    ("ABDULLAYEV Zhaksylyk", (["Zhaksylyk"], "Abdullayev", None, [])),
    ("Abdullayev Zhaksylyk", (["Zhaksylyk"], "Abdullayev", None, [])),
    ("ZHAKSYLYK ABDULLAYEV", (["Zhaksylyk"], "Abdullayev", None, [])),
    ("Abdullayev, Zhaksylyk", (["Zhaksylyk"], "Abdullayev", None, [])),
    ("Kulibayev, Timur Askaruly", (["Timur"], "Kulibayev", "Askaruly", [])),
    ("Vasilenko Roman Yurievich", (["Roman"], "Vasilenko", "Yurievich", [])),
    ("Roman Yurievich Vasilenko", (["Roman"], "Vasilenko", "Yurievich", [])),
    ("Қасым-Жомарт Кемелұлы Тоқаев", (["Қасым-Жомарт"], "Тоқаев", "Кемелұлы", [])),
    ("Кулибаев, Тимур Аскарович", (["Тимур"], "Кулибаев", "Аскарович", [])),
    ("Abdullayev Zh.", ([], "Abdullayev", None, ["Zh"])),
    ("Zh. Abdullayev", ([], "Abdullayev", None, ["Zh"])),
    ("Ж.А. Абдуллаев", ([], "Абдуллаев", None, ["Ж", "А"])),
    ("Suttibayev S.", ([], "Suttibayev", None, ["S"])),
    ("Zhan-Aidar KARMENOV", (["Zhan-Aidar"], "Karmenov", None, [])),
    ("sand-akhmet sandugash", (["Sandugash"], "Sand-Akhmet", None, [])),
    ("Sayat Adilbekuly", (["Sayat"], "Adilbekuly", None, [])),
    ("Roman Abramovich", (["Roman"], "Abramovich", None, [])),
    ("Zhylanbaev", ([], "Zhylanbaev", None, [])),
    ("Bota", (["Bota"], None, None, [])),
])
def test_parts(text, expected):
    assert parts(text) == expected


@pytest.mark.parametrize("text,titles,family", [
    ("President Tokayev", ["president"], "Tokayev"),
    ("political prisoner Mukhtar Dzhakishev", ["political prisoner"], "Dzhakishev"),
    ("Kazakhstani political prisoner Iskander Yerimbetov",
     ["kazakhstani", "political prisoner"], "Yerimbetov"),
    ("human rights defender Raisa Khudaibergenova", ["human rights defender"], "Khudaibergenova"),
    ("Mr. Ablyazov", ["mr"], "Ablyazov"),
    ("Journalist Duman Mukhametkarim", ["journalist"], "Mukhametkarim"),
    ("activist Zhanna Sarsenova", ["activist"], "Sarsenova"),
    ("Deputy Minister Roman Vasilenko", ["deputy minister"], "Vasilenko"),
    ("журналиста Думана Мухаметкарима", ["журналиста"], "Мухаметкарим"),
    ("Marat Zhylanbayev, activist", ["activist"], "Zhylanbayev"),
])
def test_titles_are_stripped_and_kept(text, titles, family):
    p = parse_name(text)
    assert p.titles == titles
    assert p.family == family


def test_brackets_are_dropped():
    assert parts("Dinara Kulibayeva (Nazarbayeva)") == (["Dinara"], "Kulibayeva", None, [])


@pytest.mark.parametrize("dirty", [
    "Tok\u200bayev",            # zero-width space
    "\u200fTokayev\u200e",      # RTL / LTR marks
    "Toka\u00adyev",            # soft hyphen
    "\u202bTokayev\u202c",      # RTL embedding
    "\ufeffTokayev",            # BOM
    "Ｔｏｋａｙｅｖ",             # fullwidth (NFKC)
    "  Tokayev\t\n",
])
def test_invisible_and_compatibility_characters(dirty):
    assert parse_name(dirty).family == "Tokayev"


def test_combining_marks():
    # A stress mark on a Cyrillic vowel is dropped, the breve of Й is kept.
    assert clean_text("Мара\u0301т Жыланба\u0301ев") == "Марат Жыланбаев"
    assert clean_text("Сергеи\u0306") == "Сергей"
    assert clean_text("Серге\u0306") == "Серге"
    # Latin accents compose; zalgo stacks are cut to two marks.
    assert clean_text("Zoe\u0301") == "Zoé"
    assert len(clean_text("a" + "\u0301" * 50)) <= 3


def test_dashes_unified():
    assert parse_name("Sand\u2010Akhmet Sandugash").family == "Sand-Akhmet"


def test_patronymic_word_is_joined():
    assert parts("Imangali Nurgali uly Tasmagambetov") == (
        ["Imangali"], "Tasmagambetov", "Nurgaliuly", [])


def test_empty_and_punctuation_give_an_empty_name():
    for text in ["", "   ", "...", "—", "1984", "()"]:
        assert parse_name(text).is_empty


def test_too_long_is_a_value_error():
    with pytest.raises(ValueError, match="not a name"):
        parse_name("a" * (MAX_NAME_CHARS + 1))


def test_not_a_string_is_a_value_error():
    with pytest.raises(ValueError):
        parse_name(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text,script", [
    ("Tokayev", "latin"), ("Тоқаев", "cyrillic"), ("Тokayev", "mixed"),
    ("", "other"), ("...", "other"), ("توكاييف", "other"), ("Zoé", "latin"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script
