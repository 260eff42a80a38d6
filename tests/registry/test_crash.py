"""Killing the process in the middle of an ingest leaves the registry as it was before."""

import os
import signal
import subprocess
import sys
import time

from casefile import settings
from tests.conftest import seed
from tests.helpers import counts, run


def test_kill_during_ingest_leaves_registry_unchanged(registry, tmp_path):
    assert run("capture", str(seed("000"))).exit_code == 0
    before = counts()
    # A large document (distinct bytes) so extraction runs long enough to be interrupted.
    text = seed("002").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("\n".join(text.replace("2023", str(1990 + i % 30)) for i in range(25)))
    blob_dir = settings.blob_dir()
    existing = set(blob_dir.rglob("*"))
    proc = subprocess.Popen([sys.executable, "-m", "casefile", "capture", str(big)],
                            env=dict(os.environ), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.time() + 60
    # The blob is written inside the ingest transaction, before extraction: once it shows
    # up, the process is mid-ingest.
    while time.time() < deadline and not (set(blob_dir.rglob("*")) - existing):
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.01)
    time.sleep(0.3)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert counts() == before
    # and the registry still works: the same file can be captured afterwards
    assert run("capture", str(seed("004"))).exit_code == 0
