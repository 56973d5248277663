"""Fast answers to "is this instance valid?" for interface schemas.

A check asks that thousands of times, of inputs as it draws them and of replies
as they come back.  jsonschema-rs answers in about a microsecond where Python's
jsonschema takes about a hundred.  Python's jsonschema still words the errors
once an instance is known to be invalid, so messages do not depend on which
library answered first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import jsonschema_rs

from contractgen.contract import ContractSet, Direction, Interface

BASE_URI = "file:///contracts/"
"""Where the contract files sit for jsonschema-rs, which needs absolute URIs.

Python's registry keeps them under their bare file names; references between
contracts are relative (``prize.json#/$defs/Prize``), so they resolve alike.
"""

_RS_ERRORS = (ValueError, TypeError, OverflowError)


class FastValidator:
    """``is_valid`` through jsonschema-rs, with Python's jsonschema as a backstop.

    :param fast: a compiled jsonschema-rs validator, or None when jsonschema-rs
        could not compile the schema; Python's validator then answers alone.
    """

    def __init__(self, slow: jsonschema.protocols.Validator, fast: Any) -> None:
        self.slow = slow
        self.fast = fast

    def is_valid(self, instance: Any) -> bool:
        if self.fast is not None:
            try:
                return bool(self.fast.is_valid(instance))
            except _RS_ERRORS:
                pass  # a Python value with no JSON form; Python's jsonschema decides

        return bool(self.slow.is_valid(instance))

    def iter_errors(self, instance: Any) -> Any:
        """Python's jsonschema's errors, for the messages."""
        return self.slow.iter_errors(instance)


def interface_validators(
    contract_set: ContractSet,
) -> Callable[[Interface, Direction], FastValidator]:
    """A function giving a :class:`FastValidator` per interface and direction.

    Every contract of the set goes into one jsonschema-rs registry, built once.
    """
    resources: list[tuple[str, Any]] = [
        (BASE_URI + c.file_name, c.document) for c in contract_set.contracts
    ]
    try:
        registry = jsonschema_rs.Registry(resources, retriever=_retrieve_nothing)
    except (*_RS_ERRORS, jsonschema_rs.ReferencingError):
        registry = None

    def validator(interface: Interface, direction: Direction) -> FastValidator:
        slow = contract_set.validator(interface, direction)
        if registry is None:
            return FastValidator(slow, None)

        reference = BASE_URI + interface.schema_ref(direction)
        return FastValidator(slow, schema_validator({"$ref": reference}, registry))

    return validator


def schema_validator(schema: Any, registry: Any = None) -> Any:
    """A jsonschema-rs validator of ``schema``, or None when it cannot compile it."""
    try:
        return jsonschema_rs.validator_for(
            schema,
            registry=registry,
            retriever=_retrieve_nothing,
            validate_formats=False,
        )
    except (*_RS_ERRORS, jsonschema_rs.ReferencingError):
        return None


def _retrieve_nothing(uri: str) -> Any:
    """Refuse to fetch a schema: every contract is in the registry already.

    jsonschema-rs would otherwise read ``file:`` URIs from the disk.
    """
    raise ValueError(f"{uri!r} is not one of the contracts")
