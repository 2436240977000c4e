"""Step 1, the words around a name: whether they say it is a place, a town, in a
state ("Paris, Ky."), in a list of counties, or in a dateline; a sentence's start.

Read from the token lists `names.line_docs` puts in each line's user_data.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from tidynews.pipeline.places.gazetteer import Gazetteer
from tidynews.pipeline.places.lexicon import (
    COMPOUND_PLACES,
    LOCAL_NOUNS,
    MODIFIERS,
    ONE_LOCAL_NOUNS,
    ORGANISATION_WORDS,
    PARTIES,
    PERSON_TITLES,
    PLACING_WORDS,
    PLURAL_TYPE_WORDS,
    SENTENCE_BREAKS,
    STREET_ABBREVIATIONS,
    STREET_WORDS,
    TYPE_WORDS,
)

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph

DATELINE_AFTER = (".", "!", "?", '"', "”", "'", "’")  # a dateline follows a sentence's end
DATELINE_MARKS = (",", "-", "--", "—", "–", "(", ":")
MODIFIER_ENDINGS = ("ing", "ed", "ern", "al", "ic", "ive", "est")


def written(doc: Paragraph, first: int, last: int) -> str:
    data = doc.user_data
    return data["text"][data["starts"][first] : data["ends"][last]]


def find_datelines(doc: Paragraph) -> dict[int, int]:
    """All-capital datelines ("COLUMBUS, Ohio —", "BEIRUT:"): the token each opens
    with, and the token after it. One opens the line or follows a sentence's end
    or a date (a whole article is often one line: headline, byline, dateline)."""
    out: dict[int, int] = {}
    words, n = doc.user_data["words"], len(doc)
    for i in compress(range(n), map(str.isupper, words)):  # few words are all capitals
        word = words[i]
        if len(word) < 2 or not word.replace(".", "").isalpha():
            continue
        if i > 0 and words[i - 1] not in DATELINE_AFTER and not words[i - 1].isdigit():
            continue
        k = i
        while k < min(n, i + 4) and (
            (words[k].isupper() and words[k].replace(".", "").isalpha())
            or (words[k] == "." and k + 1 < n and words[k + 1].isupper())  # "ST. PAUL"
        ):
            k += 1
        mark = k < n and (words[k] in DATELINE_MARKS or words[k].isspace() or _dashes(words[k]))
        if mark and k - i <= 3:
            out[i] = k
    return out


def _dashes(word: str) -> bool:
    return set(word) <= {"-", "—", "–"}  # "COLUMBIA ---"


def says_place(doc: Paragraph, first: int, last: int) -> bool:
    """Whether the words around a name say it is a place: a locative word before it
    ("in Paris"), a type word after it ("Adair County"), or a town's context."""
    lower, words, n = doc.user_data["lower"], doc.user_data["words"], len(doc)
    if first > 0 and lower[first - 1] in PLACING_WORDS:
        return True
    if last + 1 < n and lower[last + 1] in TYPE_WORDS:
        return True
    # "Gori-based", "Atlanta-area"; a legislator's party and district: "D-Beachwood"
    if last + 2 < n and lower[last + 1] == "-" and lower[last + 2] in COMPOUND_PLACES:
        return True
    if first > 1 and lower[first - 1] == "-" and words[first - 2] in PARTIES:
        return True
    return says_town(doc, first, last) or listed_before(doc, last) is not None


def says_town(doc: Paragraph, first: int, last: int) -> bool:
    """Words local news puts around a town: "of" after a person ("Jane Roe of
    Paris"), a person's age or an address before it ("Jane Roe, 36, Paris"; "12 Elm
    St., Paris"), a noun after it ("a Paris man", "Paris police")."""
    lower, capital, n = doc.user_data["lower"], doc.user_data["capital"], len(doc)
    if first > 1 and lower[first - 1] == "of":
        before = lower[first - 2]
        if not capital[first - 2] or (
            before not in ORGANISATION_WORDS and first > 2 and capital[first - 3]
        ):
            return True  # "a resident of Elida", "Jane Roe of Paris"; not "Bank of"
    if first > 2 and lower[first - 1] == ",":
        before = lower[first - 2]
        if (before.isdigit() and lower[first - 3] == ",") or (
            before in STREET_WORDS or before in STREET_ABBREVIATIONS
        ):
            return True
    if last + 1 < n and lower[last + 1] in LOCAL_NOUNS:
        return True
    # "a Lovejoy senior", "a Buford home" (but "the Jones home" is a family's)
    return (
        last + 1 < n
        and lower[last + 1] in ONE_LOCAL_NOUNS
        and first > 0
        and lower[first - 1] in ("a", "an")
    )


def places_within(doc: Paragraph, last: int, gaz: Gazetteer) -> frozenset[str]:
    """The states or countries a comma puts a name in ("Paris, Ky.", "Paris, France"):
    ids of the first-level subdivisions and countries the words after it may name."""
    lower, n = doc.user_data["lower"], len(doc)
    if last + 2 >= n or lower[last + 1] != "," or not doc.user_data["capital"][last + 2]:
        return frozenset()
    for end in range(min(n - 1, last + 4), last + 1, -1):
        after = [gaz.places[c.place_id] for c in gaz.candidates(written(doc, last + 2, end))]
        ids = frozenset(p.place_id for p in after if p.kind in ("admin1", "country"))
        if ids:
            return ids
    return frozenset()


def listed_before(doc: Paragraph, last: int) -> str | None:
    """The type word a list of names ends in ("Clarke, Madison and Oconee counties"),
    for a name in it."""
    lower, capital = doc.user_data["lower"], doc.user_data["capital"]
    for k in range(last + 1, min(len(doc), last + 12)):
        if lower[k] in PLURAL_TYPE_WORDS:
            return PLURAL_TYPE_WORDS[lower[k]]
        if not (capital[k] or lower[k] in (",", "and", "or")):
            return None
    return None


def modifier(doc: Paragraph, k: int, last: int) -> bool:
    """A word opening a sentence that qualifies the place after it ("Missing Lancaster
    girl", "Rethinking Egypt-US ties", "Downtown Greer"), not a first name ("Gwynne
    Dyer is"): an adjective's or participle's ending, or the place read as a town's
    or a state's abbreviation."""
    word = doc.user_data["lower"][k]
    if word.endswith(MODIFIER_ENDINGS) or word in MODIFIERS:
        return True
    return doc.user_data["words"][last].endswith(".") or says_town(doc, k + 1, last)


def sentence_start(doc: Paragraph, k: int) -> bool:
    """Whether token k opens a sentence: not after an abbreviation's point ("Lt. Pat")."""
    if k == 0:
        return True
    lower = doc.user_data["lower"]
    if lower[k - 1] == "." and k > 1 and lower[k - 2] + "." in PERSON_TITLES:
        return False
    return lower[k - 1] in SENTENCE_BREAKS
