"""Correct implementations conform: the sign-up functions, and every contract's."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contractgen.check import run_check
from contractgen.cli import main
from contractgen.contract import load_contracts
from contractgen.scaffold import Lang, apply, render_scaffold

ROOT = Path(__file__).resolve().parent.parent
IMPL = ROOT / "tests" / "impl"
CONTRACTS = load_contracts(ROOT / "contracts")


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("folder", "examples"),
    [
        pytest.param("node-good", "100", id="node"),
        pytest.param("python-good", "30", id="python"),
    ],
)
def test_business_implementation_of_sign_up_conforms(
    runner: CliRunner, folder: str, examples: str
) -> None:
    """sign-up's custom interfaces, written as a business would, pass the check.

    Their send_prize replies with the listed business code 2101 when the prize
    is out of stock, as the contract's example says, which is no problem at all.
    """
    args = ["check", f"tests/impl/{folder}", "--module", "sign-up"]
    options = ["--format", "json", "--examples", examples, "--seed", "11"]
    result = runner.invoke(main, [*args, *options])

    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["conforms"] is True
    assert [i["name"] for i in report["interfaces"]] == [
        "send_prize",
        "sendIntegral",
        "set_remind",
    ]
    assert report["findings"] == []
    assert report["totals"]["warned"] == 0
    example_classes = [i["classes"]["example"] for i in report["interfaces"]]
    assert [(c["cases"], c["passed"]) for c in example_classes] == [
        (2, 2),
        (1, 1),
        (2, 2),
    ]


def _completed_scaffold(module: str, lang: Lang, dest: Path) -> Path:
    """A fresh scaffold of ``module``, its handler files completed by hand."""
    contract = CONTRACTS.get(module)
    apply(render_scaffold(CONTRACTS, contract, lang), dest)
    completed = IMPL / "completed" / module / lang
    for source in completed.rglob("*"):
        if source.is_file():
            shutil.copyfile(source, dest / source.relative_to(completed))

    return dest


@pytest.mark.parametrize("lang", ["node", "python"])
@pytest.mark.parametrize("module", [c.module for c in CONTRACTS.contracts])
def test_completed_scaffold_of_every_contract_conforms(
    tmp_path: Path, module: str, lang: Lang
) -> None:
    """A scaffold completed by hand conforms, for every contract and language."""
    folder = _completed_scaffold(module, lang, tmp_path / module)
    stdout = io.StringIO()

    report = run_check(
        folder,
        stdout=stdout,
        stderr=io.StringIO(),
        module=module,
        contracts_dir=ROOT / "contracts",
        examples=25,
        seed=5,
    )

    assert report.conforms, stdout.getvalue()
    assert report.language == lang
    assert report.total.cases > 25
