"""The Python scaffold: a cloud function run by contractgen's dispatcher.

Tool-owned (rewritten when the contract changes): ``index.py``, the entry with
``main_handler(event, context)``, and ``_contractgen/``: a copy of the
dispatcher (see :mod:`contractgen.scaffold.vendor`), the contracts it validates
against and the models of the module's package and of the packages it refers
to, as ``contractgen build`` writes them.  Business-owned
(written once): ``api/<interface>.py``, ``requirements.txt`` and ``README.md``.

The model packages import one another by package name (``sign_up`` imports
``prize``), so ``index.py`` puts ``_contractgen/`` on the import path and the
handlers import ``sign_up.models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contractgen import __version__
from contractgen.contract import Contract, ContractSet, Interface
from contractgen.render.docs_fields import code_span, paragraph
from contractgen.render.environment import environment
from contractgen.render.python import render_python
from contractgen.render.python_names import module_names
from contractgen.render.text import json_text, md_cell, py_comment, py_docstring
from contractgen.runtime import codes
from contractgen.scaffold import vendor
from contractgen.scaffold.files import Scaffold, ScaffoldFile
from contractgen.scaffold.literals import py_literal, py_string
from contractgen.scaffold.wrap import wrap

_TOOL_PACKAGE_DOC = (
    "Written by contractgen: the dispatcher, the models and the contracts that"
    " index.py\nserves; `contractgen scaffold` rewrites this folder."
)
_DUMP = 'model_dump(mode="json", by_alias=True, exclude_unset=True)'


@dataclass(frozen=True)
class _Handler:
    """What a new ``api/<name>.py`` says and starts from."""

    docstring: str
    handler_docstring: str
    models_import: str
    body: str


def render_python_scaffold(contract_set: ContractSet, contract: Contract) -> Scaffold:
    """Every file of the module's Python scaffold, each with its owner."""
    tool = {
        "index.py": _render("index.py", _index_context(contract)),
        "_contractgen/__init__.py": py_docstring(_TOOL_PACKAGE_DOC) + "\n",
        "_contractgen/_contracts.json": _contracts_json(contract_set, contract),
        **vendor.runtime_files(__version__),
        **_model_packages(contract_set, contract),
    }
    files = [ScaffoldFile(path, text, "tool") for path, text in tool.items()]
    entries = {
        p.split("/")[1] + ("/" if p.count("/") > 1 else "")
        for p in tool
        if p not in ("index.py", "_contractgen/__init__.py")
    }
    readme = _readme_context(contract, sorted(entries))
    files += [
        ScaffoldFile("README.md", _render("README.md", readme), "business"),
        ScaffoldFile(
            "requirements.txt",
            _render("requirements.txt", {"requirements": vendor.REQUIREMENTS}),
            "business",
        ),
    ]
    for interface in contract.custom_interfaces:
        files.append(
            ScaffoldFile(
                f"api/{interface.name}.py",
                _render("api/interface.py", vars(_handler(contract, interface))),
                "business",
                interface=interface.name,
            )
        )

    return Scaffold(
        module=contract.module,
        lang="python",
        contract_file=contract.file_name,
        version=contract.version,
        files=tuple(sorted(files, key=lambda f: f.path)),
        handler_suffix=".py",
    )


def _model_packages(contract_set: ContractSet, contract: Contract) -> dict[str, str]:
    """``models.py`` of the module's package and of each package it refers to."""
    files = {}
    for file_name in contract_set.documents_for(contract):
        other = contract_set.by_file(file_name)
        package = other.package_name
        rendered = render_python(contract_set, other)
        doc = (
            f"Models of module {other.module}, from {other.file_name} version"
            f" {other.version}.\n\nWritten by contractgen: `contractgen scaffold`"
            " rewrites this package\nwhen the contract changes."
        )
        files[f"_contractgen/{package}/__init__.py"] = (
            py_docstring(wrap(doc, 88), "") + "\n"
        )
        files[f"_contractgen/{package}/models.py"] = rendered[
            f"python/{package}/models.py"
        ]

    return files


def _index_context(contract: Contract) -> dict[str, Any]:
    served = ", ".join(i.name for i in contract.custom_interfaces) or "(none)"
    text = (
        f"Entry of the cloud function implementing the custom interfaces of module\n"
        f"{contract.module} ({contract.title}), from {contract.file_name} version"
        f" {contract.version}.\nServes: {served}.\n\n"
        "Written by contractgen: `contractgen scaffold` rewrites this file when the\n"
        "contract changes. Write the business logic in api/<interface>.py instead."
    )
    return {
        "docstring": py_docstring(wrap(text, 88), indent=""),
        "contract_literal": py_string(contract.file_name),
        "module_literal": py_string(contract.module),
    }


def _handler(contract: Contract, interface: Interface) -> _Handler:
    lines = [
        f"{interface.name}: {interface.description}".rstrip(": "),
        "",
        f"Module {contract.module} calls handler() through index.py, with params",
        "already checked against the input schema",
        f"({interface.schema_ref('input')}). Reply with",
        '{"code": 0, "msg": ..., "result": ...}, result following the output schema,',
        "or with one of the interface's error codes and a msg.",
    ]
    if interface.errors:
        lines += ["", "Error codes:", ""]
        lines += [f"- {e.code} {e.name}: {e.description}" for e in interface.errors]

    lines += [
        "",
        "This file is yours: `contractgen scaffold` created it and never rewrites it.",
        f"The models come from _contractgen/{contract.package_name}/models.py, which",
        "follows the contract. handler() may also be ``async def``.",
    ]
    names = module_names(contract)
    params = names.interfaces[(interface.name, "input")]
    result = names.interfaces[(interface.name, "output")]
    success = next((e for e in interface.examples if e.error is None), None)
    imported = sorted({params, result} if success else {params})
    return _Handler(
        docstring=py_docstring(wrap("\n".join(lines), 88), indent=""),
        handler_docstring=py_docstring(
            f"Reply to one call of {interface.name}; ``data`` passed the input schema."
        ),
        models_import=f"from {names.package}.models import {', '.join(imported)}",
        body=_body(interface, params, result, success),
    )


def _body(interface: Interface, params: str, result: str, success: Any) -> str:
    """The statements a new handler starts with, marker included."""
    lines = [
        f"params = {params}.model_validate(data)",
        f"logger.info({py_string(interface.name + ' called with %r')}, params)",
    ]
    if success is None:
        todo = (
            "TODO(business): write the logic here. The contract has no example of a\n"
            "result to start from, so until then every call fails with\n"
            "METHOD_EXEC_FAILURE."
        )
        message = py_string(f"{interface.name} is not implemented yet")
        lines += [
            *py_comment(todo).splitlines(),
            f"raise NotImplementedError({message})",
        ]
        return _statements(lines)

    title = success.title or "1"
    todo = (
        "TODO(business): replace this result with the real logic. It is the\n"
        f"contract's example {json_text(title)} and does"
        " nothing, so every call\nlooks like a success."
    )
    start = f"result = {result}.model_validate("
    lines += [
        *py_comment(todo).splitlines(),
        f"{start}{py_literal(success.output, 4, 4 + len(start))})",
        "return {",
        f'    "code": {codes.SUCCESS_CODE},',
        '    "msg": "ok",',
        f'    "result": result.{_DUMP},',
        "}",
    ]
    return _statements(lines)


def _readme_context(contract: Contract, tool_files: list[str]) -> dict[str, Any]:
    return {
        "module": code_span(contract.module),
        "module_raw": contract.module,
        "package": contract.package_name,
        "title": paragraph(contract.title),
        "description": paragraph(contract.description)
        if contract.description.strip()
        else "",
        "contract_file": code_span(contract.file_name),
        "version": code_span(contract.version),
        "interfaces": [
            {
                "name": code_span(i.name, table=True),
                "file": i.name,
                "summary": md_cell(i.description),
            }
            for i in contract.custom_interfaces
        ],
        "tool_files": tool_files,
    }


def _contracts_json(contract_set: ContractSet, contract: Contract) -> str:
    documents = contract_set.documents_for(contract)
    return json_text(documents) + "\n"


def _statements(lines: list[str]) -> str:
    """Statements of a function body; a literal spread over lines is laid out
    for that indentation already."""
    return "\n".join(f"    {line}" for line in lines)


def _render(name: str, context: dict[str, Any]) -> str:
    return environment().get_template(f"scaffold_python/{name}.jinja").render(context)
