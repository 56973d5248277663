"""Fixtures shared by the test modules."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

WriteContracts = Callable[..., Path]


def minimal_contract(module: str = "demo") -> dict[str, Any]:
    """A small valid contract with one standard and one custom interface."""
    return copy.deepcopy(
        {
            "module": module,
            "version": "1.0.0",
            "title": "演示",
            "description": "A module for tests.",
            "$defs": {
                "Prize": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}},
                    "required": ["name"],
                    "additionalProperties": False,
                }
            },
            "interfaces": {
                "getPrize": {
                    "kind": "standard",
                    "callers": ["server"],
                    "description": "Read one prize.",
                    "input": {
                        "type": "object",
                        "properties": {"id": {"type": "integer", "minimum": 1}},
                        "required": ["id"],
                    },
                    "output": {"$ref": "#/$defs/Prize"},
                    "examples": [{"input": {"id": 1}, "output": {"name": "杯子"}}],
                },
                "send_prize": {
                    "kind": "custom",
                    "description": "Give a prize to a user.",
                    "input": {
                        "type": "object",
                        "properties": {"prize": {"$ref": "#/$defs/Prize"}},
                        "required": ["prize"],
                    },
                    "output": {
                        "type": "object",
                        "properties": {"sendResult": {"type": "boolean"}},
                        "required": ["sendResult"],
                    },
                    "errors": [
                        {"code": 1001, "name": "OUT_OF_STOCK", "description": "无库存"}
                    ],
                    "examples": [
                        {
                            "input": {"prize": {"name": "杯子"}},
                            "output": {"sendResult": True},
                        }
                    ],
                },
            },
        }
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_contracts(tmp_path: Path) -> WriteContracts:
    """Write contracts (dicts or raw text, by file name) into tmp_path/contracts."""

    def write(**files: dict[str, Any] | str) -> Path:
        folder = tmp_path / "contracts"
        folder.mkdir(exist_ok=True)
        for stem, content in files.items():
            name = stem.replace("_", "-") + ".json"
            text = (
                content if isinstance(content, str) else json.dumps(content, indent=2)
            )
            (folder / name).write_text(text, encoding="utf-8")

        return folder

    return write


@pytest.fixture(autouse=True)
def _restore_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may chdir freely; the working directory comes back afterwards."""
    monkeypatch.chdir(Path.cwd())


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep each test's render cache apart from the user's and from other tests."""
    monkeypatch.setenv("CONTRACTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
