"""Steps 3 and 4, how a name is used: its qualifier, and whether it is literal.

Qualify: a direction before the name ("southern Syria"), "countryside" after it, a
part after a possessive ("Tripoli's suburbs"), or "the eastern part of X".

Literal: false when the name stands for an actor (gold GUIDELINES.md): a compound
agent ("US-backed"), a party "between X and Y", a subject ("Iran lost"), the object
of an actor's verb ("warned Israel"), a possessor of an act ("Israel's history"), an
agent before an action noun ("US airstrikes"). A name after a locative preposition
("in Syria", "prime minister of Somalia") stays literal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidynews.pipeline.places.lexicon import (
    ACTOR_NOUNS,
    ACTOR_VERBS_AFTER,
    ACTOR_VERBS_BEFORE,
    AGENT_COMPOUNDS,
    DIRECTIONS,
    LOCATIVE,
    PART_NOUNS,
    POSSESSIVE_MARKS,
)

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Doc

    from tidynews.pipeline.places.names import Name


def qualify(doc: Doc, f: Name) -> tuple[int, str | None]:
    """The first token of the mention (a direction before the name joins its span)
    and the qualifier, if any."""
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
    return first, " ".join(qualifiers) or None


def _is_possessive(doc: Doc, k: int) -> bool:
    return 0 <= k < len(doc) and doc[k].text in POSSESSIVE_MARKS


def literal(doc: Doc, first: int, last: int) -> bool:
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
