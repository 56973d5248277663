"""The Python side of ``contractgen check``: calls the handlers of a cloud function.

Usage: python -P worker.py CHANNEL_FD MAX_REPLY_BYTES [INTERFACE...], in the
function's folder.  The INTERFACEs' handlers are imported first, in order, as the
Node worker loads its own (see worker.js).

This file runs on its own, outside the contractgen package, so that handlers see
a clean interpreter.  It speaks the protocol of ``worker.js``: JSON lines over the
socket CHANNEL_FD, one call at a time.  Handlers are ``handler(data, context)`` in
``api/<name>.py``, plain functions or coroutine functions.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import math
import os
import re
import signal
import socket
import sys
import traceback

# Bound here, so that a handler replacing json.dumps does not break the protocol.
from json import dumps, loads
from typing import Any

MAX_TEXT = 4000
MAX_PROBLEMS = 20
# A handler that allocates without bound gets a MemoryError instead of taking the
# machine down with it.
MEMORY_LIMIT = 2 * 1024**3
NAME = re.compile(r"^[A-Za-z0-9_]+$")
ENTRY = "index.py"  # the cache key of the entry module, never an interface name


class Deadline(BaseException):
    """Raised inside a handler whose time is up.

    A BaseException, so that a handler's ``except Exception`` does not swallow it.
    """


def cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 500 else text[:500] + "…"


def describe_error(error: BaseException) -> dict[str, str]:
    # The worker's own frames say nothing about the handler.
    frames = traceback.extract_tb(error.__traceback__)
    kept = traceback.StackSummary.from_list(
        [frame for frame in frames if frame.filename != __file__]
    )
    lines = ["Traceback (most recent call last):\n", *kept.format()]
    stack = "".join(lines + traceback.format_exception_only(error))
    return {
        "name": type(error).__name__,
        "message": cut(str(error)),
        "stack": cut(stack),
    }


def load(name: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if ENTRY not in cache:
        cache[ENTRY] = _import_entry()

    if cache[ENTRY]["status"] != "loaded":
        return cache[ENTRY]

    if name not in cache:
        cache[name] = _import_handler(name)

    return cache[name]


def _import_entry() -> dict[str, Any]:
    """Import the function's entry, index.py, when it has one, as the platform does.

    Handlers may rely on what it sets up, such as folders put on sys.path.
    """
    if not os.path.isfile("index.py"):
        return {"status": "loaded"}

    try:
        importlib.import_module("index")
    except BaseException as error:  # the entry's own fault: reported
        return {"status": "threw", "during": "load", "error": describe_error(error)}

    return {"status": "loaded"}


def _import_handler(name: str) -> dict[str, Any]:
    file = os.path.join("api", f"{name}.py")
    if not NAME.match(name) or not os.path.isfile(file):
        return {"status": "not_found", "file": file}

    try:
        module = importlib.import_module(f"api.{name}")
    except BaseException as error:  # the module's own fault: reported
        return {"status": "threw", "during": "load", "error": describe_error(error)}

    handler = getattr(module, "handler", None)
    if handler is None:
        return {"status": "not_function", "exported": f"{file} defines no 'handler'"}

    if not callable(handler):
        what = a(type(handler).__name__)
        exported = f"'handler' in {file} is {what}, not a function"
        return {"status": "not_function", "exported": exported}

    return {"status": "loaded", "fn": handler}


def find_problems(
    value: Any, pointer: str, ancestors: set[int], problems: list[list[str]]
) -> None:
    """Collect what ``json.dumps`` would refuse or change, with where it is."""
    if len(problems) >= MAX_PROBLEMS or value is None:
        return

    if isinstance(value, (str, bool, int)):
        return

    if isinstance(value, float):
        if not math.isfinite(value):
            problems.append([pointer, repr(value)])

        return

    if not isinstance(value, (list, tuple, dict)):
        problems.append([pointer, a(type(value).__name__)])
        return

    if id(value) in ancestors:
        problems.append([pointer, "a cyclic reference"])
        return

    ancestors.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                escaped = key.replace("~", "~0").replace("/", "~1")
                find_problems(item, f"{pointer}/{escaped}", ancestors, problems)
            else:
                problems.append([pointer, f"{a(type(key).__name__)} key {key!r}"])
    else:
        for index, item in enumerate(value):
            find_problems(item, f"{pointer}/{index}", ancestors, problems)

    ancestors.discard(id(value))


def reply_line(request_id: int, value: Any, max_bytes: int) -> str:
    """The frame of a reply: its JSON, or what keeps it from being JSON."""
    problems: list[list[str]] = []
    try:
        find_problems(value, "", set(), problems)
    except RecursionError:
        problems.append(["", "a value nested too deeply to serialize"])

    if problems:
        frame = {
            "id": request_id,
            "status": "reply",
            "problems": problems,
            "preview": preview(value),
        }
        return dumps(frame) + "\n"

    # ASCII-escaped JSON is never shorter than its UTF-8 encoding, so the exact
    # size is needed only above the limit.
    text = dumps(value)
    if len(text) > max_bytes:
        exact = dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        if len(exact) > max_bytes:
            return (
                dumps({"id": request_id, "status": "too_large", "size": len(exact)})
                + "\n"
            )

    return f'{{"id":{request_id},"status":"reply","problems":[],"value":{text}}}\n'


def on_alarm(signum: int, frame: Any) -> None:
    raise Deadline


def invoke(handler: Any, data: Any, context: dict[str, Any], timeout: float) -> Any:
    """Run the handler, awaiting what it returns when that is awaitable."""
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        value = handler(data, context)
        if inspect.isawaitable(value):
            value = asyncio.run(_await(value))

        return value
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


async def _await(awaitable: Any) -> Any:
    return await awaitable


def handle(
    request: dict[str, Any], cache: dict[str, dict[str, Any]], max_bytes: int
) -> str:
    """The reply line to one request."""
    request_id = request["id"]
    entry = load(request["interface"], cache)
    if entry["status"] != "loaded" or request["op"] == "load":
        fields = {key: value for key, value in entry.items() if key != "fn"}
        return dumps({"id": request_id, **fields}) + "\n"

    name = request["interface"]
    context = {"interface": name, "request_id": f"contractgen-{request_id}"}
    try:
        value = invoke(entry["fn"], request["input"], context, request["timeout"])
    except Deadline:
        return dumps({"id": request_id, "status": "timeout"}) + "\n"
    except BaseException as error:  # sys.exit() too: reported
        frame = {
            "id": request_id,
            "status": "threw",
            "during": "call",
            "error": describe_error(error),
        }
        return dumps(frame) + "\n"

    return reply_line(request_id, value, max_bytes)


def serve(channel: socket.socket, max_bytes: int, preload: list[str]) -> None:
    cache: dict[str, dict[str, Any]] = {}
    for name in preload:
        load(name, cache)

    reader = channel.makefile("rb")
    for line in reader:
        channel.sendall(handle(loads(line), cache, max_bytes).encode("ascii"))


def main() -> None:
    channel = socket.socket(fileno=int(sys.argv[1]))
    max_bytes = int(sys.argv[2])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass  # a lower hard limit is already in force, or no such limit here

    signal.signal(signal.SIGALRM, on_alarm)
    sys.path.insert(0, os.getcwd())
    serve(channel, max_bytes, sys.argv[3:])


if __name__ == "__main__":
    main()
