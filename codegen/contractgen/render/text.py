"""Making text from contracts safe for the place where it lands.

A description may hold anything: ``\"\"\"``, ``*/``, backslashes, newlines,
``</script>`` or ``{{ 7*7 }}``.  Templates never evaluate their variables' values,
so Jinja syntax is inert already; what remains is to keep each target's own
delimiters from closing early.  Every function returns text that shows the input
literally.
"""

from __future__ import annotations

import textwrap


def py_docstring(text: str, indent: str = "    ") -> str:
    """A complete docstring literal, with its quotes, for ``text``.

    The literal is a plain (not raw) string with backslashes and quotes escaped,
    so any text survives.  Lines after the first carry ``indent``.
    """
    text = text.strip() or "(no description)"
    escaped = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if escaped.endswith('"'):
        escaped = escaped[:-1] + '\\"'

    lines = escaped.splitlines()
    if len(lines) == 1:
        return f'"""{lines[0]}"""'

    body = "\n".join(f"{indent}{line}" if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{indent}"""'


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
