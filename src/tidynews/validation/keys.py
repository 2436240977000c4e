"""Primary keys, unique fields and foreign keys, over whole tables.

Each check returns issues located as frictionless locates them, with its verdicts:
a key of nulls only is a primary-key error; a foreign key of nulls only refers to
nothing; a partly null one must match a row null for null.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from tidynews.errors import Issue
from tidynews.validation.frames import IN_MEMORY, ROW, issues_at
from tidynews.validation.tableschema import foreign_keys, primary_key


def key_issues(table: str, frame: pl.DataFrame, schema: dict, frames: dict) -> list[Issue]:
    """Repeats of unique fields and primary keys, and foreign keys that resolve to no
    row, in one collect. A repeated primary key that is also `unique` gets both
    errors, as frictionless gives them; so does a key of nulls only (primary-key)."""
    queries: list[pl.LazyFrame] = []
    # (index of its query, code, field, value columns, message)
    found: list[tuple[int, str, str, list[str], Callable[[str], str]]] = []
    rows = frame.lazy()
    pk = primary_key(schema)
    if pk and set(pk) <= set(frame.columns):
        # frictionless: a key of only nulls is an error, a partly null one a value
        key = pl.col(pk[0]) if len(pk) == 1 else pl.struct(pk)
        null_key = pl.all_horizontal(pl.col(pk).is_null())
        repeats = _candidates(rows, key, null_key).filter(null_key | ~key.is_first_distinct())
        queries.append(repeats.select(ROW, *pk))
        found.append(
            (
                0,
                "primary-key",
                ",".join(pk),
                pk,
                lambda v: f"primary key {v} is empty or repeats an earlier row",
            )
        )
    for spec in schema["fields"]:
        field = spec["name"]
        if spec.get("constraints", {}).get("unique") and field in frame.columns:
            if pk != [field]:  # else: the primary key's non-null repeats, found once
                column = pl.col(field)
                candidates = _candidates(rows, column, pl.lit(False))
                queries.append(
                    candidates.filter(column.is_not_null() & ~column.is_first_distinct()).select(
                        ROW, field
                    )
                )
            found.append(
                (
                    0 if pk == [field] else len(queries) - 1,
                    "unique-error",
                    field,
                    [field],
                    lambda v: f"{v} repeats an earlier row (unique)",
                )
            )
    for fields, ref_table, ref_fields in foreign_keys(schema):
        target = frame if ref_table == "" else frames.get(ref_table)
        if target is None or not set(fields) <= set(frame.columns):
            continue
        if not set(ref_fields) <= set(target.columns):
            # frictionless: a key referring to fields the table lacks matches no row
            target = pl.DataFrame(
                schema={r: frame.schema[f] for f, r in zip(fields, ref_fields, strict=True)}
            )
        # frictionless: a key of only nulls refers to nothing and is never checked; a
        # partly null one must match a referenced row null for null
        keys = target.lazy().select(
            [
                _comparable(pl.col(r), target.schema[r], frame.schema[f]).alias(f)
                for f, r in zip(fields, ref_fields, strict=True)
            ]
        )
        partly_null = len(fields) > 1  # only a composite key can be partly null
        if partly_null:
            keys = keys.filter(~pl.all_horizontal(pl.col(fields).is_null()))
        source = rows.filter(~pl.all_horizontal(pl.col(fields).is_null())).with_columns(
            _comparable(pl.col(f), frame.schema[f], target.schema[r])
            for f, r in zip(fields, ref_fields, strict=True)
            if frame.schema[f] != target.schema[r]
        )
        dangling = source.join(keys, on=fields, how="anti", nulls_equal=partly_null)
        queries.append(dangling.select(ROW, *fields).sort(ROW))
        name = ref_table or table
        found.append(
            (
                len(queries) - 1,
                "foreign-key",
                ",".join(fields),
                fields,
                _not_a_key_of(name),
            )
        )
    results = pl.collect_all(queries, engine=IN_MEMORY)
    issues: list[Issue] = []
    for index, code, field, columns, message in found:
        result = results[index]
        if code == "unique-error":  # a null is never a repeat (it is for a primary key)
            result = result.filter(pl.col(field).is_not_null())
        issues += issues_at(result, code, table, field, columns, message)
    return issues


def _not_a_key_of(table: str) -> Callable[[str], str]:
    """The message for a foreign key value that `table` has no row for."""
    return lambda v: f"{v} is not a key of {table}"


def _candidates(rows: pl.LazyFrame, key: pl.Expr, keep: pl.Expr) -> pl.LazyFrame:
    """The rows whose key may repeat: those whose key's 64-bit hash repeats (equal keys
    hash alike, so no repeat is lost, and the rows keep their order), and `keep`.
    Finding repeats among hashes, then among these few keys, takes half the time of
    comparing a million text keys directly."""
    return rows.filter(key.hash().is_duplicated() | keep)


def _comparable(column: pl.Expr, dtype: pl.DataType, other: pl.DataType) -> pl.Expr:
    """A key column in a dtype it can be joined on with the column it refers to:
    numbers compare as numbers (1 == 1.0, as in Python), anything else as text."""
    if dtype == other:
        return column
    if dtype.is_numeric() and other.is_numeric():
        return column.cast(pl.Float64)
    return column.cast(pl.String)
