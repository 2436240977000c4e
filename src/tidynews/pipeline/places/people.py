"""Step 1, who is a person: the words that make a one-word name a person's.

Local news names towns after people and people after towns ("Jackson", "Bell",
"Fairfield"). Around the name: a title ("Sen. Clinton"), a first name or an initial
before it ("Phil Hartley", "Tyrise M. Bell"), a middle initial after it ("Victoria N.
Pearson"), a verb only people do ("Nelson said", "Lincoln visited"), a person's noun
after its possessive ("Bell's attorney"), "the Jones family", "the Bush
administration", an age ("Parker, 8,"). A name read so is one of the document's
`people`, and its bare mentions elsewhere are that person too (`mentions`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from tidynews.pipeline.places.context import modifier, sentence_start
from tidynews.pipeline.places.lexicon import (
    HUMAN_VERBS,
    MONTHS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    PERSON_TITLES,
    POSSESSIVE_MARKS,
    SPEECH_VERBS,
    STREET_WORDS,
    TITLE_WORDS,
    TYPE_WORDS,
    WEEKDAYS,
)
from tidynews.pipeline.startup import import_spacy

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph

MAX_AGE = 110
INITIALS_RE = re.compile(r"^(?:[A-Z]\.){2,3}$")
# capitalised words before a name that make it no surname: "Baptist Church Maryville"
# (.union: `frozenset | dict_keys` is a set at run time, not the frozenset typeshed
# declares, and mypyc-compiled code checks the declared type.)
NOT_FIRST_NAMES = ORGANISATION_WORDS.union(TITLE_WORDS, TYPE_WORDS, MONTHS, WEEKDAYS, STREET_WORDS)


@cache
def stop_words() -> frozenset[str]:
    """nlp.STOP_WORDS as a plain set, for tests run on every span a name may take
    (STOP_WORDS tests membership through a method written in Python)."""
    import_spacy()  # first, as nlp does: this import would load spaCy's command line
    from spacy.lang.en.stop_words import STOP_WORDS as words

    return frozenset(words)


def name_word(word: str) -> bool:
    """A capitalised word that may be part of a name: "Pearson", "McClain", "DeWayne";
    not an acronym ("FBI")."""
    return word[:1].isupper() and word.isalpha() and not word.isupper()


def abbreviated(doc: Paragraph, k: int) -> bool:
    """Token k ends an initial or a short title ("M.", "St.", "Dr."), as one token or
    as a letter and a point."""
    words = doc.user_data["words"]
    word = words[k]
    if word == "." and k > 0:
        word = words[k - 1] + "."
    if not word.endswith("."):
        return False  # most words: both tests below need the point
    if INITIALS_RE.match(word) and not set(word) <= set("NSEW."):
        return True  # "C.J. McArthur", "J.M. Barrie"; not "N.W. Rochester"
    head = word[:-1]
    return (
        head.isalpha()
        and head[:1].isupper()
        and (len(head) == 1 or head.lower() + "." in PERSON_TITLES or head in ("St", "Mt"))
    )


def initial_then_name(doc: Paragraph, k: int) -> bool:
    """Token k is a middle initial ("N." or "N" and ".") and a name follows it."""
    words, n = doc.user_data["words"], len(doc)
    word = words[k]
    if len(word) == 1 and word.isupper() and k + 1 < n and words[k + 1] == ".":
        k += 1
    elif not (len(word) == 2 and word[0].isupper() and word[1] == "."):
        return False
    return k + 1 < n and name_word(words[k + 1])


def ends_full_name(doc: Paragraph, k: int) -> bool:
    """Token k closes a run of names as a surname does: a first name or an initial
    before it, no capitalised word after it ("Amherst College" is no person's)."""
    words, lower = doc.user_data["words"], doc.user_data["lower"]
    if k + 1 < len(doc) and name_word(words[k + 1]):
        return False
    if k > 0 and abbreviated(doc, k - 1):
        return True
    return (
        k > 0
        and name_word(words[k - 1])
        and lower[k - 1] not in stop_words()
        and lower[k - 1] not in NOT_FIRST_NAMES
    )


def personal(doc: Paragraph, k: int, local: bool, small: bool, placed: bool) -> bool:
    """Whether the one-word name at token k is a person's by the words around it.

    A title before it makes any name a person's; an age after it, a person's noun after
    its possessive, "the X family" or "X administration" a town's or a county's (`local`);
    a verb only people do where nothing places it ("said" only of a town under 100,000
    people, `small`: a city may speak for its government)."""
    lower, n = doc.user_data["lower"], len(doc)
    if k > 0 and lower[k - 1] in PERSON_TITLES:
        return True
    if not local:
        return False
    after = lower[k + 1] if k + 1 < n else ""
    if after in POSSESSIVE_MARKS and k + 2 < n and lower[k + 2] in PERSON_NOUNS:
        return True
    if after == "administration" or (after == "family" and k > 0 and lower[k - 1] == "the"):
        return True
    if after == "," and k + 3 < n and lower[k + 3] == ",":
        age = lower[k + 2]
        if age.isdigit() and len(age) <= 3 and int(age) <= MAX_AGE:
            return True
    if placed:
        return False
    return after in HUMAN_VERBS or (small and after in SPEECH_VERBS)


def part_of_other_name(doc: Paragraph, first: int, last: int) -> bool:
    """A one-word match beside other capitalised words that make no place together:
    part of a person's or an organisation's name ("Africa Union forces")."""
    if first != last:
        return False
    # after a state's abbreviation that ends a sentence ("Lumpkin, Ga. Jones said")
    words, lower = doc.user_data["words"], doc.user_data["lower"]
    closing = words[last].endswith(".") and first > 0 and words[first - 1] == ","
    after = len(doc) if closing else last + 1
    for k in (first - 1, after):
        if not 0 <= k < len(doc):
            continue
        if k == first - 1 and abbreviated(doc, k):
            return True  # a middle initial or a title: "Tyrise M. Bell", "St. Patrick"
        if words[k] == "&":
            return True  # a firm's: "Hartman & Tyner"
        if k == after and initial_then_name(doc, k):
            return True  # a first name: "Victoria N. Pearson"
        word = lower[k]
        if (
            name_word(words[k])
            and word not in stop_words()
            and word not in TITLE_WORDS
            and word not in TYPE_WORDS
            and word not in MONTHS
            and word not in WEEKDAYS
            and not (k == first - 1 and sentence_start(doc, k) and modifier(doc, k, last))
        ):
            return True
    return False
