"""Fault: a blocking call that never returns in time."""

import time


def handler(data, context):
    time.sleep(60)
    return {"code": 0, "msg": "ok", "result": {"setResult": True}}
