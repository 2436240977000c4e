"""Cells a spreadsheet would run as formulas (CSV injection): warnings, never errors.

The cells are kept verbatim, so provenance holds; the warning is for anyone who
opens the CSV in Excel or LibreOffice.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Iterable

import polars as pl

from tidynews.errors import Issue
from tidynews.validation.fields import Field
from tidynews.validation.frames import ROW, issues_at

if sys.version_info >= (3, 11):  # the stdlib's own regex parser: see formula_free
    from re import _constants, _parser
else:  # Python 3.10 names them sre_*
    import sre_constants as _constants
    import sre_parse as _parser


# What a spreadsheet may run as a formula if the cell were opened there (OWASP's CSV
# injection list): a cell that starts with = + - @ tab or CR and is not a number.
# "-2+3+cmd|' /C calc'!A0" starts like a number and is a formula all the same.
FORMULA_START_RE = r"^[=+\-@\t\r]"
# A number a spreadsheet reads as one: sign, digits (thousands may be grouped),
# decimals, exponent, percent, trailing spaces; a cell that is only this runs nothing.
NUMBER_RE = r"^[+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%? *$"
_FORMULA_START = re.compile(FORMULA_START_RE)
_NUMBER = re.compile(NUMBER_RE)
_FORMULA_STARTS = frozenset("=+@\t\r-")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet may run the cell `text` as a formula."""
    return bool(_FORMULA_START.match(text)) and not _NUMBER.match(text)


def formula_warnings(
    table: str, frame: pl.DataFrame, proven: Collection[str] = (), failed: Iterable[Issue] = ()
) -> list[Issue]:
    """Text cells a spreadsheet would run as formulas: kept verbatim (provenance holds),
    flagged as warnings for anyone who opens the CSV in Excel or LibreOffice.

    `proven`: columns whose constraints no formula meets (formula_free); of those,
    only the cells in `failed` (their constraint-errors) are looked at, which saves
    a regex over most id and enum columns."""
    texts = [
        c for c, dtype in frame.schema.items() if c not in (ROW, *proven) and dtype == pl.String
    ]
    # one pass over every text column (polars runs them in parallel), then the few
    # cells that start like a formula, of which numbers are not
    starts = pl.col(texts).str.contains(FORMULA_START_RE).sum()
    counts = frame.select(starts).row(0) if texts else ()
    issues = []
    for column, count in zip(texts, counts, strict=True):
        if not count:
            continue
        cells = pl.col(column)
        hits = frame.filter(cells.str.contains(FORMULA_START_RE) & ~cells.str.contains(NUMBER_RE))
        issues += issues_at(
            hits,
            "spreadsheet-formula",
            table,
            column,
            [column],
            _formula_message,
            severity="warning",
        )
    failed_cells = {
        (i.row, i.field): i.value
        for i in failed
        if i.field is not None and i.field in proven and i.value is not None and is_formula(i.value)
    }
    for (row, column), value in failed_cells.items():
        issues += issues_at(
            pl.DataFrame({ROW: [row], column: [value]}),
            "spreadsheet-formula",
            table,
            column,
            [column],
            _formula_message,
            severity="warning",
        )
    return issues


def _formula_message(shown: str) -> str:
    return f"{shown} would run as a formula if opened in a spreadsheet"


def formula_free(field: Field) -> bool:
    """Whether the field's enum or pattern constraint rejects every formula (a fast text
    field only): each enum value is checked, and a pattern's possible first characters
    read from Python's parse of it. Anything the parse might read otherwise than
    polars' regex engine (flags, POSIX classes, class set operations), or a start
    that may be empty, is not proven."""
    if not field.fast or field.dtype != pl.String:
        return False
    enum = field.constraints.get("enum")
    if isinstance(enum, list) and all(isinstance(v, str) and not is_formula(v) for v in enum):
        return True
    pattern = field.constraints.get("pattern")
    if not isinstance(pattern, str) or any(t in pattern for t in ("(?", "[:", "&&", "--", "~~")):
        return False
    try:
        first = _first_characters(list(_parser.parse(pattern).data))
    except (re.error, RecursionError):
        return False
    return first is not None and not any(
        low <= ord(c) <= high for low, high in first for c in _FORMULA_STARTS
    )


def _first_characters(items: list) -> list[tuple[int, int]] | None:
    """The code point ranges a match of the parsed items can start with; None when
    unknown or when the match may be empty."""
    for op, arg in items:
        if op is _constants.AT and arg in (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING):
            continue
        if op is _constants.LITERAL:
            return [(arg, arg)]
        if op is _constants.IN:
            ranges = []
            for kind, value in arg:
                if kind is _constants.LITERAL:
                    ranges.append((value, value))
                elif kind is _constants.RANGE:
                    ranges.append(value)
                else:  # NEGATE, CATEGORY (\d, \w...): not proven
                    return None
            return ranges
        if op is _constants.SUBPATTERN:
            return _first_characters(list(arg[-1]))
        if op is _constants.BRANCH:
            ranges = []
            for branch in arg[1]:
                found = _first_characters(list(branch))
                if found is None:
                    return None
                ranges += found
            return ranges
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
            return _first_characters(list(arg[2]))
        return None
    return None
