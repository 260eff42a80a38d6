"""Which format a source is, decided from its bytes, and its plain text.

Sources are hostile input and file names lie (a ".pdf" that is an HTML error page is common
when a download fails), so the format comes from magic numbers and content only. Every
failure is a `CaptureError` with one line naming the problem; nothing here may crash on
arbitrary bytes.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from casefile.errors import CaptureError
from casefile.sources.hardwrap import unwrap

# Binary formats we recognise only to refuse them with a helpful name.
REFUSED_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office file; save it as DOCX or PDF"),
    (b"{\\rtf", "RTF document; save it as DOCX or PDF"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"%!PS", "PostScript file"),
]

# Byte-order marks, longest first: a UTF-32-LE BOM begins with the UTF-16-LE one.
BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Tags that make a document HTML wherever they sit in the first KB...
STRONG_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
# ...and tags that do so only when the document starts with markup.
WEAK_HTML = re.compile(
    r"<(?:title|meta|script|style|iframe|div|p|h[1-6]|table|a\s|br|ul|ol|article|main)[\s>/]",
    re.IGNORECASE,
)
# Punctuation that Russian text in Windows-1251 legitimately uses outside ASCII.
CP1251_PUNCT = set("«»—–„“”‘’…№•\u00a0°±§©®™")
# Letters real Windows-1251 documents in our languages use: the Russian alphabet and the
# Ukrainian/Belarusian extras (і is also Kazakh). Not Ђ Ѓ Љ Њ Ќ Ћ Џ Ј Ѕ: those mark mojibake.
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CP1251_LETTERS = frozenset(_RU + _RU.upper() + "іїєґўІЇЄҐЎ")
# C0 and C1 controls (Unicode category Cc) except tab, newline, vertical tab, form feed.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def detect(raw: bytes) -> str:
    """Return "pdf", "docx", "html" or "text" for these bytes, or raise CaptureError."""
    if not raw or raw.isspace():
        raise CaptureError("empty source")
    head = raw[:1024]
    if _is_pdf(head):
        return "pdf"
    if _is_zip(head):
        return _zip_kind(raw)
    for magic, name in REFUSED_MAGIC:
        if head.startswith(magic):
            raise CaptureError(f"unknown format: {name}")
    text_head = decode_head(head).lstrip("\ufeff \t\r\n").lower()
    if STRONG_HTML.search(text_head):
        return "html"
    if text_head.startswith(("<?xml", "<svg", "<rss", "<feed")):
        raise CaptureError("unknown format: XML document that is not HTML "
                           "(an RSS or Atom feed is captured with --listing)")
    if text_head.startswith("<") and WEAK_HTML.search(text_head):
        return "html"
    return "text"


def is_packaged(raw: bytes) -> bool:
    """Is this a PDF or a ZIP, bytes that only a large third-party parser opens? Decided from
    the first bytes alone, as `detect` decides first."""
    return _is_pdf(raw[:1024]) or _is_zip(raw[:4])


def _is_pdf(head: bytes) -> bool:
    return head.lstrip(b" \t\r\n\f\x00").startswith(b"%PDF-")


def _is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _zip_kind(raw: bytes) -> str:
    """A ZIP is accepted only as DOCX: other archives could hide anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = set(zf.namelist())
    except Exception as exc:  # hostile bytes: any zipfile failure means a broken archive
        raise CaptureError(f"broken ZIP/DOCX archive: {exc}") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise CaptureError("unknown format: OpenDocument file; save it as DOCX or PDF")
    raise CaptureError("unknown format: a ZIP archive that is not a DOCX document")


def decode_head(head: bytes) -> str:
    """Enough of a decoding to look for tags: BOM-aware, never failing."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.decode("latin-1")


def decode_text(raw: bytes, declared: str | None = None) -> str:
    """Decode text bytes, normalise newlines to \\n, and change nothing else.

    Order: a BOM wins, then a declared charset (HTTP header or HTML meta), then strict
    UTF-8, then Windows-1251 only if the result reads as Cyrillic text. Offsets into the
    returned string are quoted later, so no other normalisation (no NFC, no trimming) is done.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return _finish(raw[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                where = exc.start + len(bom)
                raise CaptureError(
                    f"not valid {encoding.upper()} text ({exc.reason} at byte {where})"
                ) from None
    codec = _usable_codec(declared)
    if codec is not None:
        try:
            return _finish(raw.decode(codec))
        except UnicodeDecodeError:
            pass  # the declaration lied; fall back to the bytes themselves
    try:
        return _finish(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        try:
            guess = raw.decode("cp1251")
        except UnicodeDecodeError:
            guess = ""
        if guess and plausible_cyrillic(guess):
            return _finish(guess)
        raise CaptureError(
            f"not valid UTF-8 text (byte 0x{bad:02x} at offset {exc.start}) "
            "and not plausible Windows-1251 Cyrillic"
        ) from None


def _usable_codec(label: str | None) -> str | None:
    """A declared charset we are willing to trust, mapped the way browsers map it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a declaration can't switch to UTF-16 without a BOM
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name in ("utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode"):
        return None
    return name


def plausible_cyrillic(text: str) -> bool:
    """Does Windows-1251-decoded text read like Russian rather than mojibake?

    Non-UTF-8 Russian files are usually Windows-1251, but almost any bytes decode in it, so
    the guess is accepted only when: the non-ASCII characters are Russian (or Ukrainian,
    Belarusian) letters and Russian punctuation, not the Serbian and Macedonian letters that
    stray bytes 0x80-0xBF turn into; Cyrillic makes up a fair share of all letters; words do
    not mix scripts; and capitals do not jump up inside lowercase words. Random bytes and
    Western Latin-1 text fail these.
    """
    sample = text[:200_000]  # a heuristic; a sample keeps it fast on 50 MB files
    non_ascii = [ch for ch in sample if ord(ch) > 127]
    cyr = sum(1 for ch in non_ascii if ch in CP1251_LETTERS)
    strange = sum(1 for ch in non_ascii if ch not in CP1251_LETTERS and ch not in CP1251_PUNCT)
    letters = sum(1 for ch in sample if ch.isalpha())
    if cyr < 3 or strange > 0.02 * len(non_ascii) or cyr < 0.3 * letters:
        return False
    words = [w for w in re.findall(r"\w+", sample) if any(c in CP1251_LETTERS for c in w)]
    mixed = sum(1 for w in words if any(c.isascii() and c.isalpha() for c in w))
    if mixed > 0.05 * len(words):
        return False
    pairs = [(a, b) for w in words for a, b in zip(w, w[1:], strict=False)]
    jumps = sum(1 for a, b in pairs if a.islower() and b.isupper())
    return jumps <= 0.05 * max(len(pairs), 1)


def _finish(text: str) -> str:
    """Normalise newlines; refuse binary data and text with nothing in it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise CaptureError("unknown format: binary data (NUL bytes in what should be text)")
    controls = len(CONTROLS.findall(text))
    if controls > 0.005 * len(text):
        raise CaptureError("unknown format: binary data (control characters in text)")
    if not text.strip():
        raise CaptureError("empty source")
    return text


def extract(
    raw: bytes, kind: str, *, max_bytes: int, charset: str | None = None,
    max_pdf_pages: int | None = None,
) -> tuple[str, str | None]:
    """(text, title) of bytes already identified as `kind` by `detect`. Plain text, and the
    main text of a page, that were hard-wrapped at a fixed width get their paragraphs back
    (hardwrap.py); PDF and DOCX text is reflowed by its own readers."""
    if kind == "text":
        return unwrap(decode_text(raw, charset)), None
    if kind == "html":
        from casefile.sources.htmltext import html_text

        text, title = html_text(decode_text(raw, html_charset(raw, charset)))
        return unwrap(text), title
    if kind == "pdf":
        from casefile.sources.packaged import pdf_text

        return pdf_text(raw, max_pages=max_pdf_pages)
    if kind == "docx":
        from casefile.sources.packaged import docx_text

        return docx_text(raw, max_bytes=max_bytes)
    raise ValueError(f"unknown kind {kind!r}")


META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def html_charset(raw: bytes, header: str | None) -> str | None:
    """The HTTP header's charset wins over a <meta> charset in the first KB."""
    if header:
        return header
    found = META_CHARSET.search(raw[:1024])
    return found.group(1).decode("ascii") if found else None
