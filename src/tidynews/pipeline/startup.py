"""spaCy and pint imported without what they load for features tidynews never uses.

A one-document build spent most of its time importing: spaCy's `__init__` imports its
whole command line (typer, weasel, requests, the training commands: 0.3-0.5 s) only
to re-export `spacy.info`, and pint imports Dask when it is installed (0.2 s) to
handle Dask arrays. tidynews tokenizes with a blank pipeline and reads unit names,
so both are skipped at import; each library stays whole for any later import:
`import spacy.cli` or `import dask` in the same process loads the real modules.
A build imports pint only to make its unit table (figures/unitindex.py), once per
install; every other build reads that table from the cache without pint.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["import_pint", "import_spacy"]

_SPACY_CLI = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> types.ModuleType:
    """`import spacy`, without importing spacy.cli."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    spec = importlib.util.find_spec("spacy")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    if not folders or any(name in sys.modules for name in _SPACY_CLI):
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [os.path.join(folders[0], "cli")]  # its submodules still import
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    with _modules({"spacy.cli": cli, "spacy.cli.info": info}):
        try:
            import spacy
        except ImportError:
            spacy = None  # type: ignore[assignment]  # a layout this does not know
    if spacy is None:
        import spacy
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, importing spaCy's command line on its first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_pint() -> types.ModuleType:
    """`import pint`, with Dask hidden from pint's optional-dependency checks."""
    if "pint" in sys.modules or "dask" in sys.modules:
        import pint

        return pint
    with _modules({"dask": None}):
        import pint
    return pint


@contextmanager
def _modules(stand_ins: dict[str, types.ModuleType | None]) -> Iterator[None]:
    """sys.modules entries in place for the `with` block only (None: "not installed"),
    each removed afterwards unless the block replaced it."""
    for name, module in stand_ins.items():
        sys.modules[name] = module  # type: ignore[assignment]
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if name in sys.modules and sys.modules[name] is module:
                del sys.modules[name]
