"""Romanisation: every Kazakh letter under every scheme, checked against values written out
here (not read from the data file), plus the Russian/Ukrainian/Belarusian letters."""

from __future__ import annotations

import pytest
from anyascii import anyascii

from casefile.names.translit import SCHEMES, guess_lang, romanize, romanize_word

# The 42 letters of the Kazakh Cyrillic alphabet, in alphabetical order, with the expected
# lower-case romanisation in a word-medial position after a consonant (so that no
# start-of-word or after-vowel rule applies): press, icao, bgn, latin2021.
KAZAKH = [
    ("а", "a", "a", "a", "a"),
    ("ә", "a", "a", "ä", "ä"),
    ("б", "b", "b", "b", "b"),
    ("в", "v", "v", "v", "v"),
    ("г", "g", "g", "g", "g"),
    ("ғ", "g", "g", "gh", "ğ"),
    ("д", "d", "d", "d", "d"),
    ("е", "e", "e", "e", "e"),
    ("ё", "yo", "e", "yo", "io"),
    ("ж", "zh", "zh", "zh", "j"),
    ("з", "z", "z", "z", "z"),
    ("и", "i", "i", "ī", "i"),
    ("й", "y", "i", "y", "i"),
    ("к", "k", "k", "k", "k"),
    ("қ", "k", "k", "q", "q"),
    ("л", "l", "l", "l", "l"),
    ("м", "m", "m", "m", "m"),
    ("н", "n", "n", "n", "n"),
    ("ң", "n", "n", "ng", "ñ"),
    ("о", "o", "o", "o", "o"),
    ("ө", "o", "o", "ö", "ö"),
    ("п", "p", "p", "p", "p"),
    ("р", "r", "r", "r", "r"),
    ("с", "s", "s", "s", "s"),
    ("т", "t", "t", "t", "t"),
    ("у", "u", "u", "ū", "u"),
    ("ұ", "u", "u", "u", "ū"),
    ("ү", "u", "u", "ü", "ü"),
    ("ф", "f", "f", "f", "f"),
    ("х", "kh", "kh", "kh", "h"),
    ("һ", "h", "h", "h", "h"),
    ("ц", "ts", "ts", "ts", "ts"),
    ("ч", "ch", "ch", "ch", "ç"),
    ("ш", "sh", "sh", "sh", "ş"),
    ("щ", "shch", "shch", "shch", "ş"),
    ("ъ", "", "ie", "ʺ", ""),
    ("ы", "y", "y", "y", "y"),
    ("і", "i", "i", "i", "ı"),
    ("ь", "", "", "ʹ", ""),
    ("э", "e", "e", "ė", "e"),
    ("ю", "yu", "iu", "yu", "iu"),
    ("я", "ya", "ia", "ya", "ia"),
]


def test_the_table_above_is_the_whole_kazakh_alphabet():
    assert len(KAZAKH) == 42
    assert len({row[0] for row in KAZAKH}) == 42
    for letter in "әғқңөұүһі":
        assert letter in {row[0] for row in KAZAKH}


@pytest.mark.parametrize("row", KAZAKH, ids=[r[0] for r in KAZAKH])
@pytest.mark.parametrize("scheme", ["press", "icao", "bgn", "latin2021"])
def test_every_kazakh_letter(row, scheme):
    letter = row[0]
    expected = row[1 + ["press", "icao", "bgn", "latin2021"].index(scheme)]
    # "б" + letter + "б": the letter sits between consonants, so only the plain rule applies.
    assert romanize_word("б" + letter + "б", "kk", scheme) == "b" + expected + "b"


@pytest.mark.parametrize("upper,lower", [(r[0].upper(), r[0]) for r in KAZAKH if r[0] not in "ъь"])
def test_every_kazakh_capital_gives_a_capital(upper, lower):
    out = romanize_word(upper + "б", "kk", "press")
    expected = romanize_word(lower + "б", "kk", "press")
    assert out.lower() == expected.lower()
    assert out[:1].isupper()


@pytest.mark.parametrize("letter", "ӘҒҚҢӨҰҮҺІ")
def test_kazakh_letters_never_go_through_generic_ascii_folding(letter):
    # Whatever anyascii does with a Kazakh letter, our press output is the table's value.
    ours = romanize_word(letter, "kk", "press")
    assert ours == {"Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U",
                    "Һ": "H", "І": "I"}[letter]
    assert isinstance(anyascii(letter), str)


@pytest.mark.parametrize("text,lang,scheme,expected", [
    ("Қасым-Жомарт Кемелұлы Тоқаев", None, "press", "Kasym-Zhomart Kemeluly Tokayev"),
    ("Қасым-Жомарт Тоқаев", None, "latin2021", "Qasym-Jomart Toqaev"),
    ("Қасым-Жомарт Тоқаев", None, "bgn", "Qasym-Zhomart Toqaev"),
    ("Қасым-Жомарт Тоқаев", None, "icao", "Kasym-Zhomart Tokaev"),
    ("Иманғали Нұрғалиұлы Тасмағамбетов", None, "press", "Imangali Nurgaliuly Tasmagambetov"),
    ("Ерлан Әлиев", None, "press", "Yerlan Aliyev"),
    ("Касым-Жомарт Кемелевич Токаев", None, "press", "Kasym-Zhomart Kemelevich Tokayev"),
    ("Василенко Роман Юрьевич", None, "press", "Vasilenko Roman Yuryevich"),
    ("Василенко Роман Юрьевич", None, "icao", "Vasilenko Roman Iurevich"),
    ("Дмитрий Юрий", "ru", "press", "Dmitry Yury"),
    ("Сергеев", "ru", "bgn", "Sergeyev"),
    ("ЖАНАОЗЕН", "kk", "press", "ZHANAOZEN"),
])
def test_names(text, lang, scheme, expected):
    assert romanize(text, lang, scheme) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ґонта", "Gonta"),                       # Ґ is g
    ("Євген", "Yevhen"),                      # Є at the start is ye, Г is h
    ("Олексій", "Oleksii"),                   # І is i, Й after a vowel is i
    ("Їжак", "Yizhak"),                       # Ї at the start is yi
    ("Володимир", "Volodymyr"),               # И is y
])
def test_ukrainian_letters(text, expected):
    assert romanize(text, "uk") == expected


def test_belarusian_short_u():
    assert romanize("Ціханоўская", "be") == "Tsikhanouskaya"
    assert romanize("Ціханоўская", "be", "bgn") == "Tsikhanowskaya"
    assert romanize("Ў", "ru", "icao") == "U"


@pytest.mark.parametrize("text,lang", [
    ("Тоқаев", "kk"), ("Токаев", "ru"), ("Ґонта", "uk"), ("Олексій", "uk"),
    ("Ціханоўская", "be"), ("Нұрғалиұлы", "kk"), ("Бір тыныш", "kk"),
])
def test_guess_lang(text, lang):
    assert guess_lang(text) == lang


def test_latin_and_other_scripts_pass():
    assert romanize("Tokayev Токаев") == "Tokayev Tokayev"
    assert romanize("Αλέξης") .isascii()
    assert romanize("Zoé") == "Zoé"


def test_bad_scheme_or_lang_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown scheme"):
        romanize("Токаев", scheme="nope")
    with pytest.raises(ValueError, match="unknown lang"):
        romanize("Токаев", lang="xx")
    with pytest.raises(ValueError, match="no transliteration table"):
        romanize("Токаев", lang="ru", scheme="latin2021")


def test_schemes_listed():
    assert set(SCHEMES) == {"press", "icao", "bgn", "latin2021"}
