"""Hypothesis strategies for interface inputs, and the settings to draw with them.

Hypothesis draws the inputs of a schema that :mod:`contractgen.check.instances`
does not handle, and shrinks failures to a minimal input.  Importing it takes a
tenth of a second, so only this module and :mod:`contractgen.check.shrink`
import it, and only when a check needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from contractgen.check.bundle import ANNOTATIONS, generation_schema

_CLOSED_OBJECT_KEYWORDS = ANNOTATIONS | {
    "additionalProperties",
    "properties",
    "required",
    "type",
}


def schema_strategy(schema: Any) -> st.SearchStrategy[Any]:
    """A strategy for instances of a bundled input ``schema``."""
    return input_strategy(generation_schema(schema))


def input_strategy(schema: Any) -> st.SearchStrategy[Any]:
    """A strategy for instances of a bundled ``schema``.

    Closed objects (fixed properties, no extra ones) are built here from their
    properties' strategies, and everything else goes to hypothesis-jsonschema.
    That is several times faster than ``from_schema(schema)`` on the whole,
    which rebuilds an object's property strategies on every draw.
    """
    if not _is_closed_object(schema):
        return from_schema(schema)

    required = set(schema.get("required", ()))
    fixed: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, subschema in schema.get("properties", {}).items():
        if subschema is False:
            if name in required:
                return st.nothing()

            continue  # a recursion cut off by the bundle: leave the field out

        strategy = input_strategy(subschema)
        (fixed if name in required else optional)[name] = strategy

    return st.fixed_dictionaries(fixed, optional=optional)


def _is_closed_object(schema: Any) -> bool:
    return (
        isinstance(schema, Mapping)
        and schema.get("type") == "object"
        and schema.get("additionalProperties") is False
        and set(schema) <= _CLOSED_OBJECT_KEYWORDS
        and set(schema.get("required", ())) <= set(schema.get("properties", {}))
    )


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
