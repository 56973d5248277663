"""`contractgen check` on deliberately faulty implementations, each with its message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
NODE_FAULTY = Path("tests/impl/node-faulty")
PYTHON_FAULTY = Path("tests/impl/python-faulty")
PLATFORM = (
    "METHOD_EXEC_FAILURE, METHOD_NOT_FOUND, METHOD_NOT_FUNCTION, PERMISSION_DENIED, "
    "UNKNOWN_ERROR"
)


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in reports are relative to the working directory.
    monkeypatch.chdir(ROOT)


def check_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(main, ["check", *args, "--format", "json", "--seed", "5"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)


def first_finding(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("interface", "level", "rule", "message", "reply_pointer", "schema")
    return {key: report["findings"][0][key] for key in keys}


FAULTS = [
    pytest.param(
        "deep-wrong-type",
        ["--contracts", "tests/impl/contracts", "--module", "rewards"],
        {
            "interface": "grantRewards",
            "level": "failure",
            "rule": "output-schema",
            "message": "result does not match the output schema: '79' is not of "
            "type 'integer'",
            "reply_pointer": "/result/items/1/stock/remaining",
            "schema": {
                "file": "rewards.json",
                "pointer": "/$defs/Stock/properties/remaining/type",
            },
        },
        id="wrong-type-deep-in-result",
    ),
    pytest.param(
        "missing-required",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "output-schema",
            "message": "result does not match the output schema: 'sendResult' is a "
            "required property",
            "reply_pointer": "/result",
            "schema": {"file": "sign-up.json", "pointer": "/$defs/SendResult/required"},
        },
        id="missing-required-field",
    ),
    pytest.param(
        "extra-property",
        ["--module", "sign-up", "--only", "set_remind"],
        {
            "interface": "set_remind",
            "level": "failure",
            "rule": "output-schema",
            "message": "result does not match the output schema: Additional "
            "properties are not allowed ('remindTime' was unexpected)",
            "reply_pointer": "/result",
            "schema": {
                "file": "sign-up.json",
                "pointer": "/interfaces/set_remind/output/additionalProperties",
            },
        },
        id="extra-property",
    ),
    pytest.param(
        "no-result",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "result",
            "message": "result is missing while code is 0",
            "reply_pointer": None,
            "schema": None,
        },
        id="result-missing-with-code-0",
    ),
    pytest.param(
        "number-msg",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "msg",
            "message": "msg is 5, not a string",
            "reply_pointer": "/msg",
            "schema": None,
        },
        id="msg-not-a-string-with-code-0",
    ),
    pytest.param(
        "string-code",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "code",
            "message": "code 'FAILED' is not 0, a non-zero integer or a platform "
            f"code ({PLATFORM})",
            "reply_pointer": "/code",
            "schema": None,
        },
        id="string-code-not-a-platform-code",
    ),
    pytest.param(
        "throws",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "exception",
            "message": "the handler threw Error: 积分服务不可用 (METHOD_EXEC_FAILURE)",
            "reply_pointer": None,
            "schema": None,
        },
        id="thrown-error",
    ),
    pytest.param(
        "date",
        ["--module", "sign-up", "--only", "set_remind"],
        {
            "interface": "set_remind",
            "level": "failure",
            "rule": "json",
            "message": "the reply holds a Date at /result/updatedAt, which "
            "serializes silently into a string",
            "reply_pointer": "/result/updatedAt",
            "schema": None,
        },
        id="date-in-reply",
    ),
    pytest.param(
        "not-object",
        ["--module", "sign-up", "--only", "sendIntegral"],
        {
            "interface": "sendIntegral",
            "level": "failure",
            "rule": "envelope",
            "message": "the reply is not an object: 'ok'",
            "reply_pointer": None,
            "schema": None,
        },
        id="reply-not-an-object",
    ),
]


@pytest.mark.parametrize(("folder", "args", "expected"), FAULTS)
def test_fault_is_caught_with_its_message(
    runner: CliRunner, folder: str, args: list[str], expected: dict[str, Any]
) -> None:
    """Each faulty Node implementation fails the check, on the rule it breaks."""
    code, report = check_json(
        runner, str(NODE_FAULTY / folder), *args, "--examples", "3"
    )

    assert code == 1
    assert report["conforms"] is False
    assert first_finding(report) == expected
    assert len({finding["rule"] for finding in report["findings"]}) == 1


def test_handler_exporting_an_object_is_method_not_function(runner: CliRunner) -> None:
    """A handler file that exports an object is METHOD_NOT_FUNCTION, and not run."""
    folder = str(NODE_FAULTY / "exports-object")
    code, report = check_json(
        runner, folder, "--module", "sign-up", "--only", "send_prize"
    )

    assert code == 1
    [interface] = report["interfaces"]
    assert interface["totals"]["cases"] == 0
    assert interface["load_failure"] == {
        "level": "failure",
        "rule": "not-function",
        "message": "api/send_prize.js exports an object, not a function "
        "(METHOD_NOT_FUNCTION)",
        "reply_pointer": None,
        "schema": None,
        "detail": None,
    }


def test_missing_handler_file_is_method_not_found(runner: CliRunner) -> None:
    """An interface without its file in api/ is METHOD_NOT_FOUND."""
    folder = str(NODE_FAULTY / "throws")
    code, report = check_json(
        runner, folder, "--module", "sign-up", "--only", "set_remind"
    )

    assert code == 1
    [interface] = report["interfaces"]
    assert interface["load_failure"]["message"] == (
        "no handler file api/set_remind.js (METHOD_NOT_FOUND)"
    )


PYTHON_FAULTS = [
    pytest.param(
        "sys-exit",
        "sendIntegral",
        "exception",
        "the handler threw SystemExit: 1 (METHOD_EXEC_FAILURE)",
        (4, 1),
        id="sys-exit",
    ),
    pytest.param(
        "os-exit",
        "sendIntegral",
        "crash",
        "the worker exited with code 3 during the call",
        (4, 1),
        id="os-exit",
    ),
    pytest.param(
        "datetime",
        "set_remind",
        "json",
        "the reply holds a datetime at /result/updatedAt, which is not JSON",
        (3, 3),
        id="datetime-in-reply",
    ),
]


@pytest.mark.parametrize(
    ("folder", "interface", "rule", "message", "counts"), PYTHON_FAULTS
)
def test_python_fault_is_caught_with_its_message(
    runner: CliRunner,
    folder: str,
    interface: str,
    rule: str,
    message: str,
    counts: tuple[int, int],
) -> None:
    """Faulty Python handlers are caught like Node ones, and the run goes on."""
    code, report = check_json(
        runner,
        str(PYTHON_FAULTY / folder),
        *("--module", "sign-up", "--only", interface, "--examples", "0"),
    )

    assert code == 1
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [(rule, message)]
    cases, failed = counts
    totals = report["totals"]
    assert (totals["cases"], totals["failed"], totals["passed"]) == (
        cases,
        failed,
        cases - failed,
    )


def test_python_file_without_handler_is_method_not_function(runner: CliRunner) -> None:
    """A Python handler file must define handler(data, context)."""
    folder = str(PYTHON_FAULTY / "no-handler")
    code, report = check_json(
        runner, folder, "--module", "sign-up", "--only", "send_prize"
    )

    assert code == 1
    assert report["interfaces"][0]["load_failure"]["message"] == (
        "api/send_prize.py defines no 'handler' (METHOD_NOT_FUNCTION)"
    )


def test_throwing_is_a_failure_except_where_an_example_expects_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An example expecting METHOD_EXEC_FAILURE lets its own input throw, no other."""
    contracts = tmp_path / "contracts"
    contracts.mkdir()
    contract = {
        "module": "probe",
        "version": "1.0.0",
        "title": "探针",
        "interfaces": {
            "explode": {
                "kind": "custom",
                "input": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["n"],
                    "properties": {"n": {"type": "integer", "minimum": 0}},
                },
                "output": {"type": "object"},
                "examples": [
                    {"input": {"n": 1}, "error": {"code": "METHOD_EXEC_FAILURE"}}
                ],
            }
        },
    }
    (contracts / "probe.json").write_text(json.dumps(contract), encoding="utf-8")
    api = tmp_path / "impl" / "api"
    api.mkdir(parents=True)
    (api / "explode.js").write_text(
        "module.exports = async () => { throw new Error('boom'); };\n",
        encoding="utf-8",
    )

    code, report = check_json(
        runner,
        str(tmp_path / "impl"),
        *("--contracts", str(contracts), "--module", "probe", "--examples", "5"),
    )

    assert code == 1
    [interface] = report["interfaces"]
    classes = interface["classes"]
    assert [(c["cases"], c["passed"]) for c in classes.values()] == [
        (1, 1),
        (1, 0),
        (5, 0),
    ]
    assert [(f["level"], f["message"], f["count"]) for f in report["findings"]] == [
        ("failure", "the handler threw Error: boom (METHOD_EXEC_FAILURE)", 6)
    ]
