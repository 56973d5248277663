"""
The input and output schemas of a module's interfaces, ready to validate.

A generated package ships ``_contracts.json``: an object mapping contract file
names to whole contract documents, the module's own contract and every contract
it references. Each document becomes a draft 2020-12 resource whose URI is its
file name, so ``prize.json#/$defs/Prize`` and ``#/$defs/X`` resolve as written.
Formats stay annotations, as draft 2020-12 says by default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from typing import Any, Literal
from urllib.parse import quote

# jsonschema ships no type information; the stubs package would make the ignores
# below unused, hence unused-ignore next to import-untyped.
from jsonschema import (  # type: ignore[import-untyped, unused-ignore]
    Draft202012Validator,
)
from jsonschema.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    ValidationError,
    best_match,
    relevance,
)
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from ._pointers import json_pointer, locate_keyword
from .errors import UnknownInterface

Part = Literal["input", "output"]


@dataclass(frozen=True)
class SchemaViolation:
    """
    One reason an instance fails an interface's input or output schema.

    :param instance_pointer: JSON pointer to the failing value, ``""`` for the
        instance itself.
    :param schema_pointer: JSON pointer to the failing keyword in
        ``schema_file``.
    :param message: what is wrong, e.g. ``"'x' is not of type 'integer'"``.
    :param schema_file: the contract file holding the keyword; another
        contract's file when a ``$ref`` led there.
    """

    instance_pointer: str
    schema_pointer: str
    message: str
    schema_file: str

    @property
    def schema_location(self) -> str:
        """The keyword as a URI reference, e.g. ``sign-up.json#/$defs/X/type``."""
        return f"{self.schema_file}#{self.schema_pointer}"

    def __str__(self) -> str:
        where = self.instance_pointer or "(root)"
        return f"{where}: {self.message} (schema {self.schema_location})"


class ContractSchemas:
    """
    Validators for the interfaces of one module's contract.

    Build it with :meth:`from_file` or :meth:`from_documents`. Validators are
    compiled on first use and kept, so building one at import time is cheap.

    :param documents: contract file name to contract document.
    :param module_file: the file name of the module's own contract.
    :raises ValueError: if ``module_file`` is missing or is not a contract.
    """

    def __init__(self, documents: Mapping[str, Any], module_file: str) -> None:
        if module_file not in documents:
            known = ", ".join(repr(name) for name in sorted(documents))
            raise ValueError(
                f"no contract {module_file!r} among the documents ({known})"
            )

        contract = documents[module_file]
        if not isinstance(contract, Mapping) or not isinstance(
            contract.get("interfaces"), Mapping
        ):
            raise ValueError(f"{module_file!r} has no 'interfaces' object")

        if not isinstance(contract.get("module"), str):
            raise ValueError(f"{module_file!r} has no 'module' string")

        self.module_file = module_file
        self.module: str = contract["module"]
        self._interfaces: Mapping[str, Any] = contract["interfaces"]
        self._registry: Registry[Any] = Registry().with_resources(
            (uri, DRAFT202012.create_resource(document))
            for uri, document in documents.items()
        )
        self._validators: dict[tuple[str, Part], Any] = {}

    @classmethod
    def from_documents(
        cls, documents: Mapping[str, Any], module_file: str
    ) -> ContractSchemas:
        """Use ``documents`` as ``_contracts.json`` holds them."""
        return cls(documents, module_file)

    @classmethod
    def from_file(cls, path: str | PathLike[str], module_file: str) -> ContractSchemas:
        """Read a ``_contracts.json`` file (UTF-8 JSON)."""
        with open(path, encoding="utf-8") as stream:
            documents = json.load(stream)

        if not isinstance(documents, dict):
            raise ValueError(f"{str(path)!r} does not hold a JSON object")

        return cls(documents, module_file)

    def interface_names(self) -> tuple[str, ...]:
        """Every interface of the module, sorted."""
        return tuple(sorted(self._interfaces))

    def custom_interface_names(self) -> tuple[str, ...]:
        """The interfaces of kind ``custom`` (those a business implements), sorted."""
        return tuple(
            name for name in sorted(self._interfaces) if self._kind_of(name) == "custom"
        )

    def is_custom(self, interface: str) -> bool:
        """
        Whether the business implements ``interface``.

        :raises UnknownInterface: if the contract has no such interface.
        """
        self.interface(interface)
        return self._kind_of(interface) == "custom"

    def interface(self, interface: str) -> Mapping[str, Any]:
        """
        The interface's part of the contract (description, schemas, errors).

        :raises UnknownInterface: if the contract has no such interface.
        """
        found = self._interfaces.get(interface)
        if not isinstance(found, Mapping):
            raise UnknownInterface(self.module, interface, self.interface_names())

        return found

    def validate_input(self, interface: str, params: Any) -> list[SchemaViolation]:
        """Check params against the input schema; most relevant violation first."""
        return self.validate(interface, "input", params)

    def validate_output(self, interface: str, result: Any) -> list[SchemaViolation]:
        """Check a result against the output schema; most relevant first."""
        return self.validate(interface, "output", result)

    def validate(
        self, interface: str, part: Part, instance: Any
    ) -> list[SchemaViolation]:
        """
        Check ``instance`` against the interface's ``part`` schema.

        An empty list means the schema accepts the instance. Each violation is
        the most specific cause within its ``oneOf``/``anyOf`` cascade.

        :raises UnknownInterface: if the contract has no such interface.
        """
        validator = self._validator(interface, part)
        errors = sorted(validator.iter_errors(instance), key=relevance, reverse=True)
        return [
            self._violation(best_match([error]), validator.schema) for error in errors
        ]

    def _kind_of(self, interface: str) -> object:
        return self._interfaces[interface].get("kind")

    def _validator(self, interface: str, part: Part) -> Any:
        key = (interface, part)
        validator = self._validators.get(key)
        if validator is not None:
            return validator

        if part not in self.interface(interface):
            raise ValueError(
                f"interface {interface!r} of {self.module_file!r} has no {part!r}"
                " schema"
            )

        ref = self._root_ref(interface, part)
        validator = Draft202012Validator({"$ref": ref}, registry=self._registry)
        self._validators[key] = validator
        return validator

    def _root_ref(self, interface: str, part: Part) -> str:
        pointer = json_pointer(["interfaces", interface, part])
        return f"{self.module_file}#{quote(pointer, safe='/$~')}"

    def _violation(self, error: ValidationError, root: Any) -> SchemaViolation:
        schema_file, schema_pointer = locate_keyword(
            self._registry, root, list(error.absolute_schema_path), error.schema
        )
        return SchemaViolation(
            instance_pointer=json_pointer(error.absolute_path),
            schema_pointer=schema_pointer,
            message=str(error.message),
            schema_file=schema_file,
        )
