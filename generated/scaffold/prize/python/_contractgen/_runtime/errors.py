"""
What a generated client raises when a call does not end in a valid result.

Every exception is a :class:`ContractError` and names the module and the
interface, so one ``except ContractError`` covers any way a call can break the
contract, and the message alone says which call it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    # Only for annotations: schemas.py imports this module at run time.
    from .schemas import SchemaViolation


class ContractError(Exception):
    """A call did not go the way the module's contract says it must."""

    def __init__(self, module: str, interface: str, message: str) -> None:
        super().__init__(message)
        self.module = module
        self.interface = interface


class UnknownInterface(ContractError):
    """The contract has no interface of that name."""

    def __init__(self, module: str, interface: str, known: Sequence[str]) -> None:
        names = ", ".join(repr(name) for name in sorted(known)) or "none"
        super().__init__(
            module,
            interface,
            f"module {module!r} has no interface {interface!r}"
            f" (its interfaces: {names})",
        )


class InterfaceError(ContractError):
    """
    The interface replied with a non-zero ``code``.

    :param code: an integer business code from the contract's ``errors``,
        ``codes.INVALID_PARAMS_CODE``, or a platform code string.
    :param msg: the reply's ``msg``, told to the caller as it is.
    """

    def __init__(self, module: str, interface: str, code: int | str, msg: str) -> None:
        super().__init__(
            module, interface, f"{module}.{interface} failed with code {code!r}: {msg}"
        )
        self.code = code
        self.msg = msg


class MalformedReply(ContractError):
    """
    The reply is not a valid envelope ``{code, msg, result}``.

    :param problem: what is wrong with it, e.g. ``"the envelope has no 'code'"``.
    :param reply: the reply as received.
    """

    def __init__(
        self, module: str, interface: str, problem: str, reply: object
    ) -> None:
        super().__init__(
            module, interface, f"{module}.{interface} sent a malformed reply: {problem}"
        )
        self.problem = problem
        self.reply = reply


class _SchemaViolations(ContractError):
    part: Literal["input", "output"]
    subject: str

    def __init__(
        self, module: str, interface: str, violations: Sequence[SchemaViolation]
    ) -> None:
        verb = "violates" if self.subject == "result" else "violate"
        lines = "".join(f"\n  {violation}" for violation in violations)
        super().__init__(
            module,
            interface,
            f"{self.subject} of {module}.{interface} {verb} its {self.part} schema:"
            f"{lines}",
        )
        self.violations = list(violations)


class ParamsViolation(_SchemaViolations):
    """The params fail the input schema; nothing was sent."""

    part = "input"
    subject = "params"


class ResultViolation(_SchemaViolations):
    """The reply's ``result`` fails the output schema."""

    part = "output"
    subject = "result"


class ModelMismatch(ContractError):
    """
    The schema accepted the data but the generated model rejected it.

    The schema decides what is valid, so this is a fault of the generated
    model, not of the caller or the implementation; the pydantic error is the
    ``__cause__``.

    :param part: ``"input"`` for params, ``"output"`` for a result.
    :param model: the name of the model class.
    :param problems: ``(instance pointer, message)`` pairs from pydantic.
    """

    def __init__(
        self,
        module: str,
        interface: str,
        part: Literal["input", "output"],
        model: str,
        problems: Sequence[tuple[str, str]],
    ) -> None:
        if part == "input":
            subject, verb, pronoun = "params", "pass", "them"
        else:
            subject, verb, pronoun = "result", "passes", "it"

        lines = "".join(
            f"\n  {pointer or '(root)'}: {message}" for pointer, message in problems
        )
        super().__init__(
            module,
            interface,
            f"{subject} of {module}.{interface} {verb} its {part} schema but the"
            f" model {model} rejects {pronoun}:{lines}",
        )
        self.part = part
        self.model = model
        self.problems = list(problems)
