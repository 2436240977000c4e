"""Figures: numbers that quantify something, with kind, unit, UCDP-style bounds and dates.

One left-to-right pass over spaCy tokens. At each number (digits, or number words
read by text2num) the scanner looks left for a qualifier ("more than", "at
least", "between") or a currency, and right for a range end, a scale word, a
fraction, a percent sign, a currency or unit word, or the counted noun. What is
not a figure (gold GUIDELINES.md): discourse ordinals, pronoun "one", vague
quantifiers ("several", "thousands of"), weekdays, years inside names, numbers
inside identifiers, times of day.
"""

from __future__ import annotations

import calendar
import math
import re
import sys
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

# text2num is looked up on the package at call time, so that a test can count its calls
# by patching `tidynews.pipeline.figures.text2num`.
import tidynews.pipeline.figures as package
from tidynews.pipeline.nlp import STOP_WORDS, tokens
from tidynews.pipeline.spans import Span, lines

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    import inflect
    from spacy.tokens import Token


QUALIFIERS = {
    "exact": ("exactly", "precisely"),
    "more_than": (
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "greater than",
        "just over",
        "well over",
    ),
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "less_than": ("less than", "fewer than", "under", "below", "just under"),
    "at_most": ("up to", "at most", "no more than", "not more than", "a maximum of", "as many as"),
    "approx": (
        "about",
        "around",
        "some",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "approx.",
        "~",
    ),
}
_QUALIFIER_OF = {tuple(p.split()): q for q, phrases in QUALIFIERS.items() for p in phrases}
_LONGEST_QUALIFIER = max(len(k) for k in _QUALIFIER_OF)

DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
DISTANCE_UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "mile": "mi",
    "mi": "mi",
    "metre": "m",
    "meter": "m",
    "m": "m",
}
OTHER_UNITS = frozenset({"ton", "tonne", "kg", "kilogram", "litre", "liter", "barrel", "gallon"})
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TEXT2NUM_SCALES = ("hundred", "thousand", "million", "billion")
SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "c$": "CAD",
    "a$": "AUD",
}
# Currency words standing alone; with a demonym ("Syrian pounds") pycountry's names decide.
CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "ruble": "RUB",
    "rouble": "RUB",
    "lira": "TRY",
    "shekel": "ILS",
}
MINOR_UNITS = {"cent": ("USD", 0.01), "penny": ("GBP", 0.01), "pence": ("GBP", 0.01)}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
PERCENT_WORDS = ("%", "percent", "per cent", "pct")
RANGE_SEPARATORS = frozenset({"to", "-", "–", "—"})
# "the only one", "no one", "one of": the pronoun, not a count.
_PRONOUN_ONE_BEFORE = frozenset(
    {"the", "no", "any", "every", "each", "this", "that", "which", "only", "another"}
)
_TIME_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"})
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {abbr.lower(): n for n, abbr in enumerate(calendar.month_abbr) if abbr}
_MONTHS["sept"] = 9
_HAS_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SCALED_RE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$", re.IGNORECASE)
_DASHED_RANGE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[–—-](\d[\d,]*(?:\.\d+)?)$")
_ORDINAL_DAY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)
_HEAD_SKIPS = frozenset({"more", "other", "additional", "further", "extra", "new"})
_HEAD_WINDOW = 4  # tokens between a number and the noun it counts
# Tokens of one number phrase: the longest written out in news text ("two million
# three hundred and forty - five thousand six hundred and seventy - eight") has 15.
# Unbounded, "twelve hundred and twelve hundred and ..." was read again from every
# number in it, each time as ever longer phrases (19 KB took 34 s).
_MAX_NUMBER_TOKENS = 24
_DEFAULT_COUNT_UNIT = "person"  # news counts with the noun left out are of people


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure; offsets are into the whole document, like every span in the package."""

    span: Span
    kind: str
    qualifier: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    date: str | None = None


@dataclass(slots=True)
class _Number:
    value: float
    start: int  # token index of its first token
    end: int  # token index after its last token
    scale: float = 1.0
    is_word: bool = False
    high: float | None = None  # set when one token holds a whole range ("10–15")


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
        if any(ch.isdecimal() for ch in line) or _has_number_word(line):
            scanner = _Scanner(line, offset, last_unit)
            figures += scanner.run()
            last_unit = scanner.last_unit
    return figures


def _has_number_word(line: str) -> bool:
    words = re.findall(r"[a-z]+", line.lower())
    return any(_is_number_word(word) or word in FRACTIONS for word in words)


class _Scanner:
    """Walks the tokens once; `last_unit` lets an elided noun take the one before it."""

    def __init__(self, line: str, offset: int, last_unit: str | None = None) -> None:
        self.toks = tokens(line)  # shared by the extractors (nlp.tokens)
        self.lowers = [tok.lower_ for tok in self.toks]  # read many times per token
        self.offset = offset
        self.last_unit = last_unit

    def run(self) -> list[Figure]:
        figures: list[Figure] = []
        i = 0
        while i < len(self.toks):
            if not self._may_start(i):
                i += 1
                continue
            found = self._date(i) or self._figure(i)
            if found is None:
                i += 1
                continue
            figure, i = found
            figures.append(figure)
            if figure.kind == "count" and figure.unit:
                self.last_unit = figure.unit
        return figures

    # -- pieces -----------------------------------------------------------------------------

    def _may_start(self, i: int) -> bool:
        """Whether a date or figure can start at token i: only a token with a digit, a
        number word, "half", "a" (a third of) or a month name can. Most tokens are none,
        and this spares them every rule below."""
        low = self.lowers[i]
        return (
            _HAS_DIGIT_RE.search(low) is not None
            or low in ("half", "a")
            or (self.toks[i].is_title and low.rstrip(".") in _MONTHS)
            or _is_number_word(low)
        )

    def _lower(self, i: int) -> str:
        return self.lowers[i] if 0 <= i < len(self.lowers) else ""

    def _span(self, first: int, last: int) -> Span:
        """Span from token `first` through token `last`, inclusive, in document offsets."""
        start = self.toks[first].idx
        end = self.toks[last].idx + len(self.toks[last].text)
        return Span(self.offset + start, self.offset + end)

    def _number(self, i: int) -> _Number | None:
        """A number starting at token i: digits (with a scale word) or number words."""
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if _glued(tok):
            return None
        if _DIGITS_RE.match(tok.text):
            number = _Number(float(tok.text.replace(",", "")), i, i + 1)
        elif match := _SCALED_RE.match(tok.text):
            scale = SCALE_SUFFIXES[match[2].lower()]
            return _Number(float(match[1]) * scale, i, i + 1, scale)
        else:
            number = self._number_words(i)
            if number is None:
                return None
        nxt = self._lower(number.end)
        # text2num reads "two billion" but no "trillion" at all: number words take
        # only that scale here, digits every scale ("1.3 trillion", "40 thousand")
        if nxt in SCALE_WORDS and (not number.is_word or nxt not in _TEXT2NUM_SCALES):
            scale = SCALE_WORDS[nxt]
            return _Number(number.value * scale, i, number.end + 1, scale)
        for words in (("and", "a", "half"), ("-", "and", "-", "a", "-", "half")):
            if all(self._lower(number.end + k) == w for k, w in enumerate(words)):
                end = number.end + len(words)
                return _Number(number.value + 0.5, i, end, is_word=number.is_word)
        return number

    def _dashed_range(self, i: int) -> _Number | None:
        """One token holding a range, "10–15" (spaCy splits a hyphen, not an en dash)."""
        tok = self.toks[i]
        match = _DASHED_RANGE_RE.match(tok.text)
        if match is None or _glued(tok):
            return None
        low, high = (float(g.replace(",", "")) for g in match.groups())
        return _Number(low, i, i + 1, high=high)

    def _number_words(self, i: int) -> _Number | None:
        """The longest run of number words from token i that text2num reads ("twelve hundred")."""
        if not _is_number_word(self._lower(i)):
            return None
        j, words = i, []
        while j < min(len(self.toks), i + _MAX_NUMBER_TOKENS):
            low = self._lower(j)
            if _is_number_word(low) or (
                low in ("-", "and") and _is_number_word(self._lower(j + 1)) and words
            ):
                words.append(low)
            else:
                break
            j += 1
        while words:
            phrase = " ".join(words).replace(" - ", "-")
            try:
                value = package.text2num(phrase, "en")
            except ValueError:
                words.pop()
                continue
            return _Number(float(value), i, i + len(words), is_word=True)
        return None

    def _qualifier_before(self, i: int) -> tuple[str, int] | None:
        """The qualifier phrase ending just before token i, longest first, and where it starts."""
        for size in range(min(_LONGEST_QUALIFIER, i), 0, -1):
            words = tuple(self._lower(k) for k in range(i - size, i))
            if words in _QUALIFIER_OF:
                return _QUALIFIER_OF[words], i - size
        return None

    def _currency_before(self, i: int) -> tuple[str, int] | None:
        low = self._lower(i - 1)
        if low in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[low], i - 1
        if i >= 1 and _currency_code(self.toks[i - 1].text):
            return self.toks[i - 1].text, i - 1
        return None

    def _currency_after(self, j: int) -> tuple[str, float, int] | None:
        """A currency word or code at token j: (ISO 4217 code, multiplier, last token index)."""
        if j >= len(self.toks):
            return None
        tok = self.toks[j]
        if _currency_code(tok.text):
            return tok.text, 1.0, j
        low = tok.lower_
        lemma = _singular(low)
        if lemma in MINOR_UNITS:
            code, factor = MINOR_UNITS[lemma]
            return code, factor, j
        if j + 1 < len(self.toks) and tok.is_title:
            named = _currency_named(f"{low} {_singular(self._lower(j + 1))}")
            if named:
                return named, 1.0, j + 1
        if lemma in CURRENCY_WORDS:
            return CURRENCY_WORDS[lemma], 1.0, j
        return None

    def _percent_after(self, j: int) -> int | None:
        if self._lower(j) in ("%", "percent", "pct"):
            return j
        if (self._lower(j), self._lower(j + 1)) == ("per", "cent"):
            return j + 1
        return None

    def _head(self, j: int) -> int | None:
        """Index of the noun a number at token j counts: a unit word, the first plural noun,
        else the last plain word before a function word ("two police officials" -> officials).

        A hyphen joins a unit to the number as a modifier ("a two-month siege")."""
        if self._lower(j) == "-":
            return j + 1 if _is_unit(_singular(self._lower(j + 1))) else None
        candidate = None
        for k in range(j, min(j + _HEAD_WINDOW, len(self.toks))):
            tok = self.toks[k]
            low = tok.lower_
            if low in _HEAD_SKIPS:
                continue
            if not tok.is_alpha or low in STOP_WORDS or (_MONTHS.get(low) and tok.is_title):
                break
            if _is_unit(_singular(low)) or _is_plural(low):
                return k
            if tok.is_title or low.endswith(("ed", "ing", "ly")):
                if candidate is not None:
                    break
                continue
            candidate = k
        return candidate

    # -- figures ----------------------------------------------------------------------------

    def _date(self, i: int) -> tuple[Figure, int] | None:
        """ "June 1", "1 June 2018", "June 1, 2018", "September 2014"."""
        tok = self.toks[i]
        month = _MONTHS.get(tok.lower_.rstrip(".")) if tok.is_title else None
        if month:
            day = _day(self._lower(i + 1))
            if day:
                year, last = self._year_after(i + 2, allow_comma=True)
                return self._date_figure(i, last if year else i + 1, year, month, day)
            year = _year(self._lower(i + 1))
            if year:
                return self._date_figure(i, i + 1, year, month, None)
            return None
        day = _day(tok.lower_)
        if day and i + 1 < len(self.toks) and self.toks[i + 1].is_title:
            month = _MONTHS.get(self._lower(i + 1).rstrip("."))
            if month:
                year, last = self._year_after(i + 2, allow_comma=False)
                return self._date_figure(i, last if year else i + 1, year, month, day)
        return None

    def _year_after(self, j: int, allow_comma: bool) -> tuple[int | None, int]:
        if allow_comma and self._lower(j) == ",":
            j += 1
        year = _year(self._lower(j))
        return year, j

    def _date_figure(
        self, first: int, last: int, year: int | None, month: int, day: int | None
    ) -> tuple[Figure, int]:
        if year and day:
            iso = f"{year:04d}-{month:02d}-{day:02d}"
        elif year:
            iso = f"{year:04d}-{month:02d}"
        else:
            iso = f"--{month:02d}-{day:02d}"
        return Figure(self._span(first, last), "date", "exact", date=iso), last + 1

    def _figure(self, i: int) -> tuple[Figure, int] | None:
        share = self._share(i)
        if share is not None:
            return share
        number = self._number(i) or self._dashed_range(i)
        if number is None or _ends_dashed_digits(self.toks[i]) or self._excluded(number):
            return None
        first = i
        currency = self._currency_before(i)
        if currency:
            first = currency[1]
        qualifier = "exact"
        between = self._lower(first - 1) == "between"
        found = None if between else self._qualifier_before(first)
        if between:
            first -= 1
        elif found:
            qualifier, first = found
        last = number.end - 1
        low_value, high_value = number.value, None

        # a range: "1200 to 1700", "between 10 and 15", "10-15", "1.2 to 1.5 million"
        if number.high is not None:
            high_value, qualifier = number.high, "range"
        separators = RANGE_SEPARATORS | ({"and"} if between else set())
        if number.high is None and self._lower(number.end) in separators:
            k = number.end + 1
            if self._lower(k) in CURRENCY_SYMBOLS:  # "$3 to $5 million"
                k += 1
            upper = self._number(k)
            if upper is not None and upper.is_word == number.is_word:
                if number.scale == 1.0 and upper.scale != 1.0:
                    low_value *= upper.scale
                high_value, last, qualifier = upper.value, upper.end - 1, "range"
        if high_value is not None and high_value <= low_value:
            return None  # "555-0100", "3-1": an identifier or a score, not a range
        if between and qualifier != "range":
            first += 1  # "between" with no second number: not a range after all

        if (
            number.is_word
            and number.value == 1
            and self._fraction(number, number.end) is None
            and not self._one_is_a_count(number)
        ):
            return None
        return self._finish(number, first, last, qualifier, low_value, high_value, currency)

    def _finish(
        self,
        number: _Number,
        first: int,
        last: int,
        qualifier: str,
        low_value: float,
        high_value: float | None,
        currency: tuple[str, int] | None,
    ) -> tuple[Figure, int] | None:
        j = last + 1
        kind, unit, factor = "count", None, 1.0
        if currency:
            kind, unit = "money", currency[0]
            if self._lower(j) in ("m", "bn", "b", "k") and number.scale == 1.0:
                factor, last = SCALE_SUFFIXES[self._lower(j)], j
        elif (after := self._currency_after(j)) is not None:
            kind, unit, factor, last = "money", after[0], after[1], after[2]
        elif (pct := self._percent_after(j)) is not None:
            kind, unit, last = "percent", "percent", pct
        elif (fraction := self._fraction(number, j)) is not None:
            kind, unit, last = "percent", "percent", fraction[1]
            low_value = fraction[0]
        elif (age := self._age(j)) is not None:
            kind, unit, last = "duration", "year", age
        else:
            head = self._head(j)
            lemma = _singular(self._lower(head)) if head is not None else None
            if lemma in DISTANCE_UNITS:
                kind, unit = "distance", DISTANCE_UNITS[lemma]
            elif lemma in DURATION_UNITS:
                kind, unit = "duration", lemma
            elif lemma in OTHER_UNITS:
                kind, unit = "other", lemma
            elif head is None and self._looks_like_year(number, qualifier):
                return self._year_figure(number)
            else:
                unit = lemma or self.last_unit or _DEFAULT_COUNT_UNIT
            if head is not None:
                last = head
        low_value *= factor
        high_value = high_value * factor if high_value is not None else None
        if not math.isfinite(low_value) or not math.isfinite(high_value or 0.0):
            return None  # hundreds of digits in a row: no quantity, and inf is no value
        figure = _bounded(self._span(first, last), kind, qualifier, low_value, high_value, unit)
        return figure, last + 1

    def _fraction(self, number: _Number, j: int) -> tuple[float, int] | None:
        """ "two-thirds", "three quarters", "one half": a share, as a percentage."""
        if not number.is_word:
            return None
        k = j + 1 if self._lower(j) == "-" else j
        denominator = FRACTIONS.get(self._lower(k))
        if denominator is None or (number.value > 1) != self._lower(k).endswith("s"):
            return None
        return round(number.value / denominator * 100, 2), k

    def _share(self, i: int) -> tuple[Figure, int] | None:
        """ "half of", "a third of": a share of something, as a percentage."""
        low = self._lower(i)
        if low == "half" and self._lower(i + 1) == "of" and self._lower(i - 1) != "a":
            value, last = 50.0, i
        elif (
            low == "a"
            and self._lower(i + 1) in ("third", "quarter")
            and (self._lower(i + 2) == "of")
        ):
            value, last = round(100 / FRACTIONS[self._lower(i + 1)], 2), i + 1
        else:
            return None
        qualifier, first = self._qualifier_before(i) or ("exact", i)
        return _bounded(self._span(first, last), "percent", qualifier, value, None, "percent"), (
            last + 1
        )

    def _age(self, j: int) -> int | None:
        """ "65-year-old": an age, a duration in years; returns the index of "old"."""
        words = [self._lower(k) for k in range(j, j + 4)]
        if words[:4] == ["-", "year", "-", "old"]:
            return j + 3
        return None

    def _one_is_a_count(self, number: _Number) -> bool:
        if self._lower(number.start - 1) in _PRONOUN_ONE_BEFORE:
            return False
        if self._lower(number.end) in ("of", "another"):
            return False
        return self._head(number.end) == number.end

    def _excluded(self, number: _Number) -> bool:
        """Times of day, numbers inside names ("Resolution 2254") and ordinal-like uses."""
        if self._lower(number.end) in _TIME_AFTER:
            return True
        before = number.start - 1
        if before < 0:
            return False
        prev = self.toks[before]
        if prev.text in ("#", "No.", "no."):
            return True
        return self._qualifier_before(number.start) is None and (
            prev.is_title
            and prev.is_alpha
            and prev.lower_ not in STOP_WORDS
            and prev.lower_.rstrip(".") not in _MONTHS
            and self._currency_before(number.start) is None
        )

    def _looks_like_year(self, number: _Number, qualifier: str) -> bool:
        tok = self.toks[number.start]
        return (
            qualifier == "exact"
            and not number.is_word
            and number.end == number.start + 1
            and _year(tok.text) is not None
        )

    def _year_figure(self, number: _Number) -> tuple[Figure, int]:
        year = int(self.toks[number.start].text)
        span = self._span(number.start, number.start)
        return Figure(span, "date", "exact", date=f"{year:04d}"), number.end


def _bounded(
    span: Span, kind: str, qualifier: str, value: float, high: float | None, unit: str | None
) -> Figure:
    """Apply the low/best/high convention (DESIGN.md) to one number or a range."""
    if qualifier == "range":
        return Figure(span, kind, qualifier, None, value, high, unit)
    low = value if qualifier in ("exact", "more_than", "at_least") else None
    high = value if qualifier in ("exact", "less_than", "at_most") else None
    return Figure(span, kind, qualifier, value, low, high, unit)


def _glued(tok: Token) -> bool:
    """A number glued to letters or slashes ("F-16", "24/7", "@5") is an identifier."""
    text = tok.doc.user_data["text"]
    before = text[tok.idx - 1] if tok.idx > 0 else " "
    after_index = tok.idx + len(tok.text)
    after = text[after_index] if after_index < len(text) else " "
    return before.isalpha() or before in "/#@_" or after in "/_" or after.isalnum()


def _ends_dashed_digits(tok: Token) -> bool:
    """The second half of "555-0100" or a score "3-1", once the whole was refused as a range."""
    text = tok.doc.user_data["text"]
    return tok.idx > 1 and text[tok.idx - 1] == "-" and text[tok.idx - 2].isdecimal()


def _day(text: str) -> int | None:
    match = _ORDINAL_DAY_RE.match(text)
    digits = match[1] if match else text
    if digits.isdecimal() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _year(text: str) -> int | None:
    if text.isdecimal() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return int(text)
    return None


def _is_unit(lemma: str) -> bool:
    return lemma in DURATION_UNITS or lemma in DISTANCE_UNITS or lemma in OTHER_UNITS


@lru_cache(maxsize=4096)
def _is_number_word(word: str) -> bool:
    """A cardinal number word text2num reads on its own; plurals ("thousands") are vague."""
    if not word.isalpha() or word.endswith("s"):
        return False
    try:
        package.text2num(word, "en")
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _inflect() -> inflect.engine:
    """inflect's engine, imported without typeguard: inflect wraps its methods in
    typeguard's @typechecked, which rewrites and recompiles them at import, 2 s of
    every build process and worker (jaraco/inflect#212). A stand-in `typeguard`
    whose decorator returns the function is in sys.modules only for that import;
    the run-time type checks it skips guard calls we make with plain strings."""
    real = sys.modules.get("typeguard")
    stand_in = types.ModuleType("typeguard")
    stand_in.typechecked = lambda function: function
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
def _singular(word: str) -> str:
    """The singular lemma of a noun ("fighters" -> "fighter", "people" -> "person")."""
    if not word.split():  # inflect splits on whitespace, including "\x1f"
        return word
    singular = _inflect().singular_noun(word)
    return singular if singular and len(singular) >= 3 else word


@lru_cache(maxsize=8192)
def _is_plural(word: str) -> bool:
    return word not in STOP_WORDS and _singular(word) != word


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
