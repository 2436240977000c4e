"""Step 5, money: the ISO 4217 code of a currency written before or after a number.

Forms read: symbols ("$", "€", "₭"), prefixed dollars ("US$", "HK$", "A$", "c $"),
ISO codes ("USD 5", "5 EUR", "usd 20", "USD115", "MUSD" for millions), currency
names from pycountry's ISO 4217 table ("Swiss francs", "Australian dollars"), a
name no other currency shares ("zloty", "naira"), common words ("dollars",
"yuan") and minor units ("50 cents"). pycountry lists only current currencies;
the withdrawn ones news still prices in are in lexicon.py.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import pycountry

from tidynews.pipeline.figures.lemmas import singular
from tidynews.pipeline.figures.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DOLLAR_PREFIXES,
    LOWER_CODES,
    MINOR_UNITS,
    NOT_CURRENCY_NAMES,
    SCALE_WORDS,
)

if TYPE_CHECKING:
    from tidynews.pipeline.figures.numbers import Line

_DOLLAR_RE = re.compile(r"^([a-z]{1,3})\$$")
_MILLIONS_RE = re.compile(r"^M([A-Z]{3})$")  # "MUSD", "MEUR": millions in that currency


def currency_before(line: Line, i: int) -> tuple[str, int] | None:
    """A currency just before token i ("$5", "US$5", "c $ 5", "SYP 500"), and its index."""
    if i < 1:
        return None
    low = line.lower(i - 1)
    spaced = line.lower(i - 2)
    if (
        low == "$"
        and spaced != "a"
        and (prefix := _dollar_prefix(spaced))
        and _short_word(line, i - 2)
    ):
        return prefix, i - 2  # "c $ 16.4 million", "hk $ 10": PTB-tokenised prefixes
    if (code := symbol_code(low)) is not None:
        return code, i - 1
    text = line.toks[i - 1].text
    if spaced == "$" and text.isupper() and (code := _dollar_prefix(low)) is not None:
        return code, i - 2  # "$A 5 million", "$US 5"
    if code_of(text) is not None:
        return text.upper(), i - 1
    if text.islower() and (code := CURRENCY_WORDS.get(singular(text))) is not None:
        return code, i - 1  # "rmb 10", "dollar 22.5 million"
    return None


def currency_after(line: Line, j: int) -> tuple[str, float, int] | None:
    """A currency at token j: (ISO 4217 code, multiplier, last token index)."""
    if j >= len(line):
        return None
    tok, low = line.toks[j], line.lowers[j]
    if (code := symbol_code(low)) is not None:
        return code, 1.0, j
    if (code := code_of(tok.text)) is not None:
        scale = SCALE_WORDS.get(line.lower(j + 1))
        if scale is not None and scale >= 1e6:  # "75 USD million"
            return code, scale, j + 1
        return code, 1.0, j
    if (millions := _MILLIONS_RE.match(tok.text)) and is_code(millions[1]):
        return millions[1], 1e6, j
    lemma = singular(low)
    if lemma in MINOR_UNITS:
        code, factor = MINOR_UNITS[lemma]
        return code, factor, j
    if lemma in ("pound", "pounds") and (
        line.lower(j - 1) == "-" or line.lower(j + 1) in ("of", "-")
    ):
        return None  # "a 500-pound bomb", "two pounds of cocaine", "300 pound-feet": weight
    if low.isalpha() and j + 1 < len(line):
        following = singular(line.lower(j + 1))
        if following == "sterling":
            return "GBP", 1.0, j + 1
        if (named := _currency_named(f"{low} {following}")) is not None:
            return named, 1.0, j + 1
        if not _word_code(lemma) and (code := _word_code(following)) and _is_demonym(tok.text):
            return code, 1.0, j + 1  # "dutch guilders", "chinese yuan"
    if (code := _word_code(lemma)) is not None:
        return code, 1.0, j
    return None


def symbol_code(low: str) -> str | None:
    """ "$", "€", "us$", "hk$", "a$": a currency symbol, alone or with a country prefix."""
    if low in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[low]
    match = _DOLLAR_RE.match(low)
    return _dollar_prefix(match[1]) if match else None


def code_of(text: str) -> str | None:
    """An ISO 4217 code written as such: upper case ("SYP"), or a major one in lower case."""
    if len(text) != 3 or not text.isalpha():
        return None
    if text.isupper() and is_code(text):
        return text
    return text.upper() if text in LOWER_CODES else None


@lru_cache(maxsize=512)
def is_code(text: str) -> bool:
    return pycountry.currencies.get(alpha_3=text) is not None


@lru_cache(maxsize=512)
def _dollar_prefix(prefix: str) -> str | None:
    """The dollar a prefix names: "us", "hk", "nz" (ISO 3166 + "D"), "usd", "a", "c"."""
    if prefix in DOLLAR_PREFIXES:
        return DOLLAR_PREFIXES[prefix]
    if len(prefix) == 3 and is_code(prefix.upper()):
        return prefix.upper()
    if len(prefix) == 2 and is_code(f"{prefix.upper()}D"):
        return f"{prefix.upper()}D"
    return None


def _short_word(line: Line, k: int) -> bool:
    """Token k is a short word, a prefix set apart from its "$" ("c $", "hk $"); "a $5" is
    the article."""
    return k >= 0 and line.toks[k].is_alpha and len(line.toks[k].text) <= 2


def _word_code(lemma: str) -> str | None:
    if lemma in CURRENCY_WORDS:
        return CURRENCY_WORDS[lemma]
    return _unique_names().get(lemma)


@cache
def _unique_names() -> dict[str, str]:
    """Words that name one ISO 4217 currency and no other ("zloty", "naira", "baht")."""
    words: Counter[str] = Counter()
    owner: dict[str, str] = {}
    for currency in pycountry.currencies:
        if currency.alpha_3.startswith("X"):  # metals, funds, testing codes
            continue
        word = currency.name.lower().split()[-1]  # "syrian" of "Syrian Pound" is no currency
        words[word] += 1
        owner[word] = currency.alpha_3
    return {
        word: owner[word]
        for word, n in words.items()
        if n == 1 and word.isalpha() and len(word) >= 4 and word not in NOT_CURRENCY_NAMES
    }


def _currency_named(name: str) -> str | None:
    """ISO 4217 code for a currency named with its demonym ("syrian pound" -> SYP)."""
    return _names().get(name)


@cache
def _names() -> dict[str, str]:
    """pycountry's currency names, lower case, once: a dict look-up per word pair."""
    return {str(c.name).lower(): str(c.alpha_3) for c in pycountry.currencies}


@lru_cache(maxsize=512)
def _is_demonym(word: str) -> bool:
    """A nationality word by its ending ("Dutch", "chinese", "Swiss" aside), before a
    currency word that names one currency."""
    low = word.lower()
    return low.endswith(("an", "ish", "ese", "ch", "ic", "i")) and low.isalpha() and len(low) > 3
