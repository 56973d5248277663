"""Who may call a module's custom interfaces."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def allow_server_callers(event: Any, context: Any) -> bool:
    """
    The default caller check: refuse calls made by a mini program user.

    Custom interfaces are for server-side and timer callers only. The platform
    marks a mini program caller with its openid, looked for in
    ``event["userInfo"]["openId"]``, in the context keys ``OPENID`` and
    ``WX_OPENID``, and in ``WX_OPENID`` inside ``context["environment"]`` (an
    object or a JSON string). A call with none of them, such as one from a
    server SDK or a timer trigger, is allowed. Pass ``allow=`` to
    :class:`Dispatcher` when a deployment tells callers apart differently.
    """
    user = event.get("userInfo") if isinstance(event, Mapping) else None
    if isinstance(user, Mapping) and user.get("openId"):
        return False

    if not isinstance(context, Mapping):
        return True

    if context.get("OPENID") or context.get("WX_OPENID"):
        return False

    environment = context.get("environment")
    if isinstance(environment, str):
        try:
            environment = json.loads(environment)
        except ValueError:
            return True

    return not (isinstance(environment, Mapping) and environment.get("WX_OPENID"))
