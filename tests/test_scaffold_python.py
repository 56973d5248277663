"""The Python scaffold run by a real interpreter: index.py, handlers and models.

Each group of calls runs in one subprocess whose working directory is the
scaffold, as the platform imports ``index`` from the function's folder.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import test_runtime_dispatch as shared

from contractgen.contract import ContractSet, load_contracts
from contractgen.scaffold import apply, render_scaffold, vendor

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = shared.CASES
# Calls main_handler for each event read on stdin, after importing index.py
# the way the platform does; the replies travel through a file because
# handlers may print.  contractgen is not on any package index, so a cloud
# function cannot install it: any import of it fails here as it would there.
CALLER = """
import json, sys

class NoContractgen:
    def find_spec(self, name, path=None, target=None):
        if name == "contractgen" or name.startswith("contractgen."):
            raise ImportError(f"{name} is not installed in a cloud function")
        return None

sys.meta_path.insert(0, NoContractgen())
import index
calls = json.load(sys.stdin)
replies = [index.main_handler(call["event"], call["context"]) for call in calls]
with open(sys.argv[1], "w", encoding="utf-8") as stream:
    json.dump(replies, stream)
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "CONTRACTGEN_ENV"}


def call(folder: Path, calls: list[dict[str, Any]]) -> list[Any]:
    """The replies of ``index.main_handler`` in ``folder`` to ``calls``."""
    out = folder / ".replies.json"
    result = subprocess.run(
        [sys.executable, "-c", CALLER, str(out)],
        cwd=folder,
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(out.read_text(encoding="utf-8")))


def _fixture_contracts(folder: Path) -> ContractSet:
    """The dispatcher table's contract, valid for the loader (no callers on custom)."""
    contract = copy.deepcopy(shared.CONTRACT)
    for interface in contract["interfaces"].values():
        if interface["kind"] == "custom":
            del interface["callers"]

    folder.mkdir()
    (folder / "fixture.json").write_text(json.dumps(contract), encoding="utf-8")
    return load_contracts(folder)


@pytest.fixture(scope="module")
def table_run(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Every shared case run through a fixture scaffold's index.py, in one process."""
    base = tmp_path_factory.mktemp("table")
    contract_set = _fixture_contracts(base / "contracts")
    dest = base / "function"
    apply(render_scaffold(contract_set, contract_set.get("fixture"), "python"), dest)
    for name, source in shared.HANDLERS.items():
        (dest / "api" / f"{name}.py").write_text(source, encoding="utf-8")

    (dest / "api" / "missingFile.py").unlink()
    return call(dest, [{"event": case["event"], "context": {}} for case in CASES])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["id"] for c in CASES])
def test_case_table_through_index(table_run: list[Any], index: int) -> None:
    """The generated index.py serves the shared cases as the runtime dispatcher does."""
    case = CASES[index]
    reply = table_run[index]

    assert reply["code"] == case["expect_code"], reply
    assert case["expect_msg_contains"] in reply["msg"]
    if "expect_result" in case:
        assert reply["result"] == case["expect_result"]


@pytest.fixture(scope="module")
def real_contracts() -> ContractSet:
    return load_contracts(ROOT / "contracts")


def test_new_handlers_reply_with_their_example(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """A freshly scaffolded api/<name>.py, through its models, replies with its first
    success example, which passes the output schema."""
    replies, expected = [], []
    for contract in real_contracts.contracts:
        dest = tmp_path / contract.module
        apply(render_scaffold(real_contracts, contract, "python"), dest)
        calls = []
        for interface in contract.custom_interfaces:
            success = next(e for e in interface.examples if e.error is None)
            event = {"methodName": interface.name, "params": success.input}
            calls.append({"event": event, "context": {}})
            expected.append({"code": 0, "msg": "ok", "result": success.output})

        replies += call(dest, calls)

    assert replies == expected


def test_edited_async_handler_uses_the_models(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """An async handler reads typed params from the models of its own and of a
    referenced contract (sign-up's prize comes from prize.json)."""
    dest = tmp_path / "sign-up"
    apply(
        render_scaffold(real_contracts, real_contracts.get("sign-up"), "python"), dest
    )
    (dest / "api" / "send_prize.py").write_text(
        "import asyncio\n"
        "from prize.models import Prize\n"
        "from sign_up.models import SendPrizeInput, SendPrizeOutput\n\n\n"
        "async def handler(data, context):\n"
        "    params = SendPrizeInput.model_validate(data)\n"
        "    await asyncio.sleep(0)\n"
        "    assert isinstance(params.prize, Prize)\n"
        "    result = SendPrizeOutput(send_result=params.prize.stock.remaining > 0)\n"
        "    reply = result.model_dump(by_alias=True)\n"
        "    return {'code': 0, 'msg': params.open_id, 'result': reply}\n",
        encoding="utf-8",
    )
    params = real_contracts.get("sign-up").interface("send_prize").examples[0].input

    replies = call(
        dest, [{"event": {"methodName": "send_prize", "params": params}, "context": {}}]
    )

    assert replies == [
        {"code": 0, "msg": "oAbc123_xyz", "result": {"sendResult": True}}
    ]


@pytest.mark.parametrize("module", ["points-center", "prize", "sign-up"])
def test_scaffold_passes_ruff_and_mypy(
    real_contracts: ContractSet, tmp_path: Path, module: str
) -> None:
    """index.py and the handlers pass ruff check, and they and what they import
    (the copied dispatcher, the models of contractgen's Python renderer) pass
    mypy --strict."""
    dest = tmp_path / module
    apply(render_scaffold(real_contracts, real_contracts.get(module), "python"), dest)

    ruff = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "index.py",
            "api",
        ],
        cwd=dest,
        capture_output=True,
        text=True,
        check=False,
    )
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--explicit-package-bases",
            "index.py",
            "api",
        ],
        cwd=dest,
        capture_output=True,
        text=True,
        env={**_env(), "MYPYPATH": "_contractgen"},
        check=False,
    )

    assert (ruff.returncode, ruff.stdout) == (0, "All checks passed!\n")
    assert mypy.returncode == 0, mypy.stdout


def test_requirements_name_what_the_copied_runtime_imports(
    real_contracts: ContractSet,
) -> None:
    """requirements.txt asks for the dispatcher's and the models' packages, with
    the lower bounds contractgen itself declares, and never for contractgen."""
    scaffold = render_scaffold(real_contracts, real_contracts.get("prize"), "python")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    assert scaffold.as_dict()["requirements.txt"] == (
        "# The dispatcher in _contractgen/_runtime/ validates with jsonschema and\n"
        "# referencing; the models in _contractgen/ are pydantic models.\n"
        "jsonschema>=4.23\n"
        "pydantic>=2.9\n"
        "referencing>=0.35\n"
    )
    assert set(vendor.REQUIREMENTS) <= set(declared["project"]["dependencies"])


def test_runtime_copy_is_the_package_source(real_contracts: ContractSet) -> None:
    """_contractgen/_runtime/ holds the dispatcher's modules as the installed
    package has them, importing one another relatively; the client is left out."""
    files = render_scaffold(
        real_contracts, real_contracts.get("prize"), "python"
    ).as_dict()
    source = ROOT / "codegen" / "contractgen" / "runtime"

    copied = sorted(p for p in files if p.startswith("_contractgen/_runtime/"))
    assert copied == [
        "_contractgen/_runtime/__init__.py",
        "_contractgen/_runtime/_handlers.py",
        "_contractgen/_runtime/_pointers.py",
        "_contractgen/_runtime/callers.py",
        "_contractgen/_runtime/codes.py",
        "_contractgen/_runtime/dispatch.py",
        "_contractgen/_runtime/envelope.py",
        "_contractgen/_runtime/errors.py",
        "_contractgen/_runtime/schemas.py",
    ]
    dispatch = files["_contractgen/_runtime/dispatch.py"]
    original = (source / "dispatch.py").read_text(encoding="utf-8")
    assert dispatch == original.replace("from contractgen.runtime.", "from .")
    assert "from .schemas import ContractSchemas, SchemaViolation\n" in dispatch
    assert [
        path
        for path in copied
        if "import contractgen" in files[path] or "from contractgen" in files[path]
    ] == []
