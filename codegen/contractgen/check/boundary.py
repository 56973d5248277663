"""Boundary inputs: a valid input with one field moved to the edge of its schema.

The base is the interface's first example input (or, without examples, the
simplest instance this module can build).  Each variant changes one place: a
number at its minimum or maximum, an empty string or array, each enum value, a
null where null is allowed, an optional field left out or put in.  A variant
that the input schema rejects is dropped, so every boundary input is valid.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jsonschema

from contractgen.contract.source import pointer_join

Variant = tuple[str, Any]  # (label, input)
Candidate = tuple[str, str, Any]  # (label, pointer, new value)

NOTHING = object()
"""What :func:`simplest` gives when it cannot build an instance."""


def boundary_inputs(
    schema: Any, base: Any, is_valid: Callable[[Any], bool]
) -> list[Variant]:
    """Variants of ``base``, each valid for the bundled ``schema``, without repeats.

    :param is_valid: the interface's input validator (on the original schema).
    """
    seen = {_key(base)}
    variants: list[Variant] = []
    for label, pointer, value in _candidates(schema, base, ""):
        instance = replace_at(base, pointer, value)
        key = _key(instance)
        if key not in seen and is_valid(instance):
            seen.add(key)
            variants.append((label, instance))

    return variants


def simplest(schema: Any) -> Any:
    """A small instance of ``schema``, or :data:`NOTHING` when none is easy to build.

    Strings under a ``pattern`` or ``format`` are not attempted.
    """
    if schema is True or schema == {}:
        return None

    if not isinstance(schema, Mapping):
        return NOTHING

    if "const" in schema:
        return schema["const"]

    if "enum" in schema:
        return schema["enum"][0] if schema["enum"] else NOTHING

    for keyword in ("anyOf", "oneOf"):
        for branch in schema.get(keyword, ()):
            value = simplest(branch)
            if value is not NOTHING:
                return value

    for name in _types(schema) or ["object"]:
        value = _simplest_of_type(name, schema)
        if value is not NOTHING:
            return value

    return NOTHING


def _simplest_of_type(name: str, schema: Mapping[str, Any]) -> Any:
    if name == "null":
        return None

    if name == "boolean":
        return False

    if name in ("integer", "number"):
        return _lowest(schema)

    if name == "string":
        if "pattern" in schema or "format" in schema:
            return NOTHING

        return "a" * schema.get("minLength", 0)

    if name == "array":
        item = simplest(schema.get("items", {}))
        count = schema.get("minItems", 0)
        return NOTHING if item is NOTHING and count else [item] * count

    if name == "object":
        instance = {}
        properties = schema.get("properties", {})
        for field in schema.get("required", ()):
            instance[field] = simplest(properties.get(field, {}))
            if instance[field] is NOTHING:
                return NOTHING

        return instance

    return NOTHING


def _candidates(schema: Any, value: Any, pointer: str) -> Iterator[Candidate]:
    """Yield ``(label, pointer, new value)`` for the place ``pointer`` and below."""
    if not isinstance(schema, Mapping):
        return

    where = pointer or "the input"
    for keyword in ("anyOf", "oneOf"):
        branches = schema.get(keyword, ())
        if any(_allows_null(branch) for branch in branches):
            yield f"{where} null", pointer, None

        for branch in branches:
            if jsonschema.Draft202012Validator(branch).is_valid(value):
                yield from _candidates(branch, value, pointer)
                break

    if _allows_null(schema):
        yield f"{where} null", pointer, None

    for member in schema.get("enum", ()):
        yield f"{where} = {json.dumps(member, ensure_ascii=False)}", pointer, member

    if isinstance(value, bool):
        return

    if isinstance(value, (int, float)):
        yield from _number_edges(schema, pointer, where)
    elif isinstance(value, str):
        yield from _string_edges(schema, value, pointer, where)
    elif isinstance(value, list):
        yield from _array_edges(schema, value, pointer, where)
    elif isinstance(value, dict):
        yield from _object_edges(schema, value, pointer)


def _allows_null(schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return False

    return "null" in _types(schema)


def _types(schema: Mapping[str, Any]) -> list[str]:
    types = schema.get("type", [])
    return [types] if isinstance(types, str) else list(types)


def _lowest(schema: Mapping[str, Any]) -> Any:
    """The lowest number ``schema`` allows, or 0 when it allows 0."""
    if "minimum" in schema:
        return schema["minimum"]

    if "exclusiveMinimum" in schema:
        return schema["exclusiveMinimum"] + 1

    high = schema.get("maximum", schema.get("exclusiveMaximum", 1) - 1)
    return min(0, high)


def _number_edges(
    schema: Mapping[str, Any], pointer: str, where: str
) -> Iterator[Candidate]:
    for keyword in ("minimum", "maximum"):
        if keyword in schema:
            label = f"{where} at its {keyword} {schema[keyword]!r}"
            yield label, pointer, schema[keyword]

    if "integer" not in _types(schema):
        return

    if "exclusiveMinimum" in schema:
        value = schema["exclusiveMinimum"] + 1
        yield f"{where} at its lowest {value!r}", pointer, value

    if "exclusiveMaximum" in schema:
        value = schema["exclusiveMaximum"] - 1
        yield f"{where} at its highest {value!r}", pointer, value


def _string_edges(
    schema: Mapping[str, Any], value: str, pointer: str, where: str
) -> Iterator[Candidate]:
    yield f"{where} empty", pointer, ""
    low = schema.get("minLength", 0)
    if low:
        shortest = (value * low)[:low] or "a" * low
        yield f"{where} at its minLength {low}", pointer, shortest

    if "maxLength" in schema:
        high = schema["maxLength"]
        longer = (value or "a") * high
        yield f"{where} at its maxLength {high}", pointer, longer[:high]


def _array_edges(
    schema: Mapping[str, Any], value: list[Any], pointer: str, where: str
) -> Iterator[Candidate]:
    yield f"{where} empty", pointer, []
    if value and "maxItems" in schema:
        high = schema["maxItems"]
        yield f"{where} at its maxItems {high}", pointer, (value * high)[:high]

    items = schema.get("items")
    if value and isinstance(items, Mapping):
        yield from _candidates(items, value[0], pointer_join(pointer, 0))


def _object_edges(
    schema: Mapping[str, Any], value: dict[str, Any], pointer: str
) -> Iterator[Candidate]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    for name, subschema in properties.items():
        place = pointer_join(pointer, name)
        if name in value:
            if name not in required:
                yield f"{place} missing", place, NOTHING

            yield from _candidates(subschema, value[name], place)
        else:
            filler = simplest(subschema)
            if filler is not NOTHING:
                text = json.dumps(filler, ensure_ascii=False)
                yield f"{place} added: {text}", place, filler


def replace_at(base: Any, pointer: str, value: Any) -> Any:
    """A copy of ``base`` with ``value`` at ``pointer`` (removed for NOTHING)."""
    if not pointer:
        return value

    instance = copy.deepcopy(base)
    *parents, last = [_unescape(token) for token in pointer[1:].split("/")]
    node = instance
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]

    if isinstance(node, list):
        node[int(last)] = value
    elif value is NOTHING:
        del node[last]
    else:
        node[last] = value

    return instance


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _key(instance: Any) -> str:
    return json.dumps(instance, sort_keys=True, ensure_ascii=False)
