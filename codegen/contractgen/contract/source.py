"""Reading contract files: the parsed document plus the line of every value.

:mod:`json` reports where a syntax error is but forgets positions once a document
parses, and every later message wants a line.  :func:`read_document` therefore
parses twice: once with :mod:`json` for the values (strict, fast, well tested) and
once with the small scanner below that only records where each value starts.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# json's own string scanner: public since Python 2.6, but missing from typeshed.
scanstring: Callable[[str, int], tuple[str, int]]
scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


class SourceError(ValueError):
    """A contract file that cannot be read as JSON."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    """A parsed contract file.

    :param data: the JSON value, with a UTF-8 BOM tolerated.
    :param lines: 1-based line of each value, keyed by its JSON Pointer.
    :param duplicate_keys: pointers of object members that appear more than once.
    """

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    duplicate_keys: list[str] = field(default_factory=list)

    def line_of(self, pointer: str) -> int | None:
        """Line of ``pointer``, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]

            if not pointer:
                return None

            pointer = pointer.rsplit("/", 1)[0]


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_join(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join(f"/{escape_token(str(t))}" for t in tokens)


def read_document(path: Path) -> Document:
    """Read and parse ``path``, raising :class:`SourceError` for bad bytes or JSON."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"is not UTF-8 ({error.reason} at byte {error.start})"
        ) from None

    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise SourceError(f"is not valid JSON: {error.msg}", error.lineno) from None
    except _NotJson as error:
        found = re.search(rf"(?<![\w\"]){error.args[0]}(?![\w\"])", text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        message = f"is not valid JSON: {error.args[0]} is not a JSON value"
        raise SourceError(message, line) from None
    except RecursionError:
        raise SourceError(_TOO_DEEP) from None

    document = Document(data)
    _Scanner(text, document).value(0, "", 0)
    return document


# Deeper documents are no contract a person wrote, and every later stage walks
# them recursively.
MAX_DEPTH = 64
_TOO_DEEP = f"nests values more than {MAX_DEPTH} levels deep"


class _NotJson(ValueError):
    """NaN or Infinity: Python's json reads them, but JSON has no such values."""


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


class _Scanner:
    """Walks JSON text that :mod:`json` already accepted, noting value positions."""

    def __init__(self, text: str, document: Document) -> None:
        self.text = text
        self.document = document
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _line(self, index: int) -> int:
        return bisect.bisect_right(self._line_starts, index)

    def _skip(self, index: int) -> int:
        match = _WHITESPACE.match(self.text, index)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def value(self, index: int, pointer: str, depth: int) -> int:
        index = self._skip(index)
        line = self._line(index)
        self.document.lines[pointer] = line
        char = self.text[index]
        if char in "{[" and depth >= MAX_DEPTH:
            raise SourceError(_TOO_DEEP, line)

        if char == "{":
            return self._object(index + 1, pointer, depth + 1)

        if char == "[":
            return self._array(index + 1, pointer, depth + 1)

        if char == '"':
            return scanstring(self.text, index + 1)[1]

        match = _SCALAR.match(self.text, index)
        assert match is not None  # json.loads accepted this text
        return match.end()

    def _object(self, index: int, pointer: str, depth: int) -> int:
        seen: set[str] = set()
        index = self._skip(index)
        if self.text[index] == "}":
            return index + 1

        while True:
            index = self._skip(index)
            key, index = scanstring(self.text, index + 1)
            member = pointer_join(pointer, key)
            if key in seen:
                self.document.duplicate_keys.append(member)

            seen.add(key)
            index = self._skip(index) + 1  # the colon
            index = self._skip(self.value(index, member, depth))
            if self.text[index] == "}":
                return index + 1

            index += 1  # the comma

    def _array(self, index: int, pointer: str, depth: int) -> int:
        index = self._skip(index)
        if self.text[index] == "]":
            return index + 1

        position = 0
        while True:
            member = pointer_join(pointer, position)
            index = self._skip(self.value(index, member, depth))
            position += 1
            if self.text[index] == "]":
                return index + 1

            index += 1
