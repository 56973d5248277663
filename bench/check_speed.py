"""Time ``contractgen check`` against one ``node`` process per call, on the same cases.

Usage: ``python bench/check_speed.py [--examples 330] [--seed 1] [--repeat 3]
[--baseline-cases N]``

Needs the Node implementation's packages: ``npm ci --prefix tests/impl/node-good``.

Both sides call sign-up's custom interfaces in ``tests/impl/node-good`` with the
same cases: the example, boundary and generated inputs that the check draws for
``--examples`` and ``--seed`` (about 1,000 with the defaults).

- ``contractgen check``: the whole command, timed as a subprocess from start to
  exit (the median of ``--repeat`` runs).  An in-process run adds the check's own
  timings: drawing inputs, calls and validation of the replies.
- One process per call: the cases are written to a file, and each one is run by
  a fresh ``node`` that requires the handler, calls it with the input and prints
  the reply; the benchmark then validates each reply against the contract.
  ``--baseline-cases`` runs an evenly spread sample of the cases instead of all
  of them, for a quicker estimate.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from contractgen.check import CheckOptions, build_cases, run_check
from contractgen.check.validation import interface_validators
from contractgen.contract import load_contracts

ROOT = Path(__file__).resolve().parent.parent
IMPL = ROOT / "tests" / "impl" / "node-good"
MODULE = "sign-up"
TARGET_RATE = 2000  # checked calls per second, end to end
TARGET_RATIO = 50  # times faster than one process per call

# Requires the handler, calls it once with the input read from stdin and
# prints the reply.  Handlers log with console.log, which goes to stderr here
# so that stdout carries the reply alone.
RUNNER_JS = """\
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
console.log = (...args) => process.stderr.write(`${util.format(...args)}\\n`);
const exported = require(path.resolve('api', `${process.argv[2]}.js`));
const handler = typeof exported === 'function' ? exported : exported.default;
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
Promise.resolve()
  .then(() => handler(input, { interface: process.argv[2] }))
  .then(
    (reply) => {
      process.stdout.write(`${JSON.stringify(reply)}\\n`);
      process.exit(0);
    },
    (error) => {
      const failure = { code: 'METHOD_EXEC_FAILURE', msg: String(error) };
      process.stdout.write(`${JSON.stringify(failure)}\\n`);
      process.exit(0);
    },
  );
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=330)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-cases", type=int, default=None)
    args = parser.parse_args()

    node = shutil.which("node")
    if node is None:
        sys.exit("node is not on PATH")

    if not (IMPL / "node_modules" / "wx-server-sdk").is_dir():
        sys.exit("run first: npm ci --prefix tests/impl/node-good")

    work = Path(tempfile.mkdtemp(prefix="contractgen-check-bench-"))
    try:
        cases_file = dump_cases(work / "cases.jsonl", args.examples, args.seed)
        ours = time_command(args.examples, args.seed, args.repeat)
        stages = time_stages(args.examples, args.seed)
        baseline = time_per_process(node, work, cases_file, args.baseline_cases)
    finally:
        shutil.rmtree(work)

    report(ours, stages, baseline, node)


def dump_cases(path: Path, examples: int, seed: int) -> Path:
    """Write the cases the check runs, one ``{interface, input}`` per line."""
    contract_set = load_contracts(ROOT / "contracts")
    options = CheckOptions(IMPL, examples=examples, seed=seed)
    cases = build_cases(contract_set, contract_set.get(MODULE), options)
    with path.open("w", encoding="utf-8") as stream:
        for case in cases:
            line = {"interface": case.interface.name, "input": case.input}
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")

    return path


def time_command(examples: int, seed: int, repeat: int) -> dict[str, Any]:
    """The whole ``contractgen check`` command: calls and median seconds."""
    command = [
        str(Path(sys.executable).parent / "contractgen"),
        *("check", str(IMPL.relative_to(ROOT)), "--module", MODULE),
        *("--examples", str(examples), "--seed", str(seed), "--format", "json"),
    ]
    times = []
    calls = 0
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"contractgen check failed:\n{done.stdout.decode()}")

        calls = json.loads(done.stdout)["totals"]["cases"]

    return {"calls": calls, "seconds": statistics.median(times)}


def time_stages(examples: int, seed: int) -> dict[str, Any]:
    """The check's own timings, from a run in this process."""
    report = run_check(
        IMPL,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        module=MODULE,
        contracts_dir=ROOT / "contracts",
        examples=examples,
        seed=seed,
    )
    return {"calls": report.calls, **report.timings}


def time_per_process(
    node: str, work: Path, cases_file: Path, sample: int | None
) -> dict[str, Any]:
    """Each case in its own ``node`` process; every reply is validated."""
    runner = work / "call_once.js"
    runner.write_text(RUNNER_JS, encoding="utf-8")
    lines = cases_file.read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines]
    chosen = cases if sample is None else _spread(cases, sample)
    contract_set = load_contracts(ROOT / "contracts")
    contract = contract_set.get(MODULE)
    validators = interface_validators(contract_set)
    output = {i.name: validators(i, "output") for i in contract.custom_interfaces}
    listed = {i.name: {e.code for e in i.errors} for i in contract.custom_interfaces}
    conforming = 0
    started = time.perf_counter()
    for case in chosen:
        name = case["interface"]
        done = subprocess.run(
            [node, str(runner), name],
            cwd=IMPL,
            input=json.dumps(case["input"]).encode(),
            capture_output=True,
            check=False,
        )
        reply = json.loads(done.stdout)
        if reply["code"] == 0:
            conforming += output[name].is_valid(reply.get("result"))
        else:
            conforming += reply["code"] in listed[name]

    seconds = time.perf_counter() - started
    return {
        "calls": len(chosen),
        "of": len(cases),
        "seconds": seconds,
        "conforming": conforming,
    }


def _spread(cases: list[Any], count: int) -> list[Any]:
    """``count`` cases spread evenly over ``cases``, so every interface has some."""
    if count >= len(cases):
        return cases

    step = len(cases) / count
    return [cases[int(index * step)] for index in range(count)]


def report(
    ours: dict[str, Any],
    stages: dict[str, Any],
    baseline: dict[str, Any],
    node: str,
) -> None:
    node_version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    rate = ours["calls"] / ours["seconds"]
    drawn_and_run = stages["generate"] + stages["run"]
    stage_rate = stages["calls"] / drawn_and_run
    loaded_rate = stages["calls"] / (drawn_and_run + stages["load"])
    base_rate = baseline["calls"] / baseline["seconds"]
    per_process = "one `node` process per call"
    if baseline["calls"] != baseline["of"]:
        per_process += f" ({baseline['calls']:,} of {baseline['of']:,} cases)"

    click.echo(
        f"sign-up's custom interfaces in tests/impl/node-good; Python "
        f"{platform.python_version()}, Node {node_version}, "
        f"{len(os.sched_getaffinity(0))} CPUs\n"
    )
    click.echo("| run | calls | seconds | calls/s |")
    click.echo("|---|---:|---:|---:|")
    rows = [
        ("`contractgen check`, whole command", ours["calls"], ours["seconds"]),
        ("drawing inputs, calls and validation", stages["calls"], drawn_and_run),
        (
            "the same, with loading the handlers",
            stages["calls"],
            drawn_and_run + stages["load"],
        ),
        (per_process, baseline["calls"], baseline["seconds"]),
    ]
    for label, calls, seconds in rows:
        click.echo(f"| {label} | {calls:,} | {seconds:.2f} | {calls / seconds:,.0f} |")

    click.echo("")
    ratio = rate / base_rate
    click.echo(
        f"whole command: {rate:,.0f} calls/s (target {TARGET_RATE:,}), "
        f"{ratio:,.0f} times one process per call (target {TARGET_RATIO})"
    )
    click.echo(
        f"check stages: {stage_rate:,.0f} calls/s drawing, calling and "
        f"validating; {loaded_rate:,.0f} calls/s with the handlers' loading"
    )
    click.echo(
        f"one process per call: {baseline['conforming']:,} of "
        f"{baseline['calls']:,} replies conform"
    )


if __name__ == "__main__":
    main()
