"""The Markdown docs: golden pages of the real contracts, exact rows of small ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from regen_golden import docs_tree, read_golden, regen_command

from conftest import WriteContracts
from contractgen.contract import load_contracts
from contractgen.render.docs import render_docs, render_docs_index

HOSTILE = 'a """ b */ c \\ d\ne </script> {{ 7*7 }} | f `g'
TABLE_HEADER = "| 字段 | 类型 | 必填 | 约束 | 说明 |"


def _contract(
    module: str,
    properties: dict[str, Any],
    defs: dict[str, Any] | None = None,
    **interface: Any,
) -> dict[str, Any]:
    """A contract whose one interface ``show`` takes ``properties``."""
    return {
        "module": module,
        "version": "2.1.0",
        "title": "商店",
        "description": "卖东西的模块。\n第二行不进索引。",
        "$defs": defs or {},
        "interfaces": {
            "show": {
                "kind": "standard",
                "description": "展示。",
                "input": {"type": "object", "properties": properties},
                "output": {"type": "object", "properties": {}},
                **interface,
            }
        },
    }


def _pages(folder: Path) -> dict[str, str]:
    contract_set = load_contracts(folder)
    pages = render_docs_index(contract_set)
    for contract in contract_set.contracts:
        pages.update(render_docs(contract_set, contract))

    return pages


def _section(page: str, heading: str) -> list[str]:
    """The lines of the ``### heading`` section of the first interface."""
    lines = page.splitlines()
    start = lines.index(f"### {heading}") + 1
    ends = (i for i in range(start, len(lines)) if lines[i].startswith("#"))
    end = next(ends, len(lines))
    return [line for line in lines[start:end] if line]


def _rows(page: str, heading: str = "入参") -> list[str]:
    section = _section(page, heading)
    return section[section.index(TABLE_HEADER) + 2 :]


def test_docs_match_golden_files() -> None:
    """The docs of the repository's contracts are exactly the golden files."""
    tree = docs_tree()
    golden = read_golden("docs")

    differ = sorted(
        p for p in tree.keys() | golden.keys() if tree.get(p) != golden.get(p)
    )

    assert differ == [], f"docs differ from golden files; run {regen_command('docs')}"


def test_nested_object_expands_into_dotted_rows(
    write_contracts: WriteContracts,
) -> None:
    """Fields of an inline object get rows named by their dotted path."""
    stock = {
        "type": "object",
        "description": "库存",
        "required": ["total"],
        "properties": {
            "total": {"type": "integer", "minimum": 0, "description": "总库存"},
            "by": {"type": "object", "properties": {"shop": {"type": "string"}}},
        },
    }
    folder = write_contracts(shop=_contract("shop", {"stock": stock}))

    page = _pages(folder)["docs/shop.md"]

    assert _rows(page) == [
        "| `stock` | object | 否 |  | 库存 |",
        "| `stock.total` | integer | 是 | `minimum: 0` | 总库存 |",
        "| `stock.by` | object | 否 |  |  |",
        "| `stock.by.shop` | string | 否 |  |  |",
    ]


def test_array_rows_link_refs_and_expand_inline_items(
    write_contracts: WriteContracts,
) -> None:
    """An array of a definition links to it; inline items get ``[]`` rows."""
    defs = {"Prize": {"type": "object", "properties": {"id": {"type": "string"}}}}
    properties = {
        "prizes": {"type": "array", "items": {"$ref": "#/$defs/Prize"}},
        "lines": {
            "type": "array",
            "maxItems": 3,
            "items": {"type": "object", "properties": {"id": {"type": "integer"}}},
        },
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
    }
    folder = write_contracts(shop=_contract("shop", properties, defs))

    page = _pages(folder)["docs/shop.md"]

    assert _rows(page) == [
        "| `prizes` | array of [Prize](#prize) | 否 |  |  |",
        "| `lines` | array of object | 否 | `maxItems: 3` |  |",
        "| `lines[].id` | integer | 否 |  |  |",
        "| `tags` | array of string | 否 |  |  |",
        "| `tags[]` | string |  | `minLength: 1` |  |",
    ]
    assert '### <a id="prize"></a>`Prize`' in page.splitlines()


def test_nullable_enum_and_pattern_go_to_the_constraints_column(
    write_contracts: WriteContracts,
) -> None:
    """Null in a type list, an enum and a pattern are constraints, not types."""
    defs = {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}}
    properties = {
        "remark": {"type": ["string", "null"], "maxLength": 10},
        "state": {"type": "string", "enum": ["on", "off"], "default": "on"},
        "address": {"anyOf": [{"$ref": "#/$defs/Address"}, {"type": "null"}]},
        "code": {"type": "string", "pattern": "^(a|b)`$"},
        "either": {"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 1}]},
    }
    folder = write_contracts(shop=_contract("shop", properties, defs))

    page = _pages(folder)["docs/shop.md"]

    assert _rows(page) == [
        "| `remark` | string | 否 | `nullable`, `maxLength: 10` |  |",
        '| `state` | string | 否 | `enum: "on", "off"`, `default: "on"` |  |',
        "| `address` | [Address](#address) | 否 | `nullable` |  |",
        "| `code` | string | 否 | ``pattern: ^(a\\|b)`$`` |  |",
        "| `either` | one of: string, integer | 否 |  |  |",
        "| `either.oneOf[1]` | integer |  | `minimum: 1` |  |",
    ]


def test_reference_to_another_contract_links_to_its_page(
    write_contracts: WriteContracts,
) -> None:
    """A ``$ref`` into another contract links to that module's page and anchor."""
    prize = _contract(
        "prize",
        {},
        {"PrizeId": {"type": "string"}, "Prize": {"type": "object"}},
    )
    shop = _contract(
        "shop",
        {
            "prize": {"$ref": "prize.json#/$defs/Prize", "description": "奖品"},
            "prizeId": {"$ref": "prize.json#/$defs/PrizeId"},
        },
    )
    folder = write_contracts(prize=prize, shop=shop)

    page = _pages(folder)["docs/shop.md"]

    assert _rows(page) == [
        "| `prize` | [prize.Prize](prize.md#prize) | 否 |  | 奖品 |",
        "| `prizeId` | [prize.PrizeId](prize.md#prizeid) (string) | 否 |  |  |",
    ]


def test_references_that_loop_end_in_an_unlinked_reference(
    write_contracts: WriteContracts,
) -> None:
    """A definition that contains itself links to itself; other loops stop."""
    defs = {
        "Node": {
            "type": "object",
            "properties": {
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                "nested": {
                    "type": "array",
                    "items": {"$ref": "#/$defs/Node/properties/nested"},
                },
            },
        }
    }
    folder = write_contracts(shop=_contract("shop", {}, defs))

    page = _pages(folder)["docs/shop.md"]

    lines = page.splitlines()
    rows = lines[lines.index(TABLE_HEADER, lines.index("## 数据定义")) + 2 :]
    loop = "see `#/$defs/Node/properties/nested`"
    assert rows == [
        "| `children` | array of [Node](#node) | 否 |  |  |",
        f"| `nested` | array of array of {loop} | 否 |  |  |",
    ]


def test_output_that_refers_to_a_definition_lists_its_fields(
    write_contracts: WriteContracts,
) -> None:
    """A top-level ``$ref`` shows the link as the type and the fields below it."""
    defs = {
        "Result": {
            "type": "object",
            "description": "结果",
            "required": ["ok"],
            "properties": {"ok": {"type": "boolean"}},
        }
    }
    contract = _contract("shop", {}, defs, output={"$ref": "#/$defs/Result"})
    folder = write_contracts(shop=contract)

    page = _pages(folder)["docs/shop.md"]

    assert _section(page, "入参") == ["- 类型：object", "没有字段。"]
    assert _section(page, "出参") == [
        "结果",
        "- 类型：[Result](#result)",
        TABLE_HEADER,
        "| --- | --- | --- | --- | --- |",
        "| `ok` | boolean | 是 |  |  |",
    ]


def test_hostile_description_stays_literal_in_one_row(
    write_contracts: WriteContracts,
) -> None:
    """Quotes, comment ends, backslashes, newlines and HTML stay text in one row."""
    properties = {"note": {"type": "string", "description": HOSTILE}}
    folder = write_contracts(shop=_contract("shop", properties))

    page = _pages(folder)["docs/shop.md"]

    assert _rows(page) == [
        "| `note` | string | 否 |  | "
        'a """ b */ c \\\\ d e &lt;/script> {{ 7*7 }} \\| f `g |'
    ]


def test_hostile_descriptions_stay_literal_in_paragraphs(
    write_contracts: WriteContracts,
) -> None:
    """A description can neither add headings or code blocks nor raw HTML."""
    contract = _contract("shop", {})
    contract["description"] = "# 不是标题\n```\n1. 不是列表\n" + HOSTILE
    folder = write_contracts(shop=contract)

    page = _pages(folder)["docs/shop.md"]

    assert page.splitlines()[:9] == [
        "# 商店 `shop`",
        "",
        "\\# 不是标题",
        "\\```",
        "1\\. 不是列表",
        'a """ b */ c \\\\ d',
        "e &lt;/script> {{ 7*7 }} | f `g",
        "",
        "- 模块：`shop`",
    ]


def test_custom_interface_documents_its_file_and_platform_codes(
    write_contracts: WriteContracts,
) -> None:
    """A custom interface names api/<name>.js and adds the five platform codes."""
    contract = _contract(
        "shop",
        {},
        kind="custom",
        errors=[{"code": 4001, "name": "SOLD|OUT", "description": "卖完了"}],
        examples=[
            {"title": "卖完", "input": {}, "error": {"code": 4001, "msg": "没货"}}
        ],
    )
    folder = write_contracts(shop=contract)

    page = _pages(folder)["docs/shop.md"]

    lines = page.splitlines()
    kind = lines.index('## <a id="show"></a>`show`') + 2
    assert lines[kind : kind + 2] == [
        "- 类型：自定义接口。本模块调用业务方在云函数中实现的 `api/show.js`。",
        "- 调用方：`shop` 模块",
    ]
    assert _section(page, "错误码") == [
        "| code | 名称 | 说明 |",
        "| --- | --- | --- |",
        "| `4001` | `SOLD\\|OUT` | 卖完了 |",
        "业务方的实现出错时，平台在 `code` 中返回以下字符串：",
        "| code | 说明 |",
        "| --- | --- |",
        "| `PERMISSION_DENIED` | 无权限调用。 |",
        "| `METHOD_NOT_FOUND` | 方法未找到。 |",
        "| `METHOD_NOT_FUNCTION` | 实现上为非 function。 |",
        "| `METHOD_EXEC_FAILURE` | 用户自定义实现的 function 失败。 |",
        "| `UNKNOWN_ERROR` | 未知错误。 |",
        "由 `contractgen scaffold` 生成的云函数在入参不符合入参 schema 时返回 "
        "`code: -1`，`msg` 写明出错的字段。",
    ]
    assert _section(page, "示例") == [
        "**示例 1**：卖完",
        "入参：",
        "```json",
        "{}",
        "```",
        "返回：",
        "```json",
        "{",
        '  "code": 4001,',
        '  "msg": "没货"',
        "}",
        "```",
    ]


def test_standard_interface_names_callmethod_and_callers(
    write_contracts: WriteContracts,
) -> None:
    """A standard interface shows its callMethod call and has no platform codes."""
    contract = _contract(
        "shop",
        {},
        callers=["server"],
        examples=[{"input": {}, "output": {}}],
    )
    folder = write_contracts(shop=contract)

    page = _pages(folder)["docs/shop.md"]

    lines = page.splitlines()
    kind = lines.index('## <a id="show"></a>`show`') + 2
    assert lines[kind : kind + 2] == [
        "- 类型：标准接口。业务方通过 "
        "`new PageModule('shop').callMethod('show', params)` 调用本模块。",
        "- 调用方：服务端",
    ]
    assert _section(page, "错误码") == ["没有业务错误码。"]
    assert _section(page, "示例")[0] == "**示例 1**"


def test_names_that_share_a_slug_get_numbered_anchors(
    write_contracts: WriteContracts,
) -> None:
    """An interface and a definition whose names differ in case get distinct ids."""
    defs = {"Show": {"type": "string"}}
    folder = write_contracts(
        shop=_contract("shop", {"s": {"$ref": "#/$defs/Show"}}, defs)
    )

    page = _pages(folder)["docs/shop.md"]

    lines = page.splitlines()
    assert '## <a id="show"></a>`show`' in lines
    assert '### <a id="show-1"></a>`Show`' in lines
    assert "| [`show`](#show) | 标准接口 | 展示。 |" in lines
    assert _rows(page) == ["| `s` | [Show](#show-1) (string) | 否 |  |  |"]


def test_index_lists_modules_with_versions_and_counts(
    write_contracts: WriteContracts,
) -> None:
    """The index links each module page with its first description line."""
    shop = _contract("shop", {})
    shop["interfaces"]["hook"] = {**shop["interfaces"]["show"], "kind": "custom"}
    folder = write_contracts(shop=shop, points_center=_contract("points-center", {}))

    index = _pages(folder)["docs/index.md"]

    assert index.splitlines()[2:] == [
        "| 模块 | 名称 | 版本 | 说明 | 标准接口 | 自定义接口 |",
        "| --- | --- | --- | --- | --- | --- |",
        "| [`points-center`](points-center.md) | 商店 | `2.1.0` | 卖东西的模块。 "
        "| 1 | 0 |",
        "| [`shop`](shop.md) | 商店 | `2.1.0` | 卖东西的模块。 | 1 | 1 |",
    ]


@pytest.mark.parametrize("seed", ["0", "4242"], ids=["seed-0", "seed-4242"])
def test_docs_do_not_depend_on_hash_seed(seed: str) -> None:
    """Another PYTHONHASHSEED gives the same bytes, LF-only and one final newline."""
    script = (
        "import json, sys; sys.path.insert(0, 'tests'); "
        "from regen_golden import docs_tree; "
        "sys.stdout.write(json.dumps(docs_tree()))"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONHASHSEED": seed}

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    tree = json.loads(result.stdout)
    assert tree == docs_tree()
    for text in tree.values():
        assert "\r" not in text
        assert text.endswith("\n") and not text.endswith("\n\n")
