"""Usage and contract errors of `contractgen check` exit with code 2 and say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = "tests/impl/node-good"


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


USAGE_ERRORS = [
    pytest.param(
        ["tests/impl/python-good", "--module", "sign-up", "--lang", "node"],
        "error: tests/impl/python-good/api holds Python handlers (*.py) and no Node "
        "ones; use --lang python or --lang auto\n",
        id="language-of-no-handler",
    ),
    pytest.param(
        ["tests/impl/nowhere", "--module", "sign-up"],
        "error: no implementation folder at 'tests/impl/nowhere'\n",
        id="no-such-folder",
    ),
    pytest.param(
        [GOOD, "--module", "sign-upp"],
        "error: no module 'sign-upp' in 'contracts'; did you mean 'sign-up'? (the "
        "modules are 'points-center', 'prize', 'sign-up')\n",
        id="unknown-module",
    ),
    pytest.param(
        [GOOD],
        "error: name the contract with either --module or --contract\n",
        id="no-contract-named",
    ),
    pytest.param(
        [GOOD, "--module", "sign-up", "--contract", "contracts/sign-up.json"],
        "error: name the contract with either --module or --contract\n",
        id="two-contracts-named",
    ),
    pytest.param(
        [GOOD, "--contract", "contracts/sign_up.json"],
        "error: no contract file at 'contracts/sign_up.json'\n",
        id="no-such-contract-file",
    ),
    pytest.param(
        [GOOD, "--module", "sign-up", "--only", "doRemind"],
        "error: 'doRemind' is a standard interface of 'sign-up'; check runs only "
        "custom interfaces (sendIntegral, send_prize, set_remind)\n",
        id="standard-interface",
    ),
    pytest.param(
        [GOOD, "--module", "sign-up", "--only", "sendIntegrl"],
        "error: module 'sign-up' has no custom interface 'sendIntegrl'; did you "
        "mean 'sendIntegral'?\n",
        id="unknown-interface",
    ),
    pytest.param(
        ["tests/impl/contracts", "--module", "sign-up"],
        "error: 'tests/impl/contracts' has no 'api' folder; a cloud function keeps "
        "one handler file per interface there (api/<name>.js or api/<name>.py)\n",
        id="no-api-folder",
    ),
]


@pytest.mark.parametrize(("args", "stderr"), USAGE_ERRORS)
def test_usage_error_exits_2(runner: CliRunner, args: list[str], stderr: str) -> None:
    """Bad options, folders and names are usage errors, with the reason."""
    result = runner.invoke(main, ["check", *args])

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(stderr)


def test_bad_contract_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    """A contracts folder with an invalid contract is a contract error."""
    contracts = tmp_path / "contracts"
    contracts.mkdir()
    (contracts / "sign-up.json").write_text("{", encoding="utf-8")

    result = runner.invoke(
        main, ["check", GOOD, "--contracts", str(contracts), "--module", "sign-up"]
    )

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("nothing was checked\n")


def test_mixed_languages_need_lang(runner: CliRunner, tmp_path: Path) -> None:
    """A folder with both .js and .py handlers asks for --lang."""
    api = tmp_path / "api"
    api.mkdir()
    (api / "sendIntegral.js").write_text("module.exports = () => 0;\n")
    (api / "sendIntegral.py").write_text("def handler(data, context): pass\n")

    result = runner.invoke(main, ["check", str(tmp_path), "--module", "sign-up"])

    assert result.exit_code == 2
    assert result.stderr.endswith(
        "has both Node and Python handler files; pass --lang node or --lang python\n"
    )
