"""Steps 1, 4 and 6: walk a segment's tokens once, and make each number found a figure.

At each token that may start one, a date is tried first, then a share ("half of"),
then a number; left of the number a currency and a qualifier ("more than", "between")
are read, right of it a range end and what it measures (units.py); the qualifier then
sets the UCDP-style low/best/high bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import filterfalse

from tidynews.pipeline.figures.context import names_something
from tidynews.pipeline.figures.dates import bare_year, find_date
from tidynews.pipeline.figures.lexicon import (
    CAPITAL_MONTH_RE,
    CURRENCY_SYMBOLS,
    DEFAULT_COUNT_UNIT,
    FRACTIONS,
    HAS_DIGIT_RE,
    LONGEST_QUALIFIER,
    MONTHS,
    PRONOUN_ONE_BEFORE,
    QUALIFIER_ENDS,
    QUALIFIER_OF,
    RANGE_SEPARATORS,
    TIME_AFTER,
)
from tidynews.pipeline.figures.numbers import (
    NUMBER_WORDS,
    Line,
    Number,
    dashed_range,
    ends_dashed_digits,
    has_number_word,
    read_number,
)
from tidynews.pipeline.figures.physical import physical_unit
from tidynews.pipeline.figures.units import Measure, currency_before, fraction, head_noun, measure
from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.spans import Span, lines
from tidynews.pipeline.vocab import FigureKind, FigureQualifier

_SHARES = ("third", "quarter")  # "a third of": the only figure "a" starts
_BETWEEN_SEPARATORS = RANGE_SEPARATORS | {"and"}  # "between 10 and 15"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure; offsets are into the whole document, like every span in the package."""

    span: Span
    kind: FigureKind
    qualifier: FigureQualifier
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    date: str | None = None


def find_figures(text: str, segment: Span) -> list[Figure]:
    """Every figure in `text[segment.start:segment.end]`, in text order.

    Paragraphs are tokenized one at a time (a figure never spans a line break), so
    memory stays flat however long the document; an elided noun may still take its
    unit from a figure in an earlier paragraph of the same segment.

    >>> [f.unit for f in find_figures("At least 23 people died.", Span(0, 24))]
    ['person']
    """
    figures: list[Figure] = []
    last_unit = None
    for line, offset in lines(text, segment):
        if HAS_DIGIT_RE.search(line) is not None or has_number_word(line):
            found, last_unit = _scan(Line(line, offset), last_unit)
            figures += found
    return figures


def _scan(line: Line, last_unit: str | None) -> tuple[list[Figure], str | None]:
    """The figures of one line, and the unit an elided noun after them would take."""
    figures: list[Figure] = []
    i = 0
    for start in _starts(line):
        if start < i:  # inside the figure found last
            continue
        found = _date(line, start) or _share(line, start) or _figure(line, start, last_unit)
        if found is None:
            continue
        figure, i = found
        figures.append(figure)
        if figure.kind == "count" and figure.unit:
            last_unit = figure.unit
    return figures, last_unit


def _starts(line: Line) -> list[int]:
    """The tokens a date or figure can start at, in order: only a token with a digit, a
    number word, "half", "quarter", a month name or an "a" (a third of) can. Most tokens
    are none, and each is spared every rule below by one set test: the line's distinct
    words are judged once, not each time they occur."""
    words = set(line.lowers)
    starts = words & NUMBER_WORDS
    starts.update(filter(HAS_DIGIT_RE.search, filterfalse(str.isalpha, words)))
    starts.update(words.intersection(("half", "quarter")))
    if "a" in words and not words.isdisjoint(_SHARES):  # the only figure "a" starts
        starts.add("a")
    lowers = line.lowers
    # a month starts a date only with a capital: "June", "Sept.", so "Jun", "Sep" are in the line
    capital_month = CAPITAL_MONTH_RE.search(line.text) is not None
    # "june", "sept.": a month's name, with its dots
    months = {w for w in words if w.rstrip(".") in MONTHS} if capital_month else set()
    if months:
        toks = line.toks
        return [
            i
            for i, low in enumerate(lowers)
            if low in starts or (low in months and toks[i].is_title)
        ]
    return [i for i, low in enumerate(lowers) if low in starts]


def _date(line: Line, i: int) -> tuple[Figure, int] | None:
    found = find_date(line, i)
    if found is None:
        return None
    last, iso = found
    return Figure(line.span(i, last), "date", "exact", date=iso), last + 1


def _share(line: Line, i: int) -> tuple[Figure, int] | None:
    """ "half of", "a third of": a share of something, as a percentage."""
    low = line.lower(i)
    if low != "half" and low != "a":  # the only two words a share starts with
        return None
    after_half = line.lower(i + 1)
    ends = after_half == "of" or (  # "more than half." ("more than half-dozen": no)
        after_half in ("", ".", ",", ";", ":", ")", "—") and _qualifier_before(line, i) is not None
    )
    if low == "half" and ends and line.lower(i - 1) != "a":  # "half of", "more than half."
        value, last = 50.0, i
    elif low == "a" and line.lower(i + 1) in _SHARES and line.lower(i + 2) == "of":
        value, last = round(100 / FRACTIONS[line.lower(i + 1)], 2), i + 1
    else:
        return None
    qualifier, first = _qualifier_before(line, i) or ("exact", i)
    figure = _bounded(line.span(first, last), "percent", qualifier, value, None, "percent")
    return figure, last + 1


def _figure(line: Line, i: int, last_unit: str | None) -> tuple[Figure, int] | None:
    """The figure whose number starts at token i, with what is read left and right of it."""
    number = read_number(line, i) or dashed_range(line, i)
    if number is None or ends_dashed_digits(line, i) or _excluded(line, number):
        return None
    first, qualifier, between, currency = _left(line, i)
    low_value, high_value, last = _range(line, number, between)
    if high_value is not None:
        if high_value <= low_value:
            return None  # "555-0100", "3-1": an identifier or a score, not a range
        qualifier = "range"
    elif between:
        first += 1  # "between" with no second number: not a range after all
    if _pronoun_one(line, number):
        return None

    measured = measure(line, number, last + 1, currency)
    unit = measured.unit
    if measured.kind == "count" and unit is None:  # nothing after the number says what it is
        year = bare_year(line, number) if qualifier == "exact" else None
        if year:
            return Figure(line.span(i, i), "date", "exact", date=year), number.end
        unit = last_unit or DEFAULT_COUNT_UNIT
    if number.fraction and measured.kind == "count" and measured.unit is None:
        measured = Measure("percent", "percent", measured.last, 100.0)  # "more than 1/2"
        unit = "percent"
    if measured.share is not None:
        low_value = measured.share
    low_value = low_value * measured.factor + measured.plus
    high_value = high_value * measured.factor if high_value is not None else None
    # "minus five percent"; "plus or minus 3 points" is a margin, not a negative
    if line.lower(first - 1) == "minus" and line.lower(first - 2) != "or" and high_value is None:
        first, low_value = first - 1, -low_value
    if line.lower(first - 1) in ("age", "aged") and measured.kind == "count":  # "aged 87"
        measured, unit = Measure("duration", "year", measured.last), "year"
    if not math.isfinite(low_value) or not math.isfinite(high_value or 0.0):
        return None  # hundreds of digits in a row: no quantity, and inf is no value
    span = line.span(first, measured.last)
    return _bounded(span, measured.kind, qualifier, low_value, high_value, unit), measured.last + 1


def _left(line: Line, i: int) -> tuple[int, FigureQualifier, bool, str | None]:
    """What comes before the number at token i: the figure's first token, its qualifier,
    whether "between" opens it, and a currency code ("$", "SYP")."""
    first, currency = i, None
    if (found := currency_before(line, i)) is not None:
        currency, first = found
    if line.lower(first - 1) == "between":
        return first - 1, "exact", True, currency
    qualifier, first = _qualifier_before(line, first) or ("exact", first)
    return first, qualifier, False, currency


def _qualifier_before(line: Line, i: int) -> tuple[FigureQualifier, int] | None:
    """The qualifier phrase ending just before token i, longest first, and where it starts."""
    if line.lower(i - 1) not in QUALIFIER_ENDS:  # most words end none: one set test
        return None
    for size in range(min(LONGEST_QUALIFIER, i), 0, -1):
        words = tuple(line.lowers[i - size : i])  # i <= len(line)
        if words in QUALIFIER_OF:
            return QUALIFIER_OF[words], i - size
    return None


def _range(line: Line, number: Number, between: bool) -> tuple[float, float | None, int]:
    """The range a number opens ("1200 to 1700", "between 10 and 15", "10-15", "1.2 to
    1.5 million"): low value, high value (None if no range), and the last token."""
    if number.high is not None:
        return number.value, number.high, number.end - 1
    separators = _BETWEEN_SEPARATORS if between else RANGE_SEPARATORS
    found = _range_separator(line, number.end, separators)
    if found is not None:
        k, unit = found
        k += 1
        if line.lower(k) in CURRENCY_SYMBOLS:  # "$3 to $5 million"
            k += 1
        upper = read_number(line, k)
        # "eight to 10 feet" mixes words and digits; "2014 to one" is no range
        if (
            upper is not None
            and (upper.is_word == number.is_word or number.is_word)
            and (not unit or line.lower(upper.end) == unit)
            and (upper.value > number.value or not unit)
        ):  # "64 percent to 56 percent" is two figures; "5 to 4" is refused as a score
            low = number.value
            if number.scale == 1.0 and upper.scale != 1.0:
                low *= upper.scale  # the scale word of "1.2 to 1.5 million" is both ends'
            return low, upper.value, upper.end - 1
    return number.value, None, number.end - 1


def _range_separator(
    line: Line, j: int, separators: frozenset[str] | set[str]
) -> tuple[int, str] | None:
    """Index of the "to"/"and"/dash after a range's low end at token j, past a hyphen
    ("8- to 16-meter") or a unit, and that unit ("%", "mg"), which the high end must
    repeat: "5% to 6%" is a range, "rose 8% to $13 billion" is not."""
    low, nxt = line.lower(j), line.lower(j + 1)
    if low == "-" and nxt in ("to", "and"):
        return j + 1, ""
    if low in ("%", "percent"):
        return (j + 1, low) if nxt in separators else None
    if (
        (nxt in separators or line.lower(j + 2) in separators)
        and (found := physical_unit(line, j)) is not None
        and line.lower(found[2] + 1) in separators
    ):
        return found[2] + 1, low
    return (j, "") if low in separators else None


def _excluded(line: Line, number: Number) -> bool:
    """Times of day, numbers inside names ("Resolution 2254") and ordinal-like uses."""
    if line.lower(number.end) in TIME_AFTER:
        return True
    before = number.start - 1
    if before < 0:
        return names_something(line, number)
    prev = line.toks[before]
    if prev.text in ("#", "No.", "no.") or names_something(line, number):
        return True
    return _qualifier_before(line, number.start) is None and (
        prev.is_title
        and prev.is_alpha
        and prev.lower_ not in STOP_WORDS
        and prev.lower_.rstrip(".") not in MONTHS
        and currency_before(line, number.start) is None
    )


def _pronoun_one(line: Line, number: Number) -> bool:
    """A written "one" that counts nothing: "no one", "one of them", "one another";
    "one half" and "one soldier" are figures."""
    if not (number.is_word and number.value == 1):
        return False
    if fraction(line, number, number.end) is not None:
        return False
    if line.lower(number.start - 1) in PRONOUN_ONE_BEFORE:
        return True
    if line.lower(number.end) in ("of", "another"):
        return True
    return head_noun(line, number.end) != number.end


def _bounded(
    span: Span,
    kind: FigureKind,
    qualifier: FigureQualifier,
    value: float,
    high: float | None,
    unit: str | None,
) -> Figure:
    """Apply the low/best/high convention (DESIGN.md) to one number or a range."""
    if qualifier == "range":
        return Figure(span, kind, qualifier, None, value, high, unit)
    low = value if qualifier in ("exact", "more_than", "at_least") else None
    high = value if qualifier in ("exact", "less_than", "at_most") else None
    return Figure(span, kind, qualifier, value, low, high, unit)
