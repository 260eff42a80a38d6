"""Login throttling: failures counted per client address (across user names) and per user name
(across addresses), in the registry so every server process counts the same failures.

Past PER_NAME failures for one name, or PER_ADDRESS from one address, within WINDOW seconds,
the login refuses (429) without checking the password, for anyone, until the oldest failure
leaves the window: guessing slows to a few tries per quarter hour whichever way it is spread.
Both keys are keyed hashes (casefile.web.auth.keyed): what a visitor typed as a name (often a
password in the wrong field) and where they came from are not kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select

from casefile.registry.models import LoginFailure

WINDOW = 15 * 60
PER_NAME = 5
PER_ADDRESS = 20


@dataclass(frozen=True)
class Keys:
    address: str
    name: str


def _counts(eng: Engine, keys: Keys) -> tuple[int, int]:
    since = datetime.now(UTC) - timedelta(seconds=WINDOW)
    with eng.connect() as conn:
        by_address = conn.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.address_key == keys.address, LoginFailure.at > since))
        by_name = conn.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.name_key == keys.name, LoginFailure.at > since))
    return int(by_address or 0), int(by_name or 0)


def _over(by_address: int, by_name: int) -> str | None:
    if by_address >= PER_ADDRESS:
        return "address"
    if by_name >= PER_NAME:
        return "account"
    return None


def blocked(eng: Engine, keys: Keys) -> str | None:
    """'address' or 'account' when that limit is reached; None when a try is allowed."""
    return _over(*_counts(eng, keys))


def fail(eng: Engine, keys: Keys) -> str | None:
    """Count a failure; returns the limit this failure reached ('address' or 'account'), so
    the lock-out is logged once, when it begins. Failures out of the window are swept."""
    at = datetime.now(UTC)
    with eng.begin() as conn:
        conn.execute(delete(LoginFailure).where(
            LoginFailure.at < at - timedelta(seconds=WINDOW)))
        conn.execute(insert(LoginFailure).values(at=at, address_key=keys.address,
                                                 name_key=keys.name))
    by_address, by_name = _counts(eng, keys)
    if by_address == PER_ADDRESS:
        return "address"
    if by_name == PER_NAME:
        return "account"
    return None


def clear(eng: Engine, keys: Keys) -> None:
    """A right password and code forgive the name's failures (not the address's: one good
    account must not buy an address more guesses at the others)."""
    with eng.begin() as conn:
        conn.execute(delete(LoginFailure).where(LoginFailure.name_key == keys.name))
