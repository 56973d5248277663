"""Calling a business handler ``handler(data, context)``, sync or async."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

Handler = Callable[[Any, Any], Any]
"""``handler(data, context)`` returning an envelope or an awaitable of one."""

HANDLER_FAILURES: tuple[type[BaseException], ...] = (
    Exception,
    # A handler that calls sys.exit() or gets cancelled has failed like one that
    # raised; letting these through would take the whole function down.
    SystemExit,
    asyncio.CancelledError,
)


def describe_failure(error: BaseException) -> str:
    """The text a caller sees for a handler's exception: type and message only."""
    text = str(error)
    name = type(error).__name__
    return f"{name}: {text}" if text else name


def call_blocking(handler: Handler, data: Any, context: Any) -> Any:
    """Call ``handler`` and wait for its reply, even when it is a coroutine."""
    outcome = handler(data, context)
    if not inspect.isawaitable(outcome):
        return outcome

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_wait(outcome))

    # A synchronous call made from inside a running event loop: asyncio.run
    # refuses to nest, so the coroutine gets a loop of its own on a worker.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _wait(outcome)).result()


async def call_awaiting(handler: Handler, data: Any, context: Any) -> Any:
    """Call ``handler`` and await its reply when it is awaitable."""
    outcome = handler(data, context)
    if inspect.isawaitable(outcome):
        return await outcome

    return outcome


async def _wait(awaitable: Awaitable[Any]) -> Any:
    return await awaitable
