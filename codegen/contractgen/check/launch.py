"""Starting the worker early, before the contract is loaded.

A Node worker takes a quarter of a second to start and to load handlers that
require ``wx-server-sdk``, about as long as the checker takes to import itself
and draw its inputs.  :func:`launch_worker` lets the two overlap: it tells the
language from the files alone and loads the contract, and starts the worker
only when the contract has no error, so that no handler runs for a check that
will be refused.

This module imports nothing heavy, so that the command can call it before it
imports the checker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from contractgen.check.options import check_writable
from contractgen.check.workers import Dispatcher, WorkerSpec, node_worker, python_worker
from contractgen.config import load_config
from contractgen.issues import ContractgenError, display_path

if TYPE_CHECKING:
    from contractgen.contract import Interface

# The contract's rule for interface names; other names have no handler to load.
_INTERFACE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def launch_worker(
    impl_dir: Path,
    *,
    language: Literal["auto", "node", "python"],
    timeout: float,
    module: str | None = None,
    contract: Path | None = None,
    contracts_dir: Path | None = None,
    only: Sequence[str] = (),
    junit_xml: Path | None = None,
) -> Dispatcher | None:
    """A dispatcher whose worker has started loading the handlers to check.

    The arguments are those of :func:`~contractgen.check.runner.run_check`.
    The worker loads only the handlers of the custom interfaces that the
    contract file names (and ``only`` keeps), in contract order, which is what
    the check's load calls would make it load anyway.

    :returns: None when the worker cannot be started this early: the check then
        starts it, and reports what stood in the way after any problem in the
        contract, as it would have without this.  None too when the check is
        bound to fail before its run, so that no handler loads for nothing.
    """
    if not impl_dir.is_dir():
        return None

    if junit_xml is not None:
        try:
            check_writable(junit_xml, "the JUnit report")
        except ContractgenError:
            return None

    try:
        if language == "auto":
            # Without interfaces, detection answers only where the interfaces
            # could not change its answer.
            language = detect_language(impl_dir, ())

        spec = worker_spec(language, impl_dir)
    except ContractgenError:
        return None

    names = _custom_interfaces(module, contract, contracts_dir)
    preload = [name for name in names if not only or name in only]
    dispatcher = Dispatcher(spec, timeout)
    try:
        dispatcher.launch(preload)
    except ContractgenError:
        dispatcher.close()
        return None

    return dispatcher


def _custom_interfaces(
    module: str | None, contract: Path | None, contracts_dir: Path | None
) -> list[str]:
    """The custom interfaces of the contract, in order, once it loads cleanly.

    Empty when it does not load: the check will refuse that contract, and no
    handler's top-level code (``cloud.init()``, a database connection) may run
    for a check that is refused.
    """
    from contractgen.contract import load_contracts  # the heavier half, needed now

    try:
        if contract is not None:
            contract_set = load_contracts(contract.parent)
            chosen = contract_set.by_file(contract.name)
        elif module is not None:
            folder = load_config(contracts=contracts_dir).contracts
            chosen = load_contracts(folder).get(module)
        else:
            return []
    except (ContractgenError, KeyError):
        return []

    return [interface.name for interface in chosen.custom_interfaces]


def worker_spec(language: Literal["node", "python"], impl_dir: Path) -> WorkerSpec:
    """How to start a worker for ``impl_dir``.

    :raises ContractgenError: when Node is needed and not on PATH, or when
        ``api/`` holds handlers of the other language only.
    """
    _refuse_other_language(impl_dir, language)
    if language == "node":
        return node_worker(impl_dir)

    return python_worker(impl_dir)


_SUFFIXES = {"node": ".js", "python": ".py"}
_NAMES = {"node": "Node", "python": "Python"}


def _refuse_other_language(impl_dir: Path, language: Literal["node", "python"]) -> None:
    """A language given by hand that no handler file is written in is a mistake."""
    other: Literal["node", "python"] = "python" if language == "node" else "node"
    suffixes = {path.suffix for path in (impl_dir / "api").glob("*")}
    if _SUFFIXES[language] not in suffixes and _SUFFIXES[other] in suffixes:
        raise ContractgenError(
            f"{display_path(impl_dir / 'api')} holds {_NAMES[other]} handlers "
            f"(*{_SUFFIXES[other]}) and no {_NAMES[language]} ones; "
            f"use --lang {other} or --lang auto"
        )


def detect_language(
    impl_dir: Path, interfaces: Sequence[Interface]
) -> Literal["node", "python"]:
    """Tell Node from Python by the handler files in ``impl_dir/api``.

    The files of the interfaces checked decide; without any, the other files in
    ``api/``; without any, ``package.json`` (Node) or ``index.py`` (Python).

    :raises ContractgenError: when the files do not tell.
    """
    api = impl_dir / "api"
    if not api.is_dir():
        raise ContractgenError(
            f"{display_path(impl_dir)!r} has no 'api' folder; a cloud function "
            "keeps one handler file per interface there (api/<name>.js or "
            "api/<name>.py)"
        )

    clues: list[dict[Literal["node", "python"], bool]] = [
        {
            "node": any((api / f"{i.name}.js").is_file() for i in interfaces),
            "python": any((api / f"{i.name}.py").is_file() for i in interfaces),
        },
        {"node": any(api.glob("*.js")), "python": any(api.glob("*.py"))},
        {
            "node": (impl_dir / "package.json").is_file(),
            "python": (impl_dir / "index.py").is_file(),
        },
    ]
    for clue in clues:
        found = [language for language, present in clue.items() if present]
        if len(found) == 1:
            return found[0]

        if found:
            raise ContractgenError(
                f"{display_path(impl_dir)!r} has both Node and Python handler "
                "files; pass --lang node or --lang python"
            )

    raise ContractgenError(
        f"no handler files in {display_path(api)!r} to tell the language by; "
        "pass --lang"
    )
