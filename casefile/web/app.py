"""The web application: public registry, editors' side and the JSON API in one FastAPI app.

Security headers are set on every response here, in one place: a Content-Security-Policy
that allows nothing but this origin and no inline script or style, so even a template bug
that let a source's markup through could not run it or call another host. Interactive API
docs are off (they load scripts from a CDN); the OpenAPI document is served as JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from casefile.web import auth
from casefile.web.pages import LoginRequired, query, render

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


def create_app(database_url: str | None = None, secure_cookies: bool = True) -> FastAPI:
    """The app over the registry at `database_url` (default: the configured one)."""
    from casefile.web.views import ROUTERS

    app = FastAPI(title="Casefile", version="1", summary="Evidence-backed registry of "
                  "political prisoners: public read API and token-protected write API.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json")
    app.state.db_url = database_url
    app.state.secret = auth.secret_key()
    app.state.secure_cookies = secure_cookies
    app.state.login_limiter = auth.RateLimiter()
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        if request.cookies.get(auth.COOKIE) or request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login" + query({"next": exc.next_path}), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return render(request, "error.html", status=exc.status_code, code=exc.status_code,
                      message=exc.detail)

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


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")
