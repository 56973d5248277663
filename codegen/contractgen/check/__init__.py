"""The conformance checker: runs an implementation's handlers against a contract.

:func:`run_check` is what the command runs; :func:`check_implementation` is the
checking alone, returning a :class:`CheckReport` without printing anything.

The names below are imported on first use: importing this package must stay
cheap, because the pytest plugin does it while pytest starts up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contractgen.check.options import CheckOptions
    from contractgen.check.results import (
        CheckReport,
        FindingGroup,
        InterfaceReport,
        Tally,
    )
    from contractgen.check.runner import build_cases, check_implementation, run_check

_EXPORTS = {
    "CheckOptions": "contractgen.check.options",
    "CheckReport": "contractgen.check.results",
    "FindingGroup": "contractgen.check.results",
    "InterfaceReport": "contractgen.check.results",
    "Tally": "contractgen.check.results",
    "build_cases": "contractgen.check.runner",
    "check_implementation": "contractgen.check.runner",
    "run_check": "contractgen.check.runner",
}

__all__ = [
    "CheckOptions",
    "CheckReport",
    "FindingGroup",
    "InterfaceReport",
    "Tally",
    "build_cases",
    "check_implementation",
    "run_check",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'contractgen.check' has no attribute {name!r}")

    return getattr(importlib.import_module(_EXPORTS[name]), name)
