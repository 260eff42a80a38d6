"""Plain text hard-wrapped at a fixed width is stored with its paragraphs rejoined.

The criterion (issue 12, point 7, for plain text): a hard-wrapped capture yields the same
claims as the same text unwrapped, and text that is not hard-wrapped is stored byte for byte.

The documents are written here, about fictional persons, in the shapes such text takes (none
of their sentences is copied): a news report, a Usenet-style digest of numbered items under
headings, a lead-in with dashed bullets, numbered "Name – facts" entries under a status heading,
in English and in Russian. Each is wrapped as mail clients and `fmt` do (greedy, at 60-78
characters, list items with and without a hanging indent) and captured. Real documents:
- tests/sources/data/en-cpunks-2022-abc-belarus-october.txt: a mailing-list archive page of
  the cypherpunks list (https://lists.cpunks.org/pipermail/cypherpunks/2022-November/106371.html)
  reposting ABC Belarus's monthly news about anarchist prisoners, wrapped at 70 characters;
  the excerpt the `search` tool returned (corpus "pages"), as it returned it;
- tests/extract/data/real/en-viasna-2011-parole-digest.txt: Viasna's digest
  (https://spring96.org./en/news/45478), hard line breaks at about 80 characters of a page
  set in a proportional font (see that folder's README).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.extract.document import extract
from casefile.sources.hardwrap import unwrap, wrap_width
from casefile.sources.load import load_bytes
from casefile.sources.reflow import Line, reflow

HERE = Path(__file__).parent
REAL = HERE.parent / "extract" / "data" / "real"
SEEDS = HERE.parents[1] / "samples" / "seeds"

# A document is a list of blocks separated by blank lines; a block is a list of paragraphs,
# one per line of the unwrapped text.
NEWS_EN = [
    ["Court in Almaty jails two trade union activists"],
    ["On 14 March 2023 the Medeu District Court of Almaty sentenced the trade union activists "
     "Serik Bolatov and Yerlan Kassymov to five and four years in prison respectively under "
     "Article 174 of the Criminal Code for inciting social discord. Both were detained on "
     "2 June 2022 after a search of the union's office and were held in pre-trial detention "
     "until the verdict.",
     # (no "their lawyer X" here: at some widths the break before this paragraph cannot be
     # told from a wrap, and "their" would then find the activists above)
     "The defence said the case was fabricated and would appeal. "
     "Human rights defenders recognised both men as political prisoners and called for their "
     "release."],
]

DIGEST_EN = [
    ["NORTHLAND WATCH WEEKLY DIGEST, 10-16 April 2023"],
    ["1. Almaty: journalist detained"],
    ["On 11 April police in Almaty detained the journalist Aigerim Tulegenova at her home. She "
     "was charged under Article 274 for spreading false information and placed under house "
     "arrest for two months by the Almaly District Court."],
    ["2. Shymkent: activist sentenced"],
    ["On 12 April the Shymkent City Court sentenced the civil society activist Marat "
     "Zhylanbayev to seven years in prison under Article 405 for participation in a banned "
     "organisation. He has been in custody since May 2022."],
    ["3. Released on parole"],
    ["On 14 April the activist Nurlan Ospanov was released on parole from a colony in the "
     "Pavlodar region after serving two years of his three-year sentence."],
    ["--", "Northland Watch", "Almaty, Kazakhstan"],
]

BULLETS_EN = [
    ["According to the Kazakhstan International Bureau for Human Rights, the following persons "
     "were detained on 5 May 2023 during a search of the office of the independent trade union "
     "in Zhanaozen and remain in custody:",
     "- Serik Bolatov, the chairman of the union, who was later charged under Article 405 of "
     "the Criminal Code;",
     "- Yerlan Kassymov, a lawyer of the union;",
     "- Timur Baimukhanov."],
    ["The following activists of the union were released on parole on 20 May 2023:",
     "Nurlan Ospanov", "Gulnara Zhaksybekova", "Aidos Sadykov"],
]

NUMBERED_EN = [
    ["List of political prisoners of Northland"],
    ["CONVICTED",
     "1. Bakhyt Sultanov – on 3 March 2021 sentenced to five years in prison under Article 174 "
     "of the Criminal Code for posts on social networks.",
     "2. Zhanna Akhmetova – on 14 February 2023 sentenced to three years of restriction of "
     "liberty under Article 405.",
     "3. Daulet Seitkali – detained on 2 June 2023 in Aktobe and placed under house arrest "
     "for two months."],
]

NEWS_RU = [
    ["Суд в Алматы приговорил двух активистов профсоюза"],
    ["14 марта 2023 года Медеуский районный суд Алматы приговорил активистов независимого "
     "профсоюза Серика Болатова и Ерлана Касымова к пяти и четырём годам лишения свободы "
     "соответственно по статье 174 Уголовного кодекса. Оба были задержаны 2 июня 2022 года "
     "после обыска в офисе профсоюза и до приговора содержались под стражей.",
     "Их адвокат Дана Орлова заявила, что дело сфабриковано и защита обжалует приговор. "
     "Правозащитники признали обоих политическими заключёнными."],
]

DIGEST_RU = [
    ["ОБЗОР ПРЕСЛЕДОВАНИЙ, 10–16 апреля 2023 года"],
    ["1. Алматы: задержана журналистка"],
    ["11 апреля полиция Алматы задержала журналистку Айгерим Тулегенову у неё дома. Ей "
     "предъявлено обвинение по статье 274 в распространении заведомо ложной информации, суд "
     "поместил её под домашний арест на два месяца."],
    ["2. Шымкент: осуждён активист"],
    ["12 апреля Шымкентский городской суд приговорил гражданского активиста Марата Жыланбаева "
     "к семи годам лишения свободы по статье 405 за участие в деятельности запрещённой "
     "организации."],
    ["3. Освобождён условно-досрочно"],
    ["14 апреля активист Нурлан Оспанов освобождён условно-досрочно из колонии в Павлодарской "
     "области, отбыв два года из трёх."],
]

BULLETS_RU = [
    ["По данным Казахстанского бюро по правам человека, в ходе обыска в офисе независимого "
     "профсоюза в Жанаозене 5 мая 2023 года были задержаны и до сих пор остаются под стражей:",
     "– Серик Болатов, председатель профсоюза, которому позднее предъявили обвинение по статье "
     "405 Уголовного кодекса;",
     "– Ерлан Касымов, юрист профсоюза;",
     "– Тимур Баймуханов."],
    ["20 мая 2023 года условно-досрочно освобождены следующие активисты профсоюза:",
     "Нурлан Оспанов", "Гульнара Жаксыбекова", "Айдос Садыков"],
]

NUMBERED_RU = [
    ["Список политических заключённых"],
    ["ОСУЖДЕНЫ",
     "1. Бахыт Султанов – 3 марта 2021 года приговорён к пяти годам лишения свободы по статье "
     "174 Уголовного кодекса за публикации в социальных сетях.",
     "2. Жанна Ахметова – 14 февраля 2023 года приговорена к трём годам ограничения свободы "
     "по статье 405.",
     "3. Даулет Сейткали – задержан 2 июня 2023 года в Актобе и помещён под домашний арест "
     "на два месяца."],
]

DOCUMENTS = {
    "news-en": (NEWS_EN, "en"), "digest-en": (DIGEST_EN, "en"),
    "bullets-en": (BULLETS_EN, "en"), "numbered-en": (NUMBERED_EN, "en"),
    "news-ru": (NEWS_RU, "ru"), "digest-ru": (DIGEST_RU, "ru"),
    "bullets-ru": (BULLETS_RU, "ru"), "numbered-ru": (NUMBERED_RU, "ru"),
}  # fmt: skip
MARKER = re.compile(r"(?:\d+\.|[-–])\s")


def plain(document: list[list[str]]) -> str:
    """The document unwrapped: a paragraph per line, blocks apart by a blank line."""
    return "\n\n".join("\n".join(block) for block in document) + "\n"


def wrapped(document: list[list[str]], width: int, *, hanging: bool = True) -> str:
    """The document as a mail client wraps it: greedy, at `width`; list items' continuation
    lines hang under their text when `hanging`."""

    def fill(paragraph: str) -> str:
        marker = MARKER.match(paragraph)
        indent = " " * len(marker.group()) if marker and hanging else ""
        return textwrap.fill(paragraph, width, subsequent_indent=indent,
                             break_on_hyphens=False)  # fmt: skip

    return "\n\n".join("\n".join(fill(p) for p in block) for block in document) + "\n"


def capture(text: str, name: str = "doc.txt") -> str:
    return load_bytes(text.encode("utf-8"), origin=name).text


def claims(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(f.predicate, f.value, f.mention) for f in extract(text, lang)}


# --- hard-wrapped text gets its paragraphs back -------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("width", [60, 72, 78])
@pytest.mark.parametrize("hanging", [True, False])
def test_wrapped_text_is_stored_as_its_paragraphs(name, width, hanging):
    document, _ = DOCUMENTS[name]
    raw = wrapped(document, width, hanging=hanging)
    assert raw.count("\n") > plain(document).count("\n")  # the wrapping really broke lines
    assert capture(raw) == plain(document)


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("width", [64, 76])
def test_wrapped_text_gives_the_claims_of_the_unwrapped_text(name, width):
    """The issue's criterion, and a check that it means something: without rejoining, the
    extractor loses facts on these documents."""
    document, lang = DOCUMENTS[name]
    raw = wrapped(document, width)
    expected = claims(plain(document), lang)
    assert expected
    assert claims(capture(raw), lang) == expected


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_wrapping_loses_facts_when_not_rejoined(lang):
    lost = [name for name, (document, language) in DOCUMENTS.items() if language == lang
            and claims(wrapped(document, 64), lang) != claims(plain(document), lang)]  # fmt: skip
    assert len(lost) >= 3


def test_wrapped_html_preformatted_text_gets_its_paragraphs_back():
    """A list archive page: the message is a <pre> block wrapped at 72 characters (blank lines
    inside it do not survive trafilatura, so paragraphs are found from the text alone)."""
    body = wrapped(NEWS_EN[1:] + BULLETS_EN, 72)
    page = (f"<!DOCTYPE html><html><head><title>[hr-list] Almaty verdict</title></head><body>"
            f"<h1>[hr-list] Almaty verdict</h1><pre>{body}</pre></body></html>")  # fmt: skip
    text = load_bytes(page.encode("utf-8"), origin="archive.html").text
    expected = [p for block in NEWS_EN[1:] + BULLETS_EN for p in block]
    assert [ln for ln in text.split("\n") if ln.strip()][-len(expected):] == expected


def test_indented_paragraphs_without_blank_lines():
    """A typed bulletin: each paragraph's first line indented, no blank line between them."""
    paragraphs = [p for block in NEWS_EN[1:] + DIGEST_EN[2:3] for p in block]
    raw = "\n".join(textwrap.fill(p, 70, initial_indent="    ") for p in paragraphs) + "\n"
    assert capture(raw).split("\n") == ["    " + p for p in paragraphs] + [""]


def test_hyphenated_words_and_compounds_at_line_ends():
    """A word the document spells whole elsewhere is mended; a compound it spells with a
    hyphen keeps it."""
    raw = ("The court extended the pre-trial detention of the activist Serik Bolatov for two\n"
           "more months, and his lawyer said that the pre-\n"
           "trial investigation had found no evidence. The prosecution's case was polit-\n"
           "ically motivated, the lawyer added: a politically motivated case from start to\n"
           "end, as the activist's supporters had said since his arrest in Almaty.\n")  # fmt: skip
    assert capture(raw) == (
        "The court extended the pre-trial detention of the activist Serik Bolatov for two "
        "more months, and his lawyer said that the pre-trial investigation had found no "
        "evidence. The prosecution's case was politically motivated, the lawyer added: a "
        "politically motivated case from start to end, as the activist's supporters had said "
        "since his arrest in Almaty.\n")


def test_russian_hyphenated_words_and_compounds_at_line_ends():
    """The same evidence in Russian: the document's own spelling, then the vocabulary's
    compounds ("условно-досрочно" in data/lang/ru)."""
    raw = ("Суд освободил активиста Серика Болатова условно-досрочно, но его дело остаётся\n"
           "политическим: правозащитники называют преследование полити-\n"
           "ческим с самого начала. Второго активиста, Ерлана Касымова, суд тоже освободил\n"
           "условно-\n"
           "досрочно в тот же день, 20 мая 2023 года, после двух лет в колонии в Павлодаре.\n")
    assert capture(raw) == (
        "Суд освободил активиста Серика Болатова условно-досрочно, но его дело остаётся "
        "политическим: правозащитники называют преследование политическим с самого начала. "
        "Второго активиста, Ерлана Касымова, суд тоже освободил условно-досрочно в тот же "
        "день, 20 мая 2023 года, после двух лет в колонии в Павлодаре.\n")


def test_table_rows_rules_and_quoted_lines_stay_inside_a_wrapped_text():
    kept = ["Name\tStatus\tArticle",
            "Serik Bolatov\tconvicted\t174",
            "yerlan kassymov\tconvicted\t174",
            "| Name | Sentence |",
            "| Serik Bolatov | five years |",
            "Serik Bolatov      five years      174",
            "yerlan kassymov    four years      174",
            "* * *",
            "> the court sentenced the trade union activists Serik Bolatov and",
            "> Yerlan Kassymov to five and four years in prison respectively"]  # fmt: skip
    first, last = NEWS_EN[1]
    raw = "\n".join([textwrap.fill(first, 66), *kept, textwrap.fill(last, 66)])
    assert capture(raw).split("\n") == [first, *kept, last]


# --- real hard-wrapped documents ----------------------------------------------------------


def blocks_joined(text: str) -> str:
    """The reference unwrapped form of a real excerpt: each block's lines joined by spaces."""
    return "\n\n".join(" ".join(block.split("\n")) for block in text.split("\n\n"))


def test_real_mailing_list_archive():
    raw = (HERE / "data" / "en-cpunks-2022-abc-belarus-october.txt").read_text(encoding="utf-8")
    assert wrap_width(raw.split("\n")) == 70
    text = capture(raw, "106371.txt")
    paragraphs = [ln for ln in text.split("\n") if ln.strip()]
    assert paragraphs[0].startswith("Undescribed Horrific Abuse") and "PST 2022" in paragraphs[0]
    assert paragraphs[1:4] == ["page content:",
                               "Main news about anarchist prisoners in Belarus in October 2022",
                               " 06/11/2022  News"]  # fmt: skip
    assert paragraphs[4].startswith("On 10 October the trial of Anastasia Kukhta started in "
                                    "Minsk City Court. She is accused")
    assert paragraphs[4].endswith("she was declared a suspect in a criminal case.")
    assert paragraphs[5].startswith("The hunger strike of Ihar Alinevich continued")
    assert len(paragraphs) == 6
    reference = raw.replace(" News\nOn 10", " News\n\nOn 10")  # the date line is not prose
    assert claims(text, "en") == claims(blocks_joined(reference), "en")


def test_real_digest_with_line_breaks_of_a_proportional_font():
    """Lines of different lengths, broken at about 80 characters. The reference is the page
    as a person reads it: its title, and paragraphs ending at "other people." and "Czech
    Republic."; where a short line ends a sentence the text alone cannot tell a paragraph end,
    and the claims do not depend on it."""
    raw = (REAL / "en-viasna-2011-parole-digest.txt").read_text(encoding="utf-8")
    lines = raw.split("\n")
    starts = [0, 1, 8, 23, len(lines)]
    reference = [" ".join(lines[a:b]) for a, b in zip(starts, starts[1:], strict=False)]
    assert reference[1].endswith("parole to nine other people.")
    text = capture(raw, "45478.txt")
    paragraphs = text.split("\n")
    assert paragraphs[0] == lines[0] and len(paragraphs) <= 5
    assert all(p.endswith(".") for p in paragraphs[1:-1])  # no sentence is cut
    assert reference[2] in paragraphs and reference[3] in paragraphs
    assert claims(text, "en") == claims("\n".join(reference), "en")


# --- text that is not hard-wrapped is stored byte for byte --------------------------------

POEM = """\
I did not ask the court for mercy,
nor did I ask the guards for bread;
the window of the cell is narrow
and the sky above it red.
Write to me, my sister, write me,
tell me how the garden grows,
and whether the old apple tree
still blossoms when it snows.
"""

ADDRESS = """\
Kazakhstan International Bureau for Human Rights
and the Rule of Law
21 Shagabutdinov street, office 4
Almaty 050000, Kazakhstan
tel. +7 727 000 00 00
e-mail: office@example.org
"""

TABLE = "Name\tStatus\tArticle\tSentence\n" + "".join(
    f"{name}\t{status}\t{article}\tsentenced to {term} in prison by the court of the city\n"
    for name, status, article, term in [
        ("Serik Bolatov", "convicted", "174", "five years"),
        ("Yerlan Kassymov", "convicted", "405", "four years"),
        ("Aigerim Tulegenova", "pre-trial", "274", "no term yet"),
    ]
)

NAMES = """\
Political prisoners in the Zhanaozen case:
Serik Bolatov
Yerlan Kassymov
Timur Baimukhanov
Nurlan Ospanov
Гульнара Жаксыбекова
Марат Жыланбаев
"""


@pytest.mark.parametrize("text", [
    "\n".join(p for block in NEWS_EN + DIGEST_EN for p in block) + "\n",
    plain(NUMBERED_RU + NEWS_RU),
    plain(BULLETS_EN),
    POEM, ADDRESS, TABLE, NAMES,
    POEM.replace("\n", "\r\n"),
    "\n".join(textwrap.fill(p, 72) for block in NEWS_EN for p in block).replace("\n", "  \n\n"),
], ids=["paragraph-per-line", "ru-paragraph-per-line", "bullets", "poem", "address", "table",
        "names", "poem-crlf", "every-line-a-paragraph"])  # fmt: skip
def test_text_that_is_not_hard_wrapped_is_kept_byte_for_byte(text):
    assert wrap_width(text.replace("\r\n", "\n").split("\n")) is None
    assert capture(text) == text.replace("\r\n", "\n")


def test_real_documents_with_a_paragraph_per_line_are_kept():
    """Every real excerpt of tests/extract/data/real but the one digest with hard line breaks,
    and the seeds, have lines of very different lengths: none is touched."""
    paths = sorted(REAL.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 20
    for path in paths:
        if path.name != "en-viasna-2011-parole-digest.txt":
            text = path.read_text(encoding="utf-8")
            assert unwrap(text) is text, path.name


def test_seed_002_is_not_wrapped():
    raw = (SEEDS / "002_4d79a11425cdae3c.txt").read_bytes()
    assert load_bytes(raw, origin="002.txt").text == raw.decode("utf-8")


# --- hostile input ------------------------------------------------------------------------

WORD = st.sampled_from([
    "the", "court", "sentenced", "Serik", "Bolatov", "to", "five", "years", "in", "prison.",
    "суд", "приговорил", "Ерлана", "Касымова", "к", "годам.", "pre-trial", "polit-", "ical",
    "1.", "2.", "–", "-", "•", "Article", "405.", "UNDER", "ARREST", "a)", ">", "|", "\t",
    "\u00ad", "условно-", "досрочно", "CONVICTED:", "«Мемориал»", "(minor)",
]) | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


def core(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u00ad]", "", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(WORD, min_size=1, max_size=60), min_size=1, max_size=8),
       st.integers(20, 170), st.sampled_from(["\n", "\n\n", "\n  \n"]), st.booleans())
def test_unwrap_only_moves_line_breaks_and_hyphens(paragraphs, width, gap, wrap):
    """Wrapped or not, whatever the words: every character but whitespace and the hyphens of
    mended words stays, in order; a text left alone is the same string."""
    texts = [" ".join(words) for words in paragraphs]
    if wrap:
        texts = [textwrap.fill(t, width, break_long_words=False) for t in texts]
    text = gap.join(texts)
    out = unwrap(text)
    assert core(out) == core(text)
    assert out.count("\n") <= text.count("\n")
    if wrap_width(text.split("\n")) is None:
        assert out is text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_unwrap_never_fails_on_any_text(text):
    out = unwrap(text)
    assert core(out) == core(text)


def test_a_megabyte_of_one_word_lines():
    raw = ("Bolatov\nsentenced\nto\nfive\nyears\n" * 40_000).encode()
    assert len(raw) > 1_000_000
    assert load_bytes(raw, origin="words.txt", max_bytes=2_000_000).text == raw.decode()
    # reflow itself, told the lines were wrapped, still reads them in one pass
    lines = [Line(w) for w in raw.decode().split()]
    assert core(reflow(lines, wrap_width=72)) == core(raw.decode())


def test_a_megabyte_without_a_line_break():
    raw = ("Serik Bolatov was sentenced to five years in prison under Article 174. " * 15_000)
    assert len(raw) > 1_000_000
    assert load_bytes(raw.encode(), origin="one.txt", max_bytes=2_000_000).text == raw


def test_a_megabyte_of_wrapped_text_is_rejoined():
    paragraph = NEWS_EN[1][0] + " " + NEWS_EN[1][1]
    text = "\n\n".join([paragraph] * 2_000)
    raw = "\n\n".join([textwrap.fill(paragraph, 72)] * 2_000)
    assert len(raw.encode()) > 1_000_000
    assert load_bytes(raw.encode(), origin="big.txt", max_bytes=2_000_000).text == text
