"""Worker processes that run an implementation's handlers for the checker.

One worker serves a whole run, and calls to it are pipelined: up to ``window``
requests are in flight at once, which keeps a Node worker busy while the checker
validates replies.  Requests and replies are JSON lines over a socket that the
worker gets as an extra file descriptor; the worker's stdout and stderr are
drained and kept apart, so a handler that prints cannot corrupt the channel.

A worker that dies or stops answering is killed with its whole process group,
and with whatever its handlers started in sessions of their own (see
:mod:`contractgen.check.processes`).  The calls it held are then run again
one at a time on a fresh worker, so that the call that broke it is the one
reported and the others still get their answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from contractgen.check import processes
from contractgen.issues import ContractgenError

MAX_REPLY_BYTES = 6 * 1024 * 1024
"""Replies above this size are reported instead of read, to bound memory."""

CRASH_BUDGET = 3
"""Crashes or hangs of one interface after which its remaining calls are skipped.

A handler that kills its worker on every call would otherwise cost a restart
per case.
"""

# The Node worker's heap, so that a handler that allocates without bound crashes
# its worker soon instead of slowing the whole machine down.
NODE_HEAP_MB = 1024
STDERR_TAIL_BYTES = 4096
_NATIVE_FRAME = re.compile(r"^\s*\d+: 0x[0-9a-f]+ ")
# Calls in flight to a Node worker: enough to keep it busy while the checker
# judges replies, few enough that a crash has little to replay.
NODE_WINDOW = 32

Status = Literal[
    "reply",
    "threw",
    "timeout",
    "too_large",
    "loaded",
    "not_found",
    "not_function",
    "crashed",
    "skipped",
]


@dataclass(frozen=True)
class Outcome:
    """What became of one call, as the worker or the dispatcher saw it.

    :param status: ``reply`` when the handler returned; the other statuses say
        why there is no reply to check.
    :param value: the reply, when it is JSON (``problems`` is empty).
    :param problems: ``(pointer, what)`` for each value in the reply that JSON
        cannot carry as it is, such as ``("/result/at", "a Date")``.
    :param preview: a printable rendering of a reply that is not JSON.
    :param error: ``name``, ``message`` and ``stack`` of what the handler threw.
    :param during: ``load`` or ``call``: when it threw.
    :param file: for ``not_found``, the handler file that is missing.
    :param exported: for ``not_function``, what the handler file provides instead.
    :param blocked: for a timeout, whether the whole worker stopped answering.
    :param detail: for crashes, blocked timeouts and skips: what happened.
    :param output: for crashes, the worker's last lines on stderr.
    """

    status: Status
    value: Any = None
    problems: tuple[tuple[str, str], ...] = ()
    preview: str | None = None
    error: Mapping[str, str] | None = None
    during: str | None = None
    size: int | None = None
    file: str | None = None
    exported: str | None = None
    blocked: bool = False
    detail: str | None = None
    output: str | None = None

    @classmethod
    def from_frame(cls, frame: Mapping[str, Any]) -> Outcome:
        return cls(
            status=frame["status"],
            value=frame.get("value"),
            problems=tuple((p, what) for p, what in frame.get("problems", ())),
            preview=frame.get("preview"),
            error=frame.get("error"),
            during=frame.get("during"),
            size=frame.get("size"),
            file=frame.get("file"),
            exported=frame.get("exported"),
        )


@dataclass(frozen=True)
class Call:
    """One request: run ``interface``'s handler on ``input``, or only load it."""

    interface: str
    input: Any = None
    op: Literal["call", "load"] = "call"
    tag: Any = field(default=None, compare=False)
    """The caller's own reference, handed back with the outcome."""


@dataclass(frozen=True)
class WorkerSpec:
    """How to start the worker of one implementation.

    :param argv: the command, to which the channel's descriptor and the reply
        limit are appended.
    :param window: how many calls may be in flight at once.
    """

    language: Literal["node", "python"]
    argv: tuple[str, ...]
    cwd: Path
    window: int


def node_worker(impl_dir: Path) -> WorkerSpec:
    node = shutil.which("node")
    if node is None:
        raise ContractgenError("cannot find 'node' on PATH; it runs Node handlers")

    script = resources.files("contractgen.check").joinpath("worker.js")
    argv = (node, f"--max-old-space-size={NODE_HEAP_MB}", str(script))
    return WorkerSpec("node", argv, impl_dir, NODE_WINDOW)


def python_worker(impl_dir: Path) -> WorkerSpec:
    """A worker on this interpreter; ``-P`` keeps the worker's folder off sys.path."""
    script = resources.files("contractgen.check").joinpath("worker.py")
    # One call at a time: Python handlers run on the worker's main thread, and a
    # queued call's time must not start before the previous call ends.
    return WorkerSpec("python", (sys.executable, "-P", str(script)), impl_dir, 1)


@dataclass
class _Flight:
    call: Call
    deadline: float


class _Process:
    """A running worker: its process group, channel and drained output."""

    def __init__(
        self, spec: WorkerSpec, max_reply_bytes: int, preload: Sequence[str] = ()
    ) -> None:
        parent, child = socket.socketpair()
        try:
            self.popen = subprocess.Popen(
                [*spec.argv, str(child.fileno()), str(max_reply_bytes), *preload],
                cwd=spec.cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(child.fileno(),),
                # Its own group, so that killing it also ends what handlers spawn.
                start_new_session=True,
                # Killed by the kernel if the checker dies without cleaning up.
                preexec_fn=processes.die_with_parent_hook(),
            )
        except OSError as error:
            parent.close()
            raise ContractgenError(f"cannot start the worker: {error}") from error
        finally:
            child.close()

        parent.setblocking(False)
        self.channel = parent
        self.inbox = bytearray()
        self.outbox = bytearray()
        self.stderr_tail = bytearray()
        self.closed = False
        self.selector = selectors.DefaultSelector()
        self.selector.register(parent, selectors.EVENT_READ)
        for pipe in (self.popen.stdout, self.popen.stderr):
            assert pipe is not None
            os.set_blocking(pipe.fileno(), False)
            self.selector.register(pipe, selectors.EVENT_READ)

    def send(self, line: bytes) -> None:
        self.outbox += line
        self._flush()

    def _flush(self) -> None:
        try:
            sent = self.channel.send(self.outbox)
        except BlockingIOError:
            sent = 0
        except OSError:
            # The worker is gone; its end of file shows up on the read side.
            self.outbox.clear()
            sent = 0

        del self.outbox[:sent]
        events = selectors.EVENT_READ
        if self.outbox:
            events |= selectors.EVENT_WRITE

        if not self.closed:
            self.selector.modify(self.channel, events)

    def pump(self, timeout: float) -> list[bytearray]:
        """Wait up to ``timeout`` for traffic; return the complete lines received."""
        lines: list[bytearray] = []
        for key, mask in self.selector.select(max(timeout, 0.0)):
            if key.fileobj is self.channel:
                if mask & selectors.EVENT_WRITE:
                    self._flush()

                if mask & selectors.EVENT_READ:
                    lines.extend(self._receive())
            else:
                self._drain(key.fileobj)

        return lines

    def _receive(self) -> list[bytearray]:
        try:
            data = self.channel.recv(1 << 18)
        except BlockingIOError:
            return []
        except OSError:
            data = b""

        if not data:
            self.closed = True
            self.selector.unregister(self.channel)
            return []

        self.inbox += data
        if b"\n" not in data:
            return []

        *lines, rest = self.inbox.split(b"\n")
        self.inbox = bytearray(rest)
        return lines

    def _drain(self, pipe: Any) -> None:
        try:
            data = os.read(pipe.fileno(), 1 << 16)
        except BlockingIOError:
            return

        if not data:
            self.selector.unregister(pipe)
        elif pipe is self.popen.stderr:
            self.stderr_tail += data
            del self.stderr_tail[:-STDERR_TAIL_BYTES]

    def kill(self) -> str:
        """End the worker and its group; say how it ended."""
        # The group may be gone already, with every process in it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)

        code = self.popen.wait()
        self.selector.close()
        self.channel.close()
        for pipe in (self.popen.stdout, self.popen.stderr):
            assert pipe is not None
            pipe.close()

        return _describe_exit(code)

    def last_error_lines(self) -> str:
        """The end of the worker's stderr, without native stack frames.

        Node's fatal errors list the C++ frames last, below the line that says
        what happened.
        """
        text = self.stderr_tail.decode("utf-8", "replace").strip()
        lines = [line for line in text.splitlines() if not _NATIVE_FRAME.match(line)]
        return "\n".join(lines[-8:])


def _describe_exit(code: int) -> str:
    if code >= 0:
        return f"exited with code {code}"

    try:
        return f"was killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"was killed by signal {-code}"


class Dispatcher:
    """Sends calls to a worker of ``spec`` and says what became of each.

    :param timeout: seconds a handler may take; the worker answers ``timeout``
        itself, and a worker silent for longer than ``timeout`` plus a grace
        period is considered blocked and killed.
    """

    def __init__(
        self,
        spec: WorkerSpec,
        timeout: float,
        *,
        max_reply_bytes: int = MAX_REPLY_BYTES,
        crash_budget: int = CRASH_BUDGET,
    ) -> None:
        self.spec = spec
        self.timeout = timeout
        self.max_reply_bytes = max_reply_bytes
        self.crash_budget = crash_budget
        self.grace = max(0.5, timeout / 2)
        self.strikes: Counter[str] = Counter()
        self._process: _Process | None = None
        self._inflight: dict[int, _Flight] = {}
        # From start(): calls beyond the window, and outcomes of calls skipped.
        self._waiting: list[Call] = []
        self._skipped: list[tuple[Call, Outcome]] = []
        self._next_id = 1
        self._housekeeping = contextlib.ExitStack()
        self._housekeeping.enter_context(processes.subreaper())
        # Children the program running the check had before: not ours to end.
        self._spared = processes.children_of_self()

    def __enter__(self) -> Dispatcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the worker, if one runs; calls still in flight are dropped."""
        if self._process is not None:
            self._end(self._process)
            self._process = None

        self._inflight.clear()
        self._waiting.clear()
        self._skipped.clear()
        self._housekeeping.close()

    def _end(self, process: _Process) -> str:
        """Kill ``process`` and whatever its handlers left; say how it ended."""
        ended = process.kill()
        processes.end_strays(self._spared)
        return ended

    def launch(self, preload: Sequence[str]) -> None:
        """Start the worker now, and have it load the handlers of ``preload``.

        It then loads them while the caller does something else, such as loading
        the contract; the load calls sent later find them loaded.  Only this
        worker loads ahead: one started after a crash loads each handler when a
        call first names it, so that a crash is blamed on the call that caused it.
        """
        if self._process is None:
            self._process = _Process(self.spec, self.max_reply_bytes, preload)

    def call(self, call: Call) -> Outcome:
        """Run one call on its own and wait for its outcome."""
        for _, outcome in self.run([call]):
            return outcome

        raise AssertionError("run() yields one outcome per call")

    def start(self, calls: Iterable[Call]) -> None:
        """Send ``calls`` without waiting; the next :meth:`run` yields their outcomes.

        The worker then starts and works while the caller does something else,
        such as drawing inputs.  Calls beyond the window are sent by that run.
        """
        for call in calls:
            if len(self._inflight) < self.spec.window:
                self._skipped.extend(self._send_or_skip(call))
            else:
                self._waiting.append(call)

    def run(self, calls: Iterable[Call]) -> Iterator[tuple[Call, Outcome]]:
        """Yield each call with its outcome, in the order the outcomes arrive.

        Calls sent by :meth:`start` come first.
        """
        yield from self._skipped
        self._skipped.clear()
        queue = deque([*self._waiting, *calls])
        self._waiting.clear()
        # A call sent ahead is timed from now: its reply may well be waiting,
        # but the dispatcher was busy elsewhere and read nothing meanwhile.
        fresh = time.monotonic() + self.timeout + self.grace
        for flight in self._inflight.values():
            flight.deadline = max(flight.deadline, fresh)

        suspects: deque[Call] = deque()
        while queue or suspects or self._inflight:
            if suspects:
                # Replays run alone, so that a crash names its culprit.
                if not self._inflight:
                    yield from self._send_or_skip(suspects.popleft())
            else:
                while queue and len(self._inflight) < self.spec.window:
                    yield from self._send_or_skip(queue.popleft())

            if self._inflight:
                yield from self._wait(suspects)

    def _send_or_skip(self, call: Call) -> Iterator[tuple[Call, Outcome]]:
        strikes = self.strikes[call.interface]
        if strikes >= self.crash_budget:
            detail = (
                f"not run: the worker crashed or hung {strikes} times on this interface"
            )
            yield call, Outcome("skipped", detail=detail)
            return

        if self._process is None:
            self._process = _Process(self.spec, self.max_reply_bytes)

        request_id = self._next_id
        self._next_id += 1
        request = {
            "id": request_id,
            "op": call.op,
            "interface": call.interface,
            "input": call.input,
            "timeout": self.timeout,
        }
        deadline = time.monotonic() + self.timeout + self.grace
        self._inflight[request_id] = _Flight(call, deadline)
        self._process.send(json.dumps(request).encode("ascii") + b"\n")

    def _wait(self, suspects: deque[Call]) -> Iterator[tuple[Call, Outcome]]:
        process = self._process
        assert process is not None
        deadline = min(flight.deadline for flight in self._inflight.values())
        lines = process.pump(deadline - time.monotonic())
        corrupt = False
        for line in lines:
            try:
                frame = json.loads(line)
                flight = self._inflight.pop(frame["id"], None)
            except (ValueError, KeyError, TypeError):
                # Only a handler writing to the channel's descriptor gets here.
                corrupt = True
                break

            if flight is not None:
                yield flight.call, Outcome.from_frame(frame)

        frame_limit = 4 * self.max_reply_bytes + (1 << 20)
        if corrupt or process.closed or len(process.inbox) > frame_limit:
            yield from self._broken(suspects, blocked=False)
        elif self._inflight and time.monotonic() >= deadline:
            yield from self._broken(suspects, blocked=True)

    def _broken(
        self, suspects: deque[Call], *, blocked: bool
    ) -> Iterator[tuple[Call, Outcome]]:
        """Handle a worker that died or stopped answering."""
        process = self._process
        assert process is not None
        self._process = None
        ended = self._end(process)
        flights = list(self._inflight.values())
        self._inflight.clear()
        if len(flights) > 1:
            suspects.extendleft(reversed([flight.call for flight in flights]))
            return

        for flight in flights:
            self.strikes[flight.call.interface] += 1
            yield flight.call, self._failure(process, ended, blocked=blocked)

    def _failure(self, process: _Process, ended: str, *, blocked: bool) -> Outcome:
        if blocked:
            detail = (
                f"the worker stopped answering for {self.timeout + self.grace:g} s "
                "and was restarted"
            )
            return Outcome("timeout", blocked=True, detail=detail)

        detail = f"the worker {ended} during the call"
        return Outcome("crashed", detail=detail, output=process.last_error_lines())
