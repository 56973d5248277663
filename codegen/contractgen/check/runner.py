"""Checking an implementation against a contract, from options to report.

:func:`check_implementation` is the checking itself and returns a
:class:`CheckReport`; :func:`run_check` adds what the command needs around it:
loading the contracts, choosing the seed, showing progress and writing the
report in the format asked for.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from contractgen.check.cases import Case, InputSource, cases_for
from contractgen.check.launch import detect_language, launch_worker, worker_spec
from contractgen.check.options import (
    DEFAULT_EXAMPLES,
    DEFAULT_TIMEOUT,
    CheckOptions,
    Language,
    OutputFormat,
    check_writable,
    new_seed,
)
from contractgen.check.report import write_report
from contractgen.check.results import CheckReport, FindingGroup, InterfaceReport
from contractgen.check.validation import interface_validators
from contractgen.check.verdict import (
    Finding,
    Rules,
    judge,
    load_finding,
    schema_locations,
)
from contractgen.check.workers import (
    MAX_REPLY_BYTES,
    Call,
    Dispatcher,
    Outcome,
    WorkerSpec,
)
from contractgen.config import load_config
from contractgen.contract import Contract, ContractSet, Interface, load_contracts
from contractgen.issues import ContractgenError, InvalidContracts, display_path

Progress = Callable[[str, int, int], None]
"""Told what stage a run is in, and how much of it is done: ``(stage, done, total)``."""

SHRINKS_PER_INTERFACE = 3
# Failures that take a timeout, a restart or a huge reply per call are not worth
# shrinking call by call.
UNSHRINKABLE_RULES = frozenset({"timeout", "crash", "reply-size"})


def check_implementation(
    contract_set: ContractSet,
    contract: Contract,
    options: CheckOptions,
    *,
    progress: Progress | None = None,
    cases: Sequence[Case] | None = None,
    worker: Dispatcher | None = None,
) -> CheckReport:
    """Call every custom interface of ``contract`` in the implementation, judge
    every reply, and shrink failures found with generated inputs.

    :param progress: told how the run goes, stage by stage.
    :param cases: the cases to run, as :func:`build_cases` makes them; by
        default they are built here.  Giving them lets a caller time the calls
        apart from drawing the inputs.
    :param worker: a dispatcher from :func:`launch_worker`, whose worker may
        have loaded the handlers already.  It is used when it runs the language
        and timeout of this check, and closed otherwise; the caller closes it.
    :raises ContractgenError: when the folder or the options are unusable.
    """
    interfaces = select_interfaces(contract, options.only)
    language = (
        detect_language(options.impl_dir, interfaces)
        if options.language == "auto"
        else options.language
    )

    spec = worker_spec(language, options.impl_dir)
    seed = new_seed() if options.seed is None else options.seed
    report = CheckReport(
        module=contract.module,
        contract_file=display_path(contract.path),
        implementation=display_path(options.impl_dir),
        language=language,
        seed=seed,
        examples=options.examples,
        timeout=options.timeout,
        strict=options.strict,
        interfaces=[InterfaceReport(interface.name) for interface in interfaces],
        groups=[],
        reproduce_base=options.reproduce_base,
    )
    check = _Check(contract_set, interfaces, options, report, progress)
    with _dispatcher(worker, spec, options.timeout) as dispatcher:
        # The worker starts, or goes on, loading the handlers while the inputs
        # are drawn.
        dispatcher.start(check.load_probes())
        if cases is None:
            started = time.perf_counter()
            cases = check.build_cases()
            report.timings["generate"] = time.perf_counter() - started

        check.run(dispatcher, cases)

    return report


def build_cases(
    contract_set: ContractSet, contract: Contract, options: CheckOptions
) -> list[Case]:
    """The cases a check with ``options`` runs: examples, boundary, generated.

    :raises ValueError: when ``options.seed`` is None; the cases would then not
        match the seed of any report.
    """
    if options.seed is None:
        raise ValueError("build_cases needs options.seed")

    interfaces = select_interfaces(contract, options.only)
    validators = interface_validators(contract_set)
    cases = []
    for interface in interfaces:
        validator = validators(interface, "input")
        source = InputSource.of(
            contract_set, interface, options.seed, validator=validator
        )
        cases += cases_for(source, options.examples)

    return cases


def _dispatcher(
    worker: Dispatcher | None, spec: WorkerSpec, timeout: float
) -> contextlib.AbstractContextManager[Dispatcher]:
    """``worker`` when it fits the check, left to its owner; else a new dispatcher."""
    if worker is not None and (worker.spec, worker.timeout) == (spec, timeout):
        return contextlib.nullcontext(worker)

    if worker is not None:
        worker.close()  # the files changed since it started; it runs the wrong ones

    return Dispatcher(spec, timeout)


def select_interfaces(contract: Contract, only: Sequence[str]) -> list[Interface]:
    """The custom interfaces to check, in contract order.

    :raises ContractgenError: for a name that is not a custom interface.
    """
    custom = list(contract.custom_interfaces)
    if not custom:
        raise ContractgenError(
            f"module {contract.module!r} has no custom interfaces to check"
        )

    names = [interface.name for interface in custom]
    for name in only:
        if name not in names:
            raise ContractgenError(_unknown_interface(contract, name, names))

    return [i for i in custom if not only or i.name in only]


def _unknown_interface(contract: Contract, name: str, names: list[str]) -> str:
    standard = [i.name for i in contract.interfaces if i.kind == "standard"]
    if name in standard:
        return (
            f"{name!r} is a standard interface of {contract.module!r}; check runs "
            f"only custom interfaces ({', '.join(sorted(names))})"
        )

    message = f"module {contract.module!r} has no custom interface {name!r}"
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return f"{message}; did you mean {close[0]!r}?"

    return f"{message} (it has {', '.join(sorted(names))})"


class _Check:
    """One run: cases, calls, verdicts and grouping, then shrinking."""

    def __init__(
        self,
        contract_set: ContractSet,
        interfaces: list[Interface],
        options: CheckOptions,
        report: CheckReport,
        progress: Progress | None,
    ) -> None:
        self.options = options
        self.report = report
        self.progress = progress
        self.interfaces = {interface.name: interface for interface in interfaces}
        locations = schema_locations(contract_set)
        validators = interface_validators(contract_set)
        self.rules = {
            interface.name: Rules(
                interface,
                validators(interface, "output"),
                locations,
                options.timeout,
                MAX_REPLY_BYTES,
                options.strict,
            )
            for interface in interfaces
        }
        self.sources = {
            interface.name: InputSource.of(
                contract_set,
                interface,
                report.seed,
                validator=validators(interface, "input"),
            )
            for interface in interfaces
        }
        self.groups: dict[tuple[str, str], tuple[int, FindingGroup]] = {}

    def build_cases(self) -> list[Case]:
        cases = []
        for done, source in enumerate(self.sources.values()):
            if self.progress is not None:
                self.progress("drawing inputs", done, len(self.sources))

            cases += cases_for(source, self.options.examples)

        return cases

    def load_probes(self) -> list[Call]:
        """Calls that load each handler once, to send before any other."""
        return [Call(name, op="load") for name in self.interfaces]

    def run(self, dispatcher: Dispatcher, cases: Sequence[Case]) -> None:
        """Run ``cases`` once the handlers are loaded, then shrink failures.

        The load probes must have been started on ``dispatcher``.
        """
        unknown = {case.interface.name for case in cases} - set(self.interfaces)
        if unknown:
            raise ValueError(f"cases of interfaces not checked: {sorted(unknown)}")

        timings = self.report.timings
        started = time.perf_counter()
        callable_ = self._load(dispatcher)
        timings["load"] = time.perf_counter() - started
        started = time.perf_counter()
        calls = [
            Call(case.interface.name, case.input, tag=(index, case))
            for index, case in enumerate(cases)
            if case.interface.name in callable_
        ]
        self._call(dispatcher, calls)
        timings["run"] = time.perf_counter() - started
        started = time.perf_counter()
        self._shrink(dispatcher)
        timings["shrink"] = time.perf_counter() - started
        self.report.calls = len(calls)
        ordered = sorted(self.groups.values(), key=lambda item: item[0])
        self.report.groups = [group for _, group in ordered]
        for group in self.report.groups:
            # Failures that were not shrunk (timeouts, crashes, examples) still
            # come back with the same seed and interface.
            if group.reproduce is None and group.finding.level == "failure":
                group.reproduce = self.report.reproduce_command(group.interface)

    def _load(self, dispatcher: Dispatcher) -> set[str]:
        """Wait for the load probes; return the names of the handlers to call."""
        callable_ = set()
        for call, outcome in dispatcher.run([]):
            if outcome.status == "loaded":
                callable_.add(call.interface)
            else:
                failure = load_finding(outcome)
                self.report.interface(call.interface).load_failure = failure

        return callable_

    def _call(self, dispatcher: Dispatcher, calls: list[Call]) -> None:
        for done, (call, outcome) in enumerate(dispatcher.run(calls), start=1):
            index, case = call.tag
            findings = judge(case, outcome, self.rules[case.interface.name])
            self._record(index, case, outcome, findings)
            if self.progress is not None:
                self.progress("calling", done, len(calls))

    def _record(
        self, index: int, case: Case, outcome: Outcome, findings: list[Finding]
    ) -> None:
        interface = self.report.interface(case.interface.name)
        skipped = outcome.status == "skipped"
        interface.tallies[case.input_class].add(findings, skipped=skipped)
        if skipped:
            interface.skip_reason = outcome.detail

        for finding in findings:
            key = (case.interface.name, finding.group)
            if key not in self.groups:
                self.groups[key] = (index, FindingGroup.first(case, outcome, finding))
                continue

            earliest, group = self.groups[key]
            if index < earliest:
                # Outcomes arrive in any order; the earliest case stands for the
                # group, so that reports do not change from run to run.
                earlier = FindingGroup.first(case, outcome, finding)
                earlier.count, earlier.classes = group.count, group.classes
                self.groups[key] = (index, earlier)
                group = earlier

            group.count += 1
            group.classes.add(case.input_class)

    def _shrink(self, dispatcher: Dispatcher) -> None:
        if not any(self._worth_shrinking(group) for _, group in self.groups.values()):
            return

        # Imported here: it imports hypothesis, which a passing run never needs.
        from contractgen.check.shrink import shrink

        shrunk: dict[str, int] = {}
        for _, group in sorted(self.groups.values(), key=_first):
            name = group.interface
            if not self._worth_shrinking(group):
                continue

            if shrunk.get(name, 0) >= SHRINKS_PER_INTERFACE:
                continue

            shrunk[name] = shrunk.get(name, 0) + 1
            still_fails = self._still_fails(dispatcher, group)
            source = self.sources[name]
            minimal = shrink(
                source, self.options.examples, still_fails, known=group.input
            )
            if minimal is not None:
                group.minimal_input = minimal
                group.reproduce = self.report.reproduce_command(name)

    @staticmethod
    def _worth_shrinking(group: FindingGroup) -> bool:
        return (
            "generated" in group.classes
            and group.finding.level == "failure"
            and group.finding.rule not in UNSHRINKABLE_RULES
        )

    def _still_fails(
        self, dispatcher: Dispatcher, group: FindingGroup
    ) -> Callable[[Any], bool]:
        interface = self.interfaces[group.interface]
        rules = self.rules[group.interface]

        def still_fails(instance: Any) -> bool:
            outcome = dispatcher.call(Call(interface.name, instance))
            case = Case(interface, "generated", "shrinking", instance)
            findings = judge(case, outcome, rules)
            return any(f.group == group.finding.group for f in findings)

        return still_fails


def _first(item: tuple[int, FindingGroup]) -> int:
    return item[0]


def run_check(
    impl_dir: Path,
    *,
    stdout: TextIO,
    stderr: TextIO,
    module: str | None = None,
    contract: Path | None = None,
    contracts_dir: Path | None = None,
    language: Language = "auto",
    examples: int = DEFAULT_EXAMPLES,
    seed: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    only: Sequence[str] = (),
    strict: bool = False,
    output_format: OutputFormat = "text",
    junit_xml: Path | None = None,
    progress: bool | None = None,
    worker: Dispatcher | None = None,
) -> CheckReport:
    """Check the implementation in ``impl_dir`` and write the report.

    Exactly one of ``module`` (looked up in ``contracts_dir``, by default the
    folder that ``[tool.contractgen]`` names, else ``contracts``) and
    ``contract`` (a contract file, loaded with the other contracts of its
    folder) names the contract.  The report goes to ``stdout`` in
    ``output_format``, and to ``junit_xml`` when given; the seed and progress go
    to ``stderr``.

    :param progress: show progress on ``stderr``; by default only when it is a
        terminal.
    :param worker: what :func:`launch_worker` returned for these arguments,
        when the caller launched the worker before importing this module; the
        caller closes it.  By default the worker is launched here, before the
        contracts are loaded.
    :returns: the report; its ``exit_code`` is 0 when the implementation
        conforms and 1 when it does not.
    :raises ContractgenError: (exit code 2) for usage and contract errors.
    """
    if not impl_dir.is_dir():
        raise ContractgenError(f"no implementation folder at {str(impl_dir)!r}")

    if junit_xml is not None:
        check_writable(junit_xml, "the JUnit report")

    with contextlib.ExitStack() as stack:
        if worker is None:
            worker = launch_worker(
                impl_dir,
                language=language,
                timeout=timeout,
                module=module,
                contract=contract,
                contracts_dir=contracts_dir,
                only=only,
            )
            if worker is not None:
                stack.enter_context(worker)

        try:
            contract_set, chosen = load_contract(module, contract, contracts_dir)
        except InvalidContracts as error:
            raise InvalidContracts(error.issues, "nothing was checked") from None

        seed = new_seed() if seed is None else seed
        stderr.write(f"contractgen check: seed {seed}\n")
        options = CheckOptions(
            impl_dir=impl_dir,
            language=language,
            examples=examples,
            seed=seed,
            timeout=timeout,
            only=tuple(only),
            strict=strict,
        )
        rerun = _reproduce_base(options, module, contract, contracts_dir)
        options = dataclasses.replace(options, reproduce_base=rerun)
        show = stderr.isatty() if progress is None else progress
        meter = _ProgressLine(stderr) if show else None
        try:
            report = check_implementation(
                contract_set, chosen, options, progress=meter, worker=worker
            )
        finally:
            if meter is not None:
                meter.clear()

    write_report(report, output_format, stdout, junit_xml)
    return report


def load_contract(
    module: str | None, contract: Path | None, contracts_dir: Path | None
) -> tuple[ContractSet, Contract]:
    """Load the contract named by ``module`` or ``contract``, and its folder's set.

    :raises ContractgenError: when both or neither are given, or nothing matches.
    """
    if (module is None) == (contract is None):
        raise ContractgenError("name the contract with either --module or --contract")

    if contract is not None:
        if not contract.is_file():
            raise ContractgenError(f"no contract file at {str(contract)!r}")

        contract_set = load_contracts(contract.parent)
        return contract_set, contract_set.by_file(contract.name)

    contracts_dir = load_config(contracts=contracts_dir).contracts
    contract_set = load_contracts(contracts_dir)
    assert module is not None
    try:
        return contract_set, contract_set.get(module)
    except KeyError:
        modules = sorted(c.module for c in contract_set.contracts)
        message = f"no module {module!r} in {display_path(contracts_dir)!r}"
        close = difflib.get_close_matches(module, modules, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ContractgenError(
            f"{message}{hint} (the modules are {', '.join(map(repr, modules))})"
        ) from None


def _reproduce_base(
    options: CheckOptions,
    module: str | None,
    contract: Path | None,
    contracts_dir: Path | None,
) -> tuple[str, ...]:
    """The command that runs the same check, without --only and --seed."""
    words = ["contractgen", "check", str(options.impl_dir)]
    if contract is not None:
        words += ["--contract", str(contract)]
    else:
        words += ["--module", str(module)]
        if contracts_dir is not None:
            words += ["--contracts", str(contracts_dir)]

    if options.language != "auto":
        words += ["--lang", options.language]

    if options.examples != DEFAULT_EXAMPLES:
        words += ["--examples", str(options.examples)]

    if options.timeout != DEFAULT_TIMEOUT:
        words += ["--timeout", f"{options.timeout:g}"]

    if options.strict:
        words.append("--strict")

    return tuple(words)


class _ProgressLine:
    """A self-erasing line on a terminal: the stage of the run and how far it is."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if 0 < done < total and now - self.shown < 0.1:
            return

        self.shown = now
        self.stream.write(f"\r\033[K{stage}: {done}/{total}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()
