"""The Node.js scaffold: a cloud function laid out as the page-module guide shows.

Tool-owned (rewritten when the contract changes): ``index.js``, the entry that
the platform calls; the dispatcher in ``_contractgen/dispatch.js``,
``repr.js`` and ``schemas.js``; ``_contractgen/types.js`` with
the JSDoc typedefs; ``_contractgen/_contracts.json``, the contracts the
dispatcher validates against.  Business-owned (written once): ``package.json``,
``README.md``, ``api/demo.js``, ``api/<interface>.js`` and ``example/*``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from contractgen.contract import Contract, ContractSet, Example, Interface
from contractgen.render.docs_fields import code_span, paragraph
from contractgen.render.environment import environment
from contractgen.render.text import js_comment, js_line_comment, json_text, md_cell
from contractgen.runtime import codes
from contractgen.scaffold import pages
from contractgen.scaffold.files import Scaffold, ScaffoldFile
from contractgen.scaffold.jsdoc import JsDocTypes, jsdoc_text
from contractgen.scaffold.literals import js_literal, js_string
from contractgen.scaffold.wrap import wrap

# Versions the tests install and run the generated code with (tests/node).
DEPENDENCIES = {"ajv": "8.20.0", "wx-server-sdk": "4.0.2"}
TYPES_MODULE = "../_contractgen/types"
_DEMO = "api/demo.js"
# Lets editors (and `tsc -p jsconfig.json`) check the handlers against types.js.
_JSCONFIG = (
    json.dumps(
        {
            "compilerOptions": {
                "checkJs": True,
                "strict": True,
                "module": "commonjs",
                "moduleResolution": "node",
                "target": "es2022",
                "resolveJsonModule": True,
                "noEmit": True,
                # Check this folder's files, not the JavaScript of its packages.
                "maxNodeModuleJsDepth": 0,
                "skipLibCheck": True,
            },
            "exclude": ["node_modules"],
        },
        indent=2,
    )
    + "\n"
)


@dataclass(frozen=True)
class _InterfaceView:
    """What the templates of ``api/<name>.js`` and ``example/<name>.js`` show."""

    header: str
    params_type: str
    reply_type: str
    returns_type: str
    no_example: str
    example_typedef: str
    skeleton_reply: str
    skeleton_todo: str
    example_cases: str
    example_header: str


def render_node_scaffold(contract_set: ContractSet, contract: Contract) -> Scaffold:
    """Every file of the module's Node.js scaffold, each with its owner."""
    types = JsDocTypes(contract_set, contract)
    views = [
        _interface_view(contract, interface) for interface in contract.custom_interfaces
    ]
    context = {
        "module": contract.module,
        "module_literal": js_string(contract.module),
        "contract_literal": js_string(contract.file_name),
        "header": js_comment(wrap(jsdoc_text(_entry_header(contract)), 77)),
    }
    files = [
        _tool("index.js", _render("index.js", context)),
        *(
            _tool(f"_contractgen/{name}", _render(f"_contractgen/{name}", {}))
            for name in ("dispatch.js", "repr.js", "schemas.js")
        ),
        _tool("_contractgen/types.js", _types_js(contract, types)),
        _tool("_contractgen/_contracts.json", _contracts_json(contract_set, contract)),
        _business("package.json", _package_json(contract)),
        _business("jsconfig.json", _JSCONFIG),
    ]
    # The platform's demo handler, unless an interface of that name takes its
    # file: then the interface's handler is written instead.
    demo = _DEMO not in {f"api/{i.name}.js" for i in contract.custom_interfaces}
    readme = _render("README.md", {**_readme_context(contract), "demo": demo})
    files.append(_business("README.md", readme))
    if demo:
        files.append(_business(_DEMO, _render(_DEMO, context)))

    for interface, view in zip(contract.custom_interfaces, views, strict=True):
        page = _page_context(contract_set, contract, interface, types)
        files += [
            ScaffoldFile(
                f"api/{interface.name}.js",
                _render("api/interface.js", {**context, "interface": view}),
                "business",
                interface=interface.name,
            ),
            _business(
                f"example/{interface.name}.js",
                _render("example/interface.js", {**context, "interface": view}),
            ),
            _business(
                f"example/{interface.name}.md", _render("example/interface.md", page)
            ),
        ]

    return Scaffold(
        module=contract.module,
        lang="node",
        contract_file=contract.file_name,
        version=contract.version,
        files=tuple(sorted(files, key=lambda f: f.path)),
        handler_suffix=".js",
        not_handlers=frozenset({_DEMO} if demo else ()),
    )


def _interface_view(contract: Contract, interface: Interface) -> _InterfaceView:
    base = interface.class_name
    reply, todo = _skeleton(interface)
    return _InterfaceView(
        header=js_comment(wrap(jsdoc_text(_handler_header(contract, interface)), 77)),
        params_type=f"{{import('{TYPES_MODULE}').{base}Input}}",
        reply_type=f"{{import('{TYPES_MODULE}').{base}Reply}}",
        returns_type=f"{{Promise<import('{TYPES_MODULE}').{base}Reply>}}",
        no_example=js_string(f"the contract gives no example of {interface.name}"),
        example_typedef=(
            "{{title: string, input: unknown, reply?: Reply, failure?: string}}"
        ),
        skeleton_reply=reply,
        skeleton_todo=todo,
        example_cases=_example_cases(interface.examples),
        example_header=js_comment(
            wrap(jsdoc_text(_example_header(contract, interface)), 77)
        ),
    )


def _skeleton(interface: Interface) -> tuple[str, str]:
    """The statement a new handler ends with, and the marker above it."""
    success = next((e for e in interface.examples if e.error is None), None)
    if success is None:
        todo = (
            "TODO(business): write the logic here. The contract has no example of a\n"
            "result to start from, so until then every call fails with\n"
            "METHOD_EXEC_FAILURE."
        )
        message = js_string(f"{interface.name} is not implemented yet")
        return f"throw new Error({message});", _line_comments(todo)

    title = success.title or "1"
    todo = (
        f"TODO(business): replace this reply with the real logic. It is the\n"
        f"contract's example {json_text(title)} and does"
        " nothing, so every call\nlooks like a success."
    )
    reply = {"code": codes.SUCCESS_CODE, "msg": "ok", "result": success.output}
    return f"return {js_literal(reply, 2, 9)};", _line_comments(todo)


def _example_cases(examples: tuple[Example, ...]) -> str:
    """The ``EXAMPLES`` array literal of ``example/<name>.js``."""
    cases = []
    for number, example in enumerate(examples, start=1):
        case: dict[str, Any] = {"title": _example_title(example, number)}
        case["input"] = example.input
        failure = _failure(example, number)
        if failure is None:
            case["reply"] = example.envelope
        else:
            case["failure"] = failure

        cases.append(case)

    return js_literal(cases, 0, len("const EXAMPLES = "))


def _example_title(example: Example, number: int) -> str:
    return example.title or f"example {number}"


def _failure(example: Example, number: int) -> str | None:
    """The error an example handler throws, for an example that fails that way."""
    if example.error is None or example.error["code"] != codes.METHOD_EXEC_FAILURE:
        return None

    return str(example.error.get("msg") or _example_title(example, number))


def example_reply(interface: Interface, example: Example, number: int) -> Any:
    """The reply the dispatcher sends when ``example/<name>.js`` handles ``example``."""
    failure = _failure(example, number)
    if failure is None:
        return example.envelope

    return {
        "code": codes.METHOD_EXEC_FAILURE,
        "msg": f"the handler in api/{interface.name}.js threw Error: {failure}",
    }


def _types_js(contract: Contract, types: JsDocTypes) -> str:
    blocks = [
        js_comment("\n".join(typedef.comment_lines())) for typedef in types.typedefs()
    ]
    context = {
        "header": js_comment(wrap(jsdoc_text(_types_header(contract)), 77)),
        "blocks": blocks,
    }
    return _render("_contractgen/types.js", context)


def _contracts_json(contract_set: ContractSet, contract: Contract) -> str:
    documents = contract_set.documents_for(contract)
    return json_text(documents) + "\n"


def _package_json(contract: Contract) -> str:
    package = {
        "name": f"{contract.module}-custom-interfaces",
        "version": "1.0.0",
        "private": True,
        "description": f"Custom interfaces of {contract.module}: {contract.title}",
        "main": "index.js",
        "engines": {"node": ">=18"},
        "dependencies": DEPENDENCIES,
    }
    return json_text(package) + "\n"


def _readme_context(contract: Contract) -> dict[str, Any]:
    names = [i.name for i in contract.custom_interfaces]
    return {
        "module": code_span(contract.module),
        "module_raw": contract.module,
        "title": paragraph(contract.title),
        "description": pages.description(contract.description),
        "contract_file": code_span(contract.file_name),
        "version": code_span(contract.version),
        "interfaces": [
            {
                "name": code_span(name),
                "file": name,
                "summary": md_cell(interface.description),
            }
            for name, interface in zip(names, contract.custom_interfaces, strict=True)
        ],
    }


def _page_context(
    contract_set: ContractSet,
    contract: Contract,
    interface: Interface,
    types: JsDocTypes,
) -> dict[str, Any]:
    schemas = pages.PageSchemas(contract_set, contract)
    input_block = schemas.block(interface, "input")
    output_block = schemas.block(interface, "output")
    return {
        "name": code_span(interface.name),
        "file": interface.name,
        "module": code_span(contract.module),
        "contract_file": code_span(contract.file_name),
        "version": code_span(contract.version),
        "description": pages.description(interface.description),
        "input": input_block,
        "output": output_block,
        "output_type": code_span(types.names(interface)[1]),
        "errors": pages.error_rows(interface),
        "examples": pages.example_views(
            interface, lambda example, number: example_reply(interface, example, number)
        ),
        "definitions": schemas.definitions(),
    }


def _entry_header(contract: Contract) -> str:
    served = ", ".join(i.name for i in contract.custom_interfaces) or "(none)"
    return (
        f"Entry of the cloud function implementing the custom interfaces of module\n"
        f"{contract.module} ({contract.title}), from {contract.file_name} version"
        f" {contract.version}.\n"
        f"Serves: {served}.\n\n"
        "Written by contractgen: `contractgen scaffold` rewrites this file when the\n"
        "contract changes. Write the business logic in api/<interface>.js instead."
    )


def _handler_header(contract: Contract, interface: Interface) -> str:
    lines = [
        f"{interface.name}: {interface.description}".rstrip(": "),
        "",
        f"Module {contract.module} calls this handler through index.js, with params",
        "already checked against the input schema",
        f"({interface.schema_ref('input')}). Reply with",
        "{code: 0, msg, result}, result following the output schema, or with one of",
        "the interface's error codes and a msg.",
    ]
    if interface.errors:
        lines += ["", "Error codes:"]
        lines += [f"  {e.code} {e.name}: {e.description}" for e in interface.errors]

    lines += [
        "",
        "This file is yours: `contractgen scaffold` created it and never rewrites it.",
        "The types come from ../_contractgen/types.js, which follows the contract.",
        f"example/{interface.name}.js replies to each of the contract's examples.",
    ]
    return "\n".join(lines)


def _example_header(contract: Contract, interface: Interface) -> str:
    return (
        f"A worked example of {interface.name}, built from the examples in\n"
        f"{contract.file_name} (version {contract.version}). Params equal to an"
        " example's input get that\nexample's reply; any other params get the first"
        " example's. An example that\nends in METHOD_EXEC_FAILURE throws, as a failing"
        " handler would.\n\n"
        f"Copy it over api/{interface.name}.js to try the module before the real"
        " logic\nexists; see the page next to it for the fields and error codes."
    )


def _types_header(contract: Contract) -> str:
    return (
        f"JSDoc types of the custom interfaces of module {contract.module}, from\n"
        f"{contract.file_name} version {contract.version}.\n\n"
        "Written by contractgen: `contractgen scaffold` rewrites this file when the\n"
        "contract changes. A handler in api/ names a type as\n"
        "import('../_contractgen/types').<Interface>Input, for instance."
    )


def _line_comments(text: str) -> str:
    return "\n".join(f"// {js_line_comment(line)}" for line in text.splitlines())


def _render(name: str, context: dict[str, Any]) -> str:
    return environment().get_template(f"scaffold_node/{name}.jinja").render(context)


def _tool(path: str, text: str) -> ScaffoldFile:
    return ScaffoldFile(path, text, "tool")


def _business(path: str, text: str) -> ScaffoldFile:
    return ScaffoldFile(path, text, "business")
