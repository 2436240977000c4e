"""One defect per folder of tests/fixtures/invalid/, named after the issue code it provokes.

`tidynews.validate` must report exactly the issues the folder's expected.json lists
(code, severity, table, row, field; not the message). Where the catalogue gives
frictionless-py's name for the code, frictionless must report that error on the
same row: the parity users rely on. Only the public API is used, so these tests
hold whatever the validator's internals become.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

import tidynews
from tidynews.codes import BY_NAME

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"
FOLDERS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
ISSUE_CODES = {name for name, code in BY_NAME.items() if code.kind == "issue"}
# Issue codes of the catalogue with no folder, and why.
NO_FIXTURE: dict[str, str] = {}
TIDYNEWS_ONLY = [code for code in FOLDERS if BY_NAME[code].frictionless is None]
SHARED = [code for code in FOLDERS if BY_NAME[code].frictionless is not None]
# Cases that show a bug, marked xfail(strict=True) until it is fixed: code -> reason.
KNOWN_BUGS: dict[str, str] = {}
PARQUET_KEY = "tidynews:parquet"  # the property `tidynews build` describes its copies with
_DTYPES = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}


def expected(code: str) -> dict:
    return json.loads((FIXTURES / code / "expected.json").read_text(encoding="utf-8"))


def located(issue: tidynews.Issue) -> dict:
    """What a fixture pins of an issue: where it is and what it is, not its wording."""
    fields = ("code", "severity", "table", "row", "field")
    return {name: getattr(issue, name) for name in fields}


def frictionless_errors(folder: Path) -> list[tuple[str, int | None]]:
    """(type, row) of every error frictionless-py reports on the folder's package,
    sorted; a header error is on row 1, a descriptor or file error on none."""
    import frictionless

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(str(folder / "datapackage.json"))
    errors = [(error.type, None) for error in report.errors]
    for task in report.tasks:
        for error in task.errors:
            where = error.to_descriptor()
            row = where.get("rowNumber") or (where.get("rowNumbers") or [None])[0]
            errors.append((error.type, row))
    return sorted(errors, key=repr)


def known_bug(codes: list[str]) -> list:
    return [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[c]))
        if c in KNOWN_BUGS
        else c
        for c in codes
    ]


def parquet_copies(folder: Path) -> list[tuple[Path, Path, dict]]:
    """(CSV, Parquet copy, schema) of each resource of a tidynews-shaped fixture."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return [
        (folder / r["path"], folder / r[PARQUET_KEY]["path"], r["schema"])
        for r in package["resources"]
        if PARQUET_KEY in r
    ]


def read_typed(csv: Path, schema: dict) -> pl.DataFrame:
    dtypes = {f["name"]: _DTYPES[f["type"]] for f in schema["fields"]}
    return pl.read_csv(csv, schema=dtypes)


def write_parquet_copies(folder: str | Path) -> None:
    """Write the Parquet copy of each CSV of a tidynews-shaped fixture, as `build`
    ships one beside each table (validate checks it is there with the table's
    columns). Run it after editing such a fixture's CSVs; see the README."""
    for csv, copy, schema in parquet_copies(Path(folder)):
        table = read_typed(csv, schema).to_arrow()
        pq.write_table(table, copy, compression="none", write_statistics=False, store_schema=False)


@pytest.mark.parametrize("code", known_bug(FOLDERS))
def test_validate_reports_exactly_the_issues_expected_json_lists(code):
    report = tidynews.validate(FIXTURES / code)
    assert isinstance(report, tidynews.Report)
    assert all(isinstance(issue, tidynews.Issue) for issue in report.issues)
    issues = expected(code)["issues"]
    assert [located(issue) for issue in report.issues] == issues
    assert report.valid is all(issue["severity"] != "error" for issue in issues)


@pytest.mark.parametrize("code", known_bug(SHARED))
def test_frictionless_reports_the_same_errors_on_the_same_rows(code):
    ours = [
        (BY_NAME[issue["code"]].frictionless, issue["row"])
        for issue in expected(code)["issues"]
        if issue["severity"] == "error"
    ]
    assert frictionless_errors(FIXTURES / code) == sorted(ours, key=repr)


@pytest.mark.parametrize("code", TIDYNEWS_ONLY)
def test_frictionless_finds_nothing_where_only_a_tidynews_rule_is_broken(code):
    """The folder's one defect breaks a rule only tidynews checks: to frictionless
    the package is valid, so it holds no other defect either."""
    assert frictionless_errors(FIXTURES / code) == []


def test_every_folder_is_named_after_an_issue_code_it_provokes():
    for code in FOLDERS:
        assert code in ISSUE_CODES, f"{code}: not an issue code of tidynews.codes"
        assert code in {issue["code"] for issue in expected(code)["issues"]}, code


def test_every_issue_code_of_the_catalogue_has_a_folder_or_a_reason():
    assert set(FOLDERS).isdisjoint(NO_FIXTURE)
    assert set(FOLDERS) | set(NO_FIXTURE) == ISSUE_CODES


@pytest.mark.parametrize("code", [c for c in FOLDERS if parquet_copies(FIXTURES / c)])
def test_each_parquet_copy_holds_its_csv_rows(code):
    """validate checks a copy's columns, not its rows: a CSV edited without
    write_parquet_copies would leave a copy of another table unnoticed."""
    for csv, copy, schema in parquet_copies(FIXTURES / code):
        assert pl.read_parquet(copy).equals(read_typed(csv, schema)), copy.name
