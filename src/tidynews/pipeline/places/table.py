"""Places and names stored compactly: columns that marshal loads in a fraction of a
second, a `Place` made only when a document asks for one.

A name maps to one coded candidate or a tuple of them: the place's row times four,
plus 2 when the name is the place's main one, plus 1 when it is `minor`.
"""

from __future__ import annotations

import array
import math
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, cast, get_args

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
        self._columns: tuple | None = None
        self._by_geonames: tuple[array.array, array.array] = (array.array("q"), array.array("q"))

    def add(self, place: Any) -> int:
        """The first source to name a place names it; a later one fills in its point."""
        row = self._index.get(place.place_id)
        if row is None:
            row = self._index[place.place_id] = len(self._places)
            self._places.append(place)
        elif self._places[row].latitude is None and place.latitude is not None:
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
            place = self._places[row] = _decode(self._columns, row)
        return place

    def place_id(self, row: int) -> str:
        """The id alone, read from the columns: a name's candidates are listed for
        every span looked up, and decoding a whole Place for each cost 5% of a build."""
        if self._columns is not None and self._places[row] is None:
            return cast(str, self._columns[0][row] or f"geonames:{self._columns[7][row]}")
        return cast(str, self.at(row).place_id)

    def kind(self, row: int) -> str:
        """The kind alone, read from the columns (see place_id)."""
        if self._columns is not None and self._places[row] is None:
            return cast(str, self._columns[3][self._columns[2][row]])
        return cast(str, self.at(row).kind)

    def country_code(self, row: int) -> str | None:
        if self._columns is not None:
            code = self._columns[5][row]
            return cast(str, self._columns[4][code - 1]) if code else None
        return cast("str | None", self._places[row].country_code)

    def __getitem__(self, place_id: str) -> Any:
        row = self._index.get(place_id)  # the hot path: a place the document named before
        if row is None:
            row = self.row(place_id)
        place = self._places[row]
        return self.at(row) if place is None else place

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self._find(place_id) is not None

    def __len__(self) -> int:
        return len(self._places)

    def values(self) -> Iterator[Any]:
        return (self.at(row) for row in range(len(self._places)))

    def dump(self) -> tuple:
        places = list(self.values())
        kinds = list(_KINDS)
        codes = sorted({p.country_code for p in places if p.country_code})
        nan = float("nan")
        return (
            [None if p.place_id == f"geonames:{p.geonames_id}" else p.place_id for p in places],
            [p.name for p in places],
            bytes(kinds.index(p.kind) for p in places),
            kinds,
            codes,
            array.array(
                "H", [codes.index(p.country_code) + 1 if p.country_code else 0 for p in places]
            ).tobytes(),
            [p.iso_3166_2 for p in places],
            array.array("q", [p.geonames_id or 0 for p in places]).tobytes(),
            array.array("d", [nan if p.latitude is None else p.latitude for p in places]).tobytes(),
            array.array(
                "d", [nan if p.longitude is None else p.longitude for p in places]
            ).tobytes(),
            ["=" if p.parent_id == f"iso:{p.country_code}" else p.parent_id for p in places],
            array.array("q", [p.population for p in places]).tobytes(),
            [p.admin1_id for p in places],
            *_geonames_order(places),
        )

    @classmethod
    def load(cls, columns: tuple) -> PlaceTable:
        table = cls()
        ids = columns[0]
        decoded = list(columns[:13])
        for i, typecode in ((5, "H"), (7, "q"), (8, "d"), (9, "d"), (11, "q")):
            decoded[i] = array.array(typecode, columns[i])
        table._columns = tuple(decoded)
        table._index = {place_id: row for row, place_id in enumerate(ids) if place_id is not None}
        table._by_geonames = (array.array("q", columns[13]), array.array("q", columns[14]))
        table._places = [None] * len(ids)
        return table


def _geonames_order(places: list[Any]) -> tuple[bytes, bytes]:
    """The "geonames:<id>" places' ids in rising order and their rows: a loaded
    table finds a row by bisection, without building a dict of 290,000 ids."""
    pairs = sorted(
        (p.geonames_id, row)
        for row, p in enumerate(places)
        if p.place_id == f"geonames:{p.geonames_id}"
    )
    return (
        array.array("q", [gid for gid, _ in pairs]).tobytes(),
        array.array("q", [row for _, row in pairs]).tobytes(),
    )


def _decode(columns: tuple, row: int) -> Any:
    """Row `row` of the loaded columns as a Place."""
    from tidynews.pipeline.places.gazetteer import Place

    (
        ids,
        names,
        kinds,
        kind_names,
        codes,
        country,
        iso,
        gids,
        lat,
        lon,
        parents,
        pops,
        admin1,
    ) = columns
    code = codes[country[row] - 1] if country[row] else None
    return Place(
        ids[row] or f"geonames:{gids[row]}",
        names[row],
        kind_names[kinds[row]],
        country_code=code,
        iso_3166_2=iso[row],
        geonames_id=gids[row] or None,
        latitude=None if math.isnan(lat[row]) else lat[row],
        longitude=None if math.isnan(lon[row]) else lon[row],
        parent_id=f"iso:{code}" if parents[row] == "=" else parents[row],
        population=pops[row],
        admin1_id=admin1[row],
    )
