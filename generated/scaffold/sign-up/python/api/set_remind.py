"""set_remind: 用户开启或关闭每日签到提醒时调用，由业务方保存提醒设置。

Module sign-up calls handler() through index.py, with params
already checked against the input schema
(sign-up.json#/interfaces/set_remind/input). Reply with
{\"code\": 0, \"msg\": ..., \"result\": ...}, result following the output schema,
or with one of the interface's error codes and a msg.

This file is yours: `contractgen scaffold` created it and never rewrites it.
The models come from _contractgen/sign_up/models.py, which
follows the contract. handler() may also be ``async def``."""

from __future__ import annotations

import logging
from typing import Any

from sign_up.models import SetRemindInput, SetRemindOutput

logger = logging.getLogger(__name__)


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reply to one call of set_remind; ``data`` passed the input schema."""
    params = SetRemindInput.model_validate(data)
    logger.info("set_remind called with %r", params)
    # TODO(business): replace this result with the real logic. It is the
    # contract's example "每天早上八点提醒" and does nothing, so every call
    # looks like a success.
    result = SetRemindOutput.model_validate({"setResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
