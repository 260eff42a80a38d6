"""A regular expression matching any of a list of words, written as a trie.

Python's regex engine tries every alternative of "January|Jan|June|..." at every position that
could start one; the same words as a trie ("J(?:an(?:uary)?|u(?:ne|ly)...)") fail after one
character at most positions. With the text lower-cased once and the words lower-cased, this
replaces a case-insensitive alternation and runs many times faster over megabytes of text.
"""

from __future__ import annotations

import re

_END = ""  # trie key marking that a word ends here
_DOT = "."  # ... and that it may be followed by a period ("Jan.")


def alternation(words: list[str], dotted: frozenset[str] = frozenset()) -> str:
    """A non-capturing regex for any of `words`, longest match first. A space in a word matches
    any run of whitespace; a word in `dotted` may end with a period. Empty list: never matches."""
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
        if word in dotted:
            node[_DOT] = {}
    return _build(root) if root else "(?!)"


def _build(node: dict[str, dict]) -> str:
    alts = []
    for ch in sorted(k for k in node if k not in (_END, _DOT)):
        piece = r"\s+" if ch == " " else re.escape(ch)
        alts.append(piece + _build(node[ch]))
    if _DOT in node:
        alts.append(r"\.")
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END in node:
        return f"(?:{body})?" if len(alts) == 1 else body + "?"
    return body
