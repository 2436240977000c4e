"""Step 3: read the number at a token, as digits ("7,000", "1.3bn", "10–15") or words.

Also holds `Line`, a paragraph's tokens as every step reads them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

# text2num is looked up on the package at call time, not imported here, so that
# tests/pipeline/test_extraction_scaling.py can count its calls by patching
# `tidynews.pipeline.figures.text2num`.
import tidynews.pipeline.figures as package
from tidynews.pipeline.figures.currency import code_of, symbol_code
from tidynews.pipeline.figures.lexicon import (
    DASHED_RANGE_RE,
    DIGITS_RE,
    FRACTIONS,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    SCALED_RE,
    TEXT2NUM_SCALES,
)
from tidynews.pipeline.figures.physical import split_glued, unit_of
from tidynews.pipeline.nlp import tokens, word_set
from tidynews.pipeline.nlp import words as line_words
from tidynews.pipeline.spans import Span
from tidynews.pipeline.vocab import FigureKind

# Tokens of one number phrase: the longest written out in news text ("two million
# three hundred and forty - five thousand six hundred and seventy - eight") has 15.
# Unbounded, "twelve hundred and twelve hundred and ..." was read again from every
# number in it, each time as ever longer phrases (19 KB took 34 s).
_MAX_NUMBER_TOKENS = 24
_VULGAR_RE = re.compile(r"^(\d*)([½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])$")
_WORD_RE = re.compile(r"[a-z]+")
_HALVES = (("and", "a", "half"), ("-", "and", "-", "a", "-", "half"))  # "two and a half"
# The cardinals of text2num's English vocabulary, the only single words it reads (it
# refuses its ordinals alone), kept if this text2num reads them: one set test per word
# where each word cost a text2num call (an exception for most).
_CARDINALS = word_set(
    """zero o nought one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty
    sixty seventy eighty ninety hundred thousand million billion"""
)


def _reads(word: str) -> bool:
    try:
        package.text2num(word, "en")
    except ValueError:
        return False
    return True


NUMBER_WORDS = frozenset(filter(_reads, _CARDINALS))
# .union, not `| FRACTIONS.keys()`: that is a set at run time (dict_keys.__ror__), not
# the frozenset typeshed declares, and mypyc-compiled code checks the declared type.
_NUMBER_OR_SHARE_WORDS = NUMBER_WORDS.union(FRACTIONS)
_DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10, 16, 100})
_SLASHED_RE = re.compile(r"^(\d{1,2})/(\d{1,3})$")
# "HK$10", "USD115": a currency glued before the digits
_PREFIXED_MONEY_RE = re.compile(r"^([A-Za-z]{1,3}\$|[A-Z]{3})(\d[\d,]*(?:\.\d+)?)$")


class Line:
    """One paragraph's tokens, with their lower-case forms (each is read many times)."""

    __slots__ = ("lowers", "n", "offset", "text", "toks")

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.toks = tokens(text)  # shared by the extractors (nlp.tokens), never changed
        self.lowers = line_words(text).lowers  # the same: read-only
        self.n = len(self.toks)
        self.offset = offset

    def __len__(self) -> int:
        return self.n

    def lower(self, i: int) -> str:
        """Token i in lower case, or "" past either end, so look-arounds need no bounds checks."""
        return self.lowers[i] if 0 <= i < self.n else ""

    def span(self, first: int, last: int) -> Span:
        """Span from token `first` through token `last`, inclusive, in document offsets."""
        start = self.toks[first].idx
        end = self.toks[last].idx + len(self.toks[last].text)
        return Span(self.offset + start, self.offset + end)


@dataclass(slots=True)
class Number:
    """A number read from tokens [start, end); `value` already includes `scale` ("3m")."""

    value: float
    start: int  # token index of its first token
    end: int  # token index after its last token
    scale: float = 1.0
    is_word: bool = False
    high: float | None = None  # set when one token holds a whole range ("10–15")
    unit: str | None = None  # a unit glued to the digits ("5.5kWh")
    kind: FigureKind = "count"  # what that glued unit measures
    fraction: bool = False  # "1/4", "½": below one, a share unless a unit follows


def read_number(line: Line, i: int) -> Number | None:
    """A number starting at token i: digits (with a scale word) or number words."""
    if i >= len(line):
        return None
    tok = line.toks[i]
    if _glued(line, i):
        return None
    if line.lowers[i] in NUMBER_WORDS:  # spelled out: none of the digit forms below
        spelled = _number_words(line, i)
        if spelled is None:
            return None
        number = spelled
    elif DIGITS_RE.match(tok.text):
        number = Number(float(tok.text.replace(",", "")), i, i + 1)
        if (grouped := _space_grouped(line, i)) is not None:
            number = grouped
    elif tok.text[0] in "-−" and DIGITS_RE.match(tok.text[1:]):  # "-15", "−273.15"
        number = Number(-float(tok.text[1:].replace(",", "")), i, i + 1)
    elif tok.text.endswith("-") and DIGITS_RE.match(tok.text[:-1]) and line.lower(i + 1) == "to":
        return Number(float(tok.text[:-1].replace(",", "")), i, i + 1)  # "8- to 16-meter"
    elif match := SCALED_RE.match(tok.text):
        scale = SCALE_SUFFIXES[match[2].lower()]
        return Number(float(match[1]) * scale, i, i + 1, scale)
    elif tok.text[0].isdecimal() and (glued := split_glued(tok.text)) is not None:
        return Number(glued[0], i, i + 1, unit=glued[1], kind=glued[2])
    elif (money := _PREFIXED_MONEY_RE.match(tok.text)) and (code := _prefix_code(money[1])):
        number = Number(float(money[2].replace(",", "")), i, i + 1, unit=code, kind="money")
    elif (part := fraction_token(tok.text)) is not None:
        number = Number(part, i, i + 1, fraction=part < 1)  # "1/4 inch", "½ tbsp", "2½"
    else:  # "half a million", or no number here
        return _part_of_scale(line, i)
    mixed = fraction_token(line.toks[number.end].text) if number.end < len(line) else None
    if mixed is not None and mixed < 1 and not number.is_word and number.value.is_integer():
        number = replace(number, value=number.value + mixed, end=number.end + 1)  # "2 1/2"
    halves = False
    for words in _HALVES if line.lower(number.end) in ("and", "-") else ():
        if all(line.lower(number.end + k) == w for k, w in enumerate(words)):
            number = replace(number, value=number.value + 0.5, end=number.end + len(words))
            halves = True
    nxt = line.lower(number.end)
    # text2num reads "two billion" but no "trillion" at all: number words take
    # only that scale here, digits every scale ("1.3 trillion", "40 thousand")
    if nxt in SCALE_WORDS and (not number.is_word or halves or nxt not in TEXT2NUM_SCALES):
        scale = SCALE_WORDS[nxt]
        return replace(number, value=number.value * scale, end=number.end + 1, scale=scale)
    return number


def _space_grouped(line: Line, i: int) -> Number | None:
    """ "10 000": thousands set apart by a space, where the next group is three digits and
    no digit group follows it."""
    tok = line.toks[i]
    if not (tok.text.isdecimal() and len(tok.text) <= 3) or i + 1 >= len(line):
        return None
    group = line.toks[i + 1]
    gap = line.text[tok.idx + len(tok.text) : group.idx]
    if gap not in (" ", "\u00a0", "\u202f", "\u2009") or not (
        group.text.isdecimal() and len(group.text) == 3
    ):
        return None
    if line.lower(i + 2)[:1].isdecimal():
        return None
    return Number(float(tok.text + group.text), i, i + 2)


def fraction_token(text: str) -> float | None:
    """A fraction in one token: "1/4" (numerator below denominator), "½", "2½"."""
    if (vulgar := _VULGAR_RE.match(text)) is not None:
        return int(vulgar[1] or 0) + unicodedata.numeric(vulgar[2])
    if (slashed := _SLASHED_RE.match(text)) is not None:
        numerator, denominator = int(slashed[1]), int(slashed[2])
        # halves to sixteenths, fifths, tenths, hundredths: "9/11" and "5/12" are dates
        if 0 < numerator < denominator and denominator in _DENOMINATORS:
            return numerator / denominator
    return None


def _part_of_scale(line: Line, i: int) -> Number | None:
    """ "half a million", "a quarter million": a part of a scale word, as one number."""
    part = {"half": 0.5, "quarter": 0.25}.get(line.lower(i))
    if part is None:
        return None
    k = i + 2 if line.lower(i + 1) == "a" else i + 1
    scale = SCALE_WORDS.get(line.lower(k))
    if scale is None or scale < 1e3:
        return None
    return Number(part * scale, i, k + 1, scale, is_word=True)


def dashed_range(line: Line, i: int) -> Number | None:
    """One token holding a range, "10–15" (spaCy splits a hyphen, not an en dash)."""
    tok = line.toks[i]
    match = DASHED_RANGE_RE.match(tok.text)
    if match is None or _glued(line, i):
        return None
    low, high = (float(g.replace(",", "")) for g in match.groups())
    return Number(low, i, i + 1, high=high)


def _number_words(line: Line, i: int) -> Number | None:
    """The longest run of number words from token i that text2num reads ("twelve hundred")."""
    if not is_number_word(line.lower(i)):
        return None
    j = i
    words: list[str] = []
    while j < min(len(line), i + _MAX_NUMBER_TOKENS):
        low = line.lower(j)
        if is_number_word(low) or (
            low in ("-", "and") and is_number_word(line.lower(j + 1)) and words
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
        return Number(float(value), i, i + len(words), is_word=True)
    return None


def has_number_word(line: str) -> bool:
    """Whether a paragraph may hold a written-out number, before paying for its tokens."""
    return not _NUMBER_OR_SHARE_WORDS.isdisjoint(_WORD_RE.findall(line.lower()))


def is_number_word(word: str) -> bool:
    """A cardinal number word text2num reads on its own; plurals ("thousands") are vague."""
    return word in NUMBER_WORDS


def _prefix_code(prefix: str) -> str | None:
    return code_of(prefix) if prefix.isalpha() else symbol_code(prefix.lower())


def _glued(line: Line, i: int) -> bool:
    """A number glued to letters or slashes ("F-16", "24/7", "@5") is an identifier;
    glued to a unit or scale spaCy split off ("300mm", "1.8m", "€10M") it is not."""
    tok, text = line.toks[i], line.text
    start = tok.idx
    before = text[start - 1] if start > 0 else " "
    after_index = start + len(tok.text)
    after = text[after_index] if after_index < len(text) else " "
    if before.isalpha() or before in "/#@_" or after in "/_":
        return True
    if not after.isalnum():
        return False
    if i + 1 >= len(line):
        return True
    following = line.toks[i + 1]
    return not (
        following.idx == after_index
        and (line.lowers[i + 1] in SCALE_SUFFIXES or unit_of(following.text) is not None)
    )


def ends_dashed_digits(line: Line, i: int) -> bool:
    """The second half of "555-0100" or a score "3-1", once the whole was refused as a range."""
    start, text = line.toks[i].idx, line.text
    return start > 1 and text[start - 1] == "-" and text[start - 2].isdecimal()
