"""
Base classes of the generated typed clients.

A generated client sets :attr:`module` and :attr:`schemas` and has one method
per interface, each a single call of ``_call``::

    def do_remind(
        self, params: DoRemindInput | None = None, /, **fields: Any
    ) -> DoRemindOutput:
        return self._call("doRemind", DoRemindInput, DoRemindOutput, params, fields)

The contract's JSON Schema decides what is valid, not the pydantic models:
params are checked against the input schema before anything is sent, and a
result must pass the output schema before it becomes a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from contractgen.runtime._pointers import json_pointer
from contractgen.runtime.codes import SUCCESS_CODE
from contractgen.runtime.envelope import envelope_problem
from contractgen.runtime.errors import (
    InterfaceError,
    MalformedReply,
    ModelMismatch,
    ParamsViolation,
    ResultViolation,
)
from contractgen.runtime.schemas import ContractSchemas
from contractgen.runtime.transport import AsyncTransport, Transport

OutputT = TypeVar("OutputT", bound=BaseModel)


class _Client:
    """What the sync and async clients share: everything but the sending."""

    module: ClassVar[str]
    """The module's name, as the platform knows it (``"sign-up"``)."""

    schemas: ClassVar[ContractSchemas]
    """The module's contract and those it references."""

    def _params(
        self,
        interface: str,
        input_model: type[BaseModel],
        params: BaseModel | None,
        fields: Mapping[str, Any],
    ) -> dict[str, Any]:
        """The params to send, checked against the input schema.

        Keyword fields are sent as the caller gave them, keyed by alias: the
        schema judges them before any model sees them, because a model would
        coerce ``"5"`` or ``True`` into an integer or rewrite a URL.
        """
        if params is not None and fields:
            raise TypeError(
                f"{self._label(interface)} takes params or keyword fields, not both"
            )

        if params is None:
            payload = _jsonable(self._by_alias(interface, input_model, fields))
        elif isinstance(params, input_model):
            payload = params.model_dump(mode="json", by_alias=True, exclude_unset=True)
        else:
            raise TypeError(
                f"{self._label(interface)} takes a {input_model.__name__} as params,"
                f" not a {type(params).__name__}"
            )

        violations = self.schemas.validate_input(interface, payload)
        if violations:
            raise ParamsViolation(self.module, interface, violations)

        if not isinstance(payload, dict):
            raise TypeError(
                f"{self._label(interface)} params must be a JSON object, not"
                f" {type(payload).__name__}"
            )

        if params is None:
            self._check_model(interface, input_model, payload)

        return payload

    def _check_model(
        self, interface: str, input_model: type[BaseModel], payload: dict[str, Any]
    ) -> None:
        """Make sure the model holds the fields the schema accepted.

        The model only checks here; what is sent stays ``payload``.
        """
        try:
            input_model.model_validate(payload)
        except ValidationError as error:
            raise self._mismatch(interface, "input", input_model, error) from error

    def _by_alias(
        self, interface: str, model: type[BaseModel], fields: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Key ``fields`` by alias, accepting Python attribute names too."""
        alias_of = {
            name: info.alias or name for name, info in model.model_fields.items()
        }
        aliases = set(alias_of.values())
        open_model = model.model_config.get("extra") == "allow"
        data: dict[str, Any] = {}
        for key, value in fields.items():
            if key in aliases:
                target = key
            elif key in alias_of:
                target = alias_of[key]
            elif open_model:
                target = key
            else:
                raise TypeError(
                    f"{self._label(interface)} got an unexpected field {key!r}"
                )

            if target in data:
                raise TypeError(
                    f"{self._label(interface)} got field {target!r} twice, by name"
                    " and by alias"
                )

            data[target] = value

        return data

    def _result(
        self, interface: str, output_model: type[OutputT], reply: Any
    ) -> OutputT:
        """The reply's result as ``output_model``, once envelope and schema agree."""
        problem = envelope_problem(reply)
        if problem is not None:
            raise MalformedReply(self.module, interface, problem, reply)

        if reply["code"] != SUCCESS_CODE:
            raise InterfaceError(self.module, interface, reply["code"], reply["msg"])

        result = reply["result"]
        violations = self.schemas.validate_output(interface, result)
        if violations:
            raise ResultViolation(self.module, interface, violations)

        try:
            return output_model.model_validate(result)
        except ValidationError as error:
            raise self._mismatch(interface, "output", output_model, error) from error

    def _mismatch(
        self,
        interface: str,
        part: Literal["input", "output"],
        model: type[BaseModel],
        error: ValidationError,
    ) -> ModelMismatch:
        problems = [(json_pointer(item["loc"]), item["msg"]) for item in error.errors()]
        return ModelMismatch(self.module, interface, part, model.__name__, problems)

    def _label(self, interface: str) -> str:
        return f"{self.module}.{interface}"


class BaseClient(_Client):
    """
    Base of the generated synchronous clients.

    :param transport: how calls reach the module, e.g. a
        :class:`~contractgen.runtime.transport.LocalTransport` in tests.
    """

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def _call(
        self,
        interface: str,
        input_model: type[BaseModel],
        output_model: type[OutputT],
        params: BaseModel | None,
        fields: Mapping[str, Any],
    ) -> OutputT:
        """
        Call ``interface`` and return its result as ``output_model``.

        :param params: an ``input_model`` instance, or ``None`` to build one
            from ``fields`` (keyed by attribute name or alias).
        :raises TypeError: for both params and fields, or an unknown field.
        :raises ParamsViolation: when the params fail the input schema; nothing
            is sent then.
        :raises MalformedReply: when the reply is not a valid envelope.
        :raises InterfaceError: when the reply's ``code`` is not ``0``.
        :raises ResultViolation: when the result fails the output schema.
        :raises ModelMismatch: when the schema accepts data a model rejects.
        """
        payload = self._params(interface, input_model, params, fields)
        reply = self.transport.call_method(self.module, interface, payload)
        return self._result(interface, output_model, reply)


class AsyncBaseClient(_Client):
    """Base of the generated asynchronous clients; see :class:`BaseClient`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self.transport = transport

    async def _call(
        self,
        interface: str,
        input_model: type[BaseModel],
        output_model: type[OutputT],
        params: BaseModel | None,
        fields: Mapping[str, Any],
    ) -> OutputT:
        """Await the call; raises as :meth:`BaseClient._call` does."""
        payload = self._params(interface, input_model, params, fields)
        reply = await self.transport.call_method(self.module, interface, payload)
        return self._result(interface, output_model, reply)


def _jsonable(value: Any) -> Any:
    """``value`` with models, enums and tuples turned into their JSON shapes."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)

    if isinstance(value, Enum):
        return _jsonable(value.value)

    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}

    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]

    return value
