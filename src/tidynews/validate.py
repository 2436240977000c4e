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
        if not isinstance(spec, dict):
            raise PackageError(f"resource {index + 1}: not a JSON object. Fix the descriptor.")
        name = spec.get("name") or f"resource{index + 1}"
        path = _safe_path(base, spec.get("path"), name)
        schema = _dereference(base, spec.get("schema"), name, "schema")
        if not isinstance(schema, dict):
            raise PackageError(f"resource {name!r}: no Table Schema. Add a 'schema'.")
        dialect = _dereference(base, spec.get("dialect", {}), name, "dialect")
        if not isinstance(dialect, dict):
            raise PackageError(f"resource {name!r}: 'dialect' must be a JSON object.")
        _check_dialect(dialect, name)
        _check_format(spec, name)
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
                path=path,
                schema=schema,
                dialect=dialect,
                bytes=spec.get("bytes"),
                hash=spec.get("hash"),
                parquet=parquet,
            )
        )
    return out


# What the CSV reader honours: anything else in a dialect would change how the file
# reads, so it is refused rather than silently ignored.
_DIALECT_SUPPORTED = {
    "delimiter": None,
    "quoteChar": None,
    "header": None,
    "doubleQuote": (True,),
    "lineTerminator": ("\n", "\r\n"),
}
_DIALECT_DESCRIPTIVE = {"$schema", "name", "title", "description", "caseSensitiveHeader"}


def _check_dialect(dialect: dict, name: str) -> None:
    for key, value in dialect.items():
        if key in _DIALECT_DESCRIPTIVE:
            continue
        if key not in _DIALECT_SUPPORTED:
            raise PackageError(
                f"resource {name!r}: dialect option {key!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )
        allowed = _DIALECT_SUPPORTED[key]
        if allowed is not None and value not in allowed:
            raise PackageError(
                f"resource {name!r}: dialect {key}={value!r} is not supported by tidynews "
                "validate (use frictionless validate for this package)."
            )


def _check_format(spec: dict, name: str) -> None:
    """Only plain UTF-8 CSV files are read; other formats are refused, not misread."""
    path = str(spec.get("path", ""))
    fmt = spec.get("format") or path.rsplit(".", 1)[-1].lower()
    encoding = str(spec.get("encoding", "utf-8")).lower().replace("_", "-")
    if fmt != "csv":
        unsupported = f"format {fmt!r}"
    elif spec.get("compression"):
        unsupported = f"compression {spec['compression']!r}"
    elif encoding not in ("utf-8", "utf8"):
        unsupported = f"encoding {encoding!r}"
    else:
        return
    raise PackageError(
        f"resource {name!r}: {unsupported} is not supported by tidynews validate, which "
        "reads UTF-8 CSV (use frictionless validate for this package)."
    )


def _dereference(base: Path, value: object, name: str, key: str) -> object:
    """A schema or dialect given inline, or as the path of a JSON file in the package."""
    if not isinstance(value, str):
        return value
    path = _safe_path(base, value, name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        raise PackageError(f"resource {name!r}: cannot read its {key} file {value!r}.") from None
    except json.JSONDecodeError as exc:
        raise PackageError(
            f"resource {name!r}: {key} file {value!r}:{exc.lineno}: not valid JSON ({exc.msg})."
        ) from None


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


BATCH_ROWS = 250_000  # rows parsed and checked at a time: memory is bounded by this


def validate(descriptor: str | Path = "datapackage.json") -> Report:
    """Validate every resource of a package and, for tidynews packages, the cross-table rules.

    Each CSV is streamed in batches of BATCH_ROWS rows: cell-level checks (types,
    constraints, formulas, and tidynews' span checks) run on each batch, and only the
    columns later checks need (keys, and whatever tidynews' table-level rules read)
    are kept. So a file larger than memory validates in bounded space; only the
    texts of articles and comments, which every span is checked against, stay whole.

    >>> validate("datapackage.json").valid  # doctest: +SKIP
    True
    """
    package, base = read_descriptor(descriptor)
    issues: list[Issue] = []
    frames: dict[str, pl.DataFrame] = {}
    resource_list = resources(package, base)
    tidy = "articles" in {r.name for r in resource_list}
    # parents first: the spans of every other table are checked against their texts
    phases = [
        [r for r in resource_list if not tidy or r.name in checks.PARENT_TABLES],
        [r for r in resource_list if tidy and r.name not in checks.PARENT_TABLES],
    ]
    # Threads, not processes: polars and hashlib release the GIL, so one table is hashed
    # and another parsed while a third runs its checks.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        hashed = [pool.submit(_integrity_issues, r) for r in resource_list if r.path.is_file()]
        copies = [pool.submit(_parquet_issues, r.parquet) for r in resource_list if r.parquet]
        for phase in phases:
            parents = checks.span_parents(frames) if tidy else None
            checked = [
                pool.submit(
                    _check_resource, r, _kept_columns(r, resource_list, tidy), tidy, parents
                )
                for r in phase
            ]
            for resource, future in zip(phase, checked, strict=True):
                frame, found = future.result()
                issues += found
                if frame is not None:
                    frames[resource.name] = frame
        by_name = {r.name: r for r in resource_list}
        later = [
            pool.submit(checks.key_issues, name, frame, by_name[name].schema, frames)
            for name, frame in frames.items()
        ]
        if tidy:
            later.append(pool.submit(checks.table_issues, frames))
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


def _kept_columns(resource: Resource, resource_list: list[Resource], tidy: bool) -> set[str]:
    """The columns of `resource` that checks after its cell-level ones read: its keys,
    unique fields, foreign keys, the fields other resources' foreign keys point to,
    and (in a tidynews package) what the table-level rules need."""
    schema = resource.schema
    kept = set(schemas.primary_key(schema))
    kept |= {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
    for other in resource_list:
        for fields, ref_table, ref_fields in schemas.foreign_keys(other.schema):
            if other is resource:
                kept |= set(fields)
            if ref_table == resource.name or (ref_table == "" and other is resource):
                kept |= set(ref_fields)
    if tidy:
        if resource.name in checks.PARENT_TABLES:
            kept |= set(schemas.field_names(schema))
        kept |= checks.TABLE_LEVEL_COLUMNS.get(resource.name, set())
    return kept


def _check_resource(
    resource: Resource, kept: set[str], tidy: bool, parents: pl.DataFrame | None
) -> tuple[pl.DataFrame | None, list[Issue]]:
    """Labels, then types, column constraints and row-level rules batch by batch.

    Returns the `kept` columns of the whole table (typed, with the row number) for
    the key and table-level checks, and the issues found. `parents` holds the article
    bodies and comments already read (checks.span_parents) when the package is a
    tidynews one. The file's integrity is checked elsewhere."""
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
    names = schemas.field_names(resource.schema)
    scan = _scan_strings(resource)
    try:
        labels = scan.collect_schema().names()[1:]
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as exc:
        return None, [_source_error(name, exc)]
    if labels != names:
        return None, _label_issues(name, labels, names)
    validator = schemas.pandera_schema(resource.schema, name)
    casts = schemas.cast_expressions(resource.schema)
    columns = [ROW, *(c for c in names if c in kept)]
    issues: list[Issue] = []
    parts = []
    try:
        for batch in scan.collect_batches(chunk_size=BATCH_ROWS):
            raw = batch.with_columns(pl.col(ROW).cast(pl.Int64))
            typed = raw.select(ROW, *casts)
            type_errors = _type_issues(name, raw, typed, names)
            issues += type_errors
            skip = {(i.row, i.field) for i in type_errors}
            issues += _constraint_issues(name, typed, validator, skip)
            issues += checks.formula_warnings(name, typed)
            if tidy:
                issues += checks.row_issues(name, typed, parents)
            parts.append(typed.select(columns))
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as exc:
        return None, [*issues, _source_error(name, exc)]
    if not parts:  # a header and no rows
        empty = pl.DataFrame(schema={c: pl.String for c in names}).with_row_index(ROW)
        parts.append(empty.select(pl.col(ROW).cast(pl.Int64), *casts).select(columns))
    return pl.concat(parts), issues


def _scan_strings(resource: Resource) -> pl.LazyFrame:
    """Every cell as text, the schema's missing values (default: "") as null, each row
    numbered as frictionless numbers it (header = row 1)."""
    dialect = resource.dialect
    missing = resource.schema.get("missingValues", [""])
    return pl.scan_csv(
        resource.path,
        infer_schema=False,
        separator=dialect.get("delimiter", ","),
        quote_char=dialect.get("quoteChar", '"'),
        has_header=dialect.get("header", True),
        null_values=list(missing) or None,  # quoted or not, as frictionless reads cells
        raise_if_empty=False,
        row_index_name=ROW,
        row_index_offset=2,
    )


def _source_error(table: str, exc: Exception) -> Issue:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Issue("source-error", table, None, None, None, f"cannot parse the CSV: {first}")


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


def _constraint_issues(
    table: str, typed: pl.DataFrame, validator: pa.DataFrameSchema, skip: set
) -> list[Issue]:
    try:
        validator.validate(typed, lazy=True)
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
        message = _CONSTRAINT_MESSAGES.get(check, f"check {check!r} failed")
        issues.append(Issue("constraint-error", table, row, field, record["failure_case"], message))
    return issues
