"""Validate a data package: Table Schema constraints via pandera, then keys and cross-table rules.

Frictionless-py is the second opinion, not the engine: it validates row by row
in Python, while this runs column-wise on polars frames and collects every
failure before deciding.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandera.polars as pa
import polars as pl

from tidynews import checks, schemas
from tidynews.errors import Issue, PackageError, Report, SchemaFileError

ROW = checks.ROW
_CONSTRAINT_MESSAGES = {
    "not_nullable": 'constraint "required" is "True"',
    "enum": 'constraint "enum" is not met',
    "pattern": 'constraint "pattern" is not met',
    "minimum": 'constraint "minimum" is not met',
    "maximum": 'constraint "maximum" is not met',
    "minLength": 'constraint "minLength" is not met',
    "maxLength": 'constraint "maxLength" is not met',
}


@dataclass(frozen=True, slots=True)
class Resource:
    """One tabular resource of a package, its file resolved safely inside the package."""

    name: str
    path: Path
    schema: dict
    dialect: dict
    bytes: int | None
    hash: str | None
    parquet: Resource | None = None  # the same table as Parquet, when the package ships one


# A Parquet copy of a CSV resource: {"path", "bytes", "hash"}. An extra property, so
# `frictionless validate` (which knows CSV) checks the CSV and leaves the copy alone.
PARQUET_KEY = "tidynews:parquet"
SWAP_JOURNAL = ".tidynews-swap.json"  # see package.py: a build was killed mid-swap


def read_descriptor(descriptor: str | Path) -> tuple[dict, Path]:
    """Load datapackage.json (or a folder holding it); PackageError when unusable."""
    path = Path(descriptor)
    if path.is_dir():
        path = path / "datapackage.json"
    if (path.parent / SWAP_JOURNAL).is_file():
        raise PackageError(
            f"{path.parent}: a build was interrupted while swapping in a new package. "
            f"Run `tidynews recover {path.parent}` (or build again) to finish it."
        )
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackageError(
            f"{path}: no such descriptor. Build the package or pass its datapackage.json."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackageError(f"{path}: cannot read the descriptor ({exc}).") from None
    try:
        package = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PackageError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}). Fix or rebuild it."
        ) from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise PackageError(f"{path}: a data package needs a 'resources' list.")
    return package, path.parent


def resources(package: dict, base: Path) -> list[Resource]:
    """The package's tabular resources, with paths checked to stay inside `base`."""
    out = []
    for index, spec in enumerate(package["resources"]):
        name = spec.get("name") or f"resource{index + 1}"
        schema = spec.get("schema")
        if isinstance(schema, str):
            schema = json.loads(_safe_path(base, schema, name).read_text(encoding="utf-8"))
        if not isinstance(schema, dict):
            raise PackageError(f"resource {name!r}: no Table Schema. Add a 'schema'.")
        try:
            schemas.check_table_schema(schema, f"resource {name!r}")
        except SchemaFileError as exc:
            raise PackageError(str(exc)) from None
        copy = spec.get(PARQUET_KEY)
        parquet = None
        if isinstance(copy, dict):
            parquet = Resource(
                name=name,
                path=_safe_path(base, copy.get("path"), name),
                schema=schema,
                dialect={},
                bytes=copy.get("bytes"),
                hash=copy.get("hash"),
            )
        out.append(
            Resource(
                name=name,
                path=_safe_path(base, spec.get("path"), name),
                schema=schema,
                dialect=spec.get("dialect", {}),
                bytes=spec.get("bytes"),
                hash=spec.get("hash"),
                parquet=parquet,
            )
        )
    return out


def _safe_path(base: Path, value: object, name: str) -> Path:
    """A relative path inside the package; URLs and escapes are refused, never fetched."""
    if not isinstance(value, str) or not value:
        raise PackageError(f"resource {name!r}: 'path' must be one relative file path.")
    if "://" in value or value.startswith(("/", "\\")) or ".." in Path(value).parts:
        raise PackageError(
            f"resource {name!r}: path {value!r} is outside the package (unsafe-path). "
            "Use a relative path inside the package folder."
        )
    return base / value


def validate(descriptor: str | Path = "datapackage.json") -> Report:
    """Validate every resource of a package and, for tidynews packages, the cross-table rules.

    >>> validate("datapackage.json").valid  # doctest: +SKIP
    True
    """
    package, base = read_descriptor(descriptor)
    issues: list[Issue] = []
    frames: dict[str, pl.DataFrame] = {}
    resource_list = resources(package, base)
    # Threads, not processes: polars and hashlib release the GIL, so one table is hashed
    # and another parsed while a third runs its checks.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        hashed = [pool.submit(_integrity_issues, r) for r in resource_list if r.path.is_file()]
        copies = [pool.submit(_parquet_issues, r.parquet) for r in resource_list if r.parquet]
        checked = [pool.submit(_check_resource, r) for r in resource_list]
        for resource, future in zip(resource_list, checked, strict=True):
            frame, found = future.result()
            issues += found
            if frame is not None:
                frames[resource.name] = frame
        by_name = {r.name: r for r in resource_list}
        later = [
            pool.submit(checks.key_issues, name, frame, by_name[name].schema, frames)
            for name, frame in frames.items()
        ]
        later += [pool.submit(checks.formula_warnings, n, f) for n, f in frames.items()]
        if "articles" in frames:
            later.append(pool.submit(checks.cross_table_issues, frames))
        for future in hashed + copies + later:
            issues += future.result()
    order = {r.name: i for i, r in enumerate(resource_list)}
    fields = {
        r.name: {f: i for i, f in enumerate(schemas.field_names(r.schema))} for r in resource_list
    }
    issues.sort(
        key=lambda i: (
            order.get(i.table, -1),
            i.row or 0,
            fields.get(i.table, {}).get(i.field, -1),
            i.code,
        )
    )
    return Report(tuple(issues))


def _check_resource(resource: Resource) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Labels, types and column constraints of one resource (its integrity: elsewhere)."""
    name = resource.name
    if not resource.path.is_file():
        return None, [
            Issue(
                "scheme-error",
                name,
                None,
                None,
                str(resource.path),
                f"data file {resource.path.name} is missing or unreadable",
            )
        ]
    raw = _read_strings(resource)
    if isinstance(raw, Issue):
        return None, [raw]
    names = schemas.field_names(resource.schema)
    if raw.columns != names:
        return None, _label_issues(name, raw.columns, names)
    raw = raw.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    typed = raw.select(ROW, *schemas.cast_expressions(resource.schema))
    type_errors = _type_issues(name, raw, typed, names)
    issues = type_errors
    issues += _constraint_issues(
        name, typed, resource.schema, {(i.row, i.field) for i in type_errors}
    )
    return typed, issues


HASH_ALGORITHMS = ("md5", "sha1", "sha256", "sha512")
_CHUNK = 1 << 20


def hash_mismatch(resource: Resource, data: bytes | None = None) -> tuple[str, str] | None:
    """(message, actual digest) when the data (`data`, else the resource's file, read in
    chunks) does not match the resource's `hash`, else None.

    A hash without an "<algorithm>:" prefix is MD5, as the Data Package spec says.
    """
    if not resource.hash:
        return None
    algorithm, _, expected = resource.hash.rpartition(":")
    algorithm = algorithm or "md5"
    if algorithm not in HASH_ALGORITHMS:
        return f"unsupported hash algorithm {algorithm!r}", resource.hash
    digest = hashlib.new(algorithm)
    if data is not None:
        digest.update(data)
    else:
        with resource.path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    actual = digest.hexdigest()
    if actual == expected:
        return None
    message = (
        f"the data file's {algorithm} is {actual}, the descriptor says {expected}: "
        "the file changed after the build"
    )
    return message, actual


def _parquet_issues(copy: Resource) -> list[Issue]:
    """The Parquet copy must be there and be the bytes the descriptor promises."""
    if not copy.path.is_file():
        return [
            Issue(
                "source-error",
                copy.name,
                None,
                None,
                str(copy.path.name),
                f"the Parquet copy {copy.path.name} is missing: rebuild the package",
            )
        ]
    return [
        Issue(i.code, i.table, i.row, i.field, i.value, f"Parquet copy: {i.message}")
        for i in _integrity_issues(copy)
    ]


def _integrity_issues(resource: Resource) -> list[Issue]:
    issues = []
    size = resource.path.stat().st_size
    if resource.bytes is not None and resource.bytes != size:
        issues.append(
            Issue(
                "byte-count",
                resource.name,
                None,
                None,
                str(size),
                f"the data file has {size} bytes, the descriptor says {resource.bytes}",
            )
        )
    mismatch = hash_mismatch(resource)
    if mismatch:
        issues.append(Issue("hash-count", resource.name, None, None, mismatch[1], mismatch[0]))
    return issues


def _read_strings(resource: Resource) -> pl.DataFrame | Issue:
    """Every cell as text, the schema's missing values (default: "") as null."""
    dialect = resource.dialect
    missing = resource.schema.get("missingValues", [""])
    try:
        return pl.read_csv(
            resource.path,
            infer_schema=False,
            separator=dialect.get("delimiter", ","),
            quote_char=dialect.get("quoteChar", '"'),
            has_header=dialect.get("header", True),
            null_values=list(missing) or None,  # quoted or not, as frictionless reads cells
            raise_if_empty=False,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Issue(
            "source-error", resource.name, None, None, None, f"cannot parse the CSV: {first}"
        )


def _label_issues(table: str, labels: list[str], names: list[str]) -> list[Issue]:
    issues = []
    for index in range(max(len(labels), len(names))):
        label = labels[index] if index < len(labels) else None
        expected = names[index] if index < len(names) else None
        if label == expected:
            continue
        if expected is None:
            issues.append(
                Issue(
                    "extra-label", table, 1, label, label, f"extra column {label!r} in the header"
                )
            )
        elif label is None:
            issues.append(
                Issue("missing-label", table, 1, expected, None, f"column {expected!r} is missing")
            )
        else:
            issues.append(
                Issue(
                    "incorrect-label",
                    table,
                    1,
                    expected,
                    label,
                    f"column {index + 1} is {label!r}, the schema says {expected!r}",
                )
            )
    return issues


def _type_issues(
    table: str, raw: pl.DataFrame, typed: pl.DataFrame, names: list[str]
) -> list[Issue]:
    issues = []
    for column in names:
        bad = raw.select(ROW, column).filter(
            pl.col(column).is_not_null() & typed.get_column(column).is_null()
        )
        dtype = typed.schema[column]
        for row, value in bad.iter_rows():
            issues.append(
                Issue("type-error", table, row, column, value, f"{value!r} is not of type {dtype}")
            )
    return issues


def _constraint_issues(table: str, typed: pl.DataFrame, schema: dict, skip: set) -> list[Issue]:
    try:
        schemas.pandera_schema(schema, table).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    issues = []
    for record in cases.iter_rows(named=True):
        if record["index"] is None:
            issues.append(
                Issue(
                    "schema-error",
                    table,
                    None,
                    record["column"],
                    record["failure_case"],
                    f"{record['check']}",
                )
            )
            continue
        row = typed[ROW][record["index"]]
        field = record["column"]
        if (row, field) in skip:
            continue
        check = record["check"]
        if check == "unique":
            issues.append(
                Issue(
                    "unique-error",
                    table,
                    row,
                    field,
                    record["failure_case"],
                    f"{record['failure_case']!r} repeats an earlier row (unique)",
                )
            )
            continue
        message = _CONSTRAINT_MESSAGES.get(check, f"check {check!r} failed")
        issues.append(Issue("constraint-error", table, row, field, record["failure_case"], message))
    return issues
