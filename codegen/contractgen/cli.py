"""The ``contractgen`` command line: a thin layer over the build, scaffold and check."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from contractgen import __version__
from contractgen.config import load_config
from contractgen.issues import ExitCode, InvalidContracts, display_path

if TYPE_CHECKING:
    from contractgen.build import Rendered
    from contractgen.output import Comparison, WriteReport

_FOLDER = click.Path(path_type=Path, file_okay=False)


class _LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs.

    Each command pulls in different heavy libraries (the model generator for
    ``build``, hypothesis for ``check``); none should slow down the others.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self._lazy:
            return super().get_command(ctx, name)

        module, attribute = self._lazy[name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy={
        "check": "contractgen.check.command:check_command",
        "scaffold": "contractgen.scaffold.command:scaffold_command",
    },
)
@click.version_option(__version__, prog_name="contractgen")
def main() -> None:
    """Interface contracts for page modules and the businesses that use them."""


@main.command("build")
@click.option("--contracts", type=_FOLDER, help="Folder of contract files.")
@click.option("--out", type=_FOLDER, help="Folder to write generated files into.")
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if stale."
)
@click.option("--strict", is_flag=True, help="Fail on warnings about the contracts.")
def build_command(
    contracts: Path | None, out: Path | None, check_only: bool, strict: bool
) -> None:
    """Generate typed Python packages, docs and scaffolds from the contracts.

    Settings not given here come from [tool.contractgen] in pyproject.toml, and
    default to 'contracts' and 'generated'.
    """
    from contractgen.build import build, check  # heavy: see _LazyGroup
    from contractgen.contract import load_contracts

    config = load_config(contracts, out)
    contract_set = load_contracts(config.contracts)
    if strict and contract_set.warnings:
        raise InvalidContracts(list(contract_set.warnings))

    for warning in contract_set.warnings:
        click.echo(str(warning), err=True)

    show_progress = sys.stderr.isatty()
    if check_only:
        comparison = check(contract_set, config.out, show_progress)
        _report_comparison(config.out, comparison)
        sys.exit(ExitCode.OK if comparison.current else ExitCode.FAILED)

    rendered, report = build(contract_set, config.out, show_progress)
    _report_write(config.out, rendered, report)


def _report_write(out: Path, rendered: Rendered, report: WriteReport) -> None:
    shown = display_path(out)
    total = len(report.written) + len(report.unchanged)
    modules = len(rendered.rendered) + len(rendered.reused)
    click.echo(
        f"{shown}: {total} files, {len(report.written)} written, "
        f"{len(report.removed)} removed ({modules} modules, "
        f"{len(rendered.reused)} unchanged since the last build)"
    )
    for name in report.removed:
        click.echo(f"  removed {name}")


def _report_comparison(out: Path, comparison: Comparison) -> None:
    shown = display_path(out)
    if comparison.current:
        click.echo(f"{shown} is up to date")
        return

    for label, names in (
        ("stale", comparison.stale),
        ("missing", comparison.missing),
        ("extra", comparison.extra),
    ):
        for name in names:
            click.echo(f"{label}: {shown}/{name}")

    for diff in comparison.diffs.values():
        click.echo(diff)

    click.echo(
        f"{shown} is out of date; run 'contractgen build' to update it", err=True
    )


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a contract file, for editors."""
    from contractgen.contract import meta_schema  # heavy: see _LazyGroup

    click.echo(json.dumps(meta_schema(), ensure_ascii=False, indent=2))
