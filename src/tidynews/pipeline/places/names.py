"""Places: find toponyms, resolve them in the gazetteer, and say how each is used.

Per document:
1. Find names: the longest run of tokens that is a gazetteer name, starting at a
   capitalised token; a name with a type word after it ("Homs countryside",
   "Wadajir district", "Yarmouk refugee camp") keeps the word in its span; an
   unknown name before a type word is a local place; a near miss of a known name
   ("Deri Ezzor") is matched by bounded fuzzy matching among the places of the
   document's countries. A one-word name inside a run of other capitalised words
   ("Antony Blinken", "Israel Defense Forces") is part of a person's or an
   organisation's name, not a place.
2. Resolve: the candidate in the document's dominant country, a main name over an
   alternate one, then the larger population; "province", "governorate" and
   "countryside" pick the first-level subdivision named after the city.
3. Qualify: a direction before the name ("southern Syria"), "countryside" after it,
   a part after a possessive ("Tripoli's suburbs"), or "the eastern part of X".
4. Literal: false when the name stands for an actor (gold GUIDELINES.md): a
   compound agent ("US-backed"), a party "between X and Y", a subject ("Iran lost"),
   the object of an actor's verb ("warned Israel"), a possessor of an act ("Israel's
   history"), an agent before an action noun ("US airstrikes"). A name after a
   locative preposition ("in Syria", "prime minister of Somalia") stays literal.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from tidynews.pipeline.nlp import STOP_WORDS, paragraph, word_set
from tidynews.pipeline.places.gazetteer import Candidate, Gazetteer, Place, gazetteer
from tidynews.pipeline.spans import Span, lines

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Doc


MAX_NAME_TOKENS = 8
FOREIGN_MIN_POPULATION = 100_000
FUZZY_CUTOFF = 88  # rapidfuzz ratio; "Deri Ezzor" ~ "Der Ezzor" scores 95
DIRECTIONS = word_set(
    """northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western"""
)
ADMIN1_WORDS = frozenset({"province", "governorate", "countryside", "oblast"})
TYPE_WORDS = {
    "province": "admin1",
    "governorate": "admin1",
    "oblast": "admin1",
    "region": "region",
    "countryside": "admin1",
    "district": "admin2",
    "county": "admin2",
    "city": "settlement",
    "camp": "camp",
}
PART_NOUNS = word_set(
    """suburbs suburb outskirts airport port countryside centre center downtown coast
    border borders north south east west"""
)
TITLE_WORDS = word_set(
    """president prime minister secretary general ambassador envoy king queen army city
    province governorate district region desert camp"""
)
LOCATIVE = word_set(
    """in into to from across near at inside within throughout toward towards through
    around outside of on over via beyond"""
)
AGENT_COMPOUNDS = frozenset({"backed", "led", "funded", "sponsored", "brokered", "allied"})
ACTOR_VERBS_AFTER = word_set(
    """has have had is was are were be been will would can could may might must should
    shall needs need lost said says say do does did intends wants stands announced
    warned launched withdrew agreed refused accused continues not wo"""
)
ACTOR_VERBS_BEFORE = word_set(
    """warned warn warns blame blamed blames urged urge accused accuse ruling rule ruled
    told tell pressed sanctioned condemned backed supported thanked criticised
    criticized asked costs cost"""
)
ACTOR_NOUNS = word_set(
    """history invasion assistance support role policy decision army military forces troops
    airstrikes strikes raids sanctions backing aid"""
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place; offsets are into the whole document."""

    span: Span
    place: Place
    qualifier: str | None
    literal: bool


@dataclass(slots=True)
class _Found:
    first: int  # token indices in the line, inclusive
    last: int
    candidates: list[Candidate]
    type_word: str | None = None
    local: Place | None = None


def find_places(text: str, segments: list[Span]) -> list[list[Mention]]:
    """Place mentions of each segment of one document (same order as `segments`)."""
    gaz = gazetteer()
    found = [
        (index, doc, offset, _names(doc, gaz))
        for index, segment in enumerate(segments)
        for doc, offset in _lines(text, segment)
    ]
    countries = _dominant_countries(gaz, [f for *_, fs in found for f in fs])
    for _, doc, _, fs in found:
        fs += _fuzzy_names(doc, gaz, fs, countries)
        fs.sort(key=lambda f: f.first)
    by_segment: list[list[Mention]] = [[] for _ in segments]
    for index, doc, offset, fs in found:
        for f in fs:
            mention = _mention(doc, offset, f, gaz, countries)
            if mention is not None:
                by_segment[index].append(mention)
    return by_segment


def _lines(text: str, segment: Span) -> list[tuple[Doc, int]]:
    out = []
    for line, offset in lines(text, segment):
        if any(ch.isupper() for ch in line):
            doc = paragraph(line)
            # read per token many times: plain lists from the token offsets, not a spaCy
            # Token object made per read (lower_ and is_title are str.lower, str.istitle)
            bounds = doc.to_array(["IDX", "LENGTH"]).tolist()
            words = [line[start : start + length] for start, length in bounds]
            doc.user_data.update(
                lower=[word.lower() for word in words],
                title=[word.istitle() for word in words],
                capital=[word[:1].isupper() for word in words],
                starts=[start for start, _ in bounds],
                ends=[start + length for start, length in bounds],
            )
            out.append((doc, offset))
    return out


def _surface(doc: Doc, first: int, last: int) -> str:
    data = doc.user_data
    return data["text"][data["starts"][first] : data["ends"][last]]


def _names(doc: Doc, gaz: Gazetteer) -> list[_Found]:
    """Longest gazetteer names, left to right, then names made known by a type word."""
    found: list[_Found] = []
    i, n = 0, len(doc)
    capital, lower = doc.user_data["capital"], doc.user_data["lower"]
    while i < n:
        if not capital[i]:
            i += 1
            continue
        match = None
        for last in range(min(n - 1, i + MAX_NAME_TOKENS - 1), i - 1, -1):
            surface = _surface(doc, i, last)
            candidates = gaz.candidates(surface)
            if not candidates and i > 0 and lower[i - 1] == "the":
                candidates = gaz.candidates("the " + surface)
            if candidates:
                match = _Found(i, last, candidates)
                break
        if match is None:
            local = _local_place(doc, i)
            if local is not None:
                found.append(local)
                i = local.last + 1
                continue
            i += 1
            continue
        if _part_of_other_name(doc, match.first, match.last, gaz):
            i = match.last + 1
            continue
        _take_type_word(doc, match)
        found.append(match)
        i = match.last + 1
    return found


def _take_type_word(doc: Doc, match: _Found) -> None:
    k = match.last + 1
    if k < len(doc) and doc[k].lower_ == "refugee" and k + 1 < len(doc):
        k += 1
    if k < len(doc) and doc[k].lower_ in TYPE_WORDS:
        match.type_word = doc[k].lower_
        match.last = k
    elif (
        match.first >= 2
        and doc[match.first - 1].lower_ == "of"
        and doc[match.first - 2].lower_ in ADMIN1_WORDS
    ):  # "the governorate of Deir Ezzor"
        match.type_word = doc[match.first - 2].lower_


def _local_place(doc: Doc, i: int) -> _Found | None:
    """ "Wadajir district": capitalised words the gazetteer lacks, then a type word."""
    k = i
    while k < len(doc) and k - i < 3 and doc[k].is_title and doc[k].lower_ not in STOP_WORDS:
        k += 1
    if k == i or k >= len(doc):
        return None
    if i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ not in STOP_WORDS:
        return None  # inside a longer capitalised run: an organisation's name
    end = k + 1 if doc[k].lower_ == "refugee" and k + 1 < len(doc) else k
    word = doc[end].lower_
    if word not in ("district", "county", "camp", "governorate", "province"):
        return None
    name = _surface(doc, i, end)
    kind = "camp" if word == "camp" else TYPE_WORDS[word]
    place = Place(f"local:{_SLUG_RE.sub('-', name.lower()).strip('-')}", name, kind)
    return _Found(i, end, [], word, place)


def _part_of_other_name(doc: Doc, first: int, last: int, gaz: Gazetteer) -> bool:
    """A one-word match beside other capitalised words that make no place together:
    part of a person's or an organisation's name ("Africa Union forces")."""
    if first != last:
        return False
    for k in (first - 1, last + 1):
        if not 0 <= k < len(doc):
            continue
        tok = doc[k]
        if (
            tok.is_title
            and tok.is_alpha
            and tok.lower_ not in STOP_WORDS
            and tok.lower_ not in TITLE_WORDS
            and tok.lower_ not in TYPE_WORDS
            and not (k == first - 1 and _sentence_start(doc, k))
        ):
            return True
    return False


def _sentence_start(doc: Doc, k: int) -> bool:
    return k == 0 or doc[k - 1].text in (".", "!", "?", '"', "“", "(", ":", "—", "-")


def _fuzzy_names(
    doc: Doc, gaz: Gazetteer, found: list[_Found], countries: list[str]
) -> list[_Found]:
    """Misspelt names ("Deri Ezzor"), only before a type word or after a locative word,
    and only among the places of the document's countries."""
    if not countries:
        return []
    taken = {k for f in found for k in range(f.first, f.last + 1)}
    out = []
    lower, title, n = doc.user_data["lower"], doc.user_data["title"], len(doc)
    for i in range(n):
        if i in taken or not title[i]:
            continue
        for last in (i + 1, i):
            if last >= n or last in taken or not title[last]:
                continue
            before = lower[i - 1] if i > 0 else ""
            after = lower[last + 1] if last + 1 < n else ""
            located = before in LOCATIVE | DIRECTIONS and last > i  # one word: too risky
            if after not in TYPE_WORDS and not located:
                continue
            surface = _surface(doc, i, last)
            if len(surface) < 5:
                continue
            best = _closest(gaz, countries, surface)
            if best is None or best[0].startswith(surface) or surface.startswith(best[0]):
                continue  # "Somali" is Somalia's demonym, not a misspelling of it
            match = _Found(i, last, [Candidate(best[1], primary=True)])
            _take_type_word(doc, match)
            out.append(match)
            taken.update(range(match.first, match.last + 1))
            break
    return out


def _closest(gaz: Gazetteer, countries: list[str], surface: str) -> tuple[str, str] | None:
    """(name, place_id) of the best fuzzy match among the countries' places, if any
    reaches FUZZY_CUTOFF; ties go to the smallest (name, place_id), whatever the order
    of `countries`.

    Only names that can reach the cutoff are scored. fuzz.ratio is
    100 * (1 - indel distance / total length), so a name of a length too far from
    the surface's, or with too many characters the surface lacks (or the reverse;
    each costs at least one insertion or deletion), is left out at once."""
    low = math.floor(len(surface) * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF))
    high = math.ceil(len(surface) * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF)
    surface_mask = _char_mask(surface)
    best = None
    for code in countries:
        choices = _choices(gaz, code)
        first = int(np.searchsorted(choices.lengths, low, side="left"))
        last = int(np.searchsorted(choices.lengths, high, side="right"))
        total = choices.lengths[first:last] + len(surface)
        distinct = np.bitwise_count(choices.masks[first:last] ^ surface_mask)
        # the best ratio the name could score, >= the cutoff (in integers, with slack)
        reachable = np.flatnonzero(100 * (total - distinct) >= FUZZY_CUTOFF * total - 1) + first
        names = [choices.names[i] for i in reachable]
        for name, score, index in process.extract(
            surface, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            key = (-score, name, choices.place_ids[reachable[index]])
            if best is None or key < best:
                best = key
    return None if best is None else (best[1], best[2])


def _char_mask(text: str) -> np.uint64:
    """The characters of `text` as bits (code point mod 64): a name and the surface
    differ in at least as many characters as their masks differ in bits."""
    mask = 0
    for ch in set(text):
        mask |= 1 << (ord(ch) & 63)
    return np.uint64(mask)


@dataclass(frozen=True, slots=True)
class _Choices:
    """Fuzzy-match targets of one country, sorted by length."""

    lengths: np.ndarray
    names: list[str]
    place_ids: list[str]
    masks: np.ndarray


@lru_cache(maxsize=512)
def _choices(gaz: Gazetteer, country: str) -> _Choices:
    """Fuzzy-match targets for places in one country (cached per country: documents
    combine countries endlessly)."""
    triples = sorted(
        (len(name), name, place_id) for name, place_id in set(gaz.place_names(country))
    )
    names = [t[1] for t in triples]
    return _Choices(
        np.array([t[0] for t in triples], dtype=np.int64),
        names,
        [t[2] for t in triples],
        np.array([_char_mask(name) for name in names], dtype=np.uint64),
    )


def _dominant_countries(gaz: Gazetteer, found: list[_Found]) -> list[str]:
    """Countries of the document, most named first: a country name counts twice; a big
    city named by its main name once, for the country of its most populous namesake (a
    small town must not vote for itself)."""
    votes: Counter[str] = Counter()
    for f in found:
        places = [gaz.places[c.place_id] for c in f.candidates]
        codes = {p.country_code for p in places} - {None}
        if len(codes) == 1 and any(p.kind == "country" for p in places):
            votes[codes.pop()] += 2
            continue
        big = [
            p
            for c, p in zip(f.candidates, places, strict=True)
            if c.primary and p.country_code and p.population >= FOREIGN_MIN_POPULATION
        ]
        if big:
            votes[max(big, key=lambda p: p.population).country_code] += 1
    return [code for code, _ in votes.most_common()]


def _resolve(f: _Found, gaz: Gazetteer, countries: list[str]) -> Place | None:
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


def _mention(
    doc: Doc, offset: int, f: _Found, gaz: Gazetteer, countries: list[str]
) -> Mention | None:
    place = _resolve(f, gaz, countries)
    if place is None:
        return None
    first, last = f.first, f.last
    qualifiers = []
    possessed = (
        first >= 2 and doc[first - 1].lower_ in DIRECTIONS and _is_possessive(doc, first - 2)
    )
    if first >= 1 and doc[first - 1].lower_ in DIRECTIONS and not possessed:
        first -= 1
        qualifiers.append(doc[first].lower_)
    elif first >= 4:  # "the eastern part of Libya"
        the, direction, part, of = (t.lower_ for t in doc[first - 4 : first])
        if (the, part, of) in (("the", "part", "of"), ("the", "parts", "of")) and (
            direction in DIRECTIONS
        ):
            qualifiers.append(direction)
    if f.type_word == "countryside":
        qualifiers.append("countryside")
    if _is_possessive(doc, last + 1) and last + 2 < len(doc):
        noun = doc[last + 2].lower_
        if noun in PART_NOUNS:
            qualifiers.append(noun)
    span = Span(offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text))
    literal = _literal(doc, f.first, f.last)
    return Mention(span, place, " ".join(qualifiers) or None, literal)


def _is_possessive(doc: Doc, k: int) -> bool:
    return 0 <= k < len(doc) and doc[k].text in ("'s", "’s", "'", "’")


def _literal(doc: Doc, first: int, last: int) -> bool:
    """False when the name stands for an actor (see the module docstring)."""
    words = doc.user_data["lower"]
    n = len(words)
    after = last + 1
    if after + 1 < n and words[after] == "-" and words[after + 1] in AGENT_COMPOUNDS:
        return False
    if _in_between_list(doc, first):
        return False
    before = first - 1
    while before >= 0 and (words[before] in ("the", "a", "an") or words[before] in DIRECTIONS):
        before -= 1
    if before >= 0 and words[before] in LOCATIVE:
        return True
    if _is_possessive(doc, after):
        return not any(w in ACTOR_NOUNS for w in words[after + 1 : after + 5])
    k = _verb_slots(doc)[after]  # after <= n, and slots[n] == n
    if (
        k < n
        and doc[k].text.islower()
        and (words[k] in ACTOR_VERBS_AFTER or words[k] in ("that", "who"))
    ):
        return False
    if before >= 0 and words[before] in ACTOR_VERBS_BEFORE:
        return False
    return not (after < n and words[after] in ACTOR_NOUNS)


def _verb_slots(doc: Doc) -> list[int]:
    """For each token, where the verb of a name just before it would be: past adverbs
    ("then", "-ly") and the rest of a list of places (", Jordan and the US"), which
    share their verb. Worked out once per line, right to left: walked from every
    name, a line listing thousands of places ("Homs, Homs, ...") cost its square."""
    data = doc.user_data
    if "verb_slots" not in data:
        words, capital, n = data["lower"], data["capital"], len(doc)
        past_list = [n] * (n + 1)  # first token from k on that is no "the" or Name
        slots = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            word = words[k]
            past_list[k] = past_list[k + 1] if word == "the" or capital[k] else k
            if (word.endswith("ly") and word.isalpha()) or word == "then":
                slots[k] = slots[k + 1]
            elif word in (",", "and"):  # a list of places shares its verb
                slots[k] = slots[past_list[k + 1]]
            else:
                slots[k] = k
        data["verb_slots"] = slots
    return data["verb_slots"]


def _in_between_list(doc: Doc, first: int) -> bool:
    """ "between Russia, Jordan and the US": every party of the list."""
    for k in range(first - 1, max(-1, first - 10), -1):
        if doc[k].lower_ == "between":
            return True
        if doc[k].lower_ not in (",", "and", "the") and not doc[k].text[:1].isupper():
            return False
    return False
