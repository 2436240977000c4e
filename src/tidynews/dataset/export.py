"""Export a package to the tools people already use: SQLite (ready for Datasette),
DuckDB, or one Parquet file per table.

The databases get the Table Schemas' primary and foreign keys as constraints, so
a join a user writes is the join the package promises; rows are read through
`load`, hashes checked. Each export is written beside its target and moved into
place when complete: an interrupted export never leaves half a database.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl

from tidynews.dataset.load import Package, read_package
from tidynews.errors import MissingExtraError, PackageError
from tidynews.validation.tableschema import foreign_keys, primary_key

FORMATS = ("sqlite", "duckdb", "parquet")
_SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "year": "INTEGER"}
_DUCKDB_TYPES = {
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "year": "BIGINT",
}


def export(descriptor: str | Path, to: str, path: str | Path) -> Path:
    """Write the package at `descriptor` as `to` (sqlite, duckdb or parquet) at `path`.

    >>> import tidynews
    >>> tidynews.export("datapackage.json", "sqlite", "tidynews.db")  # doctest: +SKIP
    PosixPath('tidynews.db')
    """
    if to not in FORMATS:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}, not {to!r}")
    package, target = read_package(descriptor), Path(path)
    if target.is_dir() and to != "parquet":
        raise PackageError(f"{target}: is a folder. Give a file name for the {to} database.")
    writer: Callable[[Package, Path], None] = {
        "sqlite": _write_sqlite,
        "duckdb": _write_duckdb,
        "parquet": _write_parquet,
    }[to]
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".tidynews-export-", dir=parent) as scratch:
        staged = Path(scratch) / target.name
        writer(package, staged)
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(staged, target)
    return target


def table_ddl(name: str, schema: dict, types: dict[str, str], text: str = "TEXT") -> str:
    """CREATE TABLE for one Table Schema: columns, NOT NULL, primary and foreign keys."""
    columns = []
    for field in schema["fields"]:
        sql_type = types.get(field.get("type", "string"), text)
        required = " NOT NULL" if field.get("constraints", {}).get("required") else ""
        columns.append(f"{_quote(field['name'])} {sql_type}{required}")
    if key := primary_key(schema):
        columns.append(f"PRIMARY KEY ({', '.join(map(_quote, key))})")
    for fields, ref_table, ref_fields in foreign_keys(schema):
        columns.append(
            f"FOREIGN KEY ({', '.join(map(_quote, fields))}) REFERENCES "
            f"{_quote(ref_table or name)} ({', '.join(map(_quote, ref_fields))})"
        )
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _write_sqlite(package: Package, path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)  # transactions by hand
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        connection.execute("PRAGMA defer_foreign_keys = ON")  # a place's parent may come later
        for name in _referenced_first(package):
            schema = package.resources[name].schema
            connection.execute(table_ddl(name, schema, _SQLITE_TYPES))
            frame = package.load(name)
            marks = ", ".join("?" * frame.width)
            connection.executemany(
                f"INSERT INTO {_quote(name)} VALUES ({marks})",
                ([_sqlite_value(v) for v in row] for row in frame.iter_rows()),
            )
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise PackageError(f"foreign keys do not hold in the package: {broken[:3]}")
        connection.execute("COMMIT")
    finally:
        connection.close()


def _write_duckdb(package: Package, path: Path) -> None:
    try:
        import duckdb
    except ModuleNotFoundError as exc:
        raise MissingExtraError.of(exc, "export --to duckdb") from exc
    connection = duckdb.connect(str(path))
    try:
        for name in _referenced_first(package):
            schema = package.resources[name].schema
            connection.execute(table_ddl(name, schema, _DUCKDB_TYPES, text="VARCHAR"))
            for part in _parents_first(package.load(name), schema):  # noqa: B007 - read by name
                connection.execute(f"INSERT INTO {_quote(name)} SELECT * FROM part")
    finally:
        connection.close()


def _write_parquet(package: Package, folder: Path) -> None:
    folder.mkdir()
    for name in package.tables:
        package.load(name).write_parquet(folder / f"{name}.parquet", statistics=True)


def _referenced_first(package: Package) -> list[str]:
    """The tables in an order where each comes after the tables its keys refer to."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order or name in path:
            return
        for _, ref, _ in foreign_keys(package.resources[name].schema):
            if ref and ref != name and ref in package.resources:
                visit(ref, (*path, name))
        order.append(name)

    for name in package.tables:
        visit(name, ())
    return order


def _parents_first(frame: pl.DataFrame, schema: dict) -> list[pl.DataFrame]:
    """The rows of a table in parts, each row in a part after the row its foreign key
    to the same table refers to (a place's parent): DuckDB checks a key against the
    rows already in the table, not those of the same statement."""
    for fields, ref_table, ref_fields in foreign_keys(schema):
        if ref_table or len(fields) != 1:
            continue
        key, ref = fields[0], ref_fields[0]
        placed: set = set()
        rounds = []
        rest = frame
        while rest.height:
            ready = rest.filter(pl.col(key).is_null() | pl.col(key).is_in(list(placed)))
            if not ready.height:  # a dangling or circular key: left to the database to refuse
                rounds.append(rest)
                break
            rounds.append(ready)
            placed |= set(ready[ref].to_list())
            rest = rest.join(ready.select(ref), on=ref, how="anti")
        return rounds
    return [frame]


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
