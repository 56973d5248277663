"""Handlers that hang, crash, flood stdout or reply too much never stop the checker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
NODE_FAULTY = ROOT / "tests" / "impl" / "node-faulty"
PYTHON_FAULTY = ROOT / "tests" / "impl" / "python-faulty"


def check_json(
    runner: CliRunner, folder: Path, *args: str
) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(
        main,
        ["check", str(folder), "--module", "sign-up", "--format", "json", *args],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, json.loads(result.stdout)


def messages(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["interface"], f["message"]) for f in report["findings"]]


def totals(report: dict[str, Any], interface: str) -> tuple[int, int, int, int]:
    [found] = [i for i in report["interfaces"] if i["name"] == interface]
    counts = found["totals"]
    return counts["cases"], counts["passed"], counts["failed"], counts["skipped"]


def test_never_resolving_promise_times_out_and_the_run_goes_on(
    runner: CliRunner,
) -> None:
    """A promise that never settles fails after --timeout; other interfaces pass."""
    code, report = check_json(
        runner,
        NODE_FAULTY / "never-resolves",
        *("--only", "set_remind", "--only", "sendIntegral"),
        *("--timeout", "0.5", "--examples", "2", "--seed", "1"),
    )

    assert code == 1
    assert messages(report) == [("set_remind", "no reply within 0.5 s")]
    cases, passed, failed, skipped = totals(report, "set_remind")
    assert (passed, failed, skipped) == (0, cases, 0)
    cases, passed, failed, skipped = totals(report, "sendIntegral")
    assert (passed, failed, skipped) == (cases, 0, 0)


def test_busy_loop_restarts_the_worker(runner: CliRunner) -> None:
    """A handler that blocks its worker is timed out, and the other cases still run."""
    code, report = check_json(
        runner,
        NODE_FAULTY / "busy-loop",
        *("--only", "set_remind", "--timeout", "0.5", "--examples", "0"),
    )

    assert code == 1
    assert messages(report) == [
        (
            "set_remind",
            "no reply within 0.5 s (the handler blocked its worker, which was "
            "restarted)",
        )
    ]
    assert report["findings"][0]["case"] == "example 2 (关闭提醒)"
    assert totals(report, "set_remind") == (3, 2, 1, 0)


def test_process_exit_mid_run_restarts_the_worker(runner: CliRunner) -> None:
    """process.exit(1) in one call fails that call only; the rest of the run passes."""
    code, report = check_json(
        runner,
        NODE_FAULTY / "process-exit",
        *("--only", "sendIntegral", "--examples", "20", "--seed", "3"),
    )

    assert code == 1
    [finding] = report["findings"]
    assert finding["message"] == "the worker exited with code 1 during the call"
    assert finding["case"] == "/points at its maximum 100000"
    cases, passed, failed, skipped = totals(report, "sendIntegral")
    assert (failed, skipped) == (finding["count"], 0)
    assert passed == cases - failed > 20


def test_fifty_megabyte_reply_is_reported_not_read(runner: CliRunner) -> None:
    """A reply over the size limit fails its case without being read."""
    code, report = check_json(
        runner,
        NODE_FAULTY / "huge-reply",
        *("--only", "sendIntegral", "--examples", "0"),
    )

    assert code == 1
    assert messages(report) == [
        (
            "sendIntegral",
            "the reply is 52,428,859 bytes, over the checker's limit of 6,291,456",
        )
    ]
    assert totals(report, "sendIntegral") == (4, 3, 1, 0)


def test_garbage_on_stdout_does_not_corrupt_replies(runner: CliRunner) -> None:
    """console.log and raw writes to stdout, protocol-shaped or not, change nothing."""
    code, report = check_json(
        runner,
        NODE_FAULTY / "noisy",
        *("--only", "sendIntegral", "--examples", "10", "--seed", "2"),
    )

    assert code == 0
    assert report["findings"] == []
    cases, passed, _, _ = totals(report, "sendIntegral")
    assert passed == cases > 10


def test_blocking_python_handler_times_out(runner: CliRunner) -> None:
    """A Python handler stuck in a blocking call is interrupted at the timeout."""
    code, report = check_json(
        runner,
        PYTHON_FAULTY / "sleeps",
        *("--only", "set_remind", "--timeout", "0.5", "--examples", "0"),
    )

    assert code == 1
    assert messages(report) == [("set_remind", "no reply within 0.5 s")]
    assert totals(report, "set_remind") == (3, 0, 3, 0)


def _marked(marker: str) -> list[int]:
    """Live processes whose environment carries ``marker``."""
    needle = f"CONTRACTGEN_TEST_MARK={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue

        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue  # gone meanwhile, or not ours to read

        if needle in environ.split(b"\0"):
            found.append(int(entry.name))

    return found


def _start_check(marker: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CONTRACTGEN_TEST_MARK": marker}
    return subprocess.Popen(
        [sys.executable, "-m", "contractgen", "check", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True

        time.sleep(0.05)

    return False


def test_no_process_is_left_after_a_run() -> None:
    """The worker and whatever a handler spawned are gone when the command ends."""
    marker = uuid.uuid4().hex
    folder = str(NODE_FAULTY / "spawns-child")
    process = _start_check(
        marker,
        *(folder, "--module", "sign-up", "--only", "set_remind"),
        *("--timeout", "0.5", "--examples", "0"),
    )

    assert process.wait(timeout=60) == 1
    assert _marked(marker) == []


def test_no_process_is_left_after_ctrl_c() -> None:
    """Ctrl-C in the middle of a run ends the workers and their children too."""
    marker = uuid.uuid4().hex
    folder = str(NODE_FAULTY / "spawns-child")
    process = _start_check(
        marker,
        *(folder, "--module", "sign-up", "--only", "set_remind"),
        *("--timeout", "60", "--examples", "0"),
    )
    # The checker, its worker, and the child the handler spawned.
    started = _wait_for(lambda: len(_marked(marker)) >= 3, 30)

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    assert started
    assert _wait_for(lambda: _marked(marker) == [], 5), _marked(marker)


@pytest.mark.parametrize("lang", ["node", "python"])
def test_handlers_run_in_the_implementation_folder(
    runner: CliRunner, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Handlers see the implementation folder as cwd and the checker's environment."""
    api = tmp_path / "api"
    api.mkdir()
    (tmp_path / "points.txt").write_text("42", encoding="utf-8")
    monkeypatch.setenv("SIGN_UP_BONUS", "1")
    if lang == "node":
        (api / "sendIntegral.js").write_text(
            "const fs = require('fs');\n"
            "module.exports = async () => ({ code: 0, msg: 'ok', result: {\n"
            "  sendResult: fs.readFileSync('points.txt', 'utf8') === '42'\n"
            "    && process.env.SIGN_UP_BONUS === '1' } });\n",
            encoding="utf-8",
        )
    else:
        (api / "sendIntegral.py").write_text(
            "import os\n\n\n"
            "def handler(data, context):\n"
            "    ok = open('points.txt').read() == '42' and "
            "os.environ['SIGN_UP_BONUS'] == '1'\n"
            "    return {'code': 0, 'msg': 'ok', 'result': {'sendResult': ok}}\n",
            encoding="utf-8",
        )

    monkeypatch.chdir(ROOT)
    code, report = check_json(
        runner, tmp_path, "--only", "sendIntegral", "--examples", "0"
    )

    assert (code, report["findings"]) == (0, [])
