"""Fault: starts children in sessions of their own, then replies correctly."""

import subprocess


def handler(data, context):
    subprocess.Popen(
        ["setsid", "sleep", "302"],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return {"code": 0, "msg": "ok", "result": {"sendResult": True}}
