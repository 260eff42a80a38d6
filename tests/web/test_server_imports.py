"""What a web server process imports (issue 16: under 150 MB a process). Reading documents
(the extractors, lxml, httpx, PDF and DOCX readers), migrating (alembic, with mako and
pygments) and comparing names (rapidfuzz) are other processes' work: captures, re-extraction
and watch runs go to the worker process (casefile.web.workers), and an up-to-date registry
needs no migration. A module imported at the top of anything the app loads brings them all
back, and only a fresh process shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# What `casefile serve` runs before it serves: the command line, the server module, opening
# the registry (at the newest migration), the app and its templates.
SERVE = """
import json, sys
import casefile.cli
from casefile.registry import db
from casefile.web import pages, server
db.engine()
server.create_app()
pages.warm()
print(json.dumps(sorted(sys.modules)))
"""
HEAVY = ("alembic", "mako", "pygments", "rapidfuzz", "lxml", "httpx", "trafilatura", "pypdf",
         "pdfminer", "docx", "weasyprint", "rich", "casefile.registry.ingest",
         "casefile.registry.watch_run", "casefile.extract.document", "casefile.sources.load",
         "casefile.sources.fetch")


def test_a_web_server_process_loads_no_document_readers_nor_migrations(registry):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", SERVE], env=env, cwd=root, check=True,
                         capture_output=True, text=True, timeout=300).stdout
    modules = json.loads(out.splitlines()[-1])
    assert "casefile.web.views.editor" in modules  # the app was built
    loaded = [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY]
    assert loaded == []


# What the server does with a capture's result: the worker's answer arrives pickled, and a
# class is unpickled by importing its module.
UNPICKLE = """
import json, pickle, sys
pickle.loads(bytes.fromhex(sys.argv[1]))
print(json.dumps(sorted(sys.modules)))
"""


def test_a_capture_result_reaches_the_server_without_the_document_readers():
    """The worker hands back what a capture did (casefile.registry.captured.Captured); taking
    it must not import what made it, or the first capture brings every reader into the
    serving process."""
    import pickle

    from casefile.registry import ingest
    from casefile.registry.captured import Captured

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    assert ingest.Captured is Captured  # what a capture returns is this record
    result = Captured(source_id=7, sha256="0" * 64, created=True, claims=3, persons=1,
                      language="ru", flags=("unreadable entry",), story_id=2)
    out = subprocess.run([sys.executable, "-c", UNPICKLE, pickle.dumps(result).hex()],
                         env=env, cwd=root, check=True, capture_output=True, text=True,
                         timeout=300).stdout
    modules = json.loads(out.splitlines()[-1])
    assert "casefile.registry.captured" in modules
    assert [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY] == []
