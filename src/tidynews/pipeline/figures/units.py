"""Step 5: what a number measures, from the tokens around it: money, a percentage, a
share, an age, a unit, or the noun it counts."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

from tidynews.pipeline.figures.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DISTANCE_UNITS,
    DURATION_UNITS,
    FRACTIONS,
    HEAD_SKIPS,
    MINOR_UNITS,
    MONTHS,
    OTHER_UNITS,
    SCALE_SUFFIXES,
)
from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.vocab import FigureKind

if TYPE_CHECKING:
    import inflect

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


def measure(line: Line, number: Number, j: int, currency: str | None) -> Measure:
    """What the number whose figure ends before token j measures; `currency` is a code
    already read before it ("$5")."""
    if currency:
        if line.lower(j) in ("m", "bn", "b", "k") and number.scale == 1.0:
            return Measure("money", currency, j, SCALE_SUFFIXES[line.lower(j)])
        return Measure("money", currency, j - 1)
    if (after := _currency_after(line, j)) is not None:
        return Measure("money", after[0], after[2], after[1])
    if (pct := _percent_after(line, j)) is not None:
        return Measure("percent", "percent", pct)
    if (share := fraction(line, number, j)) is not None:
        return Measure("percent", "percent", share[1], share=share[0])
    if (age := _age(line, j)) is not None:
        return Measure("duration", "year", age)
    head = head_noun(line, j)
    if head is None:
        return Measure("count", None, j - 1)
    lemma = singular(line.lower(head))
    if lemma in DISTANCE_UNITS:
        return Measure("distance", DISTANCE_UNITS[lemma], head)
    if lemma in DURATION_UNITS:
        return Measure("duration", lemma, head)
    if lemma in OTHER_UNITS:
        return Measure("other", lemma, head)
    return Measure("count", lemma, head)


def currency_before(line: Line, i: int) -> tuple[str, int] | None:
    """A currency symbol or ISO code just before token i ("$5", "SYP 500"), and its index."""
    low = line.lower(i - 1)
    if low in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[low], i - 1
    if i >= 1 and _currency_code(line.toks[i - 1].text):
        return line.toks[i - 1].text, i - 1
    return None


def _currency_after(line: Line, j: int) -> tuple[str, float, int] | None:
    """A currency word or code at token j: (ISO 4217 code, multiplier, last token index)."""
    if j >= len(line):
        return None
    tok = line.toks[j]
    if _currency_code(tok.text):
        return tok.text, 1.0, j
    low = tok.lower_
    lemma = singular(low)
    if lemma in MINOR_UNITS:
        code, factor = MINOR_UNITS[lemma]
        return code, factor, j
    if j + 1 < len(line) and tok.is_title:
        named = _currency_named(f"{low} {singular(line.lower(j + 1))}")
        if named:
            return named, 1.0, j + 1
    if lemma in CURRENCY_WORDS:
        return CURRENCY_WORDS[lemma], 1.0, j
    return None


def _percent_after(line: Line, j: int) -> int | None:
    if line.lower(j) in ("%", "percent", "pct"):
        return j
    if (line.lower(j), line.lower(j + 1)) == ("per", "cent"):
        return j + 1
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
    words = [line.lower(k) for k in range(j, j + 4)]
    if words[:4] == ["-", "year", "-", "old"]:
        return j + 3
    return None


def head_noun(line: Line, j: int) -> int | None:
    """Index of the noun a number at token j counts: a unit word, the first plural noun,
    else the last plain word before a function word ("two police officials" -> officials).

    A hyphen joins a unit to the number as a modifier ("a two-month siege")."""
    if line.lower(j) == "-":
        return j + 1 if _is_unit(singular(line.lower(j + 1))) else None
    candidate = None
    for k in range(j, min(j + _HEAD_WINDOW, len(line))):
        tok = line.toks[k]
        low = tok.lower_
        if low in HEAD_SKIPS:
            continue
        if not tok.is_alpha or low in STOP_WORDS or (MONTHS.get(low) and tok.is_title):
            break
        if _is_unit(singular(low)) or _is_plural(low):
            return k
        if tok.is_title or low.endswith(("ed", "ing", "ly")):
            if candidate is not None:
                break
            continue
        candidate = k
    return candidate


def _is_unit(lemma: str) -> bool:
    return lemma in DURATION_UNITS or lemma in DISTANCE_UNITS or lemma in OTHER_UNITS


@lru_cache(maxsize=1)
def _inflect() -> inflect.engine:
    """inflect's engine, imported without typeguard: inflect wraps its methods in
    typeguard's @typechecked, which rewrites and recompiles them at import, 2 s of
    every build process and worker (jaraco/inflect#212). A stand-in `typeguard`
    whose decorator returns the function is in sys.modules only for that import;
    the run-time type checks it skips guard calls we make with plain strings."""
    real = sys.modules.get("typeguard")
    stand_in = types.ModuleType("typeguard")
    vars(stand_in)["typechecked"] = lambda function: function
    sys.modules["typeguard"] = stand_in
    try:
        import inflect
    finally:
        if real is None:
            del sys.modules["typeguard"]
        else:
            sys.modules["typeguard"] = real
    return inflect.engine()


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """The singular lemma of a noun ("fighters" -> "fighter", "people" -> "person")."""
    if not word.split():  # inflect splits on whitespace, including "\x1f"
        return word
    lemma = _inflect().singular_noun(word)
    return lemma if lemma and len(lemma) >= 3 else word


@lru_cache(maxsize=8192)
def _is_plural(word: str) -> bool:
    return word not in STOP_WORDS and singular(word) != word


@lru_cache(maxsize=512)
def _currency_code(text: str) -> bool:
    """An ISO 4217 code written as such ("SYP 500", "500 EUR")."""
    return (
        len(text) == 3
        and text.isalpha()
        and text.isupper()
        and pycountry.currencies.get(alpha_3=text) is not None
    )


@lru_cache(maxsize=512)
def _currency_named(name: str) -> str | None:
    """ISO 4217 code for a currency named with its demonym ("syrian pound" -> SYP)."""
    for currency in pycountry.currencies:
        if currency.name.lower() == name:
            return currency.alpha_3
    return None
