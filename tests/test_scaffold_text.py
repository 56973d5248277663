"""Text from contracts in scaffolds: literal, and never breaking the code around it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from node import support

from conftest import minimal_contract
from contractgen.cli import main
from contractgen.contract import ContractSet, load_contracts
from contractgen.render.docs import render_docs, render_docs_index
from contractgen.scaffold import apply, render_scaffold
from contractgen.scaffold.node import example_reply

HOSTILE = 'Ends */ here """ and \\ back\nslash </script> {{ 7*7 }} {% raw %}'
# Lines TypeScript would read as JSDoc tags if they were not escaped.
TAGS = "@typedef {number} Kind\n@property {number} injected"
CONTRACT: dict[str, Any] = {
    "module": "evil",
    "version": "1.0.0",
    "title": HOSTILE,
    "description": f"{HOSTILE}\n{TAGS}\n# heading\n```",
    "$defs": {
        "Object": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"x": {"type": "string", "description": f"x {TAGS}"}},
        },
        "Kind": {
            "type": "string",
            "description": TAGS,
            "enum": ["*/", "it's", 'a"b', "line\nbreak", "\u2028", "__proto__"],
        },
    },
    "interfaces": {
        "doEvil": {
            "kind": "custom",
            "description": f"{HOSTILE}\n{TAGS}",
            "input": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"$ref": "#/$defs/Kind"},
                    "obj": {"$ref": "#/$defs/Object"},
                    "a-b": {"type": "integer", "description": HOSTILE},
                    "open": {
                        "type": "object",
                        "properties": {"deep": {"type": ["string", "null"]}},
                    },
                },
            },
            "output": {
                "type": "object",
                "additionalProperties": False,
                "required": ["done"],
                "properties": {"done": {"type": "string", "description": HOSTILE}},
            },
            "errors": [{"code": 7, "name": "EVIL */", "description": HOSTILE}],
            "examples": [
                {
                    "title": HOSTILE,
                    "input": {
                        "kind": "*/",
                        "a-b": 1,
                        "obj": {"x": HOSTILE},
                        "open": {"deep": None, "__proto__": {"polluted": True}},
                    },
                    "output": {"done": HOSTILE},
                },
                {
                    "title": "throws",
                    "input": {"kind": "it's"},
                    "error": {"code": "METHOD_EXEC_FAILURE", "msg": HOSTILE},
                },
                {"input": {"kind": 'a"b'}, "error": {"code": 7, "msg": HOSTILE}},
            ],
        }
    },
}


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> ContractSet:
    folder = tmp_path_factory.mktemp("contracts")
    (folder / "evil.json").write_text(json.dumps(CONTRACT), encoding="utf-8")
    return load_contracts(folder)


def test_node_scaffold_survives_hostile_text(evil: ContractSet, tmp_path: Path) -> None:
    """With hostile descriptions, titles, enum values and keys, every JS file passes
    node --check, the JSDoc passes tsc, and the examples still reply as written."""
    scaffold = render_scaffold(evil, evil.get("evil"), "node")
    apply(scaffold, tmp_path)
    support.link_node_modules(tmp_path)
    checks = [
        subprocess.run(
            ["node", "--check", str(tmp_path / f.path)],
            capture_output=True,
            text=True,
            check=False,
        )
        for f in scaffold.files
        if f.path.endswith(".js")
    ]
    (tmp_path / "api" / "doEvil.js").write_bytes(
        (tmp_path / "example" / "doEvil.js").read_bytes()
    )
    interface = evil.get("evil").interface("doEvil")
    calls = [
        {"event": {"methodName": "doEvil", "params": e.input}, "context": {}}
        for e in interface.examples
    ]

    tsc = support.tsc(tmp_path)
    results, _ = support.dispatch(tmp_path / "index.js", calls)

    assert [c.stderr for c in checks if c.returncode] == []
    assert tsc.returncode == 0, tsc.stdout
    assert [r["reply"] for r in results] == [
        example_reply(interface, e, n) for n, e in enumerate(interface.examples, 1)
    ]


def test_jsdoc_tags_in_text_stay_text(evil: ContractSet) -> None:
    """A description that reads like a JSDoc tag is escaped, so it adds no type or
    property; "*/" cannot close the comment."""
    types = render_scaffold(evil, evil.get("evil"), "node").as_dict()[
        "_contractgen/types.js"
    ]

    assert "\n * \\@typedef {number} Kind\n * \\@property {number} injected\n" in types
    assert " * @property {string} [x] - x \\@typedef {number} Kind \\@property" in types
    assert types.count("*/") == types.count("/**")


def test_python_scaffold_keeps_text_literal(evil: ContractSet, tmp_path: Path) -> None:
    """The handler's docstring holds the interface's description as written, and
    the new handler replies with the example's hostile result."""
    apply(render_scaffold(evil, evil.get("evil"), "python"), tmp_path)
    source = (tmp_path / "api" / "doEvil.py").read_text(encoding="utf-8")
    example = CONTRACT["interfaces"]["doEvil"]["examples"][0]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import index, json, sys; print(json.dumps("
            "index.main_handler(json.loads(sys.stdin.read()), {})))",
        ],
        cwd=tmp_path,
        input=json.dumps({"methodName": "doEvil", "params": example["input"]}),
        capture_output=True,
        text=True,
        check=False,
    )

    docstring = ast.get_docstring(ast.parse(source), clean=False) or ""
    assert docstring.startswith(f"doEvil: {HOSTILE}\n{TAGS}\n\n")
    assert json.loads(result.stdout) == {
        "code": 0,
        "msg": "ok",
        "result": {"done": HOSTILE},
    }


# A NUL byte makes git take a file for binary, a line separator ends a line of a
# comment in JavaScript, and a lone surrogate cannot be written as UTF-8 at all.
UNSAFE = "a\x00b\u2028c\ud800d"


def _unsafe_contract(text: str) -> dict[str, Any]:
    contract = minimal_contract("ctl")
    contract["title"] = text
    contract["description"] = text
    contract["interfaces"]["send_prize"]["description"] = text
    contract["$defs"]["Prize"]["properties"]["name"]["description"] = text
    return contract


def _lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def test_unprintable_text_is_escaped_in_docs_and_scaffolds(tmp_path: Path) -> None:
    """A NUL, a line separator and a lone surrogate show as escapes in every
    Markdown and JavaScript sink, so each file is UTF-8 text without a NUL."""
    (tmp_path / "ctl.json").write_text(
        json.dumps(_unsafe_contract(UNSAFE)), encoding="utf-8"
    )
    contract_set = load_contracts(tmp_path)
    contract = contract_set.get("ctl")
    files = {**render_docs(contract_set, contract), **render_docs_index(contract_set)}
    for lang in ("python", "node"):
        scaffold = render_scaffold(contract_set, contract, lang)
        files.update(scaffold.as_dict(f"{lang}/"))

    data = {name: text.encode("utf-8") for name, text in files.items()}

    assert [name for name, raw in data.items() if b"\x00" in raw] == []
    assert [name for name, text in files.items() if "\u2028" in text] == []
    shown = "a\\x00b\\u2028c\\ud800d"
    assert _lines_with(files["docs/ctl.md"], "a\\x00b") == [
        "# a\\x00b c\\ud800d `ctl`",
        shown,
        "| [`send_prize`](#send_prize) | 自定义接口 | a\\x00b |",
        "| `name` | string | 是 |  | a\\x00b c\\ud800d |",
        shown,
        "| `name` | string | 是 |  | a\\x00b c\\ud800d |",
    ]
    assert _lines_with(files["docs/index.md"], "a\\x00b") == [
        "| [`ctl`](ctl.md) | a\\x00b c\\ud800d | `1.0.0` | a\\x00b | 1 | 1 |"
    ]
    assert _lines_with(files["node/api/send_prize.js"], "a\\x00b") == [
        f" * send_prize: {shown}"
    ]
    assert _lines_with(files["node/index.js"], "a\\x00b") == [
        f" * ctl ({shown}), from ctl.json version 1.0.0."
    ]
    assert _lines_with(files["node/_contractgen/types.js"], "a\\x00b") == [
        " * @property {string} name - a\\x00b c\\ud800d"
    ]
    assert _lines_with(files["node/example/send_prize.md"], "a\\x00b") == [
        shown,
        "| `name` | string | 是 |  | a\\x00b c\\ud800d |",
    ]
    assert _lines_with(files["python/README.md"], "a\\x00b") == [
        shown,
        shown,
        "| `send_prize` | a\\x00b c\\ud800d |",
    ]
    package = json.loads(files["node/package.json"])
    assert package["description"] == f"Custom interfaces of ctl: {UNSAFE}"
    documents = json.loads(files["python/_contractgen/_contracts.json"])
    assert documents["ctl.json"]["description"] == UNSAFE


def test_build_writes_text_files_for_unprintable_text(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`contractgen build` on a contract with a NUL and a line separator in its
    texts writes UTF-8 files without a NUL byte, and docs that show both."""
    folder = tmp_path / "contracts"
    folder.mkdir()
    text = "a\x00b\u2028c"
    (folder / "ctl.json").write_text(
        json.dumps(_unsafe_contract(text)), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(main, ["build"])

    assert result.exit_code == 0, result.output
    written = {
        p.relative_to(tmp_path / "generated").as_posix(): p.read_bytes()
        for p in sorted((tmp_path / "generated").rglob("*"))
        if p.is_file()
    }
    assert [name for name, raw in written.items() if b"\x00" in raw] == []
    for raw in written.values():
        raw.decode("utf-8")

    page = written["docs/ctl.md"].decode("utf-8")
    assert _lines_with(page, "a\\x00b")[:2] == ["# a\\x00b c `ctl`", "a\\x00b\\u2028c"]
