"""Settings of a contractgen project, from ``[tool.contractgen]`` in pyproject.toml.

Command-line options override the file, and the file overrides the defaults.
Relative paths in the file are relative to the file's own folder, so a hook run
from anywhere in the repository finds the same folders.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contractgen.issues import ContractgenError, display_path

DEFAULT_CONTRACTS = "contracts"
DEFAULT_OUT = "generated"
_KNOWN_KEYS = frozenset({"contracts", "out"})


@dataclass(frozen=True)
class Config:
    """The resolved settings of one run."""

    contracts: Path
    out: Path


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``."""
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate

    return None


def load_config(
    contracts: Path | None = None, out: Path | None = None, start: Path | None = None
) -> Config:
    """Resolve the settings, reading pyproject.toml when an option is not given.

    :param start: where to look for pyproject.toml, and what relative defaults
        are relative to, when there is none; the working directory by default.
    """
    table: dict[str, Any] = {}
    base = start or Path.cwd()
    pyproject = find_pyproject(base)
    if pyproject is not None and (contracts is None or out is None):
        table = _read_table(pyproject)
        base = pyproject.parent

    return Config(
        contracts=contracts or base / table.get("contracts", DEFAULT_CONTRACTS),
        out=out or base / table.get("out", DEFAULT_OUT),
    )


def _read_table(pyproject: Path) -> dict[str, Any]:
    shown = display_path(pyproject)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContractgenError(f"{shown}: cannot be read: {error}") from None

    table = data.get("tool", {}).get("contractgen", {})
    if not isinstance(table, dict):
        raise ContractgenError(f"{shown}: [tool.contractgen] must be a table")

    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        noun = "key" if len(unknown) == 1 else "keys"
        known = ", ".join(repr(key) for key in sorted(_KNOWN_KEYS))
        raise ContractgenError(
            f"{shown}: [tool.contractgen] has unknown {noun} {names} (known: {known})"
        )

    for key, value in table.items():
        if not isinstance(value, str):
            raise ContractgenError(
                f"{shown}: [tool.contractgen] {key} must be a string, not {value!r}"
            )

    return table
