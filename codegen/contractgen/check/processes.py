"""Keeping track of the processes that handlers start, on Linux.

A worker runs in its own session, and killing that session's group ends what a
handler spawns, unless the handler detaches its children into a session of
their own (``setsid``, Node's ``detached: true``).  Such children would outlive
the check.  So while workers run, the checker is a *child subreaper*: orphans
among the workers' descendants are handed to the checker instead of to init,
and :func:`end_strays` finds and kills them by their parent chain.

Workers are also started with a *parent-death signal*, so that the kernel kills
them if the checker itself dies without cleaning up (SIGKILL, for one).

Elsewhere, or where ``prctl`` is unavailable, the functions here do nothing and
cleanup rests on killing the worker's process group.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator

# From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37

# Rounds of killing and reaping: each round ends the processes that the previous
# one orphaned, so this bounds the depth of process trees cleaned up.
_SWEEP_ROUNDS = 50


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl: Callable[..., int] = libc.prctl
    except (OSError, AttributeError):
        return None

    return prctl


# Looked up once, in the checker: a worker's preexec hook must not load libraries.
_PRCTL = _load_prctl()


def die_with_parent_hook() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel SIGKILL the child when we die.

    None where that cannot be arranged.
    """
    prctl = _PRCTL
    if prctl is None:
        return None

    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # The checker may have died before the signal was armed.
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    return die_with_parent


@contextlib.contextmanager
def subreaper() -> Iterator[bool]:
    """Be a child subreaper meanwhile; yield whether that worked.

    The previous setting is restored on the way out, so that a program that
    runs a check in process does not keep adopting orphans afterwards.
    """
    prctl = _PRCTL
    if prctl is None:
        yield False
        return

    previous = ctypes.c_int(0)
    if prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(previous), 0, 0, 0) != 0:
        yield False
        return

    if previous.value:
        yield True
        return

    if prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        yield False
        return

    try:
        yield True
    finally:
        prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def children_of_self() -> set[int]:
    """The pids of this process's children, as /proc shows them now."""
    me = os.getpid()
    return {pid for pid, (parent, _) in _table().items() if parent == me}


def end_strays(spared: Iterable[int]) -> int:
    """SIGKILL and reap this process's descendants, except ``spared`` subtrees.

    ``spared`` are children that the checker did not get from a worker: those
    of the program running the check, which are none of its business.

    :returns: how many processes were killed.
    """
    spared = set(spared)
    me = os.getpid()
    killed: set[int] = set()
    for _ in range(_SWEEP_ROUNDS):
        table = _table()
        strays = _descendants(me, spared, table)
        if not strays:
            break

        living = {pid for pid in strays if table[pid][1] != b"Z"}
        # Only a child may be reaped, and only one known to be dying: waiting
        # for any other would block, or take a status that is not ours.
        dead = {pid for pid in strays if table[pid][0] == me} - (living - killed)
        for pid in living - killed:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

        for pid in dead:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

        killed |= living
        # Killed processes with parents of their own are handed to us once
        # those parents are gone too; give the kernel a moment to do it.
        time.sleep(0.01)

    return len(killed)


def _descendants(
    root: int, spared: set[int], table: dict[int, tuple[int, bytes]]
) -> set[int]:
    """Processes whose parent chain reaches ``root`` outside the ``spared`` ones."""
    found: set[int] = set()
    for pid in table:
        chain = pid
        # Bounded, in case /proc changed under us into a loop of stale entries.
        for _ in range(len(table)):
            if chain in spared or chain not in table:
                break

            parent = table[chain][0]
            if parent == root:
                found.add(pid)
                break

            chain = parent

    return found


def _table() -> dict[int, tuple[int, bytes]]:
    """Each process's parent pid and state, from /proc; empty without /proc."""
    table = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return {}

    for entry in entries:
        if not entry.isdigit():
            continue

        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                text = stat.read()
        except OSError:
            continue  # it ended meanwhile

        # The command name, in parentheses, may itself hold spaces and ')'.
        state, parent = text[text.rindex(b")") + 2 :].split()[:2]
        table[int(entry)] = (int(parent), state)

    return table
