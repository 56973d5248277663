"""Entry of the cloud function implementing the custom interfaces of module
sign-up (签到打卡), from sign-up.json version 1.0.0.
Serves: send_prize, sendIntegral, set_remind.

Written by contractgen: `contractgen scaffold` rewrites this file when the
contract changes. Write the business logic in api/<interface>.py instead."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from _contractgen._runtime import ContractSchemas, Dispatcher

_HERE = Path(__file__).resolve().parent
# The model packages in _contractgen/ import one another by package name, as
# they do in contractgen's generated/python, and the handlers import them so.
sys.path.insert(0, str(_HERE / "_contractgen"))

_dispatch = Dispatcher(
    api_dir=_HERE / "api",
    schemas=ContractSchemas.from_file(
        _HERE / "_contractgen" / "_contracts.json", "sign-up.json"
    ),
    module="sign-up",
)


def main_handler(event: Any, context: Any) -> dict[str, Any]:
    """Serve one call ``{methodName, params}`` of a custom interface; never raises."""
    return _dispatch(event, context)
