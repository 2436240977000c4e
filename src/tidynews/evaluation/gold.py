"""What a gold file asks `evaluate` to score (shared benchmarks/README.md conventions).

- `annotates` absent: every table, attribute and boundary is scored (the shared
  gold). Present: a table is scored only when it, or one of its `table.x`
  entries, is listed; an unlisted table adds nothing (no predictions, no gold).
- Attributes of a listed table: its `table.<attribute>` entries when there are
  any (polnear: claims.claimant, claims.cue; not hedged, kind). With none, the
  table's own attributes, except places: bare `places` (lgl, geovirus) scores
  span and resolution, not qualifier or literal, which README names unlisted;
  bare `figures` (quantities) scores every figure attribute, as its unit_accepted
  rule needs. `table.span` is no attribute: without it the 3-character boundary
  rule of figures and claims is left out of strict (segments always judge it).
- `excluded` spans: a prediction of that table in no match pair (for places
  neither found nor resolved) that overlaps one is dropped from `predicted`.
- `unit_accepted` on a gold figure: the unit is right when the predicted unit is
  one of the spellings, compared case-sensitively (the lists tell "B" from "b").
- Places: a prediction resolves a gold place when they share a key, or, for a gold
  `coord:<lat>,<lon>` key, when its coordinates lie within 161 km (haversine) of
  that point; a prediction without coordinates cannot resolve a coord key.
  Geocoding measures over found toponyms: see `toponym_counts`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tidynews.errors import GoldError

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
RESOLVE_KM = 161.0  # 100 miles: the acc@161km threshold of Gritta et al. 2018
COORD_PREFIX = "coord:"
FIGURE_ATTRIBUTES = ("kind", "value", "low", "high", "unit", "qualifier", "date")
CLAIM_ATTRIBUTES = ("claimant", "cue", "hedged", "kind")
PLACE_ATTRIBUTES = ("qualifier", "literal")
SEGMENT_ATTRIBUTES = ("article", "n_comments")
ATTRIBUTES = {
    "segments": SEGMENT_ATTRIBUTES,
    "places": PLACE_ATTRIBUTES,
    "figures": FIGURE_ATTRIBUTES,
    "claims": CLAIM_ATTRIBUTES,
}
BARE_TABLE_ATTRIBUTES = ATTRIBUTES | {"places": ()}  # a table listed without `table.x` entries

Point = tuple[float, float]


@dataclass(frozen=True)
class Scope:
    """What one gold file annotates of one table: attributes to score, and whether boundaries."""

    attributes: tuple[str, ...]
    boundaries: bool = True


def read_gold(path: Path) -> dict:
    """One gold file, checked enough that scoring cannot trip over it."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable gold JSON file ({exc}).") from None
    for key in ("document", "segments"):
        if key not in gold:
            raise GoldError(f"{path}: gold file has no {key!r}. See GUIDELINES.md for the format.")
    annotates = gold.get("annotates", [])
    if not isinstance(annotates, list) or not all(isinstance(e, str) for e in annotates):
        raise GoldError(f"{path}: 'annotates' must be a list of 'table' or 'table.attribute'.")
    for table in ("places", "figures", "claims"):
        gold.setdefault(table, [])
    for place in gold["places"]:
        keys = [k for k in place.get("keys", []) if k.startswith(COORD_PREFIX)]
        if bad := [k for k in keys if parse_coord_key(k) is None]:
            raise GoldError(f"{path}: {bad[0]!r} is not a 'coord:<lat>,<lon>' key.")
    gold["excluded"] = _excluded(gold, path)
    return gold


def _excluded(gold: dict, path: Path) -> dict[str, list[dict]]:
    """Excluded spans by table; malformed ones are refused rather than silently ignored."""
    out: dict[str, list[dict]] = {}
    for span in gold.get("excluded", []):
        if not (
            isinstance(span, dict)
            and isinstance(span.get("table"), str)
            and isinstance(span.get("start"), int)
            and isinstance(span.get("end"), int)
        ):
            raise GoldError(f"{path}: an excluded span needs 'table', 'start' and 'end': {span}")
        out.setdefault(span["table"], []).append(span)
    return out


def scopes(gold: dict, unknown: Counter[str]) -> dict[str, Scope]:
    """Tables a gold file annotates, each with what to score; unscorable entries go to `unknown`."""
    if "annotates" not in gold:
        return {name: Scope(attributes) for name, attributes in ATTRIBUTES.items()}
    listed: dict[str, set[str]] = {}
    for entry in gold["annotates"]:
        table, _, attribute = entry.partition(".")
        if table not in ATTRIBUTES or attribute not in ("", "span", *ATTRIBUTES[table]):
            unknown[entry] += 1
            continue
        listed.setdefault(table, set()).update([attribute] if attribute else [])
    out = {}
    for table, attributes in ATTRIBUTES.items():
        if table in listed:
            named = listed[table] - {"span"}
            chosen = tuple(a for a in attributes if a in named) if named else None
            out[table] = Scope(
                BARE_TABLE_ATTRIBUTES[table] if chosen is None else chosen,
                boundaries="span" in listed[table],
            )
    return out


@dataclass(frozen=True)
class PredictedPlace:
    """What a predicted place answers to: its keys and, when known, its coordinates."""

    keys: frozenset[str]
    point: Point | None


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def parse_coord_key(key: str) -> Point | None:
    """(lat, lon) of a `coord:<lat>,<lon>` key; None for any other key or a malformed one."""
    if not key.startswith(COORD_PREFIX):
        return None
    try:
        lat, lon = (float(x) for x in key[len(COORD_PREFIX) :].split(","))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def predicted_places(places: pl.DataFrame | None) -> dict[str, PredictedPlace]:
    """Every predicted place by id: its id, GeoNames id, ISO codes and name, and coordinates."""
    if places is None or places.is_empty():
        return {}
    out = {}
    for row in places.iter_rows(named=True):
        keys = {row["place_id"], f"name:{row['name'].lower()}"}
        if row.get("geonames_id") is not None:
            keys.add(f"geonames:{row['geonames_id']}")
        if row.get("iso_3166_2"):
            keys.add(f"iso:{row['iso_3166_2']}")
        if row.get("kind") == "country" and row.get("country_code"):
            keys.add(f"iso:{row['country_code']}")
        lat, lon = row.get("latitude"), row.get("longitude")
        point = (float(lat), float(lon)) if lat is not None and lon is not None else None
        out[row["place_id"]] = PredictedPlace(frozenset(keys), point)
    return out


def _near(point: Point | None, targets: list[Point]) -> bool:
    return point is not None and any(haversine_km(point, t) <= RESOLVE_KM for t in targets)


def _id_keys(gold: dict) -> set[str]:
    return {k for k in gold.get("keys", []) if not k.startswith(COORD_PREFIX)}


def resolves(place: PredictedPlace | None, gold: dict) -> bool:
    """A shared non-coord key, or coordinates within 161 km of one of gold's coord: points."""
    if place is None:
        return False
    coords = [p for p in map(parse_coord_key, gold.get("keys", [])) if p]
    return bool(place.keys & _id_keys(gold)) or _near(place.point, coords)


def gold_point(gold: dict) -> Point | None:
    """Gold coordinates: the `lat`/`lon` fields, else the first `coord:` key, else None."""
    if gold.get("lat") is not None and gold.get("lon") is not None:
        return float(gold["lat"]), float(gold["lon"])
    return next((p for p in map(parse_coord_key, gold.get("keys", [])) if p), None)


def toponym_counts(
    found: list[tuple[dict, dict]], places: dict[str, PredictedPlace]
) -> dict[str, tuple[int, int]]:
    """(right, total) of the geocoding measures over found toponyms (span-matched pairs).

    exact_id: predicted place shares a non-coord key; total = found gold places with one.
    acc_161km: predicted coordinates within 161 km of gold's; total = found with gold coords.
    no_coordinates: predicted place has no coordinates; total = all found pairs.
    """
    exact = [0, 0]
    near = [0, 0]
    missing = 0
    for p, g in found:
        place = places.get(p["place_id"])
        point = place.point if place else None
        missing += point is None
        ids = _id_keys(g)
        if ids:
            exact[0] += bool(place and place.keys & ids)
            exact[1] += 1
        target = gold_point(g)
        if target is not None:
            near[0] += _near(point, [target])
            near[1] += 1
    return {
        "exact_id": (exact[0], exact[1]),
        "acc_161km": (near[0], near[1]),
        "no_coordinates": (missing, len(found)),
    }
