"""/api: the API reference, readable in a browser without JavaScript and served from this site
(casefile.web.apidoc builds it from the app's own OpenAPI document)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from casefile.web import apidoc, auth
from casefile.web.pages import current_account, render

router = APIRouter()


@router.get("/api", response_class=HTMLResponse, include_in_schema=False)
def reference(request: Request, account: auth.Account | None = Depends(current_account)
              ) -> HTMLResponse:
    app = request.app
    return render(request, "api.html", account=account, spec=app.openapi(),
                  operations=apidoc.operations(app.openapi()), openapi_url=app.openapi_url)
