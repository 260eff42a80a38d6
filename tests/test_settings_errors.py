"""A bad setting is a one-line error naming it, exit code 1, never a traceback (issue 13, 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed


def _casefile(home: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(CASEFILE_HOME=str(home), PYTHONPATH=str(ROOT),
               **{f"CASEFILE_{k}": v for k, v in settings.items()})
    return subprocess.run([sys.executable, "-m", "casefile", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert all(w in lines[0] for w in words), lines[0]


@pytest.mark.parametrize(("name", "value", "args"), [
    ("MAX_SOURCE_BYTES", "abc", ("capture", str(seed("000")))),
    ("MAX_SOURCE_BYTES", "-5", ("capture", str(seed("000")))),
    ("DB_POOL", "many", ("persons",)),
    ("PAGE_CACHE_MB", "lots", ("serve", "--port", "0")),
    ("FETCH_TIMEOUT", "nan", ("capture", "http://127.0.0.1:9/x")),
    ("FETCH_MAX_REDIRECTS", "1.5", ("capture", "http://127.0.0.1:9/x")),
])
def test_a_setting_that_is_not_a_number(tmp_path, name, value, args):
    result = _casefile(tmp_path / "home", *args, **{name: value})
    _one_line_error(result, f"CASEFILE_{name}", repr(value))
    with_default = _casefile(tmp_path / "home", "persons")
    assert with_default.returncode == 0, with_default.stderr  # nothing was left half-done


def test_a_database_folder_that_does_not_exist(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    result = _casefile(tmp_path / "home", "persons",
                       DATABASE_URL=f"sqlite:///{missing / 'c.db'}")
    _one_line_error(result, str(missing), "does not exist")
    assert not missing.parent.exists()  # not created behind the operator's back


def test_a_database_server_that_does_not_answer(tmp_path):
    result = _casefile(tmp_path / "home", "persons",
                       DATABASE_URL="postgresql+psycopg://casefile:s3cret@127.0.0.1:9/registry")
    _one_line_error(result, "cannot open the registry", "127.0.0.1:9")
    assert "s3cret" not in result.stderr


def test_every_numeric_setting_refuses_what_is_not_a_number(monkeypatch):
    """Whatever reads it: settings added later are covered by their numeric default."""
    from casefile import settings
    from casefile.errors import SettingsError

    numeric = [s.name for s in settings.SETTINGS if s.default.replace(".", "", 1).isdigit()]
    assert {"MAX_SOURCE_BYTES", "DB_POOL", "PAGE_CACHE_MB"} <= set(numeric)
    for name in numeric:
        for bad in ("abc", "-1", "nan", "inf", ""):
            monkeypatch.setenv(f"CASEFILE_{name}", bad)
            with pytest.raises(SettingsError, match=f"CASEFILE_{name}"):
                settings.get(name)
        monkeypatch.setenv(f"CASEFILE_{name}", "7")
        assert settings.get(name) == "7"
