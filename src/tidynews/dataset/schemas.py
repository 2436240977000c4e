"""tidynews' Table Schemas (schemas/*.schema.json): where they are, read and checked
once, and as pandera schemas.

The JSON files are the one source of truth: column types, constraints and keys
are read from them and never written a second time in Python. What a Table Schema
means is the validator's (validation/tableschema.py).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

from tidynews.errors import SchemaFileError
from tidynews.validation import fields as fieldtypes
from tidynews.validation.tableschema import (  # noqa: F401 - polars_schema: tables' dtypes
    check_table_schema,
    constraint_tests,
    polars_schema,
)

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
