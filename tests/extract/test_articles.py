"""find_articles: citation shapes, lists, codes, organisation names and dropped charges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- Issue 12: Russian at parity, several parts, codes that are not criminal ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("осужден по ч. 2 ст. 174 УК РК", [("174", "2", None, "criminal")]),
        ("обвиняется по ст. 405 ч. 2", [("405", "2", None, "criminal")]),
        ("статья 274 часть 4 пункт 2", [("274", "4", "2", "criminal")]),
        ("Статья 174 часть 2 УК РК", [("174", "2", None, "criminal")]),
        ("по части 2 статьи 174 Уголовного кодекса Республики Казахстан",
         [("174", "2", None, "criminal")]),
        ("по части второй статьи 174 УК", [("174", "2", None, "criminal")]),
        ("по статьям 174 и 274",
         [("174", None, None, "criminal"), ("274", None, None, "criminal")]),
        # several paragraphs of one part are one charge
        ("по пп. 1, 2 ч. 2 ст. 179 УК РК", [("179", "2", "1,2", "criminal")]),
        # several parts of one article are several charges (see data/lang/ru/articles.yml)
        ("осуждены по обеим частям статьи 405 УК РК",
         [("405", "1", None, "criminal"), ("405", "2", None, "criminal")]),
        ("по частям 1 и 2 статьи 405 УК РК",
         [("405", "1", None, "criminal"), ("405", "2", None, "criminal")]),
        ("по ч.ч. 1, 2 ст. 405", [("405", "1", None, "criminal"), ("405", "2", None, "criminal")]),
        # a number followed by a length of time is not the next part
        ("по ст. 174 ч. 1 и 2 года ограничения свободы", [("174", "1", None, "criminal")]),
        ("по ст. 130 УК РФ", [("130", None, None, "criminal")]),
        ("по ст. 342 УК РБ", [("342", None, None, "criminal")]),
        ("по ст. 342 УК Республики Беларусь", [("342", None, None, "criminal")]),
        ("по статье 488 КоАП", [("488", None, None, "administrative")]),
        ("по ч. 1 ст. 20.3.3 КоАП РФ", [("20-3-3", "1", None, "administrative")]),
        ("по статье 20.2 Кодекса об административных правонарушениях",
         [("20-2", None, None, "administrative")]),
        ("нарушает статью 10 Европейской конвенции", [("10", None, None, "convention")]),
    ],
)
def test_russian_citations(text: str, expected: list[tuple]) -> None:
    assert [(m.article, m.part, m.paragraph, m.code) for m in find_articles(text, "ru")] == \
        expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charged under Article 405 Part 1 and Part 2 of the Criminal Code",
         [("405", "1", None, "criminal"), ("405", "2", None, "criminal")]),
        ("under Parts 1 and 2 of Article 405", [("405", "1", None, "criminal"),
                                                ("405", "2", None, "criminal")]),
        ("under both parts of Article 405", [("405", "1", None, "criminal"),
                                             ("405", "2", None, "criminal")]),
        ("Article 405 Part 2", [("405", "2", None, "criminal")]),
        ("under Part Two of Article 405", [("405", "2", None, "criminal")]),
        ("under Part 2, Art. 174 of the CC", [("174", "2", None, "criminal")]),
        ("Art. 176 of the CC of RK, misappropriation", [("176", None, None, "criminal")]),
        # a singular "article" takes a second number that has its own paragraph
        ("(article 28, paragraph 5, 176, item 3 b,c)", [("28", None, "5", "criminal"),
                                                        ("176", None, "3", "criminal")]),
        ("article 24, paragraph 1 and article 233, paragraph 1 of the Criminal Code",
         [("24", None, "1", "criminal"), ("233", None, "1", "criminal")]),
        ("Article 488, Part 7 of the Code of Administrative Offences of the RK",
         [("488", "7", None, "administrative")]),
        ("fined under Article 20.2 (Code of Administrative Offences)",
         [("20-2", None, None, "administrative")]),
        ("under two articles of the Criminal Code: Part 2 of Article 293 (mass riots) and "
         "Article 292", [("293", "2", None, "criminal"), ("292", None, None, "criminal")]),
        ("Part 1 of Article 130 of the Criminal Code", [("130", "1", None, "criminal")]),
        ("under article 342 of the Criminal Code of Belarus", [("342", None, None, "criminal")]),
        # a code named after the last of joined citations is the code of all of them
        ("violated Article 3 (Outlawing torture) and Article 6 (Right to a fair trial) of the "
         "European Convention", [("3", None, None, "convention"), ("6", None, None, "convention")]),
        ("Articles 3 and 6 of the European Convention on Human Rights",
         [("3", None, None, "convention"), ("6", None, None, "convention")]),
        ("under Article 174 of the Criminal Code and Article 10 of the Convention",
         [("174", None, None, "criminal"), ("10", None, None, "convention")]),
    ],
)
def test_english_citations(text: str, expected: list[tuple]) -> None:
    assert [(m.article, m.part, m.paragraph, m.code) for m in find_articles(text)] == expected


def test_parts_of_one_article_have_disjoint_spans() -> None:
    for text, lang in [("under Article 405 Part 1 and Part 2 of the Criminal Code", "en"),
                       ("under Parts 1 and 2 of Article 405", "en"),
                       ("по обеим частям статьи 405 УК РК", "ru"),
                       ("по ч.ч. 1, 2 ст. 405 УК РК", "ru")]:
        ms = find_articles(text, lang)
        assert len(ms) == 2
        assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False)), text
    text = "under Article 405 Part 1 and Part 2 of the Criminal Code"
    assert [text[m.start:m.end] for m in find_articles(text)] == \
        ["Article 405 Part 1", "Part 2 of the Criminal Code"]


def test_convention_articles_are_never_charges() -> None:
    text = ("The applicant claimed that Article 3 (Outlawing torture) and Article 6 (Right to a "
            "fair trial) of the European Convention on Human Rights had been violated.")
    assert {m.code for m in find_articles(text)} == {"convention"}


# Real sentences (short quotations), each with its source.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Viasna, https://spring96.org./en/news/115160
        ("She was charged under Part 1 of Article 130 of the Criminal Code \"inciting social "
         "hatred or hostility\"", "en", [("130", "1", "criminal")]),
        # Viasna, https://spring96.org/en/news/114699
        ("He was convicted of \"hanging\" dolls with officials' faces under Part 2 of Article "
         "339 of the Criminal Code (Hooliganism committed by a group of persons) and under "
         "Article 368 of the Criminal Code (Insulting the president).", "en",
         [("339", "2", "criminal"), ("368", None, "criminal")]),
        # open.kg, https://open.kg/en/news/in-the-world/75751-verhovnyj-sud-kazahstana-
        # priostanovil-jekstradiciju-v-rf-chechenskogo-aktivista-mansura-movlaeva.html
        ("he was sentenced to three years in prison under Article 228 of the Criminal Code of "
         "the Russian Federation", "en", [("228", None, "criminal")]),
        # aqparat.info after vlast.kz, https://aqparat.info/s/10850727.html
        ("признать виновным по статье 272, части 3 УК РК", "ru", [("272", "3", "criminal")]),
        # nur.kz, https://www.nur.kz/incident/crime/2272794-zhitelnicu-kyzylordy-lishili-
        # svobody-iz-za-propagandy-terrorizma-v-tiktok/
        ("В отношении нее проводилось расследование по статьям 174 и 256 Уголовного кодекса "
         "Республики Казахстан", "ru", [("174", None, "criminal"), ("256", None, "criminal")]),
    ],
)
def test_real_sentences(text: str, lang: str, expected: list[tuple]) -> None:
    assert [(m.article, m.part, m.code) for m in find_articles(text, lang)] == expected


MIXED = ["ст.", "ч.", "ч.ч.", "пп.", "статьи", "частям", "обеим частям", "второй", "УК РК",
         "КоАП", "Article", "Part", "Parts", "both parts of", "Two", "of the", "Convention",
         "(Outlawing torture)", "(", ")", "405", "20.3.3", "1", "2", "и", "and", ",", " ",
         "года", "years", "İ", "ё", "\u0301", "\n", "«", "»", "—"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MIXED), max_size=50).map(" ".join) | st.text(max_size=200),
       st.sampled_from(["en", "ru"]))
def test_garbage_and_mixed_scripts_never_crash(text: str, lang: str) -> None:
    ms = find_articles(text, lang)
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert m.article[0].isdigit()
        assert m.part is None or m.part.isdigit()
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def test_russian_abbreviations_do_not_end_a_sentence() -> None:
    """The dropped-charge rule reads one sentence; "г.", "ст.", "ч.", "т.е." must not cut it
    (data/lang/ru/articles.yml, `sentence_abbreviations`)."""
    from casefile.extract.sentences import split_sentences

    text = "Его судили в г. Алматы по ч. 2 ст. 174 УК РК, т.е. за пост. Приговор обжалован."
    assert len(split_sentences(text, "ru")) == 2
