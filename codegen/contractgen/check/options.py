"""The options of a check and their defaults.

This module imports nothing heavy, so that the pytest plugin can read it while
pytest starts up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
