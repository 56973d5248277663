"""The generated clients' static types, as a user's mypy --strict sees them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPING = ROOT / "tests" / "typing"


def _mypy(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *map(str, paths),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(ROOT / "generated" / "python")},
        check=False,
    )


def test_client_types_hold() -> None:
    """Every assert_type in tests/typing passes under mypy --strict."""
    result = _mypy(*sorted(TYPING.glob("*.py")))

    assert result.returncode == 0, result.stdout


def test_wrong_calls_are_caught(tmp_path: Path) -> None:
    """mypy rejects a wrong field type, a missing field and a sync transport."""
    source = tmp_path / "wrong.py"
    source.write_text(
        "from sign_up import AsyncSignUpClient, LocalTransport, SignUpClient\n"
        "def calls(transport: LocalTransport) -> None:\n"
        "    SignUpClient(transport).do_remind(open_id=1, temid='T1', page='p')\n"
        "    SignUpClient(transport).do_remind(open_id='oAbc123', temid='T1')\n"
        "    AsyncSignUpClient(transport)\n"
    )

    result = _mypy(source)

    lines = result.stdout.splitlines()
    errors = [line.split(": error: ")[1] for line in lines if ": error: " in line]
    assert result.returncode == 1
    assert [error.split("  [")[1] for error in errors] == [
        "call-overload]",
        "call-overload]",
        "arg-type]",
    ]
    assert errors[2].startswith(
        'Argument 1 to "AsyncSignUpClient" has incompatible type "LocalTransport"; '
        'expected "AsyncTransport"'
    )


def test_generated_packages_pass_mypy_strict() -> None:
    """Every package in the repository's generated/python passes mypy --strict."""
    generated = ROOT / "generated" / "python"
    packages = sorted(path for path in generated.iterdir() if path.is_dir())

    result = _mypy(*packages)

    assert [p.name for p in packages] == ["points_center", "prize", "sign_up"]
    assert result.returncode == 0, result.stdout
