"""
What generated clients and cloud-function scaffolds import at run time.

Clients (:class:`BaseClient`, :class:`AsyncBaseClient`) check params and results
against the contract's JSON Schema; :class:`Dispatcher` serves a module's custom
interfaces from ``api/<interface>.py`` files.
"""

from contractgen.runtime.callers import allow_server_callers
from contractgen.runtime.client import AsyncBaseClient, BaseClient
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
from contractgen.runtime.schemas import ContractSchemas, SchemaViolation
from contractgen.runtime.transport import (
    AsyncLocalTransport,
    AsyncTransport,
    LocalTransport,
    Transport,
)

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
