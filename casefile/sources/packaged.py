"""Text of the packaged formats: PDF (pypdf) and DOCX (python-docx).

Both parsers are large third-party code run on hostile bytes, so every failure inside them is
turned into a one-line CaptureError rather than a traceback: the raw bytes are still worth
keeping, but the editor must know the text could not be read. A DOCX is a ZIP, so its total
uncompressed size is checked against the source limit before anything is decompressed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zipfile
from collections.abc import Iterator
from typing import Any

from casefile.errors import CaptureError
from casefile.sources.document import too_big

MAX_ZIP_ENTRIES = 10_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_text(raw: bytes) -> tuple[str, str | None]:
    """Pages' text joined by a blank line, and the title from the PDF's metadata."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%%EOF" not in raw[-2048:]:
        raise CaptureError("broken PDF: no %%EOF marker at the end (truncated download?)")
    try:
        with _quiet("pypdf"):
            reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                # Many PDFs are "encrypted" with an empty user password only to restrict
                # printing; those open with "". Anything else needs the password.
                raise CaptureError("encrypted PDF: it needs a password to open")
            pages = [page.extract_text() or "" for page in reader.pages]
            title = _pdf_title(reader)
    except CaptureError:
        raise
    except (DependencyError, FileNotDecryptedError) as exc:
        raise CaptureError(f"encrypted PDF that cannot be decrypted here: {exc}") from None
    except Exception as exc:  # hostile input: any parser failure means a broken file
        raise CaptureError(f"broken PDF: {_why(exc)}") from None
    text = "\n\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError("PDF has no text layer (scanned?)")
    return text, title


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Mute a parser's warnings about a damaged file while it runs.

    pypdf logs a warning for every repair it attempts on a hostile file; the user gets one
    CaptureError line instead, which is what the CLI and the web report.
    """
    logger = logging.getLogger(logger_name)
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _pdf_title(reader: Any) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a broken info dictionary should not sink a readable PDF
        return None
    title = " ".join(str(title).split()) if title else ""
    return title[:500] or None


def docx_text(raw: bytes, *, max_bytes: int) -> tuple[str, str | None]:
    """Paragraphs and table cells in document order, one per line; title from core properties."""
    _check_zip(raw, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        lines = list(_block_lines(document.element.body))
        title = " ".join((document.core_properties.title or "").split())[:500] or None
    except Exception as exc:  # hostile input: any parser failure means a broken file
        raise CaptureError(f"broken DOCX: {_why(exc)}") from None
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError("DOCX has no text")
    return text, title


def _check_zip(raw: bytes, max_bytes: int) -> None:
    """Refuse ZIP bombs by the sizes the archive declares, before decompressing anything.

    Python's zipfile stops reading an entry at its declared size and then fails the CRC
    check, so a lying entry cannot expand past the total checked here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except Exception as exc:  # hostile input
        raise CaptureError(f"broken DOCX: {_why(exc)}") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise CaptureError(f"broken DOCX: {len(infos)} files in the archive")
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        raise CaptureError(too_big("DOCX unpacked", total, max_bytes))


def _block_lines(body: Any) -> Any:
    """Yield paragraph texts and table cell texts in the order they appear.

    Walks the XML directly (python-docx's paragraph and table proxies only list one kind
    each). Merged cells repeat the same <w:tc> across a row in python-docx, but here each
    <w:tc> element is visited once. Nested tables are walked with an explicit stack.
    """
    from docx.text.paragraph import Paragraph

    stack = [iter(body.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == f"{W}p":
            yield Paragraph(child, None).text
        elif child.tag == f"{W}tbl":
            stack.append(iter(child.xpath("./w:tr/w:tc")))
        elif child.tag in (f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            stack.append(iter(child.iterchildren()))


def _why(exc: Exception) -> str:
    """One line for an exception from a parser: its type when the message is empty."""
    message = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
