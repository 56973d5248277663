"""Loading a contracts folder into a validated :class:`ContractSet`.

Loading runs in stages and collects every problem of a stage before it stops:
reading the files with the meta-schema, the schemas and references inside, the
names and codes, then the examples.  A later stage runs only when the earlier
ones found no error, because its messages would be noise about the same root
cause.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import referencing
from jsonschema.exceptions import best_match
from referencing.jsonschema import DRAFT202012

from contractgen.contract import checks
from contractgen.contract.model import (
    Contract,
    ContractSet,
    ErrorCode,
    Example,
    Interface,
)
from contractgen.contract.references import (
    Target,
    find_structureless_loop,
    iter_references,
    resolve,
)
from contractgen.contract.source import (
    Document,
    SourceError,
    pointer_join,
    read_document,
)
from contractgen.issues import (
    ContractgenError,
    ContractIssue,
    InvalidContracts,
    Level,
    display_path,
    sort_issues,
)


@cache
def meta_schema() -> dict[str, Any]:
    """The JSON Schema of a contract file, shipped as package data."""
    text = resources.files("contractgen").joinpath("schemas/contract.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def load_contracts(root: Path) -> ContractSet:
    """Read and validate every ``*.json`` contract in ``root``.

    :raises ContractgenError: when ``root`` is not a folder of contracts.
    :raises InvalidContracts: with every issue found, when any is an error.
    """
    if not root.is_dir():
        raise ContractgenError(f"no contracts folder at {display_path(root)!r}")

    issues: list[ContractIssue] = []
    paths = _contract_paths(root, issues)
    if not paths:
        raise ContractgenError(f"no contracts (*.json) in {display_path(root)!r}")

    documents = _read_all(paths, issues)
    # Schemas and references are checked even in a file that broke the
    # meta-schema (these checks walk defensively); names and examples assume a
    # well-formed file, and would only repeat the same root cause.
    stages = (
        (checks.check_schemas, _check_references),
        (checks.check_names, checks.check_error_codes),
    )
    for stage in stages:
        for check in stage:
            for path, document in documents.items():
                issues.extend(check(path, document, documents))

        _stop_on_errors(issues)

    contract_set = _build(root, documents)
    issues.extend(checks.check_inputs(contract_set, documents))
    issues.extend(checks.check_defaults(contract_set, documents))
    issues.extend(checks.check_examples(contract_set, documents))
    _stop_on_errors(issues)
    return replace(contract_set, warnings=tuple(sort_issues(issues)))


_CONTRACT_FILE = re.compile(r"[a-z][a-z0-9-]*\.json")


def _contract_paths(root: Path, issues: list[ContractIssue]) -> list[Path]:
    """The contract files of ``root``: ``<module>.json``, hidden files aside.

    Other JSON files (an editor's settings, the saved meta-schema) are skipped
    with a warning rather than read as broken contracts.
    """
    paths = []
    for path in sorted(root.glob("*.json")):
        if path.name.startswith("."):
            continue

        if _CONTRACT_FILE.fullmatch(path.name):
            paths.append(path)
        else:
            message = "is not read: contract files are named '<module>.json'"
            issues.append(
                ContractIssue(display_path(path), None, message, None, Level.WARNING)
            )

    return paths


def _stop_on_errors(issues: list[ContractIssue]) -> None:
    if any(issue.is_error for issue in issues):
        raise InvalidContracts(issues)


def _read_all(
    paths: Iterable[Path], issues: list[ContractIssue]
) -> dict[Path, Document]:
    documents: dict[Path, Document] = {}
    for path in paths:
        shown = display_path(path)
        try:
            document = read_document(path)
        except SourceError as error:
            issues.append(ContractIssue(shown, None, error.message, error.line))
            continue

        for pointer in document.duplicate_keys:
            message = "is a duplicate key; JSON keeps only the last one"
            line = document.line_of(pointer)
            issues.append(ContractIssue(shown, pointer, message, line))

        # jsonschema-rs answers "valid?" in microseconds where jsonschema takes
        # tens of milliseconds per contract; jsonschema words the errors.
        if not _fast_meta_validator().is_valid(document.data):
            issues.extend(_meta_issues(shown, document, _meta_validator()))

        documents[path] = document

    return documents


@cache
def _fast_meta_validator() -> Any:
    return jsonschema_rs.validator_for(meta_schema())


@cache
def _meta_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(meta_schema())


def _meta_issues(
    shown: str, document: Document, validator: jsonschema.Draft202012Validator
) -> list[ContractIssue]:
    """Check the document against the contract meta-schema, one issue per place."""
    issues = []
    for error in validator.iter_errors(document.data):
        # A failed ``anyOf`` or ``oneOf`` hides the real cause among its branches.
        while error.context:
            deeper = best_match(error.context)
            if deeper is None:
                break
            error = deeper

        pointer = pointer_join("", *error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            # The error sits on the object; the name at fault is the instance.
            pointer = pointer_join(pointer, str(error.instance))

        message = checks.phrase_meta_error(error)
        issues.append(ContractIssue(shown, pointer, message, document.line_of(pointer)))

    return issues


def _check_references(
    path: Path, document: Document, documents: Mapping[Path, Document]
) -> list[ContractIssue]:
    by_name = {p.name: d.data for p, d in documents.items()}
    shown = display_path(path)
    issues = []
    for reference in iter_references(path.name, document.data):
        line = document.line_of(reference.pointer)
        target = resolve(reference, by_name)
        if isinstance(target, str):
            issues.append(ContractIssue(shown, reference.pointer, target, line))
            continue

        loop = find_structureless_loop(target, by_name)
        if loop and loop[0] == target:
            chain = " -> ".join(_short(t, path.name) for t in loop)
            message = f"is a reference loop with no object or array inside: {chain}"
            issues.append(ContractIssue(shown, reference.pointer, message, line))

    return issues


def _short(target: Target, file_name: str) -> str:
    return f"#{target.pointer}" if target.file_name == file_name else str(target)


def _build(root: Path, documents: Mapping[Path, Document]) -> ContractSet:
    contracts = tuple(
        sorted(
            (_contract(path, document.data) for path, document in documents.items()),
            key=lambda contract: contract.module,
        )
    )
    by_name = {contract.file_name: contract.document for contract in contracts}
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (name, DRAFT202012.create_resource(document))
        for name, document in sorted(by_name.items())
    )
    dependencies = {
        name: tuple(sorted(_reachable_files(name, by_name) - {name}))
        for name in sorted(by_name)
    }
    return ContractSet(root, contracts, registry, dependencies)


def _contract(path: Path, data: Mapping[str, Any]) -> Contract:
    interfaces = tuple(
        _interface(data["module"], path.name, name, definition)
        for name, definition in data["interfaces"].items()
    )
    return Contract(
        path=path,
        module=data["module"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        defs=data.get("$defs", {}),
        interfaces=interfaces,
        document=data,
    )


def _interface(
    module: str, file_name: str, name: str, definition: Mapping[str, Any]
) -> Interface:
    return Interface(
        module=module,
        name=name,
        kind=definition["kind"],
        callers=tuple(definition.get("callers", ())),
        description=definition.get("description", ""),
        input=definition["input"],
        output=definition["output"],
        errors=tuple(
            ErrorCode(e["code"], e["name"], e.get("description", ""))
            for e in definition.get("errors", ())
        ),
        examples=tuple(
            Example(e.get("title"), e["input"], e.get("output"), e.get("error"))
            for e in definition.get("examples", ())
        ),
        file_name=file_name,
    )


def _reachable_files(start: str, documents: Mapping[str, Any]) -> set[str]:
    """Every contract file that ``start`` refers to, directly or not."""
    seen = {start}
    pending = [start]
    while pending:
        name = pending.pop()
        for reference in iter_references(name, documents[name]):
            target = resolve(reference, documents)
            if isinstance(target, Target) and target.file_name not in seen:
                seen.add(target.file_name)
                pending.append(target.file_name)

    return seen
