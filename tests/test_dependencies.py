"""The declared dependencies are exactly what the code imports: a package used but not pinned
breaks a fresh install, one pinned but unused is weight (and attack surface) for nothing."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Pinned but never imported by name, each for a reason: loaded by another package at run time.
LOADED_BY_OTHERS = {
    "psycopg": "SQLAlchemy's postgresql+psycopg dialect imports it",
    "python-multipart": "FastAPI parses forms with it",
    # uvicorn takes them when installed: HTTP parsed in C and a libuv event loop cut a cheap
    # page's CPU by a third (docs/BENCHMARKS.md, issue 16)
    "httptools": "uvicorn parses HTTP with it",
    "uvloop": "uvicorn runs its event loop on it",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {_norm(re.split(r"[\[=<>~! ]", spec, maxsplit=1)[0])
            for spec in project["dependencies"]}


def _imported() -> dict[str, set[str]]:
    """Distribution -> the casefile modules that import it (at any depth in a module)."""
    dists = packages_distributions()
    out: dict[str, set[str]] = {}
    for path in (ROOT / "casefile").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "casefile" or top in sys.stdlib_module_names:
                    continue
                for dist in dists.get(top, [top]):
                    out.setdefault(_norm(dist), set()).add(str(path.relative_to(ROOT)))
    return out


def test_every_imported_package_is_declared() -> None:
    missing = {d: sorted(m)[:3] for d, m in _imported().items() if d not in _declared()}
    assert not missing, f"imported but not in pyproject.toml: {missing}"


def test_every_declared_package_is_imported() -> None:
    unused = _declared() - set(_imported()) - set(LOADED_BY_OTHERS)
    assert not unused, f"declared in pyproject.toml but never imported: {sorted(unused)}"
