"""What every view needs: a registry session, the visitor's account, CSRF checks, rendering.

Templates are Jinja with autoescaping on for everything: sources are hostile input and a
template must not be able to forget to escape. Views are plain functions taking these as
FastAPI dependencies.

FastAPI runs plain `def` views in a thread pool, and handing a request to a thread and back
cost more than a person page itself (half the throughput under load). So views that are
bounded and quick (a dossier, an API record) are `async def` and run on the event loop, with
a session from `loop_session` (a pool of its own: see registry.db.loop_engine); views that
may take long (a search, a source, a capture, PDF) stay `def`, get their session from
`get_db` and run in the pool, where they do not hold up the others. A list page is quick
when it reads what is kept and long when it must build: it tries the loop and goes to the
pool when it would build (casefile.web.listing.on_loop).
"""

from __future__ import annotations

import asyncio
import hmac
import re
from collections.abc import AsyncIterator, Callable
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from casefile import i18n, vocab
from casefile.registry import db
from casefile.reports.prisoners import counts_line, number, term_text
from casefile.reports.shown import article_title, day, status_label
from casefile.web import auth, lang, listing, securitylog, sessions
from casefile.web.claimtext import choices, claim_text

TEMPLATES = Path(__file__).parent / "templates"


class LoginRequired(Exception):
    """Raised by `require` for a visitor who is not logged in; the app redirects to /login."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session, opened and closed on the event loop: a session does no I/O
    until its first statement, and closing it hands its connection back to the pool. A plain
    generator ran both ends in the thread pool, two hand-offs to a thread per page on top of
    the view's own, each waiting for the interpreter lock behind every busy thread."""
    with db.session(request.app.state.db_url) as s:
        yield s
        if request.method in ("GET", "HEAD"):  # reached when the view did not raise
            db.end_reading(s)


def loop_session(request: Request) -> Session:
    """A session for an `async def` view (use it in a `with`, closed before the view ends)."""
    return db.session(request.app.state.db_url, on_loop=True)


T = TypeVar("T")


async def read_kept(request: Request, s: Session, read: Callable[..., T], *args: Any) -> T:
    """`read(session, *args)` on the event loop, from what the list keeps
    (casefile.web.listing.on_loop); where it would build, in the thread pool on the
    request's session `s` instead."""
    try:
        with loop_session(request) as own, listing.on_loop():
            return read(own, *args)
    except listing.NotKept:
        return await run_in_threadpool(read, s, *args)


def session_id(request: Request) -> str | None:
    """The id the session cookie carries, when it has the shape of one."""
    value = request.cookies.get(request.app.state.cookie)
    return value if sessions.well_formed(value) else None


def live_session(request: Request, s: Session) -> sessions.Live | None:
    sid = session_id(request)
    return sessions.find(s, sid) if sid else None


async def current_account(request: Request, s: Session = Depends(get_db)
                          ) -> auth.Account | None:
    """The logged-in account (`account_of`). A visitor without a session cookie, as every
    public page's, gets None on the event loop; only a cookie is looked up, in a thread."""
    if session_id(request) is None:
        return None
    return await run_in_threadpool(account_of, request, s)


def account_of(request: Request, s: Session) -> auth.Account | None:
    """The logged-in account, if the cookie names a live, fully logged-in session. Its last
    use is written down (at most once a minute), except from the event loop, where a write
    could wait on a long capture (see casefile.web.sessions)."""
    live = live_session(request, s)
    if live is None or live.pending_totp or live.role not in auth.ROLES:
        return None
    if live.stale and not _on_event_loop():
        sessions.touch(db.engine(request.app.state.db_url), live)
    return auth.Account(live.username, live.role)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def require(role: str):
    """A dependency giving the logged-in account, which must have at least `role`."""

    def dependency(request: Request,
                   account: auth.Account | None = Depends(current_account)) -> auth.Account:
        if account is None:
            query = request.url.query
            raise LoginRequired(request.url.path + ("?" + query if query else ""))
        if not account.can(role):
            securitylog.record(request, "forbidden", account.username, f"needs {role}")
            raise HTTPException(403, f"This needs the {role} role.")
        return account

    return dependency


async def csrf_form(request: Request) -> FormData:
    """The posted form, refused (403) unless it carries this session's CSRF token."""
    form = await request.form()
    sid, token = session_id(request), form.get("csrf")
    if not sid or not isinstance(token, str) or not hmac.compare_digest(
            token.encode(), auth.csrf_token(request.app.state.secret, sid).encode()):
        await run_in_threadpool(securitylog.record, request, "csrf-refused")
        raise HTTPException(403, i18n.N_("The form has expired or did not come from this site."))
    return form


def set_session(response: Response, request: Request, sid: str) -> None:
    response.set_cookie(request.app.state.cookie, sid, max_age=sessions.SESSION_SECONDS,
                        httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/")


def event_label(kind: str, lang: str = "en") -> str:
    return vocab.event_label(kind, lang)


def query(params: dict[str, Any], **changes: Any) -> str:
    """'?a=1&b=2' from current parameters with some changed (None drops one)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


@cache
def environment(lang: str = "en") -> Environment:
    """The templates in one language: one environment per language, each with its own
    catalogue installed, so concurrent requests in different languages share nothing that
    changes. Vocabulary helpers and the date and number filters are bound to the language."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"], auto_reload=False)  # templates ship with the code:
    # no stat() of each template file (and those it extends) on every render
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = env.globals["_"] = _gettext(lang)
    env.globals.update(
        term_text=partial(term_text, lang=lang), number=number, query=query,
        event_label=partial(event_label, lang=lang), status_label=partial(status_label, lang=lang),
        counts_line=partial(counts_line, lang=lang), pace=vocab.pace_criteria,
        pace_label=partial(vocab.pace_label, lang=lang),
        proceeding_label=partial(vocab.proceeding_label, lang=lang),
        figure_label=partial(vocab.figure_label, lang=lang),
        article_title=partial(article_title, lang=lang), lang=lang, langs=i18n.NAMES,
        claim_text=partial(claim_text, lang=lang), choices=partial(choices, lang=lang),
        fact_link=partial(fact_link, lang=lang))
    env.filters["urlquote"] = lambda v: quote(str(v), safe="")
    env.filters["day"] = partial(day, lang=lang)
    env.filters["daytext"] = partial(i18n.format_day, lang=lang)  # <title>, attributes
    env.filters["num"] = partial(i18n.format_number, lang=lang)
    env.filters["word"] = partial(i18n.word, lang=lang)
    return env


def _gettext(lang: str) -> Callable[..., str]:
    """Jinja's new-style `gettext` (autoescaped, `%(name)s` filled in with escaped values),
    translating each string once and formatting only where there is something to format:
    Jinja's own formats every call, and Markup's `%` was a tenth of a search page (a page
    asks for a few dozen words)."""
    translate = i18n.translations(lang).gettext
    known: dict[str, str] = {}

    @pass_context
    def gettext(context: Context, string: str, /, **variables: Any) -> str:
        found = known.get(string)
        if found is None:
            found = known[string] = translate(string)
        shown = Markup(found) if context.eval_ctx.autoescape else found  # noqa: S704  ours
        return shown % variables if variables or "%" in shown else shown

    return gettext


def warm() -> None:
    """Compile the templates and load each language's date formats before the first visitor:
    the first page after start otherwise waited a second for Babel's locale data and the
    template compiler (casefile serve calls this; tests do not need it)."""
    for code in i18n.LANGS:
        env = environment(code)
        for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
            env.get_template(name)
        i18n.format_day("2000-01-02", code)
        i18n.format_day("2000-01", code)


def fact_link(fact: Any, lang: str) -> Markup:
    """After a fact: the link to its quote in its source, and what editors did to it. A
    dossier shows dozens of facts, and an included template for each cost a copy of the
    page's context, a tenth of the page. `fact` is a dossier's Fact, or the dict the editors'
    page makes of one. The catalogue's words are trusted, as the templates trust them."""
    get = fact.get if isinstance(fact, dict) else partial(getattr, fact)
    source, editors = get("source_id"), get("editors")
    html = ""
    if source:
        words = i18n.translations(lang).gettext("source %(id)s") % {"id": int(source)}
        html += (f' <a class="quote-link" href="/sources/{int(source)}'
                 f'#claim-{escape(get("claim_id"))}">{words}</a>')
    if editors:
        html += f' <span class="editors">{escape(editors)}</span>'
    return Markup(html)  # noqa: S704  escaped above


_LINK = re.compile(r'(?<!hreflang="[a-z][a-z]" )\b(href|action)="(/[^"/][^"]*|/)"')
_NEUTRAL = re.compile(r"^/(static|api)/|\.(json|csv|pdf)(\?|#|$)")


def localize_links(html: str, language: str) -> str:
    """Keep the visitor in their language: links and form actions to this site's pages get
    the language prefix (/prisoners -> /ru/prisoners). Data downloads, static files and the
    API are the same in every language and keep their one address; the language switcher's
    links name their language (hreflang) and are left as written. Sources' text cannot
    match: autoescaping turns every quote in it into &#34;."""
    if language == "en":
        return html
    pre = lang.prefix(language)

    def rewrite(m: re.Match[str]) -> str:
        target = m.group(2)
        if _NEUTRAL.search(target):
            return m.group(0)
        return f'{m.group(1)}="{pre}{target}"'

    return _LINK.sub(rewrite, html)


def alternates(request: Request, status: int = 200) -> list[tuple[str, str, str]]:
    """(language, its name, this page's address in it) for the switcher and hreflang. An
    error page offers each language's home page instead: its address names nothing to keep
    (and repeating a refused address, /persons/<withheld id>, would)."""
    path = request.url.path if status < 400 else "/"
    qs = "?" + request.url.query if request.url.query and status < 400 else ""
    return [(code, name, lang.prefix(code) + path + qs) for code, name in i18n.NAMES.items()]


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """Render a page in the request's language; a visitor without a session id gets one (its
    HMAC is the CSRF token). A visitor's id means nothing on the server until a login makes
    it a session."""
    sid = session_id(request)
    fresh = sid is None
    if sid is None:
        sid = sessions.new_id()
    account = ctx.pop("account", None)
    language = lang.of(request)
    html = environment(language).get_template(template).render(
        request=request, account=account, csrf=auth.csrf_token(request.app.state.secret, sid),
        path=request.url.path, alternates=alternates(request, status), **ctx)
    response = HTMLResponse(localize_links(html, language), status_code=status)
    response.headers["Content-Language"] = language
    if fresh and ctx.get("needs_session"):
        set_session(response, request, sid)
    return response
