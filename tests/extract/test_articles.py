"""find_articles: citation shapes, lists, codes, organisation names and dropped charges."""

from __future__ import annotations

import pytest

from casefile.extract.articles import find_articles
from casefile.vocab import article_title, criminal_code


def arts(text: str, lang: str = "en") -> list[tuple]:
    return [(m.article, m.part, m.paragraph, m.code, m.dropped) for m in find_articles(text, lang)]


def nums(text: str, lang: str = "en") -> list[str]:
    return [m.article for m in find_articles(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charged under Article 272 of the Criminal Code", [("272", None, None)]),
        ("convicted under Article 380-1 of the Criminal Code", [("380-1", None, None)]),
        ("the new Article 380.1 punishes attacks on soldiers", [("380-1", None, None)]),
        ("a charge under Article 380–1 was added", [("380-1", None, None)]),
        ("charged under Article 405 Part 2", [("405", "2", None)]),
        ("charged under Article 405, part 2, of the Criminal Code", [("405", "2", None)]),
        ("under Part 2 of Article 405 of the Criminal Code", [("405", "2", None)]),
        ("under Part 3 of Article 179", [("179", "3", None)]),
        ("under Art. 174(2) of the CC", [("174", "2", None)]),
        ("under Art. 174 (2)", [("174", "2", None)]),
        ("under Art. 174(1)(2)", [("174", "1", "2")]),
        ("Article 174, Part 1, paragraph 2 of the Criminal Code", [("174", "1", "2")]),
        ("paragraph 2 of Part 1 of Article 174", [("174", "1", "2")]),
        ("charged under article 293 (hooliganism)", [("293", None, None)]),
    ],
)
def test_single_citations(text: str, expected: list[tuple]) -> None:
    assert [(a, p, q) for a, p, q, code, dropped in arts(text)] == expected
    assert all(code == "criminal" and not dropped for *_, code, dropped in arts(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abolition of Articles 174 and 274 of the Criminal Code", ["174", "274"]),
        ("charged under Articles 272, 179 and 405", ["272", "179", "405"]),
        ("convicted under Articles 200, 269 and 272.", ["200", "269", "272"]),
        ("Arts. 255, 256 or 258 were considered", ["255", "256", "258"]),
        ("the Uzbek court cited Articles 159 and 244-1", ["159", "244-1"]),
        (
            "Article 200 of the Criminal Code (“illegal occupation of a vehicle”), Article 269 of "
            "the Criminal Code (“attacks on buildings”) and Article 272",
            ["200", "269", "272"],
        ),
    ],
)
def test_lists(text: str, expected: list[str]) -> None:
    assert nums(text) == expected


def test_list_spans_do_not_overlap() -> None:
    text = "the politicised Articles 174 and 274 of the Criminal Code."
    ms = find_articles(text)
    assert [text[m.start : m.end] for m in ms] == ["Articles 174", "274 of the Criminal Code"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def test_singular_article_does_not_take_a_list() -> None:
    # after a singular "Article", a comma and a number is more likely a count
    assert nums("Under Article 272, 179 people were convicted.") == ["272"]


def test_quoted_title_without_code_is_criminal() -> None:
    assert arts("8 years under Article 269 (“attack on buildings”).") == [
        ("269", None, None, "criminal", False)
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("guaranteed by Article 46 of the Constitution", "constitution"),
        ("the Constitution of Kazakhstan retains Article 46, which protects", "constitution"),
        ("Article 10 of the European Convention on Human Rights", "convention"),
        ("Article 3 of the ECHR prohibits torture", "convention"),
        ("Article 19 of the International Covenant on Civil and Political Rights", "covenant"),
        ("Article 19 of the ICCPR", "covenant"),
        ("fined under Article 488 of the Code of Administrative Offences", "administrative"),
        ("arrested under Article 488 of the Administrative Code", "administrative"),
        ("Article 5 of the Law on Countering Extremism", "law"),
        ("under Article 99 of the Criminal Procedure Code", "criminal_procedure"),
        ("Article 174 of the Kazakh Criminal Code", "criminal"),
        ("Article 190 of the Penal Code", "criminal"),
        ("Article 3 of the Rules of Procedure", "other"),
    ],
)
def test_codes(text: str, code: str) -> None:
    [m] = find_articles(text)
    assert m.code == code


def test_code_before_needs_no_charge_words_between() -> None:
    text = "Speech is protected by the Constitution, but he was charged under Article 174."
    assert arts(text) == [("174", None, None, "criminal", False)]


@pytest.mark.parametrize(
    "text",
    [
        "the “Article 14” Human Rights Movement and the “405” Human Rights Movement",
        "ARTICLE 19 called for his release.",
        "This is a long article about 5 activists.",
        "Part 2 of the report covers Almaty.",
        "In 2019 she was sentenced to 5 years.",
        "The art. history of 2019 was rewritten.",
    ],
)
def test_not_articles(text: str) -> None:
    assert find_articles(text) == []


def test_dropped_on_suspicion() -> None:
    text = (
        "Rinat ALIYEV – 6.5 years’ imprisonment under Article 256 of the Criminal Code. Aliyev "
        "was initially detained on suspicion of “participation in mass riots” (Article 272 of "
        "the Criminal Code). After the investigation failed, he was charged with terrorism."
    )
    assert arts(text) == [
        ("256", None, None, "criminal", False),
        ("272", None, None, "criminal", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He was initially charged under Article 272, but the charge was later dropped.",
            [("272", True)],
        ),
        (
            "She was charged under Article 174, but the charge was later requalified to "
            "Article 274.",
            [("174", True), ("274", False)],
        ),
        (
            "The Court of Appeal acquitted him on the charge under Article 419 but upheld the "
            "conviction under Article 176.",
            [("419", True), ("176", False)],
        ),
        (
            "Sadibekov was also accused of “use of violence” (Article 380 of the Criminal Code), "
            "but the court dismissed these charges.",
            [("380", True)],
        ),
        (
            "Prosecutors dropped the charges under Article 179 and instead convicted him under "
            "Article 272.",
            [("179", True), ("272", False)],
        ),
        (
            "He was acquitted of Article 274 and convicted under Article 174.",
            [("274", True), ("174", False)],
        ),
        (
            "He was convicted under Article 405. The charge was never dropped in his mind.",
            [("405", False)],
        ),
    ],
)
def test_dropped(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(m.article, m.dropped) for m in find_articles(text)] == expected


def test_dropped_is_sentence_local() -> None:
    text = (
        "He was detained on suspicion of fraud. Later he was convicted under Article 190 of "
        "the Criminal Code."
    )
    assert arts(text) == [("190", None, None, "criminal", False)]


def test_initials_and_abbreviations_do_not_end_the_sentence() -> None:
    text = (
        "Prosecutors Suttibayev S., and Nauryzbayev Sh. initially charged him on suspicion of "
        "theft under Art. 188 of the Criminal Code."
    )
    assert arts(text) == [("188", None, None, "criminal", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("обвиняется по ст. 405 ч. 2 УК РК", [("405", "2", None, "criminal", False)]),
        ("по ч. 2 ст. 405 УК РК", [("405", "2", None, "criminal", False)]),
        ("по п. 1 ч. 2 ст. 174 УК", [("174", "2", "1", "criminal", False)]),
        ("по статье 272 Уголовного кодекса", [("272", None, None, "criminal", False)]),
        ("штраф по ст. 488 КоАП РК", [("488", None, None, "administrative", False)]),
        ("ст. 32 Конституции", [("32", None, None, "constitution", False)]),
        (
            "по статьям 174 и 274 УК РК",
            [("174", None, None, "criminal", False), ("274", None, None, "criminal", False)],
        ),
        (
            "изначально задержан по подозрению в участии в беспорядках (ст. 272 УК РК), но "
            "осужден по ст. 256 УК РК",
            [("272", None, None, "criminal", True), ("256", None, None, "criminal", False)],
        ),
    ],
)
def test_russian(text: str, expected: list[tuple]) -> None:
    assert arts(text, "ru") == expected


def test_kz_criminal_code_titles() -> None:
    code = criminal_code("KZ")
    assert code["code"] == "KZ-CC-2014"
    cited = "106 120 174 176 179 188 189 190 191 194 200 216 218 245 256 258 262 265 269 272"
    cited += " 274 287 367 380 380-1 405 419 428 130 131 378 400 404"
    for number in cited.split():
        assert article_title("KZ", number), number
    assert article_title("KZ", "272") == "Mass riots"
    assert article_title("kz", "405", "2").endswith("(participation)")
    assert article_title("KZ", "9999") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He was convicted under Article 341 of Belarus’s Criminal Code for graffiti.",
            [("341", None, "criminal", False)],
        ),
        (
            "Navalny was fined under Article 20.2 of the Administrative Code.",
            [("20-2", None, "administrative", False)],
        ),
        (
            'prosecuted under Article 207.3 Part 2 of the Russian Criminal Code for "fakes"',
            [("207-3", "2", "criminal", False)],
        ),
        (
            "Articles 28 and 29 of the Constitution guarantee freedom of expression.",
            [("28", None, "constitution", False), ("29", None, "constitution", False)],
        ),
        (
            "Freedom House cited Article 19 of the Universal Declaration of Human Rights.",
            [("19", None, "declaration", False)],
        ),
        (
            "Tajik authorities used Article 307(2) against the lawyers.",
            [("307", "2", "criminal", False)],
        ),
        (
            "Amnesty said the charges under Article 159, part 4, were fabricated.",
            [("159", "4", "criminal", False)],
        ),
        ("The charges under Article 174 were later dropped.", [("174", None, "criminal", True)]),
        (
            "Initially, prosecutors charged her under Article 272; the charge was reclassified "
            "under Article 274.",
            [("272", None, "criminal", True), ("274", None, "criminal", False)],
        ),
        (
            "He was found not guilty under Article 405, but convicted under Article 179.",
            [("405", None, "criminal", True), ("179", None, "criminal", False)],
        ),
    ],
)
def test_other_publishers_phrasing(text: str, expected: list[tuple]) -> None:
    assert [(m.article, m.part, m.code, m.dropped) for m in find_articles(text)] == expected
