"""``contractgen scaffold``: create or complete one module's implementation folder."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import cast

import click

from contractgen.config import load_config
from contractgen.contract import Contract, ContractSet, load_contracts
from contractgen.issues import ContractgenError, ExitCode, display_path
from contractgen.scaffold import LANGS, Finding, Lang, apply, check, render_scaffold


class ScaffoldOutOfDate(ContractgenError):
    """``--check`` found files missing or out of date."""

    exit_code = ExitCode.FAILED


@click.command("scaffold")
@click.argument("module")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    required=True,
    help="Language of the cloud function.",
)
@click.option(
    "--dest",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder of the cloud function; created when missing.",
)
@click.option(
    "--contracts",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of contract files.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; report what is missing or outdated and exit 1 if any.",
)
def scaffold_command(
    module: str, lang: str, dest: Path, contracts: Path | None, check_only: bool
) -> None:
    """Create or complete the cloud function implementing MODULE's custom interfaces.

    Files the business owns (handlers in api/, README, dependency list,
    examples) are created when missing and never touched again. Files the tool
    owns (entry file, types, the copy of the contracts) are rewritten when the
    contract has changed. Handler files without an interface are reported and
    left in place.
    """
    contract_set = load_contracts(load_config(contracts).contracts)
    contract = _contract(contract_set, module)
    scaffold = render_scaffold(contract_set, contract, cast(Lang, lang))
    if not contract.custom_interfaces:
        click.echo(
            f"warning: module {module!r} has no custom interfaces; the cloud"
            " function has nothing to implement",
            err=True,
        )

    if check_only:
        rerun = ["contractgen", "scaffold", module, "--lang", lang]
        rerun += ["--dest", display_path(dest)]
        if contracts is not None:
            rerun += ["--contracts", display_path(contracts)]

        _report_check(shlex.join(rerun), dest, check(scaffold, dest))
        return

    findings = apply(scaffold, dest)
    for finding in findings:
        click.echo(str(finding), err=finding.action == "extra")

    counts = {
        action: sum(1 for f in findings if f.action == action)
        for action in ("created", "updated", "kept")
    }
    summary = ", ".join(f"{count} {action}" for action, count in counts.items())
    click.echo(f"{display_path(dest)}: {summary}")


def _contract(contract_set: ContractSet, module: str) -> Contract:
    try:
        return contract_set.get(module)
    except KeyError:
        known = ", ".join(repr(c.module) for c in contract_set.contracts) or "none"
        raise ContractgenError(
            f"no contract for module {module!r} (modules: {known})"
        ) from None


def _report_check(rerun: str, dest: Path, findings: list[Finding]) -> None:
    for finding in findings:
        click.echo(str(finding))

    failing = [f for f in findings if f.action in ("missing", "outdated")]
    if not failing:
        click.echo(f"{display_path(dest)} is up to date")
        return

    missing = sum(1 for f in failing if f.action == "missing")
    outdated = len(failing) - missing
    raise ScaffoldOutOfDate(
        f"{_count(missing, 'file')} missing, {outdated} outdated; run {rerun!r}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
