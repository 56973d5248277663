"""Bad contracts: every problem reported once, with file, line, pointer and cause."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import WriteContracts, minimal_contract
from contractgen.contract import load_contracts
from contractgen.issues import ContractgenError, InvalidContracts

Edit = Callable[[dict[str, Any]], None]


def _set(pointer: str, value: Any) -> Edit:
    def edit(contract: dict[str, Any]) -> None:
        *parents, last = pointer.strip("/").split("/")
        node = contract
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]

        if isinstance(node, list) and int(last) == len(node):
            node.append(value)
        else:
            node[int(last) if isinstance(node, list) else last] = value

    return edit


def _drop(key: str) -> Edit:
    return lambda contract: contract.pop(key)


def _snake_clash(contract: dict[str, Any]) -> None:
    interface = contract["interfaces"]["getPrize"]
    contract["interfaces"]["get_prize"] = copy.deepcopy(interface)


def _ref_loop(contract: dict[str, Any]) -> None:
    contract["$defs"]["A"] = {"allOf": [{"$ref": "#/$defs/B"}]}
    contract["$defs"]["B"] = {"$ref": "#/$defs/A"}


INPUT_ID = "/interfaces/getPrize/input/properties/id"
OUTPUT = "/interfaces/getPrize/output"

CASES = [
    (
        _set(f"{INPUT_ID}/type", "integr"),
        f"demo.json:31: {INPUT_ID}/type: 'integr' is not a valid type; "
        "did you mean 'integer'?",
    ),
    (
        _set(f"{OUTPUT}/$ref", "#/$defs/Prise"),
        f"demo.json:40: {OUTPUT}/$ref: '#/$defs/Prise' points to nowhere; "
        "did you mean '#/$defs/Prize'?",
    ),
    (
        _set(f"{OUTPUT}/$ref", "https://example.invalid/prize.json"),
        f"demo.json:40: {OUTPUT}/$ref: 'https://example.invalid/prize.json' is a "
        "remote reference; contracts may refer only to their own file ('#/...') "
        "or to another contract in the same folder ('prize.json#/...')",
    ),
    (
        _set(f"{OUTPUT}/$ref", "../secrets.json#/a"),
        f"demo.json:40: {OUTPUT}/$ref: '../secrets.json#/a' leaves the contracts "
        "folder; name a contract in the same folder",
    ),
    (
        _set(f"{OUTPUT}/$ref", "/etc/prize.json"),
        f"demo.json:40: {OUTPUT}/$ref: '/etc/prize.json' is an absolute path; "
        "name a contract in the same folder",
    ),
    (
        _set(f"{OUTPUT}/$ref", "lottery.json#/$defs/Prize"),
        f"demo.json:40: {OUTPUT}/$ref: 'lottery.json#/$defs/Prize' names no contract "
        "in the folder (there are 'demo.json')",
    ),
    (
        _set("/interfaces/getPrize/kindd", "standard"),
        "demo.json:21: /interfaces/getPrize: 'kindd' is not allowed here; "
        "did you mean 'kind'?",
    ),
    (_drop("module"), "demo.json:1: /: 'module' is a required property"),
    (
        _set("/module", "other"),
        "demo.json:2: /module: 'other' does not match the file name 'demo.json'",
    ),
    (
        _set("/interfaces/send_prize/callers", ["server"]),
        "demo.json:97: /interfaces/send_prize/callers: 'callers' is not allowed here",
    ),
    (
        _set("/interfaces/getPrize/examples/0/output/name", 3),
        "demo.json:48: /interfaces/getPrize/examples/0/output/name: does not match "
        'the output schema: 3 is not of type "string"',
    ),
    (
        _snake_clash,
        "demo.json:98: /interfaces/get_prize: 'get_prize' and 'getPrize' both become "
        "the Python method 'get_prize'; rename one",
    ),
    (
        _set("/interfaces/send_prize/errors/0/code", -1),
        "demo.json:80: /interfaces/send_prize/errors/0/code: -1 is reserved for "
        "params that fail the input schema",
    ),
    (
        _set(
            "/interfaces/send_prize/errors/1",
            {"code": 1001, "name": "X", "description": ""},
        ),
        "demo.json:85: /interfaces/send_prize/errors/1/code: 1001 is listed twice",
    ),
    (
        _set(f"{INPUT_ID}/pattern", "[a-"),
        f"demo.json:33: {INPUT_ID}/pattern: '[a-' is not a valid regular expression",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"), CASES, ids=[c[1].split(": ")[1] for c in CASES]
)
def test_one_problem_one_line(
    write_contracts: WriteContracts, edit: Edit, expected: str
) -> None:
    """Each kind of mistake gives exactly one line naming file, line and pointer."""
    contract = minimal_contract()
    edit(contract)
    folder = write_contracts(demo=contract)
    os.chdir(folder)

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [expected]


def test_every_problem_is_reported(write_contracts: WriteContracts) -> None:
    """Problems in several files and places are all reported, sorted by file."""
    first = minimal_contract()
    first["interfaces"]["getPrize"]["input"]["properties"]["id"]["type"] = "strin"
    first["interfaces"]["send_prize"]["kind"] = "odd"
    second = minimal_contract("other")
    del second["title"]
    folder = write_contracts(demo=first, other=second)
    os.chdir(folder)

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [
        f"demo.json:31: {INPUT_ID}/type: 'strin' is not a valid type; "
        "did you mean 'string'?",
        "demo.json:54: /interfaces/send_prize/kind: 'odd' is not one of "
        "['standard', 'custom']",
        "other.json:1: /: 'title' is a required property",
    ]
    assert str(caught.value) == "3 problems in the contracts; nothing was written"


def test_loop_of_references_is_an_error_not_a_hang(
    write_contracts: WriteContracts,
) -> None:
    """A loop of references with no object or array in it cannot describe a value."""
    contract = minimal_contract()
    _ref_loop(contract)
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [
        "demo.json:22: /$defs/A/allOf/0/$ref: is a reference loop with no object "
        "or array inside: #/$defs/B -> #/$defs/A -> #/$defs/B",
        "demo.json:27: /$defs/B/$ref: is a reference loop with no object or array "
        "inside: #/$defs/A -> #/$defs/B -> #/$defs/A",
    ]


def test_recursion_through_properties_is_legal(write_contracts: WriteContracts) -> None:
    """A comment tree refers to itself through an array, which is fine."""
    contract = minimal_contract()
    contract["$defs"]["Comment"] = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "replies": {"type": "array", "items": {"$ref": "#/$defs/Comment"}},
        },
    }
    os.chdir(write_contracts(demo=contract))

    contract_set = load_contracts(Path("."))

    assert contract_set.get("demo").defs["Comment"]["properties"]["text"] == {
        "type": "string"
    }


def test_syntax_error_names_the_line(write_contracts: WriteContracts) -> None:
    """Broken JSON is reported with its line, and a BOM is tolerated."""
    os.chdir(write_contracts(demo='\ufeff{\n  "module": "demo",\n  "title": ,\n}'))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(i) for i in caught.value.issues] == [
        "demo.json:3: is not valid JSON: Expecting value"
    ]


def test_duplicate_key_is_reported(write_contracts: WriteContracts) -> None:
    """JSON silently keeps the last of two equal keys; contracts must not rely on it."""
    text = minimal_contract_text().replace(
        '"version": "1.0.0",', '"version": "1.0.0",\n  "version": "1.0.1",'
    )
    os.chdir(write_contracts(demo=text))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(i) for i in caught.value.issues] == [
        "demo.json:4: /version: is a duplicate key; JSON keeps only the last one"
    ]


def test_cross_file_reference_resolves(write_contracts: WriteContracts) -> None:
    """A reference into another contract of the folder resolves and is recorded."""
    demo = minimal_contract()
    demo["interfaces"]["getPrize"]["output"] = {"$ref": "shop.json#/$defs/Prize"}
    os.chdir(write_contracts(demo=demo, shop=minimal_contract("shop")))

    contract_set = load_contracts(Path("."))

    assert contract_set.dependencies == {"demo.json": ("shop.json",), "shop.json": ()}
    validator = contract_set.validator(contract_set.get("demo").interfaces[0], "output")
    assert [e.message for e in validator.iter_errors({"name": 1})] == [
        "1 is not of type 'string'"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (None, "no contracts folder at 'missing'"),
        ({}, "no contracts (*.json) in 'contracts'"),
    ],
    ids=["no-folder", "empty-folder"],
)
def test_bad_folder(
    tmp_path: Path, files: dict[str, str] | None, expected: str
) -> None:
    """A folder that is missing or holds no contracts is a usage error."""
    os.chdir(tmp_path)
    name = "missing" if files is None else "contracts"
    if files is not None:
        (tmp_path / name).mkdir()

    with pytest.raises(ContractgenError) as caught:
        load_contracts(Path(name))

    assert caught.value.format_message() == expected


def minimal_contract_text() -> str:
    import json

    return json.dumps(minimal_contract(), indent=2)


def test_slow_pattern_cannot_hang_the_build(write_contracts: WriteContracts) -> None:
    """Patterns run as JSON Schema means them (ECMA-262), in linear time."""
    contract = minimal_contract()
    contract["$defs"]["Prize"]["properties"]["name"]["pattern"] = r"^(a+)+$"
    contract["interfaces"]["getPrize"]["examples"][0]["output"]["name"] = "a" * 40 + "!"
    contract["interfaces"]["send_prize"]["input"]["properties"]["tag"] = {
        "type": "string",
        "pattern": r"^\p{L}+$",
    }
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [
        "demo.json:49: /interfaces/getPrize/examples/0/output/name: does not match "
        f'the output schema: "{"a" * 40}!" does not match "^(a+)+$"',
        "demo.json:94: /interfaces/send_prize/examples/0/input/prize/name: does not "
        'match the input schema: "杯子" does not match "^(a+)+$"',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n  "module": "demo",\n  "title": NaN\n}',
            "demo.json:3: is not valid JSON: NaN is not a JSON value",
        ),
        ("[1]", "demo.json:1: /: [1] is not of type 'object'"),
        ("[" * 65 + "]" * 65, "demo.json:1: nests values more than 64 levels deep"),
        ("[" * 5000 + "]" * 5000, "demo.json: nests values more than 64 levels deep"),
    ],
    ids=["nan", "array", "deep", "deeper-than-python"],
)
def test_odd_documents_are_reported(
    write_contracts: WriteContracts, text: str, expected: str
) -> None:
    """Documents that are JSON-ish, or not objects, or absurdly deep are reported."""
    os.chdir(write_contracts(demo=text))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [expected]


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        (
            "constructor",
            "standard",
            "'constructor' is a property of every JavaScript object, which no "
            "dispatcher serves as an interface; rename it",
        ),
        (
            "demo",
            "custom",
            "'demo' is the platform's demo handler (api/demo.js) in every cloud "
            "function; name the custom interface otherwise",
        ),
    ],
    ids=["constructor", "demo"],
)
def test_reserved_interface_names(
    write_contracts: WriteContracts, name: str, kind: str, expected: str
) -> None:
    """Names that no cloud function can serve are refused when the contract loads."""
    contract = minimal_contract()
    interface = copy.deepcopy(contract["interfaces"]["send_prize"])
    interface["kind"] = kind
    contract["interfaces"][name] = interface
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [
        f"demo.json:98: /interfaces/{name}: {expected}"
    ]


def test_warnings_do_not_stop_loading(write_contracts: WriteContracts) -> None:
    """Misspelled keywords, unlisted example codes and stray files are warnings."""
    contract = minimal_contract()
    contract["$defs"]["Prize"]["properties"]["name"]["minLenght"] = 1
    contract["interfaces"]["send_prize"]["examples"].append(
        {"input": {"prize": {"name": "杯子"}}, "error": {"code": 77}}
    )
    folder = write_contracts(demo=contract)
    (folder / "contract.schema.json").write_text("{}")
    (folder / ".prettierrc.json").write_text("{")
    os.chdir(folder)

    contract_set = load_contracts(Path("."))

    assert [str(warning) for warning in contract_set.warnings] == [
        "contract.schema.json: warning: is not read: contract files are named "
        "'<module>.json'",
        "demo.json:12: /$defs/Prize/properties/name/minLenght: warning: 'minLenght' "
        "is not a JSON Schema keyword, so nothing checks it; did you mean "
        "'minLength'?",
        "demo.json:104: /interfaces/send_prize/examples/1/error/code: warning: uses "
        "code 77, which the interface's 'errors' do not list",
    ]


def test_default_must_match_its_schema(write_contracts: WriteContracts) -> None:
    """A default that its own schema rejects is an error, wherever it sits."""
    contract = minimal_contract()
    contract["$defs"]["Prize"]["properties"]["name"]["default"] = 5
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue) for issue in caught.value.issues] == [
        "demo.json:12: /$defs/Prize/properties/name/default: does not match its own "
        'schema: 5 is not of type "string"'
    ]


def test_formats_are_annotations(write_contracts: WriteContracts) -> None:
    """As in draft 2020-12, 'format' does not fail an example or a default."""
    contract = minimal_contract()
    contract["$defs"]["Prize"]["properties"]["name"]["format"] = "date-time"
    contract["$defs"]["Prize"]["properties"]["name"]["default"] = "not a date"
    os.chdir(write_contracts(demo=contract))

    contract_set = load_contracts(Path("."))

    assert contract_set.warnings == ()


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "this schema accepts only 'string'"),
        ({"type": ["integer", "null"]}, "this schema accepts only 'integer', 'null'"),
        ({"enum": ["x", None]}, "its 'enum' allows no object"),
        ({"$ref": "#/$defs/Name"}, "this schema accepts only 'string'"),
        (False, "this schema accepts nothing"),
    ],
    ids=["string", "nullable-integer", "enum", "reference", "false"],
)
def test_input_must_accept_an_object(
    write_contracts: WriteContracts, schema: Any, expected: str
) -> None:
    """callMethod sends params as an object; an input that refuses one is an error."""
    contract = minimal_contract()
    contract["$defs"]["Name"] = {"type": "string"}
    contract["interfaces"]["getPrize"]["input"] = schema
    contract["interfaces"]["getPrize"]["examples"] = []
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    [issue] = caught.value.issues
    assert str(issue).split(": ", 2)[1:] == [
        "/interfaces/getPrize/input",
        f"params are always a JSON object, but {expected}",
    ]


def test_names_too_long_for_file_names(write_contracts: WriteContracts) -> None:
    """An interface name that cannot become a file name is refused up front."""
    contract = minimal_contract()
    name = "L" + "x" * 200
    contract["interfaces"][name] = contract["interfaces"].pop("send_prize")
    os.chdir(write_contracts(demo=contract))

    with pytest.raises(InvalidContracts) as caught:
        load_contracts(Path("."))

    assert [str(issue).split(": ", 1)[1] for issue in caught.value.issues] == [
        f"/interfaces/{name}: is 201 characters long; file names made from it "
        "allow at most 128"
    ]
