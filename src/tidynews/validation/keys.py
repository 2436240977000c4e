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
    # (index of its query, the rows it refers from, its fields, nulls equal)
    references: list[tuple[int, pl.LazyFrame, list[str], bool]] = []
    rows = frame.lazy()
    pk = primary_key(schema)
    unique = [
        spec["name"]
        for spec in schema["fields"]
        if spec.get("constraints", {}).get("unique") and spec["name"] in frame.columns
    ]
    single = pk[0] if len(pk) == 1 and pk[0] in frame.columns else None
    rising = _rising(frame, single, unique)
    if pk and set(pk) <= set(frame.columns) and not (single and single in rising):
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
    for field in unique:
        if field in rising:  # so is a primary key that rises
            continue
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
        # each run of equal keys joined once: a child table sorted by its own key often
        # repeats its parent's key over many rows; the rows of a key that refers to
        # nothing are found afterwards
        changed = pl.any_horizontal(pl.col(f).ne_missing(pl.col(f).shift()) for f in fields)
        dangling = source.filter(changed).select(fields)
        queries.append(dangling.join(keys, on=fields, how="anti", nulls_equal=partly_null))
        references.append((len(queries) - 1, source, fields, partly_null))
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
    for index, source, fields, partly_null in references:  # the rows of dangling keys
        if results[index].height:
            held = source.join(
                results[index].lazy().unique(), on=fields, how="semi", nulls_equal=partly_null
            )
            results[index] = held.select(ROW, *fields).sort(ROW).collect(engine=IN_MEMORY)
    issues: list[Issue] = []
    for index, code, field, columns, message in found:
        result = results[index]
        if result.height == 0:  # a dangling-key query without rows has no __row
            continue
        if code == "unique-error":  # a null is never a repeat (it is for a primary key)
            result = result.filter(pl.col(field).is_not_null())
        issues += issues_at(result, code, table, field, columns, message)
    return issues


def _not_a_key_of(table: str) -> Callable[[str], str]:
    """The message for a foreign key value that `table` has no row for."""
    return lambda v: f"{v} is not a key of {table}"


def _rising(frame: pl.DataFrame, key: str | None, unique: list[str]) -> set[str]:
    """The columns among `key` (a one-column primary key, which must have no null) and
    the `unique` fields (nulls aside) whose values strictly rise from row to row, so
    that none repeats: a table sorted by its key, as tidynews writes them. One
    comparison per row instead of hashing every value (9 ms for a million ids,
    against 74 ms); any other table is checked in full."""
    tests = {f"_u{i}": pl.col(name).drop_nulls() for i, name in enumerate(unique)}
    if key is not None:
        tests["_key"] = pl.col(key)
    if not tests:
        return set()
    try:
        proven = frame.select(
            ((column > column.shift()).all() & (column.null_count() == 0)).alias(alias)
            for alias, column in tests.items()
        ).row(0, named=True)
    except pl.exceptions.PolarsError:  # a dtype without an order: checked in full
        return set()
    found = {name for i, name in enumerate(unique) if proven[f"_u{i}"]}
    return found | ({key} if key is not None and proven["_key"] else set())


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
