"""The Node.js scaffold run by the machine's node: dispatcher, types and examples.

Every scaffold here gets the npm packages of tests/node (wx-server-sdk, ajv,
TypeScript) through a node_modules link, and each group of calls runs in one
node process (tests/node/dispatch_runner.js).
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import test_runtime_dispatch as shared
from node import support

from contractgen.contract import ContractSet, load_contracts
from contractgen.runtime import envelope_problem
from contractgen.scaffold import apply, render_scaffold
from contractgen.scaffold.node import example_reply

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = shared.CASES

# The handlers of tests/test_runtime_dispatch.py, written in JavaScript.
HANDLERS = {
    "ok": (
        "module.exports = (data, context) =>\n"
        "  ({ code: 0, msg: 'suc', result: { greeting: 'hello ' + data.name } });\n"
    ),
    "okAsync": (
        "module.exports = async (data) => {\n"
        "  await new Promise((resolve) => setImmediate(resolve));\n"
        "  const greeting = 'hello ' + data.name;\n"
        "  return { code: 0, msg: 'suc', result: { greeting } };\n"
        "};\n"
    ),
    "businessError": "module.exports = () => ({ code: 1001, msg: '余额不足' });\n",
    "raises": "module.exports = () => { throw new Error('boom'); };\n",
    "raisesAsync": "module.exports = async () => { throw new Error('boom'); };\n",
    "brokenImport": "throw new Error('cannot start');\n",
    "notFunction": "module.exports = 42;\n",
    "noHandler": "exports.other = () => ({ code: 0, result: {} });\n",
}
FIXED_REPLIES = {
    "badResult": "{ code: 0, result: { greeting: 42 } }",
    "returnsArray": "[]",
    "returnsBadCode": "{ code: 'OOPS', msg: 'x' }",
    "returnsBoolCode": "{ code: true, msg: 'x' }",
    "returnsNoCode": "{ result: {} }",
    "returnsNoMsg": "{ code: 1001 }",
    "returnsNoResult": "{ code: 0, msg: 'suc' }",
    "returnsNone": "undefined",
    "returnsNumber": "7",
    "returnsString": "'done'",
}
HANDLERS.update(
    {
        name: f"module.exports = () => ({reply});\n"
        for name, reply in FIXED_REPLIES.items()
    }
)
# The table's substrings that are worded the Python way; Node says the same
# thing as JavaScript would.
NODE_WORDING = {"(root)": "violate its input schema: the params: "}
# Files a hostile name would reach if it were joined into a path; loading one
# writes a marker next to it.
TRAPS = [
    "x.js",
    "api/__proto__.js",
    "api/constructor.js",
    "api/prototype.js",
    "api/toString.js",
    "api/hasOwnProperty.js",
    "api/__init__.js",
    "api/nope.js",
    "api/standardOne.js",
    "api/OK.js",
    "api/ok.js.js",
    "api/a/b.js",
]


def _fixture_contracts(folder: Path) -> ContractSet:
    """The dispatcher table's contract, valid for the loader (no callers on custom)."""
    contract = copy.deepcopy(shared.CONTRACT)
    for interface in contract["interfaces"].values():
        if interface["kind"] == "custom":
            del interface["callers"]

    folder.mkdir()
    (folder / "fixture.json").write_text(json.dumps(contract), encoding="utf-8")
    return load_contracts(folder)


def _scaffold(contract_set: ContractSet, module: str, dest: Path) -> Path:
    apply(render_scaffold(contract_set, contract_set.get(module), "node"), dest)
    support.link_node_modules(dest)
    return dest


@pytest.fixture(scope="module")
def table_run(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Every shared case run through a fixture scaffold's index.js, in one process."""
    base = tmp_path_factory.mktemp("table")
    contract_set = _fixture_contracts(base / "contracts")
    dest = _scaffold(contract_set, "fixture", base / "function")
    for name, source in HANDLERS.items():
        (dest / "api" / f"{name}.js").write_text(source, encoding="utf-8")

    (dest / "api" / "missingFile.js").unlink()
    calls = [{"event": case["event"], "context": {}} for case in CASES]
    results, _ = support.dispatch(dest / "index.js", calls)
    return results


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["id"] for c in CASES])
def test_case_table(table_run: list[Any], index: int) -> None:
    """Each shared case gets from the Node dispatcher the code, msg text and result
    the Python dispatcher gives, with Python-only words in JavaScript's."""
    case = CASES[index]
    reply = table_run[index]["reply"]

    expected = case["expect_msg_contains"]

    assert reply["code"] == case["expect_code"], reply
    assert NODE_WORDING.get(expected, expected) in reply["msg"]
    if "expect_result" in case:
        assert reply["result"] == case["expect_result"]


def test_exact_messages(table_run: list[Any]) -> None:
    """The Node dispatcher words its replies like the Python one, but shows null,
    undefined and the whole params as JavaScript would."""
    replies = {
        case["id"]: run["reply"] for case, run in zip(CASES, table_run, strict=True)
    }

    assert replies["name is array"] == {
        "code": "METHOD_NOT_FOUND",
        "msg": "'methodName' must be a string, got ['ok']",
    }
    assert replies["event is null"] == {
        "code": "METHOD_NOT_FOUND",
        "msg": "the event must be an object with 'methodName' and 'params', got null",
    }
    assert replies["handler raises"] == {
        "code": "METHOD_EXEC_FAILURE",
        "msg": "the handler in api/raises.js threw Error: boom",
    }
    assert replies["file fails to load"] == {
        "code": "METHOD_EXEC_FAILURE",
        "msg": "api/brokenImport.js failed to load: Error: cannot start",
    }
    assert replies["params have an unknown field"] == {
        "code": -1,
        "msg": "params of fixture.ok violate its input schema: the params:"
        " Additional properties are not allowed ('extra' was unexpected)",
    }
    assert replies["params null"] == {
        "code": -1,
        "msg": "params of fixture.ok violate its input schema: the params:"
        " null is not of type 'object'",
    }
    assert replies["returns nothing"] == {
        "code": "METHOD_EXEC_FAILURE",
        "msg": "the handler in api/returnsNone.js sent a malformed reply: expected"
        " an envelope object {code, msg, result}, got undefined",
    }
    assert replies["result breaks the output schema"] == {
        "code": "METHOD_EXEC_FAILURE",
        "msg": "result of fixture.badResult violates its output schema:"
        " /greeting: 42 is not of type 'string'",
    }


def test_hostile_names_touch_no_file(tmp_path: Path) -> None:
    """A method name outside the contract's custom interfaces loads no module and
    stats or reads no file, however it is spelled."""
    contract_set = _fixture_contracts(tmp_path / "contracts")
    dest = _scaffold(contract_set, "fixture", tmp_path / "function")
    for relative in TRAPS:
        trap = dest / relative
        trap.parent.mkdir(parents=True, exist_ok=True)
        marker = trap.with_suffix(".loaded")
        trap.write_text(
            f"require('node:fs').writeFileSync({json.dumps(str(marker))}, 'loaded');\n"
            "module.exports = () => ({ code: 0, result: {} });\n",
            encoding="utf-8",
        )

    hostile = [
        case
        for case in CASES
        if case["expect_code"] in ("METHOD_NOT_FOUND", "PERMISSION_DENIED")
        and case["id"] != "missing file"
    ]

    results, _ = support.dispatch(
        dest / "index.js", [{"event": case["event"], "context": {}} for case in hostile]
    )

    assert {r["reply"]["code"] for r in results} == {
        "METHOD_NOT_FOUND",
        "PERMISSION_DENIED",
    }
    assert [
        (c["id"], r["touched"])
        for c, r in zip(hostile, results, strict=True)
        if r["touched"]
    ] == []
    assert sorted(p.name for p in dest.rglob("*.loaded")) == []


def test_stack_goes_to_the_log_only(table_run: list[Any], tmp_path: Path) -> None:
    """A throwing handler's stack is written to the log; the reply has no stack."""
    contract_set = _fixture_contracts(tmp_path / "contracts")
    dest = _scaffold(contract_set, "fixture", tmp_path / "function")
    (dest / "api" / "raises.js").write_text(HANDLERS["raises"], encoding="utf-8")

    results, stderr = support.dispatch(
        dest / "index.js", [{"event": {"methodName": "raises"}, "context": {}}]
    )

    assert results[0]["reply"] == {
        "code": "METHOD_EXEC_FAILURE",
        "msg": "the handler in api/raises.js threw Error: boom",
    }
    assert "the handler in api/raises.js threw Error: boom\n    at " in stderr


def test_permission_predicate_is_injectable(tmp_path: Path) -> None:
    """createDispatcher takes an allow(event, context) predicate, and one that
    throws gives UNKNOWN_ERROR."""
    contract_set = _fixture_contracts(tmp_path / "contracts")
    dest = _scaffold(contract_set, "fixture", tmp_path / "function")
    (dest / "api" / "ok.js").write_text(HANDLERS["ok"], encoding="utf-8")
    (dest / "entry.js").write_text(
        "const path = require('node:path');\n"
        "const { createDispatcher } = require('./_contractgen/dispatch');\n"
        "const options = {\n"
        "  apiDir: path.join(__dirname, 'api'),\n"
        "  documents: require('./_contractgen/_contracts.json'),\n"
        "  moduleFile: 'fixture.json',\n"
        "};\n"
        "const open = createDispatcher({ ...options, allow: () => true });\n"
        "const shut = createDispatcher({ ...options, allow: () => false });\n"
        "const broken = createDispatcher({\n"
        "  ...options,\n"
        "  allow: () => { throw new Error('no source'); },\n"
        "});\n"
        "exports.main = async (event, context) => [\n"
        "  await open(event, context),\n"
        "  await shut(event, context),\n"
        "  await broken(event, context),\n"
        "];\n",
        encoding="utf-8",
    )
    event = {
        "methodName": "ok",
        "params": {"name": "Ada"},
        "userInfo": {"openId": "o1"},
    }

    results, _ = support.dispatch(dest / "entry.js", [{"event": event, "context": {}}])

    assert [reply["code"] for reply in results[0]["reply"]] == [
        0,
        "PERMISSION_DENIED",
        "UNKNOWN_ERROR",
    ]


def test_replies_unchecked_in_production(tmp_path: Path) -> None:
    """With CONTRACTGEN_ENV=production a result is not checked against the output
    schema, as in the Python dispatcher; the envelope still is."""
    contract_set = _fixture_contracts(tmp_path / "contracts")
    dest = _scaffold(contract_set, "fixture", tmp_path / "function")
    for name in ("badResult", "returnsNone"):
        (dest / "api" / f"{name}.js").write_text(HANDLERS[name], encoding="utf-8")

    calls = [
        {"event": {"methodName": name}, "context": {}}
        for name in ("badResult", "returnsNone")
    ]

    results, _ = support.dispatch(
        dest / "index.js", calls, CONTRACTGEN_ENV="production"
    )

    assert [r["reply"]["code"] for r in results] == [0, "METHOD_EXEC_FAILURE"]
    assert results[0]["reply"] == {"code": 0, "result": {"greeting": 42}}


@pytest.fixture(scope="module")
def real_contracts() -> ContractSet:
    return load_contracts(ROOT / "contracts")


def test_examples_pass_their_contract(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """Each example/<name>.js, put in api/, replies to every example of the contract
    as the example says, and each success result passes the output schema."""
    calls, expected, checks = [], [], []
    entries = []
    for contract in real_contracts.contracts:
        dest = _scaffold(real_contracts, contract.module, tmp_path / contract.module)
        entries.append(dest / "index.js")
        for interface in contract.custom_interfaces:
            shutil.copy(dest / "example" / f"{interface.name}.js", dest / "api")
            for number, example in enumerate(interface.examples, start=1):
                event = {"methodName": interface.name, "params": example.input}
                calls.append((dest / "index.js", {"event": event, "context": {}}))
                expected.append(example_reply(interface, example, number))
                checks.append(real_contracts.validator(interface, "output"))

    replies = []
    for entry in entries:
        mine = [call for path, call in calls if path == entry]
        results, _ = support.dispatch(entry, mine)
        replies += [result["reply"] for result in results]

    assert replies == expected
    assert [envelope_problem(reply) for reply in replies] == [None] * len(replies)
    for reply, validator in zip(replies, checks, strict=True):
        if reply["code"] == 0:
            validator.validate(reply["result"])


def test_new_handlers_reply_with_a_valid_result(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """A freshly scaffolded api/<name>.js replies with its first success example,
    which passes the output schema."""
    expected = []
    replies = []
    for contract in real_contracts.contracts:
        dest = _scaffold(real_contracts, contract.module, tmp_path / contract.module)
        calls = []
        for interface in contract.custom_interfaces:
            success = next(e for e in interface.examples if e.error is None)
            event = {"methodName": interface.name, "params": success.input}
            calls.append({"event": event, "context": {}})
            expected.append({"code": 0, "msg": "ok", "result": success.output})

        results, _ = support.dispatch(dest / "index.js", calls)
        replies += [result["reply"] for result in results]

    assert replies == expected


def test_handler_using_wx_server_sdk(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """A handler that requires wx-server-sdk, from the npm registry, runs under the
    dispatcher as it would in production."""
    dest = _scaffold(real_contracts, "sign-up", tmp_path / "sign-up")
    (dest / "api" / "sendIntegral.js").write_text(
        "const cloud = require('wx-server-sdk');\n"
        "cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });\n"
        "module.exports = async (data) => ({\n"
        "  code: 0,\n"
        "  msg: typeof cloud.database,\n"
        "  result: { sendResult: data.points > 0 },\n"
        "});\n",
        encoding="utf-8",
    )
    event = {
        "methodName": "sendIntegral",
        "params": {"openId": "oAbc123_xyz", "day": 1, "points": 10},
    }

    results, _ = support.dispatch(dest / "index.js", [{"event": event, "context": {}}])

    assert results[0]["reply"] == {
        "code": 0,
        "msg": "function",
        "result": {"sendResult": True},
    }


def test_generated_js_passes_node_check(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """Every JavaScript file of every real contract's scaffold passes node --check."""
    failures = []
    for contract in real_contracts.contracts:
        scaffold = render_scaffold(real_contracts, contract, "node")
        apply(scaffold, tmp_path / contract.module)
        for file in scaffold.files:
            if not file.path.endswith(".js"):
                continue

            path = tmp_path / contract.module / file.path
            result = subprocess.run(
                ["node", "--check", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                failures.append(result.stderr)

    assert failures == []


@pytest.mark.parametrize("module", ["points-center", "prize", "sign-up"])
def test_jsdoc_types_pass_tsc(
    real_contracts: ContractSet, tmp_path: Path, module: str
) -> None:
    """The scaffold type-checks with tsc --checkJs --strict (its jsconfig.json),
    handlers and examples included."""
    dest = _scaffold(real_contracts, module, tmp_path / module)

    result = support.tsc(dest)

    assert result.returncode == 0, result.stdout + result.stderr


def test_tsc_catches_a_handler_that_breaks_the_types(
    real_contracts: ContractSet, tmp_path: Path
) -> None:
    """The typedefs are used: a handler reading a field the params do not have,
    or replying with a result of the wrong shape, fails tsc."""
    dest = _scaffold(real_contracts, "sign-up", tmp_path / "sign-up")
    handler = dest / "api" / "sendIntegral.js"
    text = handler.read_text(encoding="utf-8")
    text = text.replace(
        "module.exports = async (data, context) => {",
        "module.exports = async (data, context) => {\n  console.log(data.nope);",
    ).replace("sendResult: true", "sendResult: 'yes'")
    handler.write_text(text, encoding="utf-8")

    result = support.tsc(dest)

    errors = sorted(
        line.split(": error ")[1].split(":")[0]
        for line in result.stdout.splitlines()
        if ": error " in line
    )
    assert errors == ["TS2322", "TS2339"], result.stdout


def test_example_page_uses_the_docs_field_tables() -> None:
    """example/<name>.md lists fields as the docs do, and lists the definitions
    its rows link to, with those they use, in a section of its own."""
    contract_set = load_contracts(ROOT / "contracts")
    scaffold = render_scaffold(contract_set, contract_set.get("sign-up"), "node")
    page = scaffold.as_dict()["example/send_prize.md"]

    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert rows[:4] == [
        "| `openId` | [OpenId](#def-openid) (string) | 是 |  |"
        " 用户在小程序下的 openId |",
        "| `day` | integer | 是 | `minimum: 1`, `maximum: 31` | 本次是连续签到第几天 |",
        "| `prize` | [prize.Prize](#def-prize.prize) | 是 |  | 一个奖品 |",
        "| `sendResult` | boolean | 是 |  | 是否发放成功 |",
    ]
    assert [line for line in page.splitlines() if line.startswith("### <a")] == [
        '### <a id="def-openid"></a>`OpenId`',
        '### <a id="def-prize.prize"></a>`prize.Prize`',
        '### <a id="def-sendresult"></a>`SendResult`',
        '### <a id="def-prize.prizeid"></a>`prize.PrizeId`',
        '### <a id="def-prize.prizetype"></a>`prize.PrizeType`',
    ]
    assert (
        "| `id` | [prize.PrizeId](#def-prize.prizeid) (string) | 是 |  | 奖品 ID |"
        in rows
    )
    assert "| `tags[]` | string |  | `minLength: 1`, `maxLength: 10` |  |" in rows
