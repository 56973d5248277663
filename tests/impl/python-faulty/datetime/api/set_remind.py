"""Fault: a datetime in the reply, which JSON cannot carry."""

import datetime


async def handler(data, context):
    updated = datetime.datetime(2024, 3, 1, 8, 0)
    return {"code": 0, "msg": "ok", "result": {"setResult": True, "updatedAt": updated}}
