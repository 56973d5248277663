"""The inputs the checker sends to each custom interface, in three classes.

- ``example``: each example of the contract, with the reply it promises;
- ``boundary``: a valid input with one field at the edge of its schema;
- ``generated``: inputs drawn from the input schema with hypothesis, reproducible
  from the seed.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from contractgen.check.boundary import NOTHING, boundary_inputs, simplest
from contractgen.check.bundle import bundle, generation_schema, input_strategy
from contractgen.contract import ContractSet, Example, Interface

InputClass = Literal["example", "boundary", "generated"]
INPUT_CLASSES: tuple[InputClass, ...] = ("example", "boundary", "generated")


@dataclass(frozen=True)
class Case:
    """One input to send to one interface.

    :param label: names the case among its interface's cases, for people.
    :param example: for ``example`` cases, the example whose reply is expected.
    """

    interface: Interface
    input_class: InputClass
    label: str
    input: Any
    example: Example | None = None


@dataclass(frozen=True)
class InputSource:
    """Everything needed to draw an interface's inputs again, as when shrinking."""

    interface: Interface
    schema: Any  # the bundled input schema
    strategy: st.SearchStrategy[Any]
    is_valid: Callable[[Any], bool]
    seed: int

    @classmethod
    def of(
        cls, contract_set: ContractSet, interface: Interface, seed: int
    ) -> InputSource:
        schema = bundle(contract_set, interface, "input")
        validator = contract_set.validator(interface, "input")
        return cls(
            interface,
            schema,
            input_strategy(generation_schema(schema)),
            validator.is_valid,
            interface_seed(seed, interface),
        )


def interface_seed(seed: int, interface: Interface) -> int:
    """The hypothesis seed of one interface: the same whatever else is checked."""
    return zlib.crc32(f"{seed}:{interface.module}:{interface.name}".encode())


def example_cases(interface: Interface) -> list[Case]:
    cases = []
    for number, example in enumerate(interface.examples, start=1):
        label = f"example {number}"
        if example.title:
            label += f" ({example.title})"

        cases.append(Case(interface, "example", label, example.input, example))

    return cases


def boundary_cases(source: InputSource) -> list[Case]:
    base = _boundary_base(source)
    if base is None:
        return []

    variants = boundary_inputs(source.schema, base, source.is_valid)
    return [
        Case(source.interface, "boundary", label, instance)
        for label, instance in variants
    ]


def _boundary_base(source: InputSource) -> Any:
    """A valid input to vary: an example's, or the simplest one that validates."""
    examples = source.interface.examples
    for example in [e for e in examples if e.error is None] + list(examples):
        if source.is_valid(example.input):
            return example.input

    instance = simplest(source.schema)
    if instance is not NOTHING and source.is_valid(instance):
        return instance

    drawn = draw_inputs(source, 1)
    return drawn[0] if drawn else None


def generated_cases(source: InputSource, count: int) -> list[Case]:
    return [
        Case(source.interface, "generated", f"generated {number}", instance)
        for number, instance in enumerate(draw_inputs(source, count), start=1)
    ]


def draw_inputs(source: InputSource, count: int) -> list[Any]:
    """Up to ``count`` distinct valid inputs, the same ones for the same seed."""
    drawn: list[Any] = []
    seen: set[str] = set()

    @hypothesis_seed(source.seed)
    @settings(generation_settings(count))
    @given(source.strategy)
    def collect(instance: Any) -> None:
        key = json.dumps(instance, sort_keys=True)
        if key not in seen and source.is_valid(instance):
            seen.add(key)
            drawn.append(instance)

    if count > 0:
        collect()

    return drawn


def generation_settings(count: int, *, shrink: bool = False) -> settings:
    """Hypothesis settings for drawing inputs; none comes from a user's profile."""
    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    return settings(
        max_examples=max(count, 1),
        phases=phases,
        database=None,
        derandomize=False,
        deadline=None,
        print_blob=False,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )


def cases_for(source: InputSource, examples: int) -> list[Case]:
    """Every case of one interface, examples first."""
    return [
        *example_cases(source.interface),
        *boundary_cases(source),
        *generated_cases(source, examples),
    ]
