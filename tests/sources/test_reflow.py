"""PDF and DOCX text comes back as paragraphs: a PDF yields the claims its text yields.

The documents are written here, about fictional persons, in the layouts real publishers use
(none of their sentences is copied):
- a news report of a verdict;
- a list of political prisoners: a lead-in stating a count, bulleted groups of names with role
  words, a status heading in capitals, numbered "Name – facts" entries, as in the Open
  Dialogue Foundation's lists (https://en.odfoundation.eu/a/8958, /a/8625) and KIBHR's
  (https://bureau.kz/en/news/other_sources/the_list_of_kazakhstani_political_prisoners_and_persons_subjected_to_politically_motivated_prosecution);
  and a table of names and statuses;
- a Russian report of a verdict in the manner of RFE/RL's Kazakh service
  (https://drvpu8u8hwoyd.cloudfront.net/a/31502832.html), with a heading in capitals inside
  guillemets as Tirek sets them (https://tirek.info/?p=24995).
Each is rendered as a publisher would (WeasyPrint to PDF on narrow pages, so that every
paragraph wraps and words are hyphenated; python-docx to DOCX), captured, and compared with
the plain text it was made from.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.extract.document import extract
from casefile.sources.load import load_bytes
from casefile.sources.reflow import Line, reflow

from .conftest import norm


@dataclass(frozen=True)
class Block:
    """One block of a test document: h1, h2, p, ol, ul or table."""

    kind: str
    content: str | tuple[str, ...] | tuple[tuple[str, ...], ...]


NEWS_EN = (
    Block("h1", "Northland court jails activist for seven years"),
    Block("p", "On 5 May 2022 the Northland City Court sentenced activist Marat Zhylanbayev "
               "to seven years in prison under Article 405. His lawyer Dana Orlova said the "
               "verdict was unlawful and politically motivated, and that the defence would "
               "appeal."),
    Block("p", "The journalist Aigerim Tulegenova was detained on 12 January 2023 in Almaty. "
               "She was charged under Article 274 for spreading false information and placed "
               "in pre-trial detention for two months."),
    Block("p", "Human rights defenders recognised both as political prisoners and called for "
               "their unconditional release."),
)

LIST_EN = (
    Block("h1", "List of political prisoners of Northland"),
    Block("p", "Seven people are being held in prison:"),
    Block("ul", ("civil society activists Serik Bolatov and Yerlan Kassymov;",
                 "trade union activist Nurlan Ospanov;",
                 "journalists Gulnara Zhaksybekova and Timur Baimukhanov.")),
    Block("h2", "CONVICTED"),
    Block("ol", ("Bakhyt Sultanov – on 3 March 2021 sentenced to five years in prison under "
                 "Article 174 of the Criminal Code for posts on social networks.",
                 "Zhanna Akhmetova – on 14 February 2023 sentenced to three years of "
                 "restriction of liberty under Article 405.",
                 "Daulet Seitkali – detained on 2 June 2023 and placed under house arrest.")),
    Block("table", (("Name", "Status", "Article"),
                    ("Ruslan Mamyrov", "convicted", "405"),
                    ("Asel Nurkina", "pre-trial", "274"))),
)

NEWS_RU = (
    Block("h1", "Суд приговорил активиста к пяти годам"),
    Block("p", "22 августа 2021 года суд приговорил гражданского активиста Асылбека "
               "Нурдаулетова к пяти годам лишения свободы по части 2 статьи 174 Уголовного "
               "кодекса. Правозащитники назвали приговор политическим преследованием."),
    Block("h2", "«ПОД ДОМАШНИМ АРЕСТОМ»"),
    Block("p", "Журналистка Динара Сапарова задержана 3 марта 2022 года в Нур-Султане и "
               "помещена под домашний арест. Ей предъявлено обвинение в распространении "
               "заведомо ложной информации."),
    Block("ol", ("Ерлан Кадыров – осуждён к трём годам ограничения свободы.",
                 "Мадина Жумабекова – освобождена условно-досрочно в мае 2023 года.")),
)

DOCUMENTS = {"news-en": NEWS_EN, "list-en": LIST_EN, "news-ru": NEWS_RU}
LANGUAGES = {"news-en": "en", "list-en": "en", "news-ru": "ru"}


def paragraphs(blocks: tuple[Block, ...]) -> list[str]:
    """The document as plain text paragraphs: list items with their markers, rows tabbed."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "ol":
            out += [f"{n}. {item}" for n, item in enumerate(block.content, 1)]
        elif block.kind == "ul":
            out += [f"• {item}" for item in block.content]
        elif block.kind == "table":
            out += ["\t".join(row) for row in block.content]
        else:
            assert isinstance(block.content, str)
            out.append(block.content)
    return out


RUNNING = {
    "none": "",
    "title and page of pages": (
        "@top-center { content: 'Northland Watch · Annual report'; font-size: 7pt }"
        "@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 7pt }"),
    "bare page number": "@bottom-center { content: counter(page); font-size: 8pt }",
}


def page_html(blocks: tuple[Block, ...], *, lang: str, width: str, hyphens: str = "auto",
              running: str = "none") -> str:
    """The document as a publisher's HTML page; `hyphens="manual"` puts soft hyphens in long
    words instead of letting the renderer hyphenate."""

    def esc(text: str) -> str:
        text = html_lib.escape(text)
        if hyphens == "manual":  # a soft hyphen in the middle of every long word
            text = re.sub(r"\w{9,}", lambda m: m[0][:4] + "\u00ad" + m[0][4:], text)
        return text

    body = []
    for block in blocks:
        if block.kind in ("ol", "ul"):
            items = "".join(f"<li>{esc(item)}</li>" for item in block.content)
            body.append(f"<{block.kind}>{items}</{block.kind}>")
        elif block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                           for row in block.content)
            # Rows that fit the page: a cell wrapped over lines is not read back as a row.
            body.append(f"<table style='font-size: 7pt; white-space: nowrap'>{rows}</table>")
        else:
            body.append(f"<{block.kind}>{esc(block.content)}</{block.kind}>")  # type: ignore
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width} 14cm; margin: 1.2cm 0.8cm; {RUNNING[running]} }}"
        f"body {{ font-family: 'DejaVu Sans'; font-size: 9pt; hyphens: {hyphens} }}"
        "h1 { font-size: 14pt } h2 { font-size: 11pt }"
        f"</style></head><body>{''.join(body)}</body></html>"
    )


def render_pdf(markup: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=markup).write_pdf()


def captured_pdf(name: str, **options: object) -> str:
    blocks = DOCUMENTS[name]
    raw = render_pdf(page_html(blocks, lang=LANGUAGES[name], **options))  # type: ignore[arg-type]
    return load_bytes(raw, origin=f"{name}.pdf").text


def lines_of(text: str) -> list[str]:
    return [norm(line) for line in text.split("\n") if line.strip()]


def claims(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(f.predicate, f.value, f.mention) for f in extract(text, lang)}


# --- PDF ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize(("width", "hyphens"), [("6cm", "auto"), ("8.5cm", "manual"),
                                                ("11cm", "auto")])
def test_pdf_lines_are_the_paragraphs_of_the_text(name, width, hyphens):
    text = captured_pdf(name, width=width, hyphens=hyphens)
    assert lines_of(text) == [norm(p) for p in paragraphs(DOCUMENTS[name])]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_rendering_really_wraps_and_hyphenates(name):
    """The raw page text breaks sentences and words; without reflow it is not the text."""
    lines = raw_lines(render_pdf(page_html(DOCUMENTS[name], lang=LANGUAGES[name], width="6cm")))
    assert len(lines) > 2 * len(paragraphs(DOCUMENTS[name]))
    assert any(ln.rstrip().endswith("\u2010") for ln in lines)  # the renderer's hyphens


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("width", ["6cm", "9cm"])
def test_pdf_gives_the_claims_of_its_text(name, width):
    """The issue's criterion: a PDF yields the same claims as the same text."""
    lang = LANGUAGES[name]
    text = "\n".join(paragraphs(DOCUMENTS[name]))
    expected = claims(text, lang)
    assert expected, "the text itself must give claims for this comparison to mean anything"
    assert claims(captured_pdf(name, width=width), lang) == expected


@pytest.mark.parametrize("running", ["title and page of pages", "bare page number"])
@pytest.mark.parametrize("name", ["news-en", "news-ru"])
def test_running_heads_and_page_numbers_are_dropped(name, running):
    raw = render_pdf(page_html(DOCUMENTS[name], lang=LANGUAGES[name], width="6cm",
                               running=running))
    heads = [ln for ln in raw_lines(raw) if "Northland Watch" in ln or ln.strip().isdigit()
             or ln.startswith("Page")]
    assert len(heads) >= 2  # on every page of at least two
    text = load_bytes(raw, origin=f"{name}.pdf").text
    assert "Northland Watch" not in text and "Page" not in text
    assert lines_of(text) == [norm(p) for p in paragraphs(DOCUMENTS[name])]


def test_pdf_text_keeps_its_hyphenated_compounds():
    """A compound broken at its own hyphen keeps it when the document spells it so elsewhere."""
    markup = page_html((Block("p", "x"),), lang="en", width="20cm").replace(
        "<p>x</p>",
        "<p>She was kept in pre-<br>trial detention; pre-trial detention was extended.</p>"
        "<p>The court ruled the case polit-<br>ical and the inves-<br>tigation unlawful.</p>"
        "<p>The activist from Нур-<br>Султан was released.</p>",
    )
    text = load_bytes(render_pdf(markup), origin="h.pdf").text
    assert lines_of(text) == [
        "She was kept in pre-trial detention; pre-trial detention was extended.",
        "The court ruled the case political and the investigation unlawful.",
        "The activist from Нур-Султан was released.",
    ]


def test_footnotes_do_not_split_a_paragraph_over_a_page_break():
    """A footnote set small at the foot of a page goes after the paragraph it interrupted."""
    note = "See the court record of 14 January 2023, case No. 7512-23-00-1/155."
    sentences = [
        "The journalist Aigerim Tulegenova was detained on 12 January 2023 in Almaty and "
        "charged under Article 274 for spreading false information{call} and placed in "
        "pre-trial detention for two months.",
        "Her lawyer Dana Orlova appealed against the detention order, and the appeal court "
        "upheld it on 2 February 2023 without hearing the defence.",
    ] * 4
    call = "<span style='float: footnote; font-size: 7pt'>" + note + "</span>"
    body = " ".join(sentences).replace("{call}", call, 1).replace("{call}", "")
    markup = page_html((Block("p", "x"), Block("p", "Human rights defenders objected.")),
                       lang="en", width="9cm").replace("<p>x</p>", f"<p>{body}</p>")
    markup = markup.replace("</style>", "::footnote-call { content: counter(footnote) }"
                            "::footnote-marker { content: counter(footnote) '. ' }</style>")
    raw = render_pdf(markup)
    assert any(ln.startswith("1. See the court") for ln in raw_lines(raw)[:-3])  # mid-text
    text = load_bytes(raw, origin="notes.pdf").text
    expected = " ".join(sentences).replace("{call}", "1", 1).replace("{call}", "")
    assert lines_of(text) == [expected, f"1. {note}", "Human rights defenders objected."]


# --- hostile PDFs: must end, and still read right -----------------------------------------


def raw_lines(raw: bytes) -> list[str]:
    """The lines pypdf reads off the pages, before any reflow."""
    import pypdf

    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(raw)).pages]
    return [ln for page in pages for ln in page.split("\n") if ln.strip()]


def test_pdf_with_one_word_per_line():
    sentence = ("On 5 May 2022 the court sentenced activist Marat Zhylanbayev to seven years "
                "in prison under Article 405. ") * 40
    markup = page_html((Block("p", sentence.strip()),), lang="en", width="20cm",
                       hyphens="none").replace("<p>", "<p style='width: 1px'>")
    raw = render_pdf(markup)
    assert len(raw_lines(raw)) == len(sentence.split())
    text = load_bytes(raw, origin="words.pdf").text
    assert norm(text) == norm(sentence)
    assert len(lines_of(text)) <= 40  # at most one line per sentence, not one per word


def test_pdf_whose_every_line_ends_in_a_hyphen():
    words = ["Zhylanbayevich", "Tulegenovskaya", "politicheskikh", "presledovaniye"] * 60
    soft = " ".join(w[:5] + "\u00ad" + w[5:] for w in words)
    markup = page_html((Block("p", soft + "."),), lang="en", width="3cm", hyphens="none")
    raw = render_pdf(markup.replace("<p>", "<p style='hyphens: manual'>"))
    lines = raw_lines(raw)
    assert sum(ln.rstrip().endswith("\u2010") for ln in lines) == len(words)
    text = load_bytes(raw, origin="hyphens.pdf").text
    assert norm(text) == " ".join(words) + "."


# --- DOCX ----------------------------------------------------------------------------------


def make_docx(blocks: tuple[Block, ...], *, breaks_at: int = 0) -> bytes:
    """The document as Word would save it: headings, Word's own numbered and bulleted lists,
    a table; with `breaks_at`, paragraphs carry manual line breaks (w:br) every so many
    words, as text pasted from a laid-out page does."""
    import docx

    document = docx.Document()
    for block in blocks:
        if block.kind in ("h1", "h2"):
            document.add_heading(block.content, level=int(block.kind[1]))
        elif block.kind in ("ol", "ul"):
            style = "List Number" if block.kind == "ol" else "List Bullet"
            for item in block.content:
                document.add_paragraph(item, style=style)
        elif block.kind == "table":
            table = document.add_table(rows=len(block.content), cols=len(block.content[0]))
            for r, row in enumerate(block.content):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            assert isinstance(block.content, str)
            words = block.content.split()
            paragraph = document.add_paragraph()
            step = breaks_at or len(words)
            for k in range(0, len(words), step):
                run = paragraph.add_run(" ".join(words[k : k + step]))
                if k + step < len(words):
                    run.add_break()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_docx_lines_are_the_paragraphs_with_list_numbers_and_table_rows(name):
    text = load_bytes(make_docx(DOCUMENTS[name]), origin=f"{name}.docx").text
    assert text.split("\n") == paragraphs(DOCUMENTS[name])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_docx_with_line_breaks_gives_the_claims_of_its_text(name):
    lang = LANGUAGES[name]
    raw = make_docx(DOCUMENTS[name], breaks_at=9)
    text = load_bytes(raw, origin=f"{name}.docx").text
    expected = claims("\n".join(paragraphs(DOCUMENTS[name])), lang)
    assert expected and claims(text, lang) == expected


def test_docx_keeps_line_breaks_the_writer_meant():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Released in 2023:")
    for name in ("Serik Bolatov", "Nurlan Ospanov", "Гульнара Жаксыбекова"):
        paragraph.add_run().add_break()
        paragraph.add_run(name)
    cell_table = document.add_table(rows=1, cols=2)
    cell_table.cell(0, 0).text = "Yerlan Kassymov"
    cell_table.cell(0, 1).paragraphs[0].add_run("sentenced to")
    cell_table.cell(0, 1).paragraphs[0].add_run().add_break()
    cell_table.cell(0, 1).paragraphs[0].add_run("five years")
    buf = io.BytesIO()
    document.save(buf)
    text = load_bytes(buf.getvalue(), origin="br.docx").text
    assert text.split("\n") == [
        "Released in 2023:", "Serik Bolatov", "Nurlan Ospanov", "Гульнара Жаксыбекова",
        "Yerlan Kassymov\tsentenced to five years",
    ]


def test_docx_numbering_formats_and_levels():
    """Markers come from the numbering definitions: letters in "(a)", Roman numerals, and a
    second level "1.1." that restarts under each first-level item."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    rows = [(0, "Convicted"), (1, "Serik Bolatov, five years"), (1, "Nurlan Ospanov, two years"),
            (0, "Under house arrest"), (1, "Timur Baimukhanov")]
    for level, text in rows:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    text = load_bytes(buf.getvalue(), origin="levels.docx").text
    assert text.split("\n") == [
        "I. Convicted", "(a) Serik Bolatov, five years", "(b) Nurlan Ospanov, two years",
        "II. Under house arrest", "(a) Timur Baimukhanov",
    ]


# --- the rules on lines, without a renderer ------------------------------------------------


def test_a_paragraph_boundary_survives_blank_lines():
    lines = [Line("Serik Bolatov was released on parole"), Line("", hard=True),
             Line("in May 2023 after two years in a colony.")]
    assert reflow(lines).split("\n") == ["Serik Bolatov was released on parole",
                                          "in May 2023 after two years in a colony."]


def test_a_number_that_ends_a_sentence_is_not_a_list_item():
    lines = [Line("Two years ago the court sentenced the activist under Article"),
             Line("405. His lawyer appealed at once, but the verdict came in"),
             Line("2022. The appeal failed, and the activist was sent to a colony."),
             Line("1. Marat Zhylanbayev, in prison since the verdict of 2022.")]
    assert reflow(lines).split("\n") == [
        "Two years ago the court sentenced the activist under Article 405. His lawyer "
        "appealed at once, but the verdict came in 2022. The appeal failed, and the activist "
        "was sent to a colony.",
        "1. Marat Zhylanbayev, in prison since the verdict of 2022.",
    ]


def test_numbered_and_dashed_items_start_lines():
    lines = [Line("Held in prison:"), Line("1. Serik Bolatov, sentenced to five"),
             Line("years."), Line("2. Yerlan Kassymov, under house arrest"),
             Line("Released:"), Line("– Nurlan Ospanov"), Line("– Timur Baimukhanov")]
    assert reflow(lines).split("\n") == [
        "Held in prison:", "1. Serik Bolatov, sentenced to five years.",
        "2. Yerlan Kassymov, under house arrest", "Released:", "– Nurlan Ospanov",
        "– Timur Baimukhanov",
    ]


def test_a_dash_inside_a_sentence_is_not_a_bullet():
    lines = [Line("Serik Bolatov, a civil society activist from Almaty"),
             Line("– sentenced in 2021 – remains in prison.")]
    assert reflow(lines) == ("Serik Bolatov, a civil society activist from Almaty – "
                             "sentenced in 2021 – remains in prison.")


def test_headings_stay_and_wrapped_capitals_join():
    lines = [Line("UNDER ARREST IN A PRE-TRIAL"), Line("DETENTION FACILITY"),
             Line("Timur Baimukhanov was detained in Almaty in June and remains in custody."),
             Line("Background"),
             Line("The case began with posts on social networks criticising the government.")]
    assert reflow(lines).split("\n") == [
        "UNDER ARREST IN A PRE-TRIAL DETENTION FACILITY",
        "Timur Baimukhanov was detained in Almaty in June and remains in custody.",
        "Background",
        "The case began with posts on social networks criticising the government.",
    ]


def test_russian_hyphenation_and_compounds():
    lines = [Line("Суд освободил активиста условно-"), Line("досрочно; приговор полити‐"),
             Line("ческий, заявили в Нур-"), Line("Султане.")]
    assert reflow(lines) == ("Суд освободил активиста условно-досрочно; приговор "
                             "политический, заявили в Нур-Султане.")


def test_the_renderers_hyphen_goes_and_the_writers_stays():
    """A document whose renderer marks its breaks with U+2010 and whose writer uses U+002D
    inside words tells the two apart even for a compound it spells only once."""
    lines = [Line("The state railway and the banks of the second-"),
             Line("tier were subordinated to the presi\u2010"),
             Line("dential administration, the re\u2010"),
             Line("port on their co-operation says.")]
    assert reflow(lines) == ("The state railway and the banks of the second-tier were "
                             "subordinated to the presidential administration, the report on "
                             "their co-operation says.")
    plain = [Line(ln.text.replace("\u2010", "-")) for ln in lines]
    assert "secondtier" in reflow(plain)  # one character for both: no evidence, joined


def test_geometry_separates_paragraphs_a_text_alone_would_join():
    """A vertical gap and an indented first line are breaks, and a title wrapped in a larger
    font is one line, where the words alone would say otherwise."""
    rows = [("Annual report of", 700, 50, 16), ("Northland Watch", 681, 50, 16),
            ("Marat Zhylanbayev was sentenced on 5 May 2022 to", 658, 50, 10),
            ("seven years in prison under Article 405 of the code.", 646, 50, 10),
            ("Aigerim Tulegenova was detained on 12 January 2023", 618, 50, 10),
            ("in Almaty and charged under Article 274 of the code.", 606, 50, 10),
            ("Dana Orlova, her lawyer, appealed against the", 594, 62, 10),
            ("detention order.", 582, 50, 10)]
    placed = [Line(text, x=x, y=y, size=size) for text, y, x, size in rows]
    assert reflow(placed).split("\n") == [
        "Annual report of Northland Watch",
        "Marat Zhylanbayev was sentenced on 5 May 2022 to seven years in prison under "
        "Article 405 of the code.", "",
        "Aigerim Tulegenova was detained on 12 January 2023 in Almaty and charged under "
        "Article 274 of the code.",
        "Dana Orlova, her lawyer, appealed against the detention order.",
    ]
    words_only = reflow([Line(text) for text, *_ in rows]).split("\n")
    assert words_only[0] == "Annual report of" and len(words_only) == 3


LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
    max_size=40,
) | st.sampled_from(["1. Name", "• item", "– dash", "polit-", "ical", "ЗАГОЛОВОК", "Нур-",
                     "Султан", "soft\u00ad", "end.", "Next", "a)", "405. His"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LINE_TEXT, st.integers(0, 2), st.floats(-50, 800),
                          st.floats(0, 800), st.sampled_from([None, 0.0, 9.0, 10.0, 14.0]),
                          st.booleans(), st.booleans()), max_size=30),
       st.booleans())
def test_reflow_only_moves_line_breaks_and_hyphens(rows, deliberate):
    """Whatever the lines and their geometry, reflow keeps every character but whitespace,
    the hyphens at line ends it rejoins and soft hyphens."""
    lines = [Line(text, page=page, x=x, y=y, size=size, item=item, hard=hard)
             for text, page, x, y, size, item, hard in rows]
    out = reflow(lines, deliberate=deliberate)

    def core(text: str) -> str:
        return re.sub(r"[\s\-\u2010\u2011\u00ad]", "", text)

    assert core(out) == core("".join(ln.text for ln in lines))
    assert "\u00ad" not in out and "\n\n\n" not in out
