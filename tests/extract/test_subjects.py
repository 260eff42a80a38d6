"""Whom facts are about, on sentences written for these tests: several persons per sentence,
"respectively", officials beside victims, pronouns and the free word order of Russian."""

from __future__ import annotations

from casefile.extract.document import extract


def facts(text: str, predicate: str, lang: str = "en") -> set[tuple[str | None, str]]:
    return {(f.mention, f.value) for f in extract(text, lang) if f.predicate == predicate}


def test_one_sentence_applies_to_every_person_it_names():
    text = ("On 3 March 2021 the Taraz city court sentenced activists Yerlan Sadykov and "
            "Botagoz Temirova to four years in prison.")
    assert facts(text, "sentenced_to") == {("Yerlan Sadykov", "48"), ("Botagoz Temirova", "48")}
    events = {(f.mention, f.value, f.date) for f in extract(text) if f.predicate == "event"}
    assert events == {("Yerlan Sadykov", "convicted", "2021-03-03"),
                      ("Botagoz Temirova", "convicted", "2021-03-03")}


def test_respectively_pairs_names_with_terms_in_order():
    text = ("Askar Nurlanov, Dinara Seitova and Marat Ospanov were sentenced to three years, "
            "five years and seven years in prison respectively.")
    assert facts(text, "sentenced_to") == {("Askar Nurlanov", "36"), ("Dinara Seitova", "60"),
                                           ("Marat Ospanov", "84")}


def test_each_name_with_its_own_term_after_one_verb():
    text = ("The court sentenced Galym Akhmetov to two years, Saule Baimukhanova to three "
            "years and Ruslan Zhanuzakov to eighteen months of restriction of liberty.")
    got = facts(text, "sentenced_to")
    assert ("Galym Akhmetov", "24") in got and ("Saule Baimukhanova", "36") in got
    assert ("Ruslan Zhanuzakov", "18") in got


def test_the_judge_and_prosecutor_get_no_facts():
    text = ("Judge Serik Abenov sentenced blogger Aidos Sadykov to five years in prison; "
            "prosecutor Kanat Iskakov had asked for seven years.")
    assert {m for m, _ in facts(text, "sentenced_to")} == {"Aidos Sadykov"}
    roles = facts(text, "role")
    assert ("Serik Abenov", "official") in roles and ("Kanat Iskakov", "official") in roles
    assert ("Aidos Sadykov", "victim") in roles


def test_pronouns_refer_to_the_persons_named_before():
    text = ("Journalist Zhanna Baitelova and activist Nurzhan Mukhametov were detained in "
            "Almaty. They were charged under Article 174. In June 2022 she was released.")
    charges = facts(text, "charged_under")
    assert charges == {("Zhanna Baitelova", "174"), ("Nurzhan Mukhametov", "174")}
    released = {m for m, v in facts(text, "event") if v == "released"}
    assert released == set()  # "she" after two persons points at nobody in particular


def test_a_family_name_alone_refers_back():
    text = ("Blogger Ruslan Tulegenov criticised the governor. In June 2022, Tulegenov was "
            "sentenced to two and a half years in prison.")
    assert facts(text, "sentenced_to") == {("Ruslan Tulegenov", "30")}


def test_an_apposition_between_the_names_and_their_fact():
    text = ("While in prison, Daniyar Khassenov and Yerzhan Abdrakhmanov, victims of the "
            "criminal case against the opposition politician Bolat Zhumabayev, were subjected "
            "to torture.")
    got = {m for m, v in facts(text, "event") if v == "torture_reported"}
    assert got == {"Daniyar Khassenov", "Yerzhan Abdrakhmanov"}


def test_a_term_followed_by_a_dash_and_names():
    text = ("Rustam Ibragimov received the longest term – 9 years in prison, 8 years in prison "
            "– Ulugbek Karimov and Timur Nazarov.")
    got = facts(text, "sentenced_to")
    assert ("Rustam Ibragimov", "108") in got
    assert ("Ulugbek Karimov", "96") in got and ("Timur Nazarov", "96") in got


def test_russian_verb_before_the_names_and_terms_after_each():
    text = ("В марте Есильский районный суд приговорил Гульнару Бажкенову к трем годам "
            "лишения свободы, Армана Шораева — к двум годам ограничения свободы.")
    got = facts(text, "sentenced_to", "ru")
    assert got == {("Гульнару Бажкенову", "36"), ("Армана Шораева", "24")}
    events = {(m, v) for m, v in facts(text, "event", "ru")}
    assert ("Гульнару Бажкенову", "convicted") in events
    assert ("Армана Шораева", "restriction_of_liberty") in events


def test_russian_pronoun_object_and_term_after_the_verb():
    text = ("Ерлан Жакипов, Дамир Каримов и Нурбол Сеитов признаны виновными по статье 405. "
            "Суд приговорил их к пяти годам колонии.")
    got = facts(text, "sentenced_to", "ru")
    assert got == {("Ерлан Жакипов", "60"), ("Дамир Каримов", "60"), ("Нурбол Сеитов", "60")}


def test_russian_term_before_the_names():
    text = ("По два года ограничения свободы получили Айгерим Нурланова и Бекзат Маратов.")
    got = {(f.mention, f.value, f.detail["kind"]) for f in extract(text, "ru")
           if f.predicate == "sentenced_to"}
    assert got == {("Айгерим Нурланова", "24", "restriction_of_liberty"),
                   ("Бекзат Маратов", "24", "restriction_of_liberty")}


def test_one_event_said_twice_is_one_claim_with_both_quotes():
    text = ("Activist Marat Dzhumabekov was detained on 5 May 2023. Police detained "
            "Marat Dzhumabekov in Astana on 5 May.")
    detained = [f for f in extract(text) if f.predicate == "event" and f.value == "detained"]
    assert len(detained) == 1
    assert detained[0].date == "2023-05-05" and len(detained[0].detail["also"]) == 1


def test_an_object_pronoun_after_an_active_verb():
    text = ("Activist Bolat Nurmanov was detained in Vilnius at the request of Kazakhstan. "
            "Lithuanian officials quickly released him.")
    assert ("Bolat Nurmanov", "released") in {(m, v) for m, v in facts(text, "event")}


def test_a_name_after_a_preposition_is_not_who_he_means():
    text = ("Aidos Sultanov\n"
            "Former driver for the opposition politician Serik Zhakenov. In March 2015 he was "
            "arrested in Prague.")
    got = {(m, v) for m, v in facts(text, "event") if v in ("arrested", "extradition_arrest")}
    assert {m for m, _ in got} == {"Aidos Sultanov"}


def test_i_in_a_quotation_is_its_speaker():
    text = ("June 2, Aktobe, activist Nurlybek Samatov said: “On May 30, 2023, I was detained "
            "by police officers and taken to the police station.”")
    events = {(f.mention, f.value, f.date) for f in extract(text, published="2023-06-30")
              if f.predicate == "event"}
    assert ("Nurlybek Samatov", "detained", "2023-05-30") in events


def test_granting_status_to_a_named_person():
    text = ("On 3 June 2019 the French refugee court issued a decision granting refugee status "
            "to Kazakh opposition journalist Yerlan Bekmukhanov.")
    events = {(f.mention, f.value, f.date) for f in extract(text) if f.predicate == "event"}
    assert ("Yerlan Bekmukhanov", "asylum_granted", "2019-06-03") in events


def test_a_given_name_alone_and_family_initial_forms():
    text = ("Problems with her health. News on political prisoner Darya Lasitskaya\n"
            "Darya is a teacher from Hrodna. In March 2022 she was sentenced to four years in a "
            "penal colony.\n"
            "May 4, Oral, political prisoner Utebaev K., Article 174 of the Criminal Code, "
            "5 years’ imprisonment, was placed in a punishment cell.")
    found = extract(text)
    listed = {f.mention for f in found if f.predicate == "listed"}
    assert listed == {"Darya Lasitskaya", "Utebaev K."}
    terms = {(f.mention, f.value) for f in found if f.predicate == "sentenced_to"}
    assert terms == {("Darya Lasitskaya", "48"), ("Utebaev K.", "60")}


def test_former_political_prisoners_are_listed_as_released():
    text = ("Well-known civil activists and former political prisoners Arman Seitkali and "
            "Dinara Zhunusova were not allowed to run in the elections.")
    listed = {(f.mention, f.value) for f in extract(text) if f.predicate == "listed"}
    assert listed == {("Arman Seitkali", "released"), ("Dinara Zhunusova", "released")}


def test_one_event_for_each_date_listed_before_it():
    text = ("On 04.03.2014 and 19.11.2014, the Brno court refused to extradite Olga Mironova "
            "to Kazakhstan.")
    events = {(f.value, f.date) for f in extract(text) if f.predicate == "event"}
    assert events == {("extradition_decision", "2014-03-04"),
                      ("extradition_decision", "2014-11-19")}


def test_a_group_after_a_preposition_is_not_the_subject():
    text = ("The court sentenced bloggers Nurlan Ospanov and Aidar Zhumabekov to four years in "
            "prison. In addition to Ospanov and Zhumabekov, activists Serik Temirov and Galiya "
            "Amanova received three-year probation sentences.")
    got = {(m, v) for m, v in facts(text, "sentenced_to")}
    assert got == {("Nurlan Ospanov", "48"), ("Aidar Zhumabekov", "48"),
                   ("Serik Temirov", "36"), ("Galiya Amanova", "36")}


def test_the_article_of_the_case_is_every_defendants():
    text = ("The Oral city court sentenced activists Bauyrzhan Sarsenov and Aigerim Tlegenova to "
            "two years of restriction of liberty. The criminal case was opened under Article "
            "174 of the Criminal Code after a rally in March.")
    assert facts(text, "charged_under") == {("Bauyrzhan Sarsenov", "174"),
                                           ("Aigerim Tlegenova", "174")}


def test_a_list_does_not_spread_an_article_to_everyone():
    text = ("List of political prisoners\n"
            "1. Bauyrzhan SARSENOV – 2 years in prison.\n"
            "2. Aigerim TLEGENOVA – 3 years in prison.\n"
            "Most of these cases were opened under Article 174 of the Criminal Code.\n")
    assert facts(text, "charged_under") <= {("Aigerim TLEGENOVA", "174")}


def test_whoever_acts_on_others_gets_no_event():
    text = ("On 3 September President Aliaksandr Lukashenka granted parole to five "
            "participants of the protest. Iryna Maslava and Anton Kurash were released.")
    events = {(m, v) for m, v in facts(text, "event")}
    assert not any(m == "Aliaksandr Lukashenka" for m, _ in events)
    assert {("Iryna Maslava", "released"), ("Anton Kurash", "released")} <= events
    headline = "Blogger Nurzhan Utegenov sentenced to four years in prison"
    assert ("Nurzhan Utegenov", "48") in facts(headline, "sentenced_to")


def test_a_list_of_terms_each_followed_by_its_persons():
    text = ("Bakhtiyor Karimov received the longest term – 12 years in prison, 10 years – Ulugbek "
            "Rashidov, 7 years – Timur Aliev and Dilshod Usmonov.")
    got = facts(text, "sentenced_to")
    assert got == {("Bakhtiyor Karimov", "144"), ("Ulugbek Rashidov", "120"),
                   ("Timur Aliev", "84"), ("Dilshod Usmonov", "84")}
