"""Hostile documents built in the tests: small files that would cost a parser dearly."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects, numbered from 1 (object 1 is the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def page_tree_pdf(kids: bytes, count: int, branch_kids: bytes = b"4 0 R") -> bytes:
    """A one-page PDF whose root lists `kids` and whose branch (3) lists `branch_kids`."""
    stream = b"BT /F1 12 Tf 72 720 Td (Hello from the one real page) Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Pages /Parent 2 0 R /Kids [%s] >>" % branch_kids,
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def reused_page_tree_pdf(fanout: int = 300) -> bytes:
    """4 KB that "has" fanout² pages: the root lists one branch `fanout` times, and the
    branch lists one page `fanout` times (90,000 pages by default)."""
    return page_tree_pdf(b" ".join([b"3 0 R"] * fanout), fanout * fanout,
                         b" ".join([b"4 0 R"] * fanout))


def many_pages_pdf(n: int) -> bytes:
    """A real page tree of n distinct pages sharing one content stream."""
    stream = b"BT /F1 12 Tf 72 720 Td (Sentenced to five years in a penal colony.) Tj ET"
    kids = b" ".join(b"%d 0 R" % (5 + k) for k in range(n))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
             b"/Resources << /Font << /F1 4 0 R >> >> >>"] * n
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
                b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *pages])


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lying_docx(real_mb: int = 100, declared: int = 1000) -> bytes:
    """A DOCX whose word/document.xml declares `declared` bytes (with the CRC of its first
    `declared` bytes, so zipfile sees nothing wrong) and inflates to `real_mb` MB."""
    base = docx_bytes(["A paragraph about a detained journalist."])
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        entries = [(i.filename, zf.read(i)) for i in zf.infolist()]
    xml = dict(entries)["word/document.xml"]
    padding = b" " * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = [deflate.compress(xml)]
    packed += [deflate.compress(padding) for _ in range(real_mb)]
    body = b"".join(packed) + deflate.flush()
    prefix = (xml + padding)[:declared]
    crc = zlib.crc32(prefix)
    out = io.BytesIO()
    central = []
    for name, data in entries:
        offset = out.tell()
        if name == "word/document.xml":
            stored, size, checksum, method = body, declared, crc, zipfile.ZIP_DEFLATED
        else:
            stored, size, checksum, method = data, len(data), zlib.crc32(data), zipfile.ZIP_STORED
        raw_name = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, checksum,
                              len(stored), size, len(raw_name), 0) + raw_name + stored)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0,
                                   checksum, len(stored), size, len(raw_name), 0, 0, 0, 0, 0,
                                   offset) + raw_name)
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()
