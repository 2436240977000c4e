"""Mentions of one document: the four steps run over its segments.

Names are found in every segment before any is resolved, because resolution and
fuzzy matching both need the countries of the whole document.
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass
from itertools import chain, compress
from typing import TYPE_CHECKING

from tidynews.pipeline.places.fuzzy import fuzzy_names
from tidynews.pipeline.places.gazetteer import Gazetteer, Place, gazetteer
from tidynews.pipeline.places.lexicon import KIN_NOUNS, LOCAL_NOUNS
from tidynews.pipeline.places.names import Looked, Name, alone, find_names, line_docs
from tidynews.pipeline.places.resolve import (
    Context,
    Votes,
    document_context,
    dominant_countries,
    resolve,
)
from tidynews.pipeline.places.usage import literal, qualify
from tidynews.pipeline.spans import Span

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph

CITY = 100_000  # a city's name keeps its place where only a firm's name may bear it
_TOWN_NOUNS = LOCAL_NOUNS - KIN_NOUNS  # "a Paris man", not "the Flores family"


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
    gaz.forget()
    people: dict[str, bool] = {}
    docs = [
        (index, doc, offset)
        for index, segment in enumerate(segments)
        for doc, offset in line_docs(text, segment)
    ]
    # the words written in lower case somewhere (with digits and marks: harmless): a
    # token that is its own lower case (str.lower is idempotent)
    words = frozenset(
        chain.from_iterable(
            compress(data["words"], map(operator.eq, data["words"], data["lower"]))
            for data in (doc.user_data for _, doc, _ in docs)
        )
    )
    # the lookups of the names read so far, in this document and the ones before
    looked: dict[tuple[str, bool, bool], Looked] = gaz.lookups
    found = [
        (index, doc, at, find_names(doc, gaz, people, words, looked=looked))
        for index, doc, at in docs
    ]
    # one sense per document: a town's name placed once ("in Whitestown", a dateline)
    # is a place where it stands alone too ("Whitestown invited donors")
    known = frozenset(
        f.surface.lower()
        for *_, fs in found
        for f in fs
        if f.placed and f.surface and f.surface not in people
    )
    heads = {name.split()[0] for name in known}
    for _, doc, _, fs in found:
        for f in fs:
            if not f.placed and f.surface.lower() in known and alone(doc, f.first, f.last, words):
                f.placed = True
        unfound = _unfound(doc, fs, heads)
        if unfound:
            for new in find_names(doc, gaz, people, words, known, unfound, looked):
                inside = [f for f in fs if f.first <= new.last and new.first <= f.last]
                if all(new.first <= f.first and f.last <= new.last for f in inside):
                    fs[:] = [f for f in fs if f not in inside] + [new]  # the longer name
            fs.sort(key=lambda f: f.first)
    voted: Votes = {}  # the country each name votes for
    countries, votes, own = dominant_countries(gaz, [f for *_, fs in found for f in fs], voted)
    # a name the document never says is a town's ("X, Ky.", "X County", "a X man") is
    # the person's it names, even after "in" or "at" ("between Bell and Eggers")
    for _, doc, _, fs in found:
        for f in fs:
            if _townlike(doc, f):
                people.pop(doc.user_data["words"][f.first], None)
    for _, doc, _, fs in found:
        fs[:] = [f for f in fs if not _surname(doc, f, gaz, people, votes, own)]
    seen: dict[str, tuple[str, str] | None] = {}  # a misspelling is often repeated
    for _, doc, _, fs in found:
        fs += fuzzy_names(doc, gaz, fs, countries, seen)
        fs.sort(key=lambda f: f.first)
    context = document_context(gaz, [f for *_, fs in found for f in fs], voted)
    by_segment: list[list[Mention]] = [[] for _ in segments]
    for index, doc, offset, fs in found:
        for f in fs:
            mention = _mention(doc, offset, f, gaz, context)
            if mention is not None:
                by_segment[index].append(mention)
    return by_segment


def _unfound(doc: Paragraph, fs: list[Name], heads: set[str]) -> set[int]:
    """The capitalised words of the line that may open a name of `heads` and that no
    name found in it covers: where the line is read again."""
    lower, capital = doc.user_data["lower"], doc.user_data["capital"]
    if heads.isdisjoint(lower):
        return set()
    covered = {k for f in fs for k in range(f.first, f.last + 1)}
    starts: set[int] = set()
    for k in compress(range(len(lower)), map(heads.__contains__, lower)):
        if capital[k] and k not in covered:
            first = k
            while first > 0 and capital[first - 1] and first - 1 not in covered:
                first -= 1  # from the run's first word too: "North Kansas City"
            starts.update(range(first, k + 1))
    return starts


def _surname(
    doc: Paragraph,
    f: Name,
    gaz: Gazetteer,
    people: dict[str, bool],
    votes: Counter[str],
    own: dict[tuple[str, ...], Counter[str]],
) -> bool:
    """ "Hartley said", after "Phil Hartley": a town's name that the document uses as
    a person's and never places (countries and states keep their names; a city of
    the story's countries needs a person beyond doubt: "Fargo" after "Wells Fargo")."""
    word = doc.user_data["words"][f.first]
    if f.first != f.last or word not in people:
        return False
    certain = people[word]
    places = gaz.places_of(f.candidates)
    mine = own.get(f.ids(), Counter())

    def backed(code: str | None) -> bool:  # other names speak for the country
        return code is not None and votes[code] > mine[code]

    # a state abroad too ("Nelson" in New Zealand), not of the story's countries
    return all(
        (
            p.kind in ("settlement", "admin2")
            and (certain or p.population < CITY or not backed(p.country_code))
        )
        or (p.kind == "admin1" and not backed(p.country_code))
        for p in places
    )


def _townlike(doc: Paragraph, f: Name) -> bool:
    """ "Paris, Ky.", "Paris County", "a Paris man": said to be a town (not "the Flores
    family", nor "in" or "of", which a person's name may follow too)."""
    lower, capital, after, k = doc.user_data["lower"], doc.user_data["capital"], f.last + 1, f.first
    noun = after < len(doc) and lower[after] in _TOWN_NOUNS
    # "Jane Roe of Paris", "Jane Roe, 36, of Paris"; not "acquaintances of Moore"
    of = k > 1 and lower[k - 1] == "of" and (lower[k - 2] == "," or capital[k - 2])
    return bool(f.within or f.type_word or (f.town and (noun or of)))


def _mention(
    doc: Paragraph, offset: int, f: Name, gaz: Gazetteer, context: Context
) -> Mention | None:
    place = resolve(f, gaz, context)
    if place is None:
        return None
    first, qualifier = qualify(doc, f)
    last = f.last
    span = Span(offset + doc.user_data["starts"][first], offset + doc.user_data["ends"][last])
    return Mention(span, place, qualifier, literal(doc, f.first, f.last))
