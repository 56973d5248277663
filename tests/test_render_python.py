"""The typed Python packages: generated, imported and exercised for real."""

from __future__ import annotations

import asyncio
import difflib
import importlib
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from regen_golden import PYTHON_CASES, python_tree, read_golden, regen_command

from contractgen.cli import main
from contractgen.contract import ContractSet, load_contracts
from contractgen.names import ClassName, PythonIdentifier
from contractgen.render.python import render_python

CONTRACTS = Path(__file__).resolve().parent.parent / "contracts"
HOSTILE = 'He said """hi""" */ </script> {{ 7*7 }} C:\\temp\\ \'q\''

Generate = Callable[..., ContractSet]


def contract(
    module: str,
    interfaces: dict[str, Any],
    defs: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "module": module,
        "version": "1.0.0",
        "title": "测试",
        "$defs": defs or {},
        "interfaces": interfaces,
        **extra,
    }


def interface(input_: Any, output: Any, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "standard",
        "description": "Does it.",
        "input": input_,
        "output": output,
        **extra,
    }


def obj(properties: dict[str, Any], *required: str, **extra: Any) -> dict[str, Any]:
    """A closed object schema."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": properties,
        **extra,
    }


def load(folder: Path, *documents: dict[str, Any]) -> ContractSet:
    """Write ``documents`` into ``folder`` as contract files and load them."""
    folder.mkdir()
    for document in documents:
        text = json.dumps(document, ensure_ascii=False)
        (folder / f"{document['module']}.json").write_text(text, "utf-8")

    return load_contracts(folder)


def render_tree(contract_set: ContractSet) -> dict[str, str]:
    tree: dict[str, str] = {}
    for item in contract_set.contracts:
        tree.update(render_python(contract_set, item))

    return tree


def write_tree(tree: dict[str, str], out: Path) -> None:
    for relative, text in tree.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


@contextmanager
def importable(root: Path) -> Iterator[None]:
    """Make the packages under ``root`` importable, and forget them afterwards."""
    packages = {path.name for path in root.iterdir() if path.is_dir()}
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n.split(".")[0] in packages]:
            del sys.modules[name]


@pytest.fixture
def generate(tmp_path: Path) -> Iterator[Generate]:
    """Write inline contracts, render their packages and put them on sys.path."""
    with ExitStack() as stack:

        def run(*documents: dict[str, Any]) -> ContractSet:
            contract_set = load(tmp_path / "contracts", *documents)
            write_tree(render_tree(contract_set), tmp_path / "out")
            stack.enter_context(importable(tmp_path / "out" / "python"))
            return contract_set

        yield run


@pytest.fixture(scope="module")
def real_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages of the repository's contracts, rendered once."""
    out = tmp_path_factory.mktemp("real")
    write_tree(render_tree(load_contracts(CONTRACTS)), out)
    return out / "python"


@pytest.fixture
def real(real_tree: Path) -> Iterator[Path]:
    with importable(real_tree):
        yield real_tree


def _module(name: str) -> Any:
    return importlib.import_module(name)


# Models


def test_shared_definition_is_one_class(generate: Generate, tmp_path: Path) -> None:
    """A definition used by two interfaces is one class, used by both."""
    prize = obj({"name": {"type": "string"}}, "name")
    ref = {"$ref": "#/$defs/Prize"}
    generate(
        contract(
            "shop",
            {
                "give": interface(obj({"prize": ref}, "prize"), ref),
                "show": interface(
                    obj({}), obj({"prizes": {"type": "array", "items": ref}})
                ),
            },
            {"Prize": prize},
        )
    )
    models = _module("shop.models")
    text = (tmp_path / "out/python/shop/models.py").read_text("utf-8")

    assert text.count("class Prize(") == 1
    assert "Prize1" not in text
    assert models.GiveInput.model_fields["prize"].annotation is models.Prize
    assert models.GiveOutput is models.Prize
    assert (
        models.ShowOutput.model_fields["prizes"].annotation == list[models.Prize] | None
    )


def test_reference_into_another_contract_imports_its_class(
    generate: Generate, tmp_path: Path
) -> None:
    """A definition of another contract is imported from its package, not copied."""
    generate(
        contract(
            "prize",
            {"get": interface(obj({}), {"$ref": "#/$defs/Prize"})},
            {"Prize": obj({"id": {"type": "string"}}, "id")},
        ),
        contract(
            "sign-up",
            {
                "send": interface(
                    obj({"prize": {"$ref": "prize.json#/$defs/Prize"}}, "prize"),
                    obj({}),
                )
            },
        ),
    )
    text = (tmp_path / "out/python/sign_up/models.py").read_text("utf-8")

    assert "from prize.models import Prize\n" in text
    assert "class Prize(" not in text
    assert _module("sign_up.models").Prize is _module("prize.models").Prize
    assert (
        _module("sign_up").SendInput.model_fields["prize"].annotation
        is _module("prize").Prize
    )


def test_foreign_name_taken_here_is_spelled_with_its_package(
    generate: Generate, tmp_path: Path
) -> None:
    """When the module has its own class of the same name, the foreign one is
    spelled ``prize.models.Prize`` and both stay distinct."""
    generate(
        contract(
            "prize",
            {"get": interface(obj({}), {"$ref": "#/$defs/Prize"})},
            {"Prize": obj({"id": {"type": "string"}}, "id")},
        ),
        contract(
            "shop",
            {
                "buy": interface(
                    obj(
                        {
                            "theirs": {"$ref": "prize.json#/$defs/Prize"},
                            "ours": {"$ref": "#/$defs/Prize"},
                        },
                        "theirs",
                    ),
                    {"$ref": "prize.json#/$defs/Prize"},
                )
            },
            {"Prize": obj({"label": {"type": "string"}})},
        ),
    )
    shop = _module("shop.models")
    prize = _module("prize.models")
    text = (tmp_path / "out/python/shop/models.py").read_text("utf-8")

    assert "import prize\n" in text
    assert "    theirs: prize.models.Prize\n" in text
    assert shop.Prize is not prize.Prize
    assert shop.BuyInput.model_fields["theirs"].annotation is prize.Prize
    assert shop.BuyInput.model_fields["ours"].annotation == shop.Prize | None
    assert shop.BuyOutput is prize.Prize


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("class", "class_"),
        ("from", "from_"),
        ("2fa", "field_2fa"),
        ("a-b", "a_b"),
        ("积分", "积分"),
        ("ﬁeld", "field_"),
        ("field", "field"),
        ("model_dump", "field_model_dump"),
        ("openId", "open_id"),
    ],
    ids=[
        "keyword-class",
        "keyword-from",
        "digit",
        "dash",
        "chinese",
        "nfkc",
        "plain",
        "pydantic",
        "camel",
    ],
)
def test_property_names_become_attributes_with_aliases(
    generate: Generate, name: str, attribute: str
) -> None:
    """Awkward JSON names get valid attributes; by alias they round-trip."""
    names = [
        "class",
        "from",
        "2fa",
        "a-b",
        "积分",
        "ﬁeld",
        "field",
        "model_dump",
        "openId",
    ]
    properties = {n: {"type": "string"} for n in names}
    generate(contract("shop", {"put": interface(obj(properties), obj({}))}))
    model = _module("shop").PutInput
    data = {n: f"value of {n}" for n in names}

    assert model.model_fields[attribute].alias in (name, None)
    by_alias = model.model_validate(data)
    assert getattr(by_alias, attribute) == f"value of {name}"
    assert by_alias.model_dump(by_alias=True) == data
    by_name = model(**{attribute: "x"})
    assert by_name.model_dump(by_alias=True, exclude_unset=True) == {name: "x"}


def _example_cases() -> list[Any]:
    cases = []
    for path in sorted(CONTRACTS.glob("*.json")):
        document = json.loads(path.read_text("utf-8"))
        for name, definition in document["interfaces"].items():
            for index, example in enumerate(definition.get("examples", [])):
                for direction in ("input", "output"):
                    if direction in example:
                        case_id = f"{path.stem}/{name}/{index}/{direction}"
                        value = example[direction]
                        cases.append(
                            pytest.param(path.stem, name, direction, value, id=case_id)
                        )

    return cases


@pytest.mark.parametrize(("module", "name", "direction", "value"), _example_cases())
def test_real_examples_round_trip_through_the_models(
    real: Path, module: str, name: str, direction: str, value: Any
) -> None:
    """Each example of the real contracts loads into its model and dumps back
    by alias as it was."""
    package = _module(PythonIdentifier(module))
    model = getattr(package, f"{ClassName(name)}{direction.capitalize()}")
    dumped = model.model_validate(value).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )

    assert dumped == value


def test_interface_schemas_that_are_not_objects_become_root_models(
    generate: Generate,
) -> None:
    """An array, string or alias output is a RootModel class a client can return."""
    generate(
        contract(
            "shop",
            {
                "tags": interface(obj({}), {"$ref": "#/$defs/Tags"}),
                "name": interface(obj({}), {"type": "string", "const": "x"}),
                "many": interface(
                    obj({}), {"type": "array", "items": {"$ref": "#/$defs/Item"}}
                ),
            },
            {
                "Tags": {"type": "array", "items": {"type": "string"}},
                "Item": obj({"n": {"type": "integer"}}, "n"),
            },
        )
    )
    models = _module("shop.models")

    assert models.TagsOutput.model_validate(["a"]).root == ["a"]
    assert models.NameOutput.model_validate("x").root == "x"
    assert models.ManyOutput.model_validate([{"n": 1}]).root == [models.Item(n=1)]


def test_definition_named_like_a_generated_name_takes_a_suffix(
    generate: Generate,
) -> None:
    """A definition named ``Field`` or after the client becomes ``<Name>Model``."""
    defs = {
        "Field": {"type": "string", "minLength": 2},
        "ShopClient": obj({"x": {"type": "integer"}}),
    }
    properties = {"f": {"$ref": "#/$defs/Field"}, "c": {"$ref": "#/$defs/ShopClient"}}
    generate(contract("shop", {"put": interface(obj(properties), obj({}))}, defs))
    shop = _module("shop")

    assert shop.FieldModel.__value__ is not None
    assert shop.ShopClientModel.model_fields["x"].annotation == int | None
    assert shop.ShopClient.__mro__[1].__name__ == "BaseClient"
    assert shop.PutInput.model_validate({"f": "ab", "c": {"x": 1}}).c.x == 1


def _build_errors(runner: CliRunner, folder: Path, *documents: Any) -> list[str]:
    """Run ``contractgen build`` on ``documents`` in ``folder``; its stderr lines."""
    load(folder / "contracts", *documents)
    os.chdir(folder)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2, result.output
    assert not (folder / "generated").exists()
    return result.stderr.splitlines()


def test_reference_to_the_whole_contract_is_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A reference to a place that is no schema has no Python type; the CLI
    names the file and the reference's pointer."""
    document = contract("bad", {"go": interface(obj({"x": {"$ref": "#"}}), obj({}))})

    assert _build_errors(runner, tmp_path, document) == [
        "contracts/bad.json: /interfaces/go/input/properties/x/$ref: '#' does not"
        " point into '$defs' or an interface's 'input' or 'output', so it has no"
        " Python type",
        "error: 1 problem in the contracts; nothing was written",
    ]


def test_contracts_that_import_each_other_are_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Two packages cannot import each other's classes, so the loop is an error
    at the reference that starts it."""
    documents = [
        contract(
            name,
            {
                "go": interface(
                    obj({"x": {"$ref": f"{other}.json#/$defs/Thing"}}), obj({})
                )
            },
            {"Thing": obj({})},
        )
        for name, other in (("a", "b"), ("b", "a"))
    ]

    assert _build_errors(runner, tmp_path, *documents) == [
        "contracts/a.json: /interfaces/go/input/properties/x/$ref: the Python"
        " package would import itself (a.json -> b.json -> a.json); move the"
        " definitions these contracts share into a contract of their own",
        "error: 1 problem in the contracts; nothing was written",
    ]


@pytest.mark.parametrize(
    "module",
    ["typing", "pydantic", "rpds", "attrs", "typing-inspection", "contractgen"],
    ids=["stdlib", "direct", "rpds", "attrs", "typing-inspection", "contractgen"],
)
def test_package_that_would_hide_a_needed_module_is_refused(
    tmp_path: Path, runner: CliRunner, module: str
) -> None:
    """A module named like anything the packages import, directly or through
    their dependencies, cannot be a package."""
    package = module.replace("-", "_")
    document = contract(module, {"go": interface(obj({}), obj({}))})

    assert _build_errors(runner, tmp_path, document) == [
        f"contracts/{module}.json: /module: the Python package {package!r} would"
        f" hide the module {package!r} that generated code needs; rename the"
        " module",
        "error: 1 problem in the contracts; nothing was written",
    ]


def test_module_renders_again_when_a_contract_it_refers_to_changes(
    tmp_path: Path,
) -> None:
    """Rendering depends on the contracts a module refers to, not only its own."""
    sign_up = contract(
        "sign-up", {"get": interface(obj({}), {"$ref": "prize.json#/$defs/Prize"})}
    )
    outputs = []
    for prize_schema in (obj({"id": {"type": "string"}}), {"type": "string"}):
        prize = contract(
            "prize", {"go": interface(obj({}), obj({}))}, {"Prize": prize_schema}
        )
        contract_set = load(tmp_path / f"contracts-{len(outputs)}", prize, sign_up)
        files = render_python(contract_set, contract_set.get("sign-up"))
        outputs.append(files["python/sign_up/models.py"])

    assert "\nGetOutput = Prize\n" in outputs[0]
    assert "\nclass GetOutput(RootModel[Prize]):\n" in outputs[1]


# Clients


SHOP = contract(
    "shop",
    {
        "buy": interface(
            obj(
                {
                    "item": {"type": "string", "not": {"const": "forbidden"}},
                    "count": {"type": "integer", "minimum": 1},
                },
                "item",
            ),
            obj(
                {
                    "ok": {"type": "boolean"},
                    "note": {"type": "string", "not": {"const": "secret"}},
                },
                "ok",
            ),
            errors=[{"code": 4001, "name": "SOLD_OUT", "description": "售罄"}],
        ),
    },
    description="A shop.",
)


def _shop_client(generate: Generate, reply: Any) -> Any:
    generate(SHOP)
    shop = _module("shop")
    received = []

    def buy(params: Any, context: Any) -> Any:
        received.append(params)
        return reply

    client = shop.ShopClient(shop.LocalTransport({"buy": buy}))
    client.received = received
    return client


def test_client_returns_the_output_model(generate: Generate) -> None:
    """Called with keywords or a model, a method sends params by alias and
    returns the output model."""
    client = _shop_client(generate, {"code": 0, "msg": "ok", "result": {"ok": True}})
    shop = _module("shop")

    assert client.buy(item="cup", count=2) == shop.BuyOutput(ok=True)
    assert client.buy(shop.BuyInput(item="cup")) == shop.BuyOutput(ok=True)
    assert client.received == [{"item": "cup", "count": 2}, {"item": "cup"}]


def test_async_client_returns_the_output_model(generate: Generate) -> None:
    """The async client awaits the same call."""
    generate(SHOP)
    shop = _module("shop")

    async def buy(params: Any, context: Any) -> Any:
        return {"code": 0, "msg": "ok", "result": {"ok": params["count"] == 3}}

    client = shop.AsyncShopClient(shop.AsyncLocalTransport({"buy": buy}))

    assert asyncio.run(client.buy(item="cup", count=3)) == shop.BuyOutput(ok=True)


def test_error_code_raises_interface_error(generate: Generate) -> None:
    """A business code in the reply raises InterfaceError with code, msg and names."""
    client = _shop_client(generate, {"code": 4001, "msg": "卖完了"})
    shop = _module("shop")

    with pytest.raises(shop.InterfaceError) as raised:
        client.buy(item="cup")

    error = raised.value
    assert (error.module, error.interface, error.code, error.msg) == (
        "shop",
        "buy",
        4001,
        "卖完了",
    )
    assert str(error) == "shop.buy failed with code 4001: 卖完了"


def test_malformed_reply_raises(generate: Generate) -> None:
    """A reply that is no envelope raises MalformedReply."""
    client = _shop_client(generate, {"result": {"ok": True}})
    shop = _module("shop")

    with pytest.raises(shop.MalformedReply) as raised:
        client.buy(item="cup")

    assert str(raised.value) == (
        "shop.buy sent a malformed reply:"
        " the envelope has no 'code' (its keys: 'result')"
    )


def test_result_breaking_the_output_schema_raises(generate: Generate) -> None:
    """A result of the wrong type raises ResultViolation naming the place."""
    client = _shop_client(generate, {"code": 0, "msg": "ok", "result": {"ok": "yes"}})
    shop = _module("shop")

    with pytest.raises(shop.ResultViolation) as raised:
        client.buy(item="cup")

    assert [str(v) for v in raised.value.violations] == [
        "/ok: 'yes' is not of type 'boolean'"
        " (schema shop.json#/interfaces/buy/output/properties/ok/type)"
    ]


def test_schema_rejects_what_the_models_accept(generate: Generate) -> None:
    """``not``/``const`` that pydantic lets through still fail: params before
    sending, results after."""
    client = _shop_client(
        generate, {"code": 0, "msg": "ok", "result": {"ok": True, "note": "secret"}}
    )
    shop = _module("shop")

    assert shop.BuyInput(item="forbidden").item == "forbidden"
    assert shop.BuyOutput(ok=True, note="secret").note == "secret"
    with pytest.raises(shop.ParamsViolation):
        client.buy(item="forbidden")

    assert client.received == []
    with pytest.raises(shop.ResultViolation) as raised:
        client.buy(item="cup")

    assert [v.instance_pointer for v in raised.value.violations] == ["/note"]


def test_interface_named_like_a_client_attribute_gets_an_underscore(
    generate: Generate,
) -> None:
    """Methods never hide the client's module, schemas or transport."""
    names = ("module", "schemas", "transport")
    generate(contract("shop", {name: interface(obj({}), obj({})) for name in names}))
    shop = _module("shop")
    called = []

    def handler(name: str) -> Any:
        def handle(params: Any, context: Any) -> Any:
            called.append(name)
            return {"code": 0, "msg": "ok", "result": {}}

        return handle

    client = shop.ShopClient(shop.LocalTransport({n: handler(n) for n in names}))
    client.module_()
    client.schemas_()
    client.transport_()

    assert called == ["module", "schemas", "transport"]
    assert client.module == "shop"


def test_open_input_takes_any_keyword(generate: Generate) -> None:
    """An input object open to any property takes any keyword and sends it."""
    generate(contract("shop", {"note": interface({"type": "object"}, obj({}))}))
    shop = _module("shop")
    received = []

    def note(params: Any, context: Any) -> Any:
        received.append(params)
        return {"code": 0, "msg": "ok", "result": {}}

    client = shop.ShopClient(shop.LocalTransport({"note": note}))

    assert client.note(color="red", size=2) == shop.NoteOutput()
    assert received == [{"color": "red", "size": 2}]


def _one_client(names: tuple[str, ...], *replies: Any) -> tuple[Any, list[Any]]:
    """A client of the package ``one`` whose interfaces ``names`` record their
    params and return the next of ``replies`` as their result."""
    one = _module("one")
    received: list[Any] = []
    results = iter(replies)

    def handle(params: Any, context: Any) -> Any:
        received.append(params)
        return {"code": 0, "msg": "ok", "result": next(results)}

    return one.OneClient(one.LocalTransport(dict.fromkeys(names, handle))), received


PATTERNED = {
    "type": "object",
    "properties": {"id": {"type": "string"}},
    "patternProperties": {"^x-": {"type": "integer"}},
}


@pytest.mark.parametrize(
    "closer",
    [{"additionalProperties": False}, {"unevaluatedProperties": False}],
    ids=["additional", "unevaluated"],
)
def test_keys_allowed_by_pattern_reach_the_models(
    generate: Generate, closer: dict[str, Any]
) -> None:
    """An object with ``patternProperties`` keeps the keys its patterns allow,
    in params and in results; the schema still refuses what breaks a pattern."""
    pat = {**PATTERNED, **closer}
    ref = {"$ref": "#/$defs/Pat"}
    generate(contract("one", {"go": interface(obj({"v": ref}), ref)}, {"Pat": pat}))
    one = _module("one")
    client, received = _one_client(("go",), {"id": "r", "x-b": 2}, {"x-a": "s"})

    result = client.go(v={"id": "i", "x-a": 1})

    assert received == [{"v": {"id": "i", "x-a": 1}}]
    assert type(result) is one.Pat
    assert result.model_dump(mode="json", exclude_unset=True) == {"id": "r", "x-b": 2}
    with pytest.raises(one.ParamsViolation) as params:
        client.go(v={"x-a": "s"})

    with pytest.raises(one.ResultViolation) as result_error:
        client.go(v={})

    assert [str(v) for v in params.value.violations] == [
        "/v/x-a: 's' is not of type 'integer' (schema"
        " one.json#/$defs/Pat/patternProperties/^x-/type)"
    ]
    assert [str(v) for v in result_error.value.violations] == [
        "/x-a: 's' is not of type 'integer' (schema"
        " one.json#/$defs/Pat/patternProperties/^x-/type)"
    ]
    assert received == [{"v": {"id": "i", "x-a": 1}}, {"v": {}}]


# Objects without ``properties`` that are still open model classes: each with a
# value its schema takes, one it refuses, and why.
PROPERTYLESS = {
    "pattern": (
        {"type": "object", "patternProperties": {"^x-": {"type": "integer"}}},
        {"x-a": 1, "other": "s"},
        {"x-a": "s"},
        "/x-a: 's' is not of type 'integer' (schema"
        " one.json#/interfaces/bare/input/patternProperties/^x-/type)",
    ),
    "names": (
        {"type": "object", "propertyNames": {"pattern": "^a"}},
        {"ab": 1, "a": [2]},
        {"b": 1},
        "(root): 'b' does not match '^a'"
        " (schema one.json#/interfaces/bare/input/propertyNames/pattern)",
    ),
    "count": (
        {"type": "object", "maxProperties": 2},
        {"a": 1, "b": 2},
        {"a": 1, "b": 2, "c": 3},
        "(root): {'a': 1, 'b': 2, 'c': 3} has too many properties"
        " (schema one.json#/interfaces/bare/input/maxProperties)",
    ),
}
PROPERTYLESS_USAGE = """\
from typing import Any, assert_type

from one import BareOutput, KeepOutput, LocalTransport, OneClient, X

client = OneClient(LocalTransport({}))
assert_type(client.bare(**{"x-a": 1}), BareOutput)
assert_type(client.keep(x=X.model_validate({"a": 1})), KeepOutput)
assert_type(client.keep().model_extra, dict[str, Any] | None)
"""


@pytest.mark.parametrize("case", sorted(PROPERTYLESS))
def test_objects_without_properties_become_open_models(
    tmp_path: Path, runner: CliRunner, case: str
) -> None:
    """An object with only ``patternProperties``, ``propertyNames`` or
    ``maxProperties`` is an open model class, as a definition and as an
    interface's whole input or output; its schema judges the keys."""
    schema, value, refused, message = PROPERTYLESS[case]
    ref = {"$ref": "#/$defs/X"}
    interfaces = {
        "keep": interface(obj({"x": ref}), ref),
        "bare": interface(schema, schema),
    }
    load(tmp_path / "contracts", contract("one", interfaces, {"X": schema}))
    os.chdir(tmp_path)

    built = runner.invoke(main, ["build"])

    assert built.exit_code == 0, built.output
    root = tmp_path / "generated" / "python"
    (tmp_path / "usage.py").write_text(PROPERTYLESS_USAGE, "utf-8")
    mypy = _mypy_strict(root, "one", str(tmp_path / "usage.py"))
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    with importable(root):
        one = _module("one")
        client, received = _one_client(("keep", "bare"), value, value)
        kept = client.keep(x=one.X.model_validate(value))
        bare = client.bare(**value)
        with pytest.raises(one.ParamsViolation) as raised:
            client.bare(**refused)

    assert received == [{"x": value}, value]
    assert (type(kept), type(bare)) == (one.X, one.BareOutput)
    assert kept.model_dump() == bare.model_dump() == value
    assert [str(v) for v in raised.value.violations] == [message]


def test_hostile_descriptions_stay_literal_in_docstrings(generate: Generate) -> None:
    """Descriptions reach docstrings and field descriptions exactly as written,
    however hostile or however many lines."""
    multiline = f"First line.\n\n    {HOSTILE}\nlast \\ line\n"
    controls = 'nul \x00, cr \r, crlf \r\n, separator \u2028, bell \x07 and "end"'
    generate(
        contract(
            "shop",
            {
                "one": interface(obj({}), obj({}), description=HOSTILE),
                "two": interface(obj({}), obj({}), description=multiline),
                "three": interface(obj({}), obj({}), description=controls),
                "four": interface(obj({}), obj({}), description=""),
            },
            {
                "Thing": {
                    "type": "object",
                    "description": HOSTILE,
                    "properties": {"x": {"type": "string", "description": HOSTILE}},
                }
            },
            title=HOSTILE,
            description=multiline,
        )
    )
    shop = _module("shop")

    assert shop.ShopClient.one.__doc__ == HOSTILE
    assert shop.AsyncShopClient.one.__doc__ == HOSTILE
    assert shop.ShopClient.two.__doc__ == multiline
    assert shop.ShopClient.three.__doc__ == controls
    assert shop.ShopClient.four.__doc__ is None
    assert shop.ShopClient.__doc__.endswith(f"({HOSTILE}).\n\n{multiline}")
    assert HOSTILE in _module("shop.client").__doc__
    assert HOSTILE in shop.__doc__
    assert shop.Thing.model_fields["x"].description == HOSTILE
    assert inspect.getdoc(shop.Thing) == HOSTILE


# Whole packages


# Per case, code that uses the packages the way a caller would.  A call that
# must not type-check carries an ignore, which strict mypy reports when unused.
USAGE = {
    "contracts": """\
from typing import assert_type

from prize import GetPrizeOutput, PrizeClient
from sign_up import AsyncLocalTransport, AsyncSignUpClient, LocalTransport
from sign_up import DoRemindOutput, SetRemindOutput, SignUpClient

client = SignUpClient(LocalTransport({}))
reply = client.do_remind(open_id="oAbc123", temid="t", page="p")
assert_type(reply, DoRemindOutput)
client.do_remind(open_id=1, temid="t", page="p")  # type: ignore[call-overload]
client.do_remind(temid="t", page="p")  # type: ignore[call-overload]
prize = PrizeClient(LocalTransport({})).get_prize(prize_id="p")
assert_type(prize, GetPrizeOutput)


async def use() -> None:
    remote = AsyncSignUpClient(AsyncLocalTransport({}))
    result = await remote.set_remind(open_id="oAbc123", enabled=True)
    assert_type(result, SetRemindOutput)
""",
    "edge": """\
from typing import assert_type

import prize
from shop import BuyOutput, CheckOutput, LocalTransport, ShopClient

client = ShopClient(LocalTransport({}))
theirs = prize.Prize(id="p", stock=prize.PrizeStock(remaining=1))
bought = client.buy(class_="c", prize=theirs)
assert_type(bought, BuyOutput)
assert_type(bought, prize.Prize)
assert_type(client.check(word="w", anything=1), CheckOutput)
client.note(anything=1)
client.upgrade(a="inherited", b=1)
client.upgrade(b=1)  # type: ignore[call-overload]
client.buy(prize=bought)  # type: ignore[call-overload]
""",
}


def _mypy_strict(root: Path, *checked: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on ``checked``, with the packages under ``root``
    importable."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull, *checked],
        cwd=root,
        env={**os.environ, "MYPYPATH": str(root)},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("case", sorted(PYTHON_CASES))
def test_generated_packages_pass_mypy_strict_and_ruff(
    case: str, tmp_path: Path
) -> None:
    """The packages type-check strictly, keyword arguments included, and pass
    ruff's default rules."""
    root = tmp_path / "python"
    write_tree(render_tree(load_contracts(PYTHON_CASES[case])), tmp_path)
    (tmp_path / "usage.py").write_text(USAGE[case], "utf-8")
    packages = sorted(path.name for path in root.iterdir() if path.is_dir())
    checked = [*packages, str(tmp_path / "usage.py")]
    mypy = _mypy_strict(root, *checked)
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", *packages],
        cwd=root,
        capture_output=True,
        text=True,
    )

    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_render_does_not_depend_on_hash_seed() -> None:
    """Two runs under different PYTHONHASHSEED values render the same bytes."""
    script = (
        "import json, sys; from pathlib import Path; "
        "from regen_golden import python_tree; "
        "sys.stdout.write(json.dumps(python_tree(), sort_keys=True))"
    )
    outputs = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=Path(__file__).parent,
            env=environment,
            capture_output=True,
            check=True,
        )
        outputs.append(done.stdout)

    assert outputs[0] == outputs[1]


def test_packages_match_golden_files() -> None:
    """The packages of every case are exactly the golden files."""
    tree = python_tree()
    golden = read_golden("python")
    differ = sorted(
        p for p in tree.keys() | golden.keys() if tree.get(p) != golden.get(p)
    )
    diff = ""
    if differ:
        lines = difflib.unified_diff(
            golden.get(differ[0], "").splitlines(),
            tree.get(differ[0], "").splitlines(),
            f"golden/{differ[0]}",
            f"rendered/{differ[0]}",
            lineterm="",
        )
        diff = "\n".join(list(lines)[:40])

    assert differ == [], (
        f"Python packages differ from golden files ({', '.join(differ)});"
        f" run {regen_command('python')}\n{diff}"
    )
    assert sorted(PYTHON_CASES) == sorted({path.split("/")[0] for path in golden})


# Formats, defaults, names and warnings

FORMATS = {
    "mail": {"type": "string", "format": "email"},
    "idn": {"type": "string", "format": "idn-email"},
    "site": {"type": "string", "format": "uri"},
    "key": {"type": "string", "format": "uuid"},
    "at": {"type": "string", "format": "date-time"},
    "day": {"type": "string", "format": "date"},
    "ip": {"type": "string", "format": "ipv4"},
    "took": {"type": "string", "format": "duration"},
    "blob": {"type": "string", "format": "binary"},
    "big": {"type": "integer"},
}
FORMAT_EXAMPLE = {
    "mail": "a@example.com",
    "idn": "用户@例子.中国",
    "site": "https://example.com",
    "key": "0F6C2A1E-0000-4000-8000-00000000000A",
    "at": "2024-01-01T00:00:00.000Z",
    "day": "2024-01-01",
    "ip": "127.0.0.1",
    "took": "P1D",
    "blob": "AAEC",
    "big": 5,
}


def _formats_client(generate: Generate) -> tuple[Any, list[Any]]:
    """A client of a module whose input and output carry ``FORMATS``."""
    schema = obj(FORMATS)
    example = {"title": "all", "input": FORMAT_EXAMPLE, "output": FORMAT_EXAMPLE}
    generate(contract("fmt", {"ping": interface(schema, schema, examples=[example])}))
    fmt = _module("fmt")
    received: list[Any] = []

    def ping(params: Any, context: Any) -> Any:
        received.append(params)
        return {"code": 0, "msg": "ok", "result": params}

    return fmt.FmtClient(fmt.LocalTransport({"ping": ping})), received


def test_formats_leave_fields_plain_strings(generate: Generate) -> None:
    """``format`` changes no field type: the package imports without extra
    packages, and the example goes out and comes back unchanged."""
    client, received = _formats_client(generate)
    fmt = _module("fmt")

    result = client.ping(**FORMAT_EXAMPLE)

    assert received == [FORMAT_EXAMPLE]
    assert result.model_dump(mode="json", by_alias=True, exclude_unset=True) == (
        FORMAT_EXAMPLE
    )
    assert {name: info.annotation for name, info in fmt.PingInput.model_fields.items()}[
        "site"
    ] == (str | None)


def test_schema_valid_format_values_pass(generate: Generate) -> None:
    """Values that fail a format but pass the schema (which does not assert
    formats) are sent, not refused by the model."""
    client, received = _formats_client(generate)
    odd = {"at": "not a date", "key": "zz", "site": "::::", "mail": "nobody"}

    client.ping(**odd)

    assert received == [odd]


@pytest.mark.parametrize(
    ("value", "message"),
    [("5", "'5' is not of type 'integer'"), (True, "True is not of type 'integer'")],
    ids=["string", "bool"],
)
def test_keywords_are_judged_before_any_coercion(
    generate: Generate, value: Any, message: str
) -> None:
    """A keyword the schema rejects raises ParamsViolation even when pydantic
    would coerce it, and nothing is sent."""
    client, received = _formats_client(generate)
    fmt = _module("fmt")

    with pytest.raises(fmt.ParamsViolation) as raised:
        client.ping(big=value)

    assert [str(v) for v in raised.value.violations] == [
        f"/big: {message} (schema fmt.json#/interfaces/ping/input/properties/big/type)"
    ]
    assert received == []


def test_adding_an_interface_renames_no_inline_class(tmp_path: Path) -> None:
    """Inline objects are named after the model that holds them, so an
    interface added above another leaves the other's classes as they were."""
    item = obj({"x": {"type": "string"}})
    zeta = interface(obj({}), obj({"item": item}))
    classes = []
    for interfaces in ({"zeta": zeta}, {"alpha": zeta, "zeta": zeta}):
        contract_set = load(tmp_path / f"c{len(classes)}", contract("m", interfaces))
        models = render_python(contract_set, contract_set.get("m"))[
            "python/m/models.py"
        ]
        classes.append(
            [line for line in models.splitlines() if line.startswith("class ")]
        )

    assert classes == [
        [
            "class ZetaInput(BaseModel):",
            "class ZetaOutputItem(BaseModel):",
            "class ZetaOutput(BaseModel):",
        ],
        [
            "class AlphaInput(BaseModel):",
            "class AlphaOutputItem(BaseModel):",
            "class AlphaOutput(BaseModel):",
            "class ZetaInput(BaseModel):",
            "class ZetaOutputItem(BaseModel):",
            "class ZetaOutput(BaseModel):",
        ],
    ]


def test_generator_warnings_do_not_leak(tmp_path: Path) -> None:
    """datamodel-code-generator's warnings (here about an empty enum) never
    reach the user with the library's file paths."""
    document = contract("w", {"go": interface(obj({"e": {"enum": []}}), obj({}))})
    load(tmp_path / "contracts", document)
    code = (
        "import warnings, sys\n"
        "from contractgen.contract import load_contracts\n"
        "from contractgen.render.python import render_python\n"
        "s = load_contracts(__import__('pathlib').Path('contracts'))\n"
        "render_python(s, s.get('w'))\n"
    )

    result = subprocess.run(
        [sys.executable, "-W", "always", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stderr == ""
