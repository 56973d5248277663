"""
The reply envelope ``{code, msg, result}``, checked the same way on both ends.

The client raises :class:`~contractgen.runtime.errors.MalformedReply` with the
problem this module finds; the dispatcher turns the same problem into a
``METHOD_EXEC_FAILURE`` reply, so a caller reads one wording either way.
"""

from __future__ import annotations

import reprlib
from typing import Any

from .codes import PLATFORM_CODES, SUCCESS_CODE

_REPR = reprlib.Repr()
_REPR.maxstring = 80
_REPR.maxother = 80


def short_repr(value: object) -> str:
    """``repr(value)``, cut short so one bad value cannot flood a message."""
    return _REPR.repr(value)


def failure(code: int | str, msg: str) -> dict[str, Any]:
    """An envelope that reports an error."""
    return {"code": code, "msg": msg}


def envelope_problem(reply: object) -> str | None:
    """
    Say what keeps ``reply`` from being a valid envelope, or ``None`` if valid.

    Valid means: an object whose ``code`` is an integer (not a boolean) or one
    of the platform codes; with a string ``msg`` when ``code`` is not ``0``,
    and with a ``result`` (of any type) when it is. Other keys are ignored.
    """
    if not isinstance(reply, dict):
        return (
            "expected an envelope object {code, msg, result},"
            f" got {short_repr(reply)}"
        )

    if "code" not in reply:
        keys = ", ".join(sorted(repr(key) for key in reply)) or "none"
        return f"the envelope has no 'code' (its keys: {keys})"

    code = reply["code"]
    if not _is_code(code):
        platform = ", ".join(repr(name) for name in sorted(PLATFORM_CODES))
        return (
            "'code' must be an integer or a platform code"
            f" ({platform}), got {short_repr(code)}"
        )

    if code == SUCCESS_CODE:
        if "result" not in reply:
            return "the envelope has no 'result' although 'code' is 0"

        return None

    if "msg" not in reply:
        return f"the envelope has no 'msg' although 'code' is {code!r}"

    if not isinstance(reply["msg"], str):
        return f"'msg' must be a string, got {short_repr(reply['msg'])}"

    return None


def _is_code(code: object) -> bool:
    if isinstance(code, bool):
        return False

    return isinstance(code, int) or (isinstance(code, str) and code in PLATFORM_CODES)
