"""Which kept public pages a change to the registry reaches, so the page cache lets go of
those and keeps the rest (issue 16: with an editor capturing every few seconds, emptying the
whole cache at each change kept it cold, and most of the server's time went on making again
thousands of dossiers nothing had changed).

A page is one of five kinds: a person's dossier, a source's page, a country's list (its
pages, downloads and API), a search (page, JSON or API), or a page made from the whole
registry (the home page, statistics, feeds), which any change reaches. A list shows the
rows of the persons with a case in its country, so a change reaches the lists of its
persons' countries. The list that names no country is that of the country with the most
cases after the change: if that is not among them, it was the default before too (only
their counts of cases grew; a change that takes cases away, a source's new country,
reaches everything), and its list is unchanged. A dossier shows its person's cluster, its
claims and their sources, and the names of the persons co-named with it (claims sharing a
group key); a source's page shows its claims and the names of their persons. So a change
reaches the persons the list's rows would recompute (`casefile.reports.list_rows.touched`,
the one reading of what an audit entry touches), their whole clusters, the persons co-named
with them, the sources named by the change and every source that cites one of those
persons, with the other sources of their stories (a source's page lists them).

A search shows the index entries its words match that the public rule lets out (names,
events, sources); the rule reads claims' states and persons' publication. A change adds
entries only with a source (a capture, a correction's new claim), and changes a claim's
state only by naming it. So a search is reached when its words match an entry of a source
the change names, itself or through its claims (its text, its events, its persons' names),
or a name of one of its persons (casefile.web.views.search.reached); an edited source title
or publisher reaches every search (its entry is made again with the new words, and a search
by the old ones, which no longer finds it, matches neither). Every search
used to be dropped by every change, and with captures every few seconds, making them again
was most of the server's work. A search kept past changes that do not reach it finds the
same entries, as many, shown the same; but bm25 ranks them with statistics of the whole
index (how many entries, how long on average) that every capture moves a little, so where a
search has more hits than its page shows, two of nearly equal rank may sit on either side
of the page's edge as they did when it was made. The page cache therefore drops every
search at least every ten minutes (casefile.web.pagecache.SEARCH_RANKED).

What cannot be told this way (a person's publication, any change in a protected person's
cluster, an action this module does not know, a burst of entries) reaches everything: but
for that ranking, a page is never kept past a change that may alter it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from casefile.registry import search as index
from casefile.registry.models import AuditEntry, Case, Claim, Source
from casefile.reports import list_rows
from casefile.web import listing
from casefile.web.views import search

# Accounts and watches are editors' business: no public page shows them. Everything the list
# counts as quiet but these (interventions, releases, screening, stories...) may be on a page.
QUIET_TARGETS = ("user:", "watch:")
MOST = 500  # entries read one by one; more (an import) reach everything
SCOPED = re.compile(r"(?:/api/v1)?/(persons|sources)/(\d+)(?:\.json)?")
LISTS = re.compile(r"/prisoners(?:\.json|\.csv|\.pdf)?|/api/v1/prisoners")
SEARCHES = re.compile(r"(?:/api/v1)?/search(?:\.json)?")
# ("persons"|"sources", id), ("list", country), ("search", the words asked), None
Scope = tuple[str, int | str] | None


@dataclass(frozen=True)
class Reach:
    """What a run of audit entries may change: dossiers, source pages, the lists of some
    countries, and (`registry`) whether any page made from the whole registry."""

    persons: frozenset[int]
    sources: frozenset[int]
    countries: frozenset[str]
    registry: bool
    # The sources the change names, or its claims' sources; None: an entry lost words (an
    # edited title) that no search can be matched against now, so every search is reached.
    named: frozenset[int] | None = frozenset()
    spared: frozenset[str] = frozenset()  # the words of searches judged not reached

    def holds(self, scope: Scope, default: str | None) -> bool:
        """Whether a page of `scope` (`scope_of`) may have changed; `default` is the country
        with the most cases after the change (`listing.most_cases`; None: not known)."""
        if scope is None:
            return self.registry
        kind, key = scope
        if kind == "list":  # a list shows the rows of its country's cases (list_rows)
            country = key or default
            return bool(self.countries) and (country is None or country in self.countries)
        if kind == "search":  # one kept while `with_searches` judged the others is reached
            return self.registry and key not in self.spared
        return key in (self.persons if kind == "persons" else self.sources)


def scope_of(path: str, query: bytes) -> Scope:
    """("persons", id) for a dossier, ("sources", id) for a source's page, ("list", country)
    for a list of one country ("": the default country's), None for a page made from the
    whole registry. A list's country is read as the view reads it: the last `country`
    parameter (Starlette's), normalised by `listing.country_asked`."""
    m = SCOPED.fullmatch(path)
    if m:
        return m[1], int(m[2])
    if LISTS.fullmatch(path):
        country = _last(query, "country")
        return "list", listing.country_asked(country) or ""
    if SEARCHES.fullmatch(path):
        return "search", _last(query, "q") or ""
    return None


def _last(query: bytes, name: str) -> str | None:
    """The last value of parameter `name`, decoded as the view reads it (Starlette's)."""
    values = [v for k, v in parse_qsl(query.decode("latin-1"), keep_blank_values=True)
              if k == name]
    return values[-1] if values else None


def with_searches(s: Session, reached: Reach, queries: Collection[str]) -> Reach:
    """`reached` told which of the kept searches' `queries` it does not reach (`spared`)."""
    if not reached.registry or not queries or reached.named is None:
        return reached
    found = search.reached(s, queries, reached.persons, reached.named)
    return reached if found is None else replace(reached, spared=frozenset(queries) - found)


def reach(s: Session, entries: Sequence[AuditEntry]) -> Reach | None:
    """What `entries` may change on the public pages; None: anything."""
    if len(entries) > MOST:
        return None
    loud = [e for e in entries if not e.target.startswith(QUIET_TARGETS)]
    if not loud:
        return Reach(frozenset(), frozenset(), frozenset(), registry=False)
    persons = list_rows.touched(s, loud, quiet_actions=frozenset(), quiet_targets=QUIET_TARGETS)
    if persons is None:
        return None
    sources: set[int] = set()
    claims: set[str] = set()
    for e in loud:
        kind, _, ident = e.target.partition(":")
        if kind == "source":
            sources.add(int(ident))
        elif kind == "claim":  # a claim without a person still shows on its source's page
            claims.update([ident, *[str(c) for c in [(e.detail or {}).get("new_claim")] if c]])
    if claims:
        sources.update(s.scalars(select(Claim.source_id).where(Claim.id.in_(claims))))
    edited = {f for e in loud if e.action == "source-edit"
              for f in (e.detail or {}).get("changes") or ()}
    cited = None if edited & set(index.SOURCE_BODY) else frozenset(sources)
    countries: set[str] = set()
    if persons:  # with their clusters: `touched` widens them
        sources.update(s.scalars(select(Claim.source_id).distinct().where(
            Claim.person_id.in_(persons))))
        countries.update(s.scalars(select(Case.country).distinct().where(
            Case.person_id.in_(persons))))  # the lists their rows are on (list_rows._refresh)
        groups = {(src, key) for src, key in s.execute(select(Claim.source_id, Claim.group_key)
                  .where(Claim.person_id.in_(persons), Claim.group_key.is_not(None)))}
        named = {p for p in s.scalars(select(Claim.person_id).distinct().where(
            Claim.group_key.in_({k for _, k in groups}),  # the index; then the source's own
            tuple_(Claim.source_id, Claim.group_key).in_(groups))) if p is not None}
        persons |= list_rows.widen(s, named) if named - persons else named  # their dossiers
    if sources:  # a source's page lists the other sources of its story
        stories = select(Source.story_id).where(Source.id.in_(sources),
                                                Source.story_id.is_not(None))
        sources.update(s.scalars(select(Source.id).where(Source.story_id.in_(stories))))
    return Reach(frozenset(persons), frozenset(sources), frozenset(countries), registry=True,
                 named=cited)
