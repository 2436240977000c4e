"""The shared pipeline tokenizes as spaCy's own blank English does: tidynews only
changes how far back its suffix search looks, never what it finds."""

from __future__ import annotations

import pytest

from tidynews.pipeline.nlp import english, spacy_doc, tokens, words

TRICKY = [
    "Mr. O'Neil didn't say (it) -- \"no,\" he said... Then: $4.5bn, 3km, 10:30 a.m.",
    "See https://example.org/a?b=c&d=e or mail press@example.com :) #tag @user",
    "U.S. Sens. Smith & Jones, D-Ohio; the '90s, rock'n'roll, 5'11\", 1,000,000.",
    "Ellipses.... and dots..... end!!! Really?! «Quoted» “curly” ‘single’ — dash",
    "x" * 40 + "." * 40 + ")" * 5 + " " + "(" * 3 + "word" + "?!" * 20,
]


@pytest.fixture(scope="module")
def spacy_english():
    import spacy

    return spacy.blank("en")


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_are_spacys_default_english_tokens(text, spacy_english):
    ours = [(t.text, t.whitespace_) for t in english()(text)]
    assert ours == [(t.text, t.whitespace_) for t in spacy_english(text)]


def test_a_paragraph_is_split_into_sentences_and_tokens_are_shared():
    line = "It rained. Then 1,500 people... Then we left!"
    doc = spacy_doc(line)
    assert [s.text for s in doc.sents] == ["It rained.", "Then 1,500 people...", "Then we left!"]
    assert words(line).sents == [(s.start, s.end) for s in doc.sents]
    assert tokens(line) is tokens(line)
    assert [t.text for t in tokens(line)] == [t.text for t in doc]
