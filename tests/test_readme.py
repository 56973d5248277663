"""The README's examples work as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from contractgen.contract import load_contracts

ROOT = Path(__file__).resolve().parents[1]


def test_client_example_runs() -> None:
    """The Python example of a client and a local transport runs from the root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)

    result = subprocess.run(
        [sys.executable, "-c", blocks[0]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert len(blocks) == 1
    assert (result.returncode, result.stderr) == (0, "")


def test_contract_example_is_valid(tmp_path: Path) -> None:
    """The README's example contract loads, next to the prize contract it refers to."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"## The contract\n\n```json\n(.*?)```", readme, re.S)
    (tmp_path / "sign-up.json").write_text(example, encoding="utf-8")
    shutil.copy(ROOT / "contracts" / "prize.json", tmp_path)

    contract_set = load_contracts(tmp_path)

    assert [i.name for i in contract_set.get("sign-up").interfaces] == [
        "doRemind",
        "send_prize",
    ]
