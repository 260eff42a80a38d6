"""The prisoner list as CSV, one row per person (Uwazi and spreadsheets read this)."""

from __future__ import annotations

import csv
import io

from casefile.reports.prisoners import PrisonerList, number

COLUMNS = ["id", "name", "status", "category", "list_number", "articles", "sentence_months",
           "detained", "arrested", "convicted", "citizenship", "torture_reported",
           "extradition_risk", "sources", "last_confirmed", "stale"]


def _cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: defuse them."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render(plist: PrisonerList) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in plist.entries:
        w.writerow([_cell(str(v)) for v in [
            e.person_id, e.name, e.status, e.category or "", e.number or "",
            ";".join(a.article for a in e.articles),
            ";".join(str(number(m)) for m in e.sentence_months),
            e.dates.get("detained", ""), e.dates.get("arrested", ""),
            e.dates.get("convicted", ""), ";".join(e.citizenship),
            str(e.torture_reported).lower(), str(e.extradition_risk).lower(),
            ";".join(str(s.id) for s in e.sources), e.last_confirmed or "",
            str(e.stale).lower()]])
    return buf.getvalue()
