"""The document extractor on passages written for these tests: running text and lists in
phrasings the seeds do not use."""

from casefile.extract.document import extract


def claims(text, predicate=None):
    return [f for f in extract(text) if predicate is None or f.predicate == predicate]


def by(found, predicate):
    return {(f.mention, f.value, f.date) for f in found if f.predicate == predicate}


def test_running_text_event_date_and_charge_go_to_the_named_person():
    text = ("On 3 March 2021, journalist Aigul Nurtazina was detained in Taraz. "
            "She is charged under Part 2 of Article 274 of the Criminal Code.")
    found = claims(text)
    assert ("Aigul Nurtazina", "detained", "2021-03-03") in by(found, "event")
    assert ("Aigul Nurtazina", "274", None) in by(found, "charged_under")
    assert [f.detail.get("part") for f in found if f.predicate == "charged_under"] == ["2"]
    for f in found:  # every claim quotes its sentence exactly
        assert text[f.start:f.end].strip()


def test_family_name_refers_back_to_the_full_name():
    text = ("Blogger Ruslan Tulegenov criticised the governor. "
            "In June 2022, Tulegenov was sentenced to two and a half years in prison.")
    found = claims(text)
    terms = {(f.mention, f.value, f.detail["kind"]) for f in found if f.predicate == "sentenced_to"}
    assert terms == {("Ruslan Tulegenov", "30", "imprisonment")}
    assert ("Ruslan Tulegenov", "convicted", "2022-06") in by(found, "event")


def test_fact_goes_to_the_nearest_person_named_before_it():
    text = ("Daniyar Adilbekov was sentenced to five years, while Aset Abishev was sentenced "
            "to eighteen months in prison.")
    terms = {(f.mention, f.value) for f in claims(text, "sentenced_to")}
    assert terms == {("Daniyar Adilbekov", "60"), ("Aset Abishev", "18")}


def test_a_list_in_another_layout_gives_listed_claims_with_status_and_category():
    text = "\n".join([
        "List of political prisoners in Belarus",
        "SERVING SENTENCES",
        "Members of the Viasna Human Rights Centre",
        "1. Ales BIALIATSKI – 10 years in a penal colony under Part 2 of Article 243 of the "
        "Criminal Code. Detained on 14 July 2021.",
        "2. Valiantsin STEFANOVICH – 9 years' imprisonment under Art. 228(4).",
        "IN PRE-TRIAL DETENTION",
        "Others",
        "3. Ihar LOSIK – charged under Article 342. Arrested on 25 June 2020.",
    ])
    found = claims(text)
    listed = {(f.mention, f.value, f.detail.get("category")) for f in found
              if f.predicate == "listed"}
    assert listed == {
        ("Ales BIALIATSKI", "convicted", "Members of the Viasna Human Rights Centre"),
        ("Valiantsin STEFANOVICH", "convicted", "Members of the Viasna Human Rights Centre"),
        ("Ihar LOSIK", "pretrial", "Others"),
    }
    assert {(f.mention, f.value) for f in found if f.predicate == "charged_under"} == {
        ("Ales BIALIATSKI", "243"), ("Valiantsin STEFANOVICH", "228"), ("Ihar LOSIK", "342")}
    assert ("Ales BIALIATSKI", "detained", "2021-07-14") in by(found, "event")
    assert ("Ihar LOSIK", "arrested", "2020-06-25") in by(found, "event")


def test_suspicion_later_dropped_is_not_a_charge():
    text = ("1. Askar NURLANOV – 4 years' imprisonment under Article 174 of the Criminal Code. "
            "He was initially detained on suspicion of mass riots (Article 272 of the Criminal "
            "Code), but the charge was later dropped.")
    text = "Political prisoners\nCONVICTED\n" + text
    assert {f.value for f in claims(text, "charged_under")} == {"174"}


def test_administrative_arrest_is_not_a_prison_term():
    text = "In early May 2023, activist Marat Sultanov was arrested for 20 days for a picket."
    found = claims(text)
    kinds = {f.detail["kind"] for f in found if f.predicate == "sentenced_to"}
    assert kinds <= {"administrative_arrest"}
    assert "administrative_arrest" in {f.value for f in found if f.predicate == "event"}
    assert "arrested" not in {f.value for f in found if f.predicate == "event"}


def test_demands_and_negations_make_no_events():
    text = ("Human rights groups demand the release of Bakhyt Zhanuzakov. "
            "Bakhyt Zhanuzakov did not go to the protests.")
    assert claims(text, "event") == []


def test_a_risk_of_extradition_joins_the_extradition_arrest_to_the_same_state():
    text = ("1. Aidos SADYKOV – an Uzbek citizen, at risk of extradition to Uzbekistan.\n"
            "2. Nurlan BEKOV – a Tajik citizen, at risk of extradition to Russia.\n\n"
            "Aidos Sadykov was placed under extradition arrest in Almaty. Nurlan Bekov was "
            "placed under extradition arrest in Shymkent at the request of Tajikistan.")
    events = {(f.mention.title(), f.value): f for f in claims(text, "event")}
    sadykov = events[("Aidos Sadykov", "extradition_arrest")]
    assert ("Aidos Sadykov", "extradition_risk") not in events  # one event, said twice
    assert sadykov.detail["requesting_country"] == "UZ"  # what the risk adds
    risk = text.index("at risk of extradition to Uzbekistan")
    assert any(a <= risk < b for a, b in sadykov.detail["also"])  # its words are kept
    # a risk of extradition to another state than the one that asked is a fact of its own
    assert ("Nurlan Bekov", "extradition_risk") in events
    assert events[("Nurlan Bekov", "extradition_arrest")].detail["requesting_country"] == "TJ"


def test_one_event_however_the_name_is_written():
    text = ("3. Asel ORAZOVA – journalist. Detained on 3 May 2022.\n\n"
            "Asel Orazova was detained for her reporting.")
    detained = [f for f in claims(text, "event") if f.value == "detained"]
    assert [(f.date, len(f.detail.get("also", []))) for f in detained] == [("2022-05-03", 1)]


def test_a_sanctions_list_names_officials_not_victims():
    text = ("Persons to be included on the sanctions list:\n"
            "1. Serik Zhanuzakov (Cyrillic: Серик Жанузаков): born 3 March 1961, the head of "
            "the regional police since 2019.\n"
            "Under his command, more than 300 protesters were detained and many were tortured.\n"
            "2. Aigerim Tolegenova: born 1 June 1975, a judge of the Almaty City Court.\n")
    found = claims(text)
    roles = {(f.mention, f.value) for f in found if f.predicate == "role"}
    assert ("Serik Zhanuzakov", "official") in roles
    assert ("Aigerim Tolegenova", "official") in roles
    events = {(f.mention, f.value) for f in found if f.predicate == "event"}
    # the protesters' detention and torture are not theirs
    assert events == {("Serik Zhanuzakov", "sanctions_recommended"),
                      ("Aigerim Tolegenova", "sanctions_recommended")}
    assert ("Serik Zhanuzakov", "1961-03-03", None) in by(found, "birth_date")


def test_a_crowd_as_subject_is_no_one_person():
    text = ("1. Aidos SADYKOV – activist, detained on 5 January 2022 in Almaty.\n"
            "In those days more than 300 protesters were detained and hundreds were tortured.\n"
            "2. Bolat Nurlanov – he was one of hundreds detained on 6 January 2022.\n")
    events = {(m.title(), v, d) for m, v, d in by(claims(text), "event")}
    # the entry's own detention only: the crowd's detention and torture are not his
    assert {e for e in events if e[0] == "Aidos Sadykov"} == \
        {("Aidos Sadykov", "detained", "2022-01-05")}
    assert ("Bolat Nurlanov", "detained", "2022-01-06") in events


def test_a_crowd_as_subject_in_russian():
    text = ("Активиста Аскара Омарова задержали 5 января 2022 года. Более 300 человек были "
            "задержаны, сотни протестующих подверглись пыткам.")
    assert {(v, d) for _, v, d in by(extract(text, "ru"), "event")} == \
        {("detained", "2022-01-05")}
