"""Schemathesis against the API's own OpenAPI document on the live loopback server: no server
errors, and every status and body the API gives is one the document declares.

The stateful phase is left out: it infers links between operations from field names and
feeds a search hit's null `source_id` to /sources/{source_id}, which is its guess, not ours."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_the_api_keeps_its_openapi_contract(live, tmp_path):
    cli = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [str(cli), "run", f"{live.base}/api/v1/openapi.json", "--max-examples", "12",
         "--checks", "all", "--phases", "examples,coverage,fuzzing",
         "--seed", "1", "--no-color", "--request-timeout", "10"],
        cwd=tmp_path, capture_output=True, text=True, timeout=150)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    # every operation was tried (8, the two officials, the interventions and
    # recommendations, the two releases operations and a person's timeline)
    assert re.search(r"Tested:\s+15\b", output), output[-3000:]
