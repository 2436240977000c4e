"""Mentions of one document: the four steps run over its segments.

Names are found in every segment before any is resolved, because resolution and
fuzzy matching both need the countries of the whole document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidynews.pipeline.places.fuzzy import fuzzy_names
from tidynews.pipeline.places.gazetteer import Gazetteer, Place, gazetteer
from tidynews.pipeline.places.names import Name, find_names, line_docs
from tidynews.pipeline.places.resolve import (
    Context,
    document_context,
    dominant_countries,
    resolve,
)
from tidynews.pipeline.places.usage import literal, qualify
from tidynews.pipeline.spans import Span

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Doc


CITY = 100_000  # a city's name keeps its place even where a person bears it too


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place; offsets are into the whole document."""

    span: Span
    place: Place
    qualifier: str | None
    literal: bool


def find_places(text: str, segments: list[Span]) -> list[list[Mention]]:
    """Place mentions of each segment of one document (same order as `segments`)."""
    gaz = gazetteer()
    people: set[str] = set()
    found = [
        (index, doc, offset, find_names(doc, gaz, people))
        for index, segment in enumerate(segments)
        for doc, offset in line_docs(text, segment)
    ]
    countries, votes, own = dominant_countries(gaz, [f for *_, fs in found for f in fs])
    for _, doc, _, fs in found:
        fs[:] = [f for f in fs if not _surname(doc, f, gaz, people, votes, own)]
    for _, doc, _, fs in found:
        fs += fuzzy_names(doc, gaz, fs, countries)
        fs.sort(key=lambda f: f.first)
    context = document_context(gaz, [f for *_, fs in found for f in fs])
    by_segment: list[list[Mention]] = [[] for _ in segments]
    for index, doc, offset, fs in found:
        for f in fs:
            mention = _mention(doc, offset, f, gaz, context)
            if mention is not None:
                by_segment[index].append(mention)
    return by_segment


def _surname(
    doc: Doc,
    f: Name,
    gaz: Gazetteer,
    people: set[str],
    votes: Counter[str],
    own: dict[tuple[str, ...], Counter[str]],
) -> bool:
    """ "Hartley said", after "Phil Hartley": a town's name the document uses as a
    person's (countries and states keep their names)."""
    if f.first != f.last or f.placed or doc[f.first].text not in people:
        return False
    places = [gaz.places[c.place_id] for c in f.candidates]
    mine = own.get(f.ids(), Counter())

    def backed(code: str | None) -> bool:  # other names speak for the country
        return code is not None and votes[code] > mine[code]

    # a state abroad too ("Nelson" in New Zealand), not of the story's countries; not a
    # city of the story's countries ("Fargo" after "Wells Fargo")
    return all(
        (p.kind in ("settlement", "admin2") and (p.population < CITY or not backed(p.country_code)))
        or (p.kind == "admin1" and not backed(p.country_code))
        for p in places
    )


def _mention(doc: Doc, offset: int, f: Name, gaz: Gazetteer, context: Context) -> Mention | None:
    place = resolve(f, gaz, context)
    if place is None:
        return None
    first, qualifier = qualify(doc, f)
    last = f.last
    span = Span(offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text))
    return Mention(span, place, qualifier, literal(doc, f.first, f.last))
