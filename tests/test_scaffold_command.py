"""`contractgen scaffold`: never overwrite, say what happened, check without writing."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import WriteContracts, minimal_contract
from contractgen.cli import main
from contractgen.contract import load_contracts
from contractgen.scaffold import apply, render_scaffold, render_scaffold_reference
from contractgen.scaffold.command import scaffold_command

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = {"python": ".py", "node": ".js"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's contracts, with the working directory in it."""
    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _scaffold(runner: CliRunner, lang: str, *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(
        scaffold_command, ["sign-up", "--lang", lang, "--dest", "out", *extra]
    )
    return result.exit_code, result.stdout, result.stderr


def test_first_scaffold_lists_what_it_created(project: Path, runner: CliRunner) -> None:
    """A first scaffold creates every file and names each one."""
    code, out, err = _scaffold(runner, "node")

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "created README.md",
        "created _contractgen/_contracts.json",
        "created _contractgen/dispatch.js",
        "created _contractgen/repr.js",
        "created _contractgen/schemas.js",
        "created _contractgen/types.js",
        "created api/demo.js",
        "created api/sendIntegral.js",
        "created api/send_prize.js",
        "created api/set_remind.js",
        "created example/sendIntegral.js",
        "created example/sendIntegral.md",
        "created example/send_prize.js",
        "created example/send_prize.md",
        "created example/set_remind.js",
        "created example/set_remind.md",
        "created index.js",
        "created jsconfig.json",
        "created package.json",
        "out: 19 created, 0 updated, 0 kept",
    ]


CHANGED = {
    "python": [
        "created api/newOne.py",
        "updated _contractgen/_contracts.json",
        "updated _contractgen/sign_up/__init__.py",
        "updated _contractgen/sign_up/models.py",
        "updated index.py",
        "out: 1 created, 4 updated, 17 kept",
    ],
    "node": [
        "created api/newOne.js",
        "created example/newOne.js",
        "created example/newOne.md",
        "updated _contractgen/_contracts.json",
        "updated _contractgen/types.js",
        "updated index.js",
        "out: 3 created, 3 updated, 16 kept",
    ],
}


@pytest.mark.parametrize("lang", ["python", "node"])
def test_second_scaffold_keeps_business_files(
    project: Path, runner: CliRunner, lang: str
) -> None:
    """After a contract change, a second scaffold leaves edited handlers and other
    business files byte-identical, adds the new handler and rewrites tool files."""
    suffix = SUFFIX[lang]
    _scaffold(runner, lang)
    out = project / "out"
    edited = {
        f"api/send_prize{suffix}": b"# my own code\n\xe4\xbd\xa0\r\n",
        f"api/set_remind{suffix}": b"",
        "README.md": b"mine\n",
    }
    for name, data in edited.items():
        (out / name).write_bytes(data)

    contract_path = project / "contracts" / "sign-up.json"
    contract = json.loads(contract_path.read_text(encoding="utf-8"))
    contract["version"] = "1.1.0"
    new = dict(contract["interfaces"]["sendIntegral"], description="新接口")
    contract["interfaces"]["newOne"] = new
    contract_path.write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")

    code, stdout, _ = _scaffold(runner, lang)

    assert code == 0
    assert {name: (out / name).read_bytes() for name in edited} == edited
    lines = stdout.splitlines()
    assert [line for line in lines if not line.startswith("kept ")] == CHANGED[lang]
    assert f"kept api/send_prize{suffix}" in lines


@pytest.mark.parametrize("lang", ["python", "node"])
def test_check_reports_exactly_what_is_wrong(
    project: Path, runner: CliRunner, lang: str
) -> None:
    """--check writes nothing, lists missing handlers, outdated and extra files, and
    exits 1 when a handler is missing or a tool file outdated; a README or demo the
    business deleted is its own business."""
    suffix = SUFFIX[lang]
    _scaffold(runner, lang)
    out = project / "out"
    (out / "api" / f"set_remind{suffix}").unlink()
    (out / "README.md").unlink()
    (out / f"index{suffix}").write_text("edited\n", encoding="utf-8")
    (out / "api" / f"retired{suffix}").write_text("old\n", encoding="utf-8")
    (out / "api" / f"_helpers{suffix}").write_text("shared\n", encoding="utf-8")
    before = _snapshot(out)

    code, stdout, stderr = _scaffold(runner, lang, "--check")

    assert _snapshot(out) == before
    assert code == 1
    assert stdout.splitlines() == [
        f"missing api/set_remind{suffix}: handler of custom interface 'set_remind'",
        f"outdated index{suffix}: out of date with sign-up.json 1.0.0",
        f"extra api/retired{suffix}: no custom interface 'retired' in sign-up.json;"
        " left in place",
    ]
    assert stderr == (
        "error: 1 file missing, 1 outdated; run"
        f" 'contractgen scaffold sign-up --lang {lang} --dest out'\n"
    )


@pytest.mark.parametrize("lang", ["python", "node"])
def test_check_of_a_current_folder(project: Path, runner: CliRunner, lang: str) -> None:
    """--check on a folder just scaffolded finds nothing to do."""
    _scaffold(runner, lang)

    code, stdout, stderr = _scaffold(runner, lang, "--check")

    assert (code, stdout, stderr) == (0, "out is up to date\n", "")


def test_check_counts_only_extra_files_as_fine(
    project: Path, runner: CliRunner
) -> None:
    """A handler without an interface is reported but alone does not fail --check."""
    _scaffold(runner, "node")
    (project / "out" / "api" / "retired.js").write_text("old\n", encoding="utf-8")

    code, stdout, _ = _scaffold(runner, "node", "--check")

    assert (code, stdout) == (
        0,
        "extra api/retired.js: no custom interface 'retired' in sign-up.json;"
        " left in place\nout is up to date\n",
    )


def test_extra_handler_is_reported_and_kept(project: Path, runner: CliRunner) -> None:
    """A scaffold reports a handler whose interface is gone on stderr, and keeps it."""
    _scaffold(runner, "python")
    retired = project / "out" / "api" / "retired.py"
    retired.write_text("old\n", encoding="utf-8")

    code, _, stderr = _scaffold(runner, "python")

    assert (code, retired.read_text(encoding="utf-8")) == (0, "old\n")
    assert stderr == (
        "extra api/retired.py: no custom interface 'retired' in sign-up.json;"
        " left in place\n"
    )


def test_unknown_module(project: Path, runner: CliRunner) -> None:
    """A module without a contract is a usage error naming the known modules."""
    result = runner.invoke(
        scaffold_command, ["nope", "--lang", "node", "--dest", "out"]
    )

    assert result.exit_code == 2
    assert result.stderr == (
        "error: no contract for module 'nope' (modules: 'points-center', 'prize',"
        " 'sign-up')\n"
    )
    assert not (project / "out").exists()


def test_unknown_language(project: Path, runner: CliRunner) -> None:
    """--lang accepts python and node only."""
    result = runner.invoke(
        scaffold_command, ["sign-up", "--lang", "go", "--dest", "out"]
    )

    assert result.exit_code == 2
    assert "'go' is not one of 'python', 'node'." in result.stderr


def test_check_names_the_contracts_folder_in_its_hint(
    project: Path, runner: CliRunner
) -> None:
    """The command --check suggests is one that would fix what it found."""
    (project / "contracts").rename(project / "specs")

    result = runner.invoke(
        scaffold_command,
        [
            "sign-up",
            "--lang",
            "node",
            "--dest",
            "out",
            "--contracts",
            "specs",
            "--check",
        ],
    )

    assert result.exit_code == 1
    assert result.stderr.endswith(
        "; run 'contractgen scaffold sign-up --lang node --dest out"
        " --contracts specs'\n"
    )


def test_registered_in_the_cli(project: Path, runner: CliRunner) -> None:
    """`contractgen scaffold` is the same command."""
    result = runner.invoke(
        main, ["scaffold", "sign-up", "--lang", "node", "--dest", "out", "--check"]
    )

    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0]
        == "missing _contractgen/_contracts.json: tool-owned"
    )


def test_reference_copy_is_a_fresh_scaffold(project: Path, runner: CliRunner) -> None:
    """The build's reference copy holds exactly what fresh scaffolds write, in
    scaffold/<module>/<lang>/."""
    contract_set = load_contracts(project / "contracts")
    contract = contract_set.get("sign-up")
    for lang in ("python", "node"):
        runner.invoke(scaffold_command, ["sign-up", "--lang", lang, "--dest", lang])

    reference = render_scaffold_reference(contract_set, contract)

    written = {
        f"scaffold/sign-up/{lang}/{name}": data.decode()
        for lang in ("python", "node")
        for name, data in _snapshot(project / lang).items()
    }
    assert reference == written
    assert [
        name
        for name, text in reference.items()
        if "\r" in text or not text.endswith("\n") or str(project) in text
    ] == []


def test_reference_copy_is_deterministic(project: Path) -> None:
    """Rendering twice gives the same files (no timestamps, no set order)."""
    contract_set = load_contracts(project / "contracts")
    first = {
        lang: render_scaffold(contract_set, contract_set.get("prize"), lang).as_dict()
        for lang in ("python", "node")
    }
    second = {
        lang: render_scaffold(contract_set, contract_set.get("prize"), lang).as_dict()
        for lang in ("python", "node")
    }

    assert first == second


def _only_standard(module: str) -> dict[str, Any]:
    contract = minimal_contract(module)
    del contract["interfaces"]["send_prize"]
    return contract


@pytest.mark.parametrize("lang", ["python", "node"])
def test_module_without_custom_interfaces_warns(
    write_contracts: WriteContracts,
    runner: CliRunner,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scaffold of a module with no custom interfaces still succeeds, but warns
    that the cloud function has nothing to implement, writing as well as checking."""
    folder = write_contracts(quiet=_only_standard("quiet"))
    monkeypatch.chdir(tmp_path)
    args = ["quiet", "--lang", lang, "--dest", "out", "--contracts", str(folder)]
    warning = (
        "warning: module 'quiet' has no custom interfaces; the cloud function has"
        " nothing to implement\n"
    )

    written = runner.invoke(scaffold_command, args)
    checked = runner.invoke(scaffold_command, [*args, "--check"])

    assert (written.exit_code, written.stderr) == (0, warning)
    assert (checked.exit_code, checked.stderr) == (0, warning)
    assert checked.stdout.endswith("out is up to date\n")


def test_interface_named_demo_replaces_the_demo_file(
    write_contracts: WriteContracts, tmp_path: Path
) -> None:
    """A custom interface named demo gets its handler in api/demo.js, listed once,
    and the platform's demo file is not written (nor shown in the README).

    Contracts refuse that name, so the interface is renamed after loading.
    """
    contract_set = load_contracts(write_contracts(clash=minimal_contract("clash")))
    loaded = contract_set.get("clash")
    interfaces = tuple(
        replace(i, name="demo") if i.name == "send_prize" else i
        for i in loaded.interfaces
    )
    contract = replace(loaded, interfaces=interfaces)

    findings = apply(render_scaffold(contract_set, contract, "node"), tmp_path / "out")

    demo = [str(f) for f in findings if "demo" in f.path]
    assert demo == [
        "created api/demo.js",
        "created example/demo.js",
        "created example/demo.md",
    ]
    handler = (tmp_path / "out/api/demo.js").read_text(encoding="utf-8")
    assert handler.startswith("/**\n * demo: Give a prize to a user.\n")
    readme = (tmp_path / "out/README.md").read_text(encoding="utf-8")
    assert "demo 示例文件" not in readme
    assert "│   └── demo.js\n" in readme
