"""Table Schemas (schemas/*.schema.json) -> polars dtypes, constraint tests and pandera schemas.

The JSON files are the one source of truth: column types, constraints and keys
are read from them here and never written a second time in Python.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tidynews.errors import SchemaFileError
from tidynews.validation import fields as fieldtypes

if TYPE_CHECKING:
    import pandera.polars as pa

TABLES = ("articles", "comments", "claims", "places", "place_mentions", "figures")


def schema_dir() -> Path:
    """The schemas/ folder: the repository's in a checkout, the installed copy otherwise."""
    package = Path(__file__).resolve().parent.parent  # src/tidynews
    for candidate in (package.parent.parent / "schemas", package / "_package" / "schemas"):
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


# Each constraint as a test of a typed column: true where a cell meets it, null where
# the cell is null (a missing cell meets every constraint but `required`).
CONSTRAINT_TESTS: dict[str, Callable[[pl.Expr, object], pl.Expr]] = {
    "enum": lambda column, v: column.is_in(v),
    "pattern": lambda column, v: column.str.contains(f"^(?:{v})$"),
    "minimum": pl.Expr.ge,
    "maximum": pl.Expr.le,
    "exclusiveMinimum": pl.Expr.gt,
    "exclusiveMaximum": pl.Expr.lt,
    # "not empty" needs no character count: a string has a character iff it has a byte
    "minLength": lambda column, v: (
        (column.str.len_bytes() if v <= 1 else column.str.len_chars()) >= v
    ),
    "maxLength": lambda column, v: column.str.len_chars() <= v,
}


def constraint_tests(columns: list[fieldtypes.Field]) -> list[tuple[str, str, pl.Expr]]:
    """(field, constraint, test) for each constraint of the fast fields but `required`
    and `unique`, each value read as the field reads cells; and every string field's
    `pattern`, which only polars' linear-time engine runs.

    NaN meets no bound, as in frictionless (polars orders NaN above every number).
    `required` is the validator's own (a NaN is not missing), `unique` is checked over
    the whole table with the keys (checks.key_issues), and fields read exactly
    (fields.Field.fast is False) have their other constraints checked by their reader.
    """
    tests = []
    for field in columns:
        # a string read exactly (an email, a uri...) holds its cell as text, and its
        # pattern is checked here too: its reader is never given one (fields.Field)
        text = field.type == "string" and field.dtype == pl.String
        column = pl.col(field.name)
        for constraint in field.constraints:
            if constraint not in CONSTRAINT_TESTS:
                continue
            if not field.fast and not (text and constraint == "pattern"):
                continue
            test = CONSTRAINT_TESTS[constraint](column, _constraint_value(field, constraint))
            if constraint in fieldtypes.BOUNDS and field.dtype.is_float():
                test = test & column.is_not_nan()
            tests.append((field.name, constraint, test))
    return tests


def pandera_schema(columns: list[fieldtypes.Field], table: str) -> pa.DataFrameSchema:
    """The same constraint tests as a pandera (polars) schema, for checking typed frames
    (a loaded table, say) in a pandera pipeline.

    `tidynews validate` runs constraint_tests itself, all in one polars pass per
    batch: pandera's polars backend collects once per check, and importing it takes
    longer than validating a small package.
    """
    import pandera.polars as pa

    checked: dict[str, list] = {}
    for name, constraint, test in constraint_tests(columns):
        check = pa.Check(lambda data, test=test: data.lazyframe.select(test), error=constraint)
        checked.setdefault(name, []).append(check)
    return pa.DataFrameSchema(
        # no dtype check: the validator built the column, and may widen an integer to
        # 128 bits; required is the validator's (pandera's nullable counts NaN as missing)
        {name: pa.Column(None, checks=checks, nullable=True) for name, checks in checked.items()},
        name=table,
        strict=False,
        ordered=False,
    )


def table_fields(schema: dict) -> list[fieldtypes.Field]:
    """The schema's fields, each with its missing values (its own, else the schema's)."""
    missing = tuple(schema.get("missingValues", [""]))
    return [
        fieldtypes.Field(spec["name"], spec, tuple(spec.get("missingValues", missing)))
        for spec in schema["fields"]
    ]


def _constraint_value(field: fieldtypes.Field, constraint: str):
    if constraint == "enum":
        return [field.read_constraint(v) for v in field.constraints["enum"]]
    if constraint in fieldtypes.BOUNDS:
        return field.read_constraint(field.constraints[constraint])
    return field.constraints[constraint]
