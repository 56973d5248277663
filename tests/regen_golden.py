"""Rewrite the golden files that tests compare generated output with.

Usage: ``python tests/regen_golden.py <target> [<target> ...]``, e.g.
``python tests/regen_golden.py docs``.  Each target renders the repository's
contracts and replaces ``tests/golden/<target>/`` with the result, laid out as the
output folder would be.  Review the diff before committing it.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import click

TESTS = Path(__file__).resolve().parent
CONTRACTS = TESTS.parent / "contracts"
GOLDEN = TESTS / "golden"


def docs_tree() -> dict[str, str]:
    """The docs renderer's output for the repository's contracts."""
    # Imported here so that a target whose renderer is broken cannot stop the
    # others from being regenerated.
    from contractgen.contract import load_contracts
    from contractgen.render.docs import render_docs, render_docs_index

    contract_set = load_contracts(CONTRACTS)
    tree = render_docs_index(contract_set)
    for contract in contract_set.contracts:
        tree.update(render_docs(contract_set, contract))

    return tree


# The Python renderer's cases: the contracts folder of each.  ``edge`` holds the
# awkward names and references that the real contracts do not.
PYTHON_CASES = {"contracts": CONTRACTS, "edge": TESTS / "golden_inputs" / "edge"}


def python_tree() -> dict[str, str]:
    """The Python packages of each case, as ``<case>/<package>/<file>``."""
    from contractgen.contract import load_contracts
    from contractgen.render.python import render_python

    tree = {}
    for case, folder in PYTHON_CASES.items():
        contract_set = load_contracts(folder)
        for contract in contract_set.contracts:
            for path, text in render_python(contract_set, contract).items():
                tree[f"{case}/{path.removeprefix('python/')}"] = text

    return tree


TARGETS: dict[str, Callable[[], dict[str, str]]] = {
    "docs": docs_tree,
    "python": python_tree,
}


def read_golden(target: str) -> dict[str, str]:
    """The golden files of ``target``, by path relative to its folder."""
    folder = GOLDEN / target
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def regen_command(target: str) -> str:
    return f"python tests/regen_golden.py {target}"


def write_golden(target: str, tree: dict[str, str]) -> None:
    folder = GOLDEN / target
    if folder.exists():
        shutil.rmtree(folder)

    for relative, text in sorted(tree.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps the LF line endings the renderers produce on any OS.
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)


def main(argv: list[str]) -> int:
    unknown = sorted(set(argv) - set(TARGETS))
    if not argv or unknown:
        known = ", ".join(sorted(TARGETS))
        click.echo(f"usage: {regen_command('<target>')} (targets: {known})", err=True)
        return 2

    for target in argv:
        tree = TARGETS[target]()
        write_golden(target, tree)
        click.echo(f"wrote {len(tree)} files under tests/golden/{target}/")

    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
