"""Exports open in the tools they are for, with every row and the keys as constraints."""

import sqlite3

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner

from tidynews.cli import cli
from tidynews.dataset.export import export
from tidynews.dataset.load import read_package
from tidynews.errors import PackageError


def test_sqlite_holds_every_row_and_enforces_the_keys(small_package, tmp_path):
    db = export(small_package / "datapackage.json", "sqlite", tmp_path / "news.db")
    package = read_package(small_package)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys = ON")
    for table in package.tables:
        (n,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        assert n == package.load(table).height, table
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = connection.execute("PRAGMA foreign_key_list(comments)").fetchall()
    assert [(k[2], k[3], k[4]) for k in keys] == [("articles", "article_id", "article_id")]
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO comments VALUES ('ghost#char=0,1', 'ghost', 1, 0, 1, 'x', NULL)"
        )
    with pytest.raises(sqlite3.IntegrityError):  # the primary key
        first = connection.execute("SELECT * FROM articles LIMIT 1").fetchone()
        connection.execute(f"INSERT INTO articles VALUES ({', '.join('?' * len(first))})", first)


def test_duckdb_holds_every_row_with_its_types_and_keys(small_package, tmp_path):
    db = export(small_package / "datapackage.json", "duckdb", tmp_path / "news.duckdb")
    package = read_package(small_package)
    connection = duckdb.connect(str(db), read_only=True)
    for table in package.tables:
        frame = connection.sql(f'SELECT * FROM "{table}"').pl()
        expected = package.load(table)
        assert frame.height == expected.height, table
    published = connection.execute("SELECT typeof(published) FROM articles LIMIT 1").fetchone()
    assert published == ("DATE",)
    kinds = connection.execute(
        "SELECT constraint_type, count(*) FROM duckdb_constraints() "
        "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert dict(kinds)["PRIMARY KEY"] == len(package.tables)
    assert dict(kinds)["FOREIGN KEY"] >= len(package.tables) - 1


def test_parquet_export_is_a_folder_of_typed_tables(small_package, tmp_path):
    folder = export(small_package, "parquet", tmp_path / "tables")
    package = read_package(small_package)
    for table in package.tables:
        assert pl.read_parquet(folder / f"{table}.parquet").equals(package.load(table))


def test_a_failed_export_leaves_no_half_database(package_copy, tmp_path):
    (package_copy / "data" / "claims.parquet").write_bytes(b"tampered")
    target = tmp_path / "news.db"
    with pytest.raises(PackageError):
        export(package_copy, "sqlite", target)
    assert list(tmp_path.iterdir()) == [package_copy.parent / "pkg"] or not target.exists()
    assert not target.exists()


def test_export_command(small_package, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "export",
            str(small_package / "datapackage.json"),
            "--to",
            "sqlite",
            str(tmp_path / "x.db"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.db").is_file()
