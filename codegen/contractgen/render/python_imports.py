"""Import statements of generated Python modules, laid out the way isort does."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_WIDTH = 88
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Import:
    """One imported name: ``from module import name as alias``.

    ``module`` is ``None`` for a plain ``import name`` (``import name as alias``).
    """

    module: str | None
    name: str
    alias: str | None = None

    @property
    def bound(self) -> str:
        """The name the statement binds in the importing module."""
        if self.alias:
            return self.alias

        return self.name.split(".")[0] if self.module is None else self.name

    def spelled(self) -> str:
        return f"{self.name} as {self.alias}" if self.alias else self.name


def imports_of(statement: ast.Import | ast.ImportFrom) -> list[Import]:
    if isinstance(statement, ast.Import):
        return [Import(None, alias.name, alias.asname) for alias in statement.names]

    module = "." * statement.level + (statement.module or "")
    return [Import(module, alias.name, alias.asname) for alias in statement.names]


def import_block(imports: Iterable[Import], local_packages: Iterable[str]) -> str:
    """The import statements for ``imports``, grouped and sorted.

    Groups come in this order, a blank line apart: ``__future__``, the standard
    library, other installed packages, then the generated packages named in
    ``local_packages``.
    """
    local = set(local_packages)
    groups: dict[int, set[Import]] = {}
    for item in set(imports):
        groups.setdefault(_group(item, local), set()).add(item)

    return "\n\n".join(_group_lines(groups[key]) for key in sorted(groups))


def name_order(name: str) -> tuple[Any, ...]:
    """isort's order of imported names: constants, classes, the rest; within
    each, case-insensitive with numbers by value (``Model2`` before ``Model10``)."""
    return (_kind(name), _natural(name.lower()), _natural(name))


def export_order(name: str) -> tuple[Any, ...]:
    """ruff's order of ``__all__`` (rule RUF022): as :func:`name_order`, but
    case-sensitive within each kind."""
    return (_kind(name), _natural(name))


def _kind(name: str) -> int:
    if len(name) > 1 and name.isupper():
        return 0

    return 1 if name[:1].isupper() else 2


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text)]


def _group(item: Import, local: set[str]) -> int:
    top = (item.module or item.name).split(".")[0]
    if top == "__future__":
        return 0

    if top in sys.stdlib_module_names:
        return 1

    return 3 if top in local else 2


def _group_lines(items: set[Import]) -> str:
    plain = sorted(
        (item for item in items if item.module is None),
        key=lambda item: (item.name, item.alias or ""),
    )
    lines = [f"import {item.spelled()}" for item in plain]
    by_module: dict[str, list[Import]] = {}
    for item in items:
        if item.module is not None:
            by_module.setdefault(item.module, []).append(item)

    for module in sorted(by_module):
        names = sorted(by_module[module], key=lambda item: name_order(item.name))
        lines.append(_from_line(module, [item.spelled() for item in names]))

    return "\n".join(lines)


def _from_line(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= _WIDTH:
        return line

    body = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{body})"
