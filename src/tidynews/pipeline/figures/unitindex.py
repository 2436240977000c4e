"""pint's unit names as a small table: what `unit_of` asks pint, without importing pint.

Importing pint and loading its registry cost a build 0.2 s at start-up, for answers that
never change between runs: which prefix and unit a word names and, for that pair, its
dimension and short symbol. The table holds pint's prefixes, its unit names (exact and
case-folded) and, for each (prefix, unit) pair of a figure dimension, its kind and
symbol; `UnitTable.lookup` walks it as pint's `parse_unit_name` walks its registry
(pint 0.25: `_yield_unit_triplets`, then `_dedup_candidates`). It is built from pint
once and kept in the user's cache, named by the versions of pint and Python and a digest
of this file; written to a temporary name and renamed, rebuilt when missing or corrupt,
built per process when the folder is read-only. `pint_lookup` is the same answer read
from a live registry: the table is made of its answers and tests compare the two.

Where pint's answer depends on more than the word, the table's does not. pint keeps
case-folded names in sets, so when a folded name stands for two units ("m": metre,
molar) the one it tries first depends on the process's string hashing; the table tries
them in sorted order. And pint adds every prefixed unit it makes to its names, so once
a process has read "kilometers", "Kilometers" (no prefix is capitalized) names a unit
too; the table holds the names of a registry that has made none, as a fresh process
reads each word the first time. A prefixed offset unit ("millidegree Celsius"), which
pint refuses with an error, is no unit.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from tidynews.pipeline.cache import cache_root
from tidynews.pipeline.startup import import_pint
from tidynews.pipeline.vocab import FigureKind

if TYPE_CHECKING:
    import pint

__all__ = ["Found", "UnitTable", "build_table", "pint_lookup", "registry", "unit_table"]

# pint dimensionality -> figure kind; a unit of any other dimension is no figure unit
KINDS: dict[str, FigureKind] = {
    "[length]": "distance",
    "[time]": "duration",
    "[mass]": "other",
    "[length] ** 2": "other",
    "[length] ** 3": "other",
    "[temperature]": "other",
    "[mass] * [length] ** 2 / [time] ** 2": "other",  # energy
    "[mass] * [length] ** 2 / [time] ** 3": "other",  # power
    "[length] / [time]": "other",  # speed
    "1 / [time]": "other",  # frequency
    "[length] ** 2 / [time] ** 2": "other",  # absorbed dose (Gy)
    "[current] * [time]": "other",  # charge (mAh)
}
# dimensionless units that measure something: data and angles (pint has no dimension for them)
DIMENSIONLESS = ("bit", "byte", "radian", "degree", "turn", "arcminute", "arcsecond")
_SUFFIXES = ("", "s")  # pint's plural suffixes, in its order


class Found(NamedTuple):
    """What a word names: pint's prefix and unit names, the kind and the short symbol."""

    prefix: str
    name: str
    kind: FigureKind
    symbol: str


class UnitTable:
    """pint's names and the figure units they make, read without pint."""

    def __init__(
        self,
        prefixes: list[tuple[str, str]],
        units: dict[str, str],
        folded: dict[str, tuple[str, ...]],
        pairs: dict[tuple[str, str], tuple[str, str]],
    ) -> None:
        self.prefixes = prefixes  # (as written, prefix name), in pint's order
        self.units = units  # every name, symbol and alias -> the unit's name
        self.folded = folded  # lower-cased -> the names it folds, sorted
        self.pairs = pairs  # (prefix name, unit name) -> (kind, symbol), figure units only
        self.compound_names = frozenset(name.lower() for name in units if "_" in name)
        # the prefixes a word can start with, by its first character, in pint's order
        self._by_initial: dict[str, list[tuple[str, str]]] = {}
        for initial in {written[:1] for written, _ in prefixes if written}:
            self._by_initial[initial] = [
                (written, prefix)
                for written, prefix in prefixes
                if not written or written[0] == initial
            ]
        self._bare = [(written, prefix) for written, prefix in prefixes if not written]

    def lookup(self, word: str, case_sensitive: bool) -> Found | None:
        """The unit pint's `parse_unit_name(word, case_sensitive)` names first, if it
        is of a figure dimension."""
        first = self.parse(word, case_sensitive)
        found = None if first is None else self.pairs.get(first)
        if first is None or found is None:
            return None
        return Found(first[0], first[1], cast(FigureKind, found[0]), found[1])

    def parse(self, word: str, case_sensitive: bool) -> tuple[str, str] | None:
        """The first (prefix name, unit name) of pint's `parse_unit_name`."""
        candidates: dict[tuple[str, str], None] = {}
        prefixes = self._by_initial.get(word[:1], self._bare)
        for suffix in _SUFFIXES:
            if not word.endswith(suffix):
                continue
            for written, prefix in prefixes:
                if not word.startswith(written):
                    continue
                name = word[len(written) :]
                if suffix:
                    name = name[: -len(suffix)]
                    if len(name) == 1:
                        continue
                if case_sensitive:
                    if name in self.units:
                        candidates[prefix, self.units[name]] = None
                else:
                    for real in self.folded.get(name.lower(), ()):
                        candidates[prefix, self.units[real]] = None
        for prefix, name in list(candidates):  # "kilo"+"gram" over "kilogram"
            if prefix:
                candidates.pop(("", prefix + name), None)
        return next(iter(candidates), None)

    def dump(self) -> bytes:
        return marshal.dumps((self.prefixes, self.units, self.folded, self.pairs))

    @classmethod
    def load(cls, data: bytes) -> UnitTable:
        # Its 20,000 tuples would set off the cyclic collector, which then traverses
        # everything already loaded (the gazetteer's million objects: 0.2 s); none of
        # them is garbage.
        enabled = gc.isenabled()
        gc.disable()
        try:
            prefixes, units, folded, pairs = marshal.loads(data)
        finally:
            if enabled:
                gc.enable()
        return cls(prefixes, units, folded, pairs)


@cache
def unit_table() -> UnitTable:
    """The table, loaded from the cache (built from pint when missing or unreadable)."""
    path = cache_path()
    try:
        return UnitTable.load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = build_table(registry())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            out.write(table.dump())
        os.replace(out.name, path)
        for stale in path.parent.glob("units-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)  # a table of another pint or code
    except OSError:
        pass  # a read-only cache: built per process, slower but right
    return table


def cache_path() -> Path:
    digest = hashlib.sha256(f"{sys.version_info[:2]};{marshal.version}".encode())
    digest.update(f"pint={metadata.version('pint')};".encode())
    digest.update(Path(__file__).read_bytes())
    return cache_root() / f"units-{digest.hexdigest()[:16]}.marshal"


def build_table(reg: pint.UnitRegistry) -> UnitTable:
    """The table of a registry that has made no unit yet: its names, then each of its
    (prefix, unit) pairs made once."""
    prefixes = [(written, definition.name) for written, definition in reg._prefixes.items()]
    units = {written: definition.name for written, definition in reg._units.items()}
    folded = {low: tuple(sorted(names)) for low, names in reg._units_casei.items() if names}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for prefix in dict.fromkeys(name for _, name in prefixes):
        for name in dict.fromkeys(units.values()):
            found = _pair(reg, prefix, name)
            if found is not None:
                pairs[prefix, name] = found
    return UnitTable(prefixes, units, folded, pairs)


def pint_lookup(
    names: pint.UnitRegistry, units: pint.UnitRegistry, word: str, case_sensitive: bool
) -> Found | None:
    """`UnitTable.lookup`'s answer asked of pint itself: the word parsed by `names`, a
    registry that has made no unit, and the unit it names made by `units`."""
    try:
        parsed = names.parse_unit_name(word, case_sensitive=case_sensitive)
    except Exception:  # pint raises its own errors for names it cannot read
        return None
    if not parsed:
        return None
    prefix, name, _ = parsed[0]
    found = _pair(units, prefix, name)
    return None if found is None else Found(prefix, name, cast(FigureKind, found[0]), found[1])


def _pair(reg: pint.UnitRegistry, prefix: str, name: str) -> tuple[str, str] | None:
    """The kind and short symbol ("km") of a prefixed unit, None for no figure unit
    and for a prefixed offset unit ("millidegree Celsius"), which pint refuses."""
    try:
        unit = reg.Unit(prefix + name)
    except Exception:  # pint's OffsetUnitCalculusError
        return None
    dimensionality = str(unit.dimensionality)
    if dimensionality == "dimensionless":
        return ("other", f"{unit:~}") if name in DIMENSIONLESS else None
    if dimensionality in KINDS:
        return KINDS[dimensionality], f"{unit:~}"
    return None


@cache
def registry() -> pint.UnitRegistry:
    """pint's default registry, built once per process when the table is (re)built: its
    parsed definitions are kept in the user's cache (0.2 s to parse, 0.03 s to load),
    or parsed each time when the cache cannot be written."""
    unit_registry: type[pint.UnitRegistry] = import_pint().UnitRegistry
    folder = cache_root() / "pint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return unit_registry(cache_folder=folder)
    except Exception:  # unwritable, or a pickle another worker is still writing
        return unit_registry(cache_folder=None)
