"""Shrinking a failure found with generated inputs to a minimal failing input.

The inputs are drawn again with the same seed, this time calling the handler on
each, and hypothesis shrinks the first one that shows the same problem.  Calls
go to the worker of the run, so shrinking costs one call per step.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import HypothesisException

from contractgen.check.cases import InputSource, generation_settings

SHRINK_SECONDS = 10.0
"""Time after which shrinking keeps the smallest failing input found so far."""


class _Reproduced(Exception):
    """The property's failure: the input still shows the problem."""


def shrink(
    source: InputSource,
    examples: int,
    still_fails: Callable[[Any], bool],
    *,
    budget: float = SHRINK_SECONDS,
) -> Any | None:
    """The smallest input found that ``still_fails``, or None if none was found."""
    failing: dict[str, Any] = {}
    started = time.monotonic()

    @hypothesis_seed(source.seed)
    @generation_settings(examples, shrink=True)
    @given(source.strategy)
    def property_(instance: Any) -> None:
        key = json.dumps(instance, sort_keys=True)
        # Hypothesis replays inputs, its final one included; an input known to
        # fail is answered from memory, since the budget may be spent by then.
        if key not in failing:
            if time.monotonic() - started > budget or not source.is_valid(instance):
                return

            if not still_fails(instance):
                return

            failing[key] = instance

        # One raise statement only: hypothesis tells failures apart by where
        # they are raised, and would take two places for two different bugs.
        raise _Reproduced

    # Hypothesis ends by raising the shrunk failure, or Flaky when the handler
    # answers differently the second time; either way ``failing`` has the inputs.
    with contextlib.suppress(_Reproduced, HypothesisException):
        property_()

    if not failing:
        return None

    return failing[min(failing, key=lambda key: (len(key), key))]
