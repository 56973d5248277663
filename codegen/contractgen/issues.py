"""Problems found in contracts, reported as data, and the exits they lead to.

Every stage collects :class:`ContractIssue` values instead of raising at the first
problem, so that one run reports everything that is wrong.  The CLI turns them into
one line each and picks the exit code.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click


class Level(enum.Enum):
    """How bad an issue is.

    A warning means the artifact was generated but is incomplete; an error means
    nothing was written.
    """

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class ContractIssue:
    """One problem in one contract file, at one place in it.

    :param path: the contract file, as the user named it (relative where possible).
    :param pointer: JSON Pointer into the file's document, ``""`` for the root,
        ``None`` when the file has no document to point into.
    :param message: why it is a problem, in the house style (values ``repr()``-ed).
    :param line: 1-based line of the place, when it can be known.
    """

    path: str
    pointer: str | None
    message: str
    line: int | None = None
    level: Level = Level.ERROR

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.level is Level.ERROR else "warning: "
        message = shorten(self.message)
        if self.pointer is None:
            return f"{where}: {prefix}{message}"

        return f"{where}: {self.pointer or '/'}: {prefix}{message}"

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


MAX_MESSAGE = 300


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    """Cut the middle out of a long message, which quotes a value a person wrote."""
    if len(text) <= limit:
        return text

    keep = (limit - 5) // 2
    return f"{text[:keep]} ... {text[-keep:]}"


def sort_issues(issues: Iterable[ContractIssue]) -> list[ContractIssue]:
    """Order issues by file, then by line, then by pointer, without duplicates."""
    return sorted(
        set(issues), key=lambda i: (i.path, i.line or 0, i.pointer or "", i.message)
    )


def display_path(path: Path) -> str:
    """Name ``path`` relative to the working directory when it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class ExitCode(enum.IntEnum):
    """The exit codes of every contractgen command."""

    OK = 0
    FAILED = 1  # out of date under --check, or a conformance failure
    USAGE = 2  # bad contracts or bad usage


class ContractgenError(click.ClickException):
    """An error that ends a command with a message and a fixed exit code."""

    exit_code = ExitCode.USAGE

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class InvalidContracts(ContractgenError):
    """The contracts have errors; carries every issue found."""

    def __init__(
        self, issues: list[ContractIssue], outcome: str = "nothing was written"
    ) -> None:
        """:param outcome: what the command did not do because of them."""
        self.issues = sort_issues(issues)
        self.outcome = outcome
        # Under --strict, warnings stop the run as errors do.
        count = sum(i.is_error for i in self.issues) or len(self.issues)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the contracts; {outcome}")

    def __reduce__(
        self,
    ) -> tuple[type[InvalidContracts], tuple[list[ContractIssue], str]]:
        # Rebuilt from the issues when it crosses from a worker process.
        return (InvalidContracts, (self.issues, self.outcome))

    def show(self, file: object = None) -> None:
        for issue in self.issues:
            click.echo(str(issue), err=True)

        click.echo(f"error: {self.format_message()}", err=True)
