"""The reports of `contractgen check`: text, JSON and JUnit XML, seed and shrinking."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
NODE_FAULTY = "tests/impl/node-faulty"


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in reports are relative to the working directory.
    monkeypatch.chdir(ROOT)


def check(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_text_report_lists_interfaces_then_each_problem(runner: CliRunner) -> None:
    """The text report has a line per interface, a block per problem, a verdict."""
    result = check(
        runner,
        f"{NODE_FAULTY}/process-exit",
        *("--module", "sign-up", "--only", "sendIntegral"),
        *("--examples", "0", "--seed", "9"),
    )

    assert result.exit_code == 1
    assert result.stderr == "contractgen check: seed 9\n"
    assert result.stdout == (
        "contractgen check tests/impl/node-faulty/process-exit: module 'sign-up' "
        "(contracts/sign-up.json), node, seed 9\n"
        "  sendIntegral  4 cases: 3 passed, 1 failed\n"
        "\n"
        "FAIL sendIntegral: the worker exited with code 1 during the call\n"
        "  seen in 1 case (boundary); first: /points at its maximum 100000\n"
        '  input: {"openId": "oAbc123_xyz", "day": 1, "points": 100000}\n'
        "  reproduce: contractgen check tests/impl/node-faulty/process-exit --module "
        "sign-up --examples 0 --only sendIntegral --seed 9\n"
        "\n"
        "sign-up does not conform: 1 problem in 1 of 4 cases\n"
    )


def test_json_report_object_is_stable(runner: CliRunner) -> None:
    """The JSON report of a small run is exactly this object (version 1)."""
    result = check(
        runner,
        f"{NODE_FAULTY}/missing-required",
        *("--module", "sign-up", "--only", "sendIntegral"),
        *("--examples", "0", "--seed", "4", "--format", "json"),
    )

    tally_example = {"cases": 1, "passed": 0, "failed": 1, "warned": 0, "skipped": 0}
    tally_boundary = {"cases": 3, "passed": 0, "failed": 3, "warned": 0, "skipped": 0}
    tally_none = {"cases": 0, "passed": 0, "failed": 0, "warned": 0, "skipped": 0}
    tally_all = {"cases": 4, "passed": 0, "failed": 4, "warned": 0, "skipped": 0}
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "format": "contractgen-check",
        "version": 1,
        "module": "sign-up",
        "contract": "contracts/sign-up.json",
        "implementation": "tests/impl/node-faulty/missing-required",
        "language": "node",
        "seed": 4,
        "examples": 0,
        "timeout": 3.0,
        "strict": False,
        "conforms": False,
        "totals": tally_all,
        "interfaces": [
            {
                "name": "sendIntegral",
                "conforms": False,
                "totals": tally_all,
                "classes": {
                    "example": tally_example,
                    "boundary": tally_boundary,
                    "generated": tally_none,
                },
                "load_failure": None,
                "skip_reason": None,
            }
        ],
        "findings": [
            {
                "interface": "sendIntegral",
                "level": "failure",
                "rule": "output-schema",
                "message": "result does not match the output schema: 'sendResult' "
                "is a required property",
                "reply_pointer": "/result",
                "schema": {
                    "file": "sign-up.json",
                    "pointer": "/$defs/SendResult/required",
                },
                "detail": None,
                "count": 4,
                "classes": ["boundary", "example"],
                "case": "example 1 (签到第一天发 10 积分)",
                "input": {"openId": "oAbc123_xyz", "day": 1, "points": 10},
                "reply": {"code": 0, "msg": "ok", "result": {}},
                "reply_preview": None,
                "minimal_input": None,
                "reproduce": "contractgen check tests/impl/node-faulty/"
                "missing-required --module sign-up --examples 0 --only sendIntegral "
                "--seed 4",
            }
        ],
    }


def test_junit_xml_has_a_case_per_interface_and_input_class(
    runner: CliRunner, tmp_path: Path
) -> None:
    """JUnit XML: one test case per interface and input class, failures inside."""
    junit = tmp_path / "check.xml"
    check(
        runner,
        f"{NODE_FAULTY}/process-exit",
        *("--module", "sign-up", "--only", "sendIntegral", "--examples", "0"),
        *("--seed", "9", "--junit-xml", str(junit)),
    )

    root = ElementTree.parse(junit).getroot()
    assert (root.tag, root.attrib) == (
        "testsuites",
        {
            "name": "contractgen check",
            "tests": "3",
            "failures": "1",
            "errors": "0",
            "skipped": "1",
        },
    )
    [suite] = root
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {
        "implementation": "tests/impl/node-faulty/process-exit",
        "language": "node",
        "seed": "9",
    }
    cases = {case.attrib["name"]: case for case in suite.iter("testcase")}
    assert sorted(cases) == ["boundary", "example", "generated"]
    assert {case.get("classname") for case in cases.values()} == {
        "sign-up.sendIntegral"
    }
    assert list(cases["example"]) == []
    [failure] = cases["boundary"]
    assert failure.tag == "failure"
    assert failure.get("type") == "crash"
    assert failure.get("message") == "the worker exited with code 1 during the call"
    assert [child.tag for child in cases["generated"]] == ["skipped"]


def test_generated_failure_is_shrunk_and_reproducible(runner: CliRunner) -> None:
    """A failure found with generated inputs is shrunk, with a command to rerun it."""
    args = (
        f"{NODE_FAULTY}/late-days",
        *("--module", "sign-up", "--only", "sendIntegral", "--examples", "20"),
    )
    result = check(runner, *args, "--seed", "1")

    lines = result.stdout.splitlines()
    assert (
        '  minimal failing input: {"openId": "o00000", "day": 21, "points": 1}' in lines
    )
    command = (
        "contractgen check tests/impl/node-faulty/late-days --module sign-up "
        "--examples 20 --only sendIntegral --seed 1"
    )
    assert f"  reproduce: {command}" in lines
    again = check(runner, *shlex.split(command)[2:])
    assert again.stdout == result.stdout


def test_same_seed_gives_the_same_report(runner: CliRunner) -> None:
    """Generated inputs are reproducible from the seed, whatever else is checked."""
    args = (
        f"{NODE_FAULTY}/late-days",
        *("--module", "sign-up", "--examples", "15", "--format", "json"),
        *("--seed", "77"),
    )
    first = json.loads(check(runner, *args).stdout)
    second = json.loads(check(runner, *args, "--only", "sendIntegral").stdout)

    assert first["findings"][-1] == second["findings"][0]
    assert first["interfaces"][1] == second["interfaces"][0]


def test_unlisted_code_warns_and_fails_only_when_strict(runner: CliRunner) -> None:
    """A code the interface does not list is a warning, and a failure with --strict."""
    args = (
        f"{NODE_FAULTY}/unlisted-code",
        *("--module", "sign-up", "--only", "sendIntegral", "--examples", "0"),
        *("--format", "json"),
    )
    lenient = check(runner, *args)
    strict = check(runner, *args, "--strict")

    message = "code 9999 is not listed in the interface's errors (it lists none)"
    assert lenient.exit_code == 0
    assert [
        (f["level"], f["message"]) for f in json.loads(lenient.stdout)["findings"]
    ] == [("warning", message)]
    assert json.loads(lenient.stdout)["totals"]["warned"] == 1
    assert strict.exit_code == 1
    assert [
        (f["level"], f["message"]) for f in json.loads(strict.stdout)["findings"]
    ] == [("failure", message)]
