"""
The entry point of a Python cloud function that implements custom interfaces.

A generated scaffold's ``index.py`` holds little more than::

    main_handler = Dispatcher(
        api_dir=Path(__file__).parent / "api",
        schemas=ContractSchemas.from_file(
            Path(__file__).with_name("_contracts.json"), "sign-up.json"
        ),
    )

The platform calls ``main_handler(event, context)`` with the event
``{"methodName": str, "params": object}``; the dispatcher runs
``api/<methodName>.py``'s ``handler(data, context)`` and returns its envelope.
It never raises: every failure is a reply. The checks run in this order, and the
first that fails decides the reply (the Node dispatcher follows the same table):

=====================================================  ========================
failure                                                ``code``
=====================================================  ========================
``allow(event, context)`` is false                     ``PERMISSION_DENIED``
event not an object, ``methodName`` missing or not a   ``METHOD_NOT_FOUND``
string, not a custom interface of the contract, or
not usable as a file name
params (``{}`` when absent) fail the input schema       ``INVALID_PARAMS_CODE``
no file ``api/<methodName>.py``                        ``METHOD_NOT_FOUND``
the file raises while it is imported                   ``METHOD_EXEC_FAILURE``
the file has no callable ``handler``                   ``METHOD_NOT_FUNCTION``
the handler raises                                     ``METHOD_EXEC_FAILURE``
the reply is not an envelope                           ``METHOD_EXEC_FAILURE``
``result`` fails the output schema (when validating)   ``METHOD_EXEC_FAILURE``
anything else (``allow`` raises, a dispatcher fault)   ``UNKNOWN_ERROR``
=====================================================  ========================

An import failure counts as ``METHOD_EXEC_FAILURE`` because it is the business's
code failing, to be fixed where a raising handler is; so is a reply that breaks
the contract. ``UNKNOWN_ERROR`` is kept for what the business cannot fix.

The method name is checked against the contract before any file is touched, and
the path is built from a checked name only, so ``../x`` or ``__proto__`` never
reach the file system. Tracebacks go to the log, never into a reply.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from ._handlers import (
    HANDLER_FAILURES,
    Handler,
    call_blocking,
    describe_failure,
)
from .callers import allow_server_callers
from .codes import (
    INVALID_PARAMS_CODE,
    METHOD_EXEC_FAILURE,
    METHOD_NOT_FOUND,
    METHOD_NOT_FUNCTION,
    PERMISSION_DENIED,
    SUCCESS_CODE,
    UNKNOWN_ERROR,
)
from .envelope import envelope_problem, failure, short_repr
from .schemas import ContractSchemas, SchemaViolation

logger = logging.getLogger(__name__)

# Interface names become file names: no separators, no dots, no leading dash.
_FILE_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*\Z")
# Names that are special to a JavaScript object lookup, refused here as well so
# that both dispatchers answer a contract that (wrongly) declares them alike.
_RESERVED = frozenset({"__proto__", "constructor", "prototype"})


class _Refusal(Exception):
    """Ends a dispatch early with the reply ``{code, msg}``."""

    def __init__(self, code: int | str, msg: str) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg


class Dispatcher:
    """
    ``main_handler`` of a cloud function implementing a module's custom interfaces.

    :param api_dir: the folder holding ``<interface>.py`` files.
    :param schemas: the module's contracts; their custom interfaces are the only
        method names served.
    :param module: the module's name, checked against the contract when given.
    :param allow: ``allow(event, context)`` tells whether the caller may call;
        :func:`allow_server_callers` by default.
    :param validate_replies: check each success ``result`` against the output
        schema; by default on unless the environment variable
        ``CONTRACTGEN_ENV`` is ``production``.
    :raises ValueError: if ``module`` is not the contract's module.
    """

    def __init__(
        self,
        *,
        api_dir: str | PathLike[str],
        schemas: ContractSchemas,
        module: str | None = None,
        allow: Callable[[Any, Any], bool] = allow_server_callers,
        validate_replies: bool | None = None,
    ) -> None:
        if module is not None and module != schemas.module:
            raise ValueError(
                f"module {module!r} does not match the contract's module"
                f" {schemas.module!r}"
            )

        if validate_replies is None:
            validate_replies = os.environ.get("CONTRACTGEN_ENV") != "production"

        self.api_dir = Path(api_dir)
        self.schemas = schemas
        self.module = schemas.module
        self.allow = allow
        self.validate_replies = validate_replies
        self._custom = frozenset(schemas.custom_interface_names())
        self._handlers: dict[str, Handler] = {}

    def __call__(self, event: Any, context: Any) -> dict[str, Any]:
        """Serve one call; returns the envelope to send back and never raises."""
        try:
            return self._dispatch(event, context)
        except _Refusal as refusal:
            return failure(refusal.code, refusal.msg)
        except Exception:
            logger.exception("the dispatcher of module %r failed", self.module)
            return failure(
                UNKNOWN_ERROR, "the dispatcher failed; the function's log has details"
            )

    def _dispatch(self, event: Any, context: Any) -> dict[str, Any]:
        self._check_caller(event, context)
        name = self._method_name(event)
        params = event.get("params", {})
        self._check_params(name, params)
        handler = self._handler(name)
        reply = self._run(name, handler, params, context)
        self._check_reply(name, reply)
        return cast(dict[str, Any], reply)

    def _check_caller(self, event: Any, context: Any) -> None:
        try:
            allowed = self.allow(event, context)
        except Exception as error:
            logger.exception("the caller check of module %r failed", self.module)
            raise _Refusal(
                UNKNOWN_ERROR, "the caller check failed; the function's log has details"
            ) from error

        if not allowed:
            raise _Refusal(
                PERMISSION_DENIED,
                f"the caller is not allowed to call module {self.module!r}: custom"
                " interfaces serve server-side and timer callers only",
            )

    def _method_name(self, event: Any) -> str:
        """The event's method name, once it is known to be a servable interface."""
        if not isinstance(event, Mapping):
            raise _Refusal(
                METHOD_NOT_FOUND,
                "the event must be an object with 'methodName' and 'params', got"
                f" {short_repr(event)}",
            )

        if "methodName" not in event:
            raise _Refusal(METHOD_NOT_FOUND, "the event has no 'methodName'")

        name = event["methodName"]
        if not isinstance(name, str):
            raise _Refusal(
                METHOD_NOT_FOUND,
                f"'methodName' must be a string, got {short_repr(name)}",
            )

        if name not in self._custom:
            known = ", ".join(repr(custom) for custom in sorted(self._custom)) or "none"
            raise _Refusal(
                METHOD_NOT_FOUND,
                f"{short_repr(name)} is not a custom interface of module"
                f" {self.module!r} (its custom interfaces: {known})",
            )

        if name in _RESERVED or not _FILE_NAME.match(name):
            raise _Refusal(
                METHOD_NOT_FOUND,
                f"custom interface {name!r} cannot be the name of a file in api/",
            )

        return name

    def _check_params(self, name: str, params: Any) -> None:
        violations = self.schemas.validate_input(name, params)
        if violations:
            raise _Refusal(
                INVALID_PARAMS_CODE,
                f"params of {self.module}.{name} violate its input schema: "
                + _one_line(violations),
            )

    def _handler(self, name: str) -> Handler:
        """The ``handler`` of ``api/<name>.py``, imported once and then kept."""
        if name in self._handlers:
            return self._handlers[name]

        path = self.api_dir / f"{name}.py"
        shown = f"api/{name}.py"
        if not path.is_file():
            raise _Refusal(
                METHOD_NOT_FOUND,
                f"custom interface {name!r} is not implemented: there is no {shown}",
            )

        module = self._import(name, path)
        if not hasattr(module, "handler"):
            raise _Refusal(
                METHOD_NOT_FUNCTION,
                f"handler in {shown} is not a function: it is not defined",
            )

        handler = module.handler
        if not callable(handler):
            raise _Refusal(
                METHOD_NOT_FUNCTION,
                f"handler in {shown} is not a function: it is {short_repr(handler)}",
            )

        self._handlers[name] = handler
        return cast(Handler, handler)

    def _import(self, name: str, path: Path) -> ModuleType:
        # A module in sys.modules lets dataclasses and pickling inside the
        # business's file work; the name keeps two modules' files apart.
        unique = re.sub(r"\W", "_", f"_contractgen_api__{self.module}__{name}")
        spec = importlib.util.spec_from_file_location(unique, path)
        if spec is None or spec.loader is None:
            raise _Refusal(UNKNOWN_ERROR, f"api/{name}.py cannot be imported")

        module = importlib.util.module_from_spec(spec)
        sys.modules[unique] = module
        try:
            spec.loader.exec_module(module)
        except HANDLER_FAILURES as error:
            del sys.modules[unique]
            logger.error("api/%s.py failed to load", name, exc_info=error)
            raise _Refusal(
                METHOD_EXEC_FAILURE,
                f"api/{name}.py failed to load: {describe_failure(error)}",
            ) from error

        return module

    def _run(self, name: str, handler: Handler, params: Any, context: Any) -> Any:
        try:
            return call_blocking(handler, params, context)
        except HANDLER_FAILURES as error:
            logger.error("handler in api/%s.py raised", name, exc_info=error)
            raise _Refusal(
                METHOD_EXEC_FAILURE,
                f"handler in api/{name}.py raised {describe_failure(error)}",
            ) from error

    def _check_reply(self, name: str, reply: Any) -> None:
        problem = envelope_problem(reply)
        if problem is not None:
            logger.error("handler in api/%s.py sent a malformed reply", name)
            raise _Refusal(
                METHOD_EXEC_FAILURE,
                f"handler in api/{name}.py sent a malformed reply: {problem}",
            )

        if not self.validate_replies or reply["code"] != SUCCESS_CODE:
            return

        violations = self.schemas.validate_output(name, reply["result"])
        if violations:
            logger.error("handler in api/%s.py broke its output schema", name)
            raise _Refusal(
                METHOD_EXEC_FAILURE,
                f"result of {self.module}.{name} violates its output schema: "
                + _one_line(violations),
            )


def _one_line(violations: list[SchemaViolation]) -> str:
    return "; ".join(str(violation) for violation in violations)
