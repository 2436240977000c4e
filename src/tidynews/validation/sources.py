"""Resources whose table is not one CSV file with a schema: a path split over several
files, inline `data`, no schema. Each becomes one CSV file (in a scratch folder) with
a schema before it is checked, read as frictionless-py reads it.

* Multipart: the files' lines joined, the first line of every file after the first
  dropped when the dialect has a header (frictionless' MultipartByteStream); bytes
  and hash are the joined stream's, as frictionless computes them.
* Inline data: a list of rows (the first one the header) or of objects (the first
  one's keys the header), written as CSV.
* No schema: the one frictionless infers for the file (its own `Resource.infer`).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tidynews.errors import PackageError, SchemaFileError
from tidynews.validation import tableschema
from tidynews.validation.integrity import open_regular

if TYPE_CHECKING:  # descriptor imports this module
    from tidynews.validation.descriptor import Resource


def located(
    spec: dict, name: str, base: Path, safe: Callable[[Path, object, str], Path]
) -> tuple[Path, tuple[Path, ...], list | None]:
    """(path, parts, inline rows) of a resource descriptor, each path checked by `safe`."""
    if "path" not in spec and "data" in spec:
        data = spec["data"]
        if not isinstance(data, list) or not all(isinstance(r, list | dict) for r in data):
            raise PackageError(
                f"resource {name!r}: inline 'data' must be a list of rows (lists or objects)."
            )
        return base, (), data
    value = spec.get("path")
    if isinstance(value, list) and value:
        parts = tuple(safe(base, v, name) for v in value)
        return parts[0], parts, None
    return safe(base, value, name), (), None


def materialized(resource: Resource, scratch: contextlib.ExitStack) -> Resource:
    """`resource` as one CSV file with a schema (itself when it already is)."""
    if resource.data is None and not resource.parts and not resource.inferred:
        return resource
    changes: dict = {"parts": (), "data": None, "inferred": False}
    if resource.data is not None or resource.parts:
        folder = Path(scratch.enter_context(tempfile.TemporaryDirectory(prefix="tidynews-")))
        path = changes["path"] = folder / "data.csv"
        if resource.data is not None:
            _write_rows(resource.data, path)
            changes |= {"encoding": "utf-8", "dialect": {}}
        else:
            _join(resource.parts, path, header=resource.dialect.get("header", True) is not False)
    if resource.inferred:
        changes["schema"] = _inferred_schema(dataclasses.replace(resource, **changes))
    return dataclasses.replace(resource, **changes)


def _join(parts: tuple[Path, ...], target: Path, header: bool) -> None:
    with target.open("wb") as out:
        for number, part in enumerate(parts, start=1):
            with open_regular(part) as file:
                for line_number, line in enumerate(file, start=1):
                    if header and number > 1 and line_number == 1:
                        continue
                    out.write(line)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)  # true, 2.5, {"a": 1}: as JSON writes them


def _write_rows(data: list, target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        labels = list(data[0]) if data and isinstance(data[0], dict) else None
        if labels is not None:
            writer.writerow(labels)
        for row in data:
            cells = [row.get(k) for k in labels or ()] if isinstance(row, dict) else row
            writer.writerow(map(_cell, cells))


def _inferred_schema(resource: Resource) -> dict:
    """The schema frictionless infers for the resource's file, as `frictionless
    validate` does for a resource without one."""
    import frictionless  # only here: a second of start-up no other package pays

    try:
        described = frictionless.Resource(
            path=resource.path.name,
            basepath=str(resource.path.parent),
            encoding=resource.encoding,
            dialect=frictionless.Dialect.from_descriptor(resource.dialect or {}),
        )
        described.infer()
        schema = described.schema.to_descriptor()
    except Exception as exc:  # frictionless' own errors, whatever the file holds
        raise PackageError(
            f"resource {resource.name!r}: no schema, and frictionless cannot infer one "
            f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})."
        ) from None
    try:
        tableschema.check_table_schema(schema, f"resource {resource.name!r} (inferred schema)")
    except SchemaFileError as exc:
        raise PackageError(str(exc)) from None
    return schema
