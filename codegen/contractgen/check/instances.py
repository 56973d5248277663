"""A fast, seeded generator of instances for the JSON Schema that contracts use.

:func:`compile_schema` turns a bundled schema (one without references) into a
function that draws an instance from a :class:`random.Random`.  It reads
``type`` (a list of types included), ``enum``, ``const``, ``anyOf`` and
``oneOf`` (a branch is picked), objects (``properties``, ``required``,
``additionalProperties``), arrays (``items``, ``prefixItems``, ``minItems``,
``maxItems``, ``uniqueItems``), strings (``minLength``, ``maxLength``,
``pattern`` and a few formats), numbers (``minimum``, ``maximum``, the exclusive
bounds, an integer ``multipleOf``), booleans and null.  Anything else (``allOf``,
``not``, ``if``, ``patternProperties``...) raises :class:`Unsupported`, and the
caller draws from that schema with hypothesis-jsonschema instead.

Drawing is some hundred times faster than hypothesis-jsonschema, which a run of
thousands of calls needs.  Values are biased as hypothesis biases them: bounds,
zero, empty and short values come up often, and so do characters beyond ASCII.
The caller validates every instance, so a mistake here costs a fallback, never
a wrong input.
"""

from __future__ import annotations

import copy
import math
import random
import string
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from contractgen.check.patterns import POOL, Unsupported, compile_pattern
from contractgen.check.validation import schema_validator

__all__ = ["Draw", "GiveUp", "Unsupported", "compile_schema"]

Draw = Callable[[random.Random], Any]

SAFE_INTEGER = 2**53 - 1
"""Integers are drawn within what JSON numbers carry exactly to Node handlers."""
NUMBER_SPAN = 1e9
"""Numbers without bounds are mostly drawn within this distance of zero."""
SHORT_EXTRA = 8
"""Strings and arrays without an upper bound get up to this many more than the least."""
TRIES = 10
"""Draws of one value (a string of the right length, a new item) before giving up."""

ANNOTATIONS = frozenset(
    {
        "$comment",
        "$schema",
        "contentEncoding",
        "contentMediaType",
        "default",
        "deprecated",
        "description",
        "examples",
        "readOnly",
        "title",
        "writeOnly",
    }
)
_KEYWORDS_OF_TYPE = {
    "object": frozenset({"properties", "required", "additionalProperties"}),
    "array": frozenset({"items", "prefixItems", "minItems", "maxItems", "uniqueItems"}),
    "string": frozenset({"minLength", "maxLength", "pattern", "format"}),
    "number": frozenset(
        {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
    ),
}
_KEYWORDS_OF_TYPE["integer"] = _KEYWORDS_OF_TYPE["number"]
SUPPORTED = ANNOTATIONS.union(
    {"type", "enum", "const", "anyOf", "oneOf"}, *_KEYWORDS_OF_TYPE.values()
)
TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


class GiveUp(Exception):
    """This draw found no instance; another draw may."""


def compile_schema(schema: Any) -> Draw:
    """A function that draws instances of ``schema``, a schema without ``$ref``.

    :raises Unsupported: when the schema uses a keyword or a value this module
        does not draw from.
    """
    if schema is True:
        return _any_value

    if schema is False:
        return _nothing

    if not isinstance(schema, Mapping):
        raise Unsupported(f"a schema that is not an object: {schema!r}")

    unknown = set(schema) - SUPPORTED
    if unknown:
        raise Unsupported(f"the keywords {', '.join(sorted(unknown))}")

    if "const" in schema:
        return _members([schema["const"]], schema, "const")

    if "enum" in schema:
        return _members(schema["enum"], schema, "enum")

    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return _branches(schema, keyword)

    draws = [_COMPILERS[name](schema) for name in _types(schema)]
    if not draws:
        return _any_value

    return draws[0] if len(draws) == 1 else _either(draws)


def _types(schema: Mapping[str, Any]) -> list[str]:
    """The types to draw: those ``type`` names, else those the keywords imply."""
    declared = schema.get("type")
    if declared is None:
        # Instances of other types are valid too; these are the interesting ones.
        implied = ("object", "array", "string", "number")
        return [t for t in implied if _KEYWORDS_OF_TYPE[t] & set(schema)]

    names = [declared] if isinstance(declared, str) else list(declared)
    for name in names:
        if name not in TYPES:
            raise Unsupported(f"the type {name!r}")

    if "integer" in names and "number" in names:
        names.remove("integer")  # numbers are drawn as integers often enough

    return names


def _nothing(rng: random.Random) -> Any:
    raise GiveUp


def _either(draws: Sequence[Draw]) -> Draw:
    options = tuple(draws)
    return lambda rng: rng.choice(options)(rng)


def _members(members: Sequence[Any], schema: Mapping[str, Any], keyword: str) -> Draw:
    """Draw one of ``members`` (of ``enum`` or ``const``) that the schema allows."""
    others = set(schema) - ANNOTATIONS - {keyword}
    if others:
        # Keywords next to the list may rule members out; the rest are drawn.
        validator = _validator(schema)
        members = [member for member in members if validator.is_valid(member)]

    if not members:
        return _nothing

    choices = tuple(members)

    def draw(rng: random.Random) -> Any:
        member = rng.choice(choices)
        return copy.deepcopy(member) if isinstance(member, (dict, list)) else member

    return draw


def _validator(schema: Any) -> Any:
    validator = schema_validator(schema)
    if validator is None:
        raise Unsupported("a schema that jsonschema-rs cannot compile")

    return validator


def _branches(schema: Mapping[str, Any], keyword: str) -> Draw:
    """``anyOf``/``oneOf``: draw from a branch; ``oneOf`` keeps only one match."""
    others = set(schema) - ANNOTATIONS - {keyword}
    if others:
        raise Unsupported(f"{keyword} next to {', '.join(sorted(others))}")

    branches = schema[keyword]
    draws = tuple(compile_schema(branch) for branch in branches)
    if not draws:
        return _nothing

    if keyword == "anyOf":
        return _either(draws)

    validators = [_validator(branch) for branch in branches]

    def draw(rng: random.Random) -> Any:
        for _ in range(TRIES):
            value = rng.choice(draws)(rng)
            if sum(v.is_valid(value) for v in validators) == 1:
                return value

        raise GiveUp

    return draw


# -- scalars -----------------------------------------------------------------------


def _null(schema: Mapping[str, Any]) -> Draw:
    return lambda rng: None


def _boolean(schema: Mapping[str, Any]) -> Draw:
    return lambda rng: rng.random() < 0.5


def _integer(schema: Mapping[str, Any]) -> Draw:
    low, high = _integer_bounds(schema)
    step = schema.get("multipleOf", 1)
    if not _is_whole(step) or step <= 0:
        # Python's jsonschema and jsonschema-rs disagree on fractions.
        raise Unsupported(f"multipleOf {step!r}")

    step = int(step)
    low, high = -(-low // step), high // step  # the multiples' factors
    if low > high:
        return _nothing

    pick = _int_picker(low, high)
    return lambda rng: pick(rng) * step


def _integer_bounds(schema: Mapping[str, Any]) -> tuple[int, int]:
    low, high = -SAFE_INTEGER, SAFE_INTEGER
    if "minimum" in schema:
        low = max(low, math.ceil(_number(schema, "minimum")))

    if "exclusiveMinimum" in schema:
        low = max(low, math.floor(_number(schema, "exclusiveMinimum")) + 1)

    if "maximum" in schema:
        high = min(high, math.floor(_number(schema, "maximum")))

    if "exclusiveMaximum" in schema:
        high = min(high, math.ceil(_number(schema, "exclusiveMaximum")) - 1)

    return low, high


def _number(schema: Mapping[str, Any], keyword: str) -> int | float:
    value = schema[keyword]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unsupported(f"{keyword} {value!r}")

    if isinstance(value, float) and not math.isfinite(value):
        raise Unsupported(f"{keyword} {value!r}")

    return value


def _is_whole(value: Any) -> bool:
    if isinstance(value, bool):
        return False

    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _int_picker(low: int, high: int) -> Draw:
    """Draw an integer in ``[low, high]``: often an edge, often a small one."""
    candidates = {low, high, low + 1, high - 1, 0, 1, -1}
    edges = tuple(sorted(v for v in candidates if low <= v <= high))
    small_low, small_high = max(low, -100), min(high, 100)

    def pick(rng: random.Random) -> int:
        roll = rng.random()
        if roll < 0.25:
            return rng.choice(edges)

        if roll < 0.6 and small_low <= small_high:
            return rng.randint(small_low, small_high)

        return rng.randint(low, high)

    return pick


def _float(schema: Mapping[str, Any]) -> Draw:
    if "multipleOf" in schema:
        return _integer(schema)  # whole multiples only; fractions are unsupported

    low, high = -math.inf, math.inf
    if "minimum" in schema:
        low = float(_number(schema, "minimum"))

    if "exclusiveMinimum" in schema:
        bound = float(_number(schema, "exclusiveMinimum"))
        low = max(low, math.nextafter(bound, math.inf))

    if "maximum" in schema:
        high = float(_number(schema, "maximum"))

    if "exclusiveMaximum" in schema:
        bound = float(_number(schema, "exclusiveMaximum"))
        high = min(high, math.nextafter(bound, -math.inf))

    if low > high:
        return _nothing

    span_low = max(low, -NUMBER_SPAN if high >= -NUMBER_SPAN else high - NUMBER_SPAN)
    span_high = min(high, NUMBER_SPAN if low <= NUMBER_SPAN else low + NUMBER_SPAN)
    candidates = (low, high, 0.0, 0.5, -1.5)
    edges = tuple(v for v in candidates if math.isfinite(v) and low <= v <= high)
    whole = _int_picker(math.ceil(span_low), math.floor(span_high))
    has_whole = math.ceil(span_low) <= math.floor(span_high)

    def draw(rng: random.Random) -> float | int:
        roll = rng.random()
        if roll < 0.2 and edges:
            return rng.choice(edges)

        if roll < 0.45 and has_whole:
            number: int = whole(rng)  # JSON does not tell 3 from 3.0
            return number

        return min(max(rng.uniform(span_low, span_high), low), high)

    return draw


# -- strings -----------------------------------------------------------------------

_ALNUM = string.ascii_letters + string.digits
_PUNCTUATION = " -_.:/@#'\"\\<>&%"
_WIDE = "".join(c for c in POOL if ord(c) > 0x7F) + "\n\t"


def _char(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        return rng.choice(_ALNUM)

    if roll < 0.85:
        return rng.choice(_PUNCTUATION)

    return rng.choice(_WIDE)


def _string(schema: Mapping[str, Any]) -> Draw:
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    if not _is_whole(low) or (high is not None and not _is_whole(high)):
        raise Unsupported(f"string lengths {low!r} and {high!r}")

    low, high = int(low), None if high is None else int(high)
    if high is not None and low > high:
        return _nothing

    if "pattern" in schema:
        return _fitted(compile_pattern(schema["pattern"]), low, high)

    if "format" in schema:
        return _fitted(_format(schema["format"]), low, high)

    length = _length_picker(low, high)
    return lambda rng: "".join([_char(rng) for _ in range(length(rng))])


def _fitted(text: Callable[[random.Random], str], low: int, high: int | None) -> Draw:
    """Draw from ``text`` until a string has an allowed length."""

    def draw(rng: random.Random) -> str:
        for _ in range(TRIES):
            value = text(rng)
            if len(value) >= low and (high is None or len(value) <= high):
                return value

        raise GiveUp

    return draw


def _length_picker(low: int, high: int | None) -> Callable[[random.Random], int]:
    """A length in ``[low, high]``: the least often, short ones mostly."""
    top = low + SHORT_EXTRA if high is None else high

    def pick(rng: random.Random) -> int:
        roll = rng.random()
        if roll < 0.15:
            return low

        if roll < 0.25:
            return top

        return rng.randint(low, min(top, low + 3) if roll < 0.65 else top)

    return pick


def _format(name: Any) -> Callable[[random.Random], str]:
    if name not in _FORMATS:
        raise Unsupported(f"the format {name!r}")

    return _FORMATS[name]


def _date(rng: random.Random) -> str:
    year, month, day = rng.randint(1970, 2099), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _time(rng: random.Random) -> str:
    clock = (
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    )
    return clock + rng.choice(("Z", "+08:00", ".250Z"))


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 8)))


_FORMATS: dict[str, Callable[[random.Random], str]] = {
    "date": _date,
    "time": _time,
    "date-time": lambda rng: f"{_date(rng)}T{_time(rng)}",
    "email": lambda rng: f"{_word(rng)}@{_word(rng)}.com",
    "hostname": lambda rng: f"{_word(rng)}.{_word(rng)}.cn",
    "ipv4": lambda rng: ".".join(str(rng.randint(0, 255)) for _ in range(4)),
    "uri": lambda rng: f"https://{_word(rng)}.cn/{_word(rng)}?q={rng.randint(0, 99)}",
    "uuid": lambda rng: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
}


# -- containers --------------------------------------------------------------------


def _array(schema: Mapping[str, Any]) -> Draw:
    prefix = tuple(compile_schema(item) for item in schema.get("prefixItems", ()))
    items_schema = schema.get("items", True)
    items = None if items_schema is False else compile_schema(items_schema)
    low = schema.get("minItems", 0)
    high = schema.get("maxItems")
    if not _is_whole(low) or (high is not None and not _is_whole(high)):
        raise Unsupported(f"array lengths {low!r} and {high!r}")

    low, high = int(low), None if high is None else int(high)
    if items is None:
        high = len(prefix) if high is None else min(high, len(prefix))

    if high is not None and low > high:
        return _nothing

    length = _length_picker(low, high)
    unique = schema.get("uniqueItems") is True

    def draw(rng: random.Random) -> list[Any]:
        values: list[Any] = []
        seen: set[Any] = set()
        for index in range(length(rng)):
            item = prefix[index] if index < len(prefix) else items
            assert item is not None, "lengths stop at the prefix without items"
            value = _unique_item(item, rng, seen) if unique else item(rng)
            if value is _DUPLICATE:
                break  # shorter, if that still is long enough

            values.append(value)

        if len(values) < low:
            raise GiveUp

        return values

    return draw


_DUPLICATE = object()


def _unique_item(item: Draw, rng: random.Random, seen: set[Any]) -> Any:
    for _ in range(TRIES):
        value = item(rng)
        key = _canonical(value)
        if key not in seen:
            seen.add(key)
            return value

    return _DUPLICATE


def _canonical(value: Any) -> Any:
    """A hashable form of a JSON value, equal for values JSON Schema calls equal.

    ``True`` and ``1`` compare equal in Python, which only makes fewer arrays
    count as unique.
    """
    if isinstance(value, dict):
        return ("object", frozenset((k, _canonical(v)) for k, v in value.items()))

    if isinstance(value, list):
        return ("array", tuple(_canonical(v) for v in value))

    if isinstance(value, float) and value.is_integer():
        return int(value)

    return value


def _object(schema: Mapping[str, Any]) -> Draw:
    properties = schema.get("properties", {})
    required = list(dict.fromkeys(schema.get("required", ())))
    additional = schema.get("additionalProperties", True)
    fields: list[tuple[str, Draw, bool]] = []
    for name, subschema in properties.items():
        if subschema is False and name not in required:
            continue  # a recursion cut off by the bundle: leave the field out

        fields.append((name, compile_schema(subschema), name in required))

    for name in required:
        if name not in properties:
            fields.append((name, compile_schema(additional), True))

    extra = None if additional is False else compile_schema(additional)
    names = frozenset(properties)

    def draw(rng: random.Random) -> dict[str, Any]:
        roll = rng.random()
        # Every optional field, none, or each one by a coin toss.
        keep = 1.0 if roll < 0.15 else 0.0 if roll < 0.3 else 0.5
        instance = {}
        for name, field, is_required in fields:
            if is_required or rng.random() < keep:
                instance[name] = field(rng)

        if extra is not None and rng.random() < 0.1:
            name = _extra_name(rng)
            if name not in names and name not in instance:
                instance[name] = extra(rng)

        return instance

    return draw


def _extra_name(rng: random.Random) -> str:
    return "".join(rng.choice(_ALNUM) for _ in range(rng.randint(1, 6)))


def _any_value(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value, small and seldom nested."""
    roll = rng.random()
    if depth < 2 and roll < 0.1:
        return [_any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]

    if depth < 2 and roll < 0.2:
        keys = {_extra_name(rng) for _ in range(rng.randint(0, 3))}
        return {key: _any_value(rng, depth + 1) for key in sorted(keys)}

    scalar = rng.choice(_ANY_SCALARS)
    return scalar(rng)


_ANY_SCALARS: tuple[Draw, ...] = (
    lambda rng: None,
    lambda rng: rng.random() < 0.5,
    _int_picker(-SAFE_INTEGER, SAFE_INTEGER),
    lambda rng: rng.uniform(-NUMBER_SPAN, NUMBER_SPAN),
    lambda rng: "".join([_char(rng) for _ in range(rng.randint(0, 8))]),
)

_COMPILERS: dict[str, Callable[[Mapping[str, Any]], Draw]] = {
    "null": _null,
    "boolean": _boolean,
    "integer": _integer,
    "number": _float,
    "string": _string,
    "array": _array,
    "object": _object,
}
