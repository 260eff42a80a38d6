"""Capture and preservation of sources: bytes in, an immutable `Document` out.

This layer is pure: it reads files and URLs, detects formats, extracts plain text and keeps
raw bytes in a content-addressed blob store. It never touches the registry; the caller stores
the `Document` it returns.
"""

from casefile.sources.document import Document, guess_language
from casefile.sources.load import load, load_bytes, load_file, load_url

__all__ = ["Document", "guess_language", "load", "load_bytes", "load_file", "load_url"]
