"""The inputs the checker sends to each custom interface, in three classes.

- ``example``: each example of the contract, with the reply it promises;
- ``boundary``: a valid input with one field at the edge of its schema;
- ``generated``: inputs drawn from the input schema, reproducible from the seed.

Inputs are drawn by :mod:`contractgen.check.instances`, and by
hypothesis-jsonschema for a schema that module does not handle or gets wrong.
"""

from __future__ import annotations

import contextlib
import json
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from contractgen.check.boundary import NOTHING, boundary_inputs, simplest
from contractgen.check.bundle import bundle
from contractgen.check.instances import Draw, GiveUp, Unsupported, compile_schema
from contractgen.check.validation import FastValidator, interface_validators
from contractgen.contract import ContractSet, Example, Interface

if TYPE_CHECKING:
    from hypothesis import strategies as st

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
    """Everything needed to draw an interface's inputs again, as when shrinking.

    :param is_valid: the input schema's validator.
    :param generator: the fast generator of the bundled schema, or None when
        hypothesis has to draw from it.
    """

    interface: Interface
    schema: Any  # the bundled input schema
    is_valid: Callable[[Any], bool]
    seed: int
    generator: Draw | None

    @classmethod
    def of(
        cls,
        contract_set: ContractSet,
        interface: Interface,
        seed: int,
        *,
        validator: FastValidator | None = None,
    ) -> InputSource:
        """The source of ``interface``'s inputs for the check's ``seed``.

        :param validator: the interface's input validator, when the caller has
            built it already.
        """
        schema = bundle(contract_set, interface, "input")
        if validator is None:
            validator = interface_validators(contract_set)(interface, "input")

        return cls(
            interface,
            schema,
            validator.is_valid,
            interface_seed(seed, interface),
            fast_generator(schema),
        )

    @cached_property
    def strategy(self) -> st.SearchStrategy[Any]:
        """The hypothesis strategy of the input schema."""
        # Imported here: hypothesis takes a tenth of a second to import, and
        # most checks never need it.
        from contractgen.check.strategies import schema_strategy

        return schema_strategy(self.schema)


def fast_generator(schema: Any) -> Draw | None:
    """The fast generator of a bundled ``schema``, or None when it has none."""
    try:
        return compile_schema(schema)
    except (Unsupported, RecursionError):
        return None


def interface_seed(seed: int, interface: Interface) -> int:
    """The seed of one interface's draws: the same whatever else is checked."""
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
    if count <= 0:
        return []

    drawn = draw_fast(source, count)
    if drawn is None:
        drawn = draw_with_hypothesis(source, count)

    return drawn


def draw_fast(source: InputSource, count: int) -> list[Any] | None:
    """Up to ``count`` distinct valid inputs from the fast generator.

    :returns: None when the generator cannot be trusted with this schema: it
        has none, it made an invalid instance, or it mostly gave up.
    """
    if source.generator is None:
        return None

    rng = random.Random(source.seed)
    drawn: list[Any] = []
    seen: set[str] = set()
    attempts = gave_up = 0
    # Small schemas have few distinct instances; the attempts are bounded so
    # that drawing stops once they are all found, roughly.
    while len(drawn) < count and attempts < 2 * count + 20:
        attempts += 1
        try:
            instance = source.generator(rng)
        except GiveUp:
            gave_up += 1
            continue

        key = json.dumps(instance, sort_keys=True)
        if key in seen:
            continue

        if not source.is_valid(instance):
            return None

        seen.add(key)
        drawn.append(instance)

    if len(drawn) < count and 2 * gave_up > attempts:
        return None

    return drawn


def draw_with_hypothesis(source: InputSource, count: int) -> list[Any]:
    """Up to ``count`` distinct valid inputs drawn by hypothesis-jsonschema."""
    from hypothesis import given
    from hypothesis import seed as hypothesis_seed
    from hypothesis.errors import FailedHealthCheck, Unsatisfiable

    from contractgen.check.strategies import generation_settings

    drawn: list[Any] = []
    seen: set[str] = set()

    @hypothesis_seed(source.seed)
    @generation_settings(count)
    @given(source.strategy)
    def collect(instance: Any) -> None:
        key = json.dumps(instance, sort_keys=True)
        if key not in seen and source.is_valid(instance):
            seen.add(key)
            drawn.append(instance)

    # Hypothesis gives up on a schema it finds no instance of, like a pattern
    # with a lookahead; the interface then has no generated inputs.
    with contextlib.suppress(Unsatisfiable, FailedHealthCheck):
        collect()

    return drawn


def cases_for(source: InputSource, examples: int) -> list[Case]:
    """Every case of one interface, examples first."""
    return [
        *example_cases(source.interface),
        *boundary_cases(source),
        *generated_cases(source, examples),
    ]
