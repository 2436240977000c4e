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
from tidynews.pipeline.places.lexicon import ADMIN1_WORDS, TYPE_WORDS
from tidynews.pipeline.places.names import Name

FOREIGN_MIN_POPULATION = 100_000
ADMIN1_WEIGHT = 300_000
SMALL_KINDS = ("settlement", "admin2")
REGION_WORDS = ADMIN1_WORDS | {"region"}  # "Kharkiv region": the oblast, not the city


def dominant_countries(gaz: Gazetteer, found: list[Name]) -> list[str]:
    """Countries of the document, most named first: a country name counts twice; a
    state's name ("Kentucky", "Ky.") once, for its country; a big city named by its
    main name once, for the country of its most populous namesake (a small town must
    not vote for itself)."""
    votes: Counter[str] = Counter()
    for f in found:
        places = [gaz.places[c.place_id] for c in f.candidates]
        codes = {p.country_code for p in places if p.country_code is not None}
        if len(codes) == 1 and any(p.kind == "country" for p in places):
            votes[codes.pop()] += 2
            continue
        main = [p for c, p in zip(f.candidates, places, strict=True) if not c.minor]
        states = {p.country_code for p in main if p.kind == "admin1"}
        nation = any(p.kind == "country" for p in main)  # "Georgia" votes for neither
        if len(states) == 1 and not nation:  # "Ky.", "Virginia" (not Virginia, South Africa)
            votes[cast(str, states.pop())] += 1
            continue
        big = [
            p
            for c, p in zip(f.candidates, places, strict=True)
            if c.primary and p.country_code and p.population >= FOREIGN_MIN_POPULATION
        ]
        if big:  # each with a country code, which mypy can't see through the filter
            votes[cast(str, max(big, key=lambda p: p.population).country_code)] += 1
    return [code for code, _ in votes.most_common()]


def dominant_admin1(gaz: Gazetteer, found: list[Name], countries: list[str]) -> list[str]:
    """First-level subdivisions of the document, most named first: a subdivision in
    one of the document's first countries among a name's main candidates ("Kentucky",
    "Ky."; not "Washington", which is also a big city), or the one state all the towns
    of a name lie in ("Spartanburg")."""
    votes: Counter[str] = Counter()
    for f in found:
        main = [gaz.places[c.place_id] for c in f.candidates if not c.minor]
        if any(p.kind == "settlement" and p.population >= ADMIN1_WEIGHT for p in main):
            continue
        for place in main:
            if place.kind == "admin1" and place.country_code in countries[:2]:
                votes[place.place_id] += 1
        homes = {_home(p) for p in main if p.kind in SMALL_KINDS}
        if len(homes) == 1 and not any(p.kind == "admin1" for p in main):
            home = homes.pop()  # "Spartanburg": a town with one home state
            if home is not None and gaz.places[home].country_code in countries[:2]:
                votes[home] += 1
    return [place_id for place_id, _ in votes.most_common()]


def resolve(f: Name, gaz: Gazetteer, countries: list[str], admin1: list[str]) -> Place | None:
    """The place `f` stands for, or None for a town abroad named by the way."""
    if f.local is not None:
        return f.local
    rank = {code: i for i, code in enumerate(countries)}
    region = {place_id: i for i, place_id in enumerate(admin1)}

    home = _home
    # a small town's bare name: in the document's own states, or when nothing bigger
    # bears it and the context says it is a place
    usable = [c for c in f.candidates if not c.minor or home(gaz.places[c.place_id]) in region]
    if not usable and f.placed:
        usable = f.candidates
    if not usable:
        return None
    if any(gaz.places[c.place_id].kind == "country" for c in usable):  # not Russia, Ohio
        usable = [c for c in usable if gaz.places[c.place_id].kind not in SMALL_KINDS]

    def key(c: Candidate) -> tuple:
        place = gaz.places[c.place_id]
        return (
            rank.get(place.country_code or "", len(rank)),
            place.kind != "country",
            home(place) not in region,
            not c.primary,
            -_weight(place, f.type_word),
            c.place_id,
        )

    chosen = min(usable, key=key)
    best = gaz.places[chosen.place_id]
    # a town abroad named by the way: only a big one, by its main name; with no
    # country named at all, any town or county by its main name is the document's own
    abroad = best.kind in SMALL_KINDS and best.country_code not in countries
    small = best.population < FOREIGN_MIN_POPULATION and bool(countries)
    if abroad and f.type_word is None and (not chosen.primary or small):
        return None
    if f.type_word in REGION_WORDS and best.place_id in gaz.admin1_of_city:
        return gaz.places[gaz.admin1_of_city[best.place_id]]
    if f.type_word == "camp" and best.kind == "settlement":
        return replace(best, kind="camp")
    return best


def _home(place: Place) -> str | None:
    """The first-level subdivision a place is in (or is)."""
    return place.place_id if place.kind == "admin1" else place.admin1_id or place.parent_id


def _weight(place: Place, type_word: str | None) -> int:
    """Population, with a subdivision counted as a city of ADMIN1_WEIGHT people (a
    state over its namesake town, Homs the city over its governorate) and the kind a
    type word names first."""
    if type_word is not None and place.kind == TYPE_WORDS.get(type_word):
        return 10**12
    if type_word in ADMIN1_WORDS and place.kind == "admin1":
        return 10**12
    if place.kind == "admin1":
        return ADMIN1_WEIGHT
    return place.population
