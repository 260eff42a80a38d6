"""Issue 13, item 5: logging out logs out. Sessions live on the server and die at logout,
password reset and disablement; a TOTP code works once; failed logins are throttled per
address across names and per name across processes; authentication and access-control events
reach the security log without passwords; accounts can be listed and disabled, and adding an
existing name is refused."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import httpx
import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from casefile import cli
from casefile.errors import CasefileError
from casefile.registry import db
from casefile.registry.models import Claim, SecurityEvent, User, WebSession
from casefile.web import auth, server
from casefile.web.app import create_app
from tests.helpers import run, runner
from tests.web.conftest import PASSWORD, LiveServer, add_user, csrf_of, login

NEW_PASSWORD = "a brand new passphrase"


def _client(app) -> TestClient:
    return TestClient(app, base_url="https://testserver")


def _logged_in(app, username: str) -> TestClient:
    c = _client(app)
    r = login(c, username)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]  # host-only, Secure, for the whole site: __Host- holds
    assert cookie.startswith("__Host-") and "path=/;" in cookie.lower()
    assert "secure" in cookie.lower() and "domain" not in cookie.lower()
    assert c.get("/review").status_code == 200
    return c


def _copy(c: TestClient, app) -> TestClient:
    """Another browser holding the same cookie (as a thief with a copy would)."""
    thief = _client(app)
    thief.cookies.set(auth.COOKIE, c.cookies[auth.COOKIE])
    return thief


def _proposed() -> str:
    with db.session() as s:
        return s.scalars(select(Claim.id).where(Claim.state == "proposed")
                         .order_by(Claim.id)).first()


def _state(claim_id: str) -> str:
    with db.session() as s:
        return s.get(Claim, claim_id).state


def _events() -> list[SecurityEvent]:
    with db.session() as s:
        return list(s.scalars(select(SecurityEvent).order_by(SecurityEvent.id)))


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _cli(*args: str, input: str | None = None):
    return runner.invoke(cli.app, list(args), input=input, catch_exceptions=False)


def _gone(thief: TestClient, csrf: str) -> None:
    """The copied cookie reads nothing and writes nothing."""
    r = thief.get("/review", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    claim = _proposed()
    r = thief.post("/review", data={"ids": claim, "action": "accept", "csrf": csrf},
                   follow_redirects=False)
    assert r.status_code in (303, 403) and _state(claim) == "proposed"


def test_a_cookie_copied_before_logout_is_dead_after_it(client):
    add_user("ed", "editor")
    c = _logged_in(client.app, "ed")
    thief = _copy(c, client.app)
    page = c.get("/review")
    csrf = csrf_of(page.text)
    assert thief.get("/review").status_code == 200  # the copy works while the session lives
    assert c.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    _gone(thief, csrf)
    with db.session() as s:
        row = s.scalars(select(WebSession).where(WebSession.revoked_why == "logout")).one()
        assert row.revoked_at is not None
        assert row.id_hash != thief.cookies[auth.COOKIE]  # only its hash is kept


def test_password_reset_and_disable_end_sessions_and_tokens(client):
    add_user("ed", "editor", token="editor-token-0123456789")
    add_user("ed2", "editor", token="editor-token-9876543210")
    body = {"claim_ids": [_proposed()], "state": "rejected"}
    for name, token, command in (("ed", "editor-token-0123456789", ["reset-password"]),
                                 ("ed2", "editor-token-9876543210", ["disable"])):
        c = _logged_in(client.app, name)
        csrf = csrf_of(c.get("/review").text)
        bearer = {"Authorization": f"Bearer {token}"}
        assert client.post("/api/v1/review", json={**body, "claim_ids": ["ffffff0000"]},
                           headers=bearer).status_code == 404  # the token works until then
        args = ["users", *command, name]
        if command == ["reset-password"]:
            args.append("--password-stdin")
        r = _cli(*args, input=NEW_PASSWORD + "\n")
        assert r.exit_code == 0, r.output
        assert "1 session(s) logged out" in r.output
        _gone(c, csrf)
        assert client.post("/api/v1/review", json=body, headers=bearer).status_code == 401
    assert _state(body["claim_ids"][0]) == "proposed"
    fresh = _client(client.app)
    assert login(fresh, "ed", NEW_PASSWORD).status_code == 303  # the new password works
    assert login(_client(client.app), "ed2").status_code == 401  # disabled: like a wrong one
    assert {"token-refused", "login-failed"} <= {e.event for e in _events()}


def test_an_idle_session_ends(client):
    add_user("ed", "editor")
    c = _logged_in(client.app, "ed")
    with db.transaction() as s:
        s.execute(update(WebSession).values(
            last_seen_at=datetime.now(UTC) - timedelta(minutes=31)))
    assert c.get("/review", follow_redirects=False).status_code == 303


def test_a_totp_code_works_once(client):
    secret = pyotp.random_base32()
    add_user("ed", "editor", totp=secret)
    code = pyotp.TOTP(secret).now()

    def second_step(c: TestClient):
        r = login(c, "ed")
        assert r.headers["location"].startswith("/login/totp")
        page = c.get(r.headers["location"])
        return c.post("/login/totp", data={"csrf": csrf_of(page.text), "code": code},
                      follow_redirects=False)

    first = _client(client.app)
    assert second_step(first).status_code == 303 and first.get("/review").status_code == 200
    replay = _client(client.app)
    r = second_step(replay)
    assert r.status_code == 401 and "used already" in r.text
    assert replay.get("/review", follow_redirects=False).status_code == 303
    failed = [e for e in _events() if e.event == "login-failed"]
    assert failed[-1].detail == "TOTP code used before" and failed[-1].username == "ed"


def test_thirty_names_from_one_address_are_throttled(client):
    codes = [login(_client(client.app), f"guess{i:02d}", "wrong password").status_code
             for i in range(30)]
    assert codes[:20] == [401] * 20 and codes[20:] == [429] * 10
    add_user("ed", "editor")
    r = login(_client(client.app), "ed")  # even the right password waits now
    assert r.status_code == 429 and "from this address" in r.text
    assert r.headers["retry-after"] == "900"
    lockouts = [e for e in _events() if e.event == "lockout"]
    assert len(lockouts) == 1 and lockouts[0].detail == "by address"


def test_one_name_is_locked_across_server_processes(seeded):
    """Two apps over one registry stand for two server processes: failures made on one
    count on the other, because the count is in the database."""
    add_user("ed", "editor")
    one, two = create_app(seeded), create_app(seeded)
    codes = [login(_client(app), "ed", "wrong password").status_code
             for app in (one, two, one, two, one)]
    assert codes == [401] * 5
    r = login(_client(two), "ed")
    assert r.status_code == 429 and "for this user name" in r.text


def test_security_log_has_failures_lockouts_and_csrf_refusals(client, caplog):
    add_user("ed", "editor")
    add_user("vi", "viewer")
    add_user("ed2", "editor")
    secret_password = "hunter2-is-my-password"
    with caplog.at_level(logging.INFO, logger="casefile.security"):
        login(_client(client.app), "nobody-here", secret_password)
        for _ in range(5):
            login(_client(client.app), "ed", secret_password)
        # The role is checked before the form is read: a forged token is refused for an
        # editor, a viewer is forbidden before any token is looked at.
        editor = _logged_in(client.app, "ed2")
        editor.post("/review", data={"ids": "x", "action": "accept", "csrf": "forged"})
        c = _logged_in(client.app, "vi")
        assert c.get("/capture").status_code == 403
        assert client.post("/api/v1/review", json={"claim_ids": ["x"], "state": "accepted"},
                           headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    events = _events()
    kinds = [e.event for e in events]
    assert kinds.count("login-failed") == 6 and "lockout" in kinds
    assert {"csrf-refused", "forbidden", "token-refused", "login-ok"} <= set(kinds)
    failed = [e for e in events if e.event == "login-failed"]
    assert failed[0].username is None  # a name that is no account is not kept
    assert {e.username for e in failed[1:]} == {"ed"}
    assert [e for e in events if e.event == "forbidden"][0].username == "vi"
    stored = " ".join(f"{e.event} {e.username} {e.address} {e.path} {e.detail}"
                      for e in events)
    logged = caplog.text
    for text in (stored, logged):
        assert secret_password not in text and PASSWORD not in text
        assert "nobody-here" not in text and "not-a-token" not in text
        assert "testclient" not in text  # no address unless the operator asks for it
    assert all(e.address and e.address.startswith("h:") for e in events)
    shown = run("users", "log", "--limit", "3").output.splitlines()
    assert len(shown) == 3 and "token-refused" in shown[-1]


def test_addresses_are_logged_only_when_enabled(client, monkeypatch):
    monkeypatch.setenv("CASEFILE_LOG_ADDRESSES", "1")
    login(_client(client.app), "ed", "wrong password")
    assert _events()[-1].address == "testclient"


def test_users_list_disable_enable_and_add_refuses_an_existing_name(registry):
    assert _cli("users", "add", "ed", "--role", "editor", "--password-stdin",
                input=PASSWORD + "\n").exit_code == 0
    with db.session() as s:
        before = s.scalar(select(User.password_hash).where(User.username == "ed"))
    again = _cli("users", "add", "ed", "--role", "admin", "--password-stdin",
                 input="another password entirely\n")
    assert again.exit_code == 1 and "exists" in again.output
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == "ed"))
        assert (user.password_hash, user.role) == (before, "editor")
    _cli("users", "add", "vi", "--password-stdin", input=PASSWORD + "\n")
    listing = run("users", "list").output.splitlines()
    assert listing[0].split()[:3] == ["name", "role", "totp"]
    assert [line.split()[:2] for line in listing[1:]] == [["ed", "editor"], ["vi", "viewer"]]
    assert "active" in listing[1]
    assert run("users", "disable", "ed").exit_code == 0
    assert "disabled" in run("users", "list").output.splitlines()[1]
    assert run("users", "disable", "nobody").exit_code == 1
    assert run("users", "enable", "ed").exit_code == 0
    assert "active" in run("users", "list").output.splitlines()[1]
    short = _cli("users", "reset-password", "ed", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "10 characters" in short.output


def test_changing_the_password_ends_the_other_sessions(client):
    add_user("ed", "editor", token="editor-token-0123456789")
    c = _logged_in(client.app, "ed")
    thief = _copy(c, client.app)
    csrf = csrf_of(c.get("/account/password").text)
    wrong = c.post("/account/password", data={"csrf": csrf, "current": "not my password",
                                              "new": NEW_PASSWORD, "again": NEW_PASSWORD})
    assert wrong.status_code == 400 and "current password is not right" in wrong.text
    assert thief.get("/review").status_code == 200  # nothing changed yet
    ok = c.post("/account/password", data={"csrf": csrf, "current": PASSWORD,
                                           "new": NEW_PASSWORD, "again": NEW_PASSWORD},
                follow_redirects=False)
    assert ok.status_code == 303
    assert c.get("/review").status_code == 200  # this browser has a fresh session
    _gone(thief, csrf)
    assert client.post("/api/v1/review", json={"claim_ids": ["ffffff0000"], "state": "rejected"},
                       headers={"Authorization": "Bearer editor-token-0123456789"}
                       ).status_code == 401
    assert login(_client(client.app), "ed", NEW_PASSWORD).status_code == 303
    kinds = [(e.event, e.detail) for e in _events()]
    assert ("login-failed", "wrong current password") in kinds
    assert ("password-changed", None) in kinds


def test_a_new_login_ends_the_session_the_browser_held(client):
    add_user("ed", "editor")
    c = _logged_in(client.app, "ed")
    thief = _copy(c, client.app)
    assert login(c, "ed").status_code == 303  # logging in again, in the same browser
    assert c.get("/review").status_code == 200
    assert thief.get("/review", follow_redirects=False).status_code == 303


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(registry, monkeypatch):
    """`casefile serve`'s uvicorn settings: with CASEFILE_TRUSTED_PROXIES the throttle and the
    log see the client the proxy names, not the proxy (else all visitors are one address)."""
    monkeypatch.setenv("CASEFILE_TRUSTED_PROXIES", "127.0.0.1")
    monkeypatch.setenv("CASEFILE_LOG_ADDRESSES", "1")
    opts = {k: v for k, v in server.options("127.0.0.1", 0).items()
            if k not in ("host", "port", "log_level")}
    with LiveServer(registry, **opts) as served, \
            httpx.Client(base_url=served.base) as h:
        page = h.get("/login")
        sid = page.cookies[auth.COOKIE]
        r = h.post("/login", data={"username": "ed", "password": "wrong password",
                                   "csrf": csrf_of(page.text)},
                   headers={"Cookie": f"{auth.COOKIE}={sid}",
                            "X-Forwarded-For": "203.0.113.9"})
    assert r.status_code == 401
    assert _events()[-1].address == "203.0.113.9"


def test_users_logout_ends_every_session_of_the_user(client):
    add_user("ed", "editor")
    browsers = [_logged_in(client.app, "ed") for _ in range(2)]
    assert "2" in run("users", "list").output.splitlines()[1].split()
    r = run("users", "logout", "ed")
    assert r.exit_code == 0 and "2 session(s)" in r.output
    for c in browsers:
        assert c.get("/review", follow_redirects=False).status_code == 303
    assert login(_client(client.app), "ed").status_code == 303  # the password still works


def test_the_security_log_keeps_its_days(client, monkeypatch):
    with db.transaction() as s:
        s.add(SecurityEvent(at=datetime.now(UTC) - timedelta(days=400), event="login-failed"))
        s.add(SecurityEvent(at=datetime.now(UTC) - timedelta(days=300), event="login-failed"))
    add_user("ed", "editor")
    _logged_in(client.app, "ed")
    ages = [(datetime.now(UTC) - _utc(e.at)).days for e in _events()]
    assert len(ages) == 2 and ages[0] == 300 and ages[1] == 0
    monkeypatch.setenv("CASEFILE_SECURITY_LOG_DAYS", "a year")
    with pytest.raises(CasefileError, match="CASEFILE_SECURITY_LOG_DAYS"):
        create_app(client.app.state.db_url)  # `casefile serve` prints it as one line


def test_log_out_everywhere_from_the_account_page(client):
    add_user("ed", "editor")
    c, other = _logged_in(client.app, "ed"), _logged_in(client.app, "ed")
    page = c.get("/account/password")
    assert "logged in 2 times" in page.text
    csrf = csrf_of(page.text)
    wrong = c.post("/account/logout-all", data={"csrf": csrf, "current": "not it"})
    assert wrong.status_code == 400 and other.get("/review").status_code == 200
    r = c.post("/account/logout-all", data={"csrf": csrf, "current": PASSWORD},
               follow_redirects=False)
    assert r.status_code == 303
    for browser in (c, other):
        assert browser.get("/review", follow_redirects=False).status_code == 303


def test_a_session_seen_long_ago_is_noted_and_can_still_write(client):
    """The last-seen write (at most once a minute) comes before the view's own writes, on
    another connection: the view's review decision must still go through."""
    add_user("ed", "editor")
    c = _logged_in(client.app, "ed")
    csrf = csrf_of(c.get("/review").text)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    with db.transaction() as s:
        s.execute(update(WebSession).values(last_seen_at=long_ago))
    claim = _proposed()
    r = c.post("/review", data={"ids": claim, "action": "accept", "csrf": csrf},
               follow_redirects=False)
    assert r.status_code == 303 and _state(claim) == "accepted"
    with db.session() as s:
        seen = s.scalars(select(WebSession.last_seen_at)).one()
    assert _utc(seen) > long_ago + timedelta(minutes=4)


def test_a_password_hashed_with_older_parameters_logs_in_and_is_hashed_again(client):
    """Hashes made before the parameters were lowered to OWASP's least memory (issue 16: a
    login's 64 MiB was most of a server process's memory) still verify, and the first right
    password stores a hash with today's parameters; a wrong one changes nothing."""
    from argon2 import PasswordHasher

    add_user("ed", "editor")
    old = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4).hash(PASSWORD)
    with db.transaction() as s:
        s.execute(update(User).where(User.username == "ed").values(password_hash=old))
    assert login(_client(client.app), "ed", "not my password").status_code == 401
    with db.session() as s:
        assert s.scalar(select(User.password_hash).where(User.username == "ed")) == old
    assert login(_client(client.app), "ed").status_code == 303
    with db.session() as s:
        new = s.scalar(select(User.password_hash).where(User.username == "ed"))
    assert new != old and "m=7168,t=5,p=1" in new
    assert login(_client(client.app), "ed").status_code == 303
