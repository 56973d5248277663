"""Wrapping text from contracts for comments, counting columns as editors do.

A Chinese character takes two columns and needs no space to break before it,
so :func:`textwrap.fill` (which counts characters and breaks at spaces) would
leave lines of Chinese far too wide.
"""

from __future__ import annotations

import unicodedata


def columns(text: str) -> int:
    """How many columns ``text`` takes in a monospace font."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> str:
    """``text`` with each line broken to at most ``width`` columns where possible.

    Lines break at spaces and around wide characters; a run without either
    (a long URL) stays whole.  Existing line breaks are kept; only ``\\n`` is
    one, so that a line separator reaches the comment's escaping as it is.
    """
    return "\n".join(_wrap_line(line, width) for line in text.split("\n"))


def _wrap_line(line: str, width: int) -> str:
    lines: list[str] = []
    rest = line.rstrip()
    while columns(rest) > width:
        cut = _cut(rest, width)
        if cut <= 0:
            break

        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()

    lines.append(rest)
    return "\n".join(lines)


def _cut(line: str, width: int) -> int:
    """The last place to break ``line`` so its first part fits in ``width``."""
    used, best = 0, 0
    for index, char in enumerate(line):
        wide = unicodedata.east_asian_width(char) in "WF"
        previous_wide = index > 0 and _is_wide(line[index - 1])
        if index > 0 and (char == " " or wide or previous_wide) and not _closes(char):
            best = index

        used += 2 if wide else 1
        if used > width:
            break
    else:
        return len(line)

    return best


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _closes(char: str) -> bool:
    """Wide punctuation that must not start a line: closing marks, commas, stops."""
    return unicodedata.category(char) in ("Po", "Pe", "Pf") and _is_wide(char)
