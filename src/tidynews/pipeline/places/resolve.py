"""Step 2, resolve: the one place a found name stands for in this document.

A town of the document's own state, then a place in its countries (the state most
of its places lie in first), a main name over an alternate one, then the larger
population; "Paris, Ky." keeps the Paris in Kentucky; "province", "governorate"
and "countryside" pick the first-level subdivision named after the city.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import cast

from tidynews.pipeline.places.gazetteer import Candidate, Gazetteer, Place
from tidynews.pipeline.places.lexicon import ADMIN1_WORDS, SUBDIVISION_WORDS, TYPE_WORDS
from tidynews.pipeline.places.names import Name

FOREIGN_MIN_POPULATION = 100_000
ADMIN1_WEIGHT = 300_000
ALTERNATE_DISCOUNT = 10
STATE_WEIGHT = 1.5
SMALL_KINDS = ("settlement", "admin2")
REGION_WORDS = ADMIN1_WORDS | {"region"}  # "Kharkiv region": the oblast, not the city
Region = tuple[dict[str, int], dict[str, float], set[str]]  # see _region
Votes = dict[tuple[Candidate, ...], tuple[str, int] | None]  # each name's country vote


@dataclass(frozen=True, slots=True)
class Context:
    """The geography of one document, from every name found in it.

    countries: country codes, most named first; a country is `backed` for a name when
    other names vote for it too ("Tripoli" alone does not make a story Libyan);
    admin1: first-level subdivisions by weight of evidence."""

    countries: list[str]
    votes: Counter[str]
    own: dict[tuple[str, ...], Counter[str]]  # the votes each written name gave
    admin1: dict[str, float]
    own_admin1: dict[tuple[str, ...], dict[str, float]]
    # what each name resolved to in this document: a name is often said again
    resolved: dict[tuple[object, ...], Place | None] = field(default_factory=dict)
    # the subdivisions' weights without each written name's own share (see _region)
    regions: dict[tuple[str, ...], Region] = field(default_factory=dict)

    def backed(self, f: Name, code: str | None) -> bool:
        """Whether names other than `f` speak for the country `code`."""
        own = self.own.get(_key(f))
        return bool(code) and self.votes[code or ""] > (own[code or ""] if own else 0)


def document_context(gaz: Gazetteer, found: list[Name], seen: Votes | None = None) -> Context:
    """`seen`: the votes of the names dominant_countries read before in the document."""
    countries, votes, own = dominant_countries(gaz, found, seen)
    admin1, own_admin1 = dominant_admin1(gaz, found, countries)
    return Context(countries, votes, own, admin1, own_admin1)


def _key(f: Name) -> tuple[str, ...]:
    return f.ids()


def dominant_countries(
    gaz: Gazetteer, found: list[Name], seen: Votes | None = None
) -> tuple[list[str], Counter[str], dict[tuple[str, ...], Counter[str]]]:
    """Countries of the document, most named first: a country name counts twice; a
    state's name ("Kentucky", "Ky.") once, for its country; a name whose places all lie
    in one country ("Henry County") once; a big city named by its main name once, for
    the country of its most populous namesake (a small town must not vote for itself).
    Also the votes each written name gave. `seen`: the vote of each name read before
    in the document (a name is said again)."""
    votes: Counter[str] = Counter()
    own: dict[tuple[str, ...], Counter[str]] = {}
    seen = {} if seen is None else seen
    for f in found:
        key = tuple(f.candidates)
        if key not in seen:
            seen[key] = _vote(gaz, f.candidates)
        vote = seen[key]
        if vote is not None:
            code, weight = vote
            votes[code] += weight
            own.setdefault(_key(f), Counter())[code] += weight
    return [code for code, _ in votes.most_common()], votes, own


def _vote(gaz: Gazetteer, candidates: list[Candidate]) -> tuple[str, int] | None:
    """The country a name votes for, and how many times (see dominant_countries)."""
    places = gaz.places_of(candidates)
    codes = {p.country_code for p in places if p.country_code is not None}
    if len(codes) == 1 and any(p.kind == "country" for p in places):
        return codes.pop(), 2
    main = [p for c, p in zip(candidates, places, strict=True) if not c.minor]
    states = {p.country_code for p in main if p.kind == "admin1"}
    if any(p.kind == "country" for p in main):  # "Georgia" votes for neither
        return None
    if len(states) == 1:  # "Ky.", "Virginia" (not Virginia, South Africa)
        return cast(str, states.pop()), 1
    if len(codes) == 1:  # "Henry County", "Bensenville": the US only
        return codes.pop(), 1
    big = [
        (p.population / (1 if c.primary else ALTERNATE_DISCOUNT), p)
        for c, p in zip(candidates, places, strict=True)
        if p.kind == "settlement" and p.population >= FOREIGN_MIN_POPULATION
    ]
    if not big or max(big, key=lambda b: b[0])[0] < FOREIGN_MIN_POPULATION:
        return None
    return cast(str, max(big, key=lambda b: b[0])[1].country_code), 1


def dominant_admin1(
    gaz: Gazetteer, found: list[Name], countries: list[str]
) -> tuple[dict[str, float], dict[tuple[str, ...], dict[str, float]]]:
    """First-level subdivisions of the document with their weight: a subdivision in one
    of the document's first countries named outright ("Kentucky", "Ky."; not
    "Washington", also a big city; not "Georgia", also a country) counts 1, and a
    name of towns or counties shares 1 among their subdivisions ("Huntsville": AL,
    TX, ...), so the state most of the document's places lie in comes first. Also
    the share each written name gave: no name is evidence for itself."""
    votes: dict[str, float] = {}
    shares: dict[tuple[str, ...], dict[str, float]] = {}  # each written name counts once
    # a name said again, in the same context
    seen: dict[tuple[object, ...], tuple[list[str], set[str]]] = {}
    for f in found:
        key = (tuple(f.candidates), f.placed, f.within)
        if key not in seen:
            seen[key] = _admin1_evidence(gaz, f, countries[:2] if countries else None)
        named, homes = seen[key]
        for place_id in named:
            votes[place_id] = votes.get(place_id, 0.0) + 1 / len(named)
        if homes:
            shares[_key(f)] = {h: 1 / len(homes) for h in homes}
    for share in shares.values():
        for home, weight in share.items():
            votes[home] = votes.get(home, 0.0) + weight
    return votes, shares


def _admin1_evidence(
    gaz: Gazetteer, f: Name, first: list[str] | None
) -> tuple[list[str], set[str]]:
    """The subdivisions a name names outright, or else the homes of its towns and
    counties in the document's first countries (any, with no country): one of the
    two empty (see dominant_admin1)."""
    places = gaz.places_of(f.candidates)
    main = [p for c, p in zip(f.candidates, places, strict=True) if not c.minor]
    firsts = first or []
    if any(p.kind == "country" and p.country_code in firsts for p in main):
        return [], set()  # "Georgia" in a story about Russia; the state in an American one
    named = [p for p in main if p.kind == "admin1" and p.country_code in firsts]
    if named:
        if any(p.kind == "settlement" and p.population >= ADMIN1_WEIGHT for p in main):
            return [], set()
        return [p.place_id for p in named], set()
    homes = {
        h
        for p in (places if f.placed or f.within else main)
        if p.kind in SMALL_KINDS and (h := _home(p)) is not None
        if first is None or p.country_code in first
    }
    if f.within:
        homes &= f.within
    return [], homes


def resolve(f: Name, gaz: Gazetteer, context: Context) -> Place | None:
    """The place `f` stands for, or None for a town abroad named by the way."""
    if f.local is not None:
        return f.local
    # all that _resolve reads of the name
    key = (tuple(f.candidates), f.within, f.placed, f.type_word, f.town)
    if key not in context.resolved:
        context.resolved[key] = _resolve(f, gaz, context)
    return context.resolved[key]


def _region(context: Context, f: Name) -> Region:
    """The countries' ranks, the subdivisions' weights less the name's own share, and
    the document's own subdivisions for the name: the same for each mention of it."""
    key = _key(f)
    found = context.regions.get(key)
    if found is None:
        rank = {code: i for i, code in enumerate(context.countries)}
        own = context.own_admin1.get(key, {})
        weights = {h: w - own.get(h, 0.0) for h, w in context.admin1.items()}
        top = max(weights.values(), default=0.0)
        region = {h for h, w in weights.items() if w >= max(1.0, top / 3)}
        found = context.regions[key] = (rank, weights, region)
    return found


def _resolve(f: Name, gaz: Gazetteer, context: Context) -> Place | None:
    countries = context.countries
    rank, weights, region = _region(context, f)

    home = _home
    # each candidate's place, read once; the votes other names give its country
    place_of = {c.place_id: gaz.places[c.place_id] for c in f.candidates}
    backed = _backer(context, f)
    candidates = f.candidates
    if f.within:  # "Paris, Ky.", "Paris, France"
        inside = [c for c in candidates if _inside(place_of[c.place_id], f.within)]
        candidates = inside or candidates
    # a small town's bare name: in the document's own states, or when nothing bigger
    # bears it and the context says it is a place
    usable = [c for c in candidates if not c.minor or home(place_of[c.place_id]) in region]
    if not usable and (f.placed or f.within):
        usable = candidates
    elif usable and not any(c.primary for c in usable):  # "Rogersville" is a town's own name
        usable += [c for c in candidates if c.primary and c not in usable]
    if not usable:
        return None
    if any(place_of[c.place_id].kind == "country" for c in usable):
        usable = _country_or_namesake(gaz, f, usable, context, region)

    # a state's name is the state's, not a town's of the story's state ("Kansas")
    state = any(place_of[c.place_id].kind == "admin1" for c in usable if not c.minor)

    def key(c: Candidate) -> tuple:
        place = place_of[c.place_id]
        local = home(place) in region and not state
        return (
            # a town of the document's own state, then any place of its countries
            not (local and place.kind in SMALL_KINDS),
            not backed(place.country_code),
            # size and the story's states together: a tenfold population is worth
            # STATE_WEIGHT of a state's evidence (Georgia the state among Macon and
            # Valdosta; Washington, D.C., over Washington, Illinois, in a Chicago story);
            # a main name over an alternate one, unless the alternate's place is ten
            # times bigger ("St. Petersburg": Russia's, not Florida's)
            -STATE_WEIGHT * weights.get(home(place) or "", 0.0)
            - math.log10(max(1, _weight(place, f.type_word)))
            + (0 if c.primary else 1),
            place.kind != "country",
            rank.get(place.country_code or "", len(rank)),
            c.place_id,
        )

    chosen = min(usable, key=key)
    best = place_of[chosen.place_id]
    # a town abroad named by the way: only a big one, by its main name; with no
    # country named at all, any town or county by its main name is the document's own
    abroad = best.kind in SMALL_KINDS and not backed(best.country_code)
    small = best.population < FOREIGN_MIN_POPULATION and bool(countries)
    said = f.type_word or f.within or f.placed or _typed(best)  # "in X", "Adair County"
    if abroad and not said and (not chosen.primary or small):
        return None
    named_after = gaz.admin1_of_city.get(best.place_id)
    if not chosen.primary and any(c.place_id == named_after and c.primary for c in usable):
        return gaz.places[cast(str, named_after)]  # "New York": the state's main name
    if f.type_word in REGION_WORDS and best.place_id in gaz.admin1_of_city:
        return gaz.places[gaz.admin1_of_city[best.place_id]]
    if f.type_word == "camp" and best.kind == "settlement":
        return replace(best, kind="camp")
    return best


def _backer(context: Context, f: Name) -> Callable[[str | None], bool]:
    """context.backed for one name, its own votes looked up once."""
    votes, own = context.votes, context.own.get(_key(f))

    def backed(code: str | None) -> bool:
        return bool(code) and votes.get(code or "", 0) > (own.get(code or "", 0) if own else 0)

    return backed


def _typed(place: Place) -> bool:
    """A subdivision named with its type word ("Anderson County")."""
    return place.kind == "admin2" and place.name.rpartition(" ")[2].lower() in SUBDIVISION_WORDS


def _inside(place: Place, within: frozenset[str]) -> bool:
    return bool({place.place_id, _home(place), f"iso:{place.country_code}"} & within)


def _country_or_namesake(
    gaz: Gazetteer, f: Name, usable: list[Candidate], context: Context, region: set[str]
) -> list[Candidate]:
    """A country over its namesake towns ("not Russia, Ohio"), unless the context
    says a town ("a Palestine man", "Jane Roe of Palestine"), only its own name speaks for
    the country and other names speak for the towns' (one of the document's own
    state first)."""
    places = {c.place_id: gaz.places[c.place_id] for c in usable}
    nations = [p for p in places.values() if p.kind == "country"]
    local = [
        c
        for c in f.candidates  # "Jane Roe, 36, Lebanon": small towns too
        if places.setdefault(c.place_id, gaz.places[c.place_id]).kind in SMALL_KINDS
        and context.backed(f, places[c.place_id].country_code)
    ]
    if f.town and local and not any(context.backed(f, p.country_code) for p in nations):
        own_state = [c for c in local if _home(places[c.place_id]) in region]
        return own_state or local
    return [c for c in usable if places[c.place_id].kind not in SMALL_KINDS]


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
    if place.country_code is None:  # a continent or a sea: over any town named after it
        return 10**10
    return place.population
