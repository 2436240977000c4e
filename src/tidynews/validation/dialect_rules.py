"""The CSV Dialect options tidynews validate reads, checked before any data is: an
option it does not honour would change how the file reads, so it is refused by name
rather than ignored."""

from __future__ import annotations

from tidynews.errors import PackageError

# What the CSV reader honours: anything else in a dialect would change how the file
# reads, so it is refused rather than silently ignored.
_DIALECT_SUPPORTED = {
    "delimiter": None,
    "quoteChar": None,
    "header": None,
    "skipInitialSpace": None,
    "headerRows": None,  # row numbers, ascending: checked in check_dialect
    "headerJoin": None,
    "commentChar": None,  # a string: checked in check_dialect
    "commentRows": None,  # row numbers: checked in check_dialect
    "doubleQuote": None,  # honoured with an escapeChar only, as by frictionless' reader
    "escapeChar": None,
    "nullSequence": None,  # read past, as frictionless' reader does
    "lineTerminator": None,  # read past, as Python's csv reader (frictionless') does
}
_DIALECT_DESCRIPTIVE = {"$schema", "name", "title", "description", "caseSensitiveHeader"}


def check_dialect(dialect: dict, name: str) -> None:
    """PackageError for a dialect option the CSV reader does not honour."""
    for key, value in dialect.items():
        if key in _DIALECT_DESCRIPTIVE:
            continue
        if key not in _DIALECT_SUPPORTED:
            raise PackageError(
                f"resource {name!r}: dialect option {key!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )
        one_char = isinstance(value, str) and len(value) == 1
        if (
            (key == "escapeChar" and not one_char)
            or (key in ("commentChar", "nullSequence") and not (isinstance(value, str) and value))
            or (key == "commentRows" and not _row_numbers(value))
        ):
            raise PackageError(
                f"resource {name!r}: dialect {key}={value!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )
        if (key == "headerRows" and not _row_numbers(value, sorted_=True)) or (
            key == "headerJoin" and not isinstance(value, str)
        ):
            raise PackageError(
                f"resource {name!r}: dialect {key}={value!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )
        allowed = _DIALECT_SUPPORTED[key]
        if allowed is not None and value not in allowed:
            raise PackageError(
                f"resource {name!r}: dialect {key}={value!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )


def _row_numbers(value: object, sorted_: bool = False) -> bool:
    """A list of row numbers (a non-empty ascending one when `sorted_`)."""
    if not (isinstance(value, list) and all(_is_row_number(v) for v in value)):
        return False
    return not sorted_ or (bool(value) and value == sorted(set(value)))


def _is_row_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
