"""A capture tells its caller each step (the command line draws them as a bar on a terminal);
the output of a command that is not on a terminal carries no bar."""

from casefile.registry.ingest import capture
from tests.conftest import seed
from tests.helpers import run


def test_capture_reports_each_stage_in_order(registry):
    stages: list[str] = []
    r = capture(str(seed("002")), progress=lambda stage, done=0, total=None: stages.append(stage))
    assert r.created and r.claims > 0
    assert stages == ["reading", "extracting", "resolving", "storing"]


def test_no_bar_in_captured_output(registry):
    out = run("capture", str(seed("002")), str(seed("004")), "--as", "anna").output
    assert out.count("captured ") == 2
    assert "━" not in out and "of 2" not in out
