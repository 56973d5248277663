"""The names that a module's schemas take in its generated Python package.

They are worked out from one contract alone, so that another package can import
a definition by name without generating the package that holds it: a
definition ``openId`` is ``OpenId``, the input of ``doRemind`` is
``DoRemindInput``.  Names that the generated modules need for something else
(``Field``, ``Any``, the clients) get the suffix ``Model`` instead of being
taken over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contractgen.contract import Contract, Direction
from contractgen.names import ClassName

DIRECTIONS: tuple[Direction, ...] = ("input", "output")

# Names a generated models.py may import from typing, pydantic and the standard
# library, and names the generated client and __init__ modules bind.  A
# definition that would take one of them becomes ``<Name>Model``.
_TAKEN = frozenset(
    """
    Annotated Any AnyUrl AwareDatetime Base64Bytes Base64Str BaseModel ClassVar
    ConfigDict Decimal Dict EmailStr Enum Field FrozenSet FutureDate FutureDatetime
    IPv4Address IPv4Network IPv6Address IPv6Network IntEnum List Literal Mapping
    NaiveDatetime NegativeFloat NegativeInt NonNegativeFloat NonNegativeInt
    NonPositiveFloat NonPositiveInt Optional PastDate PastDatetime Path
    PositiveFloat PositiveInt RootModel SecretStr Sequence Set StrEnum StrictBool
    StrictBytes StrictFloat StrictInt StrictStr StringConstraints Tuple TypeAlias
    TypeAliasType UUID UUID1 UUID3 UUID4 UUID5 Union
    AsyncBaseClient AsyncLocalTransport BaseClient ContractError ContractSchemas
    InterfaceError LocalTransport MalformedReply ModelMismatch ParamsViolation
    ResultViolation SchemaViolation UnknownInterface
    False None True
    """.split()
)

# Keywords after which datamodel-code-generator no longer makes a model class.
_NOT_A_MODEL = frozenset(
    {"$ref", "allOf", "anyOf", "const", "enum", "if", "not", "oneOf"}
)

# Keywords that let an object have keys its ``properties`` do not name, under
# rules a pydantic model cannot follow.  The generator never sees them: an object
# with one of them is open to any key (``extra='allow'``), and the contract's
# schema, which the clients validate against, judges the keys.
OPENERS = frozenset({"patternProperties", "propertyNames", "unevaluatedProperties"})


@dataclass(frozen=True)
class ModuleNames:
    """Where each schema of one contract lives in Python.

    :param package: the package, e.g. ``sign_up``.
    :param defs: class name of each ``$defs`` entry, by its key.
    :param interfaces: class name of each interface schema, by
        ``(interface name, direction)``.
    """

    package: str
    defs: Mapping[str, str]
    interfaces: Mapping[tuple[str, str], str]

    @property
    def client(self) -> str:
        return f"{ClassName(self.package)}Client"

    @property
    def async_client(self) -> str:
        return f"Async{self.client}"

    def all_classes(self) -> frozenset[str]:
        return frozenset({*self.defs.values(), *self.interfaces.values()})

    def target(self, pointer: str) -> tuple[str, str] | None:
        """The class that holds ``pointer``, with the rest of the pointer.

        ``/$defs/Prize/properties/id`` gives ``("Prize", "/properties/id")``;
        a pointer outside every named schema gives ``None``.
        """
        tokens = pointer.split("/")
        if len(tokens) >= 3 and tokens[1] == "$defs":
            name = self.defs.get(_unescape(tokens[2]))
            rest = tokens[3:]
        elif len(tokens) >= 4 and tokens[1] == "interfaces":
            name = self.interfaces.get((_unescape(tokens[2]), tokens[3]))
            rest = tokens[4:]
        else:
            return None

        if name is None:
            return None

        return name, "".join(f"/{token}" for token in rest)


def module_names(contract: Contract) -> ModuleNames:
    """The class names of ``contract``'s definitions and interface schemas."""
    taken = set(_TAKEN)
    package = contract.package_name
    taken.update({f"{ClassName(package)}Client", f"Async{ClassName(package)}Client"})
    interfaces: dict[tuple[str, str], str] = {}
    for interface in contract.interfaces:
        for direction in DIRECTIONS:
            name = f"{interface.class_name}{direction.capitalize()}"
            interfaces[(interface.name, direction)] = name
            taken.add(name)

    defs: dict[str, str] = {}
    for key in contract.defs:
        name = ClassName(key)
        # The loader keeps definitions apart from each other and from the
        # interface classes; only names taken for other uses move here.
        while name in taken:
            name = f"{name}Model"

        defs[key] = name
        taken.add(name)

    return ModuleNames(package, defs, interfaces)


def makes_model_class(schema: Any) -> bool:
    """Whether a ``$defs`` schema surely becomes a pydantic model class.

    Other schemas become type aliases (``OpenId = TypeAliasType(...)``), which a
    client cannot take or return, so what refers to them wraps them in a
    ``RootModel`` instead.
    """
    if not isinstance(schema, Mapping) or schema.keys() & _NOT_A_MODEL:
        return False

    if schema.get("type", "object") != "object":
        return False

    if isinstance(schema.get("properties"), Mapping):
        return True

    if "type" not in schema:
        return False

    # An opener makes python_schema replace ``additionalProperties`` with true.
    return bool(schema.keys() & OPENERS) or not isinstance(
        schema.get("additionalProperties"), Mapping
    )


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")
