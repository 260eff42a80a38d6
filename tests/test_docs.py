"""The docs cannot drift: the CLI reference is generated, and every setting is documented."""

import subprocess
import sys

from casefile import settings
from tests.conftest import ROOT


def test_cli_reference_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_setting_has_help_and_is_in_the_reference():
    text = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    for s in settings.SETTINGS:
        assert s.help.strip(), s.name
        assert f"CASEFILE_{s.name}" in text
