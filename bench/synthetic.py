"""A synthetic set of contracts, for benchmarks: many modules, each like a real one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _defs(index: int) -> dict[str, Any]:
    return {
        "Address": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "minLength": 1},
                "street": {"type": ["string", "null"]},
                "zip": {"type": "string", "pattern": "^[0-9]{6}$"},
            },
            "required": ["city"],
            "additionalProperties": False,
        },
        "Status": {"type": "string", "enum": ["active", "paused", f"closed{index}"]},
        "Item": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "minimum": 1},
                "status": {"$ref": "#/$defs/Status"},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
                "shipTo": {"$ref": "#/$defs/Address"},
            },
            "required": ["id", "status"],
            "additionalProperties": False,
        },
    }


def _interface(module: int, number: int) -> dict[str, Any]:
    kind = "custom" if number % 3 == 0 else "standard"
    interface: dict[str, Any] = {
        "kind": kind,
        "description": f"接口 {number}: reads and writes items.",
        "input": {
            "type": "object",
            "properties": {
                "openId": {"type": "string", "minLength": 1},
                "page": {"type": "integer", "minimum": 1, "maximum": 100},
                "filter": {
                    "type": "object",
                    "properties": {
                        "status": {"$ref": "#/$defs/Status"},
                        "since": {"type": ["integer", "null"]},
                    },
                    "additionalProperties": False,
                },
            },
            "required": ["openId"],
            "additionalProperties": False,
        },
        "output": {
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
                "total": {"type": "integer", "minimum": 0},
                "mode": {"type": "string", "enum": ["full", "partial"]},
            },
            "required": ["items", "total"],
            "additionalProperties": False,
        },
        "examples": [
            {
                "input": {"openId": f"o{module}-{number}", "page": 1},
                "output": {"items": [{"id": 1, "status": "active"}], "total": 1},
            }
        ],
    }
    if kind == "standard":
        interface["callers"] = ["server"]

    return interface


def contract(index: int, interfaces: int = 8) -> dict[str, Any]:
    return {
        "module": f"module-{index:03d}",
        "version": "1.0.0",
        "title": f"模块 {index}",
        "description": "A synthetic module for benchmarks.",
        "$defs": _defs(index),
        "interfaces": {
            f"doThing{n}": _interface(index, n) for n in range(1, interfaces + 1)
        },
    }


def models_schema(data: dict[str, Any]) -> dict[str, Any]:
    """The same models as one plain JSON Schema, as a model generator would take."""
    defs = dict(data["$defs"])
    for name, interface in data["interfaces"].items():
        stem = name[0].upper() + name[1:]
        defs[f"{stem}Input"] = interface["input"]
        defs[f"{stem}Output"] = interface["output"]

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs}


def write_set(folder: Path, modules: int = 100, interfaces: int = 8) -> None:
    """Write ``contracts/`` and ``schemas/`` (the peer's input) under ``folder``."""
    contracts = folder / "contracts"
    schemas = folder / "schemas"
    contracts.mkdir(parents=True, exist_ok=True)
    schemas.mkdir(parents=True, exist_ok=True)
    for index in range(modules):
        data = contract(index, interfaces)
        name = f"{data['module']}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2)
        (contracts / name).write_text(text + "\n", encoding="utf-8")
        schema_text = json.dumps(models_schema(data), ensure_ascii=False, indent=2)
        schema_path = schemas / name.replace("-", "_")
        schema_path.write_text(schema_text + "\n", encoding="utf-8")
