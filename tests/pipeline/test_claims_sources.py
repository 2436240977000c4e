"""Sources the news register names in ways a plain "X said" does not: a long opening
noun phrase with an apposition or relative clause before the cue, and a headline's bare
role noun ("analyst says"), a title the tokenizer splits from its stop ("said Lt. Ana
Ruiz"); and what only looks like a report ("police responded to the scene"). Sentences
are made up for the tests."""

from __future__ import annotations

import pytest

from tidynews.pipeline.claims import Claim, find_claims
from tidynews.pipeline.spans import Span


def one(text: str) -> Claim:
    (claim,) = find_claims(text, Span(0, len(text)), "author")
    return claim


@pytest.mark.parametrize(
    ("sentence", "claimant", "cue"),
    [
        # an opening noun phrase, then an apposition or a relative clause, then the cue
        (
            "The keeper of nine years, a retired sailor who spoke on condition of anonymity, "
            "said the light had failed twice.",
            "The keeper of nine years",
            "said",
        ),
        (
            "One resident, who lives by the pier, said the dock was unsafe.",
            "One resident",
            "said",
        ),
        (
            "State Sen. Ana Ruiz of New Mexico, a harbour ally, said the vote would pass.",
            "State Sen. Ana Ruiz of New Mexico",
            "said",
        ),
        # headlines: a bare role noun before a present-tense cue
        ("Ferry fares will rise next year, analyst says.", "analyst", "says"),
        ("But expert says more towns will close their piers.", "expert", "says"),
        ("Harbour deal, official says, saved the fleet.", "official", "says"),
        # an aside between commas after the auxiliary belongs to the cue
        (
            "Port officials have, in fact, praised the plan.",
            "Port officials",
            "have, in fact, praised",
        ),
        ("The board has, however, said it will appeal.", "The board", "has, however, said"),
    ],
)
def test_sources_named_at_a_distance(sentence, claimant, cue):
    claim = one(sentence)
    assert (claim.claimant, claim.cue) == (claimant, cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ferry fares rose again this week, raising fears that the service will end.",
        "The pier closed in March, prompting calls for a new harbour board.",
    ],
)
def test_a_participle_after_a_comma_is_no_headline_source(sentence):
    assert one(sentence).claimant == "author"


def test_an_aside_after_a_name_is_no_part_of_the_cue():
    claim = one("Ruiz, however, said the port will close.")
    assert (claim.claimant, claim.cue) == ("Ruiz", "said")


def test_a_clause_before_an_apposition_is_no_source():
    """The name after the cue speaks, not the clause the sentence opens with."""
    claim = one("Prices rose sharply last year, a sign of trouble, said Omar Diaz.")
    assert (claim.claimant, claim.cue) == ("Omar Diaz", "said")


@pytest.mark.parametrize(
    "sentence",
    [
        "Harbour police units responded to the scene with a dive team.",
        "The fire crew responded quickly to the call from the marina.",
        "The injured divers are responding well to treatment.",
    ],
)
def test_responding_to_an_emergency_or_a_cure_is_no_report(sentence):
    assert one(sentence).claimant == "author"


def test_responding_to_a_question_is_a_report():
    claim = one("Ruiz responded to the criticism on Friday.")
    assert (claim.claimant, claim.cue) == ("Ruiz", "responded to")


@pytest.mark.parametrize("title", ["Lt.", "Sgt.", "Capt.", "Lt. Col."])
def test_a_title_the_tokenizer_splits_from_its_stop_stays_in_the_name(title):
    claim = one(f"“The pier is closed,” said {title} Ana Ruiz of the harbour police.")
    assert claim.claimant == f"{title} Ana Ruiz of the harbour police"
