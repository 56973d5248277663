"""send_prize, completed: a prize with no stock left makes the prize service raise."""

from __future__ import annotations

from typing import Any

from sign_up.models import SendPrizeInput, SendPrizeOutput


class OutOfStock(Exception):
    """The prize service has none of the prize left."""


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = SendPrizeInput.model_validate(data)
    if params.prize.stock.remaining == 0:
        raise OutOfStock(f"prize {params.prize.id} is out of stock")

    result = SendPrizeOutput.model_validate({"sendResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
