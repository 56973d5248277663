"""JSDoc ``@typedef``s for a module's custom interfaces, from their JSON Schemas.

TypeScript reads these typedefs when it checks JavaScript (``checkJs``), so an
editor can tell a handler that ``data.prize.stock.total`` is a number.  The
types are as close to the schemas as TypeScript can say: constraints such as
``minimum`` or ``pattern`` have no type and stay in the descriptions' schemas.

Every schema is reached at a location (contract file and JSON pointer), and an
object schema with properties becomes a named typedef at most once per
location, so every reference to it uses one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from contractgen.contract import Contract, ContractSet, Interface
from contractgen.names import ClassName
from contractgen.render.text import js_line_comment, json_text
from contractgen.runtime import codes

PLATFORM_CODES = tuple(code for code, _ in codes.PLATFORM_CODE_MEANINGS)

# Names that TypeScript already gives a meaning; a def called ``Object`` must not
# shadow the type every other typedef uses.
_TS_GLOBALS = frozenset(
    """
    Array Boolean Date Error Function JSON Map Math Number Object Omit Partial
    PlatformCode Pick Promise Readonly Record RegExp Required Set String Symbol
    """.split()
)
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_TAG_START = re.compile(r"(^|\s)@", re.MULTILINE)
_OBJECT_KEYWORDS = ("properties", "additionalProperties", "required")
_ARRAY_KEYWORDS = ("items", "prefixItems")
_SCALARS = {"string": "string", "integer": "number", "number": "number"}
_SCALARS |= {"boolean": "boolean", "null": "null"}

Location = tuple[str, str]
"""A schema's contract file name and JSON pointer in it."""


@dataclass(frozen=True)
class Property:
    """One ``@property`` line of an object typedef."""

    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class Typedef:
    """One ``@typedef``: an alias of a type, or an object listed by property."""

    name: str
    description: str
    type: str
    properties: tuple[Property, ...] = ()

    def comment_lines(self) -> list[str]:
        """The lines inside ``/** ... */``, without the leading `` * ``."""
        description = jsdoc_text(self.description)
        lines = description.splitlines() if description.strip() else []
        if lines:
            lines.append("")

        lines.append(f"@typedef {{{self.type}}} {self.name}")
        for prop in self.properties:
            name = f"[{prop.name}]" if prop.optional else prop.name
            text = jsdoc_text(js_line_comment(prop.description))
            suffix = f" - {text}" if text else ""
            lines.append(f"@property {{{prop.type}}} {name}{suffix}")

        return lines


def jsdoc_text(text: str) -> str:
    """``text`` for a JSDoc comment, with each ``@`` that would start a tag escaped.

    TypeScript reads ``@word`` as a tag at the start of a line and, in a tag's
    text, after a space; a description saying ``@property {number} x`` would
    otherwise add a property.  ``\\@`` is TypeScript's escape for it.
    """
    return _TAG_START.sub(r"\1\\@", text)


def ts_literal(value: Any) -> str:
    """A TypeScript literal type for a JSON value (JSON is valid type syntax)."""
    # JSON leaves line separators raw, and they end a line in a comment.
    return json_text(value, indent=None, sort_keys=True)


def union(types: list[str]) -> str:
    """``A | B`` without repeats, in first-seen order; ``never`` for none."""
    unique = list(dict.fromkeys(types))
    if not unique:
        return "never"

    return " | ".join(unique)


def _paren(expr: str) -> str:
    simple = _IDENTIFIER.match(expr) or expr.startswith(("Array<", "Record<"))
    return expr if simple else f"({expr})"


class JsDocTypes:
    """The typedefs that one module's custom interfaces need, named and ordered.

    :param contract_set: where ``$ref``s are resolved.
    :param contract: the module whose custom interfaces are typed.
    """

    def __init__(self, contract_set: ContractSet, contract: Contract) -> None:
        self.contract = contract
        self._documents = contract_set.documents_for(contract)
        self._typedefs: dict[str, Typedef] = {}
        self._named: dict[Location, str] = {}
        self._busy: set[Location] = set()
        self._interface_names: set[str] = set()
        self._reserved = self._reserve(contract)
        codes = " | ".join(ts_literal(code) for code in PLATFORM_CODES)
        self._typedefs["PlatformCode"] = Typedef(
            "PlatformCode", "A code the platform's dispatcher replies with.", codes
        )
        for interface in contract.custom_interfaces:
            self._add_interface(interface)

    def names(self, interface: Interface) -> tuple[str, str, str]:
        """The typedef names of the interface's params, result and reply."""
        base = interface.class_name
        return f"{base}Input", f"{base}Output", f"{base}Reply"

    def typedefs(self) -> list[Typedef]:
        """``PlatformCode``, then each interface's typedefs, then the rest by name."""
        first = ["PlatformCode"]
        for interface in self.contract.custom_interfaces:
            first.extend(self.names(interface))

        rest = sorted(set(self._typedefs) - set(first))
        return [self._typedefs[name] for name in first + rest]

    def resolve(self, schema: Any, location: Location) -> tuple[Any, Location]:
        """Follow ``$ref`` until a schema without one (or a loop) is reached."""
        seen: set[Location] = set()
        while isinstance(schema, Mapping) and "$ref" in schema and location not in seen:
            seen.add(location)
            location = self._target(schema["$ref"], location)
            schema = self._at(location)

        return schema, location

    def _reserve(self, contract: Contract) -> set[str]:
        """Names kept for the contract's own defs and the interface typedefs."""
        names: set[str] = {ClassName(name) for name in contract.defs}
        for interface in contract.custom_interfaces:
            self._interface_names.update(self.names(interface))

        return (names | self._interface_names) - _TS_GLOBALS

    def _add_interface(self, interface: Interface) -> None:
        params, result, reply = self.names(interface)
        where = (interface.file_name, interface.pointer)
        intro = f"Params of {interface.name}."
        self._add_named(params, interface.input, (where[0], f"{where[1]}/input"), intro)
        intro = f"Result of {interface.name} (`result` of a reply whose code is 0)."
        self._add_named(
            result, interface.output, (where[0], f"{where[1]}/output"), intro
        )
        self._typedefs[reply] = _reply_typedef(interface, reply, result)

    def _add_named(
        self, name: str, schema: Any, location: Location, intro: str = ""
    ) -> None:
        """Make ``name`` the typedef of ``schema``, claimed before converting it."""
        self._named[location] = name
        self._typedefs[name] = Typedef(name, "", "unknown")
        description = _description(schema)
        text = "\n".join(part for part in (intro, description) if part)
        if _listable(schema):
            props = tuple(self._properties(schema, location, name))
            self._typedefs[name] = Typedef(name, text, "Object", props)
        else:
            expr = self._expr(schema, location, name, top=True)
            self._typedefs[name] = Typedef(name, text, expr)

    def _properties(
        self, schema: Mapping[str, Any], location: Location, owner: str
    ) -> Iterator[Property]:
        required = set(schema.get("required", ()))
        for key, sub in schema.get("properties", {}).items():
            where = (location[0], f"{location[1]}/properties/{_escape(key)}")
            expr = self._expr(sub, where, f"{owner}{ClassName(key)}")
            target, _ = self.resolve(sub, where)
            text = _description(sub) or _description(target)
            yield Property(key, expr, key not in required, text)

    def _expr(
        self, schema: Any, location: Location, hint: str, top: bool = False
    ) -> str:
        if isinstance(schema, bool):
            return "unknown" if schema else "never"

        if not isinstance(schema, Mapping):
            return "unknown"

        if not top and location in self._named:
            return self._named[location]

        parts = []
        if "$ref" in schema:
            parts.append(self._ref(schema["$ref"], location, hint))

        if "const" in schema:
            parts.append(ts_literal(schema["const"]))
        elif isinstance(schema.get("enum"), list):
            parts.append(union([ts_literal(value) for value in schema["enum"]]))
        else:
            parts.extend(self._typed(schema, location, hint, top))

        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list):
                parts.append(self._branches(schema, keyword, location, hint))

        for index, branch in enumerate(schema.get("allOf", ())):
            where = (location[0], f"{location[1]}/allOf/{index}")
            parts.append(self._expr(branch, where, f"{hint}Part{index + 1}"))

        if not parts:
            return "unknown"

        return (
            " & ".join(_paren(part) for part in parts) if len(parts) > 1 else parts[0]
        )

    def _branches(
        self, schema: Mapping[str, Any], keyword: str, location: Location, hint: str
    ) -> str:
        exprs = []
        for index, branch in enumerate(schema[keyword]):
            where = (location[0], f"{location[1]}/{keyword}/{index}")
            exprs.append(_paren(self._expr(branch, where, f"{hint}Option{index + 1}")))

        return union(exprs)

    def _typed(
        self, schema: Mapping[str, Any], location: Location, hint: str, top: bool
    ) -> list[str]:
        types = schema.get("type")
        if isinstance(types, str):
            types = [types]
        elif types is None and any(key in schema for key in _OBJECT_KEYWORDS):
            types = ["object"]
        elif types is None and any(key in schema for key in _ARRAY_KEYWORDS):
            types = ["array"]

        if not isinstance(types, list):
            return []

        exprs = []
        for kind in types:
            if kind == "array":
                exprs.append(self._array(schema, location, hint))
            elif kind == "object":
                exprs.append(self._object(schema, location, hint, top))
            else:
                exprs.append(_SCALARS.get(kind, "unknown"))

        return [union(exprs)]

    def _array(self, schema: Mapping[str, Any], location: Location, hint: str) -> str:
        exprs = []
        for index, item in enumerate(schema.get("prefixItems", ())):
            where = (location[0], f"{location[1]}/prefixItems/{index}")
            exprs.append(self._expr(item, where, f"{hint}Item{index + 1}"))

        items = schema.get("items", True)
        if items is not False:
            where = (location[0], f"{location[1]}/items")
            exprs.append(self._expr(items, where, f"{hint}Item"))

        return f"Array<{union(exprs)}>"

    def _object(
        self, schema: Mapping[str, Any], location: Location, hint: str, top: bool
    ) -> str:
        if schema.get("properties"):
            if top:
                return self._literal_object(schema, location, hint)

            name = self._claim(hint, hint)
            self._add_named(name, schema, location)
            return name

        extra = schema.get("additionalProperties", True)
        where = (location[0], f"{location[1]}/additionalProperties")
        return f"Record<string, {self._expr(extra, where, f'{hint}Value')}>"

    def _literal_object(
        self, schema: Mapping[str, Any], location: Location, hint: str
    ) -> str:
        """``{a: T, "b-c"?: U}``: an object whose keys ``@property`` cannot name."""
        fields = []
        for prop in self._properties(schema, location, hint):
            key = prop.name if _IDENTIFIER.match(prop.name) else ts_literal(prop.name)
            fields.append(f"{key}{'?' if prop.optional else ''}: {prop.type}")

        if schema.get("additionalProperties", True) is not False:
            fields.append("[key: string]: unknown")

        return "{ " + ", ".join(fields) + " }"

    def _ref(self, ref: Any, location: Location, hint: str) -> str:
        if not isinstance(ref, str):
            return "unknown"

        target = self._target(ref, location)
        if target in self._named:
            return self._named[target]

        schema = self._at(target)
        segments = target[1].split("/")
        if len(segments) == 3 and segments[1] == "$defs":
            name = self._def_name(target[0], unquote(segments[2]).replace("~1", "/"))
            self._add_named(name, schema, target)
            return name

        if target in self._busy:
            # A loop through schemas that are not $defs has no name to refer to.
            return "unknown"

        self._busy.add(target)
        try:
            return self._expr(schema, target, hint)
        finally:
            self._busy.discard(target)

    def _def_name(self, file_name: str, def_name: str) -> str:
        own = file_name == self.contract.file_name
        preferred = ClassName(def_name)
        if own and preferred in self._reserved - self._interface_names:
            return preferred

        document = self._documents.get(file_name, {})
        prefix = ClassName(str(document.get("module", file_name)))
        return self._claim(preferred, f"{prefix}{preferred}")

    def _claim(self, preferred: str, fallback: str) -> str:
        """A typedef name nobody has taken, trying ``preferred`` then ``fallback``."""
        taken = set(self._typedefs) | self._reserved | _TS_GLOBALS
        for candidate in (preferred, fallback):
            if candidate not in taken:
                return candidate

        number = 2
        while f"{fallback}{number}" in taken:
            number += 1

        return f"{fallback}{number}"

    def _target(self, ref: str, location: Location) -> Location:
        uri, fragment = urldefrag(urljoin(location[0], ref))
        return uri or location[0], unquote(fragment)

    def _at(self, location: Location) -> Any:
        node: Any = self._documents.get(location[0])
        for segment in location[1].split("/")[1:]:
            key = segment.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif isinstance(node, Mapping) and key in node:
                node = node[key]
            else:
                return True

        return True if node is None else node


def _reply_typedef(interface: Interface, name: str, result: str) -> Typedef:
    errors = ", ".join(f"{error.code} {error.name}" for error in interface.errors)
    business = f"a business code ({errors})" if errors else "a business code"
    text = (
        f"Reply of {interface.name}: `result` when `code` is 0; otherwise\n"
        f"{business} or a platform code, with `msg`."
    )
    props = (
        Property("code", "number | PlatformCode", False, "0 on success"),
        Property("msg", "string", True, "why the call failed; optional on success"),
        Property("result", result, True, "the result; required when code is 0"),
    )
    return Typedef(name, text, "Object", props)


def _listable(schema: Any) -> bool:
    """Whether ``@property`` lines can describe the schema exactly."""
    if not isinstance(schema, Mapping) or not schema.get("properties"):
        return False

    if schema.get("type", "object") != "object":
        return False

    if any(
        key in schema for key in ("$ref", "anyOf", "oneOf", "allOf", "enum", "const")
    ):
        return False

    # Listed properties say nothing of others, and TypeScript would then refuse
    # an object literal with more; only a closed object can be listed.
    names_ok = all(_IDENTIFIER.match(key) for key in schema["properties"])
    return names_ok and schema.get("additionalProperties") is False


def _description(schema: Any) -> str:
    text = schema.get("description") if isinstance(schema, Mapping) else None
    if isinstance(text, str):
        return text.strip()

    return ""


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
