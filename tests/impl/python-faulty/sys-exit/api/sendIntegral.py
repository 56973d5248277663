"""Fault: the handler ends the interpreter on the largest grant."""

import sys


def handler(data, context):
    if data["points"] == 100000:
        sys.exit(1)

    return {"code": 0, "msg": "ok", "result": {"sendResult": True}}
