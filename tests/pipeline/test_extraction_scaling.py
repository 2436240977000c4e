"""Repetitive text costs extraction time in proportion to its length (issue 28).

No timings here (benchmarks/hostile_text.py measures them): each hostile document is
30 KB, which took from 20 s to minutes while the work was quadratic and takes well
under a second now, and the structural tests pin the bound each fix relies on.
"""

from __future__ import annotations

import random
import re

import pytest

import tidynews.pipeline.figures
from tidynews.pipeline.claims.verbless import MAX_CLAIMANT_TOKENS
from tidynews.pipeline.extract import extract
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.nlp import MAX_WORD_CHARS, english, spacy_doc, words
from tidynews.pipeline.places.names import line_docs
from tidynews.pipeline.places.usage import _verb_slots
from tidynews.pipeline.segment import segment
from tidynews.pipeline.spans import Span
from tidynews.pipeline.tokenizer import SUFFIX_WINDOW

try:  # Python 3.11 renamed the regex parser's module
    import re._parser as regex_parser
except ImportError:  # pragma: no cover
    import sre_parse as regex_parser


def _extraction(unit: str, size: int = 30_000):
    text = (unit * (size // len(unit) + 1))[:size]
    document = Document("hostile", "seeds/hostile.txt", "0" * 64, "utf-8", text)
    return extract(document, segment(document))


def test_a_line_listing_thousands_of_places_gives_each_its_mention():
    extraction = _extraction("Homs, ")
    assert len(extraction.mentions) == 5_000
    assert {found.row.place.place_id for found in extraction.mentions} == {"geonames:169577"}


def test_an_endless_number_phrase_is_read_a_short_phrase_at_a_time(monkeypatch):
    seen: list[int] = []

    def counting(phrase: str, lang: str):
        seen.append(len(phrase.split()))
        return real(phrase, lang)

    real = tidynews.pipeline.figures.text2num
    monkeypatch.setattr(tidynews.pipeline.figures, "text2num", counting)
    extraction = _extraction("twelve hundred and ")
    assert len(extraction.figures) > 1_000  # "twelve hundred and twelve", "hundred"...
    assert max(seen) <= tidynews.pipeline.figures._MAX_NUMBER_TOKENS


@pytest.mark.parametrize("unit", ['"', "(", ")", '"(', "``", "’"])
def test_a_line_of_punctuation_has_no_claims_figures_or_places(unit):
    extraction = _extraction(unit)
    assert (extraction.claims, extraction.figures, extraction.mentions) == ([], [], [])


def test_one_long_line_of_prose_reads_like_its_sentences():
    sentence = "Officials said 23 people were killed in Homs on Monday. "
    extraction = _extraction(sentence)
    text = extraction.document.text
    assert len(extraction.claims) == text.count("Officials")
    assert len(extraction.mentions) == text.count("Homs")


def test_a_number_of_hundreds_of_digits_is_no_figure():
    assert _extraction("1").figures == []


def test_a_very_long_word_is_tokenized_in_pieces_that_keep_their_offsets():
    line = "Homs " + "(" * (3 * MAX_WORD_CHARS + 5) + " fell."
    doc = spacy_doc(line)
    assert doc.text == line
    assert all(line[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert [t.text for t in doc][-2:] == ["fell", "."]
    assert len(list(doc.sents)) == 1  # a cut between pieces is no sentence boundary


def test_words_up_to_the_cap_are_tokenized_as_spacy_does():
    blank = english().tokenizer
    for line in ("x" * MAX_WORD_CHARS, "(" * MAX_WORD_CHARS, "U.S. troops' 5km."):
        assert [t.text for t in spacy_doc(line)] == [t.text for t in blank(line)]
        assert words(line).texts == [t.text for t in blank(line)]


def test_suffix_search_finds_spacys_suffix_from_the_end_of_the_word():
    """The window is wider than any suffix rule but the run of dots, whose matches
    reach back to the window's start, which widens it."""
    import spacy

    search = spacy.blank("en").tokenizer.suffix_search
    windowed = english().tokenizer.suffix_search
    rng = random.Random(28)
    alphabet = ["a", "Z", "5", ".", "'s", "’", '"', ")", "(", "km", "$", "…", "-", "°C", "%"]
    words = ["." * n for n in (2, 31, 32, 33, 200)] + ["x" + "." * 500, "5" + "km" * 40]
    words += ["".join(rng.choices(alphabet, k=rng.randint(1, 80))) for _ in range(3_000)]
    for word in words:
        expected, found = search(word), windowed(word)
        assert (found and found.span()) == (expected and expected.span()), word


def test_spacy_suffix_rules_are_shorter_than_the_window_but_the_run_of_dots():
    widths = {rule: regex_parser.parse(rule).getwidth()[1] for rule in english().Defaults.suffixes}
    unbounded = {rule for rule, width in widths.items() if width >= SUFFIX_WINDOW}
    assert unbounded == {r"\.\.+"}


def _verb_slot_walked(words: list[str], after: int) -> int:
    """The walk _verb_slots replaces, as places._literal did it for each name."""
    k, n = after, len(words)
    while k < n:
        if (words[k].endswith("ly") and words[k].isalpha()) or words[k] == "then":
            k += 1
        elif words[k] in (",", "and"):
            k += 1
            while k < n and (words[k] == "the" or words[k][:1].isupper()):
                k += 1
        else:
            break
    return k


def test_verb_slots_are_where_a_walk_from_each_token_stops():
    rng = random.Random(28)
    vocabulary = ["Homs", "Jordan", "the", ",", "and", "then", "quickly", "said", "lost", "US"]
    for _ in range(300):
        line = " ".join(["Homs", *rng.choices(vocabulary, k=rng.randint(0, 30))])
        ((doc, _),) = line_docs(line, Span(0, len(line)))
        words = doc.user_data["words"]
        slots = _verb_slots(doc)
        lowered = [w if w[:1].isupper() else w.lower() for w in words]
        assert [slots[k] for k in range(len(words) + 1)] == [
            _verb_slot_walked(lowered, k) for k in range(len(words) + 1)
        ]


def test_according_to_repeated_is_read_in_claimant_sized_pieces():
    """30,000 characters of "according to": one claim, its claimant cut to a source's
    length (claims.verbless.MAX_CLAIMANT_TOKENS), never the whole run."""
    (claim,) = _extraction("according to ").claims
    words = claim.row.claimant.split()
    assert 1 <= len(words) <= MAX_CLAIMANT_TOKENS
    assert set(words) <= {"according", "to"}


def test_long_word_cap_leaves_real_words_alone():
    assert re.search(rf"\S{{{MAX_WORD_CHARS + 1},}}", "https://example.com/" + "a" * 900) is None


def test_a_line_repeated_in_a_document_is_read_once():
    """A repeated line shares one reading (a 100 MB seed of one repeated paragraph took
    0.9 GB more when every copy got its own lists): words() and the places' notes."""
    line = "Officials in Homs said 23 people were killed."
    text = (line + "\n") * 3
    read = line_docs(text, Span(0, len(text)))
    assert [offset for _, offset in read] == [0, len(line) + 1, 2 * len(line) + 2]
    assert read[0][0] is read[1][0] is read[2][0]
    assert read[0][0].user_data["words"] is words(line).texts
