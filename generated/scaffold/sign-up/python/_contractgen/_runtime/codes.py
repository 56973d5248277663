"""
Reply codes: the platform's five string codes, success, and invalid params.

An envelope's ``code`` is ``0`` on success, an integer business code declared in
the contract's ``errors`` otherwise, or one of the platform's string codes, whose
list is closed.

Params that fail the input schema get :data:`INVALID_PARAMS_CODE`, the integer
``-1``, and a ``msg`` naming the failing field. Why an integer and not a platform
code: each platform code has a fixed meaning for operators ("fix the
implementation" for ``METHOD_EXEC_FAILURE``, "fix the deployment" for
``METHOD_NOT_FOUND``), and invalid params are neither; they are the caller's
mistake, reported like a business error that every interface can return.
Business codes in contracts are meant to be positive, so a negative one cannot
collide with them, and callers that branch on "integer code means business
error" keep working.
"""

from typing import Final

SUCCESS_CODE: Final = 0
INVALID_PARAMS_CODE: Final = -1

PERMISSION_DENIED: Final = "PERMISSION_DENIED"
"""The caller may not call the interface (for custom interfaces: not a server)."""

METHOD_NOT_FOUND: Final = "METHOD_NOT_FOUND"
"""No such interface, or its implementation file is missing."""

METHOD_NOT_FUNCTION: Final = "METHOD_NOT_FUNCTION"
"""The implementation exists but does not provide a callable handler."""

METHOD_EXEC_FAILURE: Final = "METHOD_EXEC_FAILURE"
"""The business's implementation failed: it raised or replied out of contract."""

UNKNOWN_ERROR: Final = "UNKNOWN_ERROR"
"""Anything else, such as a fault in the dispatcher itself."""

PLATFORM_CODES: Final = frozenset(
    {
        METHOD_EXEC_FAILURE,
        METHOD_NOT_FOUND,
        METHOD_NOT_FUNCTION,
        PERMISSION_DENIED,
        UNKNOWN_ERROR,
    }
)

PLATFORM_CODE_MEANINGS: Final = (
    (PERMISSION_DENIED, "无权限调用。"),
    (METHOD_NOT_FOUND, "方法未找到。"),
    (METHOD_NOT_FUNCTION, "实现上为非 function。"),
    (METHOD_EXEC_FAILURE, "用户自定义实现的 function 失败。"),
    (UNKNOWN_ERROR, "未知错误。"),
)
"""The platform codes, in the order and the words of the page-module guide."""
