"""Names: normalisation, transliteration and matching of person names across scripts.

One step per module, tables as data (casefile/data/names/, casefile/data/countries/kz/):

- script.py     which writing system a name is in
- translit.py   Kazakh / Russian / Ukrainian / Belarusian Cyrillic -> Latin, several schemes
- clean.py      invisible characters, marks, titles
- inflect.py    Russian and Kazakh case endings back to the nominative
- normalize.py  parse_name: given names, family name, patronymic, initials
- nominative.py nominative: a name in Russian running text back in the nominative, as written
- variants.py   folding of press spelling variants, given-name forms, family stems
- features.py   the cached, folded form of a name that comparisons use
- evidence.py   part-by-part verdicts; compare.py turns them into a decision
- keys.py       registry blocking keys (match_key, block_keys)
"""

from casefile.names.compare import Context, Match, compare
from casefile.names.keys import block_keys, match_key
from casefile.names.nominative import nominative
from casefile.names.normalize import ParsedName, parse_name
from casefile.names.script import detect_script
from casefile.names.translit import romanize
from casefile.names.variants import fold

__all__ = [
    "Context",
    "Match",
    "ParsedName",
    "block_keys",
    "compare",
    "detect_script",
    "fold",
    "match_key",
    "nominative",
    "parse_name",
    "romanize",
]
