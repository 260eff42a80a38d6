"""`casefile serve` and `casefile users`: run the site, manage editors' accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from casefile.cli import Editor, app, editor
from casefile.cli.labels import Choices

users_app = typer.Typer(help="Editors' accounts: add, list, disable, reset passwords, issue "
                        "API tokens, enable TOTP.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(
        help="Worker processes; each keeps its own list and page caches.")] = 1,
) -> None:
    """Serve the public site, the editors' side and the JSON API."""
    from casefile.web.server import run

    run(host, port, workers)


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from standard input.")]
Username = Annotated[str, typer.Argument(help="Login name.")]


@users_app.command("add")
def add(username: Username,
        role: Annotated[str, typer.Option(parser=Choices("casefile.web.auth", "ROLES"),
                                          help="What the account may do.")] = "viewer",
        password_stdin: PasswordStdin = False, who: Editor = None) -> None:
    """Add an account (argon2-hashed password). An existing name is refused: see
    reset-password."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.session() as s:  # refuse a taken name before asking for a password
        accounts.ensure_free(s, username)
    password = _password(password_stdin)
    with db.transaction() as s:
        accounts.add(s, username, password, role, editor(who))
    typer.echo(f"added: {username} ({role})")


@users_app.command("reset-password")
def reset_password(username: Username, password_stdin: PasswordStdin = False,
                   who: Editor = None) -> None:
    """Set a new password; the user's sessions are logged out and the API token revoked."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.session() as s:
        accounts.get(s, username)
    password = _password(password_stdin)
    with db.transaction() as s:
        revoked = accounts.reset_password(s, username, password, editor(who))
    typer.echo(f"reset: {username} ({revoked} session(s) logged out, API token revoked)")


@users_app.command("disable")
def disable(username: Username, who: Editor = None) -> None:
    """Disable an account: no more logins, its sessions logged out, its API token revoked."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.transaction() as s:
        revoked = accounts.disable(s, username, editor(who))
    typer.echo(f"disabled: {username} ({revoked} session(s) logged out, API token revoked)")


@users_app.command("logout")
def logout(username: Username, who: Editor = None) -> None:
    """Log the user out everywhere (every browser session ends; password and token stay)."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.transaction() as s:
        revoked = accounts.logout_everywhere(s, username, editor(who))
    typer.echo(f"logged out: {username} ({revoked} session(s))")


@users_app.command("enable")
def enable(username: Username, who: Editor = None) -> None:
    """Let a disabled account log in again (its old sessions and token stay revoked)."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.transaction() as s:
        accounts.enable(s, username, editor(who))
    typer.echo(f"enabled: {username}")


@users_app.command("list")
def list_users() -> None:
    """Accounts with role, second factor, API token, state and live sessions."""
    from casefile.registry import db
    from casefile.web import accounts

    with db.session() as s:
        rows = accounts.listing(s)
    typer.echo(f"{'name':<24} {'role':<7} {'totp':<4} {'token':<5} {'state':<8} "
               f"{'sessions':>8}  created")
    for r in rows:
        state = "disabled" if r.disabled else "active"
        typer.echo(f"{r.username:<24} {r.role:<7} {'yes' if r.totp else 'no':<4} "
                   f"{'yes' if r.token else 'no':<5} {state:<8} {r.sessions:>8}  {r.created}")


@users_app.command("log")
def security_log(limit: Annotated[int, typer.Option(
        min=1, max=100_000, help="How many of the newest events.")] = 50) -> None:
    """The security log, newest last: logins, failures, lock-outs, logouts, CSRF refusals,
    forbidden pages, refused API tokens."""
    from sqlalchemy import select

    from casefile.registry import db
    from casefile.registry.models import SecurityEvent

    with db.session() as s:
        rows = list(s.scalars(select(SecurityEvent).order_by(SecurityEvent.id.desc())
                              .limit(limit)))
    for e in reversed(rows):
        typer.echo(f"{e.at:%Y-%m-%d %H:%M:%S} {e.event:<16} {e.username or '-':<16} "
                   f"{e.address or '-':<18} {e.path or '-'}{f'  ({e.detail})' if e.detail else ''}")


@users_app.command("token")
def token(username: Username, who: Editor = None) -> None:
    """Issue a new API bearer token (printed once; the previous one stops working)."""
    from casefile.registry import audit, db
    from casefile.web import accounts
    from casefile.web.auth import new_api_token

    secret, hashed = new_api_token()
    with db.transaction() as s:
        user = accounts.get(s, username)
        if user.disabled_at is not None:
            raise accounts.AccountError(f"user {username!r} is disabled")
        user.api_token_hash = hashed
        audit.record(s, editor(who), "user-token", f"user:{username}")
    typer.echo(secret)


@users_app.command("totp")
def totp(username: Username,
         off: Annotated[bool, typer.Option("--off", help="Turn the second factor off.")] = False,
         who: Editor = None) -> None:
    """Turn on the TOTP second factor and print the secret and its otpauth:// URI."""
    import pyotp

    from casefile.registry import audit, db
    from casefile.web import accounts

    secret = None if off else pyotp.random_base32()
    with db.transaction() as s:
        user = accounts.get(s, username)
        user.totp_secret, user.totp_last_step = secret, None
        audit.record(s, editor(who), "user-totp", f"user:{username}", enabled=not off)
    if secret is None:
        typer.echo(f"TOTP off for {username}")
    else:
        typer.echo(secret)
        typer.echo(pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Casefile"))
