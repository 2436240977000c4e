"""Step 5: what a number measures, from the tokens around it: money, a percentage, a
share, an age, a unit, or the noun it counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tidynews.pipeline.figures.currency import currency_after, currency_before
from tidynews.pipeline.figures.lemmas import singular
from tidynews.pipeline.figures.lexicon import (
    CASUALTY_WORDS,
    DURATION_UNITS,
    FRACTIONS,
    HEAD_SKIPS,
    MONTHS,
    PERCENT_UNITS,
    RATE_NOUNS,
    SCALE_SUFFIXES,
)
from tidynews.pipeline.figures.physical import physical_unit, unit_of
from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.vocab import FigureKind

if TYPE_CHECKING:
    from tidynews.pipeline.figures.numbers import Line, Number

_HEAD_WINDOW = 4  # tokens between a number and the noun it counts


@dataclass(frozen=True, slots=True)
class Measure:
    """What a number measures, and the last token of the figure once that is said."""

    kind: FigureKind
    unit: str | None  # None: a count whose noun is left out ("two were killed")
    last: int
    factor: float = 1.0  # "$3m", "50 cents": multiplies the value
    share: float | None = None  # "two-thirds": the percentage that replaces the value
    plus: float = 0.0  # "3 dollars 50 cents": added after the factor


def measure(line: Line, number: Number, j: int, currency: str | None) -> Measure:
    """What the number whose figure ends before token j measures; `currency` is a code
    already read before it ("$5"). Money paid per something is a rate: "$80 a barrel"
    is USD/barrel, "$15 an hour" USD/hour."""
    money = _money(line, number, j, currency)
    if money is None:
        return _quantity(line, number, j)
    if (rate := _rate(line, money.last + 1)) is not None:
        return Measure("money", f"{money.unit}/{rate[0]}", rate[1], money.factor)
    if currency is None and (cents := _cents(line, money.last + 1)) is not None:
        return Measure("money", money.unit, cents[1], money.factor, plus=cents[0])
    return money


def _cents(line: Line, j: int) -> tuple[float, int] | None:
    """ "3 dollars 50 cents", "15 dollars and 50": the minor part after a major unit."""
    from tidynews.pipeline.figures.numbers import read_number

    k = j + 1 if line.lower(j) == "and" else j
    minor = read_number(line, k)
    if minor is None or minor.value >= 100 or not minor.value.is_integer():
        return None
    after = line.lower(minor.end)
    if singular(after) == "cent":
        return minor.value / 100, minor.end
    if not after[:1].isalnum():  # the sentence or clause ends: "15 dollars and 50."
        return minor.value / 100, minor.end - 1
    return None


def _money(line: Line, number: Number, j: int, currency: str | None) -> Measure | None:
    if line.lower(j) == "-" and (after := currency_after(line, j + 1)) is not None:
        return Measure("money", after[0], after[2], after[1])  # "a 12-cent stamp", "one-yen"
    if number.kind == "money" and number.unit:  # glued: "HK$10", "USD115", "115USD"
        return Measure("money", number.unit, j - 1)
    if currency:
        if line.lower(j) in SCALE_SUFFIXES and number.scale == 1.0:  # "$3m", "€10M", "$2T"
            return Measure("money", currency, j, SCALE_SUFFIXES[line.lower(j)])
        return Measure("money", currency, j - 1)
    if (after := currency_after(line, j)) is not None:
        return Measure("money", after[0], after[2], after[1])
    return None


def _rate(line: Line, j: int) -> tuple[str, int] | None:
    """ "a barrel", "per tonne", "an hour", "a share" after money: the unit it is paid per."""
    if line.lower(j) not in ("a", "an", "per", "/"):
        return None
    low = line.lower(j + 1)
    lemma = singular(low)
    if lemma in DURATION_UNITS or lemma in RATE_NOUNS:
        return lemma, j + 1
    if low.isalpha() and unit_of(low) is not None:
        return lemma, j + 1  # "$80 per tonne", "$3 a gallon": the word, as written
    return None


def _quantity(line: Line, number: Number, j: int) -> Measure:
    """What a number that is not money measures: a share, an age, a unit, the counted noun."""
    if (pct := _percent_after(line, j)) is not None:
        return Measure("percent", pct[0], pct[1])
    if (share := fraction(line, number, j)) is not None:
        if (unit := physical_unit(line, share[1] + 1)) is not None:  # "one-half miles"
            return Measure(unit[1], unit[0], unit[2], share[0] / 100 / number.value)
        return Measure("percent", "percent", share[1], share=share[0])
    if (age := _age(line, j)) is not None:
        return Measure("duration", "year", age)
    if number.unit is not None:  # glued: "5.5kWh"
        return Measure(number.kind, number.unit, j - 1)
    k = j + 1 if line.lower(j) == "-" else j  # "a 68-ounce bottle", "a two-month siege"
    if line.lower(k) in DURATION_UNITS or singular(line.lower(k)) in DURATION_UNITS:
        return Measure("duration", singular(line.lower(k)), k)
    if (physical := physical_unit(line, k)) is not None:
        return Measure(physical[1], physical[0], physical[2])
    if line.lower(j) in CASUALTY_WORDS and not _is_plural(line.lower(j + 1)):
        # "100 missing", "20 injured", "150 dead": people, the word outside the span as
        # in "killed 200 and wounded more than 1,000" (no counted noun is written)
        return Measure("count", "person", j - 1)
    head = head_noun(line, j)
    if head is None:
        return Measure("count", None, j - 1)
    return Measure("count", singular(line.lower(head)), head)


__all__ = ["Measure", "currency_before", "fraction", "head_noun", "measure", "singular"]


def _percent_after(line: Line, j: int) -> tuple[str, int] | None:
    """ "%", "percent", "per cent", "percentage points", "basis points": unit and last token."""
    low, nxt = line.lower(j), line.lower(j + 1)
    if nxt and (low, nxt) in PERCENT_UNITS:
        return PERCENT_UNITS[low, nxt], j + 1
    if (low, "") in PERCENT_UNITS:
        return PERCENT_UNITS[low, ""], j
    return None


def fraction(line: Line, number: Number, j: int) -> tuple[float, int] | None:
    """ "two-thirds", "three quarters", "one half": a share, as a percentage."""
    if not number.is_word:
        return None
    k = j + 1 if line.lower(j) == "-" else j
    denominator = FRACTIONS.get(line.lower(k))
    if denominator is None or (number.value > 1) != line.lower(k).endswith("s"):
        return None
    return round(number.value / denominator * 100, 2), k


def _age(line: Line, j: int) -> int | None:
    """ "65-year-old": an age, a duration in years; returns the index of "old"."""
    low = line.lower(j)
    if low == "-" and [line.lower(k) for k in range(j + 1, j + 4)] == ["year", "-", "old"]:
        return j + 3
    if low in ("yo", "y.o."):  # "87 yo"
        return j
    return None


def head_noun(line: Line, j: int) -> int | None:
    """Index of the noun a number at token j counts: a unit word, the first plural noun,
    else the last plain word before a function word ("two police officials" -> officials).

    A hyphen joins a unit to the number as a modifier ("a two-month siege")."""
    if line.lower(j) == "-":  # "a six-cylinder engine", "a 10-member team"
        nxt = line.toks[j + 1] if j + 1 < len(line) else None
        return j + 1 if nxt is not None and nxt.is_alpha and nxt.lower_ not in STOP_WORDS else None
    candidate = proper = None
    for k in range(j, min(j + _HEAD_WINDOW, len(line))):
        tok = line.toks[k]
        low = tok.lower_
        if low in HEAD_SKIPS:
            continue
        if not tok.is_alpha or low in STOP_WORDS or (MONTHS.get(low) and tok.is_title):
            break
        if tok.is_upper or (tok.is_title and k > j):
            if candidate is not None:  # "four brave Americans"; "one case Internet ..."
                return k if not tok.is_upper and _is_plural(low) else candidate
            # a name or nationality before the noun ("6 ISIS militants", "3 US Navy ships")
            proper = proper if proper is not None else k
            continue
        if _is_unit(singular(low)) or _is_plural(low):
            return k
        if tok.is_title or low.endswith(("ed", "ing", "ly")):
            if candidate is not None:
                break
            continue
        candidate = k
    if (
        candidate is None
        and proper is not None
        and (_is_plural(line.lower(proper)) or line.toks[proper].is_upper)
    ):
        return proper  # "five Americans", "one PAC"
    return candidate


def _is_unit(lemma: str) -> bool:
    return lemma in DURATION_UNITS or unit_of(lemma) is not None


@lru_cache(maxsize=8192)
def _is_plural(word: str) -> bool:
    return word not in STOP_WORDS and singular(word) != word
