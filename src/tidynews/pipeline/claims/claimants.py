"""Who makes a claim: the X rules 1-5 found, else rules 6-7, and what kind of source X is.

A pronoun or "the report" / "the source" as X stands for the last named source of
the segment, so the segment's `Voice` carries that source from sentence to sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, TypeAlias

import pycountry

from tidynews.pipeline.claims.lexicon import (
    BODY_WORDS,
    GROUP_WORDS,
    MEDIA_WORDS,
    NAME_LINKS,
    OFFICIAL_WORDS,
    PRONOUNS,
    SPEAKER_OR_ADDRESSEE,
    STANDING_FOR_A_SOURCE,
)
from tidynews.pipeline.vocab import ClaimantType

_WORD_RE = re.compile(r"[a-z]+")
# what stands for a source named before: no source itself (one set, made once)
_STANDING_FOR = PRONOUNS | STANDING_FOR_A_SOURCE
_PRONOUN_REACH = 0  # paragraphs back: without a parser, only the same paragraph is safe

# Who speaks in a segment when no one else is named: its author or its commenter.
OwnVoice: TypeAlias = Literal["author", "commenter"]


@dataclass(slots=True)
class Voice:
    """Who speaks when no one else is named, and the last source named in the segment."""

    own: OwnVoice
    last_source: tuple[str, ClaimantType] | None = None
    quoted: tuple[str, ClaimantType] | None = field(default=None)
    paragraph: int = 0
    # the last named person and the last named body that spoke, with their paragraph
    person: tuple[str, int] | None = None
    body: tuple[str, int] | None = None

    def recent(self) -> tuple[str, ClaimantType] | None:
        """The source named in the paragraph before this one, if any."""
        if self.person is not None and self.paragraph - self.person[1] == 1:
            return self.person[0], _claimant_type(self.person[0])
        return None

    def named(self, claimant: str, ctype: ClaimantType) -> None:
        """Remember a source a later "he", "she", "they" or "the report" may stand for."""
        if claimant.lower() in _STANDING_FOR:
            return
        self.last_source = (claimant, ctype)
        words = claimant.split()
        if not all(w[:1].isupper() or w.lower() in NAME_LINKS for w in words):
            return  # "the senator": a role, not a name a pronoun is carried to
        lowered = set(_WORD_RE.findall(claimant.lower()))
        if ctype == "person" or (ctype == "official" and not lowered & BODY_WORDS):
            self.person = (claimant, self.paragraph)
        else:
            self.body = (claimant, self.paragraph)


def speaker(
    found: tuple[str, str] | None,
    opened: bool,
    state: Voice,
    carried: tuple[str, str] | None = None,
) -> tuple[str, ClaimantType, str | None]:
    """(claimant, claimant_type, cue) of a sentence, given what rules 1-5 `found` in it,
    whether it `opened` a quotation and the source another sentence of its quotation
    named (`carried`, cue-less); updates `state` for the sentences after it."""
    if found is not None and (found[0].lower() in SPEAKER_OR_ADDRESSEE or not found[0]):
        found = None  # "I said", "you wrote": the segment's own voice, not a third party
    if found is None and carried is not None and carried[0].lower() not in SPEAKER_OR_ADDRESSEE:
        claimant = _resolve(carried[0], state)
        ctype = _claimant_type(claimant)
        state.quoted = (claimant, ctype)
        return claimant, ctype, None
    if found is not None:
        claimant, cue = found
        claimant = _resolve(claimant, state)
        ctype = _claimant_type(claimant)
        state.named(claimant, ctype)
        state.quoted = (claimant, ctype)
        return claimant, ctype, cue
    if opened and state.quoted is not None:  # rule 6
        claimant, ctype = state.quoted
        return claimant, ctype, None
    state.quoted = None  # rule 7
    return state.own, state.own, None


def _resolve(claimant: str, state: Voice) -> str:
    """A pronoun stands for the nearest compatible named source of the last paragraphs
    ("he" a person, "they" and "it" a body); left as written when there is none."""
    lowered = claimant.lower()
    if lowered in STANDING_FOR_A_SOURCE:
        return state.last_source[0] if state.last_source else claimant
    if lowered not in PRONOUNS:
        return claimant
    near = state.person if lowered in ("he", "she") else state.body
    if near is not None and state.paragraph - near[1] <= _PRONOUN_REACH:
        return near[0]
    return claimant


def _claimant_type(claimant: str) -> ClaimantType:
    lowered = claimant.lower()
    if lowered == "author":
        return "author"
    if lowered == "commenter":
        return "commenter"
    words = set(_WORD_RE.findall(lowered))
    if words & MEDIA_WORDS:
        return "media"
    if words & OFFICIAL_WORDS or _is_country(claimant):
        return "official"
    if words & GROUP_WORDS:
        return "group"
    if lowered in PRONOUNS or lowered in STANDING_FOR_A_SOURCE:
        return "unknown"
    if all(w[:1].isupper() for w in claimant.split()):
        return "person"
    return "unknown"


def _is_country(name: str) -> bool:
    """A country speaking is its government ("Israel has said")."""
    return name.lower() in _country_names()


@cache
def _country_names() -> frozenset[str]:
    """What pycountry.countries.lookup() finds, lower-cased: every field of every
    country (codes, names, official names). Its lookup reads all of them one by one
    before it gives up, which most claimants ("the board") make it do."""
    return frozenset(
        value.lower() for country in pycountry.countries for value in country._fields.values()
    )
