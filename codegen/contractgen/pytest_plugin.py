"""A pytest plugin: conformance of an implementation as ordinary test items.

It does nothing unless an implementation folder is named, on the command line
or in the ini file::

    pytest --contractgen-impl cloudfunctions/sign-up --contractgen-module sign-up

    [pytest]
    contractgen_impl = cloudfunctions/sign-up
    contractgen_module = sign-up

Each custom interface of the module becomes one item,
``contractgen::<module>::<interface>``, that fails with the checker's report of
its problems.  Every selected interface is checked in one run, with one worker,
when the first item runs.  The other options mirror ``contractgen check``:
``--contractgen-contract``, ``--contractgen-contracts``, ``--contractgen-lang``,
``--contractgen-examples``, ``--contractgen-seed``, ``--contractgen-timeout`` and
``--contractgen-strict`` (and the ini settings of the same names, without the
dashes).  Paths in the ini file are relative to the rootdir.

The checker is imported only inside the hooks that need it: it imports
hypothesis, which must not be imported while pytest starts up.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from contractgen.check.options import Language
    from contractgen.check.results import CheckReport

_SETTINGS = {
    # name: (help, kind)
    "impl": ("Implementation folder to check; enables the plugin.", "path"),
    "module": ("Module whose contract to check against.", "string"),
    "contract": ("Contract file to check against, instead of a module.", "path"),
    "contracts": ("Contracts folder that the module is looked up in.", "path"),
    "lang": ("Implementation language: auto, node or python.", "string"),
    "examples": ("Generated inputs per interface.", "string"),
    "seed": ("Seed of the generated inputs.", "string"),
    "timeout": ("Seconds a handler may take per call.", "string"),
    "strict": ("Fail on codes the interface does not list.", "bool"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contractgen", "conformance of cloud functions")
    for name, (help_text, kind) in _SETTINGS.items():
        flag = f"--contractgen-{name}"
        ini = f"contractgen_{name}"
        if kind == "bool":
            group.addoption(flag, action="store_true", default=None, help=help_text)
            parser.addini(ini, help_text, type="bool", default=None)
        else:
            group.addoption(flag, default=None, help=help_text)
            parser.addini(ini, help_text, type="string", default=None)


def _setting(config: pytest.Config, name: str) -> Any:
    """A setting from the command line, else from the ini file, else None.

    Paths on the command line are relative to the working directory, and those
    in the ini file to the rootdir.
    """
    is_path = _SETTINGS[name][1] == "path"
    value = config.getoption(f"contractgen_{name}")
    if value is not None:
        return Path(value) if is_path else value

    value = config.getini(f"contractgen_{name}")
    if value in (None, ""):
        return None

    return config.rootpath / value if is_path else value


class _Plan:
    """What the session checks, from its settings, and the report once run."""

    def __init__(self, config: pytest.Config) -> None:
        from contractgen.check.options import (
            DEFAULT_EXAMPLES,
            DEFAULT_TIMEOUT,
            new_seed,
        )
        from contractgen.config import load_config

        self.impl: Path = _setting(config, "impl")
        self.module: str | None = _setting(config, "module")
        self.contract: Path | None = _setting(config, "contract")
        self.contracts: Path | None = _setting(config, "contracts")
        if self.contracts is None and self.contract is None:
            # As for the ini file's paths: the project's settings, from the rootdir.
            self.contracts = load_config(start=config.rootpath).contracts
        self.language: Language = _setting(config, "lang") or "auto"
        if self.language not in ("auto", "node", "python"):
            raise pytest.UsageError(
                f"contractgen: --contractgen-lang is {self.language!r}; use auto, "
                "node or python"
            )

        try:
            self.examples = int(_setting(config, "examples") or DEFAULT_EXAMPLES)
            seed = _setting(config, "seed")
            self.seed = new_seed() if seed is None else int(seed)
            self.timeout = float(_setting(config, "timeout") or DEFAULT_TIMEOUT)
        except ValueError as error:
            raise pytest.UsageError(f"contractgen: {error}") from None

        self.strict = bool(_setting(config, "strict"))
        self.report: CheckReport | None = None
        self.error: str | None = None

    def interfaces(self) -> tuple[str, list[str]]:
        """The module and the names of its custom interfaces."""
        from contractgen.check.runner import load_contract

        _, contract = load_contract(self.module, self.contract, self.contracts)
        return contract.module, [i.name for i in contract.custom_interfaces]

    def run(self, only: list[str]) -> None:
        from contractgen.check.runner import run_check
        from contractgen.issues import ContractgenError

        try:
            self.report = run_check(
                self.impl,
                stdout=io.StringIO(),
                stderr=io.StringIO(),
                module=self.module,
                contract=self.contract,
                contracts_dir=self.contracts,
                language=self.language,
                examples=self.examples,
                seed=self.seed,
                timeout=self.timeout,
                only=only,
                strict=self.strict,
                progress=False,
            )
        except ContractgenError as error:
            self.error = f"contractgen: {error.format_message()}"


_PLAN = pytest.StashKey[_Plan]()


def pytest_configure(config: pytest.Config) -> None:
    if _setting(config, "impl") is not None:
        config.stash[_PLAN] = _Plan(config)


def pytest_report_header(config: pytest.Config) -> str | None:
    plan = config.stash.get(_PLAN, None)
    if plan is None:
        return None

    return f"contractgen: checking {plan.impl} with seed {plan.seed}"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    plan = config.stash.get(_PLAN, None)
    if plan is None:
        return

    from contractgen.issues import ContractgenError

    try:
        module, names = plan.interfaces()
    except ContractgenError as error:
        raise pytest.UsageError(f"contractgen: {error.format_message()}") from None

    collector = ConformanceCollector.from_parent(
        session, name="contractgen", module=module, interfaces=names
    )
    # Report the collection as pytest's own collection does, so that counts and
    # hooks such as -k deselection see these items like any other.
    collector.ihook.pytest_collectstart(collector=collector)
    collected = list(collector.collect())
    result: list[pytest.Item | pytest.Collector] = [*collected]
    report = pytest.CollectReport(collector.nodeid, "passed", None, result)
    collector.ihook.pytest_collectreport(report=report)
    for item in collected:
        item.ihook.pytest_itemcollected(item=item)

    items.extend(collected)


class ConformanceCollector(pytest.Collector):
    """The parent of the conformance items: one per custom interface."""

    def __init__(self, *, module: str, interfaces: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.module = module
        self.interfaces = interfaces

    def collect(self) -> Iterator[pytest.Item]:
        for name in self.interfaces:
            yield ConformanceItem.from_parent(
                self, name=f"{self.module}::{name}", interface=name
            )


class ConformanceFailure(Exception):
    """An interface does not conform; the message is the checker's report."""


class ConformanceItem(pytest.Item):
    """The conformance of one custom interface."""

    def __init__(self, *, interface: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.interface = interface

    def runtest(self) -> None:
        plan = self.config.stash[_PLAN]
        if plan.report is None and plan.error is None:
            selected = [i for i in self.session.items if isinstance(i, ConformanceItem)]
            plan.run([item.interface for item in selected])

        if plan.error is not None:
            raise ConformanceFailure(plan.error)

        from contractgen.check.report import interface_text

        assert plan.report is not None
        text = interface_text(plan.report, self.interface)
        if not plan.report.interface(self.interface).conforms:
            raise ConformanceFailure(text)

        if plan.report.groups_of(self.interface):
            self.add_report_section("call", "contractgen", text)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, ConformanceFailure):
            return str(excinfo.value)

        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        plan = self.config.stash[_PLAN]
        return plan.impl, None, f"contractgen: {self.name}"
