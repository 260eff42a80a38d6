"""The prisoner list as CSV, one row per person (Uwazi and spreadsheets read this).

`sources` holds the source ids (for scripts); `citations` is what a reader of the spreadsheet
cites: one paragraph per source, its first line "Title, Publisher, date, URL or file name",
then each quoted passage on a line of its own, in quotation marks, with the editors' hand
where they entered or corrected the fact. A cell holds at most CELL characters (a spreadsheet
cuts longer ones silently); a longer one ends by saying the JSON export has the rest.
"""

from __future__ import annotations

import csv
import io

from casefile.reports.citations import Citation, Citations
from casefile.reports.prisoners import ListEntry, PrisonerList, number

COLUMNS = ["id", "name", "status", "category", "list_number", "articles", "sentence_months",
           "detained", "arrested", "convicted", "citizenship", "torture_reported",
           "extradition_risk", "sources", "citations", "last_confirmed", "stale"]
CELL = 32_000  # Excel and LibreOffice keep 32,767 characters of a cell
MORE = "\n… more in the JSON export"


def safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: defuse them."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def citations(cited: list[Citation]) -> str:
    """The `citations` cell of a row."""
    text = "\n\n".join("\n".join([c.heading(), *(
        f"“{q.text}”" + (f" ({q.editors})" if q.editors else "") for q in c.quotes)])
        for c in cited)
    return text if len(text) <= CELL else text[:CELL - len(MORE)] + MORE


def render(plist: PrisonerList, cites: Citations) -> str:
    return head() + rows(plist.entries, cites)


def head() -> str:
    """The header line: the CSV is written a chunk of rows at a time (`rows`), so the site
    can stream a long list instead of holding all of it."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(COLUMNS)
    return buf.getvalue()


def rows(entries: list[ListEntry], cites: Citations) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for e in entries:
        w.writerow([safe_cell(str(v)) for v in [
            e.person_id, e.name, e.status, e.category or "", e.number or "",
            ";".join(a.article for a in e.articles),
            ";".join(str(number(m)) for m in e.sentence_months),
            e.dates.get("detained", ""), e.dates.get("arrested", ""),
            e.dates.get("convicted", ""), ";".join(e.citizenship),
            str(e.torture_reported).lower(), str(e.extradition_risk).lower(),
            ";".join(str(s.id) for s in e.sources), citations(cites.of(e)),
            e.last_confirmed or "",
            str(e.stale).lower()]])
    return buf.getvalue()
