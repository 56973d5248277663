"""The ``contractgen`` command line: a thin layer over the build, scaffold and check."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from contractgen import __version__
from contractgen.build import Rendered, build, check
from contractgen.check.command import check_command
from contractgen.config import load_config
from contractgen.contract import meta_schema
from contractgen.issues import ExitCode, display_path
from contractgen.output import Comparison, WriteReport
from contractgen.scaffold.command import scaffold_command

_FOLDER = click.Path(path_type=Path, file_okay=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contractgen")
def main() -> None:
    """Interface contracts for page modules and the businesses that use them."""


@main.command("build")
@click.option("--contracts", type=_FOLDER, help="Folder of contract files.")
@click.option("--out", type=_FOLDER, help="Folder to write generated files into.")
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if stale."
)
def build_command(contracts: Path | None, out: Path | None, check_only: bool) -> None:
    """Generate typed Python packages, docs and scaffolds from the contracts.

    Settings not given here come from [tool.contractgen] in pyproject.toml, and
    default to 'contracts' and 'generated'.
    """
    config = load_config(contracts, out)
    show_progress = sys.stderr.isatty()
    if check_only:
        comparison = check(config, show_progress)
        _report_comparison(config.out, comparison)
        sys.exit(ExitCode.OK if comparison.current else ExitCode.FAILED)

    rendered, report = build(config, show_progress)
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
    click.echo(json.dumps(meta_schema(), ensure_ascii=False, indent=2))


main.add_command(scaffold_command)
main.add_command(check_command)
