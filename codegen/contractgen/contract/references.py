"""Checks of the ``$ref``s in a set of contracts.

A reference may point inside its own file (``#/$defs/Prize``) or into another
contract of the same folder (``prize.json#/$defs/Prize``).  Nothing is ever
fetched: remote, absolute and escaping references are errors, and so is a loop of
references that never passes through an object or an array.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from contractgen.contract.schemas import (
    STRUCTURELESS_KEYWORDS,
    contract_schema_roots,
    iter_children,
    iter_schemas,
    resolve_pointer,
)


@dataclass(frozen=True)
class Reference:
    """One ``$ref`` found in a contract file."""

    file_name: str  # the file that holds the reference
    pointer: str  # where the ``$ref`` keyword is
    value: str


@dataclass(frozen=True)
class Target:
    """A resolved place that a reference points to."""

    file_name: str
    pointer: str

    def __str__(self) -> str:
        return f"{self.file_name}#{self.pointer}"


def iter_references(file_name: str, document: Mapping[str, Any]) -> Iterator[Reference]:
    for root_pointer, root in contract_schema_roots(document):
        for pointer, schema in iter_schemas(root, root_pointer):
            if "$ref" in schema:
                yield Reference(file_name, f"{pointer}/$ref", schema["$ref"])


def resolve(reference: Reference, documents: Mapping[str, Any]) -> Target | str:
    """Resolve ``reference`` among ``documents`` (keyed by file name).

    :returns: the target, or a message saying why it is not allowed or not found.
    """
    value = reference.value
    if not isinstance(value, str):
        return f"{value!r} is not a string"

    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return (
            f"{value!r} is a remote reference; contracts may refer only to their own "
            "file ('#/...') or to another contract in the same folder "
            "('prize.json#/...')"
        )

    path = unquote(parts.path)
    if path.startswith("/") or "\\" in path or (len(path) > 1 and path[1] == ":"):
        return f"{value!r} is an absolute path; name a contract in the same folder"

    if "/" in path or path in {".", ".."}:
        return (
            f"{value!r} leaves the contracts folder; name a contract in the same folder"
        )

    file_name = path or reference.file_name
    if file_name not in documents:
        known = ", ".join(repr(name) for name in sorted(documents))
        return f"{value!r} names no contract in the folder (there are {known})"

    pointer = unquote(parts.fragment)
    if pointer and not pointer.startswith("/"):
        return (
            f"{value!r} uses an anchor; contracts refer by JSON Pointer ('#/$defs/...')"
        )

    found, reached = resolve_pointer(documents[file_name], pointer)
    if not found:
        hint = _suggest(documents[file_name], pointer, reached)
        return f"{value!r} points to nowhere{hint}"

    return Target(file_name, pointer)


def _suggest(document: Any, pointer: str, reached: str) -> str:
    """A hint naming the closest valid pointer to a broken one."""
    found, _ = resolve_pointer(document, reached)
    node: Any = document
    if found:
        for raw in reached[1:].split("/") if reached else []:
            token = raw.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]

    if not isinstance(node, Mapping) or not node:
        return f" (the closest valid pointer is {'#' + reached!r})"

    missing = pointer[len(reached) + 1 :].split("/", 1)[0]
    close = difflib.get_close_matches(missing, sorted(node), n=1)
    if close:
        return f"; did you mean {'#' + reached + '/' + close[0]!r}?"

    return f" (the closest valid pointer is {'#' + reached!r})"


def find_structureless_loop(
    start: Target, documents: Mapping[str, Any]
) -> list[Target] | None:
    """Find a loop of references from ``start`` that passes through no structure.

    Such a loop (``A -> B -> A``, or through ``allOf`` and the like) describes no
    value at all, and a naive resolver would follow it forever.

    :returns: the targets along the loop, first and last equal, or ``None``.
    """
    path: list[Target] = []

    def visit(target: Target) -> list[Target] | None:
        if target in path:
            return [*path[path.index(target) :], target]

        path.append(target)
        _, node = _node_at(documents, target)
        for next_target in _structureless_targets(target, node, documents):
            loop = visit(next_target)
            if loop:
                return loop

        path.pop()
        return None

    return visit(start)


def _node_at(documents: Mapping[str, Any], target: Target) -> tuple[bool, Any]:
    node: Any = documents[target.file_name]
    for raw in target.pointer[1:].split("/") if target.pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]

    return True, node


def _structureless_targets(
    target: Target, node: Any, documents: Mapping[str, Any]
) -> Iterator[Target]:
    if not isinstance(node, Mapping):
        return

    if "$ref" in node:
        resolved = resolve(
            Reference(target.file_name, target.pointer, node["$ref"]), documents
        )
        if isinstance(resolved, Target):
            yield resolved

    for pointer, child in iter_children(node, target.pointer, STRUCTURELESS_KEYWORDS):
        yield from _structureless_targets(
            Target(target.file_name, pointer), child, documents
        )
