"""JSON values written as JavaScript or Python literals that a person would write.

A value that fits on its line stays on one line; a longer one is spread over
lines with a trailing comma after each item, as prettier and ruff lay them out.
Every literal evaluates to the same value as the JSON, ``__proto__`` keys
included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contractgen.render.text import json_text

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class _Style:
    string: Callable[[str], str]
    key: Callable[[str], str]
    scalars: dict[Any, str]
    width: int
    # The braces of an object that fits on one line: "{ a: 1 }" or '{"a": 1}'.
    pad: str


def js_string(text: str) -> str:
    """A single-quoted JavaScript string literal of ``text``."""
    out = []
    for char in text:
        if char in _JS_ESCAPES:
            out.append(_JS_ESCAPES[char])
        elif ord(char) < 0x20 or char in "\u2028\u2029\x7f" or _surrogate(char):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)

    return "'" + "".join(out) + "'"


def _surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udfff"


def py_string(text: str) -> str:
    """A double-quoted Python string literal of ``text``."""
    # JSON's escapes are all valid in Python, and with ensure_ascii off it
    # escapes only quotes, backslashes and control characters (json_text adds
    # line separators and lone surrogates).
    return json_text(text, indent=None)


def _js_key(key: str) -> str:
    if key == "__proto__":
        # A plain or quoted __proto__ key would set the prototype instead.
        return f"[{js_string(key)}]"

    return key if _IDENTIFIER.match(key) else js_string(key)


_JS = _Style(js_string, _js_key, {None: "null", True: "true", False: "false"}, 80, " ")
_PY = _Style(py_string, py_string, {None: "None", True: "True", False: "False"}, 88, "")


def js_literal(value: Any, indent: int = 0, column: int | None = None) -> str:
    """``value`` as a JavaScript expression, laid out for where it goes.

    :param indent: the indentation of the line the literal starts on; lines
        after the first are indented from it.
    :param column: where the literal's first character lands, ``indent`` when
        not given; a literal that ends before column 80 stays on one line.
    """
    return _literal(_JS, value, indent, indent if column is None else column)


def py_literal(value: Any, indent: int = 0, column: int | None = None) -> str:
    """``value`` as a Python expression; as :func:`js_literal`, up to column 88."""
    return _literal(_PY, value, indent, indent if column is None else column)


def _literal(style: _Style, value: Any, indent: int, column: int) -> str:
    compact = _compact(style, value)
    # One more column for the comma or semicolon that follows.
    fits = column + len(compact) < style.width
    if fits or not isinstance(value, list | dict) or not value:
        return compact

    inner = " " * (indent + 4 if style is _PY else indent + 2)
    step = len(inner)
    if isinstance(value, list):
        items = [f"{inner}{_literal(style, item, step, step)}," for item in value]
        return "[\n" + "\n".join(items) + "\n" + " " * indent + "]"

    entries = []
    for key, item in value.items():
        name = style.key(key)
        text = _literal(style, item, step, step + len(name) + 2)
        entries.append(f"{inner}{name}: {text},")

    return "{\n" + "\n".join(entries) + "\n" + " " * indent + "}"


def _compact(style: _Style, value: Any) -> str:
    if isinstance(value, str):
        return style.string(value)

    if isinstance(value, list):
        return "[" + ", ".join(_compact(style, item) for item in value) + "]"

    if isinstance(value, dict):
        if not value:
            return "{}"

        entries = ", ".join(
            f"{style.key(k)}: {_compact(style, v)}" for k, v in value.items()
        )
        return "{" + style.pad + entries + style.pad + "}"

    if value is None or isinstance(value, bool):
        return style.scalars[value]

    return json.dumps(value)
