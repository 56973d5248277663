"""deliverPrize: 发放一个奖品给用户：业务方扣减库存并发券、发货或充值。实物奖品必须带收货地
址。

Module prize calls handler() through index.py, with params
already checked against the input schema
(prize.json#/interfaces/deliverPrize/input). Reply with
{\"code\": 0, \"msg\": ..., \"result\": ...}, result following the output schema,
or with one of the interface's error codes and a msg.

Error codes:

- 3001 OUT_OF_STOCK: 库存不足
- 3002 ADDRESS_REQUIRED: 实物奖品缺少收货地址

This file is yours: `contractgen scaffold` created it and never rewrites it.
The models come from _contractgen/prize/models.py, which
follows the contract. handler() may also be ``async def``."""

from __future__ import annotations

import logging
from typing import Any

from prize.models import DeliverPrizeInput, DeliverPrizeOutput

logger = logging.getLogger(__name__)


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reply to one call of deliverPrize; ``data`` passed the input schema."""
    params = DeliverPrizeInput.model_validate(data)
    logger.info("deliverPrize called with %r", params)
    # TODO(business): replace this result with the real logic. It is the
    # contract's example "发放实物奖品" and does nothing, so every call
    # looks like a success.
    result = DeliverPrizeOutput.model_validate({
        "deliverResult": True,
        "orderId": "SO20240301001",
    })
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
