"""Not a fault of its reply: replaces what the worker also uses, then replies."""

import json


def _refuse(*args, **kwargs):
    raise RuntimeError("json is off limits")


json.dumps = _refuse
json.loads = _refuse


def handler(data, context):
    return {"code": 0, "msg": "ok", "result": {"sendResult": True}}
