"""Figures as CSV, one row per figure: the numbers behind each chart of `/figures`.

Rows keep every figure as its counter states it (count, qualifier, who counts, date, source,
quote); a spreadsheet may chart them, and nothing here adds them up. Cells are defused as in
the prisoner list's CSV (casefile.reports.export_csv.safe_cell).
"""

from __future__ import annotations

import csv
import io

from casefile.reports.export_csv import safe_cell
from casefile.reports.figures import FigureRecord

COLUMNS = ["measure", "event", "count", "qualifier", "who", "who_name", "date", "dated_by",
           "country", "source", "publisher", "published", "url", "quote", "claim"]


def render(records: list[FigureRecord]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in records:
        w.writerow([safe_cell("" if v is None else str(v)) for v in [
            r.measure, r.event_key, r.count, r.qualifier, r.who, r.who_name, r.date,
            r.dated_by, r.country, r.source, r.publisher, r.published, r.url, r.quote,
            r.claim]])
    return out.getvalue()
