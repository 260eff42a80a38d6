"""Plain type labels in `--help`: TEXT, INTEGER, PATH, [md|html|csv] rather than Typer's
`<str>`, `<list[str]>`, `<bool>` and `{targets}`.

Typer 0.29 labels a parameter with its Python annotation, which means nothing to an editor.
It offers no hook for the label, so `install()` replaces the three methods that make it on
Typer's parameter classes, for this process only; the pin on typer in pyproject.toml keeps
those methods where this expects them. tests/cli/test_help.py fails if a label slips back.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from enum import Enum
from typing import Any, get_args

from typer.core import TyperArgument, TyperOption

NAMES: dict[Any, str] = {str: "TEXT", int: "INTEGER", float: "NUMBER", bool: "BOOLEAN",
                         date: "DATE", datetime: "DATETIME"}


class Choices:
    """The values another module owns (`Choices("casefile.registry.manual", "KINDS")`),
    listed in an option's help: given as the option's `parser`, the owner (often a module
    that imports the registry) is imported only when that help is shown, so the list costs
    the start-up of other commands nothing. The value passes through unchanged: the owner
    checks it, with its own one-line error. `separator`: several, comma-separated."""

    def __init__(self, module: str, attribute: str, separator: str | None = None) -> None:
        self.module, self.attribute, self.separator = module, attribute, separator

    def values(self) -> tuple[str, ...]:
        return tuple(getattr(importlib.import_module(self.module), self.attribute))

    def label(self) -> str:
        one = "[" + "|".join(self.values()) + "]"
        return f"{one}{self.separator}..." if self.separator else one

    def __call__(self, value: str) -> str:
        return value


def label(param: TyperArgument | TyperOption) -> str | None:
    """The plain label of a parameter's value; None for a flag, which takes no value."""
    if param.metavar is not None:
        return param.metavar
    if isinstance(param, TyperOption) and (param.is_flag or param.count):
        return None
    desc = param.type_descriptor
    parser = getattr(desc.parameter_info, "parser", None)
    if isinstance(parser, Choices):
        return parser.label()
    if desc.is_choice and desc.choices:
        return "[" + "|".join(str(c.value if isinstance(c, Enum) else c)
                              for c in desc.choices) + "]"
    if desc.is_path:
        return {"file": "FILE", "directory": "DIRECTORY"}.get(str(desc.path_type).lower(),
                                                              "PATH")
    annotation = desc.annotation
    if desc.is_list:  # repeated: the help says so ("may be repeated", "...")
        annotation = (get_args(annotation) or (str,))[0]
    return NAMES.get(annotation, "TEXT")


def _option_label(self: TyperOption, ctx: object) -> str | None:
    return label(self)


def _argument_label(self: TyperArgument, ctx: object) -> str | None:
    # The name column already shows the argument; the label adds its type only.
    return label(self) if self.metavar is None else None


def _usage_name(self: TyperArgument) -> str:
    """`TARGETS...` and `[FILE]` in the usage line, as Click writes them."""
    name = (self.metavar or self.name or "").upper()
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def install() -> None:
    TyperOption.display_type_rich = _option_label  # type: ignore[method-assign]
    TyperArgument.display_type_rich = _argument_label  # type: ignore[method-assign,assignment]
    TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
