"""Making text from contracts safe for the place where it lands.

A description may hold anything: ``\"\"\"``, ``*/``, backslashes, newlines,
``</script>`` or ``{{ 7*7 }}``.  Templates never evaluate their variables' values,
so Jinja syntax is inert already; what remains is to keep each target's own
delimiters from closing early.  Every function returns text that shows the input
literally.
"""

from __future__ import annotations

import json
import re
import textwrap

# Characters a docstring shows as escapes: controls other than tab and newline,
# line and paragraph separators, and lone surrogates, which no file can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


# Characters that are valid in JSON text but not in a file or on one line: JSON
# escapes the controls itself and leaves these raw.
_JSON_RAW = re.compile("[\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with each unprintable character shown as ``\\x00`` or ``\\u2028``.

    Tabs and newlines stay; a NUL byte would make git take the file for binary,
    and a lone surrogate cannot be written as UTF-8 at all.
    """
    return _UNPRINTABLE.sub(_escape, text)


def json_text(value: object, indent: int | None = 2, sort_keys: bool = False) -> str:
    """``value`` as JSON whose every character can sit on one line of a file.

    Equal in value to :func:`json.dumps` with ``ensure_ascii`` off: only the
    line and paragraph separators and lone surrogates become ``\\uXXXX``.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _one_line_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def py_docstring(text: str, indent: str = "") -> str:
    """A docstring literal, with its quotes, whose value shows ``text`` exactly.

    Quotes and backslashes are escaped, and so is every character that would end
    a line early or could not be written to a file.  Lines after the first carry
    ``indent``; with none (the default) ``__doc__`` equals ``text`` on every
    Python version, since 3.11 and 3.12 keep a docstring as it is written.
    An empty text gives ``""``, meaning no docstring.
    """
    if not text:
        return ""

    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    # CPython cannot hold a lone surrogate in a class's docstring, so one shows
    # as its escape, in the text itself.
    escaped = _SURROGATE.sub(lambda m: f"\\\\u{ord(m.group()):04x}", escaped)
    escaped = _UNPRINTABLE.sub(_escape, escaped)
    if indent:
        escaped = "\n".join(
            f"{indent}{line}" if line and number else line
            for number, line in enumerate(escaped.split("\n"))
        )

    return f'"""{escaped}"""'


def py_comment(text: str, prefix: str = "# ") -> str:
    """``text`` as one or more Python comment lines."""
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.splitlines() or [""])


def js_comment(text: str, prefix: str = " * ") -> str:
    """``text`` as lines of a ``/** ... */`` block that cannot close it early."""
    safe = visible(_one_line_breaks(text)).replace("*/", "*\\/")
    return "\n".join(f"{prefix}{line}".rstrip() for line in safe.splitlines() or [""])


def js_line_comment(text: str) -> str:
    """``text`` on one line, for a ``//`` comment."""
    return visible(" ".join(text.split()))


def md_text(text: str) -> str:
    """A Markdown paragraph that keeps raw HTML from acting as HTML."""
    text = visible(_one_line_breaks(text))
    return textwrap.dedent(text).strip().replace("<", "&lt;")


def md_cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    flat = " ".join(text.split()).replace("\\", "\\\\")
    return visible(flat).replace("|", "\\|").replace("<", "&lt;")
