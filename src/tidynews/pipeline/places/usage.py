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

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph
    from tidynews.pipeline.places.names import Name


def qualify(doc: Paragraph, f: Name) -> tuple[int, str | None]:
    """The first token of the mention (a direction before the name joins its span)
    and the qualifier, if any."""
    first, last, lower = f.first, f.last, doc.user_data["lower"]
    qualifiers = []
    possessed = first >= 2 and lower[first - 1] in DIRECTIONS and _is_possessive(doc, first - 2)
    if first >= 1 and lower[first - 1] in DIRECTIONS and not possessed:
        first -= 1
        qualifiers.append(lower[first])
    elif first >= 4:  # "the eastern part of Libya"
        the, direction, part, of = lower[first - 4 : first]
        if (the, part, of) in (("the", "part", "of"), ("the", "parts", "of")) and (
            direction in DIRECTIONS
        ):
            qualifiers.append(direction)
    if f.type_word == "countryside":
        qualifiers.append("countryside")
    if _is_possessive(doc, last + 1) and last + 2 < len(doc):
        noun = lower[last + 2]
        if noun in PART_NOUNS:
            qualifiers.append(noun)
    return first, " ".join(qualifiers) or None


def _is_possessive(doc: Paragraph, k: int) -> bool:
    return 0 <= k < len(doc) and doc.user_data["words"][k] in POSSESSIVE_MARKS


def literal(doc: Paragraph, first: int, last: int) -> bool:
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
    k = _verb_slot(doc, after)  # after <= n
    if (
        k < n
        and doc.user_data["words"][k].islower()
        and (words[k] in ACTOR_VERBS_AFTER or words[k] in ("that", "who"))
    ):
        return False
    if before >= 0 and words[before] in ACTOR_VERBS_BEFORE:
        return False
    return not (after < n and words[after] in ACTOR_NOUNS)


def _verb_slot(doc: Paragraph, k: int) -> int:
    """Where the verb of a name just before token k would be (n for none): past
    adverbs ("then", "-ly") and the rest of a list of places (", Jordan and the US"),
    which share their verb. Each token's slot is kept in the line's user_data, so a
    line listing thousands of places ("Homs, Homs, ...") costs its length, not its
    square; a line reads only the tokens after its names."""
    data = doc.user_data
    words, capital, n = data["lower"], data["capital"], len(doc)
    slots = data.setdefault("verb_slot", {})
    path = []
    while k < n and k not in slots:
        word = words[k]
        if (word.endswith("ly") and word.isalpha()) or word == "then":
            path.append(k)
            k += 1
        elif word in (",", "and"):  # a list of places shares its verb
            path.append(k)
            k += 1
            while k < n and (words[k] == "the" or capital[k]):
                k += 1  # to the first token that is no "the" or name
        else:
            break
    slot = slots.get(k, k)
    for visited in path:
        slots[visited] = slot
    return slot


def _verb_slots(doc: Paragraph) -> list[int]:
    """Every token's verb slot, and n's (n): the whole line at once."""
    return [_verb_slot(doc, k) for k in range(len(doc) + 1)]


def _in_between_list(doc: Paragraph, first: int) -> bool:
    """ "between Russia, Jordan and the US": every party of the list."""
    lower, capital = doc.user_data["lower"], doc.user_data["capital"]
    for k in range(first - 1, max(-1, first - 10), -1):
        if lower[k] == "between":
            return True
        if lower[k] not in (",", "and", "the") and not capital[k]:
            return False
    return False
