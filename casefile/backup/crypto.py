"""Encryption of a backup with age (pyrage): to an age recipient, or with a passphrase.

To a recipient (`age1…`) the file is a plain age file: `age -d -i key.txt` opens it.
With a passphrase, age's own passphrase mode works only on bytes held in memory, and a backup
can be larger than memory. So the archive is encrypted, streaming, to a one-off X25519 key,
and that key (a few dozen bytes) is stored before it, encrypted with the passphrase (scrypt):

    casefile-backup-passphrase/v1\\n  <4-byte length>  <age(passphrase) of the key>  <age stream>
"""

from __future__ import annotations

import struct
from pathlib import Path

import pyrage  # type: ignore[import-untyped]

from casefile.backup import BackupError

AGE_MAGIC = b"age-encryption.org/v1\n"
PASSPHRASE_MAGIC = b"casefile-backup-passphrase/v1\n"
_KEY_LIMIT = 64 * 1024


def kind(path: Path) -> str:
    """"age", "passphrase" or "plain", from the file's first bytes."""
    with path.open("rb") as fh:
        head = fh.read(len(PASSPHRASE_MAGIC))
    if head.startswith(AGE_MAGIC):
        return "age"
    if head == PASSPHRASE_MAGIC:
        return "passphrase"
    return "plain"


def encrypt(plain: Path, target: Path, *, passphrase: str | None = None,
            recipients: list[str] | None = None) -> None:
    """Write `plain` encrypted into `target` (one of the two ways; never both)."""
    if passphrase is not None:
        identity = pyrage.x25519.Identity.generate()
        wrapped = pyrage.passphrase.encrypt(str(identity).encode(), passphrase)
        with target.open("wb") as out, plain.open("rb") as src:
            out.write(PASSPHRASE_MAGIC + struct.pack(">I", len(wrapped)) + wrapped)
            pyrage.encrypt_io(src, out, [identity.to_public()])
        return
    try:
        keys = [pyrage.x25519.Recipient.from_str(r.strip()) for r in recipients or []]
    except pyrage.RecipientError as exc:
        raise BackupError(f"not an age recipient (age1…): {exc}") from None
    if not keys:
        raise BackupError("no age recipient given")
    with target.open("wb") as out, plain.open("rb") as src:
        pyrage.encrypt_io(src, out, keys)


def decrypt(source: Path, target: Path, *, passphrase: str | None = None,
            identity_file: Path | None = None) -> None:
    """Write the archive inside the encrypted `source` into `target`."""
    how = kind(source)
    try:
        with source.open("rb") as src, target.open("wb") as out:
            if how == "passphrase":
                if passphrase is None:
                    raise BackupError("the backup is encrypted with a passphrase: give "
                                      "--passphrase-file or CASEFILE_BACKUP_PASSPHRASE")
                identities = [_unwrap(src, passphrase)]
            else:
                if identity_file is None:
                    raise BackupError("the backup is encrypted to an age recipient: give "
                                      "--identity with the matching age key file")
                identities = _identities(identity_file)
            pyrage.decrypt_io(src, out, identities)
    except pyrage.DecryptError as exc:
        raise BackupError(f"the backup could not be decrypted (wrong key, or the file is "
                          f"damaged): {exc}") from None
    except OSError as exc:  # pyrage's streaming reader reports a cut or altered stream so
        raise BackupError(f"the backup is damaged or truncated ({exc})") from None


def _unwrap(src, passphrase: str) -> pyrage.x25519.Identity:
    src.read(len(PASSPHRASE_MAGIC))
    head = src.read(4)
    if len(head) != 4:
        raise BackupError("the backup is truncated (no key header)")
    (length,) = struct.unpack(">I", head)
    if length > _KEY_LIMIT:
        raise BackupError("the backup's key header is damaged")
    wrapped = src.read(length)
    try:
        key = pyrage.passphrase.decrypt(wrapped, passphrase)
    except pyrage.DecryptError:
        raise BackupError("wrong passphrase for this backup (or its key header is "
                          "damaged)") from None
    try:
        return pyrage.x25519.Identity.from_str(key.decode())
    except (pyrage.IdentityError, UnicodeDecodeError):
        raise BackupError("the backup's key header is damaged") from None


def _identities(path: Path) -> list[pyrage.x25519.Identity]:
    """Every age secret key in an age key file (as `age-keygen` writes it, comments allowed)."""
    try:
        lines = path.read_text().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"cannot read the age key file {path}: {exc}") from None
    try:
        keys = [pyrage.x25519.Identity.from_str(line.strip()) for line in lines
                if line.startswith("AGE-SECRET-KEY-")]
    except pyrage.IdentityError:
        raise BackupError(f"{path} holds a damaged age secret key") from None
    if not keys:
        raise BackupError(f"{path} holds no age secret key (AGE-SECRET-KEY-…)")
    return keys
