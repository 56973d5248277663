"""The checks of a contract beyond its meta-schema: schemas, names and examples."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema.exceptions import ValidationError

from contractgen.contract.model import ContractSet, Direction, Interface
from contractgen.contract.schemas import (
    JSON_TYPES,
    KNOWN_KEYWORDS,
    contract_schema_roots,
    iter_schemas,
)
from contractgen.contract.source import Document, pointer_join
from contractgen.issues import ContractIssue, Level, display_path
from contractgen.names import ClassName, PythonIdentifier
from contractgen.runtime.codes import INVALID_PARAMS_CODE, PLATFORM_CODES

# Names become file names (api/<name>.js, with a temporary suffix while it is
# written), which most file systems cap at 255 bytes.
MAX_NAME = 128
_DEF_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def phrase_meta_error(error: ValidationError) -> str:
    """Say what a meta-schema error means, for the person who wrote the contract."""
    place = error.absolute_path[-1] if error.absolute_path else None
    instance, schema = error.instance, error.schema
    if place == "type" and isinstance(instance, str) and instance not in JSON_TYPES:
        return _type_problem(instance)

    # The meta-schema spells "this key must be absent" as ``not: {}``.
    if error.validator == "not" and error.validator_value == {}:
        return f"{place!r} is not allowed here"

    additional = error.validator == "additionalProperties"
    if additional and isinstance(instance, Mapping) and isinstance(schema, Mapping):
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed))
        if extra and allowed:
            close = difflib.get_close_matches(extra[0], allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            names = ", ".join(repr(name) for name in extra)
            verb = "is" if len(extra) == 1 else "are"
            return f"{names} {verb} not allowed here{hint}"

    return str(error.message)


def check_schemas(
    path: Path, document: Document, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Check what the draft 2020-12 meta-schema leaves open or words poorly."""
    issues = []
    for root_pointer, root in contract_schema_roots(document.data):
        for pointer, schema in iter_schemas(root, root_pointer):
            for keyword, message in _schema_problems(schema):
                where = pointer_join(pointer, keyword)
                issues.append(_issue(path, document, where, message))

            for keyword in sorted(set(schema) - KNOWN_KEYWORDS):
                where = pointer_join(pointer, keyword)
                message = _unknown_keyword(keyword)
                issues.append(_issue(path, document, where, message, Level.WARNING))

    return issues


def _unknown_keyword(keyword: str) -> str:
    close = difflib.get_close_matches(keyword, sorted(KNOWN_KEYWORDS), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{keyword!r} is not a JSON Schema keyword, so nothing checks it{hint}"


def _schema_problems(schema: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems = []
    types = schema.get("type")
    for name in types if isinstance(types, list) else [types]:
        if isinstance(name, str) and name not in JSON_TYPES:
            problems.append(("type", _type_problem(name)))

    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not _is_ecma_regex(pattern):
        message = f"{pattern!r} is not a valid regular expression"
        problems.append(("pattern", message))

    if "$id" in schema:
        message = "is not supported in contracts; refer to other contracts by file name"
        problems.append(("$id", message))

    return problems


def _is_ecma_regex(pattern: str) -> bool:
    """Whether ``pattern`` is a regular expression as JSON Schema reads them."""
    try:
        jsonschema_rs.validator_for({"pattern": pattern})
    except jsonschema_rs.ValidationError:
        return False

    return True


def _type_problem(name: str) -> str:
    close = difflib.get_close_matches(name, JSON_TYPES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{name!r} is not a valid type{hint}"


def check_names(
    path: Path, document: Document, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Check that the names in a contract make distinct, valid generated names."""
    data = document.data
    issues = []
    if f"{data['module']}.json" != path.name:
        message = f"{data['module']!r} does not match the file name {path.name!r}"
        issues.append(_issue(path, document, "/module", message))

    named = [("/module", data["module"])] + [
        (pointer_join("", group, name), name)
        for group in ("interfaces", "$defs")
        for name in data.get(group, {})
    ]
    for pointer, name in named:
        if len(name) > MAX_NAME:
            message = (
                f"is {len(name)} characters long; file names made from it allow "
                f"at most {MAX_NAME}"
            )
            issues.append(_issue(path, document, pointer, message))

    seen_methods: dict[str, str] = {}
    seen_classes: dict[str, str] = {}
    for name, definition in data["interfaces"].items():
        pointer = pointer_join("", "interfaces", name)
        reserved = _reserved_name(name, definition.get("kind"))
        if reserved:
            issues.append(_issue(path, document, pointer, reserved))

        method = PythonIdentifier(name)
        if method in seen_methods:
            message = (
                f"{name!r} and {seen_methods[method]!r} both become the Python "
                f"method {method!r}; rename one"
            )
            issues.append(_issue(path, document, pointer, message))

        seen_methods.setdefault(method, name)
        for suffix in ("Input", "Output"):
            seen_classes.setdefault(f"{ClassName(name)}{suffix}", pointer)

    for name in data.get("$defs", {}):
        pointer = pointer_join("", "$defs", name)
        if not _DEF_NAME.match(name):
            message = f"{name!r} is not a valid definition name (letters, digits, '_')"
            issues.append(_issue(path, document, pointer, message))
            continue

        class_name = ClassName(name)
        if class_name in seen_classes:
            message = (
                f"{name!r} becomes the class {class_name!r}, which "
                f"{seen_classes[class_name]} already names; rename one"
            )
            issues.append(_issue(path, document, pointer, message))

        seen_classes.setdefault(class_name, pointer)

    return issues


# Names a cloud function's dispatcher refuses as file names in api/: they are
# properties of every JavaScript object.
_OBJECT_PROPERTIES = frozenset({"constructor", "prototype", "__proto__"})


def _reserved_name(name: str, kind: object) -> str | None:
    if name in _OBJECT_PROPERTIES:
        return (
            f"{name!r} is a property of every JavaScript object, which no "
            "dispatcher serves as an interface; rename it"
        )

    if name == "demo" and kind == "custom":
        return (
            "'demo' is the platform's demo handler (api/demo.js) in every cloud "
            "function; name the custom interface otherwise"
        )

    return None


def check_error_codes(
    path: Path, document: Document, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Check that each interface's business codes are distinct and not reserved."""
    issues = []
    for name, definition in document.data["interfaces"].items():
        seen: set[int] = set()
        for index, error in enumerate(definition.get("errors", ())):
            pointer = pointer_join("", "interfaces", name, "errors", index, "code")
            code = error["code"]
            if code == INVALID_PARAMS_CODE:
                message = f"{code!r} is reserved for params that fail the input schema"
                issues.append(_issue(path, document, pointer, message))
            elif code in seen:
                message = f"{code!r} is listed twice"
                issues.append(_issue(path, document, pointer, message))

            seen.add(code)

    return issues


def check_inputs(
    contract_set: ContractSet, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Check that every input schema can accept an object.

    ``callMethod(name, data)`` always sends ``data`` as a JSON object, so an
    input that only accepts, say, strings describes params that no caller can
    send.
    """
    issues = []
    for contract in contract_set.contracts:
        document = documents[contract.path]
        for interface in contract.interfaces:
            schema = _follow_references(contract_set, interface)
            problem = _refuses_objects(schema)
            if problem is not None:
                pointer = f"{interface.pointer}/input"
                message = f"params are always a JSON object, but {problem}"
                issues.append(_issue(contract.path, document, pointer, message))

    return issues


def _follow_references(contract_set: ContractSet, interface: Interface) -> Any:
    """The input schema, with a top-level chain of ``$ref`` followed."""
    resolver = contract_set.registry.resolver(base_uri=interface.file_name)
    schema: Any = interface.input
    for _ in range(64):  # the loader refuses loops; this bounds a long chain
        if not (isinstance(schema, Mapping) and set(schema) == {"$ref"}):
            break

        resolved = resolver.lookup(schema["$ref"])
        schema, resolver = resolved.contents, resolved.resolver

    return schema


def _refuses_objects(schema: Any) -> str | None:
    if schema is False:
        return "this schema accepts nothing"

    if not isinstance(schema, Mapping):
        return None

    types = schema.get("type")
    named = [types] if isinstance(types, str) else types
    if isinstance(named, list) and "object" not in named:
        listed = ", ".join(repr(name) for name in named)
        return f"this schema accepts only {listed}"

    if "const" in schema and not isinstance(schema["const"], dict):
        return "its 'const' allows no object"

    values = schema.get("enum")
    if isinstance(values, list) and not any(isinstance(v, dict) for v in values):
        return "its 'enum' allows no object"

    return None


def check_defaults(
    contract_set: ContractSet, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Validate every ``default`` against the schema it belongs to."""
    issues = []
    for contract in contract_set.contracts:
        document = documents[contract.path]
        for root_pointer, root in contract_schema_roots(contract.document):
            for pointer, schema in iter_schemas(root, root_pointer):
                if "default" not in schema:
                    continue

                violation = contract_set.first_violation(
                    contract.file_name, pointer, schema["default"]
                )
                if violation is not None:
                    where = pointer_join(pointer, "default")
                    message = f"does not match its own schema: {violation[1]}"
                    issues.append(_issue(contract.path, document, where, message))

    return issues


def check_examples(
    contract_set: ContractSet, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    """Validate every example against its interface's schemas."""
    issues = []
    for contract in contract_set.contracts:
        document = documents[contract.path]
        for interface in contract.interfaces:
            for index, example in enumerate(interface.examples):
                pointer = pointer_join(interface.pointer, "examples", index)
                issues.extend(
                    _example_issues(contract_set, interface, example, pointer, document)
                )

    return issues


def _example_issues(
    contract_set: ContractSet,
    interface: Interface,
    example: Any,
    pointer: str,
    document: Document,
) -> list[ContractIssue]:
    path = contract_set.by_file(interface.file_name).path
    issues = []
    checks: list[tuple[Direction, Any]] = [("input", example.input)]
    if example.error is None:
        checks.append(("output", example.output))

    for direction, instance in checks:
        schema_pointer = f"{interface.pointer}/{direction}"
        violation = contract_set.first_violation(
            interface.file_name, schema_pointer, instance
        )
        if violation is not None:
            where = pointer_join(pointer, direction, *violation[0])
            message = f"does not match the {direction} schema: {violation[1]}"
            issues.append(_issue(path, document, where, message))

    if example.error is not None:
        code = example.error.get("code")
        listed = {e.code for e in interface.errors}
        if isinstance(code, int) and code not in listed:
            message = f"uses code {code!r}, which the interface's 'errors' do not list"
            where = pointer_join(pointer, "error", "code")
            issues.append(_issue(path, document, where, message, Level.WARNING))
        elif isinstance(code, str) and code not in PLATFORM_CODES:
            message = f"{code!r} is not a platform code"
            issues.append(
                _issue(path, document, pointer_join(pointer, "error", "code"), message)
            )

    return issues


def _issue(
    path: Path,
    document: Document,
    pointer: str,
    message: str,
    level: Level = Level.ERROR,
) -> ContractIssue:
    shown = display_path(path)
    return ContractIssue(shown, pointer, message, document.line_of(pointer), level)
