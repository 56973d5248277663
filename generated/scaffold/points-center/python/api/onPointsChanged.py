"""onPointsChanged: 用户积分变动后通知业务方，例如同步会员等级。

Module points-center calls handler() through index.py, with params
already checked against the input schema
(points-center.json#/interfaces/onPointsChanged/input). Reply with
{\"code\": 0, \"msg\": ..., \"result\": ...}, result following the output schema,
or with one of the interface's error codes and a msg.

This file is yours: `contractgen scaffold` created it and never rewrites it.
The models come from _contractgen/points_center/models.py, which
follows the contract. handler() may also be ``async def``."""

from __future__ import annotations

import logging
from typing import Any

from points_center.models import OnPointsChangedInput, OnPointsChangedOutput

logger = logging.getLogger(__name__)


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reply to one call of onPointsChanged; ``data`` passed the input schema."""
    params = OnPointsChangedInput.model_validate(data)
    logger.info("onPointsChanged called with %r", params)
    # TODO(business): replace this result with the real logic. It is the
    # contract's example "1" and does nothing, so every call
    # looks like a success.
    result = OnPointsChangedOutput.model_validate({"handled": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
