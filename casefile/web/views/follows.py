"""Follow and Unfollow on the editors' person page (casefile.registry.follows): the digest
then names the person's new events for the logged-in account. Any account may follow: it is
a reading list, not a change to the record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from casefile.errors import NotFound
from casefile.registry import follows
from casefile.web import auth
from casefile.web.pages import csrf_form, get_db, require

router = APIRouter()
PersonId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post("/review/persons/{person_id:int}/follow", include_in_schema=False)
def follow(person_id: PersonId, account: auth.Account = Depends(require("viewer")),
           form: FormData = Depends(csrf_form), s: Session = Depends(get_db)) -> Response:
    return _change(s, person_id, account, follows.follow, "followed")


@router.post("/review/persons/{person_id:int}/unfollow", include_in_schema=False)
def unfollow(person_id: PersonId, account: auth.Account = Depends(require("viewer")),
             form: FormData = Depends(csrf_form), s: Session = Depends(get_db)) -> Response:
    return _change(s, person_id, account, follows.unfollow, "unfollowed")


def _change(s: Session, person_id: int, account: auth.Account,
            how: Callable[[Session, str, int], bool], done: str) -> Response:
    try:
        how(s, account.username, person_id)
    except NotFound:
        raise HTTPException(404, "No person with this id.") from None
    s.commit()
    return RedirectResponse(f"/review/persons/{person_id}?done={done}", status_code=303)
