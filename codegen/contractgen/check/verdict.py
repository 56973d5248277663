"""Judging one reply against the contract: the rules a reply must follow.

Each broken rule becomes a :class:`Finding`.  Rules are named after what they
enforce: ``timeout``, ``crash``, ``reply-size``, ``exception``, ``json``,
``envelope``, ``code``, ``msg``, ``result``, ``output-schema``, ``example`` and
``errors`` (a code the interface does not list, a warning unless strict).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from jsonschema.exceptions import ValidationError, best_match

from contractgen.check.cases import Case
from contractgen.check.validation import FastValidator
from contractgen.check.workers import Outcome
from contractgen.contract import ContractSet, Interface
from contractgen.contract.references import Target
from contractgen.contract.schemas import contract_schema_roots, iter_schemas
from contractgen.contract.source import pointer_join
from contractgen.runtime.codes import METHOD_EXEC_FAILURE, PLATFORM_CODES

Level = Literal["failure", "warning"]
MAX_SCHEMA_FINDINGS = 10
_MISSING = object()


@dataclass(frozen=True)
class Finding:
    """One broken rule in one reply.

    :param group: what makes two findings the same problem, so that a thousand
        replies with the same fault are reported once.
    :param reply_pointer: where in the reply, when the rule is about a value.
    :param schema_file: the contract file of the schema that was broken.
    :param schema_pointer: where in that file.
    :param detail: a stack or a worker's last output, printed below the message.
    """

    level: Level
    rule: str
    message: str
    group: str
    reply_pointer: str | None = None
    schema_file: str | None = None
    schema_pointer: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Rules:
    """What a reply of one interface must follow.

    :param locations: from :func:`schema_locations`, to place schema errors in
        their contract file.
    """

    interface: Interface
    output: FastValidator
    locations: Mapping[int, Target]
    timeout: float
    max_reply_bytes: int
    strict: bool = False

    @property
    def declared_platform_codes(self) -> set[str]:
        """Platform codes the interface's examples show as expected replies."""
        return {
            example.error["code"]
            for example in self.interface.examples
            if example.error is not None and isinstance(example.error["code"], str)
        }


def judge(case: Case, outcome: Outcome, rules: Rules) -> list[Finding]:
    """Every rule the reply to ``case`` breaks; an empty list when it conforms."""
    if outcome.status == "reply":
        return _judge_reply(case, outcome, rules)

    if outcome.status == "threw":
        return _judge_exception(case, outcome)

    return _judge_no_reply(outcome, rules)


def _failure(
    rule: str, message: str, group: str | None = None, **fields: Any
) -> Finding:
    return Finding("failure", rule, message, group or f"{rule}:{message}", **fields)


def _judge_no_reply(outcome: Outcome, rules: Rules) -> list[Finding]:
    if outcome.status == "timeout":
        message = f"no reply within {rules.timeout:g} s"
        if outcome.blocked:
            message += " (the handler blocked its worker, which was restarted)"

        return [_failure("timeout", message, f"timeout:{outcome.blocked}")]

    if outcome.status == "crashed":
        return [_failure("crash", str(outcome.detail), detail=outcome.output or None)]

    if outcome.status == "too_large":
        message = (
            f"the reply is {outcome.size:,} bytes, over the checker's limit of "
            f"{rules.max_reply_bytes:,}"
        )
        return [_failure("reply-size", message, "reply-size")]

    if outcome.status in ("not_found", "not_function"):
        return [load_finding(outcome)]

    return []  # skipped: counted, not judged


def load_finding(outcome: Outcome) -> Finding:
    """Why an interface's handler cannot be called, as the platform would say."""
    if outcome.status == "not_found":
        message = f"no handler file {outcome.file} (METHOD_NOT_FOUND)"
        return _failure("not-found", message)

    if outcome.status == "not_function":
        message = f"{outcome.exported} (METHOD_NOT_FUNCTION)"
        return _failure("not-function", message)

    if outcome.status == "crashed":
        message = f"the handler file failed to load: {outcome.detail}"
        return _failure("load", message, detail=outcome.output or None)

    if outcome.status == "timeout":
        message = "the handler file failed to load: it never finished loading"
        return _failure("load", message)

    error = outcome.error or {}
    message = f"the handler file failed to load: {_thrown(error)}"
    return _failure("load", message, detail=error.get("stack") or None)


def _thrown(error: Mapping[str, str]) -> str:
    name, message = error.get("name", ""), error.get("message", "")
    return f"{name}: {message}" if name else message


def _judge_exception(case: Case, outcome: Outcome) -> list[Finding]:
    """A thrown error fails its case, unless the case's example expects one.

    An example that expects METHOD_EXEC_FAILURE is about its own input only:
    a handler that throws on other inputs still fails them.
    """
    error = outcome.error or {}
    expected = case.example.envelope["code"] if case.example is not None else None
    if expected == METHOD_EXEC_FAILURE:
        return []

    message = f"the handler threw {_thrown(error)} (METHOD_EXEC_FAILURE)"
    stack = error.get("stack", "")
    # Messages often hold input values; the place that threw is the problem.
    site = _throw_site(stack) or message
    group = f"exception:{error.get('name', '')}:{site}"
    return [_failure("exception", message, group, detail=stack or None)]


def _throw_site(stack: str) -> str | None:
    """The frame that threw: first in a Node stack, last in a Python traceback."""
    lines = [line.strip() for line in stack.splitlines()]
    node = [line for line in lines if line.startswith("at ")]
    if node:
        return node[0]

    python = [line for line in lines if line.startswith('File "')]
    return python[-1] if python else None


def _warning(finding: Finding, rules: Rules) -> Finding:
    """``finding`` as a warning, unless warnings fail the run."""
    return finding if rules.strict else dataclasses.replace(finding, level="warning")


def _judge_reply(case: Case, outcome: Outcome, rules: Rules) -> list[Finding]:
    if outcome.problems:
        return [_json_problem(pointer, what) for pointer, what in outcome.problems]

    reply = outcome.value
    if not isinstance(reply, dict):
        return [_failure("envelope", f"the reply is not an object: {reply!r}")]

    if "code" not in reply:
        return [_failure("code", "the reply has no 'code'", reply_pointer="/code")]

    code = reply["code"]
    if not _is_code(code):
        platform = ", ".join(sorted(PLATFORM_CODES))
        message = (
            f"code {code!r} is not 0, a non-zero integer or a platform code "
            f"({platform})"
        )
        return [_failure("code", message, "code", reply_pointer="/code")]

    if code != 0:
        return _judge_error_reply(case, reply, rules)

    msg = reply.get("msg", "")
    if not isinstance(msg, str):
        # msg may be left out on success, but the envelope's msg is a string.
        message = f"msg is {msg!r}, not a string"
        return [_failure("msg", message, "msg", reply_pointer="/msg")]

    if "result" not in reply:
        return [_failure("result", "result is missing while code is 0")]

    findings = _schema_findings(reply["result"], rules)
    if not findings and case.example is not None:
        findings = _compare_with_example(case, reply)

    return findings


def _is_code(code: Any) -> bool:
    if isinstance(code, bool):
        return False

    return isinstance(code, int) or code in PLATFORM_CODES


def _json_problem(pointer: str, what: str) -> Finding:
    group = f"json:{what}:{re.sub(r'/[0-9]+(?=/|$)', '/*', pointer)}"
    if what == "a Date":
        consequence = "which serializes silently into a string"
    else:
        consequence = "which is not JSON"

    if pointer:
        message = f"the reply holds {what} at {pointer}, {consequence}"
    else:
        message = f"the handler returned {what}, {consequence}"

    return _failure("json", message, group, reply_pointer=pointer)


def _judge_error_reply(
    case: Case, reply: Mapping[str, Any], rules: Rules
) -> list[Finding]:
    code = reply["code"]
    findings = []
    msg = reply.get("msg", _MISSING)
    if not isinstance(msg, str):
        shown = "missing" if msg is _MISSING else f"{msg!r}, not a string,"
        message = f"msg is {shown} while code is {code!r}"
        findings.append(_failure("msg", message, "msg", reply_pointer="/msg"))

    example = case.example
    if example is not None:
        expected = 0 if example.error is None else example.error["code"]
        if code != expected:
            message = f"the example expects code {expected!r}, the reply has {code!r}"
            findings.append(_failure("example", message, reply_pointer="/code"))

        return findings

    listed = sorted(error.code for error in rules.interface.errors)
    if code not in listed and code not in rules.declared_platform_codes:
        known = ", ".join(map(str, listed)) if listed else "it lists none"
        message = f"code {code!r} is not listed in the interface's errors ({known})"
        findings.append(
            _warning(_failure("errors", message, reply_pointer="/code"), rules)
        )

    return findings


def _compare_with_example(case: Case, reply: Mapping[str, Any]) -> list[Finding]:
    example = case.example
    assert example is not None
    if example.error is not None:
        expected = example.error["code"]
        message = f"the example expects code {expected!r}, the reply has 0"
        return [_failure("example", message, reply_pointer="/code")]

    difference = first_difference(example.output, reply["result"], "/result")
    if difference is None:
        return []

    pointer, expected, actual = difference
    message = (
        f"result differs from the example's output at {pointer}: expected "
        f"{_shown(expected)}, got {_shown(actual)}"
    )
    return [_failure("example", message, reply_pointer=pointer)]


def _shown(value: Any) -> str:
    return "nothing" if value is _MISSING else repr(value)


def first_difference(
    expected: Any, actual: Any, pointer: str
) -> tuple[str, Any, Any] | None:
    """Where two JSON values first differ, with both values there.

    Unlike ``==``, ``True`` differs from ``1`` and ``1`` from ``1.0`` does not.
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            difference = first_difference(
                expected.get(key, _MISSING),
                actual.get(key, _MISSING),
                pointer_join(pointer, key),
            )
            if difference is not None:
                return difference

        return None

    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) == len(actual):
            for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
                difference = first_difference(left, right, pointer_join(pointer, index))
                if difference is not None:
                    return difference

            return None

        return pointer, expected, actual

    if isinstance(expected, bool) or isinstance(actual, bool):
        same = expected is actual
    elif _both_numbers(expected, actual):
        same = expected == actual
    else:
        same = type(expected) is type(actual) and expected == actual

    return None if same else (pointer, expected, actual)


def _both_numbers(left: Any, right: Any) -> bool:
    return isinstance(left, (int, float)) and isinstance(right, (int, float))


def _schema_findings(result: Any, rules: Rules) -> list[Finding]:
    # Fast for the many replies that conform; jsonschema words the rest.
    if rules.output.is_valid(result):
        return []

    errors = sorted(rules.output.iter_errors(result), key=lambda e: list(e.path))
    findings = []
    for error in errors[:MAX_SCHEMA_FINDINGS]:
        cause = best_match([error]) if error.context else error
        assert cause is not None
        target = schema_location(cause, rules)
        reply_pointer = pointer_join("/result", *cause.absolute_path)
        message = f"result does not match the output schema: {cause.message}"
        group = f"output-schema:{cause.validator}:{target}"
        findings.append(
            _failure(
                "output-schema",
                message,
                group,
                reply_pointer=reply_pointer,
                schema_file=target.file_name,
                schema_pointer=target.pointer,
            )
        )

    return findings


def schema_locations(contract_set: ContractSet) -> dict[int, Target]:
    """Where each schema of the contracts is, keyed by the schema object's id.

    Validation errors carry the schema object they broke, but not where it is
    once references have been followed; the objects are the documents' own.
    """
    locations = {}
    for contract in contract_set.contracts:
        for root_pointer, root in contract_schema_roots(contract.document):
            for pointer, schema in iter_schemas(root, root_pointer):
                locations[id(schema)] = Target(contract.file_name, pointer)

    return locations


def schema_location(error: ValidationError, rules: Rules) -> Target:
    """The contract file and pointer of the keyword that ``error`` broke."""
    found = rules.locations.get(id(error.schema))
    if found is None:
        # Not a schema of the documents (none is known to get here): point at
        # the output schema as a whole rather than guess.
        interface = rules.interface
        return Target(interface.file_name, f"{interface.pointer}/output")

    return Target(found.file_name, pointer_join(found.pointer, str(error.validator)))
