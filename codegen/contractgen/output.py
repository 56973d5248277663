"""Writing a generated tree into the output folder, atomically and with a manifest.

The manifest lists every file that contractgen wrote, with its hash.  It is how a
build knows which files it may replace or remove: a file that is not in the
manifest belongs to a person and is never touched.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from contractgen.issues import ContractgenError, display_path

MANIFEST = ".contractgen-manifest.json"
_DIFF_LINES = 20


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """Paths (relative, posix) and hashes of the files the last build wrote."""
    path = out / MANIFEST
    if not path.exists():
        return {}

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ContractgenError(
            f"{display_path(path)}: is not a contractgen manifest ({error}); "
            "remove it to start afresh"
        ) from None

    if not isinstance(files, dict):
        raise ContractgenError(f"{display_path(path)}: 'files' must be an object")

    # The manifest is committed with the output, so it is input like any other:
    # a path in it must never lead a build to remove a file outside the folder.
    outside = sorted(name for name in files if not _is_inside(str(name)))
    if outside:
        raise ContractgenError(
            f"{display_path(path)}: names {outside[0]!r}, which is outside "
            f"{display_path(out)}; remove that entry"
        )

    return {str(name): str(digest) for name, digest in files.items()}


def _is_inside(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not name.startswith("/")
        and "\\" not in name
        and ".." not in parts
    )


def render_manifest(files: Mapping[str, bytes]) -> bytes:
    entries = {name: _digest(files[name]) for name in sorted(files)}
    text = json.dumps({"generator": "contractgen", "files": entries}, indent=2)
    return (text + "\n").encode()


@dataclass
class Comparison:
    """How the output folder differs from what a build would write."""

    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)

    @property
    def current(self) -> bool:
        return not (self.stale or self.missing or self.extra)


def encode_tree(tree: Mapping[str, str]) -> dict[str, bytes]:
    """Check the relative paths and encode each file as UTF-8 with LF endings."""
    files = {}
    for name, text in tree.items():
        if not _is_inside(name) or name == MANIFEST:
            raise ValueError(f"renderer produced a bad output path {name!r}")

        files[name] = text.replace("\r\n", "\n").encode("utf-8")

    return files


def compare(out: Path, files: Mapping[str, bytes]) -> Comparison:
    """Compare ``files`` with the output folder, reading but writing nothing."""
    manifest = read_manifest(out)
    comparison = Comparison()
    for name in sorted(files):
        target = out / name
        if not target.is_file():
            comparison.missing.append(name)
            continue

        current = target.read_bytes()
        if current != files[name]:
            comparison.stale.append(name)
            comparison.diffs[name] = _short_diff(name, current, files[name])

    comparison.extra = sorted(
        name for name in manifest if name not in files and (out / name).exists()
    )
    manifest_path = out / MANIFEST
    if not manifest_path.is_file():
        comparison.missing.append(MANIFEST)
    elif manifest_path.read_bytes() != render_manifest(files):
        comparison.stale.append(MANIFEST)

    return comparison


def _short_diff(name: str, old: bytes, new: bytes) -> str:
    old_lines = old.decode("utf-8", "replace").splitlines()
    new_lines = new.decode("utf-8", "replace").splitlines()
    lines = list(
        difflib.unified_diff(
            old_lines, new_lines, f"a/{name}", f"b/{name}", lineterm=""
        )
    )
    if len(lines) > _DIFF_LINES:
        hidden = len(lines) - _DIFF_LINES
        lines = [*lines[:_DIFF_LINES], f"... {hidden} more diff lines"]

    return "\n".join(lines)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_tree(out: Path, files: Mapping[str, bytes]) -> WriteReport:
    """Make the output folder hold exactly ``files`` among the files we own.

    Every new file is first written beside its target under a temporary name;
    only when all of them are on disk are they renamed into place.  A failure
    before that point removes the temporary files and leaves ``out`` as it was.

    :raises ContractgenError: when a file to write exists but is not ours.
    """
    manifest = read_manifest(out)
    _refuse_foreign_files(out, files, manifest)
    report = WriteReport()
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for name in sorted(files):
            target = out / name
            if target.is_file() and target.read_bytes() == files[name]:
                report.unchanged.append(name)
                continue

            staged.append((_stage(target, files[name], made), target))
            report.written.append(name)

        manifest_file = out / MANIFEST
        staged.append(
            (_stage(manifest_file, render_manifest(files), made), manifest_file)
        )
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)

        for folder in reversed(made):
            if not any(folder.iterdir()):
                folder.rmdir()

        raise ContractgenError(f"cannot write {display_path(out)}: {error}") from None

    for temporary, target in staged:
        os.replace(temporary, target)

    report.removed = _remove_leftovers(out, manifest, files)
    return report


def _refuse_foreign_files(
    out: Path, files: Mapping[str, bytes], manifest: Mapping[str, str]
) -> None:
    # A file that already holds exactly what we would write is adopted: taking
    # it over loses nothing, and it lets a build recover from a lost manifest.
    foreign = sorted(
        name
        for name in files
        if name not in manifest
        and (out / name).exists()
        and not ((out / name).is_file() and (out / name).read_bytes() == files[name])
    )
    if foreign:
        listed = ", ".join(repr(name) for name in foreign[:5])
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise ContractgenError(
            f"{display_path(out)} holds {listed}{more}, which contractgen did not "
            "write; move them away so that nothing of yours is overwritten"
        )


def _stage(target: Path, data: bytes, made: list[Path]) -> Path:
    """Write ``data`` to a temporary file beside ``target``.

    :param made: collects the folders created for it, so a failed write can
        remove them again.
    """
    missing = [p for p in [target.parent, *target.parent.parents] if not p.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    made.extend(reversed(missing))
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)

        # mkstemp makes the file private; generated files get the usual mode.
        os.chmod(name, 0o666 & ~_UMASK)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise

    return Path(name)


def _remove_leftovers(
    out: Path, manifest: Mapping[str, str], files: Mapping[str, bytes]
) -> list[str]:
    """Remove files of an earlier build that no contract produces any more."""
    removed = []
    for name in sorted(manifest):
        target = out / name
        if name in files or not target.is_file():
            continue

        target.unlink()
        removed.append(name)
        _remove_empty_parents(target.parent, out)

    return removed


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
