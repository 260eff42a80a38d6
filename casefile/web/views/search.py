"""Search across persons, events and source text (casefile.registry.search), with snippets.

Protected persons (casefile.registry.redact) are never found and never shown: a query's words
that name one are not searched for in events or sources (a hit would tell that a text names
them), and titles and snippets are redacted as the source page is."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from casefile.registry import db, redact
from casefile.registry import search as idx
from casefile.registry.models import Claim, Event, Person, Source
from casefile.registry.prepared import Prepared
from casefile.web import auth
from casefile.web.lang import of
from casefile.web.pages import current_account, event_label, get_db, render
from casefile.web.schemas import SearchOut

router = APIRouter()
Q = Annotated[str, Query(max_length=200)]


def results(s: Session, q: str, kind: str, limit: int, offset: int,
            lang: str = "en", prot: redact.Protected | None = None) -> dict[str, Any]:
    """One page of public hits of one kind, each with a title and a snippet to show. One
    statement built at import reads what the page shows of its hits (none when there are
    none), and for sources only the text around the hit (registry.search.excerpts, from
    stored passages). `prot`: the protected persons, when the caller read them for several
    kinds at once. `total` is counted up to registry.search.CAP (`capped` past it)."""
    prot = redact.protected(s) if prot is None else prot
    words, asked = _asked(q, kind, prot)
    hits, total = idx.search(s, asked, kind, limit, offset, public=True,
                             hidden=prot.ids) if asked.strip() else ([], 0)
    items = []
    conn = db.reader(s)
    if not hits:
        pass  # nothing to read
    elif kind == "source":
        titles = {sid: redact.redact_line(prot, title) or redact.redact_line(
            prot, origin, any_case=True) or "" for sid, title, origin in _SOURCES.rows(
            conn, {"ids": list({h.source_id for h in hits})})}
        excerpts = _snippets(s, prot, list(titles), words)
        for h in hits:
            sid = h.source_id or 0
            items.append({"kind": kind, "person_id": None, "source_id": sid,
                          "claim_id": None, "title": titles[sid], "snippet": excerpts[sid]})
    elif kind == "event":
        rows = {row[0]: row[1:] for row in _EVENTS.rows(
            conn, {"ids": list({h.claim_id for h in hits})})}
        shown = redact.quote_redactor(s, {r[1] for r in rows.values()}, prot)
        for h in hits:
            person_id, source_id, quote, etype, edate, start, name = rows[h.claim_id or ""]
            quote = shown(source_id, quote, start) or ""
            # Named only when the claim's own record is not of a protected cluster.
            who = "" if person_id in prot.ids else name or ""
            title = f"{event_label(etype, lang)}{' ' + edate if edate else ''}: {who}"
            items.append({"kind": kind, "person_id": person_id, "source_id": source_id,
                          "claim_id": h.claim_id, "title": title,
                          "snippet": idx.excerpt(quote, words)})
    else:
        names = dict(_PERSONS.rows(conn, {"ids": list({h.person_id for h in hits})}))
        for h in hits:
            items.append({"kind": kind, "person_id": h.person_id, "source_id": None,
                          "claim_id": None, "title": names.get(h.person_id or 0, ""),
                          "snippet": ""})
    return {"q": q, "kind": kind, "total": total, "capped": total >= idx.counted(offset + limit),
            "limit": limit, "offset": offset, "items": items}


def _asked(q: str, kind: str, prot: redact.Protected) -> tuple[list[str], str]:
    """The words of `q` a search of `kind` looks for, and as it asks for them: the names of
    protected persons are not looked for in events or sources (a hit would tell that a text
    names them)."""
    words = idx.terms(q)[0]
    if prot and kind != "person":
        words = prot.drop_names(words)
        return words, " ".join(words)
    return words, q


def reached(s: Session, queries: Collection[str], persons: Collection[int],
            sources: Collection[int]) -> set[str] | None:
    """Of `queries` (kept search pages'), those whose hits a change to `persons` and `sources`
    may alter: those whose words, as each kind asks for them, match an index entry of theirs
    (casefile.registry.search.touching); None: all of them. Every hit a search shows is an
    entry its words match, of a person or a source, so a search that shows one of them is
    among these too."""
    prot = redact.protected(s)
    asks = {q: {(k, _asked(q, k, prot)[1]) for k in idx.KINDS} for q in queries}
    found = idx.touching(s, persons, sources, set().union(*asks.values()))
    return None if found is None else {q for q, a in asks.items() if a & found}


_IDS: BindParameter[list[Any]] = bindparam("ids", expanding=True)
# Run on the driver's cursor (casefile.registry.prepared): a search page runs up to three.
_SOURCES = Prepared(select(Source.id, Source.title, Source.origin).where(Source.id.in_(_IDS)))
_EVENTS = Prepared(select(Claim.id, Claim.person_id, Claim.source_id, Claim.quote, Event.type,
                          Event.date, Claim.start, Person.display_name)
                   .join(Event, Event.claim_id == Claim.id)
                   .outerjoin(Person, Person.id == Claim.person_id).where(Claim.id.in_(_IDS)))
_PERSONS = Prepared(select(Person.id, Person.display_name).where(Person.id.in_(_IDS)))


MARGIN = 30  # characters read beyond each side of a snippet, so no name is cut in half
WINDOW = 600  # characters redacted either side of a hit in a source that needs it


def _snippets(s: Session, prot: redact.Protected, source_ids: list[int],
              words: list[str]) -> dict[int, str]:
    """Each source's snippet with protected passages withheld. In a source that holds a claim
    about a protected person, or whose snippet names one, the text around the first hit is
    redacted as the page is (WINDOW characters either side, from the stored passages:
    redacting a long text whole for a snippet cost a tenth of a second) and cut from that;
    the others keep the fast way, read a little wider and trimmed."""
    if not prot:
        return idx.excerpts(s, source_ids, words)
    wide = idx.excerpts(s, source_ids, words, width=90 + MARGIN)
    touched = prot.claim_spans(source_ids)
    redo = [sid for sid, snippet in wide.items() if sid in touched or prot.names_in(snippet)]
    out = {sid: _trim(snippet) for sid, snippet in wide.items() if sid not in redo}
    if not redo:
        return out
    languages = dict(s.execute(select(Source.id, Source.language)
                               .where(Source.id.in_(redo))).all())
    windows = idx.window(s, redo, words, WINDOW)
    for sid in redo:
        lo, window = windows.get(sid, (0, ""))
        spans = [(a - lo, b - lo) for a, b in touched.get(sid, ())]
        shown = redact.redact_text(prot, window, spans, languages.get(sid)).text
        out[sid] = ("…" if lo else "") + idx.excerpt(shown, words)
    return out


def _trim(snippet: str) -> str:
    """A wide snippet cut back by MARGIN at each cut end, at a space (no half words)."""
    if snippet.startswith("…"):
        rest = snippet[1 + MARGIN:]
        snippet = "…" + rest[rest.find(" ") + 1:] if " " in rest else snippet
    if snippet.endswith("…"):
        rest = snippet[:-1 - MARGIN]
        snippet = rest[:rest.rfind(" ")] + "…" if " " in rest else snippet
    return snippet


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: Q = "", kind: Annotated[str, Query(max_length=10)] = "",
                page: Annotated[int, Query(ge=1, le=1000)] = 1, s: Session = Depends(get_db),
                account: auth.Account | None = Depends(current_account)) -> HTMLResponse:
    kinds = [kind] if kind in idx.KINDS else list(idx.KINDS)
    size = 50 if len(kinds) == 1 else 10
    lang = of(request)
    prot = redact.protected(s)
    groups = [results(s, q, k, size, (page - 1) * size, lang, prot)
              for k in kinds] if q.strip() else []
    return render(request, "search.html", account=account, q=q, kind=kind, groups=groups,
                  page=page, size=size)


@router.get("/search.json", response_model=SearchOut, include_in_schema=False)
def search_json(q: Q = "", kind: Annotated[str, Query(pattern="^(person|event|source)$")]
                = "person", limit: Annotated[int, Query(ge=1, le=100)] = 20,
                offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
                s: Session = Depends(get_db)) -> dict[str, Any]:
    return results(s, q, kind, limit, offset)
