"""send_prize, completed: a prize with no stock left is the business error 2101."""

from __future__ import annotations

from typing import Any

from sign_up.models import SendPrizeInput, SendPrizeOutput

OUT_OF_STOCK = 2101


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = SendPrizeInput.model_validate(data)
    if params.prize.stock.remaining == 0:
        return {"code": OUT_OF_STOCK, "msg": f"prize {params.prize.id} is out of stock"}

    result = SendPrizeOutput.model_validate({"sendResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
