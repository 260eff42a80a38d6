"""Backup, restore and verify: the registry's database and its evidence blobs, kept together.

`snapshot` takes a consistent copy while the server runs, `archive` packs it with a manifest
of hashes (and refuses anything hostile when reading one back), `crypto` encrypts it with age,
`restore` puts it into an empty home, `verify` re-checks a live registry, and `report` gives a
digest of every table that two registries can be compared by.
"""

from casefile.errors import CasefileError


def ident(name: str) -> str:
    """A table or schema name quoted for SQL (names come from the database's own catalogue,
    or from a manifest that must not be able to break out of the quotes)."""
    return '"' + name.replace('"', '""') + '"'


class BackupError(CasefileError):
    """A backup, restore or verification could not be done; the message says why."""
