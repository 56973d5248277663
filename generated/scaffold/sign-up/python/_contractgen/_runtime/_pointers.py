"""JSON pointers, and finding the contract keyword behind a validation error."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from referencing import Registry

_MAX_HOPS = 32
"""``$ref`` hops in a row that :func:`locate_keyword` follows, against cycles."""


def json_pointer(segments: Iterable[object]) -> str:
    """A JSON pointer (RFC 6901) from path segments; ``""`` for none."""
    escaped = (
        str(segment).replace("~", "~0").replace("/", "~1") for segment in segments
    )
    return "".join(f"/{segment}" for segment in escaped)


def locate_keyword(
    registry: Registry[Any], root: Any, path: Sequence[Any], owner: Any
) -> tuple[str, str]:
    """
    Find the contract file and pointer of the keyword that failed.

    jsonschema's schema path starts at the validator's ``root`` schema but
    leaves out the ``$ref`` keywords it followed, so the path is walked again
    here, trying a ``$ref`` wherever the next segment is not found first.
    ``owner`` is the (sub)schema holding the failing keyword, which settles an
    ambiguous walk by identity. Contracts use no ``$id``, so a contract's file
    name is the base URI of everything in it.

    :returns: ``(file, pointer)``; ``("", <path as pointer>)`` when the walk
        fails, as it may for ``$dynamicRef``.
    """
    for strict in (True, False):
        found = _walk(registry, ("", []), root, list(path), owner, strict, 0)
        if found is not None:
            return found

    return "", json_pointer(path)


def _walk(
    registry: Registry[Any],
    where: tuple[str, list[Any]],
    node: Any,
    rest: list[Any],
    owner: Any,
    strict: bool,
    hops: int,
) -> tuple[str, str] | None:
    file, segments = where
    if len(rest) == 1 and _has(node, rest[0]) and (node is owner or not strict):
        return file, json_pointer([*segments, rest[0]])

    if len(rest) > 1 and _has(node, rest[0]):
        child = _child(node, rest[0])
        found = _walk(
            registry, (file, [*segments, rest[0]]), child, rest[1:], owner, strict, 0
        )
        if found is not None:
            return found

    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if not isinstance(ref, str) or hops >= _MAX_HOPS:
        return None

    uri, fragment = urldefrag(urljoin(file, ref))
    target = _split_pointer(unquote(fragment))
    try:
        document = registry.contents(uri)
        for segment in target:
            document = _child(document, segment)
    except (LookupError, TypeError, ValueError):
        return None

    return _walk(registry, (uri, target), document, rest, owner, strict, hops + 1)


def _has(node: Any, segment: Any) -> bool:
    if isinstance(node, Mapping):
        return segment in node

    if isinstance(node, list):
        return isinstance(segment, int) and 0 <= segment < len(node)

    return False


def _child(node: Any, segment: Any) -> Any:
    return node[int(segment)] if isinstance(node, list) else node[segment]


def _split_pointer(pointer: str) -> list[Any]:
    if not pointer:
        return []

    return [
        part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")
    ]
