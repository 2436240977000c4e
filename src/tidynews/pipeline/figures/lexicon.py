"""The English the figure steps match against: words, unit and currency tables, token shapes.

Kept apart from the steps that use it, as spaCy keeps a language's data apart from its
matchers: a new unit, currency or qualifier phrase is a one-line change here.
"""

from __future__ import annotations

import calendar
import re

from tidynews.pipeline.vocab import FigureQualifier

QUALIFIERS: dict[FigureQualifier, tuple[str, ...]] = {
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
QUALIFIER_OF = {tuple(p.split()): q for q, phrases in QUALIFIERS.items() for p in phrases}
LONGEST_QUALIFIER = max(len(k) for k in QUALIFIER_OF)

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
TEXT2NUM_SCALES = ("hundred", "thousand", "million", "billion")
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
PRONOUN_ONE_BEFORE = frozenset(
    {"the", "no", "any", "every", "each", "this", "that", "which", "only", "another"}
)
TIME_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"})
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {abbr.lower(): n for n, abbr in enumerate(calendar.month_abbr) if abbr}
MONTHS["sept"] = 9
HEAD_SKIPS = frozenset({"more", "other", "additional", "further", "extra", "new"})
DEFAULT_COUNT_UNIT = "person"  # news counts with the noun left out are of people

HAS_DIGIT_RE = re.compile(r"\d")
DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
SCALED_RE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$", re.IGNORECASE)
DASHED_RANGE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[–—-](\d[\d,]*(?:\.\d+)?)$")
ORDINAL_DAY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)
