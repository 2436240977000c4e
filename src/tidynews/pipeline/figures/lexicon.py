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
QUALIFIER_ENDS = frozenset(k[-1] for k in QUALIFIER_OF)  # a qualifier ends in one of these

DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
# Physical units are pint's (physical.py); these are the news rules around it.
AREA_WORDS = frozenset({"square", "sq", "sq."})
VOLUME_WORDS = frozenset({"cubic", "cu", "cu."})
DEGREE_SCALES = {
    "celsius": "°C",
    "celcius": "°C",  # the common misspellings of the scales
    "farenheit": "°F",
    "centigrade": "°C",
    "c": "°C",
    "fahrenheit": "°F",
    "f": "°F",
    "kelvin": "K",
}
# a capital C or F after a number is a temperature in news, not coulomb or farad
NEWS_SYMBOLS = {"C": "°C", "F": "°F", "°C": "°C", "°F": "°F", "℃": "°C", "℉": "°F"}
# pint units that are, after a number in news, English words or letters ("10 points",
# "two hands", "10 are", "5 a day") rather than measures
NOT_UNITS = frozenset(
    {
        "point",
        "points",
        "hand",
        "hands",
        "link",
        "links",
        "chain",
        "chains",
        "stone",
        "stones",
        "bag",
        "bags",
        "shot",
        "shots",
        "line",
        "lines",
        "league",
        "leagues",
        "rod",
        "rods",
        "pole",
        "poles",
        "span",
        "spans",
        "cable",
        "grain",
        "grains",
        "shake",
        "are",
        "a",
        "s",
        "d",
        "b",
        "at",
        "am",
        "pm",
        "as",
        "us",
        "it",
        "on",
        "count",
        "counts",
        "round",
        "rounds",
        "drop",
        "drops",
        "pint",
        "pints",
        "pi",
        "slug",
        "slugs",
        "bar",
        "bars",
        "mil",
        "thou",
        "dram",
        "percent",
        "gross",
        "barn",
        "bushel",
        "peck",
        "gill",
        "cord",
        "tonne_force",
        "st",
        "nd",
        "rd",
        "th",
    }
)
# pint's symbol is not the one news writes: "cp" is centipoise to most readers
UNIT_SYMBOLS = {"cup": "cup", "british_thermal_unit": "BTU"}
SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "lakh": 1e5,  # South Asian news: "25 lakh tonnes", "3 crore rupees"
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
TEXT2NUM_SCALES = ("hundred", "thousand", "million", "billion")
SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "t": 1e12}
CURRENCY_SYMBOLS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₩": "KRW",
    "₦": "NGN",
    "₱": "PHP",
    "₴": "UAH",
    "₫": "VND",
    "฿": "THB",
    "₸": "KZT",
    "₼": "AZN",
    "₭": "LAK",
    "₡": "CRC",
    "₾": "GEL",
    "元": "CNY",
    "zł": "PLN",
    "rs": "INR",
    "rs.": "INR",
}
# "<prefix>$" dollars whose prefix is not the country's ISO 3166 code + "D" (US$, HK$, NZ$)
DOLLAR_PREFIXES = {"a": "AUD", "c": "CAD", "s": "SGD", "r": "BRL", "nt": "TWD", "mex": "MXN"}
# ISO codes also read in lower case: the majors, none of them an English word ("try", "all")
LOWER_CODES = frozenset({"usd", "eur", "gbp", "jpy", "cny", "aud", "cad", "chf", "hkd", "inr"})
# Currency words standing alone; with a demonym ("Syrian pounds") pycountry's names decide.
# Withdrawn ISO 4217 currencies (not in pycountry) news still prices in: FIM, NLG, ESP, ...
CURRENCY_WORDS = {
    "dollar": "USD",
    "buck": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "quid": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "kuai": "CNY",
    "rupee": "INR",
    "ruble": "RUB",
    "rouble": "RUB",
    "lira": "TRY",
    "shekel": "ILS",
    "markka": "FIM",
    "guilder": "NLG",
    "peseta": "ESP",
    "drachma": "GRD",
    "escudo": "PTE",
    "deutschmark": "DEM",
}
# last words of ISO 4217 names that are English words after a number ("10 gold", "won")
NOT_CURRENCY_NAMES = frozenset(
    {"real", "gold", "silver", "sol", "won", "dong", "kina", "leone", "sucre", "tala", "dram"}
)
MINOR_UNITS = {
    "cent": ("USD", 0.01),
    "penny": ("GBP", 0.01),
    "pence": ("GBP", 0.01),
    "dime": ("USD", 0.1),
}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
FRACTIONS |= {
    word + ending: n
    for n, word in enumerate(("fifth", "sixth", "seventh", "eighth", "ninth", "tenth"), start=5)
    for ending in ("", "s")
}
# (word, next word) -> unit; ("%", "") is the word alone
PERCENT_UNITS = {
    ("%", ""): "percent",
    ("percent", ""): "percent",
    ("pct", ""): "percent",
    ("percentage", ""): "percent",
    ("per", "cent"): "percent",
    ("percentage", "point"): "percentage point",
    ("percentage", "points"): "percentage point",
    ("basis", "point"): "basis point",
    ("basis", "points"): "basis point",
}
# nouns that label an item by number ("seat 14B", "page 5"): the number counts nothing
LABEL_NOUNS = frozenset(
    {
        "seat",
        "row",
        "section",
        "gate",
        "platform",
        "room",
        "suite",
        "apartment",
        "apt",
        "flat",
        "page",
        "p",
        "pp",
        "chapter",
        "verse",
        "exit",
        "pier",
        "terminal",
        "no",
        "number",
        "flight",
        "route",
        "highway",
        "interstate",
        "bus",
        "channel",
        "track",
        "episode",
        "season",
        "act",
        "scene",
        "article",
        "paragraph",
        "clause",
        "volume",
        "vol",
        "issue",
        "figure",
        "fig",
        "table",
        "grade",
        "district",
        "ward",
        "precinct",
        "zone",
        "block",
        "lot",
        "box",
        "phase",
        "stage",
        "version",
        "model",
        "level",
        "category",
        "class",
        "type",
        "item",
        "question",
        "rule",
        "amendment",
        "title",
    }
)
# the street word that ends an address after a house number
STREET_WORDS = frozenset(
    {
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "place",
        "pl",
        "court",
        "ct",
        "terrace",
        "way",
        "square",
        "sq",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "crescent",
        "close",
        "alley",
    }
)
# what money is paid per, besides time and physical units ("$98 a share", "$5 per head")
RATE_NOUNS = frozenset({"share", "head", "person", "capita", "unit", "ticket", "seat", "night"})
# participles and adjectives that stand for people after a number ("100 missing")
CASUALTY_WORDS = frozenset(
    {
        "dead",
        "missing",
        "injured",
        "wounded",
        "killed",
        "hurt",
        "displaced",
        "detained",
        "arrested",
        "homeless",
        "stranded",
        "trapped",
        "evacuated",
        "hospitalized",
        "hospitalised",
        "unaccounted",
    }
)
RANGE_SEPARATORS = frozenset({"to", "-", "–", "—"})
# "the only one", "no one", "one of": the pronoun, not a count.
PRONOUN_ONE_BEFORE = frozenset(
    {"the", "no", "any", "every", "each", "this", "that", "which", "only", "another"}
)
TIME_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"})
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {abbr.lower(): n for n, abbr in enumerate(calendar.month_abbr) if abbr}
MONTHS["sept"] = 9
# in the text of a line with a month name in title case ("June", "Sept."): "Jun", "Sep"
CAPITAL_MONTH_RE = re.compile("|".join(sorted({month[:3].title() for month in MONTHS})))
HEAD_SKIPS = frozenset({"more", "other", "additional", "further", "extra", "new"})
DEFAULT_COUNT_UNIT = "person"  # news counts with the noun left out are of people

HAS_DIGIT_RE = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")  # digits and one-character fractions
DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
SCALED_RE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$", re.IGNORECASE)
DASHED_RANGE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[–—-](\d[\d,]*(?:\.\d+)?)$")
ORDINAL_DAY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)
