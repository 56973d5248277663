"""``client.py`` and ``__init__.py`` of a module's package, from templates."""

from __future__ import annotations

import ast
import builtins
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contractgen.contract import Contract, Interface
from contractgen.render.environment import environment
from contractgen.render.python_imports import Import, export_order, import_block
from contractgen.render.python_models import ModelsModule
from contractgen.render.text import py_docstring

_WIDTH = 88
_METHOD = "    "
_BODY = "        "

# Attributes of a client that a method named after an interface would hide; such
# a method gets a trailing underscore, as a keyword does.
_CLIENT_ATTRIBUTES = frozenset({"module", "schemas", "transport"})

# What __init__.py re-exports from the runtime besides the clients and models.
_RUNTIME_EXPORTS = (
    "INVALID_PARAMS_CODE",
    "METHOD_EXEC_FAILURE",
    "METHOD_NOT_FOUND",
    "METHOD_NOT_FUNCTION",
    "PERMISSION_DENIED",
    "UNKNOWN_ERROR",
    "AsyncLocalTransport",
    "ContractError",
    "InterfaceError",
    "LocalTransport",
    "MalformedReply",
    "ModelMismatch",
    "ParamsViolation",
    "ResultViolation",
    "UnknownInterface",
)


@dataclass(frozen=True)
class _Method:
    overloads: tuple[str, ...]
    signature: str
    docstring: str
    body: str


@dataclass(frozen=True)
class _Client:
    name: str
    base: str
    docstring: str
    methods: tuple[_Method, ...]


def render_client(
    contract: Contract, models: ModelsModule, header: str, packages: Sequence[str]
) -> str:
    """The sync and async clients of ``contract``, one method per interface.

    :param packages: every generated package, to group their imports last.
    """
    names = models.names
    imports = {
        Import("__future__", "annotations"),
        Import("pathlib", "Path"),
        Import("typing", "Any"),
        Import("contractgen.runtime", "AsyncBaseClient"),
        Import("contractgen.runtime", "BaseClient"),
        Import("contractgen.runtime", "ContractSchemas"),
    }
    clients = []
    for is_async in (False, True):
        methods = []
        for interface in contract.interfaces:
            method, needed = _method(interface, models, is_async)
            methods.append(method)
            imports.update(needed)

        name = names.async_client if is_async else names.client
        clients.append(_client(contract, name, is_async, methods))

    if any(method.overloads for client in clients for method in client.methods):
        imports.add(Import("typing", "overload"))

    template = environment().get_template("python/client.py.jinja")
    return template.render(
        header=header,
        docstring=py_docstring(
            f"Typed clients of the {contract.module} module ({contract.title})."
        ),
        imports=import_block(imports, packages),
        file_name=_literal(contract.file_name),
        module=_literal(contract.module),
        clients=clients,
    )


def render_init(
    contract: Contract, models: ModelsModule, header: str, packages: Sequence[str]
) -> str:
    """The package's ``__init__.py``: models, clients and runtime names."""
    names = models.names
    package = names.package
    imports = [
        *(Import("contractgen.runtime", name) for name in _RUNTIME_EXPORTS),
        Import(f"{package}.client", names.client),
        Import(f"{package}.client", names.async_client),
        *(Import(f"{package}.models", name) for name in models.exports),
    ]
    exported = sorted({item.name for item in imports}, key=export_order)
    template = environment().get_template("python/__init__.py.jinja")
    return template.render(
        header=header,
        docstring=py_docstring(
            f"The {contract.module} module ({contract.title}): typed clients,"
            " models and the errors a call raises."
        ),
        imports=import_block(imports, packages),
        exports=[_literal(name) for name in exported],
    )


def _client(
    contract: Contract, name: str, is_async: bool, methods: list[_Method]
) -> _Client:
    how = "Awaitable calls" if is_async else "Calls"
    summary = (
        f"{how} to the interfaces of the {contract.module} module ({contract.title})."
    )
    text = f"{summary}\n\n{contract.description}" if contract.description else summary
    return _Client(
        name=name,
        base="AsyncBaseClient" if is_async else "BaseClient",
        docstring=py_docstring(text),
        methods=tuple(methods),
    )


def _method(
    interface: Interface, models: ModelsModule, is_async: bool
) -> tuple[_Method, set[Import]]:
    """One client method and the imports its annotations need."""
    names = models.names
    input_class = names.interfaces[(interface.name, "input")]
    output_class = names.interfaces[(interface.name, "output")]
    method_name = str(interface.python_name)
    if method_name in _CLIENT_ATTRIBUTES:
        method_name = f"{method_name}_"

    define = f"{_METHOD}{'async ' if is_async else ''}def {method_name}("
    returns = f") -> {output_class}:"
    parameters = _parameters(input_class, models)
    call = f"{_BODY}return {'await ' if is_async else ''}self._call("
    arguments = [
        _literal(interface.name),
        input_class,
        output_class,
        "params",
        parameters.fields,
    ]
    method = _Method(
        overloads=tuple(
            _fit(define, items, f"{returns} ...", _METHOD)
            for items in parameters.overloads
        ),
        signature=_fit(define, parameters.implementation, returns, _METHOD),
        docstring=py_docstring(interface.description),
        body=_fit(call, arguments, ")", _BODY).lstrip(),
    )
    own = f"{names.package}.models"
    needed = {Import(own, input_class), Import(own, output_class)}
    return method, needed | parameters.imports


@dataclass(frozen=True)
class _Parameters:
    """How a method takes its params.

    :param implementation: the parameters of the method itself.
    :param fields: what passes keyword fields on to the runtime.
    :param overloads: the parameters of each typed overload, if any.
    :param imports: what the overloads' annotations need.
    """

    implementation: list[str]
    fields: str
    overloads: list[list[str]]
    imports: set[Import]


def _parameters(input_class: str, models: ModelsModule) -> _Parameters:
    optional = ["self", f"params: {input_class} | None = None", "/"]
    if input_class in models.root_models:
        # Params that are no JSON object: only the model can hold them.
        return _Parameters(["self", f"params: {input_class}", "/"], "{}", [], set())

    keywords = _keyword_parameters(input_class, models)
    if keywords is None or (not keywords[0] and input_class in models.open_models):
        # Fields unknown here, or any field at all: untyped keywords.
        return _Parameters([*optional, "**fields: Any"], "fields", [], set())

    if not keywords[0]:
        return _Parameters(optional, "{}", [], set())

    by_model = ["self", f"params: {input_class}", "/"]
    by_keyword = ["self", "/", "*", *keywords[0]]
    return _Parameters(
        [*optional, "**fields: Any"], "fields", [by_model, by_keyword], keywords[1]
    )


def _keyword_parameters(
    model: str, models: ModelsModule
) -> tuple[list[str], set[Import]] | None:
    """Keyword-only parameters for the fields of an input model.

    A model that keeps unknown fields takes them too, as ``**fields``.

    :returns: the parameters and the imports their annotations need, or
        ``None`` when the fields are unknown or cannot all be parameters.
    """
    fields = models.fields.get(model)
    if fields is None or any(field.name in {"fields", "self"} for field in fields):
        return None

    parameters = []
    imports: set[Import] = set()
    for field in fields:
        needed = _annotation_imports(field.annotation, models)
        if needed is None:
            return None

        imports.update(needed)
        default = "" if field.required else " = ..."
        parameters.append(f"{field.name}: {field.annotation}{default}")

    if parameters and model in models.open_models:
        parameters.append("**fields: Any")

    return parameters, imports


def _annotation_imports(annotation: str, models: ModelsModule) -> set[Import] | None:
    """The imports that make ``annotation`` mean in client.py what it means in
    models.py, or ``None`` if one of its names cannot be traced."""
    needed = set()
    for node in ast.walk(ast.parse(annotation, mode="eval")):
        if not isinstance(node, ast.Name):
            continue

        # A model may be named like a builtin (``Exception``) and wins then.
        if node.id in models.exports:
            needed.add(Import(f"{models.names.package}.models", node.id))
        elif node.id in models.imports:
            needed.add(models.imports[node.id])
        elif not hasattr(builtins, node.id):
            return None

    return needed


def _fit(opening: str, items: Iterable[str], closing: str, indent: str) -> str:
    """``opening`` + items + ``closing`` on one line, or wrapped to fit 88 columns.

    ``opening`` starts with ``indent``; wrapped items go one level deeper.
    """
    items = list(items)
    joined = ", ".join(items)
    one_line = f"{opening}{joined}{closing}"
    if len(one_line) <= _WIDTH:
        return one_line

    inner = f"{indent}    "
    hugged = f"{opening}\n{inner}{joined}\n{indent}{closing}"
    if all(len(line) <= _WIDTH for line in hugged.splitlines()):
        return hugged

    exploded = "".join(f"{inner}{item},\n" for item in items)
    return f"{opening}\n{exploded}{indent}{closing}"


def _literal(text: str) -> str:
    """A double-quoted Python string literal of ``text``."""
    return json.dumps(text, ensure_ascii=False)
