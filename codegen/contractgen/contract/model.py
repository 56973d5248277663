"""The typed intermediate model of a set of contracts.

Renderers and the checker read contracts only through these classes.  Everything
here has been validated: schemas are well formed, references resolve inside the
contracts folder, examples pass their schemas and names do not collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import jsonschema
import jsonschema_rs
import referencing

from contractgen.issues import ContractIssue
from contractgen.names import ClassName, JsIdentifier, PythonIdentifier

Kind = Literal["standard", "custom"]

RS_BASE_URI = "file:///contracts/"
"""Where contract files sit for jsonschema-rs, which wants absolute URIs.

The Python registry keeps them under bare file names; references between
contracts are relative (``prize.json#/$defs/Prize``), so both resolve alike.
"""


def _retrieve_nothing(uri: str) -> Any:
    # Every contract is in the registry; anything else is never fetched.
    raise ValueError(f"{uri!r} is not a contract of this folder")


Direction = Literal["input", "output"]


@dataclass(frozen=True)
class ErrorCode:
    """A business error code that an interface may reply with."""

    code: int
    name: str
    description: str


@dataclass(frozen=True)
class Example:
    """One worked call: an input and either the output or the error it gets."""

    title: str | None
    input: Any
    output: Any = None
    error: Mapping[str, Any] | None = None

    @property
    def envelope(self) -> dict[str, Any]:
        """The reply envelope this example stands for."""
        if self.error is None:
            return {"code": 0, "msg": "ok", "result": self.output}

        return {"code": self.error["code"], "msg": self.error.get("msg", "")}


@dataclass(frozen=True)
class Interface:
    """One interface of a module, as its contract declares it."""

    module: str
    name: str
    kind: Kind
    callers: tuple[str, ...]
    description: str
    input: Mapping[str, Any]
    output: Mapping[str, Any]
    errors: tuple[ErrorCode, ...]
    examples: tuple[Example, ...]
    file_name: str

    @property
    def pointer(self) -> str:
        """Where the interface is in its contract file."""
        return f"/interfaces/{self.name}"

    @property
    def python_name(self) -> PythonIdentifier:
        return PythonIdentifier(self.name)

    @property
    def class_name(self) -> ClassName:
        """Prefix of the interface's model classes: ``DoRemind`` for ``doRemind``."""
        return ClassName(self.name)

    @property
    def js_name(self) -> JsIdentifier:
        return JsIdentifier(self.name)

    def schema_ref(self, direction: Direction) -> str:
        """A ``$ref`` that reaches the interface's input or output schema."""
        return f"{self.file_name}#{self.pointer}/{direction}"


@dataclass(frozen=True)
class Contract:
    """One module's contract file."""

    path: Path
    module: str
    version: str
    title: str
    description: str
    defs: Mapping[str, Any]
    interfaces: tuple[Interface, ...]
    document: Mapping[str, Any] = field(repr=False)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def package_name(self) -> PythonIdentifier:
        """The Python package of the module: ``sign_up`` for ``sign-up``."""
        return PythonIdentifier(self.module)

    @property
    def class_name(self) -> ClassName:
        return ClassName(self.module)

    @property
    def custom_interfaces(self) -> tuple[Interface, ...]:
        return tuple(i for i in self.interfaces if i.kind == "custom")

    def interface(self, name: str) -> Interface:
        for interface in self.interfaces:
            if interface.name == name:
                return interface

        raise KeyError(name)


@dataclass(frozen=True)
class ContractSet:
    """Every contract of one contracts folder, with their references resolved."""

    root: Path
    contracts: tuple[Contract, ...]
    registry: referencing.Registry[Any] = field(repr=False)
    # Files each contract refers to, directly or not, itself excluded.
    dependencies: Mapping[str, tuple[str, ...]] = field(repr=False)
    # What loading found wrong but not bad enough to stop: unknown keywords,
    # skipped files, unlisted codes in examples.
    warnings: tuple[ContractIssue, ...] = ()

    def get(self, module: str) -> Contract:
        for contract in self.contracts:
            if contract.module == module:
                return contract

        raise KeyError(module)

    def by_file(self, file_name: str) -> Contract:
        for contract in self.contracts:
            if contract.file_name == file_name:
                return contract

        raise KeyError(file_name)

    def documents_for(self, contract: Contract) -> dict[str, Mapping[str, Any]]:
        """The contract's document and those it refers to, keyed by file name."""
        names = sorted({contract.file_name, *self.dependencies[contract.file_name]})
        return {name: self.by_file(name).document for name in names}

    def validator(
        self, interface: Interface, direction: Direction
    ) -> jsonschema.Draft202012Validator:
        """A compiled validator of the interface's input or output schema."""
        return self._validators[(interface.file_name, interface.name, direction)]

    def first_violation(
        self, file_name: str, pointer: str, instance: Any
    ) -> tuple[list[str | int], str] | None:
        """The first way ``instance`` breaks the schema at ``pointer``, if any.

        jsonschema-rs answers: it reads ``pattern`` as ECMA-262, as JSON Schema
        means it, and in linear time, so a contract's pattern cannot hang a
        build.  Python's jsonschema answers for the rare schema it cannot compile.

        :returns: the path in ``instance`` and the message, or ``None``.
        """
        reference = {"$ref": f"{RS_BASE_URI}{file_name}#{pointer}"}
        try:
            fast = jsonschema_rs.validator_for(
                reference, registry=self._rs_registry, validate_formats=False
            )
        except (ValueError, TypeError, jsonschema_rs.ReferencingError):
            slow = jsonschema.Draft202012Validator(
                {"$ref": f"{file_name}#{pointer}"}, registry=self.registry
            )
            error = next(iter(slow.iter_errors(instance)), None)
            return None if error is None else (list(error.absolute_path), error.message)

        found = next(iter(fast.iter_errors(instance)), None)
        return None if found is None else (list(found.instance_path), found.message)

    @cached_property
    def _rs_registry(self) -> Any:
        resources = [
            (RS_BASE_URI + contract.file_name, dict(contract.document))
            for contract in self.contracts
        ]
        return jsonschema_rs.Registry(resources, retriever=_retrieve_nothing)

    @cached_property
    def _validators(
        self,
    ) -> dict[tuple[str, str, Direction], jsonschema.Draft202012Validator]:
        validators = {}
        directions: tuple[Direction, ...] = ("input", "output")
        for contract in self.contracts:
            for interface in contract.interfaces:
                for direction in directions:
                    schema = {"$ref": interface.schema_ref(direction)}
                    key = (interface.file_name, interface.name, direction)
                    validators[key] = jsonschema.Draft202012Validator(
                        schema, registry=self.registry
                    )

        return validators
