"""Step 2, resolve: the one place a found name stands for in this document.

The candidate in the document's dominant country, a main name over an alternate
one, then the larger population; "province", "governorate" and "countryside" pick
the first-level subdivision named after the city.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import cast

from tidynews.pipeline.places.gazetteer import Candidate, Gazetteer, Place
from tidynews.pipeline.places.lexicon import ADMIN1_WORDS
from tidynews.pipeline.places.names import Name

FOREIGN_MIN_POPULATION = 100_000


def dominant_countries(gaz: Gazetteer, found: list[Name]) -> list[str]:
    """Countries of the document, most named first: a country name counts twice; a big
    city named by its main name once, for the country of its most populous namesake (a
    small town must not vote for itself)."""
    votes: Counter[str] = Counter()
    for f in found:
        places = [gaz.places[c.place_id] for c in f.candidates]
        codes = {p.country_code for p in places if p.country_code is not None}
        if len(codes) == 1 and any(p.kind == "country" for p in places):
            votes[codes.pop()] += 2
            continue
        big = [
            p
            for c, p in zip(f.candidates, places, strict=True)
            if c.primary and p.country_code and p.population >= FOREIGN_MIN_POPULATION
        ]
        if big:  # each with a country code, which mypy can't see through the filter
            votes[cast(str, max(big, key=lambda p: p.population).country_code)] += 1
    return [code for code, _ in votes.most_common()]


def resolve(f: Name, gaz: Gazetteer, countries: list[str]) -> Place | None:
    """The place `f` stands for, or None for a town abroad named by the way."""
    if f.local is not None:
        return f.local
    rank = {code: i for i, code in enumerate(countries)}

    def key(c: Candidate) -> tuple:
        place = gaz.places[c.place_id]
        return (
            rank.get(place.country_code or "", len(rank)),
            not c.primary,
            place.kind != "country",
            -place.population,
            c.place_id,
        )

    chosen = min(f.candidates, key=key)
    best = gaz.places[chosen.place_id]
    abroad = best.kind == "settlement" and best.country_code not in countries
    if (
        abroad
        and f.type_word is None
        and (not chosen.primary or best.population < FOREIGN_MIN_POPULATION)
    ):
        return None  # a town abroad named by the way: only a big one, by its main name
    if f.type_word in ADMIN1_WORDS and best.place_id in gaz.admin1_of_city:
        return gaz.places[gaz.admin1_of_city[best.place_id]]
    if f.type_word == "camp" and best.kind == "settlement":
        return replace(best, kind="camp")
    return best
