"""
What generated clients and cloud-function scaffolds import at run time.

Clients (:class:`BaseClient`, :class:`AsyncBaseClient`) check params and results
against the contract's JSON Schema; :class:`Dispatcher` serves a module's custom
interfaces from ``api/<interface>.py`` files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contractgen.runtime.callers import allow_server_callers
    from contractgen.runtime.client import (
        AsyncBaseClient,
        BaseClient,
    )
    from contractgen.runtime.codes import (
        INVALID_PARAMS_CODE,
        METHOD_EXEC_FAILURE,
        METHOD_NOT_FOUND,
        METHOD_NOT_FUNCTION,
        PERMISSION_DENIED,
        PLATFORM_CODES,
        SUCCESS_CODE,
        UNKNOWN_ERROR,
    )
    from contractgen.runtime.dispatch import Dispatcher
    from contractgen.runtime.envelope import envelope_problem
    from contractgen.runtime.errors import (
        ContractError,
        InterfaceError,
        MalformedReply,
        ModelMismatch,
        ParamsViolation,
        ResultViolation,
        UnknownInterface,
    )
    from contractgen.runtime.schemas import (
        ContractSchemas,
        SchemaViolation,
    )
    from contractgen.runtime.transport import (
        AsyncLocalTransport,
        AsyncTransport,
        LocalTransport,
        Transport,
    )

# Imported on first use: a cloud function that only dispatches should not pay
# for pydantic, which only the clients need.
_EXPORTS = {
    "AsyncBaseClient": "contractgen.runtime.client",
    "AsyncLocalTransport": "contractgen.runtime.transport",
    "AsyncTransport": "contractgen.runtime.transport",
    "BaseClient": "contractgen.runtime.client",
    "ContractError": "contractgen.runtime.errors",
    "ContractSchemas": "contractgen.runtime.schemas",
    "Dispatcher": "contractgen.runtime.dispatch",
    "INVALID_PARAMS_CODE": "contractgen.runtime.codes",
    "InterfaceError": "contractgen.runtime.errors",
    "LocalTransport": "contractgen.runtime.transport",
    "METHOD_EXEC_FAILURE": "contractgen.runtime.codes",
    "METHOD_NOT_FOUND": "contractgen.runtime.codes",
    "METHOD_NOT_FUNCTION": "contractgen.runtime.codes",
    "MalformedReply": "contractgen.runtime.errors",
    "ModelMismatch": "contractgen.runtime.errors",
    "PERMISSION_DENIED": "contractgen.runtime.codes",
    "PLATFORM_CODES": "contractgen.runtime.codes",
    "ParamsViolation": "contractgen.runtime.errors",
    "ResultViolation": "contractgen.runtime.errors",
    "SUCCESS_CODE": "contractgen.runtime.codes",
    "SchemaViolation": "contractgen.runtime.schemas",
    "Transport": "contractgen.runtime.transport",
    "UNKNOWN_ERROR": "contractgen.runtime.codes",
    "UnknownInterface": "contractgen.runtime.errors",
    "allow_server_callers": "contractgen.runtime.callers",
    "envelope_problem": "contractgen.runtime.envelope",
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    return getattr(importlib.import_module(_EXPORTS[name]), name)


__all__ = [
    "INVALID_PARAMS_CODE",
    "METHOD_EXEC_FAILURE",
    "METHOD_NOT_FOUND",
    "METHOD_NOT_FUNCTION",
    "PERMISSION_DENIED",
    "PLATFORM_CODES",
    "SUCCESS_CODE",
    "UNKNOWN_ERROR",
    "AsyncBaseClient",
    "AsyncLocalTransport",
    "AsyncTransport",
    "BaseClient",
    "ContractError",
    "ContractSchemas",
    "Dispatcher",
    "InterfaceError",
    "LocalTransport",
    "MalformedReply",
    "ModelMismatch",
    "ParamsViolation",
    "ResultViolation",
    "SchemaViolation",
    "Transport",
    "UnknownInterface",
    "allow_server_callers",
    "envelope_problem",
]
