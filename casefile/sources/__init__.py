"""Capture and preservation of sources: bytes in, an immutable `Document` out.

This layer is pure: it reads files and URLs, detects formats, extracts plain text and keeps
raw bytes in a content-addressed blob store. It never touches the registry; the caller stores
the `Document` it returns.

Nothing is imported here: the modules are imported by name (casefile.sources.load,
.document, .links ...), so that a light one (links) does not bring the document readers
(lxml, pypdf, httpx) with it, as it did into every web server process.
"""
