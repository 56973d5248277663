"""What a check found: counts per interface and input class, and grouped findings.

The formatters in :mod:`contractgen.check.report` read only these classes.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from contractgen.check.cases import INPUT_CLASSES, Case, InputClass
from contractgen.check.verdict import Finding
from contractgen.check.workers import Outcome
from contractgen.issues import ExitCode

NOT_SHRUNK = object()
"""``FindingGroup.minimal_input`` of a group that was not shrunk."""


@dataclass
class Tally:
    """Cases of one interface and input class, by how they ended.

    ``passed + failed + skipped == cases``; ``warned`` counts passed cases that
    drew a warning.
    """

    cases: int = 0
    passed: int = 0
    failed: int = 0
    warned: int = 0
    skipped: int = 0

    def add(self, findings: list[Finding], *, skipped: bool = False) -> None:
        self.cases += 1
        if skipped:
            self.skipped += 1
        elif any(finding.level == "failure" for finding in findings):
            self.failed += 1
        else:
            self.passed += 1
            self.warned += bool(findings)

    def __iadd__(self, other: Tally) -> Tally:
        for name in ("cases", "passed", "failed", "warned", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

        return self


@dataclass
class FindingGroup:
    """One distinct problem of one interface, with the first case that showed it.

    :param reply: the first reply, when it was JSON.
    :param reply_preview: a rendering of the first reply, when it was not JSON.
    :param classes: the input classes of every case that showed it.
    :param minimal_input: a smallest generated input that still shows it, or
        :data:`NOT_SHRUNK`.
    """

    interface: str
    finding: Finding
    case_label: str
    input_class: InputClass | None
    input: Any
    reply: Any
    reply_preview: str | None
    count: int = 1
    classes: set[str] = field(default_factory=set)
    minimal_input: Any = NOT_SHRUNK
    reproduce: str | None = None

    @classmethod
    def first(cls, case: Case, outcome: Outcome, finding: Finding) -> FindingGroup:
        return cls(
            interface=case.interface.name,
            finding=finding,
            case_label=case.label,
            input_class=case.input_class,
            input=case.input,
            reply=outcome.value,
            reply_preview=outcome.preview,
            classes={case.input_class},
        )

    @property
    def shrunk(self) -> bool:
        return self.minimal_input is not NOT_SHRUNK


@dataclass
class InterfaceReport:
    """How one custom interface did.

    :param load_failure: why its handler could not be called at all; its cases
        were then not run.
    :param skip_reason: why some of its cases were not run.
    """

    name: str
    tallies: dict[InputClass, Tally] = field(
        default_factory=lambda: {name: Tally() for name in INPUT_CLASSES}
    )
    load_failure: Finding | None = None
    skip_reason: str | None = None

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.tallies.values():
            total += tally

        return total

    @property
    def conforms(self) -> bool:
        return self.load_failure is None and self.total.failed == 0


@dataclass
class CheckReport:
    """The outcome of checking one implementation against one contract.

    :param implementation: the implementation folder, as the user named it.
    :param contract_file: the contract file, relative to the working directory
        where possible.
    :param timings: seconds spent per stage: ``generate`` (drawing inputs),
        ``load`` (waiting for the worker to start and load the handlers, which
        it does while the inputs are drawn), ``run`` (the calls and their
        verdicts) and ``shrink``; not part of any printed report, since they
        differ from run to run.
    :param calls: how many calls the ``run`` stage made.
    """

    module: str
    contract_file: str
    implementation: str
    language: str
    seed: int
    examples: int
    timeout: float
    strict: bool
    interfaces: list[InterfaceReport]
    groups: list[FindingGroup]
    reproduce_base: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    calls: int = 0

    @property
    def conforms(self) -> bool:
        return all(interface.conforms for interface in self.interfaces)

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.conforms else ExitCode.FAILED

    @property
    def total(self) -> Tally:
        total = Tally()
        for interface in self.interfaces:
            total += interface.total

        return total

    def interface(self, name: str) -> InterfaceReport:
        for interface in self.interfaces:
            if interface.name == name:
                return interface

        raise KeyError(name)

    def groups_of(self, name: str) -> list[FindingGroup]:
        return [group for group in self.groups if group.interface == name]

    def reproduce_command(self, interface: str) -> str:
        """The command that checks only ``interface`` again with the same draw."""
        words = [*self.reproduce_base, "--only", interface, "--seed", str(self.seed)]
        return shlex.join(words)
