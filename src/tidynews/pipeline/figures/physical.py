"""Step 5, physical units: "40 km", "5.5kWh", "4 square kilometers", "45 degrees Celsius".

Units are read through pint's registry (a table of its answers, unitindex.py), not
a hand list: its definitions know SI
prefixes, plurals, British and American spellings and symbols ("kilometres", "km",
"MWh", "mcg"), and the unit code written is pint's short symbol ("km", "°C").
What pint does not decide is news usage: which of its units are common English
words ("point", "hand", "chain") and which symbols are letters ("C" after a number
is Celsius in news, not coulomb); those rules are here.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from tidynews.pipeline.figures.currency import code_of
from tidynews.pipeline.figures.lexicon import (
    AREA_WORDS,
    DEGREE_SCALES,
    NEWS_SYMBOLS,
    NOT_UNITS,
    UNIT_SYMBOLS,
    VOLUME_WORDS,
)
from tidynews.pipeline.figures.unitindex import unit_table
from tidynews.pipeline.nlp import STOP_WORDS
from tidynews.pipeline.vocab import FigureKind

if TYPE_CHECKING:
    from tidynews.pipeline.figures.numbers import Line

_POWER_RE = re.compile(r"^(.+?)\^?([23²³])$")
_GLUED_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([A-Za-zµμ°][A-Za-zµμ°²³^\d]*)$")


@lru_cache(maxsize=4096)
def unit_of(word: str) -> tuple[str, FigureKind] | None:
    """The unit code and kind a word names ("kilometres" -> ("km", "distance")), or None.

    Symbols (up to three characters, or with a capital after the first) are matched
    case-sensitively ("MB" is no "mb"); names in any case ("Celsius")."""
    if not word or word.lower() in NOT_UNITS or not any(ch.isalpha() for ch in word):
        return None
    if word.lower() in STOP_WORDS and word != "in":  # "1990 he", "1982 has": no hectare
        return None
    if word in NEWS_SYMBOLS:
        return NEWS_SYMBOLS[word], "other"
    if len(word) > 1 and word.lower() in DEGREE_SCALES:  # "10 celsius", "34.5 celcius"
        return DEGREE_SCALES[word.lower()], "other"
    if (power := _POWER_RE.match(word)) and (base := unit_of(power[1])):
        if base[1] == "distance":
            return f"{base[0]}{_power(power[2])}", "other"
        return None
    symbol_like = len(word) <= 3 or any(ch.isupper() for ch in word[1:])
    found = unit_table().lookup(word, case_sensitive=symbol_like)
    if found is None or found.name.lower() in NOT_UNITS:
        return None
    if found.kind == "duration":
        # "10 Ga" (gigaannum) and other prefixed times are not news durations
        return (
            (found.name, found.kind) if not found.prefix else None
        )  # durations are written as the singular word ("hour")
    return UNIT_SYMBOLS.get(found.name, found.symbol), found.kind


def physical_unit(line: Line, j: int) -> tuple[str, FigureKind, int] | None:
    """The physical unit starting at token j: code, kind and its last token index.

    Reads "square/sq/cubic X", "X squared", "degrees Celsius", "°C", multi-word
    names ("British thermal units", "metric tons", "watt hours") and single words."""
    low = line.lower(j)
    if low in AREA_WORDS or low in VOLUME_WORDS:
        base = _single(line, j + 1)
        if base and base[1] == "distance":
            power = "2" if low in AREA_WORDS else "3"
            return f"{base[0]}{power}", "other", j + 1
        return None
    if low in ("degree", "degrees", "deg", "°"):
        scale = DEGREE_SCALES.get(line.lower(j + 1).rstrip("."))
        if scale is not None:
            return scale, "other", j + 1
        if low == "°":
            return "°", "other", j
    for size in (3, 2) if low in _compound_starts() else ():  # "metric tons", "watt-hour"
        words = _words(line, j, size)
        if words is not None and _is_compound("_".join(words[0])):
            found = unit_of("_".join(words[0]))
            if found is not None:
                return found[0], found[1], words[1]
    found = _single(line, j)
    if found is None:
        return None
    if line.lower(j + 1) in ("squared", "cubed") and found[1] == "distance":
        return f"{found[0]}{_power(line.lower(j + 1))}", "other", j + 1
    return found[0], found[1], j


def split_glued(text: str) -> tuple[float, str, FigureKind] | None:
    """A number glued to its unit in one token ("5.5kWh", "24703m2"): value, unit, kind."""
    match = _GLUED_RE.match(text)
    if match is None:
        return None
    value = float(match[1].replace(",", ""))
    if (code := code_of(match[2])) is not None:
        return value, code, "money"  # "115USD"
    found = unit_of(match[2]) if len(match[2]) > 1 else None  # "13F", "777F": identifiers
    if found is None:
        return None
    return value, found[0], found[1]


@lru_cache(maxsize=4096)
def _is_compound(name: str) -> bool:
    """Whether pint defines this many-word name ("metric_ton"), singular or plural: a set
    look-up, so the words after every number cost no parse."""
    names = _compound_names()
    return name in names or name.rstrip("s") in names


def _compound_names() -> frozenset[str]:
    return unit_table().compound_names


@cache
def _compound_starts() -> frozenset[str]:
    """First words of pint's many-word names ("british", "metric"): only these are tried."""
    return frozenset(name.split("_")[0] for name in _compound_names())


def _words(line: Line, j: int, size: int) -> tuple[list[str], int] | None:
    """`size` words from token j, hyphens between them skipped, and the last one's index."""
    words: list[str] = []
    k = j
    while len(words) < size:
        low = line.lower(k)
        if low == "-" and words:
            k += 1
            continue
        if not low.isalpha():
            return None
        words.append(low)
        k += 1
    return words, k - 1


def _single(line: Line, j: int) -> tuple[str, FigureKind] | None:
    if j >= len(line):
        return None
    tok = line.toks[j]
    text = tok.text
    if text == "in" and (line.lower(j + 1).isalnum() or line.lower(j + 1) == "-"):
        return None  # "2 in Gaza", "two in-person": the preposition; "2 in." aside
    return unit_of(text)


def _power(word: str) -> str:
    return "3" if word in ("3", "³", "cubed") else "2"
