"""Fault: the process dies at once on the largest grant, with no cleanup."""

import os


def handler(data, context):
    if data["points"] == 100000:
        os._exit(3)

    return {"code": 0, "msg": "ok", "result": {"sendResult": True}}
