"""A cache of rendered modules, so that a build of unchanged contracts is quick.

Rendering a module's models is the slow part of a build, and a pre-commit hook
runs the build on every commit, mostly with contracts that did not change.  For
each module the cache keeps a key (the hash of the module's contracts and of the
generator itself) and the hash of every file the module produced.  A module is
taken from the output folder instead of being rendered again only when its key
is the same and every one of its files on disk still has the recorded hash, so a
hand-edited or missing file is always rendered afresh.

The cache lives outside the output folder (``$CONTRACTGEN_CACHE_DIR``, else the
user's cache folder) and may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import contractgen
from contractgen.contract import Contract, ContractSet

_SOURCE_SUFFIXES = (".py", ".jinja", ".json", ".js")
_PEERS = ("datamodel-code-generator", "jinja2", "pydantic")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def generator_fingerprint() -> str:
    """A hash of everything besides the contracts that shapes the output."""
    digest = hashlib.sha256()
    package = Path(contractgen.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())

    for name in _PEERS:
        digest.update(f"{name}=={metadata.version(name)}".encode())

    return digest.hexdigest()


def module_key(contract_set: ContractSet, contract: Contract) -> str:
    documents = contract_set.documents_for(contract)
    # ASCII-escaped, so that even a lone surrogate in a contract can be hashed.
    text = json.dumps(documents, sort_keys=True)
    return _sha(f"{generator_fingerprint()}\n{text}".encode())


def _cache_folder() -> Path:
    configured = os.environ.get("CONTRACTGEN_CACHE_DIR")
    if configured:
        return Path(configured)

    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "contractgen"


class RenderCache:
    """What earlier builds into one output folder rendered, by module."""

    def __init__(self, out: Path) -> None:
        name = _sha(str(out.resolve()).encode())[:32]
        self.path = _cache_folder() / f"{name}.json"
        self._entries = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

        return data if isinstance(data, dict) else {}

    def lookup(self, out: Path, module: str, key: str) -> dict[str, bytes] | None:
        """The module's files as they are on disk, if they are what ``key`` makes."""
        entry = self._entries.get(module)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None

        files = {}
        for name, digest in entry.get("files", {}).items():
            path = out / name
            data = path.read_bytes() if path.is_file() else None
            if data is None or _sha(data) != digest:
                return None

            files[name] = data

        return files

    def remember(self, module: str, key: str, files: Mapping[str, bytes]) -> None:
        hashes = {name: _sha(data) for name, data in sorted(files.items())}
        self._entries[module] = {"key": key, "files": hashes}

    def save(self) -> None:
        """Write the cache; a cache that cannot be written is simply not kept."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self._entries, sort_keys=True))
            os.replace(temporary, self.path)
        except OSError:
            pass
