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

from tidynews.errors import SchemaFileError

TABLES = ("articles", "comments", "claims", "places", "place_mentions", "figures")

TYPE_MAP: dict[str, pl.DataType] = {
    "string": pl.String(),
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
}
_FIELD_KEYS = {"name", "type", "format", "title", "description", "constraints", "example"}
_TRUE_VALUES = ["true", "True", "TRUE", "1"]
_FALSE_VALUES = ["false", "False", "FALSE", "0"]


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


def check_table_schema(schema: dict, label: str) -> None:
    """Raise SchemaFileError for anything tidynews cannot check exactly."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        raise SchemaFileError(f"{label}: 'fields' must be a non-empty list.")
    for spec in fields:
        name = spec.get("name")
        if not isinstance(name, str):
            raise SchemaFileError(f"{label}: a field has no name.")
        ftype = spec.get("type", "string")
        if ftype not in TYPE_MAP:
            raise SchemaFileError(
                f"{label}: field {name!r} has unsupported type {ftype!r}. "
                f"Use one of {', '.join(TYPE_MAP)}."
            )
        unknown = set(spec) - _FIELD_KEYS
        if unknown:
            raise SchemaFileError(
                f"{label}: field {name!r} has unsupported key {sorted(unknown)[0]!r}."
            )
        if spec.get("format", "default") != "default":
            raise SchemaFileError(
                f"{label}: field {name!r}: format {spec['format']!r} is unsupported."
            )
        for constraint in spec.get("constraints", {}):
            if constraint not in CONSTRAINT_CHECKS and constraint not in ("required", "unique"):
                raise SchemaFileError(
                    f"{label}: field {name!r} has unsupported constraint {constraint!r}."
                )


def field_names(schema: dict) -> list[str]:
    return [spec["name"] for spec in schema["fields"]]


def polars_schema(schema: dict) -> dict[str, pl.DataType]:
    """Column name -> polars dtype, in the schema's column order."""
    return {spec["name"]: TYPE_MAP[spec.get("type", "string")] for spec in schema["fields"]}


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


def cast_expressions(schema: dict) -> list[pl.Expr]:
    """Expressions turning string columns into typed ones; a bad cell becomes null.

    A cell that was present but is null after the cast is a type error; the
    validator finds those by comparing the two frames.
    """
    exprs = []
    for name, dtype in polars_schema(schema).items():
        col = pl.col(name)
        if dtype == pl.String:
            exprs.append(col)
        elif dtype == pl.Boolean:
            mapping = dict.fromkeys(_TRUE_VALUES, True) | dict.fromkeys(_FALSE_VALUES, False)
            exprs.append(col.replace_strict(mapping, default=None, return_dtype=pl.Boolean))
        elif dtype == pl.Date:
            exprs.append(col.str.to_date("%Y-%m-%d", strict=False))
        else:
            exprs.append(col.str.strip_chars().cast(dtype, strict=False))
    return exprs


CONSTRAINT_CHECKS: dict[str, Callable[[object], pa.Check]] = {
    "enum": lambda v: pa.Check.isin(v, error="enum"),
    "pattern": lambda v: pa.Check.str_matches(f"^(?:{v})$", error="pattern"),
    "minimum": lambda v: pa.Check.ge(v, error="minimum"),
    "maximum": lambda v: pa.Check.le(v, error="maximum"),
    "minLength": lambda v: pa.Check.str_length(min_value=v, error="minLength"),
    "maxLength": lambda v: pa.Check.str_length(max_value=v, error="maxLength"),
}


def pandera_schema(schema: dict, table: str) -> pa.DataFrameSchema:
    """The pandera (polars) schema for a typed frame of `table`.

    `required` becomes nullable=False, each other constraint one check whose error
    text is the constraint's name. `unique` is checked over the whole table with the
    keys (checks.key_issues): the validator runs these checks one batch at a time.
    """
    columns = {}
    for spec in schema["fields"]:
        constraints = spec.get("constraints", {})
        checks = [CONSTRAINT_CHECKS[c](v) for c, v in constraints.items() if c in CONSTRAINT_CHECKS]
        columns[spec["name"]] = pa.Column(
            TYPE_MAP[spec.get("type", "string")],
            checks=checks,
            nullable=not constraints.get("required", False),
            required=True,
        )
    return pa.DataFrameSchema(columns, name=table, strict=False, ordered=False)
