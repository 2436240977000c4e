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
