"""Read statements a public page runs on every visit, run on the database driver's cursor.

SQLAlchemy's execution of a statement (its cache key, an execution context, expanding `IN`
lists, the result's set-up) cost 100–300 µs a statement here, more than the query itself:
a person page's names took 160 µs through `Connection.execute` and 15 µs on the cursor, and
a dossier runs five. `Prepared` compiles a select once per database kind (and per length of
each `IN` list) and then only binds the parameters, runs the SQL on the cursor of the
connection SQLAlchemy holds (so in its transaction), and converts the columns with the
converters SQLAlchemy would use (its types' result processors: a date-time from SQLite's
text, JSON through the engine's reader). The rows are the tuples `Connection.execute` gives.

For selects only: SQLAlchemy's statement events (`before_cursor_execute`) do not see these,
which is what they are for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Select


@dataclass(frozen=True)
class _Slot:
    """Where an argument comes from: the caller's parameter `name` (at `path` inside it for an
    expanded `IN` list: an item, or an item of a tuple), or a value the statement holds (a
    LIMIT), converted for the driver as SQLAlchemy would."""

    name: str | None
    path: tuple[int, ...]
    value: Any
    convert: Callable[[Any], Any] | None


@dataclass
class _Form:
    sql: str
    named: bool  # the driver takes a mapping (psycopg's pyformat), else a sequence (SQLite's ?)
    slots: tuple[tuple[str, _Slot], ...]  # in the order of the SQL when positional
    # Each column's converter, known once the driver has described the columns (PostgreSQL's
    # numbers are converted by the type the server names)
    converters: tuple[Callable[[Any], Any] | None, ...] | None = None


_FORMS = 256  # compiled forms kept per statement


@dataclass(frozen=True)
class _Marker:
    """Stands for a caller's value while the statement is expanded, so that the expanded
    parameters tell which argument is which."""

    name: str
    path: tuple[int, ...] = ()


_Key = tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]
"""A compiled form's key: the database, the names of the IN lists and each list's shape
(its length, and the width of its tuples or 0)."""


class Prepared:
    """A select and its compiled forms."""

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        self.statement = statement
        self._forms: dict[_Key, _Form] = {}

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The statement's rows for `params` on `conn`, converted as SQLAlchemy would."""
        lists = tuple(sorted((k, v) for k, v in params.items() if isinstance(v, list)))
        if any(not v for _, v in lists):  # an empty IN: SQLAlchemy writes a condition for it
            return [tuple(r) for r in conn.execute(self.statement, params)]
        shape = tuple((len(v), len(v[0]) if isinstance(v[0], tuple) else 0) for _, v in lists)
        key: _Key = (conn.dialect.name, tuple(k for k, _ in lists), shape)
        form = self._forms.get(key)
        if form is None:
            if len(self._forms) >= _FORMS:  # IN lists of many lengths: keep the memory bounded
                self._forms.clear()
            form = self._forms[key] = self._compile(conn.dialect, params)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if form.named:
                cursor.execute(form.sql, {n: _argument(s, params) for n, s in form.slots})
            else:
                cursor.execute(form.sql, [_argument(s, params) for _, s in form.slots])
            found = cursor.fetchall()
            if form.converters is None:
                form.converters = self._converters(conn.dialect, cursor.description)
        finally:
            cursor.close()
        converters = form.converters
        if not any(converters):
            return [tuple(r) for r in found]
        return [tuple(v if c is None or v is None else c(v)
                      for c, v in zip(converters, r, strict=True)) for r in found]

    def _compile(self, dialect: Dialect, params: Mapping[str, Any]) -> _Form:
        markers: dict[str, Any] = {}
        for name, value in params.items():
            if isinstance(value, list):
                markers[name] = [
                    tuple(_Marker(name, (i, j)) for j in range(len(v))) if isinstance(v, tuple)
                    else _Marker(name, (i,)) for i, v in enumerate(value)]
            else:
                markers[name] = _Marker(name)
        compiled = self.statement.compile(dialect=dialect)
        expanded = compiled.construct_expanded_state(markers)
        order = expanded.positiontup or list(expanded.parameters)
        slots = []
        for name in order:
            value = expanded.parameters[name]
            bind = compiled.binds.get(value.name if isinstance(value, _Marker) else name)
            impl = bind.type.dialect_impl(dialect) if bind is not None else None
            convert = impl.bind_processor(dialect) if impl is not None else None
            if isinstance(value, _Marker):
                slots.append((name, _Slot(value.name, value.path, None, convert)))
            else:
                slots.append((name, _Slot(None, (), convert(value) if convert else value, None)))
        return _Form(expanded.statement, expanded.positiontup is None, tuple(slots))

    def _converters(self, dialect: Dialect, description: Any
                    ) -> tuple[Callable[[Any], Any] | None, ...]:
        return tuple(c.type.dialect_impl(dialect).result_processor(dialect, d[1])
                     for c, d in zip(self.statement.selected_columns, description, strict=True))


def _argument(slot: _Slot, params: Mapping[str, Any]) -> Any:
    if slot.name is None:
        return slot.value
    value = params[slot.name]
    for i in slot.path:
        value = value[i]
    return slot.convert(value) if slot.convert is not None and value is not None else value
