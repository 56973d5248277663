"""The worker starts loading the handlers before the contract is loaded, and
that changes nothing in what a check loads, calls or reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent

NODE_REPLY = "module.exports = async () => ({ code: 0, msg: 'ok', result: {} });\n"
PYTHON_REPLY = "def handler(data, context):\n    return {'code': 0, 'result': {}}\n"


def _handler(api: Path, name: str, lang: str, marks: Path, body: str) -> None:
    """A handler file that appends its name to ``marks`` when it is loaded."""
    if lang == "node":
        mark = f"require('fs').appendFileSync({json.dumps(str(marks))}, '{name}\\n');\n"
        (api / f"{name}.js").write_text(mark + body, encoding="utf-8")
    else:
        mark = f"with open({str(marks)!r}, 'a') as f:\n    f.write('{name}\\n')\n"
        (api / f"{name}.py").write_text(mark + body, encoding="utf-8")


def check_json(runner: CliRunner, folder: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(
        main,
        [
            *("check", str(folder), "--module", "sign-up", "--format", "json"),
            *("--contracts", str(ROOT / "contracts"), "--examples", "0", *args),
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize("lang", ["node", "python"])
def test_only_the_handlers_checked_are_loaded_and_each_once(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    """Files that are not interfaces, and interfaces left out by --only, never load."""
    api = tmp_path / "impl" / "api"
    api.mkdir(parents=True)
    marks = tmp_path / "marks"
    reply = NODE_REPLY if lang == "node" else PYTHON_REPLY
    for name in ("sendIntegral", "set_remind", "helpers"):
        _handler(api, name, lang, marks, reply)

    check_json(runner, tmp_path / "impl", "--only", "sendIntegral")

    assert marks.read_text(encoding="utf-8") == "sendIntegral\n"


NODE_LOAD_FAULTS = [
    pytest.param(
        "throw new Error('no config');\n",
        "the handler file failed to load: Error: no config",
        id="throws",
    ),
    pytest.param(
        "process.exit(3);\n",
        "the handler file failed to load: the worker exited with code 3 during "
        "the call",
        id="exits",
    ),
]


@pytest.mark.parametrize(("body", "message"), NODE_LOAD_FAULTS)
def test_handler_failing_while_loaded_ahead_is_reported_as_before(
    runner: CliRunner, tmp_path: Path, body: str, message: str
) -> None:
    """A handler that throws or exits while loaded ahead is blamed, not its peers."""
    api = tmp_path / "impl" / "api"
    api.mkdir(parents=True)
    marks = tmp_path / "marks"
    _handler(api, "sendIntegral", "node", marks, body + NODE_REPLY)
    _handler(api, "set_remind", "node", marks, NODE_REPLY)

    report = check_json(
        runner, tmp_path / "impl", "--only", "sendIntegral", "--only", "set_remind"
    )

    failures = {i["name"]: i["load_failure"] for i in report["interfaces"]}
    assert set(failures) == {"sendIntegral", "set_remind"}
    assert failures["set_remind"] is None
    assert failures["sendIntegral"]["message"] == message


@pytest.mark.parametrize("lang", ["node", "python"])
def test_no_handler_loads_for_a_contract_with_errors(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    """A contract the check refuses runs no handler's top-level code at all."""
    api = tmp_path / "impl" / "api"
    api.mkdir(parents=True)
    marks = tmp_path / "marks"
    reply = NODE_REPLY if lang == "node" else PYTHON_REPLY
    for name in ("send_prize", "sendIntegral", "set_remind"):
        _handler(api, name, lang, marks, reply)

    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "sign-up.json").write_bytes(
        (ROOT / "contracts" / "sign-up.json").read_bytes()
    )

    result = runner.invoke(
        main,
        ["check", str(tmp_path / "impl"), "--contract", str(alone / "sign-up.json")],
    )

    assert result.exit_code == 2
    assert "names no contract in the folder" in result.output
    assert not marks.exists()
