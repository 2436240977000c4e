"""Table Schemas (schemas/*.schema.json) -> polars dtypes and pandera schemas.

The JSON files are the one source of truth: column types, constraints and keys
are read from them here and never written a second time in Python.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import pandera.polars as pa
import polars as pl

from tidynews import fields as fieldtypes
from tidynews.errors import SchemaFileError

TABLES = ("articles", "comments", "claims", "places", "place_mentions", "figures")


def schema_dir() -> Path:
    """The schemas/ folder: the repository's in a checkout, the installed copy otherwise."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "schemas", here / "_package" / "schemas"):
        if candidate.is_dir():
            return candidate
    raise SchemaFileError("schemas/ not found beside the package. Reinstall tidynews.")


@functools.cache
def load_table_schema(table: str) -> dict:
    """The Table Schema of one of tidynews' tables, as a dict."""
    path = schema_dir() / f"{table}.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaFileError(f"{path}: no schema for table {table!r}.") from None
    except json.JSONDecodeError as exc:
        raise SchemaFileError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
    check_table_schema(schema, str(path))
    return schema


_SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues", "$schema"}
_SCHEMA_KEYS |= {"name", "title", "description", "profile", "fieldsMatch"}


def check_table_schema(schema: dict, label: str) -> None:
    """Raise SchemaFileError for anything tidynews cannot check exactly."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise SchemaFileError(f"{label}: 'fields' must be a non-empty list.")
    unknown = sorted(set(schema) - _SCHEMA_KEYS)
    if unknown:
        raise SchemaFileError(f"{label}: schema property {unknown[0]!r} is unsupported.")
    if schema.get("fieldsMatch", "exact") != "exact":
        raise SchemaFileError(
            f"{label}: fieldsMatch {schema['fieldsMatch']!r} is unsupported (only 'exact')."
        )
    for spec in fields:
        name = spec.get("name") if isinstance(spec, dict) else None
        if not isinstance(name, str):
            raise SchemaFileError(f"{label}: a field has no name.")
        reason = fieldtypes.unsupported(spec)
        if reason:
            raise SchemaFileError(f"{label}: field {name!r}: {reason} is unsupported.")


def field_names(schema: dict) -> list[str]:
    return [spec["name"] for spec in schema["fields"]]


def polars_schema(schema: dict) -> dict[str, pl.DataType]:
    """Column name -> polars dtype, in the schema's column order: the dtypes the
    validator types columns to (text for the types polars cannot cast)."""
    return {field.name: field.dtype for field in table_fields(schema)}


def primary_key(schema: dict) -> list[str]:
    key = schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def foreign_keys(schema: dict) -> list[tuple[list[str], str, list[str]]]:
    """(fields, referenced resource, referenced fields) for each foreign key."""
    keys = []
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"]
        ref = fk["reference"]
        ref_fields = ref["fields"]
        keys.append(
            (
                [fields] if isinstance(fields, str) else list(fields),
                ref.get("resource", ""),
                [ref_fields] if isinstance(ref_fields, str) else list(ref_fields),
            )
        )
    return keys


CONSTRAINT_CHECKS: dict[str, Callable[[object], pa.Check]] = {
    "enum": lambda v: pa.Check.isin(v, error="enum"),
    "pattern": lambda v: pa.Check.str_matches(f"^(?:{v})$", error="pattern"),
    "minimum": lambda v: pa.Check.ge(v, error="minimum"),
    "maximum": lambda v: pa.Check.le(v, error="maximum"),
    "exclusiveMinimum": lambda v: pa.Check.gt(v, error="exclusiveMinimum"),
    "exclusiveMaximum": lambda v: pa.Check.lt(v, error="exclusiveMaximum"),
    "minLength": lambda v: pa.Check.str_length(min_value=v, error="minLength"),
    "maxLength": lambda v: pa.Check.str_length(max_value=v, error="maxLength"),
}


BOUND_COMPARISONS = {
    "minimum": pl.Expr.ge,
    "maximum": pl.Expr.le,
    "exclusiveMinimum": pl.Expr.gt,
    "exclusiveMaximum": pl.Expr.lt,
}


def _bound(value, name: str, compare) -> pa.Check:
    """A bound check on a float column, which NaN fails as in frictionless (polars
    orders NaN above every number)."""

    def check(data) -> pl.LazyFrame:
        column = pl.col(data.key)
        return data.lazyframe.select(compare(column, value) & column.is_not_nan())

    return pa.Check(check, error=name)


def table_fields(schema: dict) -> list[fieldtypes.Field]:
    """The schema's fields, each with its missing values (its own, else the schema's)."""
    missing = tuple(schema.get("missingValues", [""]))
    return [
        fieldtypes.Field(spec["name"], spec, tuple(spec.get("missingValues", missing)))
        for spec in schema["fields"]
    ]


def pandera_schema(columns: list[fieldtypes.Field], table: str) -> pa.DataFrameSchema:
    """The pandera (polars) schema for a typed frame of `table`'s fast fields.

    Each constraint but `required` becomes one check whose error text is the
    constraint's name, its value read as the field reads cells; NaN meets no bound,
    as in frictionless. `unique`
    is checked over the whole table with the keys (checks.key_issues): the validator
    runs these checks one batch at a time. Fields read exactly (fields.Field.fast is
    False) have their constraints checked by their reader instead.
    """
    checked = {}
    for field in columns:
        if not field.fast or not set(field.constraints) & set(CONSTRAINT_CHECKS):
            continue  # pandera's cost grows with the columns it is given: only checked ones
        constraints = field.constraints
        checks = [
            _bound(_constraint_value(field, c), c, BOUND_COMPARISONS[c])
            if c in BOUND_COMPARISONS and field.dtype.is_float()
            else CONSTRAINT_CHECKS[c](_constraint_value(field, c))
            for c in constraints
            if c in CONSTRAINT_CHECKS
        ]
        # required is the validator's: pandera's nullable check counts NaN as missing
        # no dtype check: the validator built the column, and may widen an integer to 128 bits
        checked[field.name] = pa.Column(None, checks=checks, nullable=True, required=True)
    return pa.DataFrameSchema(checked, name=table, strict=False, ordered=False)


def _constraint_value(field: fieldtypes.Field, constraint: str):
    if constraint == "enum":
        return [field.read_constraint(v) for v in field.constraints["enum"]]
    if constraint in fieldtypes.BOUNDS:
        return field.read_constraint(field.constraints[constraint])
    return field.constraints[constraint]
