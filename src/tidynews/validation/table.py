"""One table's data: labels, record shapes, types, constraints and row rules, batch
by batch.

Frictionless-py is the second opinion, not the engine: it validates row by row in
Python, while this runs column-wise on polars frames and collects every failure
before deciding. Keys and table rules run later, on the columns kept here.
"""

from __future__ import annotations

import csv
from concurrent.futures import Future
from typing import Any

import polars as pl

from tidynews.errors import Issue
from tidynews.validation import fields, structure
from tidynews.validation.descriptor import Resource
from tidynews.validation.formulas import formula_free, formula_warnings
from tidynews.validation.frames import IN_MEMORY, ROW
from tidynews.validation.integrity import is_regular
from tidynews.validation.profile import Profile
from tidynews.validation.shapes import (
    countable,
    expected_fields,
    record_shapes,
    short_records_show,
)
from tidynews.validation.tableschema import constraint_tests, table_fields

REQUIRED = 'constraint "required" is "True"'
_CONSTRAINT_MESSAGES = {
    "enum": 'constraint "enum" is not met',
    "pattern": 'constraint "pattern" is not met',
    "minimum": 'constraint "minimum" is not met',
    "maximum": 'constraint "maximum" is not met',
    "minLength": 'constraint "minLength" is not met',
    "maxLength": 'constraint "maxLength" is not met',
    "exclusiveMinimum": 'constraint "exclusiveMinimum" is not met',
    "exclusiveMaximum": 'constraint "exclusiveMaximum" is not met',
}


# Rows checked at a time. polars decodes some way ahead of the batch in hand (the
# first 100,000-row batch of a 238 MB CSV arrives with about 460 MB resident), so
# memory is bounded by that read-ahead and the kept columns, not by this alone.
BATCH_ROWS = 100_000
# low_memory: smaller batches, one table at a time. On a 292 MB package (30,000
# documents) peak memory went from 907 MB to 609 MB and time from 2.9 s to 4.1 s.
LOW_MEMORY_BATCH_ROWS = 20_000


def check_resource(
    resource: Resource,
    kept: set[str],
    profile: Profile | None,
    context: Any,
    shapes: Future | None = None,
    batch_rows: int = BATCH_ROWS,
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Labels, record shapes, then types, column constraints and row-level rules batch
    by batch.

    Returns the `kept` columns of the whole table (typed, with the row number) for
    the key and table-level checks, and the issues found. `profile`: the package's,
    whose row rules run on each batch with `context` (Profile.context); `shapes`,
    the future of its ragged records, if they are counted ahead. The file's
    integrity is checked elsewhere."""
    name = resource.name
    if not is_regular(resource.path):  # a FIFO or a device is never opened
        what = "is not a regular file" if resource.path.exists() else "is missing or unreadable"
        return None, [
            Issue(
                "scheme-error",
                name,
                None,
                None,
                str(resource.path),
                f"data file {resource.path.name} {what}",
            )
        ]
    if resource.path.stat().st_size == 0:  # frictionless: "the source is empty"
        message = "the data file is empty: not even a header"
        return None, [Issue("source-error", name, None, None, None, message)]
    dialect = structure.Dialect.from_descriptor(resource.dialect)
    schema_fields = table_fields(resource.schema)
    try:
        labels = structure.read_labels(resource.path, dialect)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return None, [source_error(name, exc)]
    issues: list[Issue] = []
    columns = schema_fields
    if labels:  # a blank first line is no header: frictionless reads on with the schema's
        names = [f.name for f in schema_fields]
        issues += structure.label_issues(name, labels, names, dialect.header_row)
        columns = expected_fields(schema_fields, labels)
    # without pyarrow's count when the parse shows every short record by itself, or
    # the file's delimiters prove that the parse padded none (shapes.countable)
    shown = short_records_show(columns)
    if shapes is None and (shown or countable(resource.path, dialect, columns)):
        witness = None if shown else structure.delimiters_after_header(resource.path, dialect)
        try:
            frame, found = _check_rows(
                resource, dialect, columns, kept, profile, context, None, batch_rows, witness
            )
            return frame, issues + found
        except _RecordShapesNeeded:
            pass  # a record may have too few or too many cells: count them
    try:  # `shapes`: record_shapes(resource), already running on another thread
        ragged = shapes.result() if shapes else record_shapes(resource)
    except (pl.exceptions.ComputeError, OSError, UnicodeDecodeError, csv.Error) as exc:
        return None, [*issues, source_error(name, exc)]
    frame, found = _check_rows(
        resource, dialect, columns, kept, profile, context, ragged, batch_rows
    )
    return frame, issues + found


class _RecordShapesNeeded(Exception):
    """A parse without pyarrow's cell counts met a record they must place."""


def _check_rows(
    resource: Resource,
    dialect: structure.Dialect,
    columns: list[fields.Field],
    kept: set[str],
    profile: Profile | None,
    context: Any,
    ragged: pl.DataFrame | None,
    batch_rows: int,
    witness: int | None = None,
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """The data rows, batch by batch: (kept columns, issues). `ragged`: the records
    with the wrong number of cells; None to find them in the parse, which raises
    _RecordShapesNeeded when it meets one (see short_records_show), or, given the
    `witness` (structure.delimiters_after_header), when the cells' delimiters and the
    records' do not add up to it."""
    name = resource.name
    tests = constraint_tests(columns)
    prechecks = constraint_tests(columns, on=_run_starts)
    names = [f.name for f in columns]
    keep = [ROW, *(c for c in names if c in kept)]
    proven = [f.name for f in columns if formula_free(f)]
    parts, issues = [], []
    try:
        # one list of missing values for every column (the usual case): the parser
        # turns them into nulls without copying a column; else each field's, below
        shared = {f.missing for f in columns}
        missing = next(iter(shared)) if len(shared) == 1 else None
        scan = _scan_strings(resource, dialect, names, missing, cut_long=ragged is not None)
        delimiters = 0  # the cells' own, then (width - 1) per record
        for batch in scan.collect_batches(chunk_size=batch_rows):
            if witness is not None:
                delimiters += (
                    batch.height * (len(names) - 1)
                    + batch.select(
                        pl.sum_horizontal(
                            pl.col(names).str.count_matches(dialect.delimiter, literal=True)
                        ).sum()
                    ).item()
                )
            elif ragged is None and batch.get_column(names[-1]).null_count():
                raise _RecordShapesNeeded
            shapes = ragged if ragged is not None else _NO_RAGGED
            typed, found = _check_batch(
                name, batch, columns, shapes, tests, missing is None, prechecks
            )
            issues += found
            issues += formula_warnings(name, typed, proven, found)
            if profile is not None:
                issues += profile.row_issues(name, typed, context)
            parts.append(typed.select(keep))
    except pl.exceptions.PolarsError as exc:
        if ragged is None:  # a long record, or an error the parse with counts reports
            raise _RecordShapesNeeded from exc
        if not isinstance(exc, (pl.exceptions.ComputeError, pl.exceptions.NoDataError)):
            raise
        return None, [source_error(name, exc)]
    except OSError as exc:
        return None, [source_error(name, exc)]
    if witness is not None and delimiters != witness:
        raise _RecordShapesNeeded  # the parse padded a record
    if not parts:  # a header and no rows
        empty = pl.DataFrame(schema={ROW: pl.Int64} | {f.name: f.dtype for f in columns})
        parts.append(empty.select(keep))
    return pl.concat(parts, how="vertical_relaxed"), issues


_NO_RAGGED = pl.DataFrame(schema={"row": pl.Int64, "cells": pl.Int64})


def _check_batch(
    table: str,
    batch: pl.DataFrame,
    columns: list[fields.Field],
    ragged: pl.DataFrame,
    tests: list[tuple[str, str, pl.Expr]],
    blank_out: bool,
    prechecks: list[tuple[str, str, pl.Expr]] | None = None,
) -> tuple[pl.DataFrame, list[Issue]]:
    """One batch of text cells -> (typed frame, its cell and structure issues).
    `blank_out`: each field's missing values are still text, to turn into nulls here;
    `prechecks`: see _constraint_issues."""
    # One chunk per column: the parser hands columns in many chunks, and a frame whose
    # columns are chunked differently (a cast may rechunk one) is realigned, every
    # column copied, by each later select on it. On the 1M-row benchmark package this
    # line saves 4.5% of the validation's CPU time.
    batch = batch.with_columns(pl.col(ROW).cast(pl.Int64)).rechunk()
    rows = batch.get_column(ROW)
    issues = []
    shapes = ragged.filter(pl.col("row").is_between(rows.min(), rows.max()))
    if shapes.height:
        count = batch.select(ROW).join(shapes, left_on=ROW, right_on="row", how="left")["cells"]
        batch = batch.with_columns(
            pl.when(count <= index).then(None).otherwise(pl.col(f.name)).alias(f.name)
            for index, f in enumerate(columns)
        )
        issues += _shape_issues(table, shapes, columns)
    # missing values to nulls for every column in one pass: a table may be 9,000 wide
    if blank_out:
        batch = batch.with_columns(f.blank_out(pl.col(f.name)).alias(f.name) for f in columns)
    blank = batch.select(pl.all_horizontal(pl.exclude(ROW).is_null())).to_series()
    typed_columns, found = [rows], []
    for field in columns:
        raw = batch.get_column(field.name)
        notes: list[tuple[str | None, str]]
        if field.type in ("string", "any") and field.fast:  # text is already typed
            typed, notes = raw, []
        else:
            typed, notes = field.cast(raw)
        typed_columns.append(typed.alias(field.name))
        if field.fast and field.constraints.get("required"):
            found += [
                Issue("constraint-error", table, row, field.name, None, REQUIRED)
                for row in rows.filter(raw.is_null()).to_list()
            ]
        if field.fast and typed is not raw:
            bad = field.type_errors(raw, typed)
            kind = f'type is "{field.type}/{field.spec.get("format", "default")}"'
            found += [
                Issue("type-error", table, row, field.name, value, kind)
                for row, value in zip(rows.filter(bad), raw.filter(bad), strict=True)
            ]
        for cell, note in notes:
            hit = raw.is_null() if cell is None else raw == cell
            found += [
                fields.note_issue(table, row, field.name, cell, note)
                for row in rows.filter(hit.fill_null(False)).to_list()
            ]
    typed_frame = pl.DataFrame(typed_columns)
    skip = {(i.row, i.field) for i in found if i.code == "type-error"}
    found += _constraint_issues(table, typed_frame, tests, skip, prechecks)
    blank_rows = set(rows.filter(blank).to_list())
    if blank_rows:  # frictionless reports a blank row once, instead of its other errors
        found = [i for i in issues + found if i.row not in blank_rows]
        issues = [
            Issue("blank-row", table, row, None, None, "the row is blank") for row in blank_rows
        ]
    return typed_frame, issues + found


def _shape_issues(table: str, shapes: pl.DataFrame, columns: list[fields.Field]) -> list[Issue]:
    """extra-cell and missing-cell for the records with too many or too few cells."""
    issues = []
    for row, n in shapes.iter_rows():
        if n > len(columns):
            message = f"the row has {n} cells, the header {len(columns)} columns"
            issues.append(Issue("extra-cell", table, row, None, None, message))
        for field in columns[n:]:
            message = f"the row has {n} cells and ends before this column"
            issues.append(Issue("missing-cell", table, row, field.name, None, message))
    return issues


def _scan_strings(
    resource: Resource,
    dialect: structure.Dialect,
    names: list[str],
    missing: tuple | None,
    cut_long: bool = True,
) -> pl.LazyFrame:
    """Every data record's cells as text (`names`, in order; a short record padded with
    empty cells, a long one cut, or an error without `cut_long`), each row numbered as
    frictionless numbers it.

    A quoted empty cell (`""`) is an empty cell to frictionless (Python's csv module
    reads both as ''), so missing when "" is; polars keeps it as '', hence the
    second pass."""
    scan = pl.scan_csv(
        resource.path,
        has_header=False,
        skip_rows=dialect.skipped,
        schema=dict.fromkeys(names, pl.String),
        missing_columns="insert",
        truncate_ragged_lines=cut_long,
        extra_columns="ignore" if cut_long else "raise",
        # quoted or not, as frictionless reads cells; "" only if the schema says so
        null_values=[m for m in missing if m] or None if missing else None,
        empty_string_is_null=missing is not None and "" in missing,
        separator=dialect.delimiter,
        quote_char=dialect.quote_char,
        raise_if_empty=False,
        row_index_name=ROW,
        row_index_offset=dialect.first_row,
    )
    if missing is None or "" not in missing:
        return scan
    return scan.with_columns(pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in names)


def source_error(table: str, exc: Exception) -> Issue:
    """source-error, or encoding-error when the file is not the UTF-8 it is read as."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, UnicodeDecodeError) or "invalid utf-8" in first.lower():
        return Issue("encoding-error", table, None, None, None, f"the file is not UTF-8: {first}")
    return Issue("source-error", table, None, None, None, f"cannot parse the CSV: {first}")


def _run_starts(field: fields.Field) -> pl.Expr:
    """The field's column at the rows whose value differs from the row before, so each
    run of a repeated value (a child table's parent id) is tested once; a float column
    whole (-0.0 equals 0.0 yet may test otherwise)."""
    column = pl.col(field.name)
    return column if field.dtype.is_float() else column.filter(column.ne_missing(column.shift()))


def _constraint_issues(
    table: str,
    typed: pl.DataFrame,
    tests: list[tuple[str, str, pl.Expr]],
    skip: set,
    prechecks: list[tuple[str, str, pl.Expr]] | None = None,
) -> list[Issue]:
    """Every cell that fails one of `tests` (tableschema.constraint_tests), found in one
    pass; `skip`: the (row, field) cells already reported as type errors. `prechecks`:
    the same tests on _run_starts, which tell first, in less time, whether any fails."""
    if not tests:
        return []
    if prechecks:
        fails = (
            ((~test).fill_null(False).any()).alias(f"_{i}")
            for i, (*_, test) in enumerate(prechecks)
        )
        if not any(typed.select(fails).row(0)):
            return []
    flags = [f"_fails{i}" for i in range(len(tests))]
    names = list(dict.fromkeys(name for name, *_ in tests))
    hits = (
        typed.lazy()
        .select(
            ROW,
            *names,
            *(
                (~test).fill_null(False).alias(flag)
                for flag, (*_, test) in zip(flags, tests, strict=True)
            ),
        )
        .filter(pl.any_horizontal(flags))
        .with_columns(pl.col(names).cast(pl.String))  # the few failing rows' values, as text
        .collect(engine=IN_MEMORY)
    )
    issues = []
    for record in hits.iter_rows(named=True):
        for flag, (field, constraint, _) in zip(flags, tests, strict=True):
            if record[flag] and (record[ROW], field) not in skip:
                message = _CONSTRAINT_MESSAGES[constraint]
                issues.append(
                    Issue("constraint-error", table, record[ROW], field, record[field], message)
                )
    return issues
