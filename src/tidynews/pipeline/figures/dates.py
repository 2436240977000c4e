"""Step 2: dates ("June 1, 2018", "1 June", "September 2014") and bare years.

Dates are ISO 8601 strings; a date without a year is written "--MM-DD".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidynews.pipeline.figures.lexicon import MONTHS, ORDINAL_DAY_RE

if TYPE_CHECKING:
    from tidynews.pipeline.figures.numbers import Line, Number


def find_date(line: Line, i: int) -> tuple[int, str] | None:
    """A date starting at token i: the index of its last token and its ISO form."""
    tok, low = line.toks[i], line.lowers[i]
    month = MONTHS.get(low.rstrip(".")) if tok.is_title else None
    if month:
        day = _day(line.lower(i + 1))
        if day:
            year, last = _year_after(line, i + 2, allow_comma=True)
            return _iso(last if year else i + 1, year, month, day)
        year = _year(line.lower(i + 1))
        if year:
            return _iso(i + 1, year, month, None)
        return None
    day = _day(low)
    if day and i + 1 < len(line) and line.toks[i + 1].is_title:
        month = MONTHS.get(line.lower(i + 1).rstrip("."))
        if month:
            year, last = _year_after(line, i + 2, allow_comma=False)
            return _iso(last if year else i + 1, year, month, day)
    return None


def bare_year(line: Line, number: Number) -> str | None:
    """The year a lone four-digit number names ("in 2014"), when nothing says it counts."""
    if number.is_word or number.end != number.start + 1:
        return None
    year = _year(line.toks[number.start].text)
    return f"{year:04d}" if year is not None else None


def _year_after(line: Line, j: int, allow_comma: bool) -> tuple[int | None, int]:
    if allow_comma and line.lower(j) == ",":
        j += 1
    year = _year(line.lower(j))
    return year, j


def _iso(last: int, year: int | None, month: int, day: int | None) -> tuple[int, str]:
    if year and day:
        return last, f"{year:04d}-{month:02d}-{day:02d}"
    if year:
        return last, f"{year:04d}-{month:02d}"
    return last, f"--{month:02d}-{day:02d}"


def _day(text: str) -> int | None:
    match = ORDINAL_DAY_RE.match(text)
    digits = match[1] if match else text
    if digits.isdecimal() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _year(text: str) -> int | None:
    if text.isdecimal() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return int(text)
    return None
