"""Names that generated code may use, sanitized once and typed so.

A :class:`PythonIdentifier`, :class:`ClassName` or :class:`JsIdentifier` is a ``str``
that is already valid where it is going, so renderers never sanitize again.
"""

from __future__ import annotations

import keyword
import re

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")

# Words a JavaScript identifier may not be, plus names that would shadow what a
# CommonJS module relies on.
_JS_RESERVED = frozenset(
    """
    arguments await break case catch class const continue debugger default delete do
    else enum eval export extends false finally for function if implements import in
    instanceof interface let new null package private protected public return static
    super switch this throw true try typeof var void while with yield module exports
    require undefined
    """.split()
)


def words(name: str) -> list[str]:
    """Split ``doRemind``, ``send_prize`` or ``points-center`` into lowercase words."""
    spaced = _WORD_BOUNDARY.sub(" ", name)
    return [w.lower() for w in _NOT_WORD.split(spaced) if w]


def snake_case(name: str) -> str:
    return "_".join(words(name))


class PythonIdentifier(str):
    """A snake_case Python identifier; a keyword gets a trailing underscore."""

    def __new__(cls, name: str) -> PythonIdentifier:
        value = snake_case(name) or "_"
        if value[0].isdigit():
            value = f"n_{value}"

        if keyword.iskeyword(value) or keyword.issoftkeyword(value):
            value = f"{value}_"

        return super().__new__(cls, value)


class ClassName(str):
    """A PascalCase Python class name."""

    def __new__(cls, name: str) -> ClassName:
        value = "".join(w[:1].upper() + w[1:] for w in words(name)) or "Model"
        if value[0].isdigit():
            value = f"M{value}"

        return super().__new__(cls, value)


class JsIdentifier(str):
    """A camelCase JavaScript identifier; a reserved word gets a trailing underscore."""

    def __new__(cls, name: str) -> JsIdentifier:
        parts = words(name) or ["value"]
        value = parts[0] + "".join(w[:1].upper() + w[1:] for w in parts[1:])
        if value[0].isdigit():
            value = f"n{value}"

        if value in _JS_RESERVED:
            value = f"{value}_"

        return super().__new__(cls, value)
