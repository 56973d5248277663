"""The meta-schema of contract files, and the repository's real contracts against it."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from jsonschema_specifications import REGISTRY as SPECIFICATIONS
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "contracts"
META_SCHEMA = ROOT / "codegen" / "contractgen" / "schemas" / "contract.schema.json"
CONTRACT_FILES = sorted(CONTRACTS.glob("*.json"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _meta_validator() -> Draft202012Validator:
    # Only the bundled specifications are registered, so a reference the bundle
    # cannot answer fails instead of going to the network.
    return Draft202012Validator(_load(META_SCHEMA), registry=SPECIFICATIONS)


def _contracts_registry() -> Registry[Any]:
    """Register every contract under its file name, as cross-file refs name them."""
    resources = [
        (path.name, DRAFT202012.create_resource(_load(path))) for path in CONTRACT_FILES
    ]
    return Registry().with_resources(resources)


def _examples() -> list[Any]:
    cases = []
    for path in CONTRACT_FILES:
        for name, interface in _load(path)["interfaces"].items():
            for index, example in enumerate(interface.get("examples", [])):
                case_id = f"{path.stem}/{name}/{index}"
                cases.append(pytest.param(path.name, name, example, id=case_id))

    return cases


def _validator_at(pointer: str, registry: Registry[Any]) -> Draft202012Validator:
    return Draft202012Validator({"$ref": pointer}, registry=registry)


def _errors(contract: Any) -> list[tuple[list[Any], str]]:
    """Each meta-schema error as (instance path, message), in a stable order."""
    errors = _meta_validator().iter_errors(contract)
    found = [(list(error.path), error.message) for error in errors]
    return sorted(found, key=repr)


def _minimal_contract() -> dict[str, Any]:
    return {
        "module": "demo",
        "version": "0.1.0",
        "title": "示例",
        "interfaces": {
            "ping": {
                "kind": "standard",
                "input": {"type": "object"},
                "output": {"type": "boolean"},
            },
        },
    }


def test_meta_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The meta-schema itself passes the draft 2020-12 meta-schema."""
    Draft202012Validator.check_schema(_load(META_SCHEMA))


def test_every_property_of_the_meta_schema_is_described() -> None:
    """Every property the meta-schema declares carries a description for editors."""
    meta = _load(META_SCHEMA)
    owners = [meta, *meta["$defs"].values()]
    undescribed = sorted(
        name
        for owner in owners
        for name, schema in owner.get("properties", {}).items()
        if "description" not in schema
    )

    assert undescribed == []


def test_the_repository_has_the_three_contracts() -> None:
    """contracts/ holds the three modules, each file named after its module id."""
    names = [(path.name, _load(path)["module"]) for path in CONTRACT_FILES]

    assert names == [
        ("points-center.json", "points-center"),
        ("prize.json", "prize"),
        ("sign-up.json", "sign-up"),
    ]


@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda path: path.stem)
def test_contract_passes_the_meta_schema(path: Path) -> None:
    """Every file in contracts/ validates against the meta-schema."""
    assert _errors(_load(path)) == []


@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda path: path.stem)
def test_every_interface_has_an_example(path: Path) -> None:
    """Every interface of a real contract shows at least one example."""
    interfaces = _load(path)["interfaces"]
    bare = [name for name, value in interfaces.items() if not value.get("examples")]

    assert bare == []


@pytest.mark.parametrize(("file_name", "name", "example"), _examples())
def test_example_matches_its_schemas(file_name: str, name: str, example: Any) -> None:
    """An example's input and output validate against the interface's schemas."""
    registry = _contracts_registry()
    base = f"{file_name}#/interfaces/{name}"
    _validator_at(f"{base}/input", registry).validate(example["input"])
    if "output" in example:
        _validator_at(f"{base}/output", registry).validate(example["output"])


@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda path: path.stem)
def test_example_business_codes_are_listed(path: Path) -> None:
    """An error example with an integer code uses a code from the interface's errors."""
    unlisted = []
    for name, interface in _load(path)["interfaces"].items():
        listed = {error["code"] for error in interface.get("errors", [])}
        for example in interface.get("examples", []):
            code = example.get("error", {}).get("code")
            if isinstance(code, int) and code not in listed:
                unlisted.append((name, code))

    assert unlisted == []


def test_example_check_follows_cross_file_refs() -> None:
    """A prize in a sign-up example is checked against the Prize of prize.json."""
    send_prize = _load(CONTRACTS / "sign-up.json")["interfaces"]["send_prize"]
    params = copy.deepcopy(send_prize["examples"][0]["input"])
    params["prize"]["type"] = "cash"
    pointer = "sign-up.json#/interfaces/send_prize/input"

    with pytest.raises(ValidationError) as caught:
        _validator_at(pointer, _contracts_registry()).validate(params)

    assert list(caught.value.path) == ["prize", "type"]
    assert caught.value.message == (
        "'cash' is not one of ['coupon', 'physical', 'virtual', 'points']"
    )


def test_sign_up_uses_the_prize_of_the_prize_contract() -> None:
    """send_prize refers to the Prize schema of prize.json, across files."""
    send_prize = _load(CONTRACTS / "sign-up.json")["interfaces"]["send_prize"]

    assert send_prize["input"]["properties"]["prize"] == {
        "$ref": "prize.json#/$defs/Prize"
    }


def test_minimal_contract_passes() -> None:
    """A contract with module, version, title and one interface is enough."""
    assert _errors(_minimal_contract()) == []


def test_missing_module_is_rejected() -> None:
    """A contract without 'module' fails at the root."""
    contract = _minimal_contract()
    del contract["module"]

    assert _errors(contract) == [([], "'module' is a required property")]


def test_bad_module_id_is_rejected() -> None:
    """A module id must be lower-case words joined by hyphens."""
    contract = _minimal_contract()
    contract["module"] = "Sign_Up"

    assert _errors(contract) == [
        (["module"], "'Sign_Up' does not match '^[a-z][a-z0-9-]*$'")
    ]


def test_unknown_top_level_key_is_rejected() -> None:
    """No key besides the documented ones is allowed at the top level."""
    contract = _minimal_contract()
    contract["owner"] = "运营部"

    assert _errors(contract) == [
        ([], "Additional properties are not allowed ('owner' was unexpected)")
    ]


def test_callers_on_custom_interface_is_rejected() -> None:
    """Only the module calls a custom interface, so it declares no callers."""
    contract = _minimal_contract()
    contract["interfaces"]["ping"].update(kind="custom", callers=["server"])

    assert _errors(contract) == [
        (["interfaces", "ping", "callers"], "['server'] should not be valid under {}")
    ]


def test_callers_on_standard_interface_is_accepted() -> None:
    """A standard interface may name where it is called from."""
    contract = _minimal_contract()
    contract["interfaces"]["ping"]["callers"] = ["miniprogram", "server"]

    assert _errors(contract) == []


def test_example_with_output_and_error_is_rejected() -> None:
    """An example shows either a result or an error, not both."""
    contract = _minimal_contract()
    example = {"input": {}, "output": True, "error": {"code": 1001}}
    contract["interfaces"]["ping"]["examples"] = [example]

    assert _errors(contract) == [
        (
            ["interfaces", "ping", "examples", 0, "error"],
            "{'code': 1001} should not be valid under {}",
        )
    ]


def test_example_without_output_or_error_is_rejected() -> None:
    """An example must show a result or an error."""
    contract = _minimal_contract()
    contract["interfaces"]["ping"]["examples"] = [{"input": {}}]

    assert _errors(contract) == [
        (
            ["interfaces", "ping", "examples", 0],
            "{'input': {}} is not valid under any of the given schemas",
        )
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (1001, []),
        ("METHOD_EXEC_FAILURE", []),
        (0, ["0 is not valid under any of the given schemas"]),
        ("TIMEOUT", ["'TIMEOUT' is not valid under any of the given schemas"]),
    ],
    ids=["business", "platform", "zero", "unknown-platform"],
)
def test_example_error_code(code: Any, expected: list[Any]) -> None:
    """An example's error code is a non-zero integer or a platform code."""
    contract = _minimal_contract()
    example = {"input": {}, "error": {"code": code}}
    contract["interfaces"]["ping"]["examples"] = [example]
    code_path = ["interfaces", "ping", "examples", 0, "error", "code"]

    assert _errors(contract) == [(code_path, message) for message in expected]


def test_business_error_code_zero_is_rejected() -> None:
    """0 means success, so it cannot be a business error code."""
    contract = _minimal_contract()
    error = {"code": 0, "name": "OK", "description": "成功"}
    contract["interfaces"]["ping"]["errors"] = [error]

    assert _errors(contract) == [
        (
            ["interfaces", "ping", "errors", 0, "code"],
            "0 should not be valid under {'const': 0}",
        )
    ]


def test_bad_interface_name_is_rejected() -> None:
    """Interface names must start with a letter and hold only letters, digits and _."""
    contract = _minimal_contract()
    contract["interfaces"]["send-prize"] = copy.deepcopy(contract["interfaces"]["ping"])

    assert _errors(contract) == [
        (["interfaces"], "'send-prize' does not match '^[A-Za-z][A-Za-z0-9_]*$'")
    ]


def test_bad_input_schema_is_rejected() -> None:
    """'input' must itself pass the draft 2020-12 meta-schema."""
    contract = _minimal_contract()
    contract["interfaces"]["ping"]["input"] = {"type": "obj"}

    assert _errors(contract) == [
        (
            ["interfaces", "ping", "input", "type"],
            "'obj' is not valid under any of the given schemas",
        )
    ]
