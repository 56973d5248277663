"""sendIntegral, completed: keeps a running total per user."""

from __future__ import annotations

from typing import Any

from sign_up.models import SendIntegralInput, SendIntegralOutput

totals: dict[str, int] = {}


async def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = SendIntegralInput.model_validate(data)
    totals[params.open_id] = totals.get(params.open_id, 0) + params.points
    result = SendIntegralOutput.model_validate({"sendResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
