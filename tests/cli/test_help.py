"""Help speaks an editor's language: TEXT, INTEGER, PATH, [md|html|csv], not Python types."""

import re

import pytest

from tests.helpers import run

PYTHON_LABELS = re.compile(r"<(?:str|int|bool|float|path|list\[[^\]]*\])>|\{[a-z_]+\}")


@pytest.mark.parametrize("command", [
    ["--help"], ["capture", "--help"], ["report", "prisoners", "--help"],
    ["backup", "--help"], ["persons", "publication", "--help"], ["claims", "add", "--help"],
    ["review", "correct", "--help"], ["names", "romanize", "--help"], ["sources", "--help"],
])
def test_no_python_type_labels(command):
    out = run(*command).output
    assert "Usage:" in out
    assert not PYTHON_LABELS.search(out), PYTHON_LABELS.search(out)


def test_plain_labels_and_choices():
    out = run("report", "prisoners", "--help").output
    assert "[md|html|csv|json|pdf]" in out and "TEXT" in out and "PATH" in out
    capture = run("capture", "--help").output
    assert "TARGETS..." in capture
    assert re.search(r"--as\s+EDITOR", capture)


def test_choices_owned_elsewhere_are_listed_and_checked(registry):
    """--kind lists the kinds registry/manual.py declares; that module refuses others."""
    from casefile.registry.manual import KINDS

    out = run("claims", "add", "--help").output
    label = re.sub(r"[\s│]", "", out.split("--kind", 1)[1])  # it may wrap in the box
    assert label.startswith("[event|") and all(f"{k}|" in label or f"{k}]" in label
                                               for k in KINDS)
    r = run("claims", "add", "--person", "1", "--kind", "rumour", "--value", "x",
            "--reason", "y", "--as", "anna")
    assert r.exit_code == 1 and "--kind must be one of" in r.output
