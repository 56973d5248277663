"""The output folder: atomic writes, a manifest, and nothing of a person's touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from contractgen.issues import ContractgenError
from contractgen.output import MANIFEST, compare, encode_tree, write_tree


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    """A first build writes every file and lists them with their hashes."""
    report = write_tree(
        tmp_path, encode_tree({"a/x.py": "x = 1\n", "b.md": "# 积分\n"})
    )

    assert report.written == ["a/x.py", "b.md"]
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "# 积分\n"
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert sorted(manifest["files"]) == ["a/x.py", "b.md"]
    assert oct((tmp_path / "b.md").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_rewrite_skips_unchanged_and_removes_leftovers(tmp_path: Path) -> None:
    """Files no contract produces any more go; files of a person stay."""
    write_tree(tmp_path, encode_tree({"old/gone.py": "1\n", "kept.py": "2\n"}))
    (tmp_path / "notes.txt").write_text("mine")

    report = write_tree(tmp_path, encode_tree({"kept.py": "2\n", "new.py": "3\n"}))

    assert (report.written, report.unchanged, report.removed) == (
        ["new.py"],
        ["kept.py"],
        ["old/gone.py"],
    )
    assert not (tmp_path / "old").exists()
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_foreign_file_in_the_way_stops_the_write(tmp_path: Path) -> None:
    """A file that contractgen did not write is never overwritten."""
    write_tree(tmp_path, encode_tree({"a.py": "1\n"}))
    (tmp_path / "b.py").write_text("hand written\n")
    before = _snapshot(tmp_path)

    with pytest.raises(ContractgenError) as caught:
        write_tree(tmp_path, encode_tree({"a.py": "2\n", "b.py": "3\n"}))

    assert caught.value.format_message() == (
        f"{tmp_path.as_posix()} holds 'b.py', which contractgen did not write; "
        "move them away so that nothing of yours is overwritten"
    )
    assert _snapshot(tmp_path) == before


def test_failed_staging_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    """A file whose folder cannot be made (a file is in the way) changes nothing."""
    write_tree(tmp_path, encode_tree({"a.py": "1\n"}))
    (tmp_path / "z").write_text("a person's file named like a folder")
    before = _snapshot(tmp_path)

    with pytest.raises(ContractgenError) as caught:
        write_tree(
            tmp_path,
            encode_tree({"a.py": "2\n", "new/deep/c.py": "2\n", "z/b.py": "2\n"}),
        )

    assert caught.value.format_message().startswith(f"cannot write {tmp_path}")
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "new").exists()


def test_compare_lists_stale_missing_and_extra(tmp_path: Path) -> None:
    """--check names every difference and shows a short diff, writing nothing."""
    write_tree(tmp_path, encode_tree({"a.py": "x = 1\n", "gone.py": "1\n"}))
    before = _snapshot(tmp_path)

    comparison = compare(tmp_path, encode_tree({"a.py": "x = 2\n", "new.py": "1\n"}))

    assert comparison.stale == ["a.py", MANIFEST]
    assert comparison.missing == ["new.py"]
    assert comparison.extra == ["gone.py"]
    assert comparison.diffs["a.py"] == "\n".join(
        ["--- a/a.py", "+++ b/a.py", "@@ -1 +1 @@", "-x = 1", "+x = 2"]
    )
    assert _snapshot(tmp_path) == before


def test_compare_of_a_current_folder(tmp_path: Path) -> None:
    """A folder that matches the build is current."""
    files = encode_tree({"a.py": "x = 1\n"})
    write_tree(tmp_path, files)

    assert compare(tmp_path, files).current


def test_line_endings_are_lf(tmp_path: Path) -> None:
    """Whatever a renderer returns, files are written with LF endings."""
    write_tree(tmp_path, encode_tree({"a.md": "one\r\ntwo\r\n"}))

    assert (tmp_path / "a.md").read_bytes() == b"one\ntwo\n"


@pytest.mark.parametrize("name", ["../x.py", "/etc/x.py", MANIFEST], ids=str)
def test_bad_output_path_is_refused(name: str) -> None:
    """A renderer can never write outside the output folder or over the manifest."""
    with pytest.raises(ValueError, match="bad output path"):
        encode_tree({name: ""})


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd", "a/../../b"])
def test_manifest_cannot_reach_outside(tmp_path: Path, name: str) -> None:
    """A manifest entry outside the folder stops the build; nothing is removed."""
    out = tmp_path / "out"
    write_tree(out, encode_tree({"a.py": "1\n"}))
    victim = tmp_path / "pyproject.toml"
    victim.write_text("keep\n")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"][name] = "0" * 64
    (out / MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(ContractgenError) as caught:
        write_tree(out, encode_tree({"b.py": "2\n"}))

    assert caught.value.format_message() == (
        f"{out.as_posix()}/{MANIFEST}: names {name!r}, which is outside "
        f"{out.as_posix()}; remove that entry"
    )
    assert victim.read_text() == "keep\n"
    assert (out / "a.py").read_text() == "1\n"


def test_lost_manifest_is_recovered(tmp_path: Path) -> None:
    """Files identical to what a build writes are adopted when the manifest is gone."""
    files = encode_tree({"a.py": "1\n", "b.py": "2\n"})
    write_tree(tmp_path, files)
    (tmp_path / MANIFEST).unlink()

    report = write_tree(tmp_path, files)

    assert report.unchanged == ["a.py", "b.py"]
    assert compare(tmp_path, files).current
