"""set_remind, completed: stores each user's setting."""

from __future__ import annotations

from typing import Any

from sign_up.models import SetRemindInput, SetRemindOutput

reminders: dict[str, SetRemindInput] = {}


def handler(data: dict[str, Any], context: Any) -> dict[str, Any]:
    params = SetRemindInput.model_validate(data)
    reminders[params.open_id] = params
    result = SetRemindOutput.model_validate({"setResult": True})
    return {
        "code": 0,
        "msg": "ok",
        "result": result.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }
