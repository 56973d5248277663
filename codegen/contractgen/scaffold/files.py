"""The files of a scaffold, who owns each, and how they meet a folder on disk.

A scaffold mixes two kinds of files.  The business owns its handlers, README,
dependency list and examples: they are written once, when missing, and never
again, byte for byte.  The tool owns the entry file, the types and the copy of
the contracts: they follow the contract and are rewritten whenever they differ
from it.  Keeping the two apart is what lets a contract change land without a
hand merge.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from contractgen.issues import ContractgenError

Owner = Literal["tool", "business"]
Action = Literal["created", "updated", "kept", "missing", "outdated", "extra"]

# The order findings are printed in.
_ACTIONS: tuple[Action, ...] = (
    "created",
    "updated",
    "kept",
    "missing",
    "outdated",
    "extra",
)


@dataclass(frozen=True)
class ScaffoldFile:
    """One file of a scaffold.

    :param path: posix path relative to the scaffold's folder.
    :param text: the content, LF line endings, ending with one newline.
    :param owner: ``"tool"`` may rewrite it; ``"business"`` only creates it.
    :param interface: the custom interface a handler file implements.
    """

    path: str
    text: str
    owner: Owner
    interface: str | None = None


@dataclass(frozen=True)
class Scaffold:
    """Every file of one module's scaffold in one language.

    :param handler_suffix: the extension of handler files in ``api/``.
    :param not_handlers: files in ``api/`` that implement no interface on
        purpose, such as the Node demo, and so are never reported as extra.
    """

    module: str
    lang: str
    contract_file: str
    version: str
    files: tuple[ScaffoldFile, ...]
    handler_suffix: str
    not_handlers: frozenset[str] = frozenset()

    def as_dict(self, prefix: str = "") -> dict[str, str]:
        return {f"{prefix}{file.path}": file.text for file in self.files}

    @property
    def interfaces(self) -> frozenset[str]:
        return frozenset(f.interface for f in self.files if f.interface is not None)


@dataclass(frozen=True)
class Finding:
    """What happened, or would have to happen, to one file."""

    action: Action
    path: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.action} {self.path}" + (f": {self.note}" if self.note else "")


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (_ACTIONS.index(f.action), f.path))


def check(scaffold: Scaffold, dest: Path) -> list[Finding]:
    """What is missing, outdated or extra in ``dest``; writes nothing."""
    findings = []
    for file in scaffold.files:
        target = dest / file.path
        # The business may delete what it owns (the demo, README, examples);
        # only a missing handler leaves an interface unimplemented.
        optional = file.owner == "business" and file.interface is None
        if not target.exists() and not optional:
            findings.append(Finding("missing", file.path, _missing_note(file)))
        elif file.owner == "tool" and _read(target) != file.text.encode():
            note = f"out of date with {scaffold.contract_file} {scaffold.version}"
            findings.append(Finding("outdated", file.path, note))

    findings.extend(extra_handlers(scaffold, dest))
    return sort_findings(findings)


def apply(scaffold: Scaffold, dest: Path) -> list[Finding]:
    """Create what is missing and rewrite tool files that differ; never more.

    :raises ContractgenError: if a file cannot be written.
    """
    findings = []
    for file in scaffold.files:
        target = dest / file.path
        try:
            findings.append(Finding(_write(file, target), file.path))
        except OSError as error:
            reason = error.strerror or str(error)
            raise ContractgenError(f"cannot write {str(target)!r}: {reason}") from error

    findings.extend(extra_handlers(scaffold, dest))
    return sort_findings(findings)


def extra_handlers(scaffold: Scaffold, dest: Path) -> list[Finding]:
    """Handler files in ``api/`` whose interface the contract no longer has.

    Names that cannot be interface names (``_db.py``, ``.eslintrc.js``) are
    helpers, not handlers, and are left out.
    """
    folder = dest / "api"
    if not folder.is_dir():
        return []

    findings = []
    for entry in sorted(folder.iterdir()):
        rel = f"api/{entry.name}"
        stem = entry.name[: -len(scaffold.handler_suffix)]
        if (
            not entry.name.endswith(scaffold.handler_suffix)
            or not stem[:1].isalpha()
            or rel in scaffold.not_handlers
            or stem in scaffold.interfaces
        ):
            continue

        note = (
            f"no custom interface {stem!r} in {scaffold.contract_file}; left in place"
        )
        findings.append(Finding("extra", rel, note))

    return findings


def _missing_note(file: ScaffoldFile) -> str:
    if file.interface is not None:
        return f"handler of custom interface {file.interface!r}"

    return "tool-owned" if file.owner == "tool" else "created once, then yours"


def _write(file: ScaffoldFile, target: Path) -> Action:
    data = file.text.encode()
    if file.owner == "business":
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # "x" fails if the file appeared meanwhile: a business file is
            # never replaced, not even by a race.
            with open(target, "xb") as stream:
                stream.write(data)
        except FileExistsError:
            return "kept"

        return "created"

    existed = target.exists()
    if existed and _read(target) == data:
        return "kept"

    _replace(target, data)
    return "updated" if existed else "created"


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then swap it in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file private; keep the mode the old file had, or the
    # usual one for a new file.
    mode = target.stat().st_mode & 0o777 if target.is_file() else 0o644
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".contractgen-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)

        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
