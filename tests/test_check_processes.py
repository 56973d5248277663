"""What handlers do to processes, signals, globals and output never outlives or
breaks `contractgen check`."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from contractgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
NODE_FAULTY = ROOT / "tests" / "impl" / "node-faulty"
PYTHON_FAULTY = ROOT / "tests" / "impl" / "python-faulty"
WORKER_JS = "contractgen/check/worker.js"


def _marked(marker: str) -> list[int]:
    """Live processes whose environment carries ``marker``."""
    needle = f"CONTRACTGEN_TEST_MARK={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or not _running(int(entry.name)):
            continue

        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue  # gone meanwhile, or not ours to read

        if needle in environ.split(b"\0"):
            found.append(int(entry.name))

    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False

    return stat[stat.rindex(b")") + 2 :].split()[0] != b"Z"


def _wait_for(condition: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True

        time.sleep(0.05)

    return False


def _worker_of(parent: int) -> int | None:
    """The pid of a child of ``parent`` that runs the Node worker, if any."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue

        try:
            stat = (entry / "stat").read_bytes()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue

        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        if ppid == parent and any(a.endswith(WORKER_JS.encode()) for a in argv):
            return int(entry.name)

    return None


@pytest.fixture
def marker() -> Iterator[str]:
    """A mark for the processes a test starts; any still running are killed after."""
    mark = uuid.uuid4().hex
    yield mark
    for pid in _marked(mark):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _start_check(marker: str, *args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "contractgen", "check", *args],
        cwd=ROOT,
        env={**os.environ, "CONTRACTGEN_TEST_MARK": marker, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "folder",
    [NODE_FAULTY / "detached-child", PYTHON_FAULTY / "detached-child"],
    ids=["node-detached-spawn", "python-setsid"],
)
def test_detached_children_of_handlers_are_ended(marker: str, folder: Path) -> None:
    """Children that a handler starts in a session of their own end with the run."""
    process = _start_check(
        marker,
        *(str(folder), "--module", "sign-up", "--only", "sendIntegral"),
        *("--timeout", "1", "--examples", "5", "--seed", "1"),
    )
    stdout, _ = process.communicate(timeout=60)

    assert process.returncode == 0
    assert stdout.decode().endswith("sign-up conforms: 9 cases passed\n")
    assert _marked(marker) == []


def test_worker_dies_with_a_killed_checker(marker: str, tmp_path: Path) -> None:
    """A checker killed by SIGKILL takes its worker along, busy handler or not."""
    busy = tmp_path / "busy"
    api = tmp_path / "impl" / "api"
    api.mkdir(parents=True)
    (api / "sendIntegral.js").write_text(
        "module.exports = async () => {\n"
        f"  require('fs').writeFileSync({json.dumps(str(busy))}, 'busy');\n"
        "  for (;;) {}\n"
        "};\n",
        encoding="utf-8",
    )
    process = _start_check(
        marker,
        *(str(tmp_path / "impl"), "--module", "sign-up", "--only", "sendIntegral"),
        *("--timeout", "60", "--examples", "0"),
    )
    started = _wait_for(busy.exists, 30)
    worker = _worker_of(process.pid)
    process.kill()
    process.wait(timeout=30)

    assert started
    assert worker is not None
    assert _wait_for(lambda: not _running(worker), 10)


def test_sighup_stops_the_run_like_ctrl_c(marker: str) -> None:
    """SIGHUP (the terminal closing) ends the run, its workers and their children."""
    process = _start_check(
        marker,
        *(str(NODE_FAULTY / "spawns-child"), "--module", "sign-up"),
        *("--only", "set_remind", "--timeout", "60", "--examples", "0"),
    )
    # The checker, its worker, and the child the handler spawned.
    started = _wait_for(lambda: len(_marked(marker)) >= 3, 30)

    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=30) == 130
    assert started
    assert _wait_for(lambda: _marked(marker) == [], 5), _marked(marker)


def test_output_an_ascii_terminal_cannot_show_is_escaped(marker: str) -> None:
    """Characters the output encoding lacks are escaped; the exit code stays 1."""
    process = _start_check(
        marker,
        *(str(NODE_FAULTY / "busy-loop"), "--module", "sign-up"),
        *("--only", "set_remind", "--timeout", "0.5", "--examples", "0"),
        PYTHONIOENCODING="ascii",
    )
    stdout, _ = process.communicate(timeout=60)

    assert process.returncode == 1
    assert "first: example 2 (\\u5173\\u95ed\\u63d0\\u9192)\n" in stdout.decode()


def _loading_leaves_a_mark(impl: Path, mark: Path) -> None:
    api = impl / "api"
    api.mkdir(parents=True)
    (api / "sendIntegral.js").write_text(
        f"require('fs').writeFileSync({json.dumps(str(mark))}, 'loaded');\n"
        "module.exports = async () => ({ code: 0, msg: 'ok', result: {} });\n",
        encoding="utf-8",
    )


def test_junit_xml_in_a_missing_folder_fails_before_the_run(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A --junit-xml whose folder does not exist is a usage error; nothing runs."""
    mark = tmp_path / "loaded"
    _loading_leaves_a_mark(tmp_path / "impl", mark)
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        main,
        [
            *("check", str(tmp_path / "impl"), "--module", "sign-up"),
            *("--examples", "0", "--junit-xml", "reports/nowhere/check.xml"),
        ],
    )

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: cannot write the JUnit report to 'reports/nowhere/check.xml': "
        "there is no folder 'reports/nowhere'\n"
    )
    assert not mark.exists()


def test_junit_xml_that_is_a_folder_fails_before_the_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A --junit-xml that names a folder is a usage error; nothing runs."""
    mark = tmp_path / "loaded"
    _loading_leaves_a_mark(tmp_path / "impl", mark)
    result = runner.invoke(
        main,
        [
            *("check", str(tmp_path / "impl"), "--module", "sign-up"),
            *("--contracts", str(ROOT / "contracts"), "--examples", "0"),
            *("--junit-xml", str(tmp_path)),
        ],
    )

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        f"'--junit-xml': File {str(tmp_path)!r} is a directory.\n"
    )
    assert not mark.exists()


@pytest.mark.parametrize(
    "folder",
    [NODE_FAULTY / "replaces-json", PYTHON_FAULTY / "replaces-json"],
    ids=["node", "python"],
)
def test_handler_replacing_json_does_not_break_the_worker(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A handler file that replaces JSON functions globally is judged by its replies."""
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        main,
        [
            *("check", str(folder), "--module", "sign-up", "--only", "sendIntegral"),
            *("--examples", "3", "--seed", "1", "--format", "json"),
        ],
    )

    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["findings"] == []
    [interface] = report["interfaces"]
    assert (interface["totals"]["cases"], interface["totals"]["passed"]) == (7, 7)
