"""The Follow and Unfollow button on the editors' person page: the logged-in account follows
the person (the digest then names their new events), with a CSRF token, and a visitor
without an account cannot."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from casefile.registry import db, follows
from casefile.registry.models import AuditEntry, Person
from tests.web.conftest import add_user, csrf_of, login


def test_follow_and_unfollow_from_the_person_page(client: TestClient) -> None:
    with db.session() as s:
        pid = s.scalar(select(func.min(Person.id)))
        audited = s.scalar(select(func.count()).select_from(AuditEntry))
    anonymous = client.post(f"/review/persons/{pid}/follow", data={"csrf": "x"},
                            follow_redirects=False)
    assert anonymous.status_code in (303, 403)
    add_user("viewer1", "viewer")
    assert login(client, "viewer1").status_code == 303
    page = client.get(f"/review/persons/{pid}")
    assert f'action="/review/persons/{pid}/follow"' in page.text
    forged = client.post(f"/review/persons/{pid}/follow", data={"csrf": "forged"},
                         follow_redirects=False)
    assert forged.status_code == 403
    with db.session() as s:
        assert not follows.is_following(s, "viewer1", pid)
    done = client.post(f"/review/persons/{pid}/follow", data={"csrf": csrf_of(page.text)},
                       follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert f'action="/review/persons/{pid}/unfollow"' in page.text
    with db.session() as s:
        assert [f.person_id for f in follows.listed(s, "viewer1")] == [pid]
        # A reading list, not a change to the record: the public pages' version stays.
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audited
    gone = client.post(f"/review/persons/{pid}/unfollow", data={"csrf": csrf_of(page.text)},
                       follow_redirects=False)
    assert gone.status_code == 303
    with db.session() as s:
        assert follows.listed(s, "viewer1") == []
    missing = client.post("/review/persons/999999/follow", data={"csrf": csrf_of(page.text)},
                          follow_redirects=False)
    assert missing.status_code == 404
