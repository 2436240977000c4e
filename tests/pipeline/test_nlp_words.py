"""nlp.words and nlp.tokens give what spaCy's Tokens and Doc.sents would, as plain
Python data: the extractors read these instead of making Token objects."""

from __future__ import annotations

import random

import pytest

from tidynews.pipeline.nlp import (
    MAX_WORD_CHARS,
    _sentence_marks,
    english,
    forget_paragraphs,
    is_punct,
    like_num,
    spacy_doc,
    tokens,
    words,
)

LINES = [
    "It rained. Then 1,500 people... Then we left!",
    "Two  spaces,   three, a tab\there and a trailing space ",
    " Leading space; “curly quotes,” she said — ‘single’ too.",
    "Ünïcödé Straße: 20 °C, 5 km², ½ cup, ÉTÉ à Montréal (naïve café).",
    "Emoji 🎉 and CJK 東京 and Greek Αθήνα, then a mixed-CASE McDonald's 3rd.",
    "Mr. O'Neil didn't say (it) -- \"no,\" he said... $4.5bn, 3km, 10:30 a.m. +5 ±3",
    "''It was a ''clash of civilizations,'' he said.'' Obama's aides' plan: 10am, 3pm.",
    "Let's go (: or :) -- don't, can't; U.S.-led, e.g. the '90s... 'Cause it's 5'11\".",
    'Well!!! Really?!? "Yes." (No.) Then... «Non.» ok',
    "tail mark at the end.",
    "",
    "   ",
]


_ATTRS = "i idx text lower_ whitespace_ is_alpha is_space is_title is_upper is_punct like_num"
_ATTRS_SPLIT = _ATTRS.split()


def _spacy_view(line: str) -> list[tuple[object, ...]]:
    return [tuple(getattr(t, name) for name in _ATTRS_SPLIT) for t in spacy_doc(line)]


def _our_view(line: str) -> list[tuple[object, ...]]:
    return [tuple(getattr(t, name) for name in _ATTRS_SPLIT) for t in tokens(line)]


@pytest.mark.parametrize("line", LINES)
def test_words_are_the_tokens_spacy_gives(line):
    w = words(line)
    assert w.line == line
    assert w.texts == [t.text for t in spacy_doc(line)]
    assert w.starts == [t.idx for t in spacy_doc(line)]
    assert w.lowers == [t.lower_ for t in spacy_doc(line)]
    assert w.spaces == [t.whitespace_ for t in spacy_doc(line)]
    assert _our_view(line) == _spacy_view(line)
    assert "".join(t + s for t, s in zip(w.texts, w.spaces, strict=True)) == line


@pytest.mark.parametrize("line", LINES)
def test_sentences_are_doc_sents(line):
    assert words(line).sents == [(s.start, s.end) for s in spacy_doc(line).sents]


# fragments that exercise spaCy's prefixes, suffixes, infixes, special cases (and the
# matcher that re-joins them: "''", "'s", "10am"), URLs, emoticons and whitespace
_FRAGMENTS = [
    "Obama's", "''", "''clash", "'", "don't", "U.S.", "Mr.", "10am", "3p.m.", ":)", "(:",
    "e.g.", "'90s", "rock'n'roll", "5'11\"", "$4.5bn", "3km", "1,000.", "(it)", "--", "...",
    "…", "!", "?!", "«Non»", "“curly”", "‘single’", "https://example.org/a?b=c", "a-b",
    "Let's", "'Cause", "said.", "said,", "Paris", "the", "2", "½", "°C", "km²", " ", "\t",
    "\u00a0", "", "x" * 40, "." * 7, ")" * 3,
]  # fmt: skip


def test_random_lines_read_as_spacy_reads_them():
    rng = random.Random(16)
    for _ in range(3_000):
        parts = rng.choices(_FRAGMENTS, k=rng.randint(1, 14))
        line = "".join(part + rng.choice(("", " ", " ", " ", "  ")) for part in parts)
        w = words(line)
        doc = spacy_doc(line)
        assert (w.texts, w.starts, w.spaces) == (
            [t.text for t in doc],
            [t.idx for t in doc],
            [t.whitespace_ for t in doc],
        ), line
        assert w.sents == [(s.start, s.end) for s in doc.sents], line


def test_sentence_marks_are_the_pipelines():
    sentencizer = english().get_pipe("sentencizer")
    assert _sentence_marks() == set(sentencizer.punct_chars)


def test_whitespace_runs_are_tokens_of_their_own():
    w = words("a  b\tc ")
    assert w.texts == ["a", " ", "b", "\t", "c"]
    assert w.spaces == [" ", "", "", "", " "]
    assert [t.is_space for t in tokens("a  b\tc ")] == [False, True, False, True, False]


def test_a_long_word_is_read_in_pieces_with_the_same_offsets():
    line = "Go " + "x" * (MAX_WORD_CHARS + 5) + " now. " + "(" * (2 * MAX_WORD_CHARS + 1) + " end."
    w = words(line)
    assert w.texts == [t.text for t in spacy_doc(line)]
    assert w.starts == [t.idx for t in spacy_doc(line)]
    assert w.texts[1:3] == ["x" * MAX_WORD_CHARS, "x" * 5]  # cut where _in_pieces cuts
    assert all(line[s : s + len(t)] == t for s, t in zip(w.starts, w.texts, strict=True))
    assert w.sents == [(s.start, s.end) for s in spacy_doc(line).sents]
    assert _our_view(line) == _spacy_view(line)


def test_words_are_shared_until_forgotten():
    line = "Shared once. Read twice."
    assert words(line) is words(line)
    assert tokens(line) is tokens(line)
    before = words(line)
    forget_paragraphs()
    assert words(line) is not before
    assert words(line) == before


@pytest.mark.parametrize(
    ("text", "punct", "num"),
    [
        (",", True, False),
        ("—", True, False),
        ("“", True, False),
        ("$", False, False),
        ("10", False, True),
        ("-1,000.5", False, True),
        ("3/4", False, True),
        ("ten", False, True),
        ("Third", False, True),
        ("21st", False, True),
        ("1a", False, False),
        ("...", True, False),
    ],
)
def test_lexeme_flags_are_spacys(text, punct, num):
    doc = spacy_doc(text)
    assert len(doc) == 1
    assert (is_punct(text), like_num(text)) == (doc[0].is_punct, doc[0].like_num) == (punct, num)
