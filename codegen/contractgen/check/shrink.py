"""Shrinking a failure found with generated inputs to a minimal failing input.

Hypothesis draws the interface's inputs again with the same seed, this time
calling the handler on each, and shrinks the first one that shows the same
problem.  Its draws are not the fast generator's, so it may find no failing
input at all; the failing input the run found is then simplified step by step
instead (a field left out, a number or a string made smaller, an item dropped).
Calls go to the worker of the run, so shrinking costs one call per step.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import given
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import HypothesisException

from contractgen.check.boundary import NOTHING, boundary_inputs, replace_at
from contractgen.check.cases import InputSource
from contractgen.check.strategies import generation_settings
from contractgen.contract.source import pointer_join

SHRINK_SECONDS = 10.0
"""Time after which shrinking keeps the smallest failing input found so far."""


class _Reproduced(Exception):
    """The property's failure: the input still shows the problem."""


def shrink(
    source: InputSource,
    examples: int,
    still_fails: Callable[[Any], bool],
    *,
    known: Any = NOTHING,
    budget: float = SHRINK_SECONDS,
) -> Any | None:
    """The smallest input found that ``still_fails``, or None if none was found.

    :param known: an input known to fail, simplified when hypothesis finds none.
    """
    deadline = time.monotonic() + budget
    found = _hypothesis_shrink(source, examples, still_fails, deadline)
    if found is None and known is not NOTHING:
        found = simplify(source, known, still_fails, deadline)

    return found


def _hypothesis_shrink(
    source: InputSource,
    examples: int,
    still_fails: Callable[[Any], bool],
    deadline: float,
) -> Any | None:
    failing: dict[str, Any] = {}

    @hypothesis_seed(source.seed)
    @generation_settings(examples, shrink=True)
    @given(source.strategy)
    def property_(instance: Any) -> None:
        key = json.dumps(instance, sort_keys=True)
        # Hypothesis replays inputs, its final one included; an input known to
        # fail is answered from memory, since the budget may be spent by then.
        if key not in failing:
            if time.monotonic() > deadline or not source.is_valid(instance):
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


def simplify(
    source: InputSource,
    instance: Any,
    still_fails: Callable[[Any], bool],
    deadline: float,
) -> Any:
    """``instance`` made smaller, one valid step at a time, while it still fails."""
    current, size = instance, _size(instance)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        smaller = [c for c in _steps(source, current) if _size(c) < size]
        for candidate in sorted(smaller, key=_size):
            if time.monotonic() >= deadline:
                break

            if still_fails(candidate):
                current, size = candidate, _size(candidate)
                improved = True
                break

    return current


def _size(instance: Any) -> tuple[int, str]:
    text = json.dumps(instance, sort_keys=True, ensure_ascii=False)
    return len(text), text


def _steps(source: InputSource, instance: Any) -> list[Any]:
    """Valid inputs one step away from ``instance``, without repeats."""
    variants = boundary_inputs(source.schema, instance, source.is_valid)
    steps = {_size(variant): variant for _, variant in variants}
    for pointer, value in _places(instance, ""):
        for smaller in _smaller_values(value):
            variant = replace_at(instance, pointer, smaller)
            if source.is_valid(variant):
                steps.setdefault(_size(variant), variant)

    return list(steps.values())


def _places(value: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every value inside ``value``, with its pointer, the root excluded."""
    children: Any = ()
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = enumerate(value)

    for key, child in children:
        place = pointer_join(pointer, key)
        yield place, child
        yield from _places(child, place)


def _smaller_values(value: Any) -> list[Any]:
    if isinstance(value, bool):
        return [False] if value else []

    if isinstance(value, int) and value != 0:
        step = 1 if value > 0 else -1
        return [0, value // 2 if value > 0 else -(-value // 2), value - step]

    if isinstance(value, str):
        # Shorter, or with a character replaced by the smallest usual one.
        shorter = [value[: len(value) // 2], value[:-1], value[1:]] if value else []
        zeros = [
            value[:i] + "0" + value[i + 1 :] for i, c in enumerate(value) if c != "0"
        ]
        return [*shorter, "0" * len(value), *zeros]

    if isinstance(value, list):
        return [value[:index] + value[index + 1 :] for index in range(len(value))]

    return []
