"""The web application: public registry, editors' side and the JSON API in one FastAPI app.

Security headers are set on every response here, in one place: a Content-Security-Policy
that allows nothing but this origin and no inline script or style, so even a template bug
that let a source's markup through could not run it or call another host. Interactive API
docs are off (they load scripts from a CDN); the OpenAPI document is served as JSON.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casefile import i18n
from casefile.i18n import N_
from casefile.web import auth, securitylog
from casefile.web.accesslog import AccessLog
from casefile.web.head import HeadAsGet
from casefile.web.lang import Language, of
from casefile.web.limits import BodyLimit, RateLimit
from casefile.web.pagecache import PageCache
from casefile.web.pages import LoginRequired, query, render
from casefile.web.pdfs import PdfLists

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    """Sets HEADERS on every response (and no-store for sessions and the API). A plain ASGI
    middleware: @app.middleware("http") runs each request through extra tasks and streams,
    which cost more than the page itself under load."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = HTTPConnection(scope).cookies
        no_store = (scope.get("path", "").startswith("/api/")
                    or any(cookies.get(name) for name in auth.COOKIES))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    if k not in headers:
                        headers[k] = v
                if no_store and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(database_url: str | None = None, secure_cookies: bool = True) -> FastAPI:
    """The app over the registry at `database_url` (default: the configured one)."""
    from casefile.web.views import ROUTERS

    pdf_lists = PdfLists()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pdf_lists.close()

    app = FastAPI(title="Casefile", version="1", summary="Evidence-backed registry of "
                  "political prisoners: public read API and token-protected write API.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  lifespan=lifespan)
    app.state.db_url = database_url
    app.state.secret = auth.secret_key()
    app.state.secure_cookies = secure_cookies
    app.state.pdfs = pdf_lists
    app.state.cookie = auth.cookie_name(secure_cookies)
    app.state.security_log_days = securitylog.retention_days()
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)

    app.add_middleware(PageCache)  # inside SecurityHeaders: kept pages get them too
    app.add_middleware(BodyLimit)
    app.add_middleware(RateLimit)  # cache hits count too: a flood is refused before any work
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Language)  # before the cache and the routes: the prefix off the path
    app.add_middleware(HeadAsGet)  # a HEAD is a GET to everything inside
    app.add_middleware(AccessLog)  # outermost: every request, its real method and time

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if request.method not in ("GET", "HEAD"):  # a post is refused, its body left unread
            return render(request, "error.html", status=403, code=403,
                          message=i18n.translations(of(request)).gettext("Log in to do this."))
        return RedirectResponse("/login" + query({"next": exc.next_path}), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        page = render(request, "error.html", status=exc.status_code, code=exc.status_code,
                      message=i18n.translations(of(request)).gettext(str(exc.detail)))
        page.headers.update(getattr(exc, "headers", None) or {})  # Retry-After, WWW-Authenticate
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return render(request, "error.html", status=422, code=422,
                      message="; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}"
                                        for e in errors))

    return app


# Starlette's own details of errors no view raises, for the catalogue; views mark theirs
# with N_ where they raise them. A detail not in the catalogue is shown as it is.
_STARLETTE_DETAILS = (N_("Not Found"), N_("Method Not Allowed"))


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")
