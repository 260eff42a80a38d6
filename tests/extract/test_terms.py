"""find_terms: lengths of punishment, their kinds, and the many counts that are not terms."""

from __future__ import annotations

import pytest

from casefile.extract.terms import find_terms


def terms(text: str, lang: str = "en") -> list[tuple[float, str]]:
    return [(round(m.months, 3), m.kind) for m in find_terms(text, lang)]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Zhaksylyk Abdullayev – 5 years’ imprisonment under Article 272", 60),
        ("Sentenced to 5 years' imprisonment in absentia.", 60),
        ("Rinat Aliyev – 6.5 years’ imprisonment under Article 256", 78),
        ("Karasay Ashirbekov – 6,5 years’ imprisonment under Article 120", 78),
        ("Baurzhan Jusupov – 5.5 years’ imprisonment for tax evasion", 66),
        ("5 years and 1 month of imprisonment under Article 262", 61),
        ("Adlet Musin – 9 months’ imprisonment under Article 272", 9),
        ("Shilibayev got 8 years in prison for the airport case.", 96),
        ("The blogger was given 7 years in jail.", 84),
        ("Kaziyev – 2 years’ imprisonment in a penal colony under Article 380", 24),
        ("The Tashkent court sentenced him to 16 years.", 192),
        ("In Minsk the court handed the journalist a 10-year sentence.", 120),
        ("Nasheed received ten years’ imprisonment.", 120),
        ("The poet spent his trial in a cage and got two and a half years in prison.", 30),
        ("An Azerbaijani activist was jailed: eighteen months in prison.", 18),
        ("He was sentenced to one year and six months.", 18),
        ("She was sentenced to one-and-a-half years in a general-regime colony.", 18),
        ("a year and a half in jail for a repost", 18),
        ("The court sentenced him to three years and seven months of imprisonment.", 43),
        ("Kudaibergenov was sentenced to 17 years in prison.", 204),
        ("The Bishkek court sentenced Kloop's cameraman to five years in prison.", 60),
        ("He was sentenced in absentia to twenty-five years in prison.", 300),
        ("Sentenced on 5 May 2022 to 7 years in a strict-regime colony", 84),
        ("sentenced under Articles 174 and 274 to 7 years", 84),
        ("The Supreme Court upheld a six-year prison sentence for the lawyer.", 72),
        ("a 4-year jail term for insulting the president", 48),
    ],
)
def test_imprisonment(text: str, months: float) -> None:
    assert terms(text) == [(months, "imprisonment")]


def test_two_terms_in_one_entry() -> None:
    text = (
        "Yerzhan YELSHIBAYEV – 5 years’ imprisonment under Article 106 of the Criminal Code "
        "(“infliction of bodily harm”) plus 7 years’ imprisonment under Article 428."
    )
    ms = find_terms(text)
    assert [(m.months, m.kind) for m in ms] == [(60, "imprisonment"), (84, "imprisonment")]
    assert [text[m.start : m.end] for m in ms] == ["5 years’ imprisonment", "7 years’ imprisonment"]
    assert all(m.days is None for m in ms)


@pytest.mark.parametrize(
    ("text", "months", "kind"),
    [
        (
            "In 2019, he was sentenced to 1 year of restriction of liberty.",
            12,
            "restriction_of_liberty",
        ),
        ("Baimagambetov got two years of restriction of liberty.", 24, "restriction_of_liberty"),
        ("He was sentenced to restriction of liberty for 3 years.", 36, "restriction_of_liberty"),
        (
            "sentenced to one-and-a-half years of restriction of liberty",
            18,
            "restriction_of_liberty",
        ),
        ("three years of restricted freedom for a Facebook post", 36, "restriction_of_liberty"),
        ("He was placed under house arrest for 6 months.", 6, "house_arrest"),
        ("two months of house arrest followed", 2, "house_arrest"),
        ("The court imposed a suspended sentence of 2 years.", 24, "suspended"),
        ("The editor got 2 years suspended.", 24, "suspended"),
        ("sentenced activist Yergali Kulbayev to a four-year suspended sentence", 48, "suspended"),
        ("He received 3 years’ imprisonment, suspended, and a fine.", 36, "suspended"),
        (
            "On 13 May 2023, he was arrested for two months by a decision of the court.",
            2,
            "pretrial_term",
        ),
        ("The court remanded him in custody for two months.", 2, "pretrial_term"),
        ("His pre-trial detention was extended by three months.", 3, "pretrial_term"),
    ],
)
def test_other_kinds(text: str, months: float, kind: str) -> None:
    assert terms(text) == [(months, kind)]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("In early May, Zhylanbayev was arrested for 20 days.", 20),
        ("In January 2022, she was arrested for 15 days for a rally.", 15),
        ("The judge gave him 15 days of administrative arrest.", 15),
        ("The court gave him 10 days' administrative detention.", 10),
        ("The Moscow court sentenced the activist to 15 days.", 15),
        ("jailed for ten days for an unsanctioned picket", 10),
        ("an administrative arrest of 7 days", 7),
        ("arrested for two weeks", 14),
    ],
)
def test_administrative_arrest_in_days(text: str, days: int) -> None:
    [m] = find_terms(text)
    assert (m.kind, m.days) == ("administrative_arrest", days)
    assert m.months == pytest.approx(days / 30.4375)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Zhylanbayev faces up to ten years in prison.", 120),
        ("Insulting a judge is punishable by up to 7 years.", 84),
        ("made more severe from three to five years of imprisonment", 60),
        ("and if using a telecommunications network — up to seven years of imprisonment.", 84),
        ("The article carries between 3 and 5 years in prison.", 60),
        ("Participation is punishable by 2-6 years in prison.", 72),
        ("The defendants face 8 to 12 years behind bars.", 144),
        ("officers were sentenced to terms of three to four years’ imprisonment", 48),
        ("the crime is punishable by from 6 months to 2 years of imprisonment", 24),
        ("He could face 15 years in jail if convicted.", 180),
    ],
)
def test_potential(text: str, months: float) -> None:
    assert terms(text) == [(months, "potential")]


def test_range_span_covers_both_ends() -> None:
    text = "responsibility will be made more severe from three to five years of imprisonment"
    [m] = find_terms(text)
    assert text[m.start : m.end] == "from three to five years of imprisonment"


@pytest.mark.parametrize(
    "text",
    [
        "Makhatov is 64 years old and has not pleaded guilty.",
        "Along with him, his 35-year-old son was convicted.",
        "He has been engaged in civil activism for several years.",
        "She had lived 12 years abroad before her return.",
        "Over the years the pressure grew.",
        "The ombudsman is elected for a period of three years.",
        "They stayed there only about half an hour.",
        "In 2019 he joined the movement.",
        "Musin’s prison term should be about 2 months.",
        "He spent 12 years in prison before the pardon.",
        "He served 15 days of administrative arrest last spring.",
        "After 3 years in prison he was released on parole.",
        "The prosecutor requested 7 years in prison.",
        "until her youngest child reaches the age of 14 years",
        "The appeal took 3 months.",
        "the 20-year anniversary of the Andijan massacre",
        "Some 1,273 people, 20,000 terrorists and 500,000 tenge",
        "Articles 174 and 274 of the Criminal Code",
        "He was detained for questioning for several hours.",
        "For the past 10 years in prison conditions have worsened.",
    ],
)
def test_not_terms(text: str) -> None:
    assert find_terms(text) == []


def test_days_only_for_day_counts() -> None:
    [m] = find_terms("He was sentenced to 1 year and 6 months in prison.")
    assert (m.months, m.days) == (18, None)
    [m] = find_terms("arrested for 20 days")
    assert m.days == 20


def test_lists_of_terms_stay_separate() -> None:
    text = (
        "Ashtaev was sentenced to three years and one month of imprisonment, Sultanbek — three "
        "years and six months of imprisonment, Dosmambetova — three years and seven months of "
        "imprisonment."
    )
    assert [m for m, _ in terms(text)] == [37, 42, 43]


def test_spans_sorted_and_disjoint() -> None:
    text = (
        "On 6 July 2022 the court sentenced Sadibekov to three years in prison; in 2021 he "
        "had got 1 year of restriction of liberty and was arrested for 15 days twice. He faces "
        "up to 5 years more."
    )
    ms = find_terms(text)
    assert [m.kind for m in ms] == [
        "imprisonment",
        "restriction_of_liberty",
        "administrative_arrest",
        "potential",
    ]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "months", "kind"),
    [
        ("суд приговорил его к 5 годам лишения свободы", 60, "imprisonment"),
        ("7 лет лишения свободы в колонии общего режима", 84, "imprisonment"),
        ("два с половиной года лишения свободы", 30, "imprisonment"),
        ("полтора года лишения свободы", 18, "imprisonment"),
        ("2 года и 6 месяцев лишения свободы", 30, "imprisonment"),
        ("осуждена на 3 года ограничения свободы", 36, "restriction_of_liberty"),
        ("назначено ограничение свободы на 3 года", 36, "restriction_of_liberty"),
        ("5 лет лишения свободы условно", 60, "suspended"),
        ("домашний арест на 2 месяца", 2, "house_arrest"),
        ("арестован на 2 месяца по решению суда", 2, "pretrial_term"),
        ("ему грозит до 7 лет лишения свободы", 84, "potential"),
        ("от трёх до пяти лет лишения свободы", 60, "potential"),
    ],
)
def test_russian(text: str, months: float, kind: str) -> None:
    assert terms(text, "ru") == [(months, kind)]


def test_russian_days_and_negatives() -> None:
    [m] = find_terms("активист арестован на 15 суток", "ru")
    assert (m.kind, m.days) == ("administrative_arrest", 15)
    [m] = find_terms("10 суток административного ареста", "ru")
    assert (m.kind, m.days) == ("administrative_arrest", 10)
    assert find_terms("ему 64 года, его 35-летний сын провел 3 года в тюрьме", "ru") == []


@pytest.mark.parametrize(
    ("text", "months", "kind"),
    [
        ("The Baku court handed him a seven-year prison term.", 84, "imprisonment"),
        ("Nargiz was jailed for eight years on Tuesday.", 96, "imprisonment"),
        ("He received a five-year sentence on drug charges.", 60, "imprisonment"),
        ("sentenced to five years in a high-security penal colony", 60, "imprisonment"),
        ("sentenced to 9 years and 6 months in a maximum-security prison", 114, "imprisonment"),
        (
            "a court in Gomel sentenced her to 4 years in a general-security colony",
            48,
            "imprisonment",
        ),
        ("The journalist was given a three-year suspended sentence.", 36, "suspended"),
        ("He was sentenced to one year of probation.", 12, "suspended"),
        ("The blogger faces a maximum sentence of 10 years.", 120, "potential"),
        ("The law provides for up to 5 years’ imprisonment.", 60, "potential"),
        ("She got 3 years and 6 months of restricted freedom.", 42, "restriction_of_liberty"),
        ("the court extended his detention by one month", 1, "pretrial_term"),
        ("He was placed in pre-trial detention for two months.", 2, "pretrial_term"),
    ],
)
def test_other_publishers_phrasing(text: str, months: float, kind: str) -> None:
    assert terms(text) == [(months, kind)]


def test_imprisonment_in_days_is_administrative_arrest() -> None:
    [m] = find_terms("He was sentenced to 25 days in jail for an unsanctioned rally.")
    assert (m.kind, m.days) == ("administrative_arrest", 25)


@pytest.mark.parametrize(
    "text",
    [
        "was sentenced to life imprisonment",  # no length to return
        "The prosecution asked for 12 years in prison.",
        "He had been in custody for 18 months before the trial.",
    ],
)
def test_more_non_terms(text: str) -> None:
    assert find_terms(text) == []
