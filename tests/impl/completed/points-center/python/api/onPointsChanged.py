"""onPointsChanged, completed: keeps each user's latest balance."""

from __future__ import annotations

from typing import Any

from points_center.models import OnPointsChangedInput, OnPointsChangedOutput

balances: dict[str, int] = {}


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = OnPointsChangedInput.model_validate(data)
    balances[params.open_id] = params.record.balance
    result = OnPointsChangedOutput.model_validate({"handled": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
