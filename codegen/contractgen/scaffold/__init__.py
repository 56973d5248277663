"""Handler scaffolds: the cloud functions a business writes its custom interfaces in.

:func:`render_scaffold` gives one module's scaffold in one language, each file
marked as owned by the tool or by the business; :func:`apply` and :func:`check`
in :mod:`contractgen.scaffold.files` meet it with a folder on disk.
"""

from __future__ import annotations

from typing import Literal

from contractgen.contract import Contract, ContractSet
from contractgen.scaffold.files import Finding, Scaffold, ScaffoldFile, apply, check
from contractgen.scaffold.node import render_node_scaffold
from contractgen.scaffold.python import render_python_scaffold

Lang = Literal["python", "node"]
LANGS: tuple[Lang, ...] = ("python", "node")

__all__ = [
    "LANGS",
    "Finding",
    "Lang",
    "Scaffold",
    "ScaffoldFile",
    "apply",
    "check",
    "render_scaffold",
    "render_scaffold_reference",
]


def render_scaffold(
    contract_set: ContractSet, contract: Contract, lang: Lang
) -> Scaffold:
    """The module's scaffold in ``lang``, every file with its owner."""
    if lang == "python":
        return render_python_scaffold(contract_set, contract)

    return render_node_scaffold(contract_set, contract)


def render_scaffold_reference(
    contract_set: ContractSet, contract: Contract
) -> dict[str, str]:
    """Both scaffolds of the module, as ``scaffold/<module>/<lang>/<path>``.

    This is the reference copy the build keeps under ``generated/``: what a
    fresh ``contractgen scaffold`` would write, business files included.
    """
    files: dict[str, str] = {}
    for lang in LANGS:
        scaffold = render_scaffold(contract_set, contract, lang)
        files.update(scaffold.as_dict(f"scaffold/{contract.module}/{lang}/"))

    return files
