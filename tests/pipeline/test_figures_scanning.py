"""The cheap tests that spare most tokens and lines the figure rules: each must pass
everything the rules could read as a figure."""

import pytest
from text_to_num import text2num

from tidynews.pipeline.figures import find_figures
from tidynews.pipeline.figures.numbers import NUMBER_WORDS, has_number_word, is_number_word
from tidynews.pipeline.spans import Span


def _reads(word: str) -> bool:
    try:
        text2num(word, "en")
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "word",
    [
        "one",
        "o",
        "nought",
        "fourty",
        "twelve",
        "ninety",
        "billion",
        "first",
        "third",
        "twentieth",
        "dozen",
        "trillion",
        "and",
        "a",
        "half",
        "point",
        "score",
        "twentyone",
    ],
)
def test_a_number_word_is_one_text2num_reads_alone(word):
    assert is_number_word(word) == _reads(word)


def test_plurals_are_no_number_words():
    assert _reads("hundreds") and not is_number_word("hundreds")
    assert all(word.isalpha() and not word.endswith("s") for word in NUMBER_WORDS)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Some twenty came.", True),
        ("Half of them left.", True),
        ("Someone's money.", False),
        ("Two-thirds voted.", True),
        ("Nothing here.", False),
        ("oneé", True),
        ("Quarters.", True),
    ],
)
def test_a_line_is_scanned_only_when_it_may_hold_a_number_word(line, expected):
    assert has_number_word(line) == expected


# what the rules read before the cheap tests came in front of them
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On June 3, 2019, a third of the 40 staff left.",
            [
                ("June 3, 2019", "2019-06-03", None),
                ("a third", None, 33.33),
                ("40 staff left", None, 40),
            ],
        ),
        ("A quarter of them, a few, and a third.", [("A quarter", None, 25.0)]),
        (
            "Jan. 5 and may 5 and May 2020.",
            [("Jan. 5", "--01-05", None), ("5", None, 5.0), ("May 2020", "2020-05", None)],
        ),
        (
            "Twelve hundred and twelve came; half a million stayed.",
            [("Twelve hundred and twelve came", None, 1212.0), ("half a million", None, 5e5)],
        ),
    ],
)
def test_figures_start_only_where_a_start_token_is(text, expected):
    found = find_figures(text, Span(0, len(text)))
    assert [(text[f.span.start : f.span.end], f.date, f.value) for f in found] == expected
