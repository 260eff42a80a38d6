"""Russian documents read at parity with English, on passages written for these tests in the
styles of Kazakh, Belarusian and Russian outlets (fictional persons): names in every case,
terms and articles in words, dates, events, roles and labelled fields."""

from __future__ import annotations

from casefile.extract.document import extract


def found(text: str, predicate: str) -> set[tuple]:
    return {(f.mention, f.value, f.date) if predicate == "event" else (f.mention, f.value)
            for f in extract(text, "ru") if f.predicate == predicate}


def test_verdict_news_with_terms_in_words_and_names_in_oblique_cases():
    text = ("14 марта 2023 года Медеуский районный суд Алматы приговорил гражданских "
            "активистов Нурлана Сарсенова и Гаухар Ибраеву к четырем годам лишения свободы "
            "по части 2 статьи 174 УК РК. Председательствовала судья Айгуль Бекова.")
    assert found(text, "sentenced_to") == {("Нурлана Сарсенова", "48"), ("Гаухар Ибраеву", "48")}
    assert found(text, "charged_under") == {("Нурлана Сарсенова", "174"),
                                           ("Гаухар Ибраеву", "174")}
    assert found(text, "event") >= {("Нурлана Сарсенова", "convicted", "2023-03-14"),
                                    ("Гаухар Ибраеву", "convicted", "2023-03-14")}
    roles = dict(found(text, "role"))
    assert roles["Айгуль Бекова"] == "official"
    assert roles["Нурлана Сарсенова"] == roles["Гаухар Ибраеву"] == "victim"


def test_terms_in_words_with_years_and_months():
    text = ("Суд приговорил Ерлана Касенова к трем годам шести месяцам колонии, а Динару "
            "Оспанову — к году лишения свободы.")
    assert found(text, "sentenced_to") == {("Ерлана Касенова", "42"), ("Динару Оспанову", "12")}


def test_restriction_of_liberty_is_not_prison():
    text = "Бауыржан Ахметов приговорен к ограничению свободы сроком на два года."
    terms = {(f.mention, f.value, f.detail["kind"]) for f in extract(text, "ru")
             if f.predicate == "sentenced_to"}
    assert terms == {("Бауыржан Ахметов", "24", "restriction_of_liberty")}
    assert ("Бауыржан Ахметов", "restriction_of_liberty", None) in found(text, "event")


def test_detention_and_release_events():
    text = ("Активистка Жанар Мусина задержана 5 мая 2022 года в Шымкенте. 20 июня 2022 года "
            "она освобождена из СИЗО и помещена под домашний арест.")
    events = found(text, "event")
    assert ("Жанар Мусина", "detained", "2022-05-05") in events
    assert ("Жанар Мусина", "house_arrest", "2022-06-20") in events


def test_labelled_fields_of_a_case_card():
    text = ("Дело Сапарова и Мухамедьярова\n"
            "Суд: Уральский городской суд\n"
            "Подсудимые: Талгат Сапаров, Ерболат Мухамедьяров\n"
            "Статьи: статья 405 часть 2, статья 174 часть 1\n"
            "Санкции: По три года лишения свободы.\n")
    assert found(text, "charged_under") == {("Талгат Сапаров", "405"), ("Талгат Сапаров", "174"),
                                           ("Ерболат Мухамедьяров", "405"),
                                           ("Ерболат Мухамедьяров", "174")}
    assert found(text, "sentenced_to") == {("Талгат Сапаров", "36"),
                                          ("Ерболат Мухамедьяров", "36")}


def test_a_list_of_political_prisoners_in_russian():
    text = ("Список политических заключенных Казахстана\n"
            "Отбывают наказание:\n"
            "1. Кайрат Жумабеков — 7 лет лишения свободы по статье 405 УК РК.\n"
            "2. Алия Серикова — 5 лет по статье 174 УК РК.\n"
            "Находятся в СИЗО:\n"
            "3. Максат Досов — обвиняется по статье 272 УК РК.\n")
    listed = {f.mention: f.value for f in extract(text, "ru") if f.predicate == "listed"}
    assert listed == {"Кайрат Жумабеков": "convicted", "Алия Серикова": "convicted",
                      "Максат Досов": "pretrial"}


def test_a_person_in_an_oblique_case_only_is_still_found():
    text = "Полиция задержала Асхата Нурланова у здания акимата."
    assert found(text, "event") == {("Асхата Нурланова", "detained", None)}
