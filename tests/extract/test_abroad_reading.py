"""Reading events abroad: sentences written for these tests, in the phrasings NGO reports on
extradition and asylum use (detentions that are extradition arrests, the state a person is to
be removed from, dates stated once for two decisions, form labels, prospective arrests)."""

from casefile.extract.document import extract
from casefile.registry import db
from casefile.registry.ingest import capture
from casefile.registry.models import Claim


def events(text: str) -> list[tuple[str | None, str, str | None, str | None, str | None]]:
    return [(f.mention, f.value, f.date, f.detail.get("country"),
             f.detail.get("requesting_country"))
            for f in extract(text) if f.predicate == "event"]


def test_a_detention_of_someone_at_risk_of_extradition_is_the_extradition_arrest():
    text = ("1. Dilnoza KARIMOVA – journalist, citizen of Tajikistan, at risk of extradition to "
            "Tajikistan. Detained on 4 March 2023.\n\n"
            "Bakhtiyor Rasulov (threat of extradition from Poland)\n"
            "Since May 2021 he is detained in Poland, currently in Warsaw.")
    got = events(text)
    assert ("Dilnoza Karimova", "extradition_arrest", "2023-03-04", None, "TJ") in \
        [(m.title() if m else m, *rest) for m, *rest in got]
    assert ("Bakhtiyor Rasulov", "extradition_arrest", "2021-05", "PL", None) in got
    assert not any(t in ("detained", "extradition_risk") for _, t, *_ in got)


def test_a_detention_by_another_state_stays_a_detention():
    text = ("Aziz Nurmatov faces extradition from Turkey to Uzbekistan. "
            "Back in 2015 Aziz Nurmatov was detained in Russia for a week.")
    got = events(text)
    assert ("Aziz Nurmatov", "detained", "2015", "RU", None) in got
    assert ("Aziz Nurmatov", "extradition_risk", None, "TR", "UZ") in got


def test_the_state_a_person_is_to_be_removed_from_refused_the_asylum():
    text = ("Gulnara Bazhkenova and her son risk deportation from Georgia as a consequence of "
            "the court's decision on 3 June 2021, which rejected her asylum application.")
    assert ("Gulnara Bazhkenova", "asylum_refused", "2021-06-03", "GE", None) in events(text)


def test_one_decision_stated_for_two_dates_is_two_claims_in_the_registry(registry, tmp_path):
    path = tmp_path / "court.txt"
    path.write_text("On 5 October 2012 and 2 January 2013, the regional court refused the "
                    "extradition of Olga Danilchenko to Ukraine.\n", encoding="utf-8")
    capture(str(path), trusted=True)
    with db.session() as s:
        dates = sorted(c.date for c in s.query(Claim).filter_by(predicate="event",
                                                              value="extradition_decision"))
    assert dates == ["2012-10-05", "2013-01-02"]


def test_an_undated_release_after_a_later_arrest_is_not_the_earlier_release():
    text = ("Rustam Ibragimov was arrested in Vilnius in June 2019. Lithuanian officials quickly "
            "released him. Rustam Ibragimov was also arrested on 3 May 2010 in Riga but was "
            "later released.")
    releases = [e for e in events(text) if e[1] == "released"]
    assert len(releases) == 2
    assert {e[3] for e in releases} == {"LT", "LV"}


def test_a_slash_separated_category_list_states_no_event():
    text = ("Askar Zhumabayev\n\n"
            "Stage 1 details (accusations/ charges/ Interpol notice/ extradition requests):\n"
            "Askar Zhumabayev was charged with fraud in 2016.")
    types = [t for _, t, *_ in events(text)]
    assert "charged" in types and "extradition_request" not in types


def test_an_arrest_being_prepared_is_none_and_a_modal_extradition_is_a_risk():
    text = ("Opposition blogger Aidar Kenzhebayev could be illegally extradited from Armenia to "
            "Kazakhstan at any time. The prosecutor's office is already preparing to place him "
            "under extradition arrest.")
    assert events(text) == [("Aidar Kenzhebayev", "extradition_risk", None, "AM", "KZ")]


def test_a_demanded_expulsion_is_a_request_by_the_demanding_state():
    text = "Marina Sokolova was detained in Prague. Her expulsion was also demanded by Belarus."
    assert ("Marina Sokolova", "extradition_request", None, None, "BY") in events(text)


def test_events_upon_arrival_take_the_moment_the_narrative_dated():
    en = ("In early March 2022, Serik Dzhaksybekov returned to Kazakhstan after ten years in "
          "Germany. Upon arrival in Almaty, he was arrested at the airport.")
    assert ("Serik Dzhaksybekov", "arrested", "2022-03", "KZ", None) in events(en)
    # without the opening the arrest is not dated by the earlier sentence
    plain = en.replace("Upon arrival in Almaty, he", "Later he")
    assert ("Serik Dzhaksybekov", "arrested", None, None, None) in \
        [(m, t, d, None, None) for m, t, d, *_ in events(plain)]


def test_events_upon_arrival_in_russian():
    text = ("В марте 2022 года Серик Джаксыбеков вернулся в Казахстан. По прибытии в Алматы "
            "он был задержан в аэропорту.")
    got = [(t, d) for _, t, d, *_ in [(f.mention, f.value, f.date)
                                        for f in extract(text, "ru") if f.predicate == "event"]]
    assert ("detained", "2022-03") in got


def test_a_detention_pending_a_possible_extradition_in_a_real_report():
    # RFE/RL, "Poland Detains Rights Activist From Siberia On Russian Red Notice" (2021),
    # https://rferl.org/amp/russia-poland-activist-interpol/31371447.html — a short excerpt.
    text = ("Polish authorities have detained Russian human rights activist Yevgeny Khasoyev, "
            "acting upon a red-notice request from Moscow via Interpol.\n\n"
            "Khasoyev, who is from the Siberian region of Buryatia, told RFE/RL that he was "
            "detained on July 21 and will be held for 48 hours until a Polish court decides on "
            "his possible extradition to Russia.")
    got = events(text)
    assert ("Yevgeny Khasoyev", "extradition_arrest", None, "PL", "RU") in got
    assert not any(t in ("detained", "extradition_risk") for _, t, *_ in got)


def test_a_detention_abroad_and_removal_in_russian():
    text = ("Журналистке Динаре Сейтовой грозит экстрадиция из Грузии в Казахстан. С 5 марта "
            "2023 года она задержана в Грузии.\n\n"
            "Семье Гульнары Бажкеновой грозит депортация из Грузии после решения суда от "
            "3 июня 2021 года, которым ей отказали в предоставлении убежища.")
    got = {(t, d, c, r) for _, t, d, c, r in
           [(f.mention, f.value, f.date, f.detail.get("country"),
             f.detail.get("requesting_country"))
            for f in extract(text, "ru") if f.predicate == "event"]}
    assert ("extradition_arrest", "2023-03-05", "GE", "KZ") in got
    assert ("asylum_refused", "2021-06-03", "GE", None) in got
