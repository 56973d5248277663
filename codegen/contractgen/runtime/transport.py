"""
How a client reaches a module: the transport protocols and in-process transports.

A transport takes a module name, an interface name and JSON-ready params, and
returns the raw reply, which the client then checks. That is all the generated
code relies on, so a transport over HTTP or a cloud SDK fits in later unchanged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from contractgen.runtime._handlers import (
    HANDLER_FAILURES,
    Handler,
    call_awaiting,
    call_blocking,
    describe_failure,
)
from contractgen.runtime.codes import (
    METHOD_EXEC_FAILURE,
    METHOD_NOT_FOUND,
    METHOD_NOT_FUNCTION,
    UNKNOWN_ERROR,
)
from contractgen.runtime.envelope import failure, short_repr

logger = logging.getLogger(__name__)


class Transport(Protocol):
    """Sends one call and returns the reply as received, unchecked."""

    def call_method(self, module: str, name: str, params: dict[str, Any]) -> object: ...


class AsyncTransport(Protocol):
    """The awaitable form of :class:`Transport`."""

    async def call_method(
        self, module: str, name: str, params: dict[str, Any]
    ) -> object: ...


class _Local:
    """Handler lookup and platform-like replies shared by both local transports."""

    def __init__(self, handlers: Mapping[str, Handler], context: Any = None) -> None:
        self._handlers = dict(handlers)
        self._context = {} if context is None else context

    def _find(self, module: str, name: str) -> Handler | dict[str, Any]:
        """The handler for ``name``, or the platform's reply when there is none."""
        if name not in self._handlers:
            return failure(
                METHOD_NOT_FOUND,
                f"no handler for interface {name!r} of module {module!r}",
            )

        handler = self._handlers[name]
        if not callable(handler):
            return failure(
                METHOD_NOT_FUNCTION,
                f"the handler for {name!r} is not a function: {short_repr(handler)}",
            )

        return handler

    def _received(self, name: str, reply: Any) -> Any:
        try:
            return _json_copy(reply)
        except ValueError as problem:
            return failure(
                UNKNOWN_ERROR,
                f"the reply for {name!r} cannot travel as JSON: {problem}",
            )

    def _failed(self, name: str, error: BaseException) -> dict[str, Any]:
        logger.error("the handler for %r raised", name, exc_info=error)
        return failure(
            METHOD_EXEC_FAILURE,
            f"the handler for {name!r} raised {describe_failure(error)}",
        )


class LocalTransport(_Local):
    """
    Runs handlers in this process and replies the way the platform does.

    Params and replies make a JSON round trip, so a handler never shares objects
    with its caller and a reply that could not cross the network fails here too.
    An async handler runs to completion with :func:`asyncio.run`.

    :param handlers: handler per interface name. One transport serves one
        module; the ``module`` of a call only appears in messages.
    :param context: passed to every handler as its second argument; ``{}``
        when omitted.
    """

    def call_method(self, module: str, name: str, params: dict[str, Any]) -> object:
        """
        Run the handler for ``name`` and return its reply.

        Like the platform, reply ``METHOD_NOT_FOUND`` when there is no handler,
        ``METHOD_NOT_FUNCTION`` when it is not callable, ``METHOD_EXEC_FAILURE``
        when it raises and ``UNKNOWN_ERROR`` when params or reply are not JSON.
        """
        found = self._find(module, name)
        if isinstance(found, dict):
            return found

        try:
            data = _json_copy(params)
        except ValueError as problem:
            return failure(UNKNOWN_ERROR, f"params cannot travel as JSON: {problem}")

        try:
            reply = call_blocking(found, data, self._context)
        except HANDLER_FAILURES as error:
            return self._failed(name, error)

        return self._received(name, reply)


class AsyncLocalTransport(_Local):
    """:class:`LocalTransport` for async clients; sync handlers run inline."""

    async def call_method(
        self, module: str, name: str, params: dict[str, Any]
    ) -> object:
        """Run the handler for ``name`` as :meth:`LocalTransport.call_method` does."""
        found = self._find(module, name)
        if isinstance(found, dict):
            return found

        try:
            data = _json_copy(params)
        except ValueError as problem:
            return failure(UNKNOWN_ERROR, f"params cannot travel as JSON: {problem}")

        try:
            reply = await call_awaiting(found, data, self._context)
        except HANDLER_FAILURES as error:
            return self._failed(name, error)

        return self._received(name, reply)


def _json_copy(value: Any) -> Any:
    """``value`` after a trip through JSON; ValueError if it cannot make one."""
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(str(error)) from error

    return json.loads(text)
