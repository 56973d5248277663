"""deliverPrize, completed: checks address and stock, one order per user and prize."""

from __future__ import annotations

from typing import Any

from prize.models import DeliverPrizeInput, DeliverPrizeOutput

# Orders placed before, by (openId, prizeId): delivering again returns the same.
orders: dict[tuple[str, str], str] = {("oAbc123_xyz", "cup-01"): "SO20240301001"}


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = DeliverPrizeInput.model_validate(data)
    prize = params.prize
    if prize.type == "physical" and params.address is None:
        return {"code": 3002, "msg": "请先填写收货地址"}

    if prize.stock.remaining < params.quantity:
        return {"code": 3001, "msg": "库存不足"}

    order_id = None
    if prize.type == "physical":
        key = (params.open_id, prize.id)
        order_id = orders.setdefault(key, f"SO{20240301001 + len(orders)}")

    result = DeliverPrizeOutput.model_validate(
        {"deliverResult": True, "orderId": order_id}
    )
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
