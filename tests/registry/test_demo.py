"""`casefile demo` prints the list the README promises, and a hint that names its binary."""

from tests.conftest import seed
from tests.helpers import run


def test_demo_prints_the_list_and_a_runnable_hint(registry):
    r = run("demo", "--no-serve", "--samples", str(seed("002").parent))
    assert r.exit_code == 0, r.output
    assert "# Political prisoners in KZ as of 2023-09-01" in r.stdout
    assert "1. **Zhaksylyk Abdullayev** — 5 years of imprisonment" in r.stdout
    hint = r.stdout.strip().splitlines()[-1]
    assert hint.startswith("The same in other formats: /") and " report prisoners " in hint
