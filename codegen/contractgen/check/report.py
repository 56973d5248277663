"""Formatters of a :class:`CheckReport`: text, JSON and JUnit XML.

They only lay out what the check found and never decide anything about it.

The JSON report (``--format json``) is one object, stable within its
``version``:

- ``format``: ``"contractgen-check"``; ``version``: ``1``;
- ``module``, ``contract`` (the file), ``implementation`` (the folder),
  ``language`` (``node`` or ``python``), ``seed``, ``examples``, ``timeout``
  (seconds), ``strict``: what was checked and how;
- ``conforms``: whether the implementation conforms (exit code 0);
- ``totals``: ``{cases, passed, failed, warned, skipped}`` over every interface;
  ``passed + failed + skipped == cases``, and ``warned`` counts passed cases that
  drew a warning;
- ``interfaces``: one object per custom interface checked, in contract order:
  ``name``, ``conforms``, ``totals``, ``classes`` (the same counts for each input
  class: ``example``, ``boundary``, ``generated``), ``load_failure`` (a finding,
  without the fields about cases, when the handler could not be called at all,
  else null) and ``skip_reason`` (why cases were skipped, else null);
- ``findings``: one object per distinct problem, ordered by the first case that
  showed it: ``interface``, ``level`` (``failure`` or ``warning``), ``rule``,
  ``message``, ``reply_pointer`` (or null), ``schema`` (``{file, pointer}`` of
  the schema keyword broken, or null), ``detail`` (a stack or the worker's last
  output, or null), ``count`` (cases that showed it), ``classes`` (their input
  classes, sorted), ``case`` (the label of the first case), ``input``, ``reply``
  (the reply when it was JSON, else null), ``reply_preview`` (a rendering of a
  reply that was not JSON, else null), ``minimal_input`` (the shrunk input, or
  null when not shrunk) and ``reproduce`` (for a failure, the command that runs
  that interface's cases again with the same seed; null for a warning).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from xml.etree import ElementTree

from contractgen.check.cases import INPUT_CLASSES, InputClass
from contractgen.check.results import (
    CheckReport,
    FindingGroup,
    InterfaceReport,
    Tally,
)
from contractgen.check.verdict import Finding
from contractgen.issues import ContractgenError

REPORT_VERSION = 1
MAX_SHOWN = 400  # characters of an input or reply shown in the text report


def write_report(
    report: CheckReport, output_format: str, stdout: TextIO, junit_xml: Path | None
) -> None:
    """Write ``report`` to ``stdout`` in ``output_format``, and to ``junit_xml``."""
    if output_format == "json":
        json.dump(to_json(report), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(to_text(report))

    if junit_xml is not None:
        try:
            junit_xml.write_text(to_junit(report), encoding="utf-8")
        except OSError as error:
            message = f"cannot write the JUnit report {str(junit_xml)!r}: {error}"
            raise ContractgenError(message) from None


# -- text -------------------------------------------------------------------------


def to_text(report: CheckReport) -> str:
    lines = [_header(report)]
    width = max(len(interface.name) for interface in report.interfaces)
    for interface in report.interfaces:
        lines.append(f"  {interface.name:<{width}}  {_interface_summary(interface)}")

    for interface in report.interfaces:
        failure = interface.load_failure
        if failure is not None:
            lines += ["", *_finding_lines(interface.name, failure)]
            lines += _detail_lines(failure)

    for group in report.groups:
        lines += ["", *_group_lines(group)]

    lines += ["", _verdict_line(report)]
    return "\n".join(lines) + "\n"


def interface_text(report: CheckReport, name: str) -> str:
    """The text report of one interface: its counts and its problems."""
    interface = report.interface(name)
    lines = [_header(report), f"  {name}  {_interface_summary(interface)}"]
    failure = interface.load_failure
    if failure is not None:
        lines += ["", *_finding_lines(name, failure), *_detail_lines(failure)]

    for group in report.groups_of(name):
        lines += ["", *_group_lines(group)]

    return "\n".join(lines) + "\n"


def _header(report: CheckReport) -> str:
    return (
        f"contractgen check {report.implementation}: module {report.module!r} "
        f"({report.contract_file}), {report.language}, seed {report.seed}"
    )


def _interface_summary(interface: InterfaceReport) -> str:
    if interface.load_failure is not None:
        return "not checked: its handler cannot be called"

    total = interface.total
    text = (
        f"{_count(total.cases, 'case')}: {total.passed} passed, {total.failed} failed"
    )
    if total.skipped:
        text += f", {total.skipped} skipped ({interface.skip_reason})"

    if total.warned:
        text += f", {_count(total.warned, 'warning')}"

    return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _finding_lines(interface: str, finding: Finding) -> list[str]:
    tag = "FAIL" if finding.level == "failure" else "WARN"
    lines = [f"{tag} {interface}: {finding.message}"]
    if finding.reply_pointer is not None:
        lines.append(f"  in the reply at {finding.reply_pointer or '/'}")

    if finding.schema_file is not None:
        lines.append(f"  in {finding.schema_file} at {finding.schema_pointer or '/'}")

    return lines


def _group_lines(group: FindingGroup) -> list[str]:
    lines = _finding_lines(group.interface, group.finding)
    classes = ", ".join(sorted(group.classes))
    seen = _count(group.count, "case")
    lines.append(f"  seen in {seen} ({classes}); first: {group.case_label}")
    lines.append(f"  input: {_shown(group.input)}")
    if group.reply_preview is not None:
        lines.append(f"  reply: {group.reply_preview}")
    elif group.finding.rule not in ("timeout", "crash", "exception", "reply-size"):
        lines.append(f"  reply: {_shown(group.reply)}")

    if group.shrunk:
        lines.append(f"  minimal failing input: {_shown(group.minimal_input)}")

    if group.reproduce is not None:
        lines.append(f"  reproduce: {group.reproduce}")

    return lines + _detail_lines(group.finding)


def _detail_lines(finding: Finding) -> list[str]:
    if not finding.detail:
        return []

    return [f"    | {line}".rstrip() for line in finding.detail.rstrip().splitlines()]


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _verdict_line(report: CheckReport) -> str:
    total = report.total
    if report.conforms:
        text = f"{report.module} conforms: {_count(total.passed, 'case')} passed"
        return text + (f" ({_count(total.warned, 'warning')})" if total.warned else "")

    problems = sum(g.finding.level == "failure" for g in report.groups)
    problems += sum(i.load_failure is not None for i in report.interfaces)
    text = f"{report.module} does not conform: {_count(problems, 'problem')}"
    if total.failed:
        text += f" in {total.failed} of {_count(total.cases, 'case')}"

    return text


# -- JSON -------------------------------------------------------------------------


def to_json(report: CheckReport) -> dict[str, Any]:
    """The JSON report object described in this module's docstring."""
    return {
        "format": "contractgen-check",
        "version": REPORT_VERSION,
        "module": report.module,
        "contract": report.contract_file,
        "implementation": report.implementation,
        "language": report.language,
        "seed": report.seed,
        "examples": report.examples,
        "timeout": report.timeout,
        "strict": report.strict,
        "conforms": report.conforms,
        "totals": _tally_json(report.total),
        "interfaces": [_interface_json(interface) for interface in report.interfaces],
        "findings": [_group_json(group) for group in report.groups],
    }


def _tally_json(tally: Tally) -> dict[str, int]:
    return {
        "cases": tally.cases,
        "passed": tally.passed,
        "failed": tally.failed,
        "warned": tally.warned,
        "skipped": tally.skipped,
    }


def _interface_json(interface: InterfaceReport) -> dict[str, Any]:
    failure = interface.load_failure
    return {
        "name": interface.name,
        "conforms": interface.conforms,
        "totals": _tally_json(interface.total),
        "classes": {
            name: _tally_json(interface.tallies[name]) for name in INPUT_CLASSES
        },
        "load_failure": None if failure is None else _finding_json(failure),
        "skip_reason": interface.skip_reason,
    }


def _finding_json(finding: Finding) -> dict[str, Any]:
    schema = None
    if finding.schema_file is not None:
        schema = {"file": finding.schema_file, "pointer": finding.schema_pointer}

    return {
        "level": finding.level,
        "rule": finding.rule,
        "message": finding.message,
        "reply_pointer": finding.reply_pointer,
        "schema": schema,
        "detail": finding.detail,
    }


def _group_json(group: FindingGroup) -> dict[str, Any]:
    return {
        "interface": group.interface,
        **_finding_json(group.finding),
        "count": group.count,
        "classes": sorted(group.classes),
        "case": group.case_label,
        "input": group.input,
        "reply": group.reply,
        "reply_preview": group.reply_preview,
        "minimal_input": group.minimal_input if group.shrunk else None,
        "reproduce": group.reproduce,
    }


# -- JUnit XML --------------------------------------------------------------------


def to_junit(report: CheckReport) -> str:
    """One test case per interface and input class, in one suite per module."""
    suite = ElementTree.Element("testsuite", name=report.module)
    properties = ElementTree.SubElement(suite, "properties")
    for name in ("implementation", "language", "seed"):
        text = str(getattr(report, name))
        ElementTree.SubElement(properties, "property", name=name, value=text)

    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for interface in report.interfaces:
        for input_class in INPUT_CLASSES:
            outcome = _junit_case(suite, report, interface, input_class)
            counts["tests"] += 1
            if outcome != "passed":
                counts[outcome] += 1

    for key, value in counts.items():
        suite.set(key, str(value))

    root = ElementTree.Element("testsuites", name="contractgen check")
    for key, value in counts.items():
        root.set(key, str(value))

    root.append(suite)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _junit_case(
    suite: ElementTree.Element,
    report: CheckReport,
    interface: InterfaceReport,
    input_class: InputClass,
) -> str:
    """Add one test case; say whether it ``passed``, or is a failure or skipped."""
    testcase = ElementTree.SubElement(
        suite,
        "testcase",
        classname=f"{report.module}.{interface.name}",
        name=input_class,
    )
    groups = [g for g in report.groups_of(interface.name) if input_class in g.classes]
    failures = [g for g in groups if g.finding.level == "failure"]
    warnings = [g for g in groups if g.finding.level == "warning"]
    if interface.load_failure is not None:
        text = "\n".join(_finding_lines(interface.name, interface.load_failure))
        _add_failure(testcase, interface.load_failure, text)
        return "failures"

    if failures:
        text = "\n\n".join("\n".join(_group_lines(group)) for group in failures)
        _add_failure(testcase, failures[0].finding, text)

    if warnings:
        out = ElementTree.SubElement(testcase, "system-out")
        out.text = "\n\n".join("\n".join(_group_lines(group)) for group in warnings)

    if failures:
        return "failures"

    if interface.tallies[input_class].cases == 0:
        ElementTree.SubElement(testcase, "skipped", message=f"no {input_class} cases")
        return "skipped"

    return "passed"


def _add_failure(testcase: ElementTree.Element, finding: Finding, text: str) -> None:
    failure = ElementTree.SubElement(
        testcase, "failure", message=finding.message, type=finding.rule
    )
    failure.text = text
