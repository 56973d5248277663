"""Time ``contractgen build`` against datamodel-codegen on the same schemas.

Usage: ``python bench/build_speed.py [--modules 100] [--interfaces 8] [--repeat 5]``

Both tools get the same synthetic modules: contractgen its contracts, the peer one
plain JSON Schema per module (every model in ``$defs``) as a directory input.
contractgen does its whole job (models, clients, docs, both scaffolds); the peer
generates the models alone, with its default settings.  Runs alternate, so that
a noisy neighbour hurts both sides alike, and every run starts from an empty
output folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_set


def run(command: Sequence[str], cwd: Path) -> tuple[float, int]:
    """Run ``command`` and return its wall time in seconds and peak RSS in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        sys.exit(f"{' '.join(command)} failed:\n{error}")

    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--interfaces", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="contractgen-bench-"))
    # The render cache is part of what is measured, but not the user's own.
    os.environ["CONTRACTGEN_CACHE_DIR"] = str(work / "cache")
    try:
        write_set(work, args.modules, args.interfaces)
        report(work, args.repeat, args.modules, args.interfaces)
    finally:
        shutil.rmtree(work)


def report(work: Path, repeat: int, modules: int, interfaces: int) -> None:
    bin_dir = Path(sys.executable).parent
    ours = [str(bin_dir / "contractgen"), "build", "--contracts", "contracts"]
    peer = [
        str(bin_dir / "datamodel-codegen"),
        "--input", "schemas", "--input-file-type", "jsonschema",
        "--output-model-type", "pydantic_v2.BaseModel",
    ]  # fmt: skip
    times: dict[str, list[float]] = {"contractgen": [], "datamodel-codegen": []}
    memory: dict[str, int] = {"contractgen": 0, "datamodel-codegen": 0}
    sides = (("contractgen", ours, "--out"), ("datamodel-codegen", peer, "--output"))
    for _ in range(repeat):
        for name, command, out_option in sides:
            out = work / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            elapsed, rss = run([*command, out_option, str(out)], work)
            times[name].append(elapsed)
            memory[name] = max(memory[name], rss)

    unchanged = [*ours, "--out", str(work / "out-contractgen"), "--check"]
    incremental, _ = run(unchanged, work)

    print(f"{modules} modules x {interfaces} interfaces, {repeat} runs each")
    for name, values in times.items():
        print(
            f"  {name:18} median {statistics.median(values):6.2f} s  "
            f"min {min(values):6.2f} s  peak RSS {memory[name]} MiB"
        )

    ratio = statistics.median(times["contractgen"]) / statistics.median(
        times["datamodel-codegen"]
    )
    print(f"  ratio of the medians: {ratio:.2f} (target <= 1)")
    print(f"  contractgen build --check on an unchanged tree: {incremental:.2f} s")


if __name__ == "__main__":
    main()
