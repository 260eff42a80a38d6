"""Run the casefile command line and SIGKILL it at its N-th database event.

Used by test_upgrade_kill.py as `python tests/registry/kill_at.py ARGS...`. Events are counted
across every engine: before and after each statement the driver executes, and before each
commit. CASEFILE_TEST_KILL_AT=N kills the process (SIGKILL: no cleanup, no rollback) at event N;
with 0 it runs to the end and CASEFILE_TEST_KILL_LOG receives one line per event, so a test
can choose where to kill. Nothing of this is in casefile itself: the hooks are SQLAlchemy's.
"""

import os
import signal
import sys

from sqlalchemy import event
from sqlalchemy.engine import Engine

KILL_AT = int(os.environ.get("CASEFILE_TEST_KILL_AT", "0"))
LOG = os.environ.get("CASEFILE_TEST_KILL_LOG")
seen = 0


def _event(kind: str, statement: str = "") -> None:
    global seen
    seen += 1
    if seen == KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)
    if LOG:
        with open(LOG, "a", encoding="utf-8") as out:
            out.write(f"{seen}\t{kind}\t{' '.join(statement.split())[:200]}\n")


event.listen(Engine, "before_cursor_execute",
             lambda _c, _cur, stmt, *_a: _event("before", stmt))
event.listen(Engine, "after_cursor_execute",
             lambda _c, _cur, stmt, *_a: _event("after", stmt))
event.listen(Engine, "commit", lambda _c: _event("commit"))

sys.argv = ["casefile", *sys.argv[1:]]
from casefile.cli import main  # noqa: E402  (after the hooks, so every engine is counted)

main()
