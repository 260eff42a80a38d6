"""Russian case endings (and Kazakh case suffixes) reduced to the nominative."""

from __future__ import annotations

import pytest

from casefile.names.normalize import parse_name


@pytest.mark.parametrize("text,given,family", [
    ("Марата Жыланбаева", "Марат", "Жыланбаев"),          # genitive
    ("Марату Жыланбаеву", "Марат", "Жыланбаев"),          # dative
    ("Маратом Жыланбаевым", "Марат", "Жыланбаев"),        # instrumental
    ("о Марате Жыланбаеве", "Марат", "Жыланбаев"),        # prepositional
    ("Думану Мухаметкариму", "Думан", "Мухаметкарим"),    # dative, consonant stem
    ("Думана Мухаметкарима", "Думан", "Мухаметкарим"),    # genitive, consonant stem
    ("Думаном Мухаметкаримом", "Думан", "Мухаметкарим"),  # instrumental
    ("Нурлана Канатова", "Нурлан", "Канатов"),
    ("Бекижана Мендыгазиева", "Бекижан", "Мендыгазиев"),  # known male name
    ("Жаксыбека Оразова", "Жаксыбек", "Оразов"),          # unknown, but -bek is male
    ("Дины Ахметовой", "Дина", "Ахметова"),               # female genitive
    ("Дину Ахметову", "Дина", "Ахметова"),                # female accusative
    ("Жанной Сарсеновой", "Жанна", "Сарсенова"),          # female instrumental
    ("Сауле Скрягиной", "Сауле", "Скрягина"),             # indeclinable female given name
    ("Джумагали Жакиянова", "Джумагали", "Жакиянов"),     # indeclinable male given name
    ("Романа Василенко", "Роман", "Василенко"),           # indeclinable family name
    ("Алексея Петрова", "Алексей", "Петров"),             # -й stem
    ("Марат Жыланбаевтың", "Марат", "Жыланбаев"),         # Kazakh genitive suffix
    ("Марат Жыланбаевқа", "Марат", "Жыланбаев"),          # Kazakh dative suffix
])
def test_oblique_to_nominative(text, given, family):
    p = parse_name(text)
    assert p.given == [given]
    assert p.family == family


@pytest.mark.parametrize("text", [
    "Марат Жыланбаев", "Жанна Сарсенова", "Дина Ахметова", "Айгерим Тлеужан",
    "Салтанат Кусманкызы", "Дарига Назарбаева",
])
def test_nominative_is_left_alone(text):
    p = parse_name(text)
    assert " ".join([*p.given, p.family or ""]) == text


def test_patronymic_in_oblique_case():
    p = parse_name("Касым-Жомарта Кемелевича Токаева")
    assert (p.given, p.patronymic, p.family) == (["Касым-Жомарт"], "Кемелевич", "Токаев")
    p = parse_name("Дины Аскаровны Ахметовой")
    assert (p.given, p.patronymic, p.family) == (["Дина"], "Аскаровна", "Ахметова")


def test_ukrainian_and_english_are_not_declined():
    assert parse_name("Марата Жыланбаева", lang="en").family == "Жыланбаева"
