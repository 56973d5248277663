"""The one JSON Schema of a module that datamodel-code-generator turns into models.

Its ``$defs`` hold the contract's definitions and every interface's input and
output, each under the class name it must get (see
:mod:`contractgen.render.python_names`).  References are rewritten to match: a
local one to ``#/$defs/<Class>``, one into another contract to a stand-in whose
``x-python-import`` makes the generated module import that package's class
instead of copying it.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from contractgen.contract import Contract, ContractSet
from contractgen.contract.schemas import LIST_KEYWORDS, MAP_KEYWORDS, SCHEMA_KEYWORDS
from contractgen.issues import ContractIssue, InvalidContracts, display_path
from contractgen.render.python_names import (
    DIRECTIONS,
    OPENERS,
    ModuleNames,
    makes_model_class,
    module_names,
)

# Keywords that make datamodel-code-generator import or evaluate code.  Only the
# stand-ins written here may use them; a contract's own would run anything.
_CODE_KEYWORDS = frozenset({"customBasePath", "customTypePath"})

# Keywords that only annotate a string for JSON Schema but make
# datamodel-code-generator pick a stricter type (EmailStr, AnyUrl, UUID,
# datetime, bytes...): some need packages the generated code does not have,
# and all of them parse or rewrite values the schema accepts as they are.
_TYPE_CHANGING = frozenset(
    {"contentEncoding", "contentMediaType", "contentSchema", "format"}
)

# Keywords that only count an object's keys.  On an object without
# ``properties`` datamodel-code-generator turns them into a dict alias instead of
# the open model class that ``{"type": "object"}`` gives, and the schema counts
# the keys anyway.
_PROPERTY_COUNTS = frozenset({"maxProperties", "minProperties"})

# Keywords after which a schema says itself what other properties it allows (the
# openers of python_names are gone by the time this is asked).
_CLOSERS = frozenset({"$ref", "additionalProperties"})

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_IDENTIFIER = re.compile(r"\W+")


@dataclass(frozen=True)
class ForeignClass:
    """A class of another generated package that this module imports."""

    package: str
    name: str
    is_model: bool


class ModuleSchema:
    """The combined schema of one contract, built by :meth:`build`.

    :ivar foreign: the other packages' classes the schema refers to, by the
        ``$defs`` key of their stand-in.
    :ivar aliases: attribute name for each JSON property name that
        datamodel-code-generator would otherwise turn into a bad attribute.
    """

    def __init__(self, contract_set: ContractSet, contract: Contract) -> None:
        self.contract_set = contract_set
        self.contract = contract
        self.names = module_names(contract)
        self.foreign: dict[str, ForeignClass] = {}
        self.aliases: dict[str, str] = {}
        self.referrers: dict[str, tuple[str, str]] = {}
        """Where a reference to each other package was first written, as
        ``(file name, pointer)``."""
        self._other_names: dict[str, ModuleNames] = {}
        self._inlining: list[tuple[str, str]] = []

    def build(self) -> dict[str, Any]:
        own = self.contract.file_name
        defs = {
            self.names.defs[key]: self._schema(schema, own, f"/$defs/{_escape(key)}")
            for key, schema in self.contract.defs.items()
        }
        for interface in self.contract.interfaces:
            for direction in DIRECTIONS:
                schema = interface.input if direction == "input" else interface.output
                name = self.names.interfaces[(interface.name, direction)]
                pointer = f"/interfaces/{_escape(interface.name)}/{direction}"
                defs[name] = self._schema(schema, own, pointer)

        defs.update(self._stand_ins())
        return {"$defs": defs}

    def _schema(self, schema: Any, file_name: str, pointer: str) -> Any:
        """``schema``, found at ``pointer`` of ``file_name``, ready for the
        generator."""
        return _map_schemas(
            schema, pointer, lambda node, at: self._node(node, file_name, at)
        )

    def _node(
        self, node: dict[str, Any], file_name: str, pointer: str
    ) -> dict[str, Any]:
        for key in [k for k in node if _is_dropped(k)]:
            del node[key]

        if node.keys() & OPENERS:
            # The generator would forbid the keys these allow, or turn them into
            # a dict whose keys must all match a pattern: the object is open
            # instead, below, and its schema judges the keys.
            for key in [*OPENERS, "additionalProperties"]:
                node.pop(key, None)

        for key in ("description", "title"):
            if isinstance(node.get(key), str):
                # datamodel-code-generator writes a "\r" as it is, which Python
                # then reads as a line end.
                node[key] = node[key].replace("\r\n", "\n").replace("\r", "\n")

        properties = node.get("properties")
        if isinstance(properties, Mapping):
            for name in properties:
                attribute = _attribute_for(name)
                if attribute is not None:
                    self.aliases[name] = attribute

        if _is_open_object(node):
            # datamodel-code-generator ignores unknown keys unless told they are
            # allowed, which is what JSON Schema means when it says nothing.
            node["additionalProperties"] = True

        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node

        replacement = self._reference(ref, file_name, f"{pointer}/$ref")
        if "$ref" in replacement:
            node["$ref"] = replacement["$ref"]
            return node

        del node["$ref"]
        if set(node) <= {"$comment", "description", "title"}:
            return {**replacement, **node}

        node["allOf"] = [*node.get("allOf", []), replacement]
        return node

    def _reference(self, ref: str, file_name: str, at: str) -> dict[str, Any]:
        """The reference or schema that replaces ``ref``, written at pointer
        ``at`` of ``file_name``."""
        parts = urlsplit(ref)
        target_file = unquote(parts.path) or file_name
        pointer = unquote(parts.fragment)
        if target_file == self.contract.file_name:
            found = self.names.target(pointer)
            if found is None:
                raise self._no_type(ref, file_name, at)

            return {"$ref": f"#/$defs/{found[0]}{found[1]}"}

        target = self.contract_set.by_file(target_file)
        names = self._names_of(target)
        found = names.target(pointer)
        if found is None:
            raise self._no_type(ref, file_name, at)

        name, rest = found
        if rest:
            # A schema inside another contract's definition has no class of its
            # own there, so this module gets a copy of it.
            return self._inline(target, pointer, ref, (file_name, at))

        self.referrers.setdefault(names.package, (file_name, at))
        key = f"_{names.package}_{name}"
        self.foreign[key] = ForeignClass(
            names.package, name, _is_model(target, pointer)
        )
        return {"$ref": f"#/$defs/{key}"}

    def _inline(
        self, target: Contract, pointer: str, ref: str, written: tuple[str, str]
    ) -> dict[str, Any]:
        place = (target.file_name, pointer)
        if place in self._inlining:
            raise self.issue(
                *written,
                f"{ref!r} points into a schema of {target.file_name} that contains"
                " itself; move that schema to '$defs' so that it can be one Python"
                " class",
            )

        node: Any = target.document
        for token in pointer.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]

        self._inlining.append(place)
        try:
            schema = self._schema(node, target.file_name, pointer)
        finally:
            self._inlining.pop()

        if isinstance(schema, dict):
            return schema

        return {} if schema else {"not": {}}  # a boolean schema

    def issue(self, file_name: str, pointer: str, message: str) -> InvalidContracts:
        """An error at ``pointer`` of the contract file ``file_name``."""
        path = display_path(self.contract_set.by_file(file_name).path)
        return InvalidContracts([ContractIssue(path, pointer, message)])

    def _no_type(self, ref: str, file_name: str, pointer: str) -> InvalidContracts:
        return self.issue(
            file_name,
            pointer,
            f"{ref!r} does not point into '$defs' or an interface's 'input' or"
            " 'output', so it has no Python type",
        )

    def _names_of(self, contract: Contract) -> ModuleNames:
        if contract.file_name not in self._other_names:
            self._other_names[contract.file_name] = module_names(contract)

        return self._other_names[contract.file_name]

    def foreign_models(self) -> dict[str, bool]:
        """Whether each foreign class is a model class, by its dotted path.

        Call after :meth:`build`.
        """
        return {
            f"{item.package}.models.{item.name}": item.is_model
            for item in self.foreign.values()
        }

    def _stand_ins(self) -> dict[str, Any]:
        """``$defs`` entries that stand for the other packages' classes."""
        stand_ins = {}
        for key in sorted(self.foreign):
            item = self.foreign[key]
            if self._is_qualified(item):
                spec = {
                    "module": item.package,
                    "name": "models",
                    "qualname": f"models.{item.name}",
                }
            else:
                spec = {"module": f"{item.package}.models", "name": item.name}

            stand_ins[key] = {"x-python-import": spec}

        return stand_ins

    def _is_qualified(self, item: ForeignClass) -> bool:
        """Whether the class is spelled ``prize.models.Prize`` rather than imported.

        A class is imported by name (``from prize.models import Prize``) unless
        the name is taken here or comes from two packages; then the module
        imports the package and spells the class out.
        """
        if item.name in self.names.all_classes():
            return True

        packages = {
            other.package for other in self.foreign.values() if other.name == item.name
        }
        return len(packages) > 1


def check_import_loop(contract_set: ContractSet, contract: Contract) -> None:
    """Refuse a contract whose package would import itself through others.

    Python cannot run two modules that import each other's classes while they
    are being defined, so contracts that refer to each other's definitions in
    a loop have no Python packages.

    :raises InvalidContracts: naming the loop, at the reference that starts it.
    """
    dependencies = contract_set.dependencies
    start = contract.file_name
    # Only contracts that lead back here can close a loop; most have none.
    suspects = [d for d in dependencies[start] if start in dependencies[d]]
    if not suspects:
        return

    imports = {}
    referrers: dict[str, tuple[str, str]] = {}
    for file_name in [start, *suspects]:
        schema = ModuleSchema(contract_set, contract_set.by_file(file_name))
        schema.build()
        if file_name == start:
            referrers = schema.referrers

        packages = {item.package for item in schema.foreign.values()}
        imports[file_name] = sorted(
            f
            for f in [start, *suspects]
            if contract_set.by_file(f).package_name in packages
        )

    loop = _find_loop(start, imports)
    if loop:
        chain = " -> ".join(loop)
        written = referrers[contract_set.by_file(loop[1]).package_name]
        raise ModuleSchema(contract_set, contract).issue(
            *written,
            f"the Python package would import itself ({chain}); move the"
            " definitions these contracts share into a contract of their own",
        )


def _find_loop(start: str, imports: Mapping[str, list[str]]) -> list[str] | None:
    path = [start]

    def visit(name: str) -> list[str] | None:
        for following in imports[name]:
            if following == start:
                return [*path, start]

            if following not in path:
                path.append(following)
                loop = visit(following)
                if loop:
                    return loop

                path.pop()

        return None

    return visit(start)


def _map_schemas(
    schema: Any, pointer: str, change: Callable[[dict[str, Any], str], dict[str, Any]]
) -> Any:
    """A copy of ``schema`` with ``change`` applied to it and to every subschema,
    each with its own pointer (``schema`` is at ``pointer``).

    Subschemas change first.  Values that are not schemas (``const``, ``enum``,
    ``default``, ``examples``) are copied as they are.
    """
    if not isinstance(schema, Mapping):
        return schema

    copied: dict[str, Any] = {}
    for key, value in schema.items():
        at = f"{pointer}/{_escape(key)}"
        if key in SCHEMA_KEYWORDS:
            copied[key] = _map_schemas(value, at, change)
        elif key in LIST_KEYWORDS and isinstance(value, list):
            copied[key] = [
                _map_schemas(item, f"{at}/{index}", change)
                for index, item in enumerate(value)
            ]
        elif key in MAP_KEYWORDS and isinstance(value, Mapping):
            copied[key] = {
                name: _map_schemas(item, f"{at}/{_escape(name)}", change)
                for name, item in value.items()
            }
        else:
            copied[key] = value

    return change(copied, pointer)


def _is_dropped(key: str) -> bool:
    return (
        key in _CODE_KEYWORDS
        or key in _TYPE_CHANGING
        or key in _PROPERTY_COUNTS
        or key.startswith("x-python")
    )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _is_open_object(node: Mapping[str, Any]) -> bool:
    if node.keys() & _CLOSERS:
        return False

    kind = node.get("type")
    if kind is None:
        return isinstance(node.get("properties"), Mapping)

    return kind == "object" or (isinstance(kind, list) and "object" in kind)


def _is_model(contract: Contract, pointer: str) -> bool:
    """Whether the class at ``pointer`` of another package is a model class."""
    tokens = pointer.split("/")
    if tokens[1] == "interfaces":
        return True  # interface classes are always models, see python_models

    key = tokens[2].replace("~1", "/").replace("~0", "~")
    return makes_model_class(contract.defs[key])


def _attribute_for(name: str) -> str | None:
    """The attribute for a JSON property name that needs one chosen here.

    datamodel-code-generator handles keywords, digits and punctuation itself.
    Two cases it gets wrong: Python folds identifiers to NFKC, so ``ﬁeld`` and
    ``field`` would be one attribute; and pydantic reserves ``model_dump*`` and
    ``model_validate*``.
    """
    normal = unicodedata.normalize("NFKC", name)
    snake = _identifier(_CAMEL_HUMP.sub("_", normal).lower())
    if normal != name:
        return f"{snake}_"

    if snake.startswith(("model_dump", "model_validate")):
        return f"field_{snake}"

    return None


def _identifier(text: str) -> str:
    value = _NOT_IDENTIFIER.sub("_", text).strip("_")
    if not value or not value.isidentifier():
        value = f"field_{value}"

    return f"{value}_" if keyword.iskeyword(value) else value
