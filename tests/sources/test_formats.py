"""Format detection, text decoding, and PDF/DOCX extraction on documents made from seeds."""

from __future__ import annotations

import io
import zipfile

import pytest

from casefile.errors import CaptureError
from casefile.sources.formats import decode_text, detect, plausible_cyrillic
from casefile.sources.load import load_bytes

from .conftest import KAZAKH, RUSSIAN, key_sentences, make_docx, norm

# --- plain text ------------------------------------------------------------------------


def test_seed_text_is_kept_exactly(seeds):
    for name, text in seeds.items():
        doc = load_bytes(text.encode("utf-8"), origin=name)
        assert doc.kind == "text" and doc.media_type == "text/plain"
        assert doc.text == text  # offsets into this text are quoted later
        assert doc.language == "en"


def test_newlines_normalised_and_nothing_else():
    raw = "  Line one\r\nLine two\rLine  three\u00a0\n".encode()
    assert decode_text(raw) == "  Line one\nLine two\nLine  three\u00a0\n"


def test_utf8_bom_is_stripped():
    assert decode_text("\ufeffПривет".encode()) == "Привет"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    text = RUSSIAN + "\r\n" + KAZAKH
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    assert decode_text(raw) == RUSSIAN + "\n" + KAZAKH


def test_cp1251_russian_is_recovered():
    doc = load_bytes((RUSSIAN + " «Свобода» — №5.").encode("cp1251"), origin="ru.txt")
    assert doc.text.startswith("Суд Алматы приговорил")
    assert doc.language == "ru"


def test_invalid_utf8_that_is_not_cyrillic_is_refused():
    latin1 = "Müller und Söhne fuhren über die Grenze, Straße für Straße.".encode("cp1252")
    with pytest.raises(CaptureError, match=r"not valid UTF-8 text \(byte 0xfc at offset 1\)"):
        decode_text(latin1)
    with pytest.raises(CaptureError, match="not valid UTF-8"):
        decode_text(b"valid start \xc3\x28 then \xa0\xa1 broken")
    # Stray high bytes in English text read as "яюъ ... ЂЃ" in Windows-1251: still refused.
    with pytest.raises(CaptureError, match=r"byte 0xff at offset 9\) and not plausible"):
        decode_text(b"Activist \xff\xfe\xfa was detained \x80\x81 " * 50)


def test_mojibake_is_not_plausible_cyrillic():
    assert plausible_cyrillic(RUSSIAN)
    assert not plausible_cyrillic("ПрИвЕтМиР кАзАхСтАн")  # random case flips
    assert not plausible_cyrillic("Mьller und Sцhne")  # Latin-1 read as cp1251
    assert not plausible_cyrillic("Джакишев Ђ Ѓ Љ Њ освобожден")  # Serbian letters = stray bytes
    assert plausible_cyrillic("The report quotes: «Суд приговорил активиста к пяти годам».")


@pytest.mark.parametrize("raw", [b"", b"   ", b"\n\r\n\t  \n", "\ufeff  \n".encode()])
def test_empty_source(raw):
    with pytest.raises(CaptureError, match="^empty source$"):
        load_bytes(raw, origin="empty.txt")


def test_binary_bytes_that_decode_are_not_text():
    with pytest.raises(CaptureError, match="unknown format: binary data"):
        load_bytes(b"\x00\x01\x02\x03 some \x04\x05\x06 bytes", origin="x")


# --- detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50), "legacy Microsoft Office"),
        (b"{\\rtf1\\ansi Hello}", "RTF"),
        (b"<?xml version='1.0'?><rss><channel/></rss>", "XML document"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>", "XML"),
    ],
)
def test_refused_formats_are_named(raw, name):
    with pytest.raises(CaptureError, match=f"^unknown format: {name}"):
        detect(raw)


def test_zip_that_is_not_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(CaptureError, match="ZIP archive that is not a DOCX"):
        load_bytes(buf.getvalue(), origin="report.docx")  # the name lies; bytes decide


def test_detection_ignores_misleading_content_and_names(seeds, seed_pdfs):
    pdf = next(iter(seed_pdfs.values()))
    assert load_bytes(pdf, origin="report.html").kind == "pdf"
    text = next(iter(seeds.values()))
    assert load_bytes(text.encode(), origin="report.pdf").kind == "text"
    # Text mentioning a tag in passing stays text; markup at the start makes HTML.
    assert detect(b"We discuss the <p> tag and <div> tags in prose.") == "text"
    assert detect(b"\n  <p>Short fragment of a page</p>") == "html"
    assert detect(b"<!-- saved page -->\n<!DOCTYPE html><html><body>x</body></html>") == "html"


# --- PDF -------------------------------------------------------------------------------


def test_seed_pdf_keeps_key_sentences(seeds, seed_pdfs):
    for name, text in seeds.items():
        doc = load_bytes(seed_pdfs[name], origin=name + ".pdf")
        assert doc.kind == "pdf" and doc.media_type == "application/pdf"
        assert doc.title == f"Seed {name}"
        assert doc.language == "en"
        for sentence in key_sentences(text):
            assert sentence in norm(doc.text)


def test_kazakh_pdf(kazakh_pdf):
    doc = load_bytes(kazakh_pdf, origin="kk.pdf")
    assert norm(KAZAKH) in norm(doc.text)
    assert doc.language == "kk"


def test_truncated_pdf_is_broken(seed_pdfs):
    pdf = next(iter(seed_pdfs.values()))
    with pytest.raises(CaptureError, match="^broken PDF: "):
        load_bytes(pdf[: len(pdf) // 2], origin="half.pdf")


def test_corrupt_pdf_with_an_end_marker_is_broken(caplog):
    with pytest.raises(CaptureError, match="^broken PDF: "):
        load_bytes(b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n", origin="bad.pdf")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]  # one line, no noise


def test_pdf_without_text_layer():
    import weasyprint

    blank = weasyprint.HTML(string="<div style='height: 5cm'></div>").write_pdf()
    with pytest.raises(CaptureError, match=r"^PDF has no text layer \(scanned\?\)$"):
        load_bytes(blank, origin="scan.pdf")


def test_encrypted_pdf(seed_pdfs):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(next(iter(seed_pdfs.values()))))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(CaptureError, match="encrypted PDF"):
        load_bytes(buf.getvalue(), origin="locked.pdf")


# --- DOCX ------------------------------------------------------------------------------


def test_seed_docx_keeps_key_sentences_and_tables(seeds):
    for name, text in seeds.items():
        paragraphs = [p for p in text.split("\n") if p.strip()]
        raw = make_docx(paragraphs, table=[["Name", "Article"], ["Tablerow Person", "176"]])
        doc = load_bytes(raw, origin=name + ".docx")
        assert doc.kind == "docx" and doc.title == "Seed document"
        for sentence in key_sentences(text):
            assert sentence in norm(doc.text)
        assert "Name\tArticle\nTablerow Person\t176\nAfter the table." in doc.text
        assert doc.text.index(paragraphs[-1]) < doc.text.index("Tablerow Person")


def test_corrupt_docx(seeds):
    raw = make_docx(["Some text."])
    with pytest.raises(CaptureError, match="broken"):
        load_bytes(raw[: len(raw) // 2], origin="cut.docx")
    # A valid zip with word/document.xml that is not a Word document.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not-word/>")
    with pytest.raises(CaptureError, match="^broken DOCX: "):
        load_bytes(buf.getvalue(), origin="fake.docx")


def test_docx_zip_bomb_is_refused_before_unpacking():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/padding.bin", bytes(3_000_000))  # compresses to ~3 KB
    raw = buf.getvalue()
    assert len(raw) < 20_000
    with pytest.raises(CaptureError, match=r"^DOCX unpacked is 2\.9 MB, over the 1 MB limit"):
        load_bytes(raw, origin="bomb.docx", max_bytes=1024 * 1024)
