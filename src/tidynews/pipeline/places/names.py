"""Step 1, find names: the token spans of a line that may name a place.

The longest run of tokens that is a gazetteer name, starting at a capitalised
token; a name with a type word after it ("Homs countryside", "Wadajir district",
"Yarmouk refugee camp") keeps the word in its span; an unknown name before a type
word is a local place (near misses of known names are `fuzzy`'s). A one-word
name inside a run of other capitalised words ("Antony Blinken", "Israel Defense
Forces") is part of a person's or an organisation's name, not a place.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress

from tidynews.pipeline.nlp import Paragraph, paragraph
from tidynews.pipeline.nlp import words as line_words
from tidynews.pipeline.places.context import (
    find_datelines,
    listed_before,
    places_within,
    says_place,
    says_town,
    sentence_start,
    written,
)
from tidynews.pipeline.places.gazetteer import Candidate, Gazetteer, Place
from tidynews.pipeline.places.lexicon import (
    ADMIN1_WORDS,
    COMMON_WORDS,
    MONTHS,
    NOT_PLACE_NAMES,
    POSSESSIVE_MARKS,
    STREET_ABBREVIATIONS,
    STREET_WORDS,
    TYPE_WORDS,
)
from tidynews.pipeline.places.local import LOCAL_REACH, kind_words, local_place
from tidynews.pipeline.places.people import (
    abbreviated,
    ends_full_name,
    part_of_other_name,
    personal,
    stop_words,
)
from tidynews.pipeline.spans import Span, lines

MAX_NAME_TOKENS = 8
_NOWHERE: frozenset[str] = frozenset()
_NONE: frozenset[int] = frozenset()
NAME_BREAKS = frozenset({",", ";", ":", '"', "“", "”", "!", "?"})  # no name runs across one


@dataclass(slots=True)
class Name:
    """A name found in a line, before it is resolved to one place."""

    first: int  # token indices in the line, inclusive
    last: int
    candidates: list[Candidate]
    type_word: str | None = None
    local: Place | None = None
    placed: bool = False  # the context says a place: "in X", "X, Ky.", "X County"
    within: frozenset[str] = frozenset()  # "Paris, Ky.": the state or country after it
    town: bool = False  # a town's context: "a Paris man", "Jane Roe, 36, Paris"
    surface: str = ""  # the name as written, without a type word after it
    _ids: tuple[str, ...] | None = None

    def ids(self) -> tuple[str, ...]:
        """The candidates' ids: what the votes of one written name are kept under."""
        if self._ids is None:
            self._ids = tuple(c.place_id for c in self.candidates)
        return self._ids


def line_docs(text: str, segment: Span) -> list[tuple[Paragraph, int]]:
    """The segment's lines that may hold a name, tokenised, with their offsets."""
    out = []
    for line, offset in lines(text, segment):
        if any(ch.isupper() for ch in line):
            doc = paragraph(line)  # a line read again (a repeated line) is read once
            if "words" not in doc.user_data:
                _note_words(doc, line)
            out.append((doc, offset))
    return out


def _note_words(doc: Paragraph, line: str) -> None:
    """The per-token lists the place rules read, many times each: plain lists, no
    spaCy Token made per read (is_title, str.istitle, is read per word where asked).
    words, starts and lower are nlp.words' own lists, shared: never changed."""
    w = line_words(line)
    breaks = compress(range(len(w.texts)), map(NAME_BREAKS.__contains__, w.texts))
    doc.user_data.update(
        words=w.texts,
        # the tokens no name runs across (a comma, a quote mark), and the end
        breaks=[*breaks, len(w.texts)],
        lower=w.lowers,
        capital=list(map(str.isupper, map(line.__getitem__, w.starts))),
        starts=w.starts,
        ends=list(map(operator.add, w.starts, map(len, w.texts))),
    )


@dataclass(slots=True)
class Looked:
    """What a written name looks up in the gazetteer, kept by it across documents
    (Gazetteer.lookups): a name is read again at each mention, each of its spans again
    from every word before it, and the next documents name many of the same places."""

    candidates: list[Candidate]
    demonym: bool  # a country's name cut short ("Somali"): no place
    minor: bool  # every candidate minor: a small town's bare name
    small: tuple[bool, bool] | None = None  # `_local_small`, once asked
    primary: list[Place] | None = None  # `_primary_places`, once asked


def find_names(
    doc: Paragraph,
    gaz: Gazetteer,
    people: dict[str, bool] | None = None,
    words: frozenset[str] = frozenset(),
    known: frozenset[str] = frozenset(),
    only: set[int] | None = None,
    looked: dict[tuple[str, bool, bool], Looked] | None = None,
) -> list[Name]:
    """Longest gazetteer names, left to right, then names made known by a type word.
    One-word names read as part of a person's name are added to `people`, with True
    where the words around them leave no doubt (a title, an initial, "said"). `words`:
    the document's lower-case words ("pool"), so "Pool operators" opening a sentence
    is that word, not a town. `known`: names (lower case) the document places
    elsewhere ("in Whitestown"), so their other mentions are places too; `only`: the
    tokens a name may start at (a second reading of the line), None for any;
    `looked`: the lookups so far (see Looked)."""
    found: list[Name] = []
    looked = {} if looked is None else looked
    i, n = 0, len(doc)
    data = doc.user_data
    capital, lower = data["capital"], data["lower"]
    text, starts, ends = data["text"], data["starts"], data["ends"]
    names = gaz.names  # most spans name nothing: a membership test rules them out
    stops, lower_ends = stop_words(), gaz.name_sets().lower_ends
    tokens, breaks = data["words"], data["breaks"]
    datelines, local_starts = find_datelines(doc), _local_starts(doc)
    # the tokens a name may start at, in order: from each i, on to the next of them
    opens = list(compress(range(n), capital))
    if only is not None:
        opens = [k for k in opens if k in only]
    at = 0
    while (at := bisect_left(opens, i, at)) < len(opens):
        i = opens[at]
        match, bare, listed, entry = None, False, None, None
        # "the Hill" is a name of its own, before any town called Hill
        named = i > 0 and lower[i - 1] == "the"
        dateline = datelines.get(i, 0)
        start, stop = starts[i], breaks[bisect_left(breaks, i)]
        for last in range(min(stop - 1, i + MAX_NAME_TOKENS - 1), i - 1, -1):
            if last > i and not capital[last]:
                if lower[last] in stops:
                    continue  # no name ends in "of" or "the"
                # after a space, a lower-case word ends a name only as the last word
                # of one ("Homs desert"): the span's words, or "the" and them
                spaced = starts[last] > ends[last - 1]
                if spaced and tokens[last] not in lower_ends and tokens[last].islower():
                    continue
            surface = text[start : ends[last]]
            if surface not in names and not (
                (named and "the " + surface in names)
                or (dateline and surface.isupper() and surface.title() in names)
            ):
                continue
            key = (surface, named, bool(dateline))
            entry = looked.get(key)
            if entry is None:
                entry = looked[key] = _look_up(gaz, surface, named, bool(dateline))
            if entry.demonym:
                continue
            if listed is None:
                listed = _listed_after(doc, found, i)
            # "Paris, Ky.": most names have no comma after them
            comma = last + 1 < n and lower[last + 1] == ","
            within = places_within(doc, last, gaz) if comma else _NOWHERE
            placed = bool(within) or last < dateline or listed or says_place(doc, i, last)
            placed = placed or (
                bool(known) and surface.lower() in known and alone(doc, i, last, words)
            )
            if placed or not entry.minor:
                candidates = list(entry.candidates)
                match = Name(i, last, candidates, placed=placed, within=within, surface=surface)
                match.town = placed and says_town(doc, i, last)
                break
            bare = bare or last == i  # a small town's name in no place's context
        if match is None:
            if people is not None and bare:
                _unplaced_surname(doc, gaz, i, people)
            local = _local_place(doc, i) if i in local_starts else None
            if local is not None and local.last - 1 > i:  # "Miss Butler County": no local name
                local = None if gaz.candidates(written(doc, i + 1, local.last)) else local
            if local is not None:
                found.append(local)
                i = local.last + 1
                continue
            i += 1
            continue
        assert entry is not None  # the lookup of the match
        street = _street(doc, match)
        if street is not None:  # "Wichita Drive", "Main Street": not Wichita or Main
            found.append(street)
            i = street.last + 1
            continue
        one = match.first == match.last
        small = _small(gaz, entry) if one else (False, False)
        person = one and personal(doc, match.first, *small, match.placed)
        if person or part_of_other_name(doc, match.first, match.last):
            # a firm's or a school's name ("Amherst College") says nothing of its other
            # mentions; a surname's ("Phil Hartley", "Tyrise M. Bell") does
            if people is not None and (person or ends_full_name(doc, match.first)):
                word = tokens[match.first]
                people[word] = people.get(word, False) or person or _first_name(doc, gaz, match)
            i = match.last + 1
            continue
        # "in August", however placed; "Man booked": a common word opening a sentence
        month = lower[match.first] in MONTHS or (
            not match.placed
            and (
                lower[match.first] in COMMON_WORDS
                or (lower[i] in words and tokens[i].istitle() and sentence_start(doc, i))
            )
        )
        month = month or (one and (lower[i] in NOT_PLACE_NAMES or _numbered(doc, match, small)))
        if (one and month) or (not match.placed and _common_use(doc, match, gaz, entry)):
            i = match.last + 1 if not one else i + 1  # "the White House": no town
            continue
        take_type_word(doc, match)
        found.append(match)
        i = match.last + 1
    return found


def _look_up(gaz: Gazetteer, surface: str, named: bool, dateline: bool) -> Looked:
    """The candidates of a span that is a name (see find_names), and what they say."""
    candidates = gaz.candidates("the " + surface) if named else []
    candidates = candidates or gaz.candidates(surface)
    if not candidates and dateline and surface.isupper():  # "BEIRUT, Lebanon —"
        candidates = gaz.candidates(surface.title())
    demonym = _demonym(surface, candidates, gaz)
    return Looked(candidates, demonym, all(c.minor for c in candidates))


def _small(gaz: Gazetteer, entry: Looked) -> tuple[bool, bool]:
    if entry.small is None:
        entry.small = _local_small(_primary(gaz, entry))
    return entry.small


def _primary(gaz: Gazetteer, entry: Looked) -> list[Place]:
    if entry.primary is None:
        entry.primary = _primary_places(gaz, entry.candidates)
    return entry.primary


def _local_starts(doc: Paragraph) -> frozenset[int]:
    """The tokens a local place may start at (see local.may_start_local)."""
    kinds = kind_words(doc)
    if not kinds:
        return _NONE  # most lines
    return frozenset(k for kind in kinds for k in range(kind - LOCAL_REACH, kind))


def _numbered(doc: Paragraph, match: Name, small: tuple[bool, bool]) -> bool:
    """ "Lot No. 5", "Loop 286", "Section 2AA": a town's name before a number is a
    common noun's (not a ZIP code's five digits)."""
    k, words = match.last + 1, doc.user_data["words"]
    if k >= len(doc):
        return False
    word, then = words[k], words[k + 1] if k + 1 < len(doc) else ""
    abbreviation = word == "No." or (word in ("No", "#") and (then == "." or then[:1].isdigit()))
    number = abbreviation or (word[:1].isdigit() and len(word) != 5)
    return number and small[0]


def alone(doc: Paragraph, i: int, last: int, words: frozenset[str]) -> bool:
    """A name that stands alone, as a place the document names elsewhere would: not in
    a compound ("Ebola-Reston", "Wal-Mart"), before a possessive ("Hope's Wings"), or
    a word the document also writes in lower case ("the Church")."""
    lower, n = doc.user_data["lower"], len(doc)
    if (i > 0 and lower[i - 1] == "-") or lower[i] in words:
        return False
    return not (last + 1 < n and (lower[last + 1] == "-" or lower[last + 1] in POSSESSIVE_MARKS))


def _listed_after(doc: Paragraph, found: list[Name], i: int) -> bool:
    """ "in Harwinton, Bantam and Litchfield": a name listed after a placed one shares
    its locative word."""
    if not found or found[-1].local is not None:
        return False
    if not found[-1].placed and all(c.minor for c in found[-1].candidates):
        return False
    between = doc.user_data["lower"][found[-1].last + 1 : i]
    return 0 < len(between) <= 2 and all(w in (",", "and", "or") for w in between)


def _demonym(surface: str, candidates: list[Candidate], gaz: Gazetteer) -> bool:
    """ "Somali" (a region of Ethiopia) read as Somalia's adjective: a name that is
    not a country but a country's name cut short."""
    countries = gaz.name_sets().countries  # most names have no longer form
    for end in ("a", "ia", "n"):
        if surface + end in countries:
            return not any(p.kind == "country" for p in gaz.places_of(candidates))
    return False


def take_type_word(doc: Paragraph, match: Name) -> None:
    k, lower = match.last + 1, doc.user_data["lower"]
    if k < len(doc) and lower[k] == "refugee" and k + 1 < len(doc):
        k += 1
    if k < len(doc) and lower[k] in TYPE_WORDS:
        match.type_word = lower[k]
        match.last = k
    elif (
        match.first >= 2
        and lower[match.first - 1] == "of"
        and lower[match.first - 2] in ADMIN1_WORDS
    ):  # "the governorate of Deir Ezzor"
        match.type_word = lower[match.first - 2]
    elif (plural := listed_before(doc, match.last)) is not None:
        match.type_word = plural  # "Barrow and Jackson counties": each a county


def _local_place(doc: Paragraph, i: int) -> Name | None:
    found = local_place(doc, i)
    return None if found is None else Name(i, found[0], [], found[1], found[2])


def _street(doc: Paragraph, match: Name) -> Name | None:
    """A known name that starts a street's or a park's ("Wichita Drive")."""
    k, words, lower = match.last + 1, doc.user_data["words"], doc.user_data["lower"]
    if k < len(doc) and (lower[k] in STREET_WORDS or lower[k] in STREET_ABBREVIATIONS):
        if not words[k].istitle() or (
            lower[k] in STREET_WORDS and k + 1 < len(doc) and words[k + 1].istitle()
        ):
            return None  # "Main Street Bank": an organisation's name
        local = _local_place(doc, match.first)
        if local is not None and local.last == k:
            return local
    return None


def _common_use(doc: Paragraph, match: Name, gaz: Gazetteer, entry: Looked) -> bool:
    """A month ("in March"), or a small town's name where a common noun would stand:
    after "the"/"a" ("the University", "a Section", "the White House"), unless it
    qualifies the noun after it ("the Hanover police")."""
    i, lower = match.first, doc.user_data["lower"]
    if lower[i] in MONTHS and i == match.last:
        return True
    places = _primary(gaz, entry)
    kinds = ("settlement", "admin2") if i == match.last else ("settlement",)
    if any(p.kind not in kinds or p.population >= 100_000 for p in places):
        return False
    if i == 0 or lower[i - 1] not in (("the", "a", "an") if i == match.last else ("the",)):
        return False
    after = lower[match.last + 1] if match.last + 1 < len(doc) else ""
    return not (after.isalpha() and after.islower() and after not in stop_words())


def _unplaced_surname(doc: Paragraph, gaz: Gazetteer, i: int, people: dict[str, bool]) -> None:
    """ "The Rev. Roy Jones": a small town's name that nothing places, read as a
    surname, is still a person's for its other mentions ("said of Jones' job")."""
    if ends_full_name(doc, i):
        word = doc.user_data["words"][i]
        name = Name(i, i, [])
        people[word] = people.get(word, False) or _first_name(doc, gaz, name)


def _first_name(doc: Paragraph, gaz: Gazetteer, match: Name) -> bool:
    """ "Tyrise M. Bell", "Isaac Jackson": an initial or a word that names no place
    before the name ("Wells Fargo" may be a firm's)."""
    k = match.first - 1
    return k >= 0 and (abbreviated(doc, k) or not gaz.candidates(doc.user_data["words"][k]))


def _local_small(places: list[Place]) -> tuple[bool, bool]:
    """Whether every place the name may mainly stand for (`places`) is a town or a
    county, and whether each of those has fewer than 100,000 people."""
    local = all(p.kind in ("settlement", "admin2") for p in places)
    return local, local and all(p.population < 100_000 for p in places)


def _primary_places(gaz: Gazetteer, candidates: list[Candidate]) -> list[Place]:
    """The places the name is the main name of."""
    return [gaz.places[c.place_id] for c in candidates if c.primary]  # often few of them
