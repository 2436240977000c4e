"""Table Schema fields -> typed polars columns, with frictionless-py's verdict on every cell.

Each field is read one of two ways:

* fast: a polars cast for the shapes a type usually takes (``2024-05-01``,
  ``-12``, ``3.5e2``). Cells the cast rejects are read again, once per distinct
  value, by frictionless-py's own cell reader, so anything frictionless accepts
  that the cast does not (``" 7"``, ``"1_000"``, ``"Infinity"``) is not a type error.
  Each cast only accepts text frictionless accepts too, so no error is missed.
* exact: types and options polars cannot cast (durations, JSON objects, custom
  date formats, ``groupChar`` ...) are read by frictionless' cell reader alone,
  once per distinct value, which also checks their constraints.

Either way the verdicts are frictionless-py's: its readers are the reference.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from tidynews.errors import Issue

# Constraint keys frictionless knows; the ones each type supports are checked too.
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
LENGTHS = ("minLength", "maxLength")
TYPE_CONSTRAINTS = {
    "string": {"required", "unique", "pattern", "enum", *LENGTHS},
    "integer": {"required", "unique", "enum", *BOUNDS},
    "number": {"required", "unique", "enum", *BOUNDS},
    "boolean": {"required", "unique", "enum"},
    "date": {"required", "unique", "enum", *BOUNDS},
    "datetime": {"required", "unique", "enum", *BOUNDS},
    "time": {"required", "unique", "enum", *BOUNDS},
    "year": {"required", "unique", "enum", *BOUNDS},
    "yearmonth": {"required", "unique", "enum", *BOUNDS},
    "duration": {"required", "unique", "enum"},
    "geopoint": {"required", "unique", "enum"},
    "object": {"required", "unique", "enum", *LENGTHS},
    "array": {"required", "unique", "enum", *LENGTHS},
    "any": {"required", "unique", "enum"},
}
TYPES = tuple(TYPE_CONSTRAINTS)
# Field properties that change how a cell reads, per type; the rest are descriptive.
_READ_OPTIONS = {
    "boolean": {"trueValues", "falseValues"},
    "integer": {"bareNumber"},
    "number": {"bareNumber", "decimalChar", "groupChar"},
}
# frictionless-py's field properties that change how a cell reads (floatNumber changes
# only the Python value; arrayItem and a bare `required` are not read).
_FRICTIONLESS_READ_OPTIONS = {"trueValues", "falseValues", "bareNumber", "decimalChar"}
_FRICTIONLESS_READ_OPTIONS |= {"groupChar", "arrayItem", "required"}  # required: a constraint

# The text each fast date cast accepts, all of which frictionless reads the same way.
_FAST_SHAPES = {
    "date": r"^\d{4}-\d{2}-\d{2}$",
    "datetime": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$",
    "time": r"^\d{2}:\d{2}:\d{2}$",
    "year": r"^\d{4}$",
    "yearmonth": r"^\d{4}-\d{2}$",
}
DTYPES: dict[str, pl.DataType] = {
    "string": pl.String(),
    "any": pl.String(),
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
    "datetime": pl.Datetime("us"),
    "time": pl.Time(),
    "year": pl.Int64(),
    "yearmonth": pl.Int64(),  # year * 12 + month - 1: ordered as frictionless orders them
}
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


def unsupported(spec: dict) -> str | None:
    """Why tidynews cannot read this field exactly, or None when it can."""
    ftype = spec.get("type", "any")
    if ftype not in TYPE_CONSTRAINTS:
        return f"type {ftype!r}"
    # any other property is the author's own (`unit`, `skos:*`, v2 `categories`),
    # which frictionless reads past too; only a read option of another type is refused
    extra = sorted(set(spec) & _FRICTIONLESS_READ_OPTIONS - _READ_OPTIONS.get(ftype, set()))
    if extra:
        return f"property {extra[0]!r} for type {ftype!r}"
    for constraint in spec.get("constraints", {}) or {}:
        if constraint not in TYPE_CONSTRAINTS[ftype]:
            return f"constraint {constraint!r} for type {ftype!r}"
    return None


@dataclass(frozen=True)
class Field:
    """One column to read: its schema entry and how its cells become typed values."""

    name: str
    spec: dict
    missing: tuple[str, ...]  # the field's missing values (its own, else the schema's)

    @property
    def type(self) -> str:
        return self.spec.get("type", "any")

    @property
    def constraints(self) -> dict:
        return self.spec.get("constraints", {}) or {}

    @functools.cached_property
    def fast(self) -> bool:
        """True when polars casts this field and tableschema.constraint_tests checks
        its constraints."""
        ftype, spec = self.type, self.spec
        if spec.get("format", "default") != "default" and ftype not in ("any",):
            return False
        if ftype not in DTYPES or set(spec) & {"bareNumber", "decimalChar", "groupChar"}:
            return False
        pattern = self.constraints.get("pattern")
        return pattern is None or polars_regex_ok(f"^(?:{pattern})$")

    @property
    def dtype(self) -> pl.DataType:
        """The typed column's dtype; exact-path fields hold a canonical text of the value."""
        return DTYPES[self.type] if self.fast else pl.String()

    @functools.cached_property
    def _accepted(self) -> dict:
        """Cells the cast rejected and frictionless read: a record of its second opinion."""
        return {}

    @functools.cached_property
    def _frictionless(self):
        from frictionless import Field as FrictionlessField

        descriptor = {k: v for k, v in self.spec.items() if k != "missingValues"}
        # never a pattern: Python's backtracking engine may take exponential time on
        # one, so patterns run on polars' linear-time engine (tableschema.constraint_tests)
        constraints = {k: v for k, v in self.constraints.items() if k != "pattern"}
        descriptor["constraints"] = constraints
        field = FrictionlessField.from_descriptor(descriptor)
        field.missing_values = list(self.missing)
        return field

    @functools.cached_property
    def reader(self):
        """frictionless-py's cell reader for this field: (value, notes) from a cell."""
        return self._frictionless.create_cell_reader()

    def read_constraint(self, value):
        """A bound or enum value read as frictionless reads it, in the typed column's terms."""
        if self.type in ("string", "any") or (
            self.type in ("integer", "number") and type(value) in (int, float)
        ):
            return value  # as JSON gave it: no need to load frictionless' reader
        return to_polars(self.type, self._frictionless.create_value_reader()(value))

    def blank_out(self, cells: pl.Expr) -> pl.Expr:
        """The column with this field's missing values as nulls."""
        if not self.missing:
            return cells
        return pl.when(cells.is_in(list(self.missing))).then(None).otherwise(cells)

    def cast(self, raw: pl.Series) -> tuple[pl.Series, list[tuple[str | None, str]]]:
        """The typed column from `raw` (missing values already null), and (cell, note)
        for each distinct cell the exact path finds wrong (None: the null cells).

        Fast fields return no notes: their type errors are the cells present in
        `raw` and null in the result, their constraints tableschema.constraint_tests'."""
        if not self.fast:
            return self._read_exactly(raw)
        typed = _fast_cast(self.type, self.spec, raw)
        rejected = raw.filter(raw.is_not_null() & typed.is_null()).unique()
        if rejected.len() and self.type not in ("string", "any", "boolean"):
            values = {}
            for cell in rejected.to_list():
                value, notes = self.reader(cell)
                if value is not None and not (notes and "type" in notes):
                    values[cell] = to_polars(self.type, value)
            if values:
                # an integer beyond 64 bits is still an integer to frictionless
                wide = pl.Int128 if typed.dtype == pl.Int64 else typed.dtype
                try:
                    rescued = raw.replace_strict(values, default=None, return_dtype=wide)
                except (OverflowError, pl.exceptions.PolarsError):  # beyond 128 bits
                    rescued = pl.Series(raw.name, [None] * len(raw), dtype=typed.dtype)
                if rescued.dtype == pl.Int128 and rescued.max() is not None:
                    fits = rescued.is_between(-(2**63), 2**63 - 1).fill_null(True).all()
                    rescued = rescued.cast(pl.Int64) if fits else rescued
                typed = typed.cast(rescued.dtype).fill_null(rescued)
            self._accepted.update(values)
        return typed, []

    def type_errors(self, raw: pl.Series, typed: pl.Series) -> pl.Series:
        """Cells present in `raw` that the field cannot read (a fast field's type errors)."""
        bad = raw.is_not_null() & typed.is_null()
        if self._accepted and bad.any():  # read, but too wide for the typed column
            bad &= ~raw.is_in(list(self._accepted))
        return bad

    def _read_exactly(self, raw: pl.Series) -> tuple[pl.Series, list[tuple[str | None, str]]]:
        keys: dict[str, str | None] = {}
        notes: list[tuple[str | None, str]] = []
        for cell in raw.unique().to_list():
            value, found = self.reader(cell)
            if cell is None:
                for note in (found or {}).values():
                    notes.append((None, note))
                continue
            keys[cell] = None if value is None else canonical(value)
            for note in (found or {}).values():
                notes.append((cell, note))
        typed = raw.replace_strict(keys, default=None, return_dtype=pl.String) if keys else raw
        return typed, notes


def to_polars(ftype: str, value):
    """A frictionless value as the typed column holds it."""
    if value is None:
        return None
    if ftype == "number":
        return float(value)
    if ftype == "datetime" and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if ftype == "time" and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if ftype == "yearmonth":
        return value.year * 12 + value.month - 1
    return value


def canonical(value) -> str:
    """Equal values give equal text, so keys compare as frictionless compares values."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, tuple):
        return ",".join(canonical(v) for v in value)
    return str(value)


def _fast_cast(ftype: str, spec: dict, raw: pl.Series) -> pl.Series:
    if ftype in ("string", "any"):
        return raw
    if ftype == "boolean":
        true = spec.get("trueValues", TRUE_VALUES)
        false = spec.get("falseValues", FALSE_VALUES)
        mapping = dict.fromkeys(false, False) | dict.fromkeys(true, True)
        return raw.replace_strict(mapping, default=None, return_dtype=pl.Boolean)
    if ftype in ("integer", "number"):
        # what polars parses as a number, Python's int() and Decimal() parse alike;
        # polars refuses surrounding white space, which they accept, so a column that
        # has cells the cast refused is cast again stripped (stripping copies every cell)
        typed = raw.cast(DTYPES[ftype], strict=False)
        if typed.null_count() == raw.null_count():
            return typed
        return raw.str.strip_chars().cast(DTYPES[ftype], strict=False)
    shaped = raw.set(~raw.str.contains(_FAST_SHAPES[ftype]).fill_null(False), None)
    if ftype == "date":
        return shaped.str.to_date("%Y-%m-%d", strict=False)
    if ftype == "datetime":
        return shaped.str.to_datetime("%Y-%m-%dT%H:%M:%S", time_unit="us", strict=False)
    if ftype == "time":
        return shaped.str.to_time("%H:%M:%S", strict=False)
    if ftype == "yearmonth":
        parts = shaped.str.split_exact("-", 1).struct.unnest()
        year, month = parts[:, 0].cast(pl.Int64), parts[:, 1].cast(pl.Int64)
        ok = (month >= 1) & (month <= 12)
        return (year * 12 + month - 1).set(~ok.fill_null(False), None).rename(raw.name)
    return shaped.cast(DTYPES[ftype], strict=False)  # year


@functools.cache
def polars_regex_ok(pattern: str) -> bool:
    """Whether polars' regex engine (linear time: no look-around, no backreferences)
    runs `pattern`."""
    try:
        pl.select(pl.lit("").str.contains(pattern))
    except pl.exceptions.PolarsError:
        return False
    return True


def note_issue(table: str, row: int | None, field: str, cell: str | None, note: str) -> Issue:
    """An Issue from one of frictionless' cell notes ('type is ...', 'constraint ...')."""
    code = "type-error" if note.startswith("type is") else "constraint-error"
    return Issue(code, table, row, field, cell, note)
