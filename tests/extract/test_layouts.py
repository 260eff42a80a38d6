"""List layouts: every way NGO lists place persons under a status, on passages written for
these tests (fictional persons, several publishers' styles, English and Russian).

Each test is one layout of issue 12's point 1; the status a heading, lead-in or note states
must reach every person under it, and nobody else."""

from __future__ import annotations

from casefile.extract.document import extract


def listed(text: str, lang: str = "en") -> dict[str, str]:
    return {f.mention: f.value for f in extract(text, lang) if f.predicate == "listed"}


def roles(text: str, lang: str = "en") -> dict[str, str]:
    return {f.mention: f.value for f in extract(text, lang) if f.predicate == "role"}


def test_lead_in_with_counts_and_role_words_between_names():
    text = ("The list of political prisoners in Kazakhstan\n"
            "  • 12 people are being held in prison: civil activists Serik Amanov, Dana "
            "Kurmanova and Aidos Bekov; journalists Timur Sadykov and Olga Petrenko; users of "
            "social networks Ruslan Zhakupov.\n"
            "  • 3 people have received suspended sentences: activists Nurlan Esimov and Aliya "
            "Dosova; blogger Yerlan Sarsenov.\n"
            "  • One activist is forcibly held in a mental hospital: Galina Ivanova.\n")
    got = listed(text)
    assert got == {"Serik Amanov": "convicted", "Dana Kurmanova": "convicted",
                   "Aidos Bekov": "convicted", "Timur Sadykov": "convicted",
                   "Olga Petrenko": "convicted", "Ruslan Zhakupov": "convicted",
                   "Nurlan Esimov": "suspended_sentence", "Aliya Dosova": "suspended_sentence",
                   "Yerlan Sarsenov": "suspended_sentence",
                   "Galina Ivanova": "psychiatric_detention"}


def test_flat_list_under_a_lead_in_line():
    text = ("List of political prisoners (updated)\n\n"
            "15 political prisoners are in pre-trial detention facilities awaiting trial:\n\n"
            "  • Arman Saparov, Marat Isayev, Bolat Temirov.\n\n"
            "6 persons are under house arrest:\n\n"
            "  • Kanat Ospanov and Aigul Utepova.\n\n"
            "Some of these cases need urgent attention from the EU.\n")
    assert listed(text) == {"Arman Saparov": "pretrial", "Marat Isayev": "pretrial",
                            "Bolat Temirov": "pretrial", "Kanat Ospanov": "house_arrest",
                            "Aigul Utepova": "house_arrest"}


def test_nested_lead_ins_combine_prosecution_and_custody():
    """"the following are being prosecuted:" over "Political prisoners: ..." is pre-trial
    detention; "Under house arrest" and "banned from leaving" are said of their own line."""
    text = ("In this criminal case the following activists are being prosecuted:\n"
            "  • Political prisoners: Yerlan KASYMOV (Article 405 Part 2), Dina ABENOVA.\n"
            "  • Under house arrest: Samat ORAZOV (Article 405 Part 2)\n"
            "  • Under a ban on leaving the city: Gulnar IBRAYEVA, Askar MUSIN.\n"
            "They are prosecuted for:\n"
            "  • helping the family of murdered activist Ruslan ZHANDOSOV;\n")
    # "Political prisoners:" recognises its own line; the others are only states.
    assert listed(text) == {"Yerlan KASYMOV": "pretrial", "Dina ABENOVA": "pretrial"}
    states = {f.mention: f.detail["status"] for f in extract(text)
              if f.predicate == "event" and f.value == "status_reported"}
    assert states == {"Samat ORAZOV": "house_arrest", "Gulnar IBRAYEVA": "other",
                      "Askar MUSIN": "other"}
    assert roles(text)["Ruslan ZHANDOSOV"] == "other"
    charges = {(f.mention, f.value) for f in extract(text) if f.predicate == "charged_under"}
    assert charges == {("Yerlan KASYMOV", "405"), ("Samat ORAZOV", "405")}


def test_numbered_entries_under_status_headings_keep_categories():
    text = ("List of political prisoners in Belarus\n"
            "SERVING SENTENCES\n"
            "Members of the Viasna Human Rights Centre\n"
            "1. Ales BIALIATSKI – 10 years in a penal colony. Detained on 14 July 2021.\n"
            "IN PRE-TRIAL DETENTION\n"
            "Defendants in the “Group 5” case\n"
            "2. Ihar LOSIK – charged under Article 342. Arrested on 25 June 2020.\n")
    found = extract(text)
    got = {(f.mention, f.value, f.detail.get("category")) for f in found
           if f.predicate == "listed"}
    assert got == {("Ales BIALIATSKI", "convicted", "Members of the Viasna Human Rights Centre"),
                   ("Ihar LOSIK", "pretrial", "Defendants in the “Group 5” case")}


def test_paragraph_per_person_after_a_lead_in():
    text = ("Rights groups recognized three more people as political prisoners:\n\n"
            "Yahor Martsinovich was convicted on 3 May 2022 by the Minsk City Court and "
            "sentenced to four years of imprisonment.\n\n"
            "Palina Shumskaya was sentenced on 7 June 2022 to two years of restriction of "
            "liberty.\n\n"
            "Rights defenders say the verdicts were disproportionate.\n")
    found = extract(text)
    assert set(listed(text)) == {"Yahor Martsinovich", "Palina Shumskaya"}
    terms = {(f.mention, f.value, f.detail["kind"]) for f in found
             if f.predicate == "sentenced_to"}
    assert terms == {("Yahor Martsinovich", "48", "imprisonment"),
                     ("Palina Shumskaya", "24", "restriction_of_liberty")}
    events = {(f.mention, f.value, f.date) for f in found if f.predicate == "event"}
    assert ("Palina Shumskaya", "restriction_of_liberty", "2022-06-07") in events


def test_groups_after_dashes_and_a_names_note():
    text = ("Political Prisoners (March 2019)\n"
            "The following cases concern people from Crimea:\n"
            "— The Crimean Tatars Enver Seitov, Server Mustafayev and Remzi Kurtiyev;\n"
            "— the Ukrainian citizens Oleh Prykhodko and Pavlo Hryb.\n")
    assert set(listed(text)) == {"Enver Seitov", "Server Mustafayev", "Remzi Kurtiyev",
                                 "Oleh Prykhodko", "Pavlo Hryb"}


def test_table_rows_flattened_to_text():
    text = ("Political prisoners in Azerbaijan\n"
            "Name\tStatus\tArticle\n"
            "Rahim Aliyev\tconvicted\tArticle 234\n"
            "Gunay Mammadova\tin pre-trial detention\tArticle 283\n")
    assert set(listed(text)) == {"Rahim Aliyev", "Gunay Mammadova"}


def test_released_with_reasons_in_brackets():
    text = ("Memorial: the new list of political prisoners\n"
            "Nine political prisoners were freed during the year. Five of them (Pavel Orlov, "
            "Ivan Kuzmin, Denis Frolov, Anna Volkova and Oleg Kirsanov) had served their full "
            "sentences; two (Artem Belov and Yuri Gromov) were released on parole; and the "
            "convictions of two others (Maria Lebedeva and Sergei Titov) were quashed.\n")
    found = extract(text)
    events = {(f.mention, f.value) for f in found if f.predicate == "event"}
    assert {("Pavel Orlov", "released"), ("Oleg Kirsanov", "released"),
            ("Artem Belov", "parole"), ("Yuri Gromov", "parole")} <= events
    assert not any(m in ("Maria Lebedeva", "Sergei Titov") and t in ("released", "parole")
                   for m, t in events)


def test_officials_named_beside_a_list_are_not_listed():
    text = ("Political prisoners:\n"
            "  • Daulet Kenzhebayev and Saule Nurova (judge – Gulmira Seitova; prosecutors – "
            "Kairat Omarov and Yerlan Baimukhanov).\n")
    assert set(listed(text)) == {"Daulet Kenzhebayev", "Saule Nurova"}
    got = roles(text)
    assert got["Gulmira Seitova"] == got["Kairat Omarov"] == got["Yerlan Baimukhanov"] \
        == "official"


def test_russian_lead_in_with_a_dash_and_names_in_the_accusative():
    text = ("Правозащитники признали политзаключенными еще пять человек\n"
            "Имена новых политзаключенных — Ольга Савченко, Андрей Мельник, Павел Зуев, "
            "Ирина Котова и Денис Лазаренко.\n")
    assert set(listed(text, "ru")) == {"Ольга Савченко", "Андрей Мельник", "Павел Зуев",
                                       "Ирина Котова", "Денис Лазаренко"}


def test_russian_bulleted_profiles_with_age_before_the_name():
    text = ("НОВЫЕ ЛИЦА В СПИСКЕ ПОЛИТИЧЕСКИХ ЗАКЛЮЧЕННЫХ\n"
            "- 45-летний Ерболат Жумабаев, известный критик власти, приговорен к трем годам "
            "лишения свободы.\n"
            "- 38-летняя Айжан Калиева содержится в следственном изоляторе Астаны.\n")
    found = extract(text, "ru")
    assert set(listed(text, "ru")) == {"Ерболат Жумабаев", "Айжан Калиева"}
    terms = {(f.mention, f.value) for f in found if f.predicate == "sentenced_to"}
    assert terms == {("Ерболат Жумабаев", "36")}


def test_sentences_that_recognise_persons_as_political_prisoners():
    text = ("On Monday, nine human rights organisations recognised journalist Ihar Karnei and "
            "blogger Andrei Aliaksandrau as political prisoners. Their colleague Palina "
            "Brodik was questioned as a witness.\n")
    assert set(listed(text)) == {"Ihar Karnei", "Andrei Aliaksandrau"}
    text = ("Правозащитный альянс обновил список политзаключенных. Впервые в список были "
            "добавлены активисты Серик Жумабаев и Алия Нурланова.\n")
    assert set(listed(text, "ru")) == {"Серик Жумабаев", "Алия Нурланова"}
