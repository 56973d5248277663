"""What the scaffolds' Markdown pages show about an interface.

A field table lists every field by its path (``prize.stock.total``, ``tags[]``)
with the type ``types.js`` gives it, so the page and the editor agree.  Text
from contracts is made literal for Markdown here; templates only lay it out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from contractgen.contract import Example, Interface
from contractgen.render.docs_fields import code_span, fence, paragraph
from contractgen.render.text import md_cell
from contractgen.runtime import codes
from contractgen.scaffold.jsdoc import JsDocTypes, Location

# The platform's codes, in the order and words of the page-module guide.
PLATFORM_CODES = (
    (codes.PERMISSION_DENIED, "无权限调用。"),
    (codes.METHOD_NOT_FOUND, "方法未找到。"),
    (codes.METHOD_NOT_FUNCTION, "实现上为非 function。"),
    (codes.METHOD_EXEC_FAILURE, "用户自定义实现的 function 失败。"),
    (codes.UNKNOWN_ERROR, "未知错误。"),
)
_CONSTRAINTS = (
    "const",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "default",
)


@dataclass(frozen=True)
class FieldRow:
    """One row of a field table, every cell ready for a Markdown table."""

    name: str
    type: str
    required: str
    constraints: str
    description: str


@dataclass(frozen=True)
class ErrorRow:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class ExampleView:
    title: str
    input: str
    reply: str
    note: str


def field_rows(
    types: JsDocTypes, interface: Interface, direction: str
) -> list[FieldRow]:
    """The fields of the interface's input or output, parents before children."""
    schema = interface.input if direction == "input" else interface.output
    location = (interface.file_name, f"{interface.pointer}/{direction}")
    rows = _Walker(types).rows(schema, location, "", set())
    return list(rows)


def error_rows(interface: Interface) -> list[ErrorRow]:
    """Success, the interface's business codes, invalid params, platform codes."""
    rows = [ErrorRow("`0`", "", "成功，`result` 为返回结果。")]
    for error in interface.errors:
        rows.append(
            ErrorRow(
                code_span(str(error.code), table=True),
                code_span(error.name, table=True),
                md_cell(error.description),
            )
        )

    rows.append(
        ErrorRow(
            code_span(str(codes.INVALID_PARAMS_CODE), table=True),
            "",
            "参数不符合入参 schema，`msg` 写明出错的字段；业务函数不会被调用。",
        )
    )
    for code, text in PLATFORM_CODES:
        rows.append(ErrorRow(f"`{code}`", "", text))

    return rows


def example_views(
    interface: Interface, reply_of: Callable[[Example, int], Any]
) -> list[ExampleView]:
    """The examples, each reply as ``reply_of(example, number)`` says it comes."""
    views = []
    for number, example in enumerate(interface.examples, start=1):
        title = example.title or f"示例 {number}"
        views.append(
            ExampleView(
                title=md_cell(title),
                input=fence(_json(example.input), "json"),
                reply=fence(_json(reply_of(example, number)), "json"),
                note=_example_note(example),
            )
        )

    return views


def description(text: str) -> str:
    return paragraph(text) if text.strip() else ""


def _example_note(example: Example) -> str:
    if example.error is None or example.error["code"] != codes.METHOD_EXEC_FAILURE:
        return ""

    return (
        "业务函数抛出异常时，调度器回复 `METHOD_EXEC_FAILURE`，"
        "`msg` 带上异常的类型和信息，异常栈只写入日志。"
    )


class _Walker:
    def __init__(self, types: JsDocTypes) -> None:
        self._types = types

    def rows(
        self, schema: Any, location: Location, prefix: str, seen: set[Location]
    ) -> Iterator[FieldRow]:
        target, where = self._types.resolve(schema, location)
        if where in seen or not isinstance(target, Mapping):
            return

        seen = seen | {where}
        required = set(target.get("required", ()))
        for key, sub in target.get("properties", {}).items():
            sub_where = (where[0], f"{where[1]}/properties/{_escape(key)}")
            path = f"{prefix}{key}"
            yield self._row(sub, sub_where, path, key in required)
            yield from self._children(sub, sub_where, path, seen)

    def _children(
        self, schema: Any, location: Location, path: str, seen: set[Location]
    ) -> Iterator[FieldRow]:
        target, where = self._types.resolve(schema, location)
        if not isinstance(target, Mapping):
            return

        if target.get("properties"):
            yield from self.rows(target, where, f"{path}.", seen)

        items = target.get("items")
        if isinstance(items, Mapping):
            items_where = (where[0], f"{where[1]}/items")
            item_target, _ = self._types.resolve(items, items_where)
            if isinstance(item_target, Mapping) and item_target.get("properties"):
                yield from self.rows(items, items_where, f"{path}[].", seen)

        for keyword in ("anyOf", "oneOf"):
            for index, branch in enumerate(target.get(keyword, ())):
                branch_where = (where[0], f"{where[1]}/{keyword}/{index}")
                yield from self.rows(branch, branch_where, f"{path}.", seen)

    def _row(
        self, schema: Any, location: Location, path: str, required: bool
    ) -> FieldRow:
        target, _ = self._types.resolve(schema, location)
        text = _text(schema) or _text(target)
        return FieldRow(
            name=code_span(path, table=True),
            type=code_span(self._types.expr_at(schema, location), table=True),
            required="是" if required else "否",
            constraints=", ".join(
                code_span(item, table=True) for item in _constraints(target)
            ),
            description=md_cell(text),
        )


def _constraints(schema: Any) -> list[str]:
    if not isinstance(schema, Mapping):
        return []

    return [
        f"{keyword}: {_json(schema[keyword], indent=None)}"
        for keyword in _CONSTRAINTS
        if keyword in schema
    ]


def _text(schema: Any) -> str:
    text = schema.get("description") if isinstance(schema, Mapping) else None
    if isinstance(text, str):
        return text

    return ""


def _json(value: Any, indent: int | None = 2) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
