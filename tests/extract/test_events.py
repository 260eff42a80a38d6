"""find_events: trigger phrases and their types, on the seeds' wording and on other publishers'
and countries' wording; demands, hypotheses and negations return nothing."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile import vocab
from casefile.extract.events import _expand, _vocab, find_events
from tests.conftest import seed


def types(text: str, lang: str = "en") -> list[str]:
    return [e.type for e in find_events(text, lang)]


def phrase(text: str, etype: str, lang: str = "en") -> str:
    """The text of the first phrase of `etype` (fails when there is none)."""
    ev = next(e for e in find_events(text, lang) if e.type == etype)
    return text[ev.start:ev.end]


# (sentence, the event types expected, in text order)
POSITIVE = [
    # detained and its pre-trial forms (see the header of data/lang/en/events.yml)
    ("He was detained on 5 May 2022.", ["detained"]),
    ("Detained on 17 November 2022.", ["detained"]),
    ("He has been in detention since 14 January 2022.", ["detained"]),
    ("He has been kept in detention since 14 January 2022.", ["detained"]),
    ("He was imprisoned in a pre-trial detention facility on 20 May 2023.", ["detained"]),
    ("He has been detained in pre-trial detention facility since 5 May 2022.", ["detained"]),
    ("She is in a pre-trial detention facility.", ["detained"]),
    ("Police in Minsk detained dozens of women marching in white.", ["detained"]),
    ("The blogger was taken into custody in Dushanbe.", ["arrested"]),
    ("He was arrested on 7 February 2023.", ["arrested"]),
    ("He has been under arrest since 5 July 2022.", ["arrested"]),
    ("The term is calculated from the date of arrest – 18 May 2022.", ["arrested"]),
    ("On 22 June 2023 the journalist was arrested for two months and placed in a pre-trial "
     "detention facility.", ["arrested", "pretrial_detention"]),
    ("The court remanded him in custody for two months.", ["pretrial_detention"]),
    # administrative arrests are counted in days
    ("In early May, Zhylanbayev was arrested for 20 days for holding a rally.",
     ["administrative_arrest"]),
    ("He served 15 days of administrative detention.", ["administrative_arrest"]),
    ("A Minsk court jailed the activist for 15 days of administrative arrest.",
     ["administrative_arrest"]),
    ("The activist received 10 days of administrative arrest in Baku.", ["administrative_arrest"]),
    ("Duman MUKHAMETKARIM – is charged under Article 258 of the Criminal Code.", ["charged"]),
    ("He was charged with propaganda of terrorism.", ["charged"]),
    ("The journalist was indicted on extremism charges.", ["charged"]),
    ("A criminal case was opened against him under Article 405.", ["charged"]),
    ("Convicted on 26 July 2021.", ["convicted"]),
    ("He was sentenced on 16 May 2022.", ["convicted"]),
    ("Kudaibergenov was sentenced to 17 years in prison.", ["convicted"]),
    ("Yelshibayev received his second sentence in September 2022.", ["convicted"]),
    ("All three activists were found guilty.", ["convicted"]),
    ("The Minsk City Court found Ales Bialiatski guilty of smuggling.", []),  # verb split: none
    ("A court in Baku sentenced the economist to 9 years in prison.", ["convicted"]),
    ("In March 2023 the trial started.", ["trial_started"]),
    ("The trial of the Group 24 defendants began in Dushanbe.", ["trial_started"]),
    ("Kazakhstan's Supreme Court upheld the judgement of the court of first instance.",
     ["appeal_decided"]),
    ("The court of appeal upheld the verdict.", ["appeal_decided"]),
    ("Initially, the court sentenced Batkayev to restriction of liberty, but the court of "
     "appeal replaced the punishment with imprisonment.",
     ["restriction_of_liberty", "sentence_changed"]),
    ("After the appeal, Kami’s sentence became stricter.", ["sentence_changed"]),
    ("On 8 June 2023, Kairat Klyshev was again returned to the colony.", ["returned_to_prison"]),
    ("He was released from prison on 19 March 2020.", ["released"]),
    ("The poet was freed after serving his term.", ["released"]),
    ("We learned with relief of the release of political prisoner Iskander Yerimbetov.",
     ["released"]),
    ("The authorities were forced to release Ruzakhunov.", ["released"]),
    ("He was released on parole.", ["parole"]),
    ("A court in Semey ruled to free him on parole and under probation supervision.", ["parole"]),
    ("Along with Makhatov, his son was convicted, but he was amnestied.",
     ["convicted", "amnestied"]),
    ("He was pardoned by President Lukashenko in 2024.", ["pardoned"]),
    ("In April 2020, the Court of Appeal acquitted Kusmankyzy on that charge.", ["acquitted"]),
    ("In 2019, he was sentenced to 1 year of restriction of liberty.", ["restriction_of_liberty"]),
    ("Aidos Ilipbayev was released from the pre-trial detention facility and placed under "
     "house arrest.", ["released", "house_arrest"]),
    ("Tleuzhan has been under house arrest since November 2022.", ["house_arrest"]),
    ("On 10 June 2021 he was placed in a psychiatric hospital.", ["psychiatric_detention"]),
    ("Release a lawyer from unlawful, forced psychiatric detention.", ["psychiatric_detention"]),
    # torture
    ("He was subjected to torture.", ["torture_reported"]),
    ("The blogger said he was tortured in the Vitebsk detention centre.", ["torture_reported"]),
    ("Musin was beaten and tortured in the pre-trial detention facility.", ["torture_reported"]),
    ("After his arrest, Baimagambetov was severely beaten in police custody.",
     ["arrested", "torture_reported"]),
    ("a Kazakhstani political prisoner and a torture victim", ["torture_reported"]),
    # health, hunger strike, suicide, death, disappearance
    ("His lawyers reported that his health has deteriorated to a critical state.",
     ["health_alert"]),
    ("He has been suffering from critical health condition in detention.", ["health_alert"]),
    ("He has lost vision in one eye.", ["health_alert"]),
    ("He needs urgent hospitalisation.", ["health_alert"]),
    ("He is suffering from life-threatening diseases.", ["health_alert"]),
    ("The Crimean Tatar activist went on hunger strike in Simferopol.", ["hunger_strike"]),
    ("On 3 May 2023, Akhyt made a suicide attempt.", ["suicide_attempt"]),
    ("He died in custody in a Minsk prison hospital.", ["died_in_custody"]),
    ("He was taken to a temporary detention facility, after which he disappeared.",
     ["pretrial_detention", "disappeared"]),
    ("On 23 May 2023, Marat Zhylanbayev's house was searched.", ["search"]),
    ("Police searched her flat in Yerevan.", ["search"]),
    # transnational repression
    ("He was arrested in Istanbul under an Interpol red notice.", ["extradition_arrest"]),
    ("Activists were detained in Kazakhstan and are under extradition arrest.",
     ["detained", "extradition_arrest"]),
    ("Russia has requested his extradition.", ["extradition_request"]),
    ("The Council of State refused to extradite him.", ["extradition_decision"]),
    ("France granted refugee status to the blogger.", ["asylum_granted"]),
    ("Kazakhstan refused to grant asylum to Toremuratov.", ["asylum_refused"]),
    ("His asylum claim was rejected by the Swedish Migration Agency.", ["asylum_refused"]),
    ("The court cancelled its own decision to grant Ablyazov refugee status.", ["asylum_revoked"]),
    ("He received an order requiring him to leave the territory of France.", ["removal_order"]),
    ("Interpol deleted the Red Notice in 2019.", ["red_notice_deleted"]),
    ("The Red Notice was removed after a CCF review.", ["red_notice_deleted"]),
    ("He challenged the Red Notice before the CCF.", ["red_notice_challenged"]),
    ("He was put on the Interpol wanted list in 2015.", ["red_notice_issued"]),
    ("The blogger was banned from leaving the country.", ["travel_ban"]),
    ("They demanded personal sanctions against the top leadership.", ["sanctions_recommended"]),
    # other publishers' wording
    ("The journalist was handed a 10-year prison sentence.", ["convicted"]),
    ("He was jailed for five years on Tuesday.", ["convicted"]),
    ("She was given 8 years in a penal colony.", ["convicted"]),
    ("His sentence was commuted to house arrest.", ["sentence_changed", "house_arrest"]),
    ("The activist was forcibly disappeared in 2022.", ["disappeared"]),
    ("He was extradited from Russia to Tajikistan in 2019.", ["extradition_decision"]),
    ("He was declared wanted and placed on the international wanted list.",
     ["red_notice_issued"]),
    ("His request for asylum in Lithuania was rejected.", ["asylum_refused"]),
    ("He was found dead in his cell.", ["died_in_custody"]),
    ("The court extended his pre-trial detention by three months.", ["pretrial_detention"]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_types(text: str, expected: list[str]) -> None:
    assert types(text) == expected


NEGATIVE = [
    "Alpiyev did not go to the protests.",
    "Many of them were not allowed to participate in the elections.",
    "Kazakh authorities should immediately release a lawyer.",
    "The Kazakh government should annul a decree.",
    "to demand the immediate and unconditional release of all political prisoners.",
    "calling on the Kazakhstani authorities to release political prisoners.",
    "Campaigners are calling for the release of the Belarusian journalists.",
    "The OSCE urged Azerbaijan to release the reporters.",
    "The investigation failed to prove the fact of participation in mass riots.",
    "There is a risk that he could be released.",
    "He was not detained.",
    "He wasn't charged.",
    "No one was arrested.",
    "Kazybek is being threatened with torture.",  # a threat is not torture (documented)
    "This may signal that the authorities are preparing the ground for the release of X.",
    "The amnesty does not provide for the acquittal of persons.",
    "If convicted, he faces up to ten years.",
    "In the pre-trial detention facility, Aibol was offered to be released in exchange.",
    "The authorities have yet to release the full details of those who died.",
    "CONVICTED",
    "UNDER ARREST IN A PRE-TRIAL DETENTION FACILITY",
    "The activists were summoned for questioning as witnesses.",
    "Ablyazov cannot be extradited to Kazakhstan.",
    "Authorities released a statement denying that he was tortured.",
    "Protesters demanded that he be released.",
    "The UN Working Group called for his immediate release.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_event(text: str) -> None:
    assert find_events(text) == []


def test_spans_tell_the_phrase() -> None:
    assert phrase("He was detained on 5 May.", "detained") == "was detained"
    assert phrase("arrested for 20 days", "administrative_arrest") == "arrested for 20 days"
    assert phrase("He has been released from prison.", "released") == "has been released"


def test_mass_detention_still_detained() -> None:
    """Who was detained is the caller's question: crowds still give the phrase."""
    assert types("Law enforcement agencies detained about 700 peaceful protesters.") == \
        ["detained"]
    assert types("mass arbitrary detentions and torture") == ["detained"]


def test_suspended_sentence_is_a_conviction_with_detail() -> None:
    ev = find_events("Akashev was given a four-year suspended sentence.")
    assert [(e.type, e.detail) for e in ev] == [("convicted", {"suspended": True})]


@pytest.mark.parametrize(("text", "etype", "detail"), [
    ("Ziuar MIRMANBETOVA – an Uzbek citizen, at risk of extradition to Uzbekistan.",
     "extradition_risk", {"requesting_country": "UZ"}),
    ("The French authorities should not extradite Mukhtar Ablyazov, a recognized refugee and an "
     "outspoken government critic, to Kazakhstan.", "extradition_risk",
     {"country": "FR", "requesting_country": "KZ"}),
    ("The Kazakhstani authorities may extradite them to Uzbekistan.", "extradition_risk",
     {"country": "KZ", "requesting_country": "UZ"}),
    ("On 9 December 2016 the Council of State of France refused to extradite Ablyazov to Russia.",
     "extradition_decision", {"outcome": "refused", "country": "FR", "requesting_country": "RU"}),
    ("A Moscow court ruled to extradite him to Tajikistan.", "extradition_decision",
     {"outcome": "granted", "requesting_country": "TJ"}),
    ("Poland refused the extradition of the Belarusian activist to Belarus.",
     "extradition_decision", {"outcome": "refused", "country": "PL", "requesting_country": "BY"}),
    ("On 29 September 2020 the National Asylum Court of France granted refugee status to him.",
     "asylum_granted", {"country": "FR"}),
    ("Nurgazin had lived in Lithuania, where he received political asylum.", "asylum_granted",
     {"country": "LT"}),
    ("On July 31, 2023, Kazakhstan refused to grant asylum to Toremuratov.", "asylum_refused",
     {"country": "KZ"}),
    ("The French court refused to grant Mukhtar Ablyazov asylum.", "asylum_refused",
     {"country": "FR"}),
    ("He was ordered to leave Germany within a week.", "removal_order", {"country": "DE"}),
    ("He was at the center of a Red Notice issued by Kazakhstan.", "red_notice_issued",
     {"country": "KZ"}),
    ("Tleubike YULDASHEVA – citizen of Uzbekistan, at risk of extradition to Uzbekistan.",
     "extradition_risk", {"requesting_country": "UZ"}),
    ("Ukraine’s prosecutors sought his extradition from Spain.", "extradition_request",
     {"requesting_country": "UA", "country": "ES"}),
])
def test_country_detail(text: str, etype: str, detail: dict) -> None:
    ev = [e for e in find_events(text) if e.type == etype]
    assert ev and ev[0].detail == detail


@pytest.mark.parametrize(("text", "expected"), [
    ("Активист был задержан 5 мая 2022 года.", ["detained"]),
    ("Суд арестовал его на 15 суток.", ["administrative_arrest"]),
    ("Журналист осуждён на 7 лет лишения свободы.", ["convicted"]),
    ("Его приговорили к пяти годам колонии.", ["convicted"]),
    ("Блогер освобождён по амнистии.", ["amnestied"]),
    ("Правозащитник амнистирован.", ["amnestied"]),
    ("Он подвергся пыткам в СИЗО.", ["torture_reported"]),
    ("Ему грозит экстрадиция в Узбекистан.", ["extradition_risk"]),
    ("Франция отказала в экстрадиции.", ["extradition_decision"]),
    ("Ему предоставили политическое убежище во Франции.", ["asylum_granted"]),
    ("Казахстан отказал в предоставлении убежища.", ["asylum_refused"]),
    ("Он объявил голодовку.", ["hunger_strike"]),
    ("Он был помилован президентом.", ["pardoned"]),
    ("Активист не был задержан.", []),
    ("Мы требуем освобождения политзаключённых.", []),
])
def test_russian(text: str, expected: list[str]) -> None:
    assert types(text, "ru") == expected


def test_russian_country_detail() -> None:
    ev = find_events("Ему грозит экстрадиция в Узбекистан.", "ru")
    assert ev[0].detail == {"requesting_country": "UZ"}
    ev = find_events("Ему предоставили политическое убежище во Франции.", "ru")
    assert ev[0].detail == {"country": "FR"}


def test_unknown_language_falls_back_to_english() -> None:
    assert types("He was detained.", "xx") == ["detained"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_vocabulary_is_consistent(lang: str) -> None:
    """Every type is a key of event-types.yml; patterns compile, are lower case (they run on
    lower-cased text) and each contains one of its type's key words (which gate the search)."""
    data = vocab.load(f"lang/{lang}/events.yml")
    known = set(vocab.event_types())
    assert set(data["events"]) <= known
    assert set(data["keys"]) == set(data["events"])
    for etype, entries in data["events"].items():
        keys = data["keys"][etype]
        assert all(len(k) >= 3 and k == k.lower() for k in keys)
        for entry in entries:
            pattern = _expand(entry["p"] if isinstance(entry, dict) else entry, data["macros"])
            re.compile(pattern)
            assert not any(c.isupper() for c in re.sub(r"\\[A-Za-z]", "", pattern)), pattern
            assert any(k in pattern for k in keys), (etype, pattern)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_gate_changes_nothing(prefix: str) -> None:
    """Searching only around key words finds what a search of the whole text finds."""
    text = seed(prefix).read_text(encoding="utf-8")
    assert find_events(text) == find_events(text, gate=False)


def test_gate_changes_nothing_on_test_sentences() -> None:
    for text, _ in POSITIVE:
        assert find_events(text) == find_events(text, gate=False), text


def test_seed_002_gold_dates_phrases() -> None:
    """The phrases behind the gold dates of Annex 1 are found with the gold's reading."""
    text = seed("002").read_text(encoding="utf-8")
    found = {(e.type, text[e.start:e.end]) for e in find_events(text)}
    for item in [("detained", "was imprisoned in a pre-trial detention facility"),
                 ("detained", "has been detained in pre-trial detention facility"),
                 ("arrested", "has been under arrest"), ("arrested", "date of arrest"),
                 ("convicted", "Convicted"), ("convicted", "was sentenced"),
                 ("extradition_risk", "at risk of extradition"),
                 ("asylum_refused", "refused to grant asylum"),
                 ("administrative_arrest", "was arrested for 20 days"),
                 ("removal_order", "order from the French Prefect of Police requiring him to "
                                   "leave the territory")]:
        assert item in found, item


PIECES = list("abcdeilnorstuwy .,;’'-\nАБВабвгдеёжзийклмнопрсİ") + [
    "was detained ", "not ", "released ", "to ", "Kazakhstan ", "asylum ", "arrested for 20 days",
    "extradition ", "should ", "tortured ", "to Uzbekistan", "задержан ", "не ", "в Россию"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join) | st.text(max_size=200))
def test_never_crashes_and_spans_are_sane(text: str) -> None:
    for lang in ("en", "ru"):
        events = find_events(text, lang)
        last = 0
        for e in events:
            assert 0 <= e.start < e.end <= len(text)
            assert e.start >= last  # sorted and never overlapping
            last = e.end
            assert e.type in vocab.event_types()


def test_speed_on_the_long_report() -> None:
    text = seed("002").read_text(encoding="utf-8")
    find_events("warm up")
    best = min(_timed(text) for _ in range(3))
    assert len(text) / best > 1_000_000, f"{len(text) / best / 1e6:.2f} MB/s"


def _timed(text: str) -> float:
    start = time.perf_counter()
    find_events(text)
    return time.perf_counter() - start


def test_vocabulary_is_cached() -> None:
    assert _vocab("en") is _vocab("en")
