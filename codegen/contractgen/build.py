"""The build: contracts in, every generated artifact out, all or nothing."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import click

from contractgen.cache import RenderCache, module_key
from contractgen.contract import Contract, ContractSet
from contractgen.output import Comparison, WriteReport, compare, encode_tree, write_tree
from contractgen.render.docs import render_docs, render_docs_index
from contractgen.render.python import render_python
from contractgen.scaffold import render_scaffold_reference

Renderer = Callable[[ContractSet, Contract], dict[str, str]]
RENDERERS: tuple[Renderer, ...] = (
    render_python,
    render_docs,
    render_scaffold_reference,
)

T = TypeVar("T")


@dataclass
class Rendered:
    """Every file of a build, and which modules needed rendering."""

    files: dict[str, bytes] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


def render_module(contract_set: ContractSet, contract: Contract) -> dict[str, bytes]:
    """Render every artifact of one module, in memory."""
    tree: dict[str, str] = {}
    for renderer in RENDERERS:
        _merge(tree, renderer(contract_set, contract))

    return encode_tree(tree)


def render_all(
    contract_set: ContractSet, out: Path, show_progress: bool = False
) -> Rendered:
    """Render every module, taking unchanged ones from ``out`` through the cache."""
    cache = RenderCache(out)
    keys = {c.module: module_key(contract_set, c) for c in contract_set.contracts}
    found = {module: cache.lookup(out, module, key) for module, key in keys.items()}
    stale = [c for c in contract_set.contracts if found[c.module] is None]
    rendered = _render_each(contract_set, stale)
    with _progress(rendered, len(stale), show_progress) as modules:
        for module, files in modules:
            found[module] = files
            cache.remember(module, keys[module], files)

    result = Rendered()
    stale_modules = {contract.module for contract in stale}
    for contract in contract_set.contracts:
        module_files = found[contract.module]
        assert module_files is not None  # rendered above when the cache had none
        _merge(result.files, module_files)
        names = result.rendered if contract.module in stale_modules else result.reused
        names.append(contract.module)

    _merge(result.files, encode_tree(render_docs_index(contract_set)))
    cache.save()
    return result


# Below this many modules to render, starting worker processes costs more than
# it saves.
_PARALLEL_FROM = 8
_shared: ContractSet | None = None


def _render_each(
    contract_set: ContractSet, contracts: list[Contract]
) -> Iterator[tuple[str, dict[str, bytes]]]:
    """Yield each module's files, in the order of ``contracts``.

    Rendering a module is independent of the others and mostly spent in
    datamodel-code-generator, so a large build spreads modules over forked
    worker processes, one per core.  Forking shares the loaded contracts
    without pickling them.
    """
    cores = _usable_cores()
    if len(contracts) < _PARALLEL_FROM or cores < 2:
        for contract in contracts:
            yield contract.module, render_module(contract_set, contract)
        return

    global _shared
    _shared = contract_set
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
        modules = [contract.module for contract in contracts]
        yield from zip(modules, pool.map(_render_in_worker, modules), strict=True)


def _usable_cores() -> int:
    # sched_getaffinity knows the cores this process may use, but only Linux has it.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))

    return os.cpu_count() or 1


def _render_in_worker(module: str) -> dict[str, bytes]:
    assert _shared is not None  # set by the parent before forking
    return render_module(_shared, _shared.get(module))


def _merge(tree: dict[str, T], files: dict[str, T]) -> None:
    clash = sorted(set(tree) & set(files))
    if clash:
        raise ValueError(f"two renderers produced {clash[0]!r}")

    tree.update(files)


@contextmanager
def _progress(items: Iterable[T], length: int, show: bool) -> Iterator[Iterable[T]]:
    if not show:
        yield items
        return

    stream = click.get_text_stream("stderr")
    with click.progressbar(items, length, label="Rendering", file=stream) as bar:
        yield bar


def build(
    contract_set: ContractSet, out: Path, show_progress: bool = False
) -> tuple[Rendered, WriteReport]:
    """Write the output folder for the contracts, or change nothing."""
    rendered = render_all(contract_set, out, show_progress)
    return rendered, write_tree(out, rendered.files)


def check(
    contract_set: ContractSet, out: Path, show_progress: bool = False
) -> Comparison:
    """Compare the output folder with what a build would write; write nothing."""
    rendered = render_all(contract_set, out, show_progress)
    return compare(out, rendered.files)
