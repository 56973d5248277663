"""send_prize: 签到满足奖励规则时，给用户发放奖品。

Module sign-up calls handler() through index.py, with params
already checked against the input schema
(sign-up.json#/interfaces/send_prize/input). Reply with
{\"code\": 0, \"msg\": ..., \"result\": ...}, result following the output schema,
or with one of the interface's error codes and a msg.

Error codes:

- 2101 OUT_OF_STOCK: 奖品库存不足

This file is yours: `contractgen scaffold` created it and never rewrites it.
The models come from _contractgen/sign_up/models.py, which
follows the contract. handler() may also be ``async def``."""

from __future__ import annotations

import logging
from typing import Any

from sign_up.models import SendPrizeInput, SendPrizeOutput

logger = logging.getLogger(__name__)


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reply to one call of send_prize; ``data`` passed the input schema."""
    params = SendPrizeInput.model_validate(data)
    logger.info("send_prize called with %r", params)
    # TODO(business): replace this result with the real logic. It is the
    # contract's example "发放优惠券" and does nothing, so every call
    # looks like a success.
    result = SendPrizeOutput.model_validate({"sendResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
