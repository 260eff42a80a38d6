"""The registry: the store of sources, claims, persons, cases and decisions."""
