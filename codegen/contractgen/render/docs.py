"""The Markdown docs: one page per module and an index of the modules.

Pages are meant to be read on a git host (GitHub-flavoured Markdown).  Sections
that other pages link to carry an explicit ``<a id>`` equal to their heading's
slug, so links hold on hosts with other slug rules too.  Everything shown is
computed here; the templates in ``templates/docs`` only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contractgen.contract import Contract, ContractSet, Example, Interface
from contractgen.render.docs_fields import (
    Anchors,
    ErrorRow,
    SchemaBlock,
    SchemaDescriber,
    code_span,
    fence,
    paragraph,
)
from contractgen.render.environment import environment
from contractgen.render.text import json_text, md_cell
from contractgen.runtime import codes

_CALLERS = {"miniprogram": "小程序端", "server": "服务端"}
_KINDS = {"standard": "标准接口", "custom": "自定义接口"}


@dataclass(frozen=True)
class _ExampleView:
    number: int
    title: str
    input: str
    reply: str


@dataclass(frozen=True)
class _InterfaceView:
    name: str
    anchor: str
    kind: str
    how: str
    callers: str
    summary: str
    description: str
    input: SchemaBlock
    output: SchemaBlock
    examples: tuple[_ExampleView, ...]
    errors: tuple[ErrorRow, ...]
    platform_errors: tuple[ErrorRow, ...]


@dataclass(frozen=True)
class _DefinitionView:
    name: str
    anchor: str
    block: SchemaBlock


@dataclass(frozen=True)
class _PageView:
    heading: str
    module: str
    version: str
    file_name: str
    description: str
    interfaces: tuple[_InterfaceView, ...]
    definitions: tuple[_DefinitionView, ...]


@dataclass(frozen=True)
class _IndexRow:
    link: str
    title: str
    version: str
    summary: str
    standard: int
    custom: int


def render_docs(contract_set: ContractSet, contract: Contract) -> dict[str, str]:
    """The page of one module, as ``{"docs/<module>.md": text}``.

    Links to definitions of other modules point at their pages in the same
    folder, which :func:`render_docs` writes when called for those modules.
    """
    describer = SchemaDescriber(contract_set, contract)
    anchors = Anchors(contract)
    page = _PageView(
        heading=_heading(contract),
        module=code_span(contract.module),
        version=code_span(contract.version),
        file_name=code_span(contract.file_name),
        description=paragraph(contract.description),
        interfaces=tuple(
            _interface_view(interface, contract, anchors, describer)
            for interface in contract.interfaces
        ),
        definitions=tuple(
            _DefinitionView(
                code_span(name),
                anchors.definition(name),
                describer.block(schema, contract.file_name),
            )
            for name, schema in contract.defs.items()
        ),
    )
    template = environment().get_template("docs/module.md.jinja")
    return {
        f"docs/{contract.module}.md": template.render(
            page=page, invalid_params_code=codes.INVALID_PARAMS_CODE
        )
    }


def render_docs_index(contract_set: ContractSet) -> dict[str, str]:
    """The list of modules, as ``{"docs/index.md": text}``, linking to each page."""
    rows = tuple(
        _IndexRow(
            link=f"[{code_span(c.module, table=True)}]({c.module}.md)",
            title=md_cell(c.title),
            version=code_span(c.version, table=True),
            summary=md_cell(_first_line(c.description)),
            standard=len(c.interfaces) - len(c.custom_interfaces),
            custom=len(c.custom_interfaces),
        )
        for c in contract_set.contracts
    )
    template = environment().get_template("docs/index.md.jinja")
    return {"docs/index.md": template.render(rows=rows)}


def _heading(contract: Contract) -> str:
    """The page title followed by the module id.

    The module id after a space puts a hyphen in the heading's slug, which no
    interface or definition name has, so their anchors never collide with it.
    """
    title = " ".join(contract.title.split()) or contract.module
    return f"{paragraph(title)} {code_span(contract.module)}"


def _interface_view(
    interface: Interface,
    contract: Contract,
    anchors: Anchors,
    describer: SchemaDescriber,
) -> _InterfaceView:
    custom = interface.kind == "custom"
    return _InterfaceView(
        name=code_span(interface.name),
        anchor=anchors.interface(interface.name),
        kind=_KINDS[interface.kind],
        how=_how_called(interface, contract),
        callers=_callers(interface, contract),
        summary=md_cell(_first_line(interface.description)),
        description=paragraph(interface.description),
        input=describer.block(interface.input, interface.file_name),
        output=describer.block(interface.output, interface.file_name),
        examples=tuple(
            _example_view(number, example)
            for number, example in enumerate(interface.examples, start=1)
        ),
        errors=tuple(
            ErrorRow(
                code_span(str(error.code), table=True),
                code_span(error.name, table=True),
                md_cell(error.description),
            )
            for error in interface.errors
        ),
        platform_errors=tuple(
            ErrorRow(code_span(code, table=True), "", meaning)
            for code, meaning in (codes.PLATFORM_CODE_MEANINGS if custom else ())
        ),
    )


def _how_called(interface: Interface, contract: Contract) -> str:
    if interface.kind == "custom":
        call = code_span(f"api/{interface.name}.js")
        return f"本模块调用业务方在云函数中实现的 {call}。"

    call = code_span(
        f"new PageModule('{contract.module}').callMethod('{interface.name}', params)"
    )
    return f"业务方通过 {call} 调用本模块。"


def _callers(interface: Interface, contract: Contract) -> str:
    if interface.kind == "custom":
        return f"{code_span(contract.module)} 模块"

    # A standard interface that names no callers may be called from both ends.
    callers = interface.callers or tuple(_CALLERS)
    return "、".join(_CALLERS[caller] for caller in callers)


def _example_view(number: int, example: Example) -> _ExampleView:
    return _ExampleView(
        number=number,
        title=md_cell(example.title or ""),
        input=_json_block(example.input),
        reply=_json_block(example.envelope),
    )


def _json_block(value: Any) -> str:
    return fence(json_text(value), "json")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
