"""`contractgen build` end to end: the real contracts, the CLI and the output."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import WriteContracts, minimal_contract
from contractgen.cli import main
from contractgen.contract import meta_schema
from contractgen.output import MANIFEST

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = 'Ends """ here */ and \\ back\nslash </script> {{ 7*7 }} {% raw %}'


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _contractgen(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contractgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_repository_generated_is_current() -> None:
    """generated/ in the repository matches contracts/ (run 'contractgen build')."""
    result = _contractgen("build", "--check", cwd=ROOT)

    assert result.returncode == 0, (
        f"generated/ is stale; run 'contractgen build' in {ROOT}\n{result.stdout}"
    )
    assert result.stdout == "generated is up to date\n"


def test_build_then_check(tmp_path: Path, runner: CliRunner) -> None:
    """A build is current right after it, and a second build writes nothing."""
    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    os.chdir(tmp_path)

    first = runner.invoke(main, ["build"])
    second = runner.invoke(main, ["build"])
    check = runner.invoke(main, ["build", "--check"])

    assert first.exit_code == 0, first.output
    total = len(json.loads((tmp_path / "generated" / MANIFEST).read_text())["files"])
    assert first.output == (
        f"generated: {total} files, {total} written, 0 removed "
        "(3 modules, 0 unchanged since the last build)\n"
    )
    assert second.output == (
        f"generated: {total} files, 0 written, 0 removed "
        "(3 modules, 3 unchanged since the last build)\n"
    )
    assert (check.exit_code, check.output) == (0, "generated is up to date\n")


def test_check_lists_stale_missing_and_extra(
    tmp_path: Path, runner: CliRunner, write_contracts: WriteContracts
) -> None:
    """--check exits 1, names each stale, missing and extra file, and writes nothing."""
    write_contracts(demo=minimal_contract(), shop=minimal_contract("shop"))
    os.chdir(tmp_path)
    assert runner.invoke(main, ["build"]).exit_code == 0
    (tmp_path / "contracts" / "shop.json").unlink()
    changed = minimal_contract()
    changed["title"] = "新标题"
    write_contracts(demo=changed)
    (tmp_path / "generated" / "docs" / "index.md").unlink()
    before = _snapshot(tmp_path / "generated")

    result = runner.invoke(main, ["build", "--check"])

    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert "stale: generated/docs/demo.md" in lines
    assert "missing: generated/docs/index.md" in lines
    assert "extra: generated/docs/shop.md" in lines
    assert "+# 新标题" in "\n".join(lines) or any("新标题" in line for line in lines)
    assert lines[-1] == "generated is out of date; run 'contractgen build' to update it"
    assert _snapshot(tmp_path / "generated") == before


def test_bad_contract_fails_cleanly(
    tmp_path: Path, write_contracts: WriteContracts
) -> None:
    """A bad contract exits 2 with one line per problem, no traceback, no writes."""
    write_contracts(demo=minimal_contract())
    assert _contractgen("build", cwd=tmp_path).returncode == 0
    before = _snapshot(tmp_path / "generated")
    broken = minimal_contract()
    broken["interfaces"]["getPrize"]["input"]["properties"]["id"]["type"] = "strin"
    broken["interfaces"]["getPrize"]["output"] = {"$ref": "#/$defs/Prise"}
    write_contracts(demo=broken)

    result = _contractgen("build", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "contracts/demo.json:31: /interfaces/getPrize/input/properties/id/type: "
        "'strin' is not a valid type; did you mean 'string'?",
        "contracts/demo.json:40: /interfaces/getPrize/output/$ref: '#/$defs/Prise' "
        "points to nowhere; did you mean '#/$defs/Prize'?",
        "error: 2 problems in the contracts; nothing was written",
    ]
    assert _snapshot(tmp_path / "generated") == before


def test_person_files_in_out_are_kept(
    tmp_path: Path, runner: CliRunner, write_contracts: WriteContracts
) -> None:
    """Files a person put in the output folder survive builds and removals."""
    write_contracts(demo=minimal_contract(), shop=minimal_contract("shop"))
    os.chdir(tmp_path)
    (tmp_path / "generated" / "docs").mkdir(parents=True)
    (tmp_path / "generated" / "docs" / "notes.md").write_text("mine\n")
    runner.invoke(main, ["build"])
    (tmp_path / "contracts" / "shop.json").unlink()

    result = runner.invoke(main, ["build"])

    assert result.exit_code == 0
    assert "  removed docs/shop.md" in result.output.splitlines()
    assert not (tmp_path / "generated" / "python" / "shop").exists()
    assert (tmp_path / "generated" / "docs" / "notes.md").read_text() == "mine\n"


def test_output_is_deterministic(tmp_path: Path) -> None:
    """Two builds under different hash seeds give byte-identical trees."""
    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    for seed in ("0", "1"):
        result = _contractgen(
            "build", "--out", f"out-{seed}", cwd=tmp_path, PYTHONHASHSEED=seed
        )
        assert result.returncode == 0, result.stderr

    assert _snapshot(tmp_path / "out-0") == _snapshot(tmp_path / "out-1")


def test_settings_come_from_pyproject(tmp_path: Path, runner: CliRunner) -> None:
    """[tool.contractgen] names the folders, relative to pyproject.toml."""
    shutil.copytree(ROOT / "contracts", tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.contractgen]\ncontracts = "specs"\nout = "build/gen"\n'
    )
    (tmp_path / "sub").mkdir()
    os.chdir(tmp_path / "sub")

    result = runner.invoke(main, ["build"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "gen" / "docs" / "sign-up.md").is_file()


def test_unknown_setting_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    """A typo in [tool.contractgen] is reported, not ignored."""
    (tmp_path / "pyproject.toml").write_text('[tool.contractgen]\noutput = "x"\n')
    os.chdir(tmp_path)

    result = runner.invoke(main, ["build"])

    assert result.exit_code == 2
    assert result.output == (
        "error: pyproject.toml: [tool.contractgen] has unknown key 'output' "
        "(known: 'contracts', 'out')\n"
    )


def test_schema_prints_the_meta_schema(runner: CliRunner) -> None:
    """`contractgen schema` prints the contract meta-schema for editors."""
    result = runner.invoke(main, ["schema"])

    assert result.exit_code == 0
    assert json.loads(result.output) == meta_schema()


@pytest.mark.parametrize("where", ["module", "interface", "field"])
def test_hostile_text_stays_literal(
    tmp_path: Path, write_contracts: WriteContracts, where: str
) -> None:
    """Text from a contract never breaks or changes generated code and docs."""
    contract = minimal_contract()
    targets = {
        "module": contract,
        "interface": contract["interfaces"]["send_prize"],
        "field": contract["$defs"]["Prize"]["properties"]["name"],
    }
    targets[where]["description"] = HOSTILE
    write_contracts(demo=contract)

    result = _contractgen("build", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    out = tmp_path / "generated"
    probe = (
        "import demo, inspect; "
        "print(repr(demo.DemoClient.send_prize.__doc__)); "
        "print(repr(demo.Prize.model_fields['name'].description))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=out / "python",
        capture_output=True,
        text=True,
        check=True,
    )
    docs = (out / "docs" / "demo.md").read_text(encoding="utf-8")
    assert "49" not in docs.replace("7*7", "")
    if where == "interface":
        assert imported.stdout.splitlines()[0] == repr(HOSTILE)
    if where == "field":
        assert imported.stdout.splitlines()[1] == repr(HOSTILE)
    for path in (out / "scaffold" / "demo" / "node").rglob("*.js"):
        subprocess.run(["node", "--check", str(path)], check=True)


def test_unchanged_modules_come_from_the_cache(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A module is rendered again when its contract or one of its files changed."""
    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    os.chdir(tmp_path)
    runner.invoke(main, ["build"])
    edited = tmp_path / "generated" / "docs" / "prize.md"
    original = edited.read_bytes()
    edited.write_text("edited by hand\n")

    result = runner.invoke(main, ["build"])

    assert result.output.endswith("(3 modules, 2 unchanged since the last build)\n")
    assert edited.read_bytes() == original


def test_progress_shows_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal the build shows its progress; in a pipe it stays quiet."""
    shutil.copytree(ROOT / "contracts", tmp_path / "contracts")
    leader, follower = pty.openpty()
    with os.fdopen(leader, "rb", buffering=0) as terminal:
        process = subprocess.Popen(
            [sys.executable, "-m", "contractgen", "build"],
            cwd=tmp_path,
            stdin=follower,
            stdout=follower,
            stderr=follower,
        )
        os.close(follower)
        shown = _read_all(terminal)
        process.wait(timeout=60)

    assert process.returncode == 0
    assert b"Rendering" in shown
    piped = _contractgen("build", "--out", "again", cwd=tmp_path)
    assert "Rendering" not in piped.stderr


def _read_all(terminal: Any) -> bytes:
    chunks = []
    while True:
        try:
            chunk = terminal.read(4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)

    return b"".join(chunks)


def test_large_builds_render_the_same_in_parallel(
    tmp_path: Path, write_contracts: WriteContracts
) -> None:
    """A build of many modules (rendered in worker processes) matches small builds."""
    modules = [f"m{index}" for index in range(9)]
    write_contracts(**{module: minimal_contract(module) for module in modules})
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "m3.json").write_text(
        (tmp_path / "contracts" / "m3.json").read_text(encoding="utf-8"),
        encoding="utf-8",
    )

    many = _contractgen("build", "--out", "many", cwd=tmp_path)
    one = _contractgen("build", "--contracts", "alone", "--out", "one", cwd=tmp_path)

    assert (many.returncode, one.returncode) == (0, 0), many.stderr + one.stderr
    in_many = _snapshot(tmp_path / "many")
    in_one = _snapshot(tmp_path / "one")
    shared = [name for name in in_one if "m3" in name]
    assert len(shared) > 10
    assert {name: in_many[name] for name in shared} == {
        name: in_one[name] for name in shared
    }


def test_warnings_are_shown_and_strict_fails(
    tmp_path: Path, write_contracts: WriteContracts
) -> None:
    """A build prints warnings and goes on; with --strict it writes nothing."""
    contract = minimal_contract()
    contract["$defs"]["Prize"]["properties"]["name"]["minLenght"] = 1
    write_contracts(demo=contract)
    warning = (
        "contracts/demo.json:12: /$defs/Prize/properties/name/minLenght: warning: "
        "'minLenght' is not a JSON Schema keyword, so nothing checks it; did you "
        "mean 'minLength'?"
    )

    strict = _contractgen("build", "--strict", cwd=tmp_path)
    lenient = _contractgen("build", cwd=tmp_path)

    assert (strict.returncode, strict.stderr.splitlines()) == (
        2,
        [warning, "error: 1 problem in the contracts; nothing was written"],
    )
    assert (lenient.returncode, lenient.stderr.splitlines()) == (0, [warning])


def test_unprintable_text_builds_an_importable_package(
    tmp_path: Path, write_contracts: WriteContracts
) -> None:
    """NUL, ESC, U+2028 and a lone surrogate in a description break nothing."""
    contract = minimal_contract()
    contract["description"] = "a \x00 b \x1b c \u2028 d \ud800 e"
    contract["interfaces"]["send_prize"]["description"] = "x \ud800 y"
    write_contracts(demo=contract)

    result = _contractgen("build", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    probe = "import demo; print(ascii(demo.DemoClient.send_prize.__doc__))"
    imported = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path / "generated" / "python",
        capture_output=True,
        text=True,
        check=False,
    )
    assert (imported.returncode, imported.stdout) == (0, "'x \\\\ud800 y'\n")
    for path in (tmp_path / "generated").rglob("*"):
        if path.is_file():
            assert b"\x00" not in path.read_bytes(), path


def test_renderer_errors_cross_from_worker_processes(
    tmp_path: Path, write_contracts: WriteContracts
) -> None:
    """A problem found while rendering in a worker process is reported as usual."""
    modules = ["rpds", *(f"m{index}" for index in range(8))]
    write_contracts(**{module: minimal_contract(module) for module in modules})

    result = _contractgen("build", cwd=tmp_path)

    assert (result.returncode, result.stderr.splitlines()) == (
        2,
        [
            "contracts/rpds.json: /module: the Python package 'rpds' would hide the "
            "module 'rpds' that generated code needs; rename the module",
            "error: 1 problem in the contracts; nothing was written",
        ],
    )
    assert not (tmp_path / "generated").exists()
