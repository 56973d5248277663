"""Walking the JSON Schemas inside a contract, draft 2020-12 keyword by keyword."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contractgen.contract.source import pointer_join

# Keywords whose value is one schema, a list of schemas, or a map of schemas.
SCHEMA_KEYWORDS = frozenset(
    {
        "additionalProperties",
        "contains",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
MAP_KEYWORDS = frozenset(
    {"$defs", "definitions", "dependentSchemas", "patternProperties", "properties"}
)

# Keywords that combine schemas without adding structure: a loop of references
# through only these never reaches an object or array, so it can never end.
STRUCTURELESS_KEYWORDS = frozenset(
    {"allOf", "anyOf", "oneOf", "not", "if", "then", "else"}
)

# Every keyword of draft 2020-12 (and the older ``definitions``).  Anything else
# in a schema is ignored by validators, which is how typos go unnoticed.
KNOWN_KEYWORDS = frozenset(
    """
    $anchor $comment $defs $dynamicAnchor $dynamicRef $id $ref $schema $vocabulary
    additionalProperties allOf anyOf const contains contentEncoding contentMediaType
    contentSchema default definitions dependentRequired dependentSchemas deprecated
    description else enum examples exclusiveMaximum exclusiveMinimum format if items
    maxContains maxItems maxLength maxProperties maximum minContains minItems
    minLength minProperties minimum multipleOf not oneOf pattern patternProperties
    prefixItems properties propertyNames readOnly required then title type
    unevaluatedItems unevaluatedProperties uniqueItems writeOnly
    """.split()
)

JSON_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")


def iter_schemas(schema: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Yield ``(pointer, schema)`` for ``schema`` and every schema inside it."""
    if not isinstance(schema, Mapping):
        return

    yield pointer, schema
    for keyword, child in iter_children(schema, pointer):
        yield from iter_schemas(child, keyword)


def iter_children(
    schema: Mapping[str, Any], pointer: str, keywords: frozenset[str] | None = None
) -> Iterator[tuple[str, Any]]:
    """Yield ``(pointer, subschema)`` for the direct subschemas of ``schema``.

    :param keywords: when given, only subschemas under these keywords.
    """
    for keyword in sorted(schema):
        if keywords is not None and keyword not in keywords:
            continue

        value = schema[keyword]
        if keyword in SCHEMA_KEYWORDS:
            yield pointer_join(pointer, keyword), value
        elif keyword in LIST_KEYWORDS and isinstance(value, list):
            for index, child in enumerate(value):
                yield pointer_join(pointer, keyword, index), child
        elif keyword in MAP_KEYWORDS and isinstance(value, Mapping):
            for name in sorted(value):
                yield pointer_join(pointer, keyword, name), value[name]


def contract_schema_roots(document: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Yield the places in a contract document that hold a JSON Schema."""
    if not isinstance(document, Mapping):
        return

    defs = document.get("$defs")
    if isinstance(defs, Mapping):
        for name in sorted(defs):
            yield pointer_join("", "$defs", name), defs[name]

    interfaces = document.get("interfaces")
    if not isinstance(interfaces, Mapping):
        return

    for name, definition in interfaces.items():
        if not isinstance(definition, Mapping):
            continue

        for direction in ("input", "output"):
            if direction in definition:
                yield (
                    pointer_join("", "interfaces", name, direction),
                    definition[direction],
                )


def resolve_pointer(document: Any, pointer: str) -> tuple[bool, str]:
    """Follow ``pointer`` into ``document``.

    :returns: whether it resolved, and the longest prefix of it that does.
    """
    if not pointer:
        return True, ""

    if not pointer.startswith("/"):
        return False, ""

    node = document
    reached = ""
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, reached

        reached = f"{reached}/{raw}"

    return True, reached
