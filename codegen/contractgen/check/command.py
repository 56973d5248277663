"""The ``contractgen check`` command: a thin click layer over :func:`run_check`."""

from __future__ import annotations

import contextlib
import io
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import click

from contractgen.check.launch import launch_worker
from contractgen.check.options import DEFAULT_EXAMPLES, DEFAULT_TIMEOUT
from contractgen.check.workers import Dispatcher

INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command("check")
@click.argument(
    "impl_dir", type=click.Path(file_okay=False, path_type=Path), metavar="IMPL_DIR"
)
@click.option("--module", help="The module whose contract to check against.")
@click.option(
    "--contract",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A contract file to check against, instead of --module.",
)
@click.option(
    "--contracts",
    "contracts_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The contracts folder that --module looks in "
    "(default: from [tool.contractgen], else 'contracts').",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["auto", "python", "node"]),
    default="auto",
    show_default=True,
    help="The implementation's language; auto tells it from the handler files.",
)
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=DEFAULT_EXAMPLES,
    show_default=True,
    help="Generated inputs per interface.",
)
@click.option("--seed", type=int, help="Seed of the generated inputs (printed).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds a handler may take per call.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The report's format on stdout.",
)
@click.option(
    "--junit-xml",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a JUnit XML report here.",
)
@click.option(
    "--only",
    multiple=True,
    metavar="INTERFACE",
    help="Check only this custom interface (repeatable).",
)
@click.option(
    "--strict", is_flag=True, help="Fail on codes the interface does not list."
)
def check_command(impl_dir: Path, **options: Any) -> None:
    """Check the cloud function in IMPL_DIR against its module's contract.

    Every custom interface is called with the contract's examples, boundary
    inputs and generated inputs, and every reply is checked.  Exits with 0 when
    the implementation conforms, 1 when it does not, 2 for usage or contract
    errors.
    """
    _never_fail_on_encoding(sys.stdout, sys.stderr)
    try:
        with _terminate_as_interrupt(), _launched(impl_dir, options) as worker:
            # Imported once the worker runs, so that the worker starts and loads
            # the handlers while Python imports the checker.
            from contractgen.check.runner import run_check

            report = run_check(
                impl_dir, stdout=sys.stdout, stderr=sys.stderr, worker=worker, **options
            )
    except KeyboardInterrupt:
        # Not 1: an interrupted run says nothing about conformance.
        click.echo("contractgen check: interrupted; the workers were stopped", err=True)
        raise SystemExit(INTERRUPTED) from None

    click.get_current_context().exit(report.exit_code)


def _never_fail_on_encoding(*streams: TextIO) -> None:
    """Escape what the streams' encodings cannot carry, instead of crashing.

    Inputs and replies hold any character, and a crash would end the command
    with 1, the code that says the implementation does not conform.
    """
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def _launched(impl_dir: Path, options: dict[str, Any]) -> Iterator[Dispatcher | None]:
    """The worker of the check, launched now; None when it cannot be yet."""
    worker = launch_worker(
        impl_dir,
        language=options["language"],
        timeout=options["timeout"],
        module=options["module"],
        contract=options["contract"],
        contracts_dir=options["contracts_dir"],
        only=options["only"],
        junit_xml=options["junit_xml"],
    )
    if worker is None:
        yield None
        return

    with worker:
        yield worker


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM and SIGHUP (the terminal closing) like Ctrl-C, so that the
    workers are killed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    previous = {
        signum: signal.signal(signum, _terminate)
        for signum in (signal.SIGTERM, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
