"""Fault: the function is not called handler."""


def main_handler(data, context):
    return {"code": 0, "msg": "ok", "result": {"sendResult": True}}
