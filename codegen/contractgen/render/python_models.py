"""``models.py`` of a module's package: pydantic models made in process.

datamodel-code-generator writes the models from the combined schema of
:mod:`contractgen.render.python_schema`, with its built-in formatter.  What it
writes is then laid out again statement by statement, so that imports are
grouped like the other generated files, and each interface's input and output
become classes a client can take and return: a type alias of a model class
becomes a plain alias (``SendPrizeOutput = SendResult``), any other alias a
``RootModel``.
"""

from __future__ import annotations

import ast
import json
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from datamodel_code_generator import (
    InputFileType,
    LiteralType,
    NamingStrategy,
    PythonVersion,
    generate,
)
from datamodel_code_generator.enums import DataModelType
from datamodel_code_generator.format import Formatter

from contractgen.contract import Contract, ContractSet
from contractgen.issues import ContractIssue, InvalidContracts, display_path
from contractgen.render.python_imports import Import, import_block, imports_of
from contractgen.render.python_names import ModuleNames, makes_model_class
from contractgen.render.python_schema import ModuleSchema, check_import_loop
from contractgen.render.text import py_docstring

_OPTIONS: dict[str, Any] = {
    "input_file_type": InputFileType.JsonSchema,
    "output_model_type": DataModelType.PydanticV2BaseModel,
    "target_python_version": PythonVersion.PY_311,
    # The built-in formatter runs in process and costs next to nothing; black
    # and isort would each start a program per module.
    "formatters": [Formatter.BUILTIN],
    "builtin_format_line_length": 88,
    "disable_timestamp": True,
    "skip_root_model": True,
    # An inline model is named after the model that holds it
    # (``ZetaOutputItem``), so adding an interface renames no class; a
    # definition keeps its own name.
    "naming_strategy": NamingStrategy.EnclosingModel,
    "field_constraints": True,
    "use_annotated": True,
    "snake_case_field": True,
    "allow_population_by_field_name": True,
    "use_standard_collections": True,
    "use_union_operator": True,
    # A model's description becomes its docstring, a field's the exact
    # ``Field(description=...)`` that JSON Schema output and tools read.
    "use_schema_description": True,
    # Aliases rather than RootModel classes for strings, lists and unions, so
    # that ``DoRemindInput(open_id="o123")`` type-checks; enums as Literal for
    # the same reason.
    "use_type_alias": True,
    "enum_field_as_literal": LiteralType.All,
}


@dataclass(frozen=True)
class ModelField:
    """One field of a generated model, as a keyword argument would take it."""

    name: str
    annotation: str
    required: bool


@dataclass(frozen=True)
class ModelsModule:
    """The generated ``models.py`` and what the other files need to know of it.

    :param exports: every public name the module defines, sorted.
    :param root_models: the ``RootModel`` classes among them.
    :param open_models: the model classes that keep unknown fields.
    :param fields: the fields of each model class with plain fields.
    :param imports: what each name the module imports comes from.
    """

    text: str
    names: ModuleNames
    exports: tuple[str, ...]
    root_models: frozenset[str]
    open_models: frozenset[str]
    fields: Mapping[str, tuple[ModelField, ...]]
    imports: Mapping[str, Import]


@dataclass
class _Statement:
    node: ast.stmt
    text: str
    name: str | None


def render_models(
    contract_set: ContractSet, contract: Contract, header: str
) -> ModelsModule:
    """Generate the models of ``contract``, with ``header`` on top.

    :raises InvalidContracts: when a reference has no Python type, the
        package would import itself, or a definition cannot keep its class
        name.
    """
    check_import_loop(contract_set, contract)
    schema = ModuleSchema(contract_set, contract)
    text, metadata = _generate(schema.build(), schema.aliases)
    statements, imports = _split(text)
    bound = {item.bound: item for item in imports}
    plain, added = _convert_interfaces(
        statements, schema.names, schema.foreign_models(), bound
    )
    imports.extend(added)
    _check_definitions(contract, schema.names, statements, metadata)

    body = "\n\n\n".join(statement.text for statement in statements)
    kept = _drop_orphans(imports, body)
    packages = [
        contract_set.by_file(name).package_name
        for name in contract_set.documents_for(contract)
    ]
    # isort leaves two blank lines before a class, one before an assignment.
    gap = "\n\n\n" if statements[0].text.startswith("class ") else "\n\n"
    text = f"{header}\n\n{import_block(kept, packages)}{gap}{body}\n"
    return ModelsModule(
        text=text,
        names=schema.names,
        exports=tuple(sorted(s.name for s in statements if _is_public(s.name))),
        root_models=frozenset(
            s.name for s in statements if s.name and _is_root_model(s.text)
        ),
        open_models=_open_models(statements, plain),
        fields=_fields(metadata, plain, statements),
        imports={item.bound: item for item in kept if item.module != "__future__"},
    )


def _generate(
    schema: dict[str, Any], aliases: Mapping[str, str]
) -> tuple[str, list[dict[str, Any]]]:
    """Models source and datamodel-code-generator's metadata of each model."""
    with (
        tempfile.TemporaryDirectory(prefix="contractgen-") as folder,
        warnings.catch_warnings(record=True),
    ):
        # The generator warns about schemas it reads in its own way (an empty
        # enum, say), naming its own source files; the contract checks speak
        # about the contracts instead, so its warnings are dropped here.
        warnings.simplefilter("always")
        metadata_path = Path(folder, "models.json")
        text = generate(
            schema,
            **_OPTIONS,
            aliases=dict(aliases) or None,
            emit_model_metadata=metadata_path,
        )
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))

    return str(text), list(metadata["models"])


def _split(text: str) -> tuple[list[_Statement], list[Import]]:
    """The module's top-level statements and its imports.

    A string right after an assignment is that assignment's docstring and stays
    with it.
    """
    # Only "\n" ends a line: descriptions reach docstrings with "\u2028" and
    # the like as they are, and the schema holds no "\r" (see python_schema).
    lines = text.split("\n")
    statements: list[_Statement] = []
    imports: list[Import] = []
    for node in ast.parse(text).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.extend(imports_of(node))
            continue

        first = min([node.lineno, *(d.lineno for d in _decorators(node))])
        segment = "\n".join(lines[first - 1 : node.end_lineno])
        if _is_docstring(node) and statements:
            statements[-1].text += f"\n{segment}"
            continue

        statements.append(_Statement(node, segment, _defined_name(node)))

    return statements, imports


def _convert_interfaces(
    statements: list[_Statement],
    names: ModuleNames,
    foreign_models: Mapping[str, bool],
    imports: Mapping[str, Import],
) -> tuple[dict[str, str], list[Import]]:
    """Make each interface's type alias a model class.

    :param foreign_models: whether each foreign class is a model class, by its
        dotted path.
    :param imports: the module's imports, by the name each binds.
    :returns: the plain aliases made (alias to model class), and the imports
        the new ``RootModel`` classes need.
    """
    classes = {s.name for s in statements if isinstance(s.node, ast.ClassDef)}
    wanted = set(names.interfaces.values())
    plain: dict[str, str] = {}
    added: list[Import] = []
    for statement in statements:
        name, value = statement.name, _alias_value(statement)
        if name is None or name not in wanted or value is None:
            continue

        # An interface's schema may name another interface's, converted above.
        classes.add(name)
        spelled = ast.unparse(value)
        if spelled in classes or foreign_models.get(_dotted(value, imports), False):
            statement.text = f"{name} = {spelled}"
            plain[name] = spelled
            continue

        docstring = _alias_docstring(statement.text)
        lines = [f"class {name}(RootModel[{spelled}]):"]
        if docstring:
            lines.append(f"    {py_docstring(docstring)}")

        lines.append(f"    root: {spelled}")
        statement.text = "\n".join(lines)
        added.append(Import("pydantic", "RootModel"))

    return plain, added


def _check_definitions(
    contract: Contract,
    names: ModuleNames,
    statements: list[_Statement],
    metadata: list[dict[str, Any]],
) -> None:
    """Make sure every definition got the class name other packages import.

    :raises InvalidContracts: at the definition that did not.
    """
    by_name = {s.name: s for s in statements}
    for key, name in names.defs.items():
        statement = by_name.get(name)
        pointer = "/$defs/" + key.replace("~", "~0").replace("/", "~1")
        if statement is None:
            ref = f"#/$defs/{name}"
            given = [m["class_name"] for m in metadata if m["source_ref"] == ref]
            raise _issue(
                contract,
                pointer,
                f"the definition would become {given[0] if given else 'no class'!r}"
                f" instead of {name!r} in python/{names.package}/models.py; rename"
                " the definition",
            )

        if makes_model_class(contract.defs[key]) and not isinstance(
            statement.node, ast.ClassDef
        ):
            # Other packages rely on makes_model_class to tell whether they
            # may use the class itself as an interface's input or output.
            raise _issue(
                contract,
                pointer,
                f"the definition did not become a model class in"
                f" python/{names.package}/models.py",
            )


def _issue(contract: Contract, pointer: str, message: str) -> InvalidContracts:
    path = display_path(contract.path)
    return InvalidContracts([ContractIssue(path, pointer, message)])


def _open_models(
    statements: list[_Statement], plain: Mapping[str, str]
) -> frozenset[str]:
    """Model classes that keep unknown fields (``extra='allow'``, maybe from a
    base class), and the plain aliases of them."""
    settings = {
        s.node.name: _extra_setting(s.node)
        for s in statements
        if isinstance(s.node, ast.ClassDef)
    }
    bases = _class_bases(statements)

    def setting(name: str) -> str | None:
        if settings.get(name) is not None:
            return settings[name]

        inherited = (setting(base) for base in bases.get(name, ()))
        return next((value for value in inherited if value is not None), None)

    found = {name for name in settings if setting(name) == "allow"}
    found.update(alias for alias, target in plain.items() if target in found)
    return frozenset(found)


def _fields(
    metadata: list[dict[str, Any]],
    plain: Mapping[str, str],
    statements: list[_Statement],
) -> dict[str, tuple[ModelField, ...]]:
    """Fields per model class, inherited ones first, as pydantic orders them.

    A class with a base that is not a model of this module has no entry: its
    fields are not all known here.  A plain alias shares its class's fields.
    """
    own = {}
    for model in metadata:
        items = model["fields"]
        if any(not item["name"] for item in items):
            continue  # the single unnamed field of a root model or type alias

        own[model["class_name"]] = [
            ModelField(item["name"], item["type"], item["required"]) for item in items
        ]

    bases = _class_bases(statements)

    def collect(name: str) -> dict[str, ModelField] | None:
        if name not in own:
            return None

        merged: dict[str, ModelField] = {}
        for base in bases.get(name, ()):
            inherited = {} if base == "BaseModel" else collect(base)
            if inherited is None:
                return None

            merged.update(inherited)

        merged.update((field.name, field) for field in own[name])
        return merged

    fields = {}
    for name in own:
        collected = collect(name)
        if collected is not None:
            fields[name] = tuple(collected.values())

    for alias, target in plain.items():
        if target in fields:
            fields[alias] = fields[target]

    return fields


def _class_bases(statements: list[_Statement]) -> dict[str, list[str]]:
    """The base classes of each class of the module, as spelled."""
    return {
        s.node.name: [ast.unparse(base) for base in s.node.bases]
        for s in statements
        if isinstance(s.node, ast.ClassDef)
    }


def _extra_setting(node: ast.ClassDef) -> str | None:
    """The ``extra`` of the class's own ``model_config``, if it sets one."""
    for item in ast.walk(node):
        if (
            isinstance(item, ast.keyword)
            and item.arg == "extra"
            and isinstance(item.value, ast.Constant)
        ):
            return str(item.value.value)

    return None


def _is_root_model(text: str) -> bool:
    node = ast.parse(text).body[0]
    return isinstance(node, ast.ClassDef) and any(
        isinstance(base, ast.Subscript)
        and isinstance(base.value, ast.Name)
        and base.value.id == "RootModel"
        for base in node.bases
    )


def _alias_value(statement: _Statement) -> ast.expr | None:
    """The aliased type of ``X = TypeAliasType("X", <type>)``."""
    node = statement.node
    if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
        return None

    call = node.value
    if not (isinstance(call.func, ast.Name) and call.func.id == "TypeAliasType"):
        return None

    return call.args[1] if len(call.args) == 2 else None


def _alias_docstring(text: str) -> str | None:
    body = ast.parse(text).body
    if len(body) == 2:
        return (_docstring_text(body[1]) or "").strip() or None

    return None


def _dotted(expression: ast.expr, imports: Mapping[str, Import]) -> str:
    """The dotted path of an imported name, ``prize.models.Prize`` for
    ``Prize`` or ``prize_aliased.models.Prize``; ``""`` for anything else."""
    attributes: list[str] = []
    while isinstance(expression, ast.Attribute):
        attributes.insert(0, expression.attr)
        expression = expression.value

    if not isinstance(expression, ast.Name) or expression.id not in imports:
        return ""

    item = imports[expression.id]
    root = item.name if item.module is None else f"{item.module}.{item.name}"
    return ".".join([root, *attributes])


def _drop_orphans(imports: list[Import], body: str) -> list[Import]:
    """``imports`` without ``TypeAliasType`` once no alias is left to use it.

    Converting the interfaces' aliases is the only change to the module that
    can leave an import unused.
    """
    used = {node.id for node in ast.walk(ast.parse(body)) if isinstance(node, ast.Name)}
    return [
        item for item in imports if item.bound != "TypeAliasType" or item.bound in used
    ]


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.ClassDef | ast.FunctionDef):
        return node.name

    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None

    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id

    return None


def _decorators(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, ast.ClassDef | ast.FunctionDef):
        return node.decorator_list

    return []


def _docstring_text(node: ast.stmt) -> str | None:
    """The text of ``node`` when it is a bare string statement (a docstring)."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        value = node.value.value
        return value if isinstance(value, str) else None

    return None


def _is_docstring(node: ast.stmt) -> bool:
    return _docstring_text(node) is not None


def _is_public(name: str | None) -> TypeGuard[str]:
    return name is not None and not name.startswith("_")
