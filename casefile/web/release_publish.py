"""Publishing a release: the one path `casefile release publish` and the editors' form share.

It checks the request (a known country, a calendar date not after today, a known status,
bounded criteria) before reading anything, builds the payload from the list as the site
shows it (its own filters, casefile.web.listing), asks for a stamp, and stores the release in
one transaction: a refused request writes nothing. It sits in the web layer because the
list's filters do; the command line imports it inside its command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casefile.assess.status import STATUSES
from casefile.errors import CasefileError
from casefile.extract.places import country_code
from casefile.i18n import _
from casefile.registry import db, releases, timestamp
from casefile.reports.prisoners import prisoner_list
from casefile.reports.release_payload import Criteria, build
from casefile.web.listing import select_entries

MAX_CRITERION = 200  # as the site's list filters take


@dataclass(frozen=True)
class Published:
    id: int
    country: str
    as_of: str
    rows: int
    sha256: str
    stamp: releases.Stamp


def request(country: str, as_of: str, status: str | None = None,
            category: str | None = None, article: str | None = None,
            region: str | None = None) -> tuple[str, str, Criteria]:
    """(country code, day, criteria) checked; CasefileError saying what is wrong."""
    code = country_code(country)
    try:
        day = date.fromisoformat(as_of).isoformat()
    except ValueError:
        raise CasefileError(_("--as-of must be a date YYYY-MM-DD, not %(day)r")
                            % {"day": as_of[:40]}) from None
    if day > date.today().isoformat():
        raise CasefileError(_("a release describes a day that has passed: %(day)s is after "
                              "today") % {"day": day})
    given = (status, category, article, region)
    if any(v is not None and (len(v) > MAX_CRITERION or "\x00" in v) for v in given):
        raise CasefileError(_("a criterion is at most %(n)s characters of text")
                            % {"n": MAX_CRITERION})
    criteria = Criteria(*(v.strip() or None if v is not None else None for v in given))
    if criteria.status is not None and criteria.status not in STATUSES:
        raise CasefileError(_("unknown status %(status)r: one of %(all)s")
                            % {"status": criteria.status, "all": ", ".join(STATUSES)})
    return code, day, criteria


def publish(country: str, day: str, criteria: Criteria, editor: str,
            url: str | None = None) -> Published:
    """Freeze the list of `country` as of `day` (checked by `request`) and store it."""
    with db.session(url) as s:
        full = prisoner_list(s, country, day)
        payload = build(s, select_entries(s, full, criteria.status, criteria.category,
                                          criteria.article, criteria.region), criteria)
    text, sha = payload.canonical(), payload.sha256()
    proof = timestamp.stamp(sha)
    with db.transaction(url) as s:
        rel = releases.store(s, country=country, as_of=day, criteria=criteria.given(),
                             canonical=text, sha256=sha, rows=len(payload.rows),
                             editor=editor, stamp=proof)
        rid = rel.id
    return Published(rid, country, day, len(payload.rows), sha, proof)
