"""Belarusian names: national given-name forms, the letter Ў, and Belarusian against Russian
forms of one family name.

Real pairs, each from a public page that prints both forms (or the one form named):
- spring96.org/ru/news/106406 (Viasna, 14 January 2022) prints the Belarusian and the
  Russian line one under the other: "Алесь Бяляцкі, Валянцін Стэфановіч, Уладзімір
  Лабковіч" / "Алесь Беляцкий, Валентин Стефанович, Владимир Лабкович".
- 100xsolidaritaet.de/personen-in-haft/ales-bjaljackiy: "Ales Bialiatski (EN), Алесь Бяляцкі
  (BY), Алесь Беляцкий (RU)"; wiki7.org gives his birth name Aleksandr Belyatsky.
- tvp.pl TVP World (Bialiatski three years behind bars): "Valiantsin Stefanovich and
  Uladzimir Labkovich".
- tsikhanouskaya.org/en/events/news/e6ade76d1eb46d0.html (19 May 2023): Viktar Babaryka,
  Maksim Znak, Ihar Losik, Maryia Kalesnikava, Mikalai Statkevich, Siarhei Tsikhanouski;
  zerkalo.io/life/2707.html names the same people in Russian (Мария Колесникова, Максим
  Знак, Виктор Бабарико).
- humanrightshouse.org (Letters from Lukashenka's Prisoners): Andrei Aliaksandrau, Pavel
  Seviarynets; reformby.org (Belsat on jailed journalists): Андрей Александров.
- dw.com/ru a-64646925: "Дмитрий Соловьев"; spring96.org/be/news/110950: "Дзмітрыю
  Салаўёву" (Belarusian dative of Дзмітрый Салаўёў).
Pairs marked "rule" are built from one correspondence of Belarusian spelling each.
"""

from __future__ import annotations

import pytest

from casefile.names import compare, romanize


def decision(a: str, b: str) -> str:
    return compare(a, b).decision


@pytest.mark.parametrize("a,b", [
    ("Алесь Бяляцкі", "Алесь Беляцкий"),                # spring96.org, BY / RU lines
    ("Валянцін Стэфановіч", "Валентин Стефанович"),     # spring96.org
    ("Уладзімір Лабковіч", "Владимир Лабкович"),        # spring96.org
    ("Ales Bialiatski", "Алесь Бяляцкі"),               # 100xsolidaritaet.de EN / BY
    ("Ales Bialiatski", "Алесь Беляцкий"),              # 100xsolidaritaet.de EN / RU
    ("Ales Bialiatski", "Aleksandr Belyatsky"),         # birth name: Ales is Aleksandr
    ("Valiantsin Stefanovich", "Валентин Стефанович"),  # tvp.pl / spring96.org
    ("Uladzimir Labkovich", "Уладзімір Лабковіч"),      # tvp.pl / spring96.org
    ("Maryia Kalesnikava", "Мария Колесникова"),        # tsikhanouskaya.org / zerkalo.io
    ("Viktar Babaryka", "Виктор Бабарико"),             # tsikhanouskaya.org / zerkalo.io
    ("Siarhei Tsikhanouski", "Сергей Тихановский"),     # tsikhanouskaya.org
    ("Sviatlana Tsikhanouskaya", "Светлана Тихановская"),
    ("Ihar Losik", "Игорь Лосик"),                      # tsikhanouskaya.org / reformby.org
    ("Mikalai Statkevich", "Николай Статкевич"),
    ("Andrei Aliaksandrau", "Андрей Александров"),      # humanrightshouse.org / reformby.org
    ("Дзмітрый Салаўёў", "Дмитрий Соловьев"),           # spring96.org/be / dw.com/ru
])
def test_belarusian_and_russian_forms_of_real_names(a, b):
    m = compare(a, b)
    assert m.decision == "same", m.reasons
    assert compare(b, a).decision == "same"


@pytest.mark.parametrize("a,b", [
    # rule: Ў after a vowel is В in Russian (-оў / -ов, -аў / -ов, -оўская / -овская)
    ("Aleh Zhukau", "Олег Жуков"),
    ("Tatsiana Kaneuskaya", "Таццяна Канеўская"),
    ("Tatsiana Kaneuskaya", "Татьяна Каневская"),
    # rule: Р, Ч are hard (Russian ре, че): Стральцоў / Стрельцов, Чарнышоў / Чернышов
    ("Ales Straltsou", "Алесь Стральцоў"),
    ("Ales Straltsou", "Александр Стрельцов"),
    ("Aliaksandr Charnyshou", "Александр Чернышов"),
    # rule: tsekanne (Ц for a soft Т), Я for an unstressed Е
    ("Tatsiana Tsishkevich", "Татьяна Тишкевич"),
    # rule: -енка for -енко, akanne (А for an unstressed О)
    ("Raman Barazenka", "Роман Борозенко"),
    # the national given-name forms against the Russian ones
    ("Ales Kaneuski", "Alyaksandr Kaneuski"),
    ("Аляксандр Канеўскі", "Алесь Канеўскі"),
    ("Tatsiana Losik", "Tatyana Losik"),
    ("Таццяна Лосік", "Tatsiana Losik"),
    ("Rastsislau Losik", "Ростислав Лосик"),
    ("Palina Losik", "Полина Лосик"),
])
def test_belarusian_spelling_rules(a, b):
    m = compare(a, b)
    assert m.decision == "same", m.reasons


@pytest.mark.parametrize("a,b", [
    ("Ales Straltsou", "Ales Charnyshou"),              # two family names
    ("Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"),  # husband and wife
    ("Ales Straltsou", "Aleh Straltsou"),               # two given names
    ("Tatsiana Tsishkevich", "Tatsiana Paraskevich"),
    ("Viktar Babaryka", "Eduard Babaryka"),             # father and son
    ("Maryia Kalesnikava", "Maryia Kalesnik"),
    # the loose Belarusian key is not used where nothing looks Belarusian: Kazakh and Russian
    # names that differ only in a vowel stay apart
    ("Marat Bakayev", "Marat Bokayev"),
    ("Igor Belov", "Igor Balov"),
])
def test_different_people_stay_apart(a, b):
    assert decision(a, b) != "same"


def test_belarusian_latin_letters_of_passports():
    # Belarusian passports and Viasna: Е after a consonant is e, Я ia, ЦЦ ts (Tatsiana)
    assert romanize("Канеўская", "be") == "Kaneuskaya"
    assert romanize("Калеснікава", "be") == "Kalesnikava"
    assert romanize("Аляксандр", "be") == "Aliaksandr"
    assert decision("Таццяна Канеўская", "Tatsiana Kaneuskaya") == "same"


def test_reason_names_the_correspondence():
    m = compare("Ales Straltsou", "Александр Стрельцов")
    assert any("Belarusian and Russian forms" in r for r in m.reasons)
    assert m.score < compare("Ales Straltsou", "Алесь Стральцоў").score
