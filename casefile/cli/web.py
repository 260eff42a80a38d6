"""`casefile serve` and `casefile users`: run the site, manage editors' accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import pyotp
import typer
from sqlalchemy import select

from casefile.cli import app
from casefile.errors import CasefileError, NotFound
from casefile.registry import audit, db
from casefile.registry.models import User

users_app = typer.Typer(help="Editors' accounts: add, issue API tokens, enable TOTP.",
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


def _user(s, username: str) -> User:  # type: ignore[no-untyped-def]
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


@users_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="viewer | editor | admin")] = "viewer",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Add an account (argon2-hashed password), or reset an existing one's password and role."""
    from casefile.web.auth import ROLES, hash_password

    if role not in ROLES:
        raise CasefileError(f"role must be one of {', '.join(ROLES)}")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise CasefileError("the password must have at least 10 characters")
    with db.transaction() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            s.add(User(username=username, password_hash=hash_password(password), role=role))
            action = "user-add"
        else:
            user.password_hash, user.role = hash_password(password), role
            action = "user-reset"
        audit.record(s, "cli", action, f"user:{username}", role=role)
    typer.echo(f"{action.split('-')[1]}: {username} ({role})")


@users_app.command("token")
def token(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Issue a new API bearer token (printed once; the previous one stops working)."""
    from casefile.web.auth import new_api_token

    secret, hashed = new_api_token()
    with db.transaction() as s:
        _user(s, username).api_token_hash = hashed
        audit.record(s, "cli", "user-token", f"user:{username}")
    typer.echo(secret)


@users_app.command("totp")
def totp(username: Annotated[str, typer.Argument(help="Login name.")],
         off: Annotated[bool, typer.Option("--off", help="Turn the second factor off.")] = False
         ) -> None:
    """Turn on the TOTP second factor and print the secret and its otpauth:// URI."""
    secret = None if off else pyotp.random_base32()
    with db.transaction() as s:
        _user(s, username).totp_secret = secret
        audit.record(s, "cli", "user-totp", f"user:{username}", enabled=not off)
    if secret is None:
        typer.echo(f"TOTP off for {username}")
    else:
        typer.echo(secret)
        typer.echo(pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Casefile"))
