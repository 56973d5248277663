"""The build: contracts in, every generated artifact out, all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import click

from contractgen.cache import RenderCache, module_key
from contractgen.config import Config
from contractgen.contract import Contract, ContractSet, load_contracts
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
    result = Rendered()
    cache = RenderCache(out)
    with _progress(contract_set.contracts, show_progress) as contracts:
        for contract in contracts:
            key = module_key(contract_set, contract)
            files = cache.lookup(out, contract.module, key)
            if files is None:
                files = render_module(contract_set, contract)
                cache.remember(contract.module, key, files)
                result.rendered.append(contract.module)
            else:
                result.reused.append(contract.module)

            _merge(result.files, files)

    _merge(result.files, encode_tree(render_docs_index(contract_set)))
    cache.save()
    return result


def _merge(tree: dict[str, T], files: dict[str, T]) -> None:
    clash = sorted(set(tree) & set(files))
    if clash:
        raise ValueError(f"two renderers produced {clash[0]!r}")

    tree.update(files)


@contextmanager
def _progress(items: Iterable[T], show: bool) -> Iterator[Iterable[T]]:
    if not show:
        yield items
        return

    stream = click.get_text_stream("stderr")
    with click.progressbar(items, label="Rendering", file=stream) as bar:
        yield bar


def build(config: Config, show_progress: bool = False) -> tuple[Rendered, WriteReport]:
    """Validate the contracts and write the output folder, or change nothing."""
    contract_set = load_contracts(config.contracts)
    rendered = render_all(contract_set, config.out, show_progress)
    return rendered, write_tree(config.out, rendered.files)


def check(config: Config, show_progress: bool = False) -> Comparison:
    """Compare the output folder with what a build would write; write nothing."""
    contract_set = load_contracts(config.contracts)
    rendered = render_all(contract_set, config.out, show_progress)
    return compare(config.out, rendered.files)
