"""casefile.names.nominative: a name in Russian running text back in the nominative, as the
extractor needs it.

Real mentions, and where they were printed:
- currenttime.tv/a/mamay-sud/32357293.html (Настоящее Время): "активисту Жанболату Мамаю",
  "лидера ... Жанболата Мамая"; rus.azattyq.org/amp/31900465.html (Азаттык): "жена Мамая
  Инга Иманбай", "Рысбек Сарсенбайулы".
- news.zerkalo.io/life/2707.html (Зеркало): "задержали Марию Колесникову и Максима Знака",
  "к штабу Виктора Бабарико".
- reformby.org (Белсат on jailed journalists): "о журналистах – Игоре Лосике, Анджее
  Почобуте и Андрее Александрове", "Игоря Лосика", "задержали в октябре Дарью Лосик".
- novaya.media/articles/2023/02/03 (Новая газета Европа): "нобелевского лауреата Алеся
  Беляцкого", "Валентина Стефановича и Владимира Лабковича".
- spring96.org/ru/news/46592 (Весна): "интервью с Алесем Беляцким"; belsat.eu/81413790
  (Belarusian): "Уладзіміру Лабковічу".
- dw.com/ru a-66108558: "сестра Марии Колесниковой Татьяна Хомич".
The other mentions are written for one rule each (a case, a gender, an indeclinable name).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.names import nominative


@pytest.mark.parametrize("mention,expected", [
    ("Жанболату Мамаю", "Жанболат Мамай"),          # currenttime.tv, dative, Kazakh -ай
    ("Жанболата Мамая", "Жанболат Мамай"),          # genitive
    ("Мамая", "Мамай"),                              # azattyq, family name alone
    ("Инга Иманбай", "Инга Иманбай"),               # azattyq, a woman's name keeps its form
    ("Инги Иманбай", "Инга Иманбай"),
    ("Рысбека Сарсенбайулы", "Рысбек Сарсенбайулы"),  # -улы does not decline
    ("Марию Колесникову", "Мария Колесникова"),     # zerkalo.io, accusative
    ("Максима Знака", "Максим Знак"),
    ("Виктора Бабарико", "Виктор Бабарико"),        # indeclinable family name
    ("Игоре Лосике", "Игорь Лосик"),                # reformby.org, prepositional
    ("Анджее Почобуте", "Анджей Почобут"),
    ("Андрее Александрове", "Андрей Александров"),
    ("Игоря Лосика", "Игорь Лосик"),
    ("Дарью Лосик", "Дарья Лосик"),                 # a woman's consonant surname
    ("Алеся Беляцкого", "Алесь Беляцкий"),          # novaya.media
    ("Алесем Беляцким", "Алесь Беляцкий"),          # spring96.org, instrumental
    ("Валентина Стефановича", "Валентин Стефанович"),
    ("Марии Колесниковой", "Мария Колесникова"),    # dw.com
])
def test_real_mentions(mention, expected):
    assert nominative(mention) == expected


@pytest.mark.parametrize("mention,expected", [
    # Kazakh names in Russian text, all six cases of one man's name
    ("Асхат Жексебаев", "Асхат Жексебаев"),
    ("Асхата Жексебаева", "Асхат Жексебаев"),
    ("Асхату Жексебаеву", "Асхат Жексебаев"),
    ("Асхатом Жексебаевым", "Асхат Жексебаев"),
    ("Асхате Жексебаеве", "Асхат Жексебаев"),
    # a woman's: the given name decides that -ову is her accusative, not his dative
    ("Ляззат Досмамбетову", "Ляззат Досмамбетова"),
    ("Ляззат Досмамбетовой", "Ляззат Досмамбетова"),
    ("Нинагуль Джуманиязовой", "Нинагуль Джуманиязова"),   # unknown name, Kazakh -гуль
    ("Гульзипе Джаукеровой", "Гульзипа Джаукерова"),
    ("Асели Габдуллиной", "Асель Габдуллина"),              # a woman's name in -ь
    # men's family names in a consonant: the genitive -а is not a woman's name
    ("Кайрата Султанбека", "Кайрат Султанбек"),
    ("Жанмурата Аштаева", "Жанмурат Аштаев"),
    ("Дулата Агадила", "Дулат Агадил"),
    ("Толегена Жукеева", "Толеген Жукеев"),                 # Kazakh -ген is a man's ending
    # family + given + patronymic, and initials
    ("Петровым Иваном Сергеевичем", "Петров Иван Сергеевич"),
    ("Петровой Анны Сергеевны", "Петрова Анна Сергеевна"),
    ("Иванову Марию Петровну", "Иванова Мария Петровна"),
    ("Иванову И.И.", "Иванов И.И."),
    ("Ивановой И. И.", "Иванова И. И."),
    ("Кулибаеву, Тимуру Аскаровичу", "Кулибаев, Тимур Аскарович"),
    # women's -ская and adjectival family names; fleeting vowels; -ь names
    ("Ольгой Каневской", "Ольга Каневская"),
    ("Юлии Навальной", "Юлия Навальная"),
    ("Алексея Навального", "Алексей Навальный"),
    ("Навальному", "Навальный"),
    ("Павлу Дурову", "Павел Дуров"),
    ("Льва Шлосберга", "Лев Шлосберг"),
    ("Игорем Лебедем", "Игорь Лебедь"),
    ("Любови Соболь", "Любовь Соболь"),
    ("Никиты Белых", "Никита Белых"),                       # indeclinable -ых
    ("Ильей Яшиным", "Илья Яшин"),
    # Kazakh case suffixes on the last word
    ("Марат Жыланбаевтың", "Марат Жыланбаев"),
    ("Тимур Асқарұлының", "Тимур Асқарұлы"),
    # capitals and titles
    ("ЖЕКСЕБАЕВУ Асхату", "ЖЕКСЕБАЕВ Асхат"),
    ("журналиста Думана Мухаметкарима", "Думан Мухаметкарим"),
])
def test_rules(mention, expected):
    assert nominative(mention) == expected


@pytest.mark.parametrize("mention", [
    # names that only look inflected stay as written
    "Сауле Мамаева", "Даметкан Аспандиярова", "Гульзипа Джаукерова", "Михаил Глинка",
    "Никита Белых", "Айгерим Тлеужан", "Салтанат Кусманкызы", "Петрова Мария Ивановна",
    "Рута Ванагайте", "Роман Василенко", "Дина Агадил", "Инга Иманбай",
])
def test_nominatives_stay(mention):
    assert nominative(mention) == mention


def test_other_languages_are_left_as_written():
    assert nominative("Askhat Zheksebayev") == "Askhat Zheksebayev"
    # Belarusian (belsat.eu: "Уладзіміру Лабковічу") is not declined like Russian
    assert nominative("Уладзіміру Лабковічу") == "Уладзіміру Лабковічу"
    assert nominative("") == ""
    assert nominative("x" * 1000) == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_returns_text(text):
    assert isinstance(nominative(text), str)
