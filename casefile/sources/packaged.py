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
from casefile.sources.docxtext import docx_lines
from casefile.sources.pdflines import pdf_lines
from casefile.sources.reflow import reflow

MAX_ZIP_ENTRIES = 10_000


def pdf_text(raw: bytes) -> tuple[str, str | None]:
    """The text with its paragraphs rejoined (reflow.py), and the title from the metadata."""
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
            lines = pdf_lines(reader.pages)
            title = _pdf_title(reader)
    except CaptureError:
        raise
    except (DependencyError, FileNotDecryptedError) as exc:
        raise CaptureError(f"encrypted PDF that cannot be decrypted here: {exc}") from None
    except Exception as exc:  # hostile input: any parser failure means a broken file
        raise CaptureError(f"broken PDF: {_why(exc)}") from None
    text = reflow(lines)
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
    """Paragraphs (with their list numbers) and table rows (cells tab-separated) in document
    order, one per line, line breaks inside a paragraph judged by reflow; title from core
    properties."""
    _check_zip(raw, max_bytes)
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        lines = docx_lines(document)
        title = " ".join((document.core_properties.title or "").split())[:500] or None
    except Exception as exc:  # hostile input: any parser failure means a broken file
        raise CaptureError(f"broken DOCX: {_why(exc)}") from None
    text = reflow(lines, deliberate=True)
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


def _why(exc: Exception) -> str:
    """One line for an exception from a parser: its type when the message is empty."""
    message = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
