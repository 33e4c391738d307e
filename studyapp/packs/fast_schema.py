"""A fast yes/no check of a pack against `data/pack.schema.json`.

`jsonschema` walks a pack through generic, reflective machinery: about a millisecond per
event, so 50,000 events took half a minute. The pack schema uses a small part of JSON Schema,
which this module turns once into plain nested closures that say only "valid" or "not". A
valid pack (the usual case) is then checked in a fraction of the time; an invalid one is
handed to `jsonschema` to find and name the first problem. A schema keyword not handled here
raises `Unsupported` when the check is built, and the loader then uses `jsonschema` alone, so
the schema can grow without this module silently ignoring a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
_IGNORED = {"$schema", "$id", "title", "description", "$defs"}
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


class Unsupported(ValueError):
    """The schema uses a keyword this module does not check."""


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function saying whether a value is valid against `schema` (local `$ref`s only)."""
    definitions: dict[str, Check] = {}
    defs = schema.get("$defs", {})

    def ref(target: str) -> Check:
        name = target.removeprefix("#/$defs/")
        if name == target or name not in defs:
            raise Unsupported(f"$ref {target}")
        if name not in definitions:
            definitions[name] = lambda v: definitions[name + "!"](v)  # recursion, resolved below
            definitions[name + "!"] = build(defs[name])
        return definitions[name]

    def build(node: dict[str, Any]) -> Check:
        checks = [_keyword(key, value, node, build, ref) for key, value in node.items()
                  if key not in _IGNORED]  # fmt: skip
        return _all_of([check for check in checks if check is not None])

    return build(schema)


def _all_of(checks: list[Check]) -> Check:
    """One check for several: unrolled for the usual one to three, as this runs per value."""
    if not checks:
        return lambda _v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    if len(checks) == 3:
        first, second, third = checks
        return lambda v: first(v) and second(v) and third(v)
    return lambda v: all(check(v) for check in checks)


def _keyword(key: str, value: Any, node: dict[str, Any], build: Callable[[dict[str, Any]], Check],
             ref: Callable[[str], Check]) -> Check | None:  # fmt: skip
    if key == "$ref":
        return ref(value)
    if key == "type":
        kinds = [_TYPES[name] for name in ([value] if isinstance(value, str) else value)]
        return kinds[0] if len(kinds) == 1 else lambda v: any(kind(v) for kind in kinds)
    if key in ("enum", "const"):
        allowed = value if key == "enum" else [value]
        if all(isinstance(choice, str) for choice in allowed):
            choices = frozenset(allowed)
            return lambda v: isinstance(v, str) and v in choices
        if not all(isinstance(choice, bool | int | float | str) for choice in allowed):
            raise Unsupported(f"{key} with lists or objects")
        return lambda v: any(_same(v, choice) for choice in allowed)
    if key in ("properties", "additionalProperties", "required"):
        return _object_keyword(key, value, node, build)
    if key == "items":
        item = build(value)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key in ("maxItems", "minItems"):
        limit, most = value, key == "maxItems"
        return lambda v: not isinstance(v, list) or (len(v) <= limit if most else
                                                     len(v) >= limit)  # fmt: skip
    if key in ("maxLength", "minLength"):
        limit, most = value, key == "maxLength"
        return lambda v: not isinstance(v, str) or (len(v) <= limit if most else
                                                    len(v) >= limit)  # fmt: skip
    if key == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if key in ("minimum", "maximum"):
        bound, least = value, key == "minimum"
        number = _TYPES["number"]
        return lambda v: not number(v) or (v >= bound if least else v <= bound)
    raise Unsupported(key)


def _same(value: Any, choice: Any) -> bool:
    """JSON equality for plain values: true is not 1, but 1 is 1.0."""
    if isinstance(value, bool) or isinstance(choice, bool):
        return type(value) is type(choice) and value == choice
    return type(value) in (int, float, str) and value == choice


def _object_keyword(key: str, value: Any, node: dict[str, Any],
                    build: Callable[[dict[str, Any]], Check]) -> Check | None:  # fmt: skip
    if key == "required":
        needed = tuple(value)
        return lambda v: not isinstance(v, dict) or all(name in v for name in needed)
    if key == "properties":
        properties = {name: build(schema) for name, schema in value.items()}
        return lambda v: not isinstance(v, dict) or all(
            properties[name](item) for name, item in v.items() if name in properties)
    if value is False:  # additionalProperties: false
        known = frozenset(node.get("properties", {}))
        return lambda v: not isinstance(v, dict) or known.issuperset(v)
    if value is True:
        return None
    raise Unsupported("additionalProperties other than true or false")
