"""Numbers that name or label something are not figures; amounts beside such words are."""

from __future__ import annotations

import pytest

from tidynews.pipeline.figures import find_figures
from tidynews.pipeline.spans import Span


def _texts(text: str) -> list[str]:
    return [text[f.span.start : f.span.end] for f in find_figures(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    "sentence",
    [
        "He bought an iPhone 14 last week.",
        "The S&P 500 fell sharply.",
        "The FTSE 100 closed lower.",
        "She lives at 9 E 71st St in Manhattan.",
        "He lives at 221 Baker Street.",
        "He works at 10 Downing Street.",
        "Our seats were in Section 427 Row 21.",
        "He sat in seat 14B, row 3.",
        "See page 5 and chapter 11.",
        "1. Buy milk.",
        "(2) The second point.",
        "It happened at 9 pm.",
    ],
)
def test_names_labels_addresses_and_list_markers_are_no_figures(sentence: str) -> None:
    assert _texts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("It costs the US 2 and a half cents to make.", "2 and a half cents"),
        ("It raised HK$ 10 million.", "HK$ 10 million"),
        ("The deal is worth USD 500 million.", "USD 500 million"),
        ("1,200 people marched on Main Street.", "1,200 people"),
    ],
)
def test_amounts_beside_names_are_still_figures(sentence: str, figure: str) -> None:
    assert _texts(sentence) == [figure]


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        (
            "The wins: 1. Welfare reform 2. Two Supreme Court justices.",
            "Two Supreme Court justices",
        ),
        ("He asked the question three times on air.", "three times"),
        ("He returned to CBS three decades after.", "three decades"),
        ("NATO 2,000 troops arrived.", "2,000 troops"),
        ("AT LEAST 10 KILLED IN BLAST", "AT LEAST 10"),
        ("Clinton led 64 percent to 56 percent.", "64 percent|56 percent"),
        ("The margin is plus or minus 3.4 percentage points.", "3.4 percentage points"),
        ("Polls show more than half-dozen affiliates.", ""),
    ],
)
def test_names_labels_and_scores_do_not_swallow_real_figures(sentence: str, figures: str) -> None:
    found = _texts(sentence)
    if figures:
        assert all(f in found for f in figures.split("|")), found
    assert "more than half" not in found


@pytest.mark.parametrize(
    "sentence",
    ["The Senate voted 5 to 4 on it.", "We lost 3,000 people on 9/11.", "UPDATE: 5/12 — the site"],
)
def test_scores_and_slashed_dates_are_no_figures(sentence: str) -> None:
    assert all(t not in ("5", "9/11", "5/12") for t in _texts(sentence))
