"""Places and names stored compactly: columns read in place from the mapped index
(`store`), a `Place` made only when a document asks for one.

A name maps to one coded candidate or a tuple of them: the place's row times four,
plus 2 when the name is the place's main one, plus 1 when it is `minor`.
"""

from __future__ import annotations

import array
import math
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Any, cast, get_args

from tidynews.pipeline.places.store import Store
from tidynews.pipeline.vocab import PlaceKind

_KINDS: tuple[PlaceKind, ...] = get_args(PlaceKind)
Coded = int | tuple[int, ...]


class PlaceTable:
    """Places by id: built one by one, or loaded as columns and decoded on demand."""

    def __init__(self) -> None:
        self._places: list[Any] = []  # Place, or None until decoded from the columns
        # row by place id; a loaded table keeps here only the ids that are not
        # "geonames:<id>", and finds those in _by_geonames (see load)
        self._index: dict[str, int] = {}
        self._by_id: dict[str, Any] = {}  # the places asked for by id, decoded
        self._columns: _Columns | None = None
        self._by_geonames: tuple[Sequence[int], Sequence[int]] = ((), ())

    def add(self, place: Any) -> int:
        """The first source to name a place names it; a later one fills in its point."""
        row = self._index.get(place.place_id)
        if row is None:
            row = self._index[place.place_id] = len(self._places)
            self._places.append(place)
        elif self._places[row].latitude is None and place.latitude is not None:
            self._by_id.pop(place.place_id, None)
            old = self._places[row]
            self._places[row] = replace(
                old,
                latitude=place.latitude,
                longitude=place.longitude,
                geonames_id=old.geonames_id or place.geonames_id,
            )
        return row

    def row(self, place_id: str) -> int:
        row = self._find(place_id)
        if row is None:
            raise KeyError(place_id)
        return row

    def _find(self, place_id: str) -> int | None:
        row = self._index.get(place_id)
        if row is not None or not place_id.startswith("geonames:"):
            return row
        gids, rows = self._by_geonames
        try:
            gid = int(place_id[9:])
        except ValueError:
            return None
        i = bisect_left(gids, gid)
        if i == len(gids) or gids[i] != gid:
            return None
        row = self._index[place_id] = rows[i]  # a document asks for a place many times
        return row

    def at(self, row: int) -> Any:
        place = self._places[row]
        if place is None:
            assert self._columns is not None
            place = self._places[row] = self._columns.decode(row)
        return place

    def place_id(self, row: int) -> str:
        """The id alone, read from the columns: a name's candidates are listed for
        every span looked up, and decoding a whole Place for each cost 5% of a build."""
        columns = self._columns
        if columns is not None and self._places[row] is None:
            code = columns.id_codes[row]
            return cast(str, columns.id_values[code]) if code else f"geonames:{columns.gids[row]}"
        return cast(str, self.at(row).place_id)

    def kind(self, row: int) -> str:
        """The kind alone, read from the columns (see place_id)."""
        columns = self._columns
        if columns is not None and self._places[row] is None:
            return columns.kind_names[columns.kinds[row]]
        return cast(str, self.at(row).kind)

    def country_code(self, row: int) -> str | None:
        if self._columns is not None:
            return self._columns.country_code(row)
        return cast("str | None", self._places[row].country_code)

    def __getitem__(self, place_id: str) -> Any:
        place = self._by_id.get(place_id)  # the hot path: a place asked for before
        if place is None:
            place = self._by_id[place_id] = self.at(self.row(place_id))
        return place

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self._find(place_id) is not None

    def __len__(self) -> int:
        return len(self._places)

    def values(self) -> Iterator[Any]:
        return (self.at(row) for row in range(len(self._places)))

    def dump(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The table as an index stores it: small lists for the head, columns as
        sections (see `load`)."""
        places = list(self.values())
        kinds = list(_KINDS)
        codes = sorted({p.country_code for p in places if p.country_code})
        nan = float("nan")
        head: dict[str, Any] = {"kinds": kinds, "countries": codes}
        sections: dict[str, bytes] = {}
        ids = [None if p.place_id == f"geonames:{p.geonames_id}" else p.place_id for p in places]
        parents = ["=" if p.parent_id == f"iso:{p.country_code}" else p.parent_id for p in places]
        columns = (("ids", ids), ("iso", [p.iso_3166_2 for p in places]), ("parents", parents))
        for name, values in (*columns, ("admin1", [p.admin1_id for p in places])):
            head[name], sections[name] = _interned(values)
        head["id_rows"] = [row for row, place_id in enumerate(ids) if place_id is not None]
        blob = [p.name.encode() for p in places]
        sections["place_names"] = b"".join(blob)
        sections["place_name_offsets"] = bytes(array.array("I", [0, *accumulate(map(len, blob))]))
        sections["kinds"] = bytes(kinds.index(p.kind) for p in places)
        country = [codes.index(p.country_code) + 1 if p.country_code else 0 for p in places]
        sections["country"] = bytes(array.array("H", country))
        sections["gids"] = bytes(array.array("q", [p.geonames_id or 0 for p in places]))
        for name, values in (
            ("lat", [nan if p.latitude is None else p.latitude for p in places]),
            ("lon", [nan if p.longitude is None else p.longitude for p in places]),
        ):
            sections[name] = bytes(array.array("d", values))
        sections["pops"] = bytes(array.array("q", [p.population for p in places]))
        sections["geo_gids"], sections["geo_rows"] = _geonames_order(places)
        return head, sections

    @classmethod
    def load(cls, store: Store) -> PlaceTable:
        """The table of a mapped index: nothing decoded but the few thousand ids that
        are not "geonames:<id>" (see `_find` for those)."""
        table = cls()
        columns = table._columns = _Columns(store)
        ids = cast("list[str]", columns.id_values[1:])
        table._index = dict(zip(ids, store.head["id_rows"], strict=True))
        table._by_geonames = (store.view("geo_gids", "q"), store.view("geo_rows", "q"))
        table._places = [None] * len(columns.kinds)
        return table


def _interned(values: list[str | None]) -> tuple[list[str | None], bytes]:
    """A column of few distinct strings: the distinct ones (None first) and each
    row's number among them."""
    distinct: dict[str | None, int] = {None: 0}
    numbers = array.array("I", [distinct.setdefault(v, len(distinct)) for v in values])
    return list(distinct), bytes(numbers)


def _geonames_order(places: list[Any]) -> tuple[bytes, bytes]:
    """The "geonames:<id>" places' ids in rising order and their rows: a loaded
    table finds a row by bisection, without building a dict of 290,000 ids."""
    pairs = sorted(
        (p.geonames_id, row)
        for row, p in enumerate(places)
        if p.place_id == f"geonames:{p.geonames_id}"
    )
    return (
        bytes(array.array("q", [gid for gid, _ in pairs])),
        bytes(array.array("q", [row for _, row in pairs])),
    )


class _Columns:
    """A loaded table's columns, read in place from the mapped index."""

    def __init__(self, store: Store) -> None:
        head = store.head
        self.map = store.map
        self.id_values: list[str | None] = head["ids"]
        self.id_codes = store.view("ids", "I")
        self.name_base = store.span("place_names")[0]
        self.name_offsets = store.view("place_name_offsets", "I")
        self.kinds = store.view("kinds")
        self.kind_names: list[PlaceKind] = head["kinds"]
        self.country_names: list[str] = head["countries"]
        self.country = store.view("country", "H")
        self.iso, self.iso_codes = head["iso"], store.view("iso", "I")
        self.gids = store.view("gids", "q")
        self.lat, self.lon = store.floats("lat"), store.floats("lon")
        self.parents, self.parent_codes = head["parents"], store.view("parents", "I")
        self.pops = store.view("pops", "q")
        self.admin1, self.admin1_codes = head["admin1"], store.view("admin1", "I")

    def place_id(self, row: int) -> str:
        code = self.id_codes[row]
        return cast(str, self.id_values[code]) if code else f"geonames:{self.gids[row]}"

    def country_code(self, row: int) -> str | None:
        code = self.country[row]
        return self.country_names[code - 1] if code else None

    def decode(self, row: int) -> Any:
        """Row `row` as a Place."""
        from tidynews.pipeline.places.gazetteer import Place

        start, end = self.name_offsets[row], self.name_offsets[row + 1]
        code = self.country_code(row)
        lat, lon, parent = self.lat[row], self.lon[row], self.parents[self.parent_codes[row]]
        return Place(
            self.place_id(row),
            self.map[self.name_base + start : self.name_base + end].decode(),
            self.kind_names[self.kinds[row]],
            country_code=code,
            iso_3166_2=self.iso[self.iso_codes[row]],
            geonames_id=self.gids[row] or None,
            latitude=None if math.isnan(lat) else lat,
            longitude=None if math.isnan(lon) else lon,
            parent_id=f"iso:{code}" if parent == "=" else parent,
            population=self.pops[row],
            admin1_id=self.admin1[self.admin1_codes[row]],
        )
