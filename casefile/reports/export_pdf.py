"""The prisoner list as PDF: the HTML export laid out by WeasyPrint, for the CLI and the web
(where casefile.web.pdfs runs it in a worker process, once per version and query)."""

from __future__ import annotations

from casefile.reports import export_html
from casefile.reports.citations import Citations
from casefile.reports.prisoners import PrisonerList


def write_pdf(html: str) -> bytes:
    """Lay out a standalone HTML document as PDF. It must not fetch anything: every URL
    scheme but inline data is refused."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return bytes(HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
                 .write_pdf())


def render(plist: PrisonerList, cites: Citations) -> bytes:
    return write_pdf(export_html.render(plist, cites))
