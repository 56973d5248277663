"""The options of a check, their defaults, and the check of the report file.

This module imports nothing heavy, so that the pytest plugin can read it while
pytest starts up.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from contractgen.issues import ContractgenError

Language = Literal["auto", "node", "python"]
OutputFormat = Literal["text", "json"]

DEFAULT_EXAMPLES = 100
DEFAULT_TIMEOUT = 3.0  # seconds, the platform's default function timeout


@dataclass(frozen=True)
class CheckOptions:
    """How to check one implementation folder.

    :param only: names of the custom interfaces to check; all when empty.
    :param seed: the seed of the generated inputs; a random one when None.
    :param reproduce_base: the start of a command that reruns this check,
        completed per interface with ``--only`` and ``--seed``.
    """

    impl_dir: Path
    language: Language = "auto"
    examples: int = DEFAULT_EXAMPLES
    seed: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    only: tuple[str, ...] = ()
    strict: bool = False
    reproduce_base: tuple[str, ...] = ()


def new_seed() -> int:
    """A random seed, short enough to type back in."""
    return random.SystemRandom().randrange(1_000_000)


def check_writable(path: Path, what: str) -> None:
    """Fail before the run, rather than after it, on a file that cannot be written.

    :raises ContractgenError: when ``path`` is a folder, its folder is missing,
        or either is not writable.
    """
    shown = str(path)
    folder = path.parent
    if path.is_dir():
        raise ContractgenError(f"cannot write {what} to {shown!r}: it is a folder")

    if not folder.is_dir():
        raise ContractgenError(
            f"cannot write {what} to {shown!r}: there is no folder {str(folder)!r}"
        )

    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise ContractgenError(
            f"cannot write {what} to {shown!r}: {str(target)!r} is not writable"
        )
