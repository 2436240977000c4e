"""Step 1, local places: a name the gazetteer lacks, made known by a type word after
it ("Wadajir district", "Neches River", "Hyland-Croy Road"), unless the words are a
person's ("Angela Hill, a spokeswoman") or a service's district ("Waste District").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress
from typing import TYPE_CHECKING

from tidynews.pipeline.places.context import written
from tidynews.pipeline.places.gazetteer import Place
from tidynews.pipeline.places.lexicon import (
    DIRECTIONS,
    GENERIC_NAMES,
    HUMAN_VERBS,
    LOCAL_KINDS,
    LOCAL_TYPE_WORDS,
    PERSON_TITLES,
    SERVICE_WORDS,
    SPEECH_VERBS,
    SURNAME_KINDS,
    TYPE_WORDS,
)
from tidynews.pipeline.places.people import abbreviated, stop_words

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_KIND_WORDS = frozenset(LOCAL_KINDS) | frozenset(LOCAL_TYPE_WORDS)  # one ends a local place
# the farthest a local place's type word is from its first word: four words and a
# hyphen (the loop below), then "refugee" before "camp"
LOCAL_REACH = 6


def kind_words(doc: Paragraph) -> list[int]:
    """The tokens of the line that may end a local place, in order (found once)."""
    kinds = doc.user_data.get("local_kinds")
    if kinds is None:
        lower = doc.user_data["lower"]
        kinds = doc.user_data["local_kinds"] = (
            list(compress(range(len(lower)), map(_KIND_WORDS.__contains__, lower)))
            if not _KIND_WORDS.isdisjoint(lower)
            else []
        )
    return kinds


def may_start_local(kinds: list[int], i: int) -> bool:
    """Whether a local place may start at token i: a type word within reach after it
    (most capitalised words have none)."""
    nearest = bisect_right(kinds, i)
    return nearest < len(kinds) and kinds[nearest] <= i + LOCAL_REACH


def local_place(doc: Paragraph, i: int) -> tuple[int, str, Place] | None:
    """ "Wadajir district": capitalised words the gazetteer lacks, then a type word."""
    words, lower, n = doc.user_data["words"], doc.user_data["lower"], len(doc)
    if not may_start_local(kind_words(doc), i):
        return None
    k = i
    while k < n and k - i < 4 and words[k].istitle() and lower[k] not in stop_words():
        if k > i and (lower[k] in LOCAL_KINDS or lower[k] in LOCAL_TYPE_WORDS):
            break  # "Neches River": the type word, capitalised as part of the name
        k += 1
        if k + 1 < n and lower[k] == "-" and words[k + 1].istitle():
            k += 1  # "Hyland-Croy Road"
    if k == i or k >= n:
        return None
    if i > 0 and words[i - 1].istitle() and lower[i - 1] not in stop_words():
        return None  # inside a longer capitalised run: an organisation's name
    end = k + 1 if lower[k] == "refugee" and k + 1 < n else k
    word = lower[end]
    if word not in LOCAL_TYPE_WORDS and word not in LOCAL_KINDS:
        return None
    if _not_local(doc, i, end):
        return None
    name = written(doc, i, end)
    kind = LOCAL_KINDS.get(word) or ("camp" if word == "camp" else TYPE_WORDS[word])
    place = Place(f"local:{_SLUG_RE.sub('-', name.lower()).strip('-')}", name, kind)
    return end, word, place


def _not_local(doc: Paragraph, i: int, end: int) -> bool:
    """A person ("Ms. Hill", "Marvin F. Lane", "Juantissa Hill, 24,") or a service's
    district ("School District", "Southeast District") read as a local place."""
    lower, words, n = doc.user_data["lower"], doc.user_data["words"], len(doc)
    if lower[i] in PERSON_TITLES or (end - 1 > i and abbreviated(doc, end - 1)):
        return True
    if lower[end] == "district":
        return any(
            lower[k] in SERVICE_WORDS or lower[k] in DIRECTIONS or lower[k] in GENERIC_NAMES
            for k in range(i, end)
        )
    if lower[end] not in SURNAME_KINDS or end + 1 >= n:
        return False
    after = lower[end + 1]
    if after in SPEECH_VERBS or after in HUMAN_VERBS:
        return True  # "Angela Hill said"
    then = words[end + 2] if end + 2 < n else ""
    return after == "," and (then[:1].isdigit() or then in ("a", "an", "the"))
