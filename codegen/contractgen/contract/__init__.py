"""Contracts: loading, validating and the typed model that renderers read."""

from contractgen.contract.loader import load_contracts, meta_schema
from contractgen.contract.model import (
    Contract,
    ContractSet,
    Direction,
    ErrorCode,
    Example,
    Interface,
    Kind,
)

__all__ = [
    "Contract",
    "ContractSet",
    "Direction",
    "ErrorCode",
    "Example",
    "Interface",
    "Kind",
    "load_contracts",
    "meta_schema",
]
