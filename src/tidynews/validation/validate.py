"""Validate a data package: every resource's data, then keys, integrity and the rules
of the package's Profile, if one applies.

Tables are checked on threads, not processes: polars and hashlib release the GIL,
so one table is hashed and another parsed while a third runs its checks.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path

import polars as pl

from tidynews.errors import DescriptorError, Issue, Report, ReportedIssue
from tidynews.validation import sources, structure
from tidynews.validation.descriptor import Resource, read_descriptor, resources
from tidynews.validation.integrity import integrity_issues, is_regular, parquet_issues
from tidynews.validation.keys import key_issues
from tidynews.validation.profile import Profile, chosen
from tidynews.validation.shapes import record_shapes, shapes_needed
from tidynews.validation.table import BATCH_ROWS, LOW_MEMORY_BATCH_ROWS, check_resource
from tidynews.validation.tableschema import field_names, foreign_keys, primary_key


def validate(
    descriptor: str | Path = "datapackage.json",
    *,
    profiles: Iterable[Profile] = (),
    low_memory: bool = False,
) -> Report:
    """Validate every resource of a package, with the rules of the first of `profiles`
    that applies to it (Profile.applies); with none, as frictionless validates it.

    `low_memory` trades speed for memory (LOW_MEMORY_BATCH_ROWS, one table at a time);
    the verdicts are the same. A build uses it: there validation is a small part of
    the time and would otherwise set the peak memory.

    Each CSV is streamed in batches of BATCH_ROWS rows: cell-level checks (types,
    constraints, formulas, the profile's row rules) run on each batch, and only the
    columns later checks need (keys, and what the profile's table rules read) are
    kept. So a file larger than memory validates in bounded space (polars' read-
    ahead and the kept columns); only the profile's `first` tables stay whole.

    >>> validate("datapackage.json").valid  # doctest: +SKIP
    True
    """
    package, base = read_descriptor(descriptor)
    try:
        resource_list = resources(package, base)
    except DescriptorError as exc:  # invalid, as frictionless finds it, before any data
        return Report(tuple(_reported(exc.issues)))
    profile = chosen(tuple(profiles), resource_list)
    with contextlib.ExitStack() as scratch:
        resource_list = [sources.materialized(r, scratch) for r in resource_list]
        rows: dict[str, list[int]] = {}  # a copy's row n is the file's rows[name][n - 1]
        copies = [_with_header_row(_parsed_copy(r, scratch, rows)) for r in resource_list]
        parsed = [c for c in copies if isinstance(c, Resource)]
        issues = _check_package(resource_list, parsed, profile, low_memory)
        if rows:  # only a copy without comment rows renumbers its issues
            issues = [_renumbered(i, rows.get(i.table or "")) for i in issues]
        issues += [c for c in copies if isinstance(c, Issue)]
    # by table and field name; an issue of the whole package or table has None for them
    order: dict[str | None, int] = {r.name: i for i, r in enumerate(resource_list)}
    columns: dict[str | None, dict[str | None, int]] = {
        r.name: {f: i for i, f in enumerate(field_names(r.schema))} for r in resource_list
    }
    issues.sort(
        key=lambda i: (
            order.get(i.table, -1),
            i.row or 0,
            columns.get(i.table, {}).get(i.field, -1),
            i.code,
        )
    )
    return Report(tuple(_reported(issues)))


def _reported(issues) -> list[ReportedIssue]:
    """The issues as the report holds them: their text escapes control characters, so
    a name or cell cannot write lines of its own into a text report. Most are made in
    that form (frames.issues_at); the others are copied field by field
    (dataclasses.astuple deep-copied each: 0.6 s for the 41,668 warnings of the
    1M-row benchmark package)."""
    return [
        i
        if type(i) is ReportedIssue
        else ReportedIssue(i.code, i.table, i.row, i.field, i.value, i.message, i.severity)
        for i in issues
    ]


def _renumbered(issue: Issue, rows: list[int] | None) -> Issue:
    """The issue on its row of the file, where the copy left comment rows out."""
    if rows is None or issue.row is None or not 0 < issue.row <= len(rows):
        return issue
    return dataclasses.replace(issue, row=rows[issue.row - 1])


def _parsed_copy(
    resource: Resource, scratch: contextlib.ExitStack, rows: dict[str, list[int]]
) -> Resource | Issue:
    """The resource as its CSV is parsed: itself, or a UTF-8 copy with LF line ends
    in a temporary folder, as Python's csv module (frictionless' reader) reads it,
    when polars would read it otherwise: a record ends with a bare CR (frictionless'
    reader and pyarrow end a record there, polars does not), the file is in another
    encoding, or the dialect skips initial spaces. The dialect options the descriptor
    leaves out are the ones frictionless sniffs (structure.sniffed). Its bytes and hash are the
    original's to check. An encoding-error when the file is not in its encoding."""
    if not is_regular(resource.path):
        return resource
    encoding = resource.encoding or structure.detected_encoding(resource.path)
    try:
        guessed = structure.sniffed(resource.path, encoding, resource.dialect)
    except (OSError, UnicodeDecodeError):
        guessed = {}  # the parse reports what is wrong
    if guessed:
        resource = dataclasses.replace(resource, dialect=resource.dialect | guessed)
    dialect = structure.Dialect.from_descriptor(resource.dialect)
    utf8 = encoding in ("utf-8", "utf-8-sig")
    simple = utf8 and not (dialect.skip_initial_space or dialect.escape_char or dialect.renumbered)
    if simple and not structure.has_bare_cr(resource.path):
        return resource
    folder = Path(scratch.enter_context(tempfile.TemporaryDirectory(prefix="tidynews-")))
    copy = folder / "data.csv"
    try:
        kept = structure.write_lf_copy(resource.path, copy, dialect, encoding)
    except UnicodeDecodeError as exc:
        message = f"the file is not {encoding}: {exc.reason} at byte {exc.start}"
        return Issue("encoding-error", resource.name, None, None, None, message)
    except (OSError, csv.Error):
        return resource  # the parse of the original reports what is wrong
    if kept is not None:  # comment rows and the records above the header are gone
        rows[resource.name] = kept
        left_out = ("commentChar", "commentRows", "headerRows", "headerJoin")
        dialect_copy = {k: v for k, v in resource.dialect.items() if k not in left_out}
        resource = dataclasses.replace(resource, dialect=dialect_copy | {"header": dialect.header})
    return dataclasses.replace(resource, path=copy, encoding="utf-8")


def _with_header_row(resource: Resource | Issue) -> Resource | Issue:
    """The resource with the header row frictionless guesses (structure.guessed_header_row)
    when its dialect sets neither `header` nor `headerRows`."""
    if not isinstance(resource, Resource) or not is_regular(resource.path):
        return resource
    if {"header", "headerRows"} & resource.dialect.keys():
        return resource
    dialect = structure.Dialect.from_descriptor(resource.dialect)
    try:
        row = structure.guessed_header_row(resource.path, dialect)
    except (OSError, UnicodeDecodeError, csv.Error):
        return resource  # the parse reports what is wrong
    if row == 1:
        return resource
    return dataclasses.replace(resource, dialect={**resource.dialect, "headerRows": [row]})


def _check_package(
    resource_list: list[Resource],
    parsed: list[Resource],
    profile: Profile | None,
    low_memory: bool,
) -> list[Issue]:
    """Every issue of the package's data, in no order. `parsed`: the resources as
    their CSVs are parsed (_parsed_copy); `resource_list`: as their files are checked
    against their bytes and hash."""
    issues: list[Issue] = []
    frames: dict[str, pl.DataFrame] = {}
    integrity = resource_list
    resource_list = parsed
    # the profile's first tables before the others, whose row rules read them
    first = set(profile.first) if profile else set()
    first_phase = [r for r in resource_list if not first or r.name in first]
    phases = [first_phase, [r for r in resource_list if r not in first_phase]]
    # largest files first: a large table started last would run on alone at the end
    phases = [sorted(phase, key=_size, reverse=True) for phase in phases]
    # Record shapes are counted by pyarrow on a thread of their own, ahead of the
    # parsing that needs them, so that pass mostly runs on a core the checks leave idle;
    # a table whose parse shows short records by itself, or whose delimiters prove the
    # parse padded none, skips it (shapes.shapes_needed).
    batch_rows = LOW_MEMORY_BATCH_ROWS if low_memory else BATCH_ROWS
    # one worker more than cores: the three large tables of a package's second phase
    # then share the cores from the start, instead of the third running alone at the
    # end (peak memory on the 1M-row benchmark package: 1.1 GB -> 1.3 GB)
    workers = 1 if low_memory else (os.cpu_count() or 1) + 1
    with ThreadPoolExecutor(max_workers=workers) as pool, ThreadPoolExecutor(1) as side:
        shapes = {
            r.name: side.submit(record_shapes, r)
            for r in resource_list
            if is_regular(r.path) and shapes_needed(r)
        }
        # hashes on the side thread too, after the shapes: nothing waits for them until
        # the end, so they fill the time the checks leave a core idle instead of holding
        # both workers before the first check starts
        hashed = [side.submit(integrity_issues, r) for r in integrity if is_regular(r.path)]
        copies = [side.submit(parquet_issues, r.parquet) for r in integrity if r.parquet]
        # a table's keys are checked as soon as it and the tables it refers to are read,
        # on a worker the other tables' checks leave idle
        names = {r.name for r in resource_list}
        needs = {  # the tables each table's foreign keys refer to
            r.name: {t for _, t, _ in foreign_keys(r.schema) if t in names} for r in resource_list
        }
        read: dict[str, list[Issue]] = {}
        keys: dict[str, Future] = {}
        for phase in phases:
            context = profile.context(frames) if profile else None
            checked = {
                pool.submit(
                    check_resource,
                    r,
                    _kept_columns(r, resource_list, profile),
                    profile,
                    context,
                    shapes.get(r.name),
                    batch_rows,
                ): r
                for r in phase
            }
            for future in as_completed(checked):
                frame, read[checked[future].name] = future.result()
                if frame is not None:
                    frames[checked[future].name] = frame
                for r in resource_list:
                    if r.name in frames and r.name not in keys and needs[r.name] <= read.keys():
                        keys[r.name] = pool.submit(
                            key_issues, r.name, frames[r.name], r.schema, frames
                        )
        for r in resource_list:  # in the package's order, however the threads finished
            issues += read.get(r.name, [])
        issues += _dangling_references(integrity)
        later = [keys[r.name] for r in resource_list if r.name in keys]
        if profile:
            later.append(pool.submit(profile.table_issues, frames))
        for future in hashed + copies + later:
            issues += future.result()
    return issues


def _size(resource: Resource) -> int:
    return resource.path.stat().st_size if is_regular(resource.path) else 0


def _dangling_references(resource_list: list[Resource]) -> list[Issue]:
    """A foreign key to a resource the package does not have (frictionless: resource-error)."""
    names = {r.name for r in resource_list}
    return [
        Issue(
            "resource-error",
            r.name,
            None,
            None,
            ref_table,
            f"foreign key ({', '.join(fields)}) refers to resource {ref_table!r}, "
            "which the package does not have",
        )
        for r in resource_list
        for fields, ref_table, _ in foreign_keys(r.schema)
        if ref_table and ref_table not in names
    ]


def _kept_columns(
    resource: Resource, resource_list: list[Resource], profile: Profile | None
) -> set[str]:
    """The columns of `resource` that checks after its cell-level ones read: its keys,
    unique fields, foreign keys, the fields other resources' foreign keys point to,
    and what the profile needs (all of a `first` table; what its table rules read)."""
    schema = resource.schema
    kept = set(primary_key(schema))
    kept |= {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
    for other in resource_list:
        for source, ref_table, ref_fields in foreign_keys(other.schema):
            if other is resource:
                kept |= set(source)
            if ref_table == resource.name or (ref_table == "" and other is resource):
                kept |= set(ref_fields)
    if profile:
        if resource.name in profile.first:
            kept |= set(field_names(schema))
        kept |= profile.kept.get(resource.name, frozenset())
    return kept
