"""The one Jinja environment that every renderer uses."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2


def _to_json(value: Any, indent: int | None = 2) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


@cache
def environment() -> jinja2.Environment:
    """Templates shipped in ``contractgen/templates``, strict about undefined names.

    Autoescaping stays off: no template produces HTML, and every value that comes
    from a contract is made safe for its target by :mod:`contractgen.render.text`
    before it reaches a template.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("contractgen", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["to_json"] = _to_json
    return env
