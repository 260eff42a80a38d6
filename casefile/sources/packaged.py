"""Text of the packaged formats: PDF (pypdf) and DOCX (python-docx).

Both parsers are large third-party code run on hostile bytes, so every failure inside them is
turned into a one-line CaptureError rather than a traceback: the raw bytes are still worth
keeping, but the editor must know the text could not be read. A DOCX is a ZIP, so its
entries' sizes are checked, declared and real, before python-docx decompresses anything; a
PDF's page tree is walked once before pypdf expands it.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from casefile.errors import CaptureError
from casefile.sources.document import too_big
from casefile.sources.docxtext import docx_lines
from casefile.sources.pdflines import pdf_lines
from casefile.sources.reflow import reflow

MAX_ZIP_ENTRIES = 10_000
ZIP_STEP = 1 << 16  # bytes inflated at a time while an entry's real size is checked


def pdf_text(raw: bytes, *, max_pages: int | None = None) -> tuple[str, str | None]:
    """The text with its paragraphs rejoined (reflow.py), and the title from the metadata.
    The page tree is checked before any page is read (`_count_pages`)."""
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
            _count_pages(reader, max_pages)
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


def _count_pages(reader: Any, max_pages: int | None) -> int:
    """The number of pages, walking the page tree once over its distinct objects.

    A page tree is a tree: each page and each branch has one parent. A hostile file lists
    one branch many times (a 4 KB PDF whose root lists one branch 300 times, each listing
    one page 300 times, "has" 90,000 pages and reads for minutes), or makes a branch its
    own descendant; both are refused here, as is a real tree over `max_pages`, before
    pypdf expands anything.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer["/Root"].get_object().get("/Pages")]
    pages = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                raise CaptureError("hostile or broken PDF: its page tree lists the same page "
                                   "or branch more than once")
            seen.add(key)
            node = node.get_object()
        if not isinstance(node, DictionaryObject):
            raise CaptureError("broken PDF: a page tree entry is not a dictionary")
        kids = node.get("/Kids")
        if node.get("/Type") == "/Page" or kids is None:
            pages += 1
            if max_pages is not None and pages > max_pages:
                raise CaptureError(f"PDF has more than {max_pages} pages, the limit "
                                   "(CASEFILE_MAX_PDF_PAGES)")
            continue
        kids = kids.get_object()
        if not isinstance(kids, ArrayObject):
            raise CaptureError("broken PDF: a page tree branch has no list of pages")
        stack.extend(reversed(kids))
    return pages


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
    """Refuse ZIP bombs before python-docx decompresses anything.

    The sizes an archive declares must be within the source limit, and each entry is
    then inflated here in small steps and stopped one byte past its declared size: zipfile
    itself inflates a whole entry in one call when asked for all of it, so an entry that
    declares 1,000 bytes and holds 2 GB would take 2 GB before its size was ever compared.
    Once every entry is known to be what it declares, python-docx reads at most the total.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise CaptureError(f"broken DOCX: {len(infos)} files in the archive")
            total = sum(info.file_size for info in infos)
            if total > max_bytes:
                raise CaptureError(too_big("DOCX unpacked", total, max_bytes))
            for info in infos:
                _check_entry(zf, info)
    except CaptureError:
        raise
    except Exception as exc:  # hostile input
        raise CaptureError(f"broken DOCX: {_why(exc)}") from None


def _check_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one entry with bounded output: its real size and CRC must be as declared."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise CaptureError(f"broken DOCX: {info.filename} uses an unusual compression")
    packed = copy.copy(info)  # the same bytes, read as they are stored, without a CRC check
    packed.compress_type, packed.file_size = zipfile.ZIP_STORED, info.compress_size
    del packed.CRC
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    size = crc = 0
    with zf.open(packed) as stream:
        while chunk := stream.read(ZIP_STEP):
            while chunk:
                if info.compress_type == zipfile.ZIP_STORED:
                    out, chunk = chunk, b""
                else:
                    out = inflate.decompress(chunk, ZIP_STEP)
                    chunk = inflate.unconsumed_tail
                size += len(out)
                if size > info.file_size:
                    raise CaptureError(
                        f"hostile DOCX: {info.filename} declares {info.file_size} bytes but "
                        "holds more (a ZIP bomb); refused before unpacking it")
                crc = zlib.crc32(out, crc)
    if size != info.file_size or crc != info.CRC:
        raise CaptureError(f"broken DOCX: {info.filename} is not the size or checksum it "
                           "declares")


def _why(exc: Exception) -> str:
    """One line for an exception from a parser: its type when the message is empty."""
    message = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
