"""The build: contracts in, every generated artifact out, all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import click

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


@dataclass(frozen=True)
class BuildResult:
    contract_set: ContractSet
    files: dict[str, bytes]


def render_all(
    contract_set: ContractSet, show_progress: bool = False
) -> dict[str, bytes]:
    """Render every artifact of every contract, in memory."""
    tree: dict[str, str] = {}
    with _progress(contract_set.contracts, show_progress) as contracts:
        for contract in contracts:
            for renderer in RENDERERS:
                _merge(tree, renderer(contract_set, contract))

    _merge(tree, render_docs_index(contract_set))
    return encode_tree(tree)


def _merge(tree: dict[str, str], files: dict[str, str]) -> None:
    clash = sorted(set(tree) & set(files))
    if clash:
        raise ValueError(f"two renderers produced {clash[0]!r}")

    tree.update(files)


@contextmanager
def _progress(items: Iterable[T], show: bool) -> Iterator[Iterable[T]]:
    if not show:
        yield items
        return

    with click.progressbar(
        items, label="Rendering", file=click.get_text_stream("stderr")
    ) as bar:
        yield bar


def prepare(config: Config, show_progress: bool = False) -> BuildResult:
    """Load the contracts and render everything; touches no file."""
    contract_set = load_contracts(config.contracts)
    return BuildResult(contract_set, render_all(contract_set, show_progress))


def build(config: Config, show_progress: bool = False) -> WriteReport:
    result = prepare(config, show_progress)
    return write_tree(config.out, result.files)


def check(config: Config, show_progress: bool = False) -> Comparison:
    result = prepare(config, show_progress)
    return compare(config.out, result.files)
