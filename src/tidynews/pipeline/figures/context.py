"""Not figures, by context: numbers that name or label something rather than count it.

A product or index name ("iPhone 14", "S&P 500"), a street address ("221 Baker
Street", "9 E 71st St"), a label noun before the number ("seat 14B", "row 3", "page
5") and a list marker opening a line ("1. Buy milk", "(2) The ...") quantify nothing.
Times of day and names before a number ("Resolution 2254") are refused in scanner.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidynews.pipeline.figures.currency import code_of, symbol_code
from tidynews.pipeline.figures.lemmas import singular
from tidynews.pipeline.figures.lexicon import LABEL_NOUNS, ORDINAL_DAY_RE, STREET_WORDS
from tidynews.pipeline.figures.physical import physical_unit
from tidynews.pipeline.figures.units import head_noun
from tidynews.pipeline.nlp import STOP_WORDS

if TYPE_CHECKING:
    from tidynews.pipeline.figures.numbers import Line, Number

_ADDRESS_WINDOW = 4  # words between a house number and its street word ("9 E 71st St")


def names_something(line: Line, number: Number) -> bool:
    """Whether the number at `number` names or labels something instead of counting."""
    return (
        _after_name(line, number)
        or _label(line, number)
        or (not number.is_word and _address(line, number.end))  # "Two Supreme Court justices"
        or _list_marker(line, number)
    )


def _after_name(line: Line, number: Number) -> bool:
    """ "iPhone 14", "eBay 2", "S&P 500", "FTSE 100": a mixed-case name, or a capital
    one that no counted noun or unit follows ("NATO 2,000 troops" counts; so does
    "CBS three decades after", a number in words), right before the number."""
    i = number.start
    if i < 1:
        return False
    text = line.toks[i - 1].text
    if "&" not in text and (text.islower() or len(text) < 2):  # most words, and marks
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 or code_of(text) is not None or symbol_code(text.lower()) is not None:
        return False
    if text[0].islower() and any(ch.isupper() for ch in text[1:]):  # iPhone, eBay
        return True
    if "&" in text:
        return True
    capitals = all(ch.isupper() for ch in letters) and 3 <= len(letters) <= 5
    return (
        capitals
        and not number.is_word
        and text.lower() not in STOP_WORDS  # "AT LEAST 10 KILLED"
        and not _counts_a_plural(line, number.end)
        and physical_unit(line, number.end) is None
    )


def _counts_a_plural(line: Line, j: int) -> bool:
    """A plural noun follows ("2,000 troops"): a count, not an index ("100 closed lower")."""
    head = head_noun(line, j)
    return head is not None and singular(line.lower(head)) != line.lower(head)


def _label(line: Line, number: Number) -> bool:
    """ "seat 14B", "row 3", "page 5", "chapter 11": a label noun names the item
    ("the question three times" counts)."""
    return not number.is_word and line.lower(number.start - 1).rstrip(".") in LABEL_NOUNS


def _address(line: Line, j: int) -> bool:
    """ "221 Baker Street", "9 E 71st St", "10 Downing Street": a house number."""
    for k in range(j, min(j + _ADDRESS_WINDOW, len(line))):
        tok = line.toks[k]
        if tok.lower_.rstrip(".") in STREET_WORDS and k > j:
            return True
        if not (tok.is_title or tok.is_upper or ORDINAL_DAY_RE.match(tok.text)):
            return False
    return False


def _list_marker(line: Line, number: Number) -> bool:
    """ "1. Buy milk", "(2) The second point": a number opening a line, then "." or ")"."""
    start = number.start
    if start == 1 and line.lower(0) == "(":
        start = 0
    return (
        start == 0
        and number.end == number.start + 1
        and line.lower(number.end) in (".", ")")
        and not number.is_word
        and number.value < 100  # "1988." opening a line is a year
    )
