"""Singular lemmas of nouns ("fighters" -> "fighter"), shared by the unit and currency steps."""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import inflect


@lru_cache(maxsize=1)
def _inflect() -> inflect.engine:
    """inflect's engine, imported without typeguard: inflect wraps its methods in
    typeguard's @typechecked, which rewrites and recompiles them at import, 2 s of
    every build process and worker (jaraco/inflect#212). A stand-in `typeguard`
    whose decorator returns the function is in sys.modules only for that import;
    the run-time type checks it skips guard calls we make with plain strings."""
    real = sys.modules.get("typeguard")
    stand_in = types.ModuleType("typeguard")
    vars(stand_in)["typechecked"] = lambda function: function
    sys.modules["typeguard"] = stand_in
    try:
        import inflect
    finally:
        if real is None:
            del sys.modules["typeguard"]
        else:
            sys.modules["typeguard"] = real
    return inflect.engine()


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """The singular lemma of a noun ("fighters" -> "fighter", "people" -> "person")."""
    if not word.split():  # inflect splits on whitespace, including "\x1f"
        return word
    lemma = _inflect().singular_noun(word)
    return lemma if lemma and len(lemma) >= 3 else word
