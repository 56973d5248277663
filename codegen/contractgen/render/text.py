"""Making text from contracts safe for the place where it lands.

A description may hold anything: ``\"\"\"``, ``*/``, backslashes, newlines,
``</script>`` or ``{{ 7*7 }}``.  Templates never evaluate their variables' values,
so Jinja syntax is inert already; what remains is to keep each target's own
delimiters from closing early.  Every function returns text that shows the input
literally.
"""

from __future__ import annotations

import re
import textwrap

# Characters a docstring shows as escapes: controls other than tab and newline,
# line and paragraph separators, and lone surrogates, which no file can hold.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
    safe = text.replace("*/", "*\\/")
    return "\n".join(f"{prefix}{line}".rstrip() for line in safe.splitlines() or [""])


def js_line_comment(text: str) -> str:
    return " ".join(text.split())


def md_text(text: str) -> str:
    """A Markdown paragraph that keeps raw HTML from acting as HTML."""
    return textwrap.dedent(text).strip().replace("<", "&lt;")


def md_cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
