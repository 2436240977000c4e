import datetime as dt

import polars as pl
import pytest

import tidynews
from tests.conftest import COMMENTS
from tidynews.dataset.load import installed_package_path, read_package
from tidynews.errors import PackageError


def test_tables_load_with_schema_dtypes(small_package):
    package = read_package(small_package / "datapackage.json")
    comments = package.load("comments")
    assert comments.schema == pl.Schema(
        {
            "comment_id": pl.String,
            "article_id": pl.String,
            "position": pl.Int64,
            "start": pl.Int64,
            "end": pl.Int64,
            "text": pl.String,
            "author": pl.String,
        }
    )
    assert comments["text"].to_list() == COMMENTS.splitlines()
    articles = package.load("articles")
    assert articles["published"].dtype == pl.Date
    assert articles["n_comments"].to_list() == [2, 0]


def test_sidecar_date_loads_as_a_date(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Quiet day.\n")
    (seeds / "a.json").write_text('{"published": "2018-06-01"}')
    tidynews.build(seeds, tmp_path / "out")
    articles = read_package(tmp_path / "out").load("articles")
    assert articles["published"].to_list() == [dt.date(2018, 6, 1)]


def test_pandas_and_lazy_backends(small_package):
    package = read_package(small_package)
    frame = package.load("comments", backend="pandas")
    assert list(frame["position"]) == [1, 2]
    assert str(frame["position"].dtype) == "int64[pyarrow]"
    lazy = package.load("articles", lazy=True)
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.select(pl.len()).collect().item() == 2


def test_lazy_is_a_scan_of_the_checked_parquet_copy(small_package):
    """lazy=True reads nothing whole: the plan scans the Parquet copy, filters pushed in."""
    lazy = read_package(small_package).load("comments", lazy=True)
    plan = lazy.filter(pl.col("position") == 2).explain()
    assert "comments.parquet" in plan and "SCAN" in plan.upper()
    assert lazy.filter(pl.col("position") == 2).collect()["position"].to_list() == [2]


def test_lazy_checks_the_hash_before_it_scans(package_copy):
    copy = package_copy / "data" / "comments.parquet"
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(PackageError, match=r"comments\.parquet: the data file's sha256"):
        read_package(package_copy).load("comments", lazy=True)


def test_lazy_with_pandas_says_why_not(small_package):
    with pytest.raises(ValueError, match="pandas has no lazy frame"):
        read_package(small_package).load("comments", backend="pandas", lazy=True)


def test_unknown_table_lists_the_valid_ones(small_package):
    with pytest.raises(
        PackageError, match=r"no table 'comment'\. Valid tables: articles, comments"
    ):
        read_package(small_package).load("comment")


def test_unknown_backend_is_refused(small_package):
    with pytest.raises(ValueError, match="backend must be one of polars, pandas"):
        read_package(small_package).load("comments", backend="spark")


@pytest.mark.parametrize("name", ["comments.parquet", "comments.csv"])
def test_a_tampered_file_is_refused_before_reading(package_copy, name):
    if name.endswith(".csv"):  # no Parquet copy: load falls back to the CSV
        (package_copy / "data" / "comments.parquet").unlink()
    path = package_copy / "data" / name
    path.write_bytes(path.read_bytes() + b"extra,row\n")
    with pytest.raises(
        PackageError,
        match=rf"{name.replace('.', '[.]')}: the data file's sha256 is .* \(hash-count\)",
    ):
        read_package(package_copy).load("comments")


def test_load_reads_the_parquet_copy_with_the_same_rows_and_types(package_copy):
    package = read_package(package_copy)
    from_parquet = package.load("claims")
    (package_copy / "data" / "claims.parquet").unlink()
    from_csv = package.load("claims")
    assert from_parquet.equals(from_csv)
    assert from_parquet.schema == from_csv.schema


def test_installed_dataset_loads():
    frames = {name: tidynews.load(name) for name in ("articles", "comments")}
    assert frames["comments"].height == frames["articles"]["n_comments"].sum()
    assert tidynews.data_version() == read_package(installed_package_path()).version
