"""The API reference as readers see it on /api, made from the app's own OpenAPI document.

FastAPI's /docs page loads Swagger UI from a CDN, which this site never does (and its pages
work without JavaScript). So the reference is plain HTML rendered from `app.openapi()`: every
documented route, its parameters with their limits, and an example of each answer built from
the response schema. Being made from the document the API is checked against (schemathesis),
it cannot describe a route or a parameter the API does not have.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

DEPTH = 8  # nesting followed when building an example (schemas refer to each other)


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # "query", "path", "header"
    type: str  # "integer, 1 to 500"
    required: bool
    default: str | None
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    example: str | None  # pretty JSON


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str
    token: bool  # needs `Authorization: Bearer`
    params: list[Param]
    body: str | None  # an example request body
    answers: list[Answer]

    @property
    def anchor(self) -> str:
        return (self.method + self.path).lower().replace("/", "-").strip("-") \
            .replace("{", "").replace("}", "")


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of the document, in its order."""
    parts = spec.get("components", {}).get("schemas", {})
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            out.append(Operation(
                method=method.upper(), path=path, summary=op.get("summary", ""),
                description=op.get("description", ""), tag=(op.get("tags") or [""])[0],
                token=bool(op.get("security")),
                params=[_param(p, parts) for p in op.get("parameters", [])],
                body=_pretty(example(body["schema"], parts)) if "schema" in body else None,
                answers=[_answer(code, r, parts) for code, r in op["responses"].items()]))
    return out


def _param(p: dict[str, Any], parts: dict[str, Any]) -> Param:
    schema = _resolve(p.get("schema", {}), parts)
    default = schema.get("default")
    return Param(p["name"], p.get("in", ""), type_text(schema, parts), bool(p.get("required")),
                 None if default is None else json.dumps(default),
                 p.get("description") or schema.get("description", ""))


def _answer(code: str, r: dict[str, Any], parts: dict[str, Any]) -> Answer:
    schema = r.get("content", {}).get("application/json", {}).get("schema")
    return Answer(code, r.get("description", ""),
                  _pretty(example(schema, parts)) if schema else None)


def type_text(schema: dict[str, Any], parts: dict[str, Any]) -> str:
    """'integer, 1 to 500'; 'one of: list, name'; 'string matching ^...$, optional'."""
    schema = _resolve(schema, parts)
    options = [o for o in schema.get("anyOf", []) if o.get("type") != "null"]
    if options:
        text = " or ".join(type_text(o, parts) for o in options)
        text += f", matching {schema['pattern']}" if "pattern" in schema else ""
        return text + (", or null" if len(options) < len(schema["anyOf"]) else "")
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    bits = [schema.get("type", "any")]
    if "minimum" in schema or "maximum" in schema:
        bits.append(f"{schema.get('minimum', '…')} to {schema.get('maximum', '…')}")
    if "minLength" in schema or "maxLength" in schema:
        bits.append(f"{schema.get('minLength', 0)} to {schema.get('maxLength', '…')} characters")
    if "pattern" in schema:
        bits.append(f"matching {schema['pattern']}")
    return ", ".join(str(b) for b in bits)


def example(schema: dict[str, Any], parts: dict[str, Any], depth: int = 0, name: str = "") -> Any:
    """A value the schema accepts, shaped as real answers are: every field present; a
    string by what its field is called (a date, a country, a quote)."""
    schema = _resolve(schema, parts)
    if depth > DEPTH:
        return None
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        options = [o for o in schema.get(key, []) if o.get("type") != "null"]
        if options:
            return example(options[0], parts, depth + 1, name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if props:
            return {k: example(v, parts, depth + 1, k) for k, v in props.items()}
        extra = schema.get("additionalProperties")
        return {"key": example(extra, parts, depth + 1)} if isinstance(extra, dict) else {}
    if kind == "array":
        return [example(schema.get("items", {}), parts, depth + 1, name)]
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return False
    if kind == "string":
        return _string(name, schema.get("format", ""))
    return None


def _string(name: str, fmt: str) -> str:
    if "date" in fmt or name in ("as_of", "date") or name.endswith(("_at", "_date")):
        return date(2024, 7, 1).isoformat()
    if name == "country":
        return "KZ"
    if name in ("url", "origin"):
        return "https://example.org/news/2024/07/01"
    if name == "sha256":
        return "9f2c…"
    return name.replace("_", " ") or "text"


def _resolve(schema: dict[str, Any], parts: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    return parts.get(ref.rsplit("/", 1)[-1], {}) if ref else schema


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
