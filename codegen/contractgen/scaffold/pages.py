"""What the scaffolds' Markdown pages show about an interface.

Field tables are those of the docs (:mod:`contractgen.render.docs_fields`): every
field by its path (``prize.stock.total``, ``tags[]``).  A scaffold page has no
docs page beside it to link to, so the definitions its rows refer to are listed
in a section of the page itself.  Text from contracts is made literal for
Markdown here; templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contractgen.contract import Contract, ContractSet, Example, Interface
from contractgen.render.docs_fields import (
    ErrorRow,
    SchemaBlock,
    SchemaDescriber,
    code_span,
    fence,
    paragraph,
)
from contractgen.render.text import json_text, md_cell
from contractgen.runtime import codes


@dataclass(frozen=True)
class ExampleView:
    title: str
    input: str
    reply: str
    note: str


@dataclass(frozen=True)
class DefinitionView:
    """One definition in the page's own 数据定义 section."""

    name: str
    anchor: str
    block: SchemaBlock


class PageSchemas:
    """The field tables of one interface's page and the definitions they use.

    Rows link to definitions, of this module or another, by an anchor on the
    page; :meth:`definitions` then describes each one, and those they use.
    """

    def __init__(self, contract_set: ContractSet, contract: Contract) -> None:
        self._page = contract
        self._describer = SchemaDescriber(contract_set, contract, link=self._link)
        self._used: dict[tuple[str, str], tuple[Contract, str]] = {}
        self._anchors: dict[tuple[str, str], str] = {}

    def block(self, interface: Interface, direction: str) -> SchemaBlock:
        """The interface's input or output schema, fields listed."""
        schema = interface.input if direction == "input" else interface.output
        return self._describer.block(schema, interface.file_name)

    def definitions(self) -> list[DefinitionView]:
        """Each definition linked from the page so far, in order of first use."""
        views: list[DefinitionView] = []
        # Describing a definition may link to further ones, appended meanwhile.
        while len(views) < len(self._used):
            key = list(self._used)[len(views)]
            owner, name = self._used[key]
            block = self._describer.block(owner.defs[name], owner.file_name)
            label = code_span(self._label(owner, name))
            views.append(DefinitionView(label, self._anchors[key], block))

        return views

    def _link(self, owner: Contract, name: str) -> str:
        key = (owner.file_name, name)
        if key not in self._used:
            self._used[key] = (owner, name)
            self._anchors[key] = self._new_anchor(self._label(owner, name))

        return f"[{self._label(owner, name)}](#{self._anchors[key]})"

    def _label(self, owner: Contract, name: str) -> str:
        if owner.file_name == self._page.file_name:
            return name

        return f"{owner.module}.{name}"

    def _new_anchor(self, label: str) -> str:
        """A lowercase id, numbered like a repeated heading when taken already."""
        base = f"def-{label.lower()}"
        taken = set(self._anchors.values())
        anchor, number = base, 0
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"

        return anchor


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
    for code, text in codes.PLATFORM_CODE_MEANINGS:
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


def _json(value: Any) -> str:
    return json_text(value)
