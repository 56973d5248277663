"""Self-contained copies of interface schemas, to draw inputs from.

The input generators draw only from a schema without references, so the input
schema of an interface is copied with each ``$ref`` replaced by what it points to,
in its own file or in another contract.  A recursive schema is inlined down to
:data:`MAX_INLINE` levels; below that the reference becomes ``false``, which
leaves optional fields out and arrays empty there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contractgen.contract import ContractSet, Direction, Interface
from contractgen.contract.references import Reference, Target, resolve
from contractgen.contract.schemas import LIST_KEYWORDS, MAP_KEYWORDS, SCHEMA_KEYWORDS

MAX_INLINE = 3

# Inputs travel as JSON to Node handlers, where integers beyond 2**53 lose
# precision; an integer field without bounds is drawn inside that range.
SAFE_INTEGER = 2**53 - 1

ANNOTATIONS = frozenset(
    {"$comment", "default", "deprecated", "description", "examples", "title"}
)


def bundle(
    contract_set: ContractSet, interface: Interface, direction: Direction
) -> Any:
    """The interface's ``direction`` schema, with every reference inlined."""
    documents = {c.file_name: c.document for c in contract_set.contracts}
    root = Target(interface.file_name, f"{interface.pointer}/{direction}")
    return _Inliner(contract_set, documents).inline(_contents(contract_set, root), root)


def _contents(contract_set: ContractSet, target: Target) -> Any:
    return contract_set.registry.resolver().lookup(str(target)).contents


class _Inliner:
    def __init__(self, contract_set: ContractSet, documents: Mapping[str, Any]) -> None:
        self.contract_set = contract_set
        self.documents = documents
        self.stack: list[Target] = []

    def inline(self, schema: Any, where: Target) -> Any:
        """Copy ``schema`` (found at ``where``) with its references inlined."""
        if not isinstance(schema, Mapping):
            return schema

        copied = {}
        for keyword, value in schema.items():
            if keyword in SCHEMA_KEYWORDS:
                copied[keyword] = self.inline(value, where)
            elif keyword in LIST_KEYWORDS and isinstance(value, list):
                copied[keyword] = [self.inline(item, where) for item in value]
            elif keyword == "$defs" or keyword == "definitions":
                continue  # reached through the references that use them
            elif keyword in MAP_KEYWORDS and isinstance(value, Mapping):
                copied[keyword] = {k: self.inline(v, where) for k, v in value.items()}
            elif keyword != "$ref":
                copied[keyword] = value

        if "$ref" not in schema:
            return copied

        target = resolve(
            Reference(where.file_name, where.pointer, schema["$ref"]), self.documents
        )
        assert isinstance(target, Target), "the loader resolved every reference"
        return _merge(self._follow(target), copied)

    def _follow(self, target: Target) -> Any:
        if self.stack.count(target) >= MAX_INLINE:
            return False

        self.stack.append(target)
        try:
            return self.inline(_contents(self.contract_set, target), target)
        finally:
            self.stack.pop()


def _merge(referenced: Any, siblings: dict[str, Any]) -> Any:
    """Combine a reference's target with the keywords written next to it."""
    if not set(siblings) - ANNOTATIONS:
        return referenced

    return {"allOf": [referenced, siblings]}


def generation_schema(schema: Any) -> Any:
    """``schema`` with unbounded integers kept to what JSON numbers carry exactly."""
    if not isinstance(schema, Mapping):
        return schema

    copied: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in SCHEMA_KEYWORDS:
            copied[keyword] = generation_schema(value)
        elif keyword in LIST_KEYWORDS and isinstance(value, list):
            copied[keyword] = [generation_schema(item) for item in value]
        elif keyword in MAP_KEYWORDS and isinstance(value, Mapping):
            copied[keyword] = {k: generation_schema(v) for k, v in value.items()}
        else:
            copied[keyword] = value

    types = schema.get("type")
    if types == "integer" or (isinstance(types, list) and "integer" in types):
        if "minimum" not in schema and "exclusiveMinimum" not in schema:
            copied["minimum"] = -SAFE_INTEGER

        if "maximum" not in schema and "exclusiveMaximum" not in schema:
            copied["maximum"] = SAFE_INTEGER

    return copied
