"""Lower-casing that keeps offsets, shared by the recognisers that search lower-cased text.

Searching a lower-cased copy with case-sensitive patterns is about twice as fast as searching
the text with `re.IGNORECASE`, and an offset found in the copy is the same in the text: the
few characters whose lower case is longer ("İ" becomes two) are kept as they are. Several
recognisers read the same text one after another, so the last copy is kept (only one:
a long text's copy is not held on to after the next extraction).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def lowered(text: str) -> str:
    """`text` lower-cased, character for character."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
