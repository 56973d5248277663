"""Field tables of the Markdown docs: JSON Schemas flattened into rows.

Each property of an object becomes a row named by its path from the schema's
root: ``stock.total`` inside a nested object, ``items[].id`` inside the items of an
array, ``scores.*`` for the values of a map.  A ``$ref`` to a definition
(``#/$defs/Prize``) is not expanded: its row links to the definition's own
section, on the same page or on the other module's page (``prize.md#prize``).
Any other ``$ref`` is expanded in place, unless that would loop.

Every string this module returns is Markdown ready to be laid out; text from the
contracts has been made literal for the place it goes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from contractgen.contract import Contract, ContractSet
from contractgen.contract.references import Reference, Target, resolve
from contractgen.render.text import md_cell, md_text, visible

REQUIRED = "是"
OPTIONAL = "否"

_DEF_POINTER = re.compile(r"^/\$defs/([^/]+)$")
_SCALARS = ("string", "integer", "number", "boolean")
_COMBINATORS = {"oneOf": "one of", "anyOf": "any of", "allOf": "all of"}

# Keywords shown in the constraints column, in this order; the others that the
# table does not show some other way follow, sorted, as ``keyword: <json>``.
_CONSTRAINTS = (
    "enum",
    "const",
    "format",
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
    "minProperties",
    "maxProperties",
    "default",
)
_SHOWN_ELSEWHERE = frozenset(
    {
        "$ref",
        "$comment",
        "$defs",
        "title",
        "description",
        "examples",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        *_COMBINATORS,
    }
)
# Lines that Markdown would read as the start of a block other than a paragraph.
_BLOCK_START = re.compile(r"^(?:[#>+*=_|~`:\[-]|\d+[.)])")


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
    """One row of an error-code table, every cell ready for a Markdown table."""

    code: str
    name: str
    description: str


@dataclass(frozen=True)
class SchemaBlock:
    """A schema shown as a type line, a constraints line, a paragraph and fields."""

    type: str
    constraints: str
    description: str
    rows: tuple[FieldRow, ...]
    is_object: bool


@dataclass(frozen=True)
class _Row:
    """A row before its cells are escaped for a table."""

    path: str
    type: str
    required: str
    constraints: tuple[str, ...]
    description: str


class Anchors:
    """The HTML ids of a module page's interface and definition sections.

    An id is the lowercase name, which is also the slug a git host gives the
    section's heading; a name taken already on the page gets ``-1``, ``-2``, ...
    like a repeated heading does.  Interfaces come first, in contract order, then
    definitions, so a page and the pages linking to it agree.
    """

    def __init__(self, contract: Contract) -> None:
        taken: dict[str, int] = {}
        self._ids: dict[tuple[str, str], str] = {}
        names = [("interface", i.name) for i in contract.interfaces]
        names += [("def", name) for name in contract.defs]
        for key in names:
            slug = key[1].lower()
            count = taken.get(slug, 0)
            taken[slug] = count + 1
            self._ids[key] = slug if count == 0 else f"{slug}-{count}"

    def interface(self, name: str) -> str:
        return self._ids[("interface", name)]

    def definition(self, name: str) -> str:
        return self._ids[("def", name)]


DefinitionLink = Callable[[Contract, str], str]
"""Markdown linking to definition ``name`` of a contract, from the page described."""


class SchemaDescriber:
    """Turns the schemas shown on one module's page into blocks and rows.

    :param link: how a row links to a definition; by default to its section on
        the module's docs page, this one or another in the same folder.
    """

    def __init__(
        self,
        contract_set: ContractSet,
        page: Contract,
        link: DefinitionLink | None = None,
    ) -> None:
        self._set = contract_set
        self._page = page
        self._documents = {c.file_name: c.document for c in contract_set.contracts}
        self._link = link or self._docs_link

    def block(self, schema: Any, file_name: str) -> SchemaBlock:
        """Describe an input, output or definition schema read from ``file_name``.

        The fields of a top-level ``$ref`` to a definition are listed too, so that
        an interface's page section shows what it takes and gives at a glance.
        """
        schema, file_name, stack = self._inline(schema, file_name, ())
        fields, fields_file = schema, file_name
        target = self._definition_target(schema, file_name)
        if target is not None:
            fields, fields_file, stack = self._inline(
                self._node(target), target.file_name, (*stack, target)
            )

        rows = tuple(
            _cells(row) for row in self._children(fields, fields_file, "", stack)
        )
        return SchemaBlock(
            type=self._type(schema, file_name, stack),
            constraints=", ".join(code_span(c) for c in _constraints(schema)),
            description=paragraph(self._description(schema, file_name)),
            rows=rows,
            is_object=_json_types(fields)[0] == ["object"],
        )

    def _rows(
        self,
        schema: Any,
        file_name: str,
        path: str,
        required: str,
        stack: tuple[Target, ...],
    ) -> Iterator[_Row]:
        schema, file_name, stack = self._inline(schema, file_name, stack)
        yield _Row(
            path,
            self._type(schema, file_name, stack),
            required,
            _constraints(schema),
            self._description(schema, file_name),
        )
        yield from self._children(schema, file_name, path, stack)

    def _children(
        self, schema: Any, file_name: str, path: str, stack: tuple[Target, ...]
    ) -> Iterator[_Row]:
        # A definition has its own section; a row links to it instead.
        if not isinstance(schema, Mapping) or "$ref" in schema:
            return

        required = set(schema.get("required", ()))
        for name, child in schema.get("properties", {}).items():
            flag = REQUIRED if name in required else OPTIONAL
            yield from self._rows(child, file_name, _join(path, name), flag, stack)

        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            yield from self._rows(extra, file_name, _join(path, "*"), "", stack)

        items = schema.get("items")
        if isinstance(items, Mapping):
            yield from self._items(items, file_name, f"{path}[]", stack)

        nullable_of = _nullable_variant(schema)
        if nullable_of is not None:
            inlined, inlined_file, inner = self._inline(nullable_of, file_name, stack)
            yield from self._children(inlined, inlined_file, path, inner)
            return

        for keyword in _COMBINATORS:
            for index, variant in enumerate(schema.get(keyword, ())):
                if _has_details(self._inline(variant, file_name, stack)[0]):
                    where = _join(path, f"{keyword}[{index}]")
                    yield from self._rows(variant, file_name, where, "", stack)

    def _items(
        self,
        items: Mapping[str, Any],
        file_name: str,
        path: str,
        stack: tuple[Target, ...],
    ) -> Iterator[_Row]:
        """Rows for the items of an array: a ``[]`` row only when it says more."""
        inlined, items_file, inner = self._inline(items, file_name, stack)
        if _constraints(inlined) or self._own_description(inlined):
            yield from self._rows(items, file_name, path, "", stack)
        else:
            yield from self._children(inlined, items_file, path, inner)

    def _inline(
        self, schema: Any, file_name: str, stack: tuple[Target, ...]
    ) -> tuple[Any, str, tuple[Target, ...]]:
        """Replace ``$ref``s to anything but a definition by what they point to.

        A description or title next to the ``$ref`` wins over the target's.  A
        reference back into a schema being expanded stays a ``$ref``.
        """
        while isinstance(schema, Mapping) and "$ref" in schema:
            target = self._target(schema["$ref"], file_name)
            if target is None or _definition_name(target) or target in stack:
                break

            node = self._node(target)
            if isinstance(node, Mapping):
                notes = {k: schema[k] for k in ("title", "description") if k in schema}
                node = {**node, **notes}

            schema, file_name, stack = node, target.file_name, (*stack, target)

        return schema, file_name, stack

    def _type(self, schema: Any, file_name: str, stack: tuple[Target, ...]) -> str:
        """The type column: ``string``, ``array of [Prize](#prize)``, ``any``...

        :param stack: the references being expanded, which must not be again.
        """
        if schema is True or schema == {}:
            return "any"

        if schema is False:
            return "never"

        if "$ref" in schema:
            return self._reference(schema["$ref"], file_name)

        nullable_of = _nullable_variant(schema)
        if nullable_of is not None:
            return self._type(*self._inline(nullable_of, file_name, stack))

        types, _ = _json_types(schema)
        words = [self._type_word(t, schema, file_name, stack) for t in types]
        for keyword, label in _COMBINATORS.items():
            if keyword in schema:
                variants = [
                    self._type(*self._inline(variant, file_name, stack))
                    for variant in schema[keyword]
                ]
                words.append(f"{label}: {', '.join(variants)}")

        return " or ".join(words) if words else "any"

    def _type_word(
        self,
        json_type: str,
        schema: Mapping[str, Any],
        file_name: str,
        stack: tuple[Target, ...],
    ) -> str:
        items = schema.get("items")
        if json_type != "array" or not isinstance(items, Mapping):
            return json_type

        return f"array of {self._type(*self._inline(items, file_name, stack))}"

    def _reference(self, value: str, file_name: str) -> str:
        """A link to the definition ``value`` points to, with its type if simple."""
        target = self._target(value, file_name)
        name = _definition_name(target) if target is not None else None
        if target is None or name is None:
            return f"see {code_span(value, table=True)}"

        link = self._link(self._set.by_file(target.file_name), name)
        types, _ = _json_types(self._node(target))
        if len(types) == 1 and types[0] in _SCALARS:
            return f"{link} ({types[0]})"

        return link

    def _docs_link(self, owner: Contract, name: str) -> str:
        anchor = Anchors(owner).definition(name)
        if owner.file_name == self._page.file_name:
            return f"[{name}](#{anchor})"

        return f"[{owner.module}.{name}]({owner.module}.md#{anchor})"

    def _description(self, schema: Any, file_name: str) -> str:
        """The schema's own description, else the definition's it refers to."""
        own = self._own_description(schema)
        if own or not isinstance(schema, Mapping) or "$ref" not in schema:
            return own

        target = self._target(schema["$ref"], file_name)
        return self._own_description(self._node(target)) if target else ""

    @staticmethod
    def _own_description(schema: Any) -> str:
        if not isinstance(schema, Mapping):
            return ""

        return str(schema.get("description") or schema.get("title") or "")

    def _definition_target(self, schema: Any, file_name: str) -> Target | None:
        if not isinstance(schema, Mapping) or "$ref" not in schema:
            return None

        target = self._target(schema["$ref"], file_name)
        return target if target is not None and _definition_name(target) else None

    def _target(self, value: Any, file_name: str) -> Target | None:
        # Loading has checked every reference, so a message here cannot happen;
        # the row then shows the reference unlinked rather than failing the build.
        target = resolve(Reference(file_name, "", value), self._documents)
        return target if isinstance(target, Target) else None

    def _node(self, target: Target) -> Any:
        node: Any = self._documents[target.file_name]
        for raw in target.pointer.split("/")[1:]:
            token = raw.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]

        return node


def code_span(text: str, *, table: bool = False) -> str:
    """``text`` as an inline code span that shows it literally.

    Inside a table a pipe must be escaped even in a code span, and the table
    turns the escape back into the pipe; elsewhere the escape would show.
    """
    flat = visible(re.sub(r"[\r\n]+", " ", text))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padded = flat
    if (
        flat.startswith("`")
        or flat.endswith("`")
        or (flat.startswith(" ") and flat.endswith(" ") and flat.strip())
    ):
        padded = f" {flat} "

    if table:
        padded = padded.replace("|", "\\|")

    return f"{fence}{padded}{fence}"


def paragraph(text: str) -> str:
    """Text from a contract as Markdown paragraphs that show it literally.

    Besides what :func:`~contractgen.render.text.md_text` does, backslashes are
    doubled and a line that Markdown would take for a heading, list, quote,
    table or code fence has its first character escaped, so a description can
    neither restructure the page nor swallow the rest of it in a code block.
    """
    lines_only = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = md_text(lines_only.replace("\\", "\\\\"))
    lines = []
    for line in escaped.split("\n"):
        line = line.lstrip()
        if _BLOCK_START.match(line):
            digits = len(line) - len(line.lstrip("0123456789"))
            line = f"{line[:digits]}\\{line[digits:]}"

        lines.append(line)

    return "\n".join(lines)


def fence(text: str, language: str) -> str:
    """A fenced code block around ``text`` that no line inside can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{language}\n{text}\n{marks}"


def _cells(row: _Row) -> FieldRow:
    return FieldRow(
        name=code_span(row.path, table=True),
        type=row.type,
        required=row.required,
        constraints=", ".join(code_span(c, table=True) for c in row.constraints),
        description=md_cell(row.description),
    )


def _constraints(schema: Any) -> tuple[str, ...]:
    """The constraints column of ``schema``, one entry per keyword."""
    if not isinstance(schema, Mapping):
        return ()

    shown = []
    if _json_types(schema)[1] or _nullable_variant(schema) is not None:
        shown.append("nullable")

    for keyword in _CONSTRAINTS:
        if keyword in schema:
            shown.extend(_constraint(keyword, schema[keyword]))

    others = set(schema) - _SHOWN_ELSEWHERE - set(_CONSTRAINTS)
    for keyword in sorted(others):
        value = json.dumps(schema[keyword], ensure_ascii=False, sort_keys=True)
        shown.append(f"{keyword}: {value}")

    return tuple(shown)


def _constraint(keyword: str, value: Any) -> list[str]:
    if keyword == "enum":
        return [f"enum: {', '.join(_json(v) for v in value)}"]

    if keyword == "uniqueItems":
        return ["uniqueItems"] if value is True else []

    if keyword in ("pattern", "format") and isinstance(value, str):
        return [f"{keyword}: {value}"]

    return [f"{keyword}: {_json(value)}"]


def _json_types(schema: Any) -> tuple[list[str], bool]:
    """The JSON types a schema names or implies, ``null`` aside, and if it had it."""
    if not isinstance(schema, Mapping):
        return [], False

    declared = schema.get("type")
    if isinstance(declared, str):
        types = [declared]
    elif isinstance(declared, list):
        types = [t for t in declared if isinstance(t, str)]
    elif "$ref" in schema:
        types = []
    elif {"properties", "additionalProperties", "required"} & set(schema):
        types = ["object"]
    elif "items" in schema or "prefixItems" in schema:
        types = ["array"]
    elif "enum" in schema and isinstance(schema["enum"], list):
        types = list(dict.fromkeys(_json_type(v) for v in schema["enum"]))
    elif "const" in schema:
        types = [_json_type(schema["const"])]
    else:
        types = []

    if types == ["null"]:
        return types, False

    return [t for t in types if t != "null"], "null" in types


def _json_type(value: Any) -> str:
    if value is None:
        return "null"

    if isinstance(value, bool):
        return "boolean"

    if isinstance(value, int):
        return "integer"

    names = {float: "number", str: "string", list: "array", dict: "object"}
    return names.get(type(value), "any")


def _nullable_variant(schema: Any) -> Any | None:
    """The other variant of ``anyOf``/``oneOf`` [X, {"type": "null"}], if so."""
    if not isinstance(schema, Mapping):
        return None

    null = {"type": "null"}
    for keyword in ("anyOf", "oneOf"):
        variants = schema.get(keyword)
        if isinstance(variants, list) and len(variants) == 2 and null in variants:
            other = variants[1] if variants[0] == null else variants[0]
            if other != null:
                return other

    return None


def _has_details(schema: Any) -> bool:
    """Whether a variant says more than the type column can show."""
    if not isinstance(schema, Mapping) or "$ref" in schema:
        return False

    details = {"properties", "additionalProperties", "items", "description", "title"}
    return bool(details & set(schema)) or bool(_constraints(schema))


def _definition_name(target: Target) -> str | None:
    match = _DEF_POINTER.match(target.pointer)
    return match.group(1).replace("~1", "/").replace("~0", "~") if match else None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
