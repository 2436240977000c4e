"""The report's pictures: a map of the places and bar charts of claims and figures,
as Vega-Lite specs (altair) rendered to SVG offline (vl-convert), so the page
needs no script and no network when it is viewed.

Country outlines come from the countryinfo package's bundled GeoJSON, rounded to
two decimals (about a kilometre): enough for a world map, a tenth of the bytes.
"""

from __future__ import annotations

import functools
from typing import Any

import polars as pl

from tidynews.errors import MissingExtraError

WIDTH = 760
POINT = "#c2185b"
LAND = "#e6e2d8"


def _libraries() -> tuple[Any, Any]:
    try:
        import altair
        import vl_convert
    except ModuleNotFoundError as exc:
        raise MissingExtraError.of(exc, "tidynews report") from exc
    return altair, vl_convert


@functools.cache
def world() -> dict:
    """Every country's outline as one GeoJSON FeatureCollection."""
    try:
        from countryinfo import all_countries
    except ModuleNotFoundError as exc:
        raise MissingExtraError.of(exc, "tidynews report") from exc
    features = []
    for country in all_countries():
        shape = country.info().get("geoJSON") or {}
        for feature in shape.get("features", []):
            geometry = feature.get("geometry") or {}
            if geometry.get("type") in ("Polygon", "MultiPolygon"):
                features.append(
                    {
                        "type": "Feature",
                        "properties": {"name": country.name()},
                        "geometry": {
                            "type": geometry["type"],
                            "coordinates": _rounded(geometry["coordinates"]),
                        },
                    }
                )
    return {"type": "FeatureCollection", "features": features}


def place_map(places: pl.DataFrame) -> str:
    """SVG: the world, and a point per place with coordinates, sized by its mentions."""
    alt, vlc = _libraries()
    points = places.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    land = (
        alt.Chart(alt.Data(values=world()["features"]))
        .mark_geoshape(fill=LAND, stroke="#ffffff", strokeWidth=0.4)
        .project(type="equalEarth")
    )
    dots = (
        alt.Chart(
            alt.Data(values=points.select("name", "latitude", "longitude", "n_mentions").to_dicts())
        )
        .mark_circle(color=POINT, opacity=1, stroke="#ffffff", strokeWidth=0.5)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("n_mentions:Q", title="mentions", scale=alt.Scale(range=[30, 600])),
            tooltip=["name:N", "n_mentions:Q"],
        )
        .project(type="equalEarth")
    )
    chart = alt.layer(land, dots).properties(width=WIDTH, height=WIDTH // 2)
    return str(vlc.vegalite_to_svg(chart.to_dict()))


def bars(frame: pl.DataFrame, column: str, title: str) -> str:
    """SVG: a horizontal bar per value of `column`, longest first."""
    alt, vlc = _libraries()
    counts = frame.group_by(column).len().sort(["len", column], descending=[True, False])
    data = [{"value": str(value), "rows": n} for value, n in counts.rows()]
    chart = (
        alt.Chart(alt.Data(values=data), title=title)
        .mark_bar(color="#37474f")
        .encode(
            y=alt.Y("value:N", sort="-x", title=None),
            x=alt.X("rows:Q", title="rows"),
            tooltip=["value:N", "rows:Q"],
        )
        .properties(width=WIDTH // 2 - 80, height=max(20, 18 * len(data)))
    )
    return str(vlc.vegalite_to_svg(chart.to_dict()))


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(c), 2) for c in coordinates]
    return [_rounded(c) for c in coordinates]
