"""Start-up: registering every command and showing help imports none of the heavy parts.

No clock is read here (a loaded machine makes any time limit flaky); bench/cli_startup.py
measures the time. What is checked is the cause of a slow start: these modules take most of
a second to import, and a command module that imports one at its top makes every command,
and `--help`, pay for it."""

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("sqlalchemy", "alembic", "fastapi", "starlette", "trafilatura", "weasyprint",
         "pypdf", "docx", "httpx", "rapidfuzz", "followthemoney", "pyotp",
         "casefile.registry.db", "casefile.extract.document", "casefile.web")

SCRIPT = """
import json, sys
from casefile import cli
cli._register()
for argv in ARGVS:
    try:
        cli.app(argv, prog_name="casefile")
    except SystemExit:
        pass
print("\\nLOADED " + json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
"""


def _loaded(*argvs: list[str]) -> list[str]:
    code = f"ARGVS = {argvs!r}\nHEAVY = {HEAVY!r}\n{SCRIPT}"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.rsplit("LOADED ", 1)[1])


def test_registering_the_commands_imports_nothing_heavy():
    assert _loaded() == []


def test_help_imports_nothing_heavy():
    assert _loaded(["--help"], ["report", "--help"], ["report", "prisoners", "--help"],
                   ["capture", "--help"], ["review", "--help"], ["users", "--help"]) == []


def test_the_check_would_see_a_heavy_import():
    """The subprocess does report what a command imports once it runs: comparing two family
    names a letter apart measures their edit distance with rapidfuzz (imported when first
    needed, casefile.names.evidence)."""
    assert "rapidfuzz" in _loaded(["names", "compare", "Marat Zhylanbayev", "Marat Zhylanbatev"])
