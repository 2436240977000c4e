"""Table Schema: what a schema declares (fields, keys, missing values) and each
column constraint as a polars test.

Only what can be checked exactly is accepted (check_table_schema): anything else is
refused with a SchemaFileError rather than validated approximately.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from tidynews.errors import SchemaFileError
from tidynews.validation import fields as fieldtypes

# Schema properties frictionless reads that tidynews does not; any other property
# that is not the spec's own is the author's, and read past as frictionless does.
_UNREAD_SCHEMA_KEYS = {"uniqueKeys"}


def check_table_schema(schema: dict, label: str) -> None:
    """Raise SchemaFileError for anything tidynews cannot check exactly."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise SchemaFileError(f"{label}: 'fields' must be a non-empty list.")
    unknown = sorted(set(schema) & _UNREAD_SCHEMA_KEYS)
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


def plain_missing_values(schema: dict) -> dict:
    """A v2 schema with its object-form missingValues (`{"value": "NA", "label": ...}`),
    in the schema or a field, as the plain strings frictionless reads them as."""

    def plain(values: object) -> object:
        # all objects or all strings: a mix is a schema-error to frictionless
        if not isinstance(values, list) or not all(
            isinstance(v, dict) and isinstance(v.get("value"), str) for v in values
        ):
            return values
        return [v["value"] for v in values]

    out = dict(schema)
    if "missingValues" in out:
        out["missingValues"] = plain(out["missingValues"])
    if isinstance(out.get("fields"), list):
        out["fields"] = [
            {**f, "missingValues": plain(f["missingValues"])}
            if isinstance(f, dict) and "missingValues" in f
            else f
            for f in out["fields"]
        ]
    return out


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
# the cell is null (a missing cell meets every constraint but `required`). The value's
# type is the constraint's (a list for enum, a string for pattern, a number for
# minLength), hence Any.
CONSTRAINT_TESTS: dict[str, Callable[[pl.Expr, Any], pl.Expr]] = {
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


def constraint_tests(
    columns: list[fieldtypes.Field], on: Callable[[fieldtypes.Field], pl.Expr] | None = None
) -> list[tuple[str, str, pl.Expr]]:
    """(field, constraint, test) for each constraint of the fast fields but `required`
    and `unique`, each value read as the field reads cells; and every string field's
    `pattern`, which only polars' linear-time engine runs.

    NaN meets no bound, as in frictionless (polars orders NaN above every number).
    `required` is the validator's own (a NaN is not missing), `unique` is checked over
    the whole table with the keys (keys.key_issues), and fields read exactly
    (fields.Field.fast is False) have their other constraints checked by their reader.
    `on`: the column each field's tests read (its own column by default).
    """
    tests = []
    for field in columns:
        # a string read exactly (an email, a uri...) holds its cell as text, and its
        # pattern is checked here too: its reader is never given one (fields.Field)
        text = field.type == "string" and field.dtype == pl.String
        column = on(field) if on else pl.col(field.name)
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


def table_fields(schema: dict) -> list[fieldtypes.Field]:
    """The schema's fields, each with its missing values (its own, else the schema's)."""
    missing = tuple(schema.get("missingValues", [""]))
    return [
        fieldtypes.Field(spec["name"], spec, tuple(spec.get("missingValues", missing)))
        for spec in schema["fields"]
    ]


def _constraint_value(field: fieldtypes.Field, constraint: str):
    if constraint == "enum":
        # as the column's type: polars will not compare a Float64 column with the Int64
        # list an enum of whole numbers ([0, -1]) reads as
        values = [field.read_constraint(v) for v in field.constraints["enum"]]
        return pl.Series(values, dtype=field.dtype, strict=False)
    if constraint in fieldtypes.BOUNDS:
        return field.read_constraint(field.constraints[constraint])
    return field.constraints[constraint]
