"""The dispatcher's runtime, copied into a Python scaffold so that it stands alone.

A cloud function installs its ``requirements.txt`` from a package index, where
contractgen is not; so the scaffold carries the runtime modules its
``index.py`` needs, as ``_contractgen/_runtime/``.  They are read from this
installed package's own source files, so there is one copy to maintain, and
their imports of one another become relative.  ``runtime/__init__.py`` is not
copied: it also imports the client, which a cloud function does not use.
"""

from __future__ import annotations

import re
from importlib import resources

from contractgen.render.text import py_docstring
from contractgen.scaffold.wrap import wrap

# The package the copies land in; the leading underscore keeps it apart from
# the model packages beside it, which are named after modules (``^[a-z]``).
PACKAGE = "_runtime"
# What Dispatcher and ContractSchemas import, directly or not.
MODULES = (
    "_handlers",
    "_pointers",
    "callers",
    "codes",
    "dispatch",
    "envelope",
    "errors",
    "schemas",
)
# What the copied modules import from outside the standard library, as pip
# requirements; tests/test_scaffold_python.py checks them against pyproject.toml.
REQUIREMENTS = ("jsonschema>=4.23", "pydantic>=2.9", "referencing>=0.35")

_OWN_IMPORT = re.compile(r"^(\s*)from contractgen\.runtime\.(\w+) import", re.MULTILINE)


def runtime_files(version: str) -> dict[str, str]:
    """``_contractgen/_runtime/<name>.py`` for each module, plus its ``__init__``."""
    source = resources.files("contractgen.runtime")
    files = {}
    for name in MODULES:
        text = source.joinpath(f"{name}.py").read_text(encoding="utf-8")
        files[f"_contractgen/{PACKAGE}/{name}.py"] = _OWN_IMPORT.sub(
            r"\1from .\2 import", text
        )

    files[f"_contractgen/{PACKAGE}/__init__.py"] = _init(version)
    return files


def _init(version: str) -> str:
    doc = (
        f"The dispatcher of contractgen {version}, copied by `contractgen scaffold`"
        " so\nthat the cloud function needs no contractgen install; it rewrites"
        " this package\nwhen contractgen changes."
    )
    return (
        f"{py_docstring(wrap(doc, 88))}\n\n"
        "from .dispatch import Dispatcher\n"
        "from .schemas import ContractSchemas\n\n"
        '__all__ = ["ContractSchemas", "Dispatcher"]\n'
    )
