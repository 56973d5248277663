"""Running generated Node code in tests: the npm packages and one-process runners.

The packages the scaffolds depend on (wx-server-sdk, ajv) and TypeScript, to
type-check their JSDoc, come from the npm registry through package-lock.json in
this folder.  :func:`node_modules` installs them with ``npm ci`` the first time
a test needs them; CI runs the same command beforehand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
RUNNER = HERE / "dispatch_runner.js"
TSC = NODE_MODULES / "typescript" / "bin" / "tsc"


def node_modules() -> Path:
    """``tests/node/node_modules``, installed from the lock file when missing."""
    if not (NODE_MODULES / ".package-lock.json").is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not on PATH; the Node tests need it")

        subprocess.run(
            [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            text=True,
        )

    return NODE_MODULES


def link_node_modules(folder: Path) -> None:
    """Give a scaffold in ``folder`` the test packages, as ``npm install`` would."""
    (folder / "node_modules").symlink_to(node_modules(), target_is_directory=True)


def node_env(**extra: str) -> dict[str, str]:
    """The environment for node: replies checked, as in development, unless
    ``extra`` says otherwise."""
    skipped = ("CONTRACTGEN_ENV", "NODE_OPTIONS")
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    return {**env, **extra}


def dispatch(
    entry: Path, calls: list[dict[str, Any]], **env: str
) -> tuple[list[Any], str]:
    """Run ``calls`` through ``entry``'s ``main`` in one node process.

    Each call is ``{"event": ..., "context": ...}``.  Returns, per call,
    ``{"reply": ..., "touched": [...]}`` with the files the call stat-ed, read
    or required, and everything node wrote to stderr.  The results travel
    through a file beside ``entry``, since handlers may print.  ``env`` adds
    environment variables.
    """
    out = entry.parent / ".dispatch-results.json"
    request = json.dumps({"entry": str(entry), "out": str(out), "calls": calls})
    result = subprocess.run(
        ["node", str(RUNNER)],
        input=request,
        capture_output=True,
        text=True,
        env=node_env(**env),
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"node failed ({result.returncode}):\n{result.stderr}")

    return json.loads(out.read_text(encoding="utf-8")), result.stderr


def tsc(project: Path) -> subprocess.CompletedProcess[str]:
    """``tsc -p <project>/jsconfig.json``: the scaffold's own type-check settings."""
    return subprocess.run(
        ["node", str(TSC), "-p", str(project / "jsconfig.json")],
        capture_output=True,
        text=True,
        env=node_env(),
        check=False,
    )
