"""The checker's input generator: valid, reproducible, and backed by hypothesis."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from contractgen.check import CheckOptions, build_cases
from contractgen.check.cases import InputSource, draw_fast, draw_inputs
from contractgen.check.instances import Unsupported, compile_schema
from contractgen.check.shrink import shrink
from contractgen.contract import ContractSet, Interface, load_contracts

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_SETS = {
    "contracts": load_contracts(ROOT / "contracts"),
    "tests/impl/contracts": load_contracts(ROOT / "tests" / "impl" / "contracts"),
}
DRAWS = 300


def _custom_interfaces() -> list[Any]:
    return [
        pytest.param(contract_set, interface, id=f"{contract.module}.{interface.name}")
        for contract_set in CONTRACT_SETS.values()
        for contract in contract_set.contracts
        for interface in contract.custom_interfaces
    ]


@pytest.mark.parametrize(("contract_set", "interface"), _custom_interfaces())
def test_every_drawn_input_of_a_real_contract_is_valid(
    contract_set: ContractSet, interface: Interface
) -> None:
    """The fast generator handles every real custom interface, and only draws
    inputs that Python's jsonschema accepts too."""
    source = InputSource.of(contract_set, interface, seed=8)
    validator = contract_set.validator(interface, "input")

    drawn = draw_fast(source, DRAWS)

    assert drawn is not None
    assert len(drawn) == DRAWS
    assert [i for i in drawn if not validator.is_valid(i)] == []


TRICKY = {
    "patterns": {
        "type": "object",
        "additionalProperties": False,
        "required": ["phone", "time", "code", "word", "choice"],
        "properties": {
            "phone": {"type": "string", "pattern": "^1[3-9][0-9]{9}$"},
            "time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "code": {"type": "string", "pattern": r"^[^a-c\d]\w\s.+?\D*(?:x|y)$"},
            "word": {"type": "string", "pattern": "(?i)^[^a]b$", "maxLength": 2},
            "choice": {"type": "string", "pattern": "^(red|green|blue)-[0-9]+$"},
        },
    },
    "unanchored pattern with lengths": {
        "type": "string",
        "pattern": "[0-9]{2}",
        "minLength": 2,
        "maxLength": 4,
    },
    "nullable": {
        "type": "object",
        "additionalProperties": False,
        "required": ["a", "b", "c"],
        "properties": {
            "a": {"type": ["string", "null"], "maxLength": 3},
            "b": {"anyOf": [{"type": "integer", "minimum": 5}, {"type": "null"}]},
            "c": {"type": ["integer", "number", "null"], "exclusiveMaximum": 0},
        },
    },
    "enums and const": {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "level", "fixed"],
        "properties": {
            "kind": {"enum": ["a", 1, None, {"x": [1]}]},
            "level": {"type": "integer", "enum": [1, "two", 3]},
            "fixed": {"const": {"nested": [True, False]}},
        },
    },
    "nested arrays": {
        "type": "array",
        "minItems": 1,
        "maxItems": 3,
        "items": {
            "type": "array",
            "uniqueItems": True,
            "maxItems": 4,
            "items": {"type": "integer", "minimum": 0, "maximum": 3},
        },
    },
    "tuples": {
        "type": "array",
        "prefixItems": [{"type": "string", "minLength": 1}, {"type": "boolean"}],
        "items": False,
        "minItems": 1,
    },
    "additionalProperties as a schema": {
        "type": "object",
        "required": ["known", "other"],
        "properties": {"known": {"type": "boolean"}},
        "additionalProperties": {"type": "integer", "multipleOf": 7},
    },
    "numbers": {
        "type": "object",
        "additionalProperties": False,
        "required": ["ratio", "step", "open"],
        "properties": {
            "ratio": {"type": "number", "minimum": 0, "maximum": 1},
            "step": {"type": "integer", "multipleOf": 5, "minimum": 1, "maximum": 99},
            "open": {"type": "number", "exclusiveMinimum": 2.5, "exclusiveMaximum": 3},
        },
    },
    "unbounded numbers": {
        "type": "array",
        "prefixItems": [{"type": "number"}, {"type": "integer"}, {"minimum": -2}],
        "items": False,
    },
    "oneOf": {
        "oneOf": [
            {"type": "integer", "minimum": 0, "maximum": 10},
            {"type": "number", "minimum": 5, "maximum": 20},
        ]
    },
    "formats": {
        "type": "array",
        "prefixItems": [
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "email"},
            {"type": "string", "format": "uuid"},
        ],
        "minItems": 3,
    },
    "anything": {"type": "object", "required": ["free"]},
}


@pytest.mark.parametrize("schema", TRICKY.values(), ids=TRICKY.keys())
def test_every_drawn_instance_of_a_tricky_schema_is_valid(schema: Any) -> None:
    """The fast generator draws only valid JSON instances of the keywords it reads."""
    draw = compile_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    rng = random.Random(3)

    drawn = [draw(rng) for _ in range(DRAWS)]

    assert [i for i in drawn if not validator.is_valid(i)] == []
    # allow_nan=False refuses NaN and the infinities, which JSON cannot carry.
    assert len({json.dumps(i, sort_keys=True, allow_nan=False) for i in drawn}) > 1


def _sign_up_inputs(seed: int) -> list[Any]:
    contract_set = CONTRACT_SETS["contracts"]
    options = CheckOptions(ROOT, examples=20, seed=seed)
    return [
        case.input
        for case in build_cases(contract_set, contract_set.get("sign-up"), options)
    ]


def test_same_seed_draws_the_same_inputs() -> None:
    """Inputs depend on the seed alone: the same seed draws the same ones."""
    first = _sign_up_inputs(41)

    assert _sign_up_inputs(41) == first
    assert _sign_up_inputs(42) != first


def test_inputs_do_not_depend_on_the_hash_seed() -> None:
    """Another process, with another PYTHONHASHSEED, draws the same inputs."""
    script = (
        "import json\n"
        "from pathlib import Path\n"
        "from contractgen.check import CheckOptions, build_cases\n"
        "from contractgen.contract import load_contracts\n"
        "contracts = load_contracts(Path('contracts'))\n"
        "options = CheckOptions(Path('.'), examples=20, seed=41)\n"
        "cases = build_cases(contracts, contracts.get('sign-up'), options)\n"
        "print(json.dumps([case.input for case in cases]))\n"
    )

    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        for hash_seed in ("1", "2")
    ]

    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0]) == _sign_up_inputs(41)


UNSUPPORTED = {
    "allOf": (
        {"allOf": [{"type": "integer"}, {"minimum": 3, "maximum": 9}]},
        "the keywords allOf",
    ),
    "not": ({"type": "string", "not": {"const": ""}}, "the keywords not"),
    "if": (
        {"type": "integer", "if": {"minimum": 5}, "then": {"multipleOf": 5}},
        "the keywords if, then",
    ),
    "backreference": (
        {"type": "string", "pattern": r"^(a|b)\1$"},
        r"pattern '^(a|b)\\1$' uses groupref",
    ),
    "fractional multipleOf": (
        {"type": "number", "multipleOf": 0.5, "maximum": 3},
        "multipleOf 0.5",
    ),
}


@pytest.mark.parametrize(
    ("schema", "reason"), UNSUPPORTED.values(), ids=UNSUPPORTED.keys()
)
def test_unsupported_schema_falls_back_to_hypothesis(
    tmp_path: Path, schema: Any, reason: str
) -> None:
    """A schema the fast generator does not read is drawn by hypothesis, validly."""
    contract_set, interface = _one_interface(tmp_path, schema)
    source = InputSource.of(contract_set, interface, seed=1)
    validator = contract_set.validator(interface, "input")

    with pytest.raises(Unsupported) as raised:
        compile_schema(source.schema)
    drawn = draw_inputs(source, 10)

    assert str(raised.value) == reason
    assert source.generator is None
    assert drawn != []
    assert [i for i in drawn if not validator.is_valid(i)] == []


def test_invalid_instance_makes_hypothesis_draw_instead(tmp_path: Path) -> None:
    """When the fast generator draws one invalid instance, hypothesis draws all."""
    schema = {"type": "integer", "minimum": 0, "maximum": 1000}
    contract_set, interface = _one_interface(tmp_path, schema)
    source = InputSource.of(contract_set, interface, seed=1)
    # A validator stricter than the schema stands for a generator mistake.
    strict = InputSource(
        source.interface,
        source.schema,
        lambda params: source.is_valid(params) and params["value"] % 2 == 0,
        source.seed,
        source.generator,
    )

    drawn = [params["value"] for params in draw_inputs(strict, 10)]

    assert draw_fast(strict, 10) is None
    assert drawn != []
    assert [i for i in drawn if i % 2 != 0 or not 0 <= i <= 1000] == []


def _one_interface(folder: Path, schema: Any) -> tuple[ContractSet, Interface]:
    """A contract set with one custom interface ``probe`` whose input holds
    ``schema`` as its one property, ``value`` (params are always objects)."""
    schema = {
        "type": "object",
        "properties": {"value": schema},
        "required": ["value"],
        "additionalProperties": False,
    }
    contract = {
        "module": "probe",
        "version": "1.0.0",
        "title": "探针",
        "interfaces": {
            "probe": {"kind": "custom", "input": schema, "output": {"type": "object"}}
        },
    }
    (folder / "probe.json").write_text(json.dumps(contract), encoding="utf-8")
    contract_set = load_contracts(folder)
    [interface] = contract_set.get("probe").custom_interfaces
    return contract_set, interface


def test_failure_hypothesis_cannot_draw_is_simplified_from_the_known_input() -> None:
    """A failure hypothesis's draw misses is shrunk from the input that showed it."""
    contract_set = CONTRACT_SETS["contracts"]
    [interface] = [
        i
        for i in contract_set.get("sign-up").custom_interfaces
        if i.name == "send_prize"
    ]
    source = InputSource.of(contract_set, interface, seed=1)
    known = {
        "openId": "oAbc123_xyz",
        "day": 7,
        "prize": {
            "id": "coupon-5",
            "name": "5 元🎁无门槛券",
            "type": "physical",
            "imageUrl": "https://img/1.png",
            "points": 30,
            "stock": {"total": 1000, "remaining": 382},
            "tags": ["新人"],
        },
    }

    minimal = shrink(
        source,
        10,
        lambda instance: "🎁" in instance["prize"]["name"],
        known=known,
    )

    assert minimal == {
        "openId": "o00000",
        "day": 1,
        "prize": {
            "id": "0",
            "name": "🎁",
            "type": "coupon",
            "imageUrl": "",
            "stock": {"total": 0, "remaining": 0},
        },
    }
