"""Whether a table's records need pyarrow's count of cells, and that count.

polars pads a short record with empty cells, so its parse alone cannot show every
record with too few cells. It can when the last field is required (a padded record
then breaks it), or when the file's delimiters add up to the parsed cells' own plus
(width - 1) per record (structure.delimiters_after_header). Only other files are
counted by pyarrow (structure.ragged_records), on a thread of their own.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from tidynews.validation import fields, structure
from tidynews.validation.descriptor import Resource
from tidynews.validation.tableschema import table_fields


def short_records_show(columns: list[fields.Field]) -> bool:
    """Whether the parse itself shows every record with the wrong number of cells.

    polars reads the cells a short record lacks as empty, so such a record has an
    empty last cell; when "" is every field's missing value that cell is null, and
    when the last field is required no valid file has that null. A record with too
    many cells fails a parse that does not cut long ones. So a valid file needs no
    count of cells, and any other is parsed again with pyarrow's count."""
    last = columns[-1]
    return (
        len({f.missing for f in columns}) == 1
        and "" in last.missing
        and bool(last.constraints.get("required"))
    )


def shapes_needed(resource: Resource) -> bool:
    """Whether check_resource needs pyarrow's count of cells (record_shapes) for the
    resource's file, so that it may be counted ahead on another thread."""
    columns = expected_columns(resource)
    if short_records_show(columns):
        return False
    dialect = structure.Dialect.from_descriptor(resource.dialect)
    try:
        return not countable(resource.path, dialect, columns)
    except OSError:
        return True


def countable(path: Path, dialect: structure.Dialect, columns: list[fields.Field]) -> bool:
    """structure.countable, and no missing value holds the delimiter (the parse turns
    such a cell into null, its delimiters with it)."""
    held = any(dialect.delimiter in value for f in columns for value in f.missing)
    return not held and structure.countable(path, dialect)


def record_shapes(resource: Resource) -> pl.DataFrame:
    """structure.ragged_records of the resource's file, as wide as its header."""
    dialect = structure.Dialect.from_descriptor(resource.dialect)
    labels = structure.read_labels(resource.path, dialect)
    width = len(labels) if labels else len(resource.schema["fields"])
    return structure.ragged_records(resource.path, dialect, width)


def expected_columns(resource: Resource) -> list[fields.Field]:
    """The fields the resource's file holds by its header (the schema's if unreadable)."""
    schema_fields = table_fields(resource.schema)
    try:
        labels = structure.read_labels(
            resource.path, structure.Dialect.from_descriptor(resource.dialect)
        )
    except (OSError, UnicodeDecodeError, csv.Error):
        return schema_fields
    return expected_fields(schema_fields, labels) if labels else schema_fields


def expected_fields(schema_fields: list[fields.Field], labels: list[str]) -> list[fields.Field]:
    """The fields the data's columns hold, by position: the schema's, then an `any`
    field for each extra label (so its cells are read, not reported each row)."""
    expected = schema_fields[: len(labels)]
    taken = {f.name for f in expected}
    missing = schema_fields[0].missing
    for label in labels[len(schema_fields) :]:
        name, n = label, 1
        while name in taken:
            n += 1
            name = f"{label}{n}"
        taken.add(name)
        expected.append(fields.Field(name, {"name": name, "type": "any"}, missing))
    return expected
