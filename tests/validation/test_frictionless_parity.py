"""tidynews validate gives frictionless-py's verdicts on frictionless-py's own fixtures.

The fixtures are the `data/` folder of the pinned frictionless sdist, downloaded once
into `.cache/` (never copied into the repository). For each fixture both tools run
here, in this process, and the sets of (table, row, field, code) must be equal.
A bare CSV gets the schema frictionless infers for it (`frictionless describe`),
written next to a copy of it, so both tools read the same explicit schema.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tidynews.dataset.profile import validate
from tidynews.errors import PackageError

FRICTIONLESS = importlib.metadata.version("frictionless")
CACHE = (
    Path(os.environ.get("TIDYNEWS_TEST_CACHE", ROOT / ".cache")) / f"frictionless-{FRICTIONLESS}"
)
# Keys name their fields in tidynews' issues ("a,b") and in none of frictionless'.
KEY_CODES = ("primary-key", "foreign-key")

# Descriptors (packages and resources, JSON and YAML) whose every feature tidynews reads.
DESCRIPTORS = [
    "capital.package.yaml",
    "capital.resource-bad.yaml",
    "capital.resource-test.yaml",
    "capital.resource.yaml",
    "catalog/package1.yaml",
    "catalog/package2.yaml",
    "ckan.package-sameresourcename.yaml",
    "ckan.package.yaml",
    "countries.resource.yaml",
    "country.package-full.yaml",
    "country.package.json",
    "country.package.yaml",
    "detailed-with-schema.package.json",
    "geopoint/datapackage.json",
    "invalid/datapackage.json",
    "invalid/datapackage_no_foreign_key.json",
    "issue-1004.package.json",
    "issue-1100.package.json",
    "issue-1105.package.json",
    "number/datapackage.json",
    "package-1067.json",
    "package-with-dereferencing.json",
    "package/datapackage.json",
    "package/zenodo.packagepartialmeta.json",
    "package/zenodo.packagewithmeta.json",
    "resource-with-dereferencing.json",
]
# Bare CSVs: blank rows and labels, ragged rows, BOM, quoting, unicode, numbers...
CSVS = [
    "accent.csv",
    "analysis-data.csv",
    "ascii-notvalid.csv",
    "ascii.csv",
    "blank-cells.csv",
    "blank-headers.csv",
    "blank-rows-multiple.csv",
    "blank-rows-no-fields.csv",
    "blank-rows.csv",
    "bom.csv",
    "capital-3.csv",
    "capitals.csv",
    "capital-invalid.csv",
    "capital-valid.csv",
    "chunk1.csv",
    "chunk2.csv",
    "chunk2.headless.csv",
    "chunk3.csv",
    "column.csv",
    "countries-cleaned.csv",
    "countries-truefalsevalues.csv",
    "country-1.csv",
    "country-2.csv",
    "country-3.csv",
    "data.csv",
    "data2.csv",
    "defective-rows.csv",
    "delimiter.csv",
    "dialect.csv",
    "doublequote.csv",
    "duplicate-column.csv",
    "duplicate-headers.csv",
    "duplicate-rows.csv",
    "encoding-issue-274.csv",
    "escaping.csv",
    "floats.csv",
    "invalid.csv",
    "issue-1004-data1.csv",
    "issue-1004-data2.csv",
    "issue-1009-comma.csv",
    "issue-1009-semicolon.csv",
    "issue-1066-largecellsize.csv",
    "issue-1066-largecellsizewithdeviation.csv",
    "issue-1066-smallcellsize.csv",
    "issue-1066-smallcellsizewithdeviation.csv",
    "issue-1100.csv",
    "issue-1105-timezone.csv",
    "issue-1138.csv",
    "issue-1232.csv",
    "issue-1341.csv",
    "issue-277.csv",
    "issue-305.csv",
    "issue-493.csv",
    "issue-825.csv",
    "issue-833.csv",
    "issue-844.csv",
    "issue-991.csv",
    "latin1.csv",
    "leading-zeros.csv",
    "long.csv",
    "matrix-with-comment.csv",
    "matrix.csv",
    "nested-invalid.csv",
    "nested.csv",
    "numeric-labels.csv",
    "package-dialect-no-header.csv",
    "primary-file-types.csv",
    "schema-errors.csv",
    "skip-blank-at-the-end.csv",
    "skip-rows-before-headers.csv",
    "skip-rows.csv",
    "structure-errors.csv",
    "sync-schema.csv",
    "table-10x10k.csv",
    "table-delimiter.csv",
    "table-infer-increase-limit.csv",
    "table-infer-missing-values.csv",
    "table-infer-row-limit.csv",
    "table-infer-utf8.csv",
    "table-infer.csv",
    "table-output.csv",
    "table-reverse.csv",
    "table-unicode-headers.csv",
    "table.csv",
    "table_with_data.csv",
    "timezone-with-id.csv",
    "transform-groups.csv",
    "transform-pivot.csv",
    "transform.csv",
    "transpose.csv",
    "unique-field.csv",
    "vix.csv",
    "wide.csv",
    "without-headers-extra.csv",
    "without-headers.csv",
    "without-rows.csv",
    "Таблица.csv",
]
# Descriptors frictionless finds invalid before reading data; tidynews refuses them.
INVALID_DESCRIPTORS = [
    "package-with-fields-993.json",
    "package-with-missingvalues-993.json",
    "resource-with-missingvalues-993.json",
]
# Features tidynews does not read: refused with the feature named, never skipped.
UNSUPPORTED = {
    "datapackage.json": "format 'xls'",
    "compression/datapackage.json": "format 'gz'",
    "jsonl.datapackage.json": "format 'jsonl'",
}


@pytest.fixture(scope="session")
def frictionless_data() -> Path:
    """frictionless' test fixtures (its sdist's data/), downloaded once into the cache."""
    data = CACHE / "data"
    if data.is_dir():
        return data
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"frictionless=={FRICTIONLESS}"
        download = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        download += ["--no-binary", ":all:", "--dest", tmp, spec]
        done = subprocess.run(download, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"cannot download the {spec} sdist for its fixtures:\n{done.stderr}")
        (sdist,) = Path(tmp).glob("frictionless-*.tar.gz")
        with tarfile.open(sdist) as archive:
            prefix = f"frictionless-{FRICTIONLESS}/data/"
            members = [m for m in archive.getmembers() if m.name.startswith(prefix)]
            archive.extractall(tmp, members=members, filter="data")
        CACHE.mkdir(parents=True, exist_ok=True)
        staged = Path(tmp) / f"frictionless-{FRICTIONLESS}" / "data"
        shutil.move(staged, CACHE / f"data.{os.getpid()}")
        os.replace(CACHE / f"data.{os.getpid()}", data)  # atomic: never half a cache
    return data


def frictionless_verdict(descriptor: Path) -> set[tuple]:
    """(table, row, field, code) of every error `frictionless validate` reports."""
    import frictionless

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(str(descriptor))
    found = {(None, None, None, error.type) for error in report.errors}
    for task in report.tasks:
        for error in task.errors:
            where = error.to_descriptor()
            row = where.get("rowNumber") or (where.get("rowNumbers") or [None])[0]
            field = None if error.type in KEY_CODES else where.get("fieldName") or None
            found.add((task.name, row, field, error.type))
    return found


def tidynews_verdict(descriptor: Path) -> set[tuple]:
    report = validate(descriptor)
    return {
        (i.table, i.row, None if i.code in KEY_CODES else i.field, i.code)
        for i in report.issues
        if i.severity == "error"
    }


def described(csv: Path, folder: Path) -> Path:
    """A resource descriptor for a copy of `csv` with the schema frictionless infers."""
    import frictionless

    shutil.copy(csv, folder / csv.name)
    descriptor = frictionless.describe(str(folder / csv.name)).to_descriptor()
    descriptor["path"] = csv.name
    path = folder / "resource.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", DESCRIPTORS)
def test_same_verdict_as_frictionless_on_its_descriptors(frictionless_data, name):
    descriptor = frictionless_data / name
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor)


@pytest.mark.parametrize("name", CSVS)
def test_same_verdict_as_frictionless_on_its_csv_files(frictionless_data, tmp_path, name):
    descriptor = described(frictionless_data / name, tmp_path)
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor)


def test_the_parity_fixtures_include_every_structure_and_label_error(frictionless_data, tmp_path):
    """The suite is only as good as what its fixtures break: check they break a lot."""
    codes = set()
    for name in DESCRIPTORS:
        codes |= {c for *_, c in frictionless_verdict(frictionless_data / name)}
    for name in ("structure-errors.csv", "blank-headers.csv", "duplicate-headers.csv"):
        folder = tmp_path / name
        folder.mkdir()
        codes |= {c for *_, c in frictionless_verdict(described(frictionless_data / name, folder))}
    assert {"blank-row", "extra-cell", "missing-cell", "type-error", "constraint-error"} <= codes
    assert {"blank-label", "duplicate-label", "primary-key"} <= codes  # foreign keys: ours


@pytest.mark.parametrize("name", INVALID_DESCRIPTORS)
def test_descriptors_frictionless_rejects_are_refused(frictionless_data, name):
    descriptor = frictionless_data / name
    assert {code for *_, code in frictionless_verdict(descriptor)} & {
        "package-error",
        "resource-error",
    }
    with pytest.raises(PackageError, match="belongs in"):
        validate(descriptor)


@pytest.mark.parametrize(("name", "feature"), sorted(UNSUPPORTED.items()))
def test_unsupported_features_are_refused_by_name(frictionless_data, tmp_path, name, feature):
    descriptor = frictionless_data / name
    if descriptor.suffix == ".csv":
        descriptor = described(descriptor, tmp_path)
    with pytest.raises(PackageError, match=feature):
        validate(descriptor)


def test_the_header_row_is_guessed_as_frictionless_guesses_it(frictionless_data):
    """countries.csv starts with a comment line and has no dialect: frictionless takes
    the header from the first row as wide as the sample's mean (row 2), and so does
    tidynews, skipping the comment."""
    descriptor = frictionless_data / "countries.json"
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor)
    assert all(row != 1 for _, row, _, _ in ours)


def test_malformed_quoting_is_a_source_error_where_frictionless_reads_on(
    frictionless_data, tmp_path
):
    """Deliberate difference. issue-1066.csv has a quote that opens mid-record and never
    closes. Python's csv module (frictionless' reader) swallows the rest of the line
    into one cell; tidynews' reader stops with a source-error naming the record,
    rather than validate cells it had to guess."""
    descriptor = described(frictionless_data / "issue-1066.csv", tmp_path)
    assert frictionless_verdict(descriptor) == set()
    assert tidynews_verdict(descriptor) == {("issue-1066", None, None, "source-error")}


FIXTURES = ROOT / "tests" / "fixtures"
# Each of tidynews' own fixture packages, and the error codes it must provoke.
OWN_FIXTURES = {
    "types": {"type-error", "constraint-error"},
    "keys": {"primary-key", "foreign-key", "unique-error"},
    "structure": {
        "blank-row",
        "extra-cell",
        "missing-cell",
        "blank-label",
        "duplicate-label",
        "incorrect-label",
        "extra-label",
        "hash-count",
        "byte-count",
        "type-error",
        "constraint-error",
    },
}


@pytest.mark.parametrize("name", sorted(OWN_FIXTURES))
def test_same_verdict_as_frictionless_on_our_fixtures(name):
    """types: every field type, format and reading option, missing values at schema and
    field level, every constraint. keys: composite and self-referencing keys, partly
    null keys. structure: ragged and blank rows, header errors, dialects, integrity."""
    descriptor = FIXTURES / name / "datapackage.json"
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor)
    assert OWN_FIXTURES[name] <= {code for *_, code in ours}


def test_numbers_padded_with_white_space_read_as_frictionless_reads_them(tmp_path):
    """polars' cast refuses " 5"; Python's int() and Decimal() accept it, so a column
    with such cells is cast again stripped. Only the cell no reader takes is wrong."""
    (tmp_path / "n.csv").write_text('count,share\n 5,1.5\n6 , 2.5\n"\t7",3\nx,y\n8,9\n')
    fields = [
        {"name": "count", "type": "integer", "constraints": {"maximum": 7}},
        {"name": "share", "type": "number", "constraints": {"minimum": 2}},
    ]
    resource = {"name": "n", "path": "n.csv", "schema": {"fields": fields}}
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"resources": [resource]}))
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor)
    assert ours == {
        ("n", 2, "share", "constraint-error"),
        ("n", 5, "count", "type-error"),
        ("n", 5, "share", "type-error"),
        ("n", 6, "count", "constraint-error"),
    }


def test_a_foreign_key_to_a_resource_the_package_lacks_is_reported(tmp_path):
    (tmp_path / "a.csv").write_text("id,ref\n1,2\n")
    fields = [{"name": "id", "type": "integer"}, {"name": "ref", "type": "integer"}]
    fk = {"fields": ["ref"], "reference": {"resource": "ghost", "fields": ["id"]}}
    resource = {"name": "a", "path": "a.csv", "schema": {"fields": fields, "foreignKeys": [fk]}}
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"resources": [resource]}))
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor) == {("a", None, None, "resource-error")}


def test_a_datetime_bound_with_a_zone_checks_cells_without_one(tmp_path):
    """Deliberate difference. frictionless 5.21 crashes (TypeError: can't compare
    offset-naive and offset-aware datetimes) when a datetime field's bound has a time
    zone and a cell has none. tidynews reads zoned values as UTC and compares."""
    (tmp_path / "t.csv").write_text("when\n2031-01-01T00:00:00\n2029-01-01T00:00:00Z\n")
    field = {"name": "when", "type": "datetime", "constraints": {"maximum": "2030-01-01T00:00:00Z"}}
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(
        json.dumps({"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [field]}}]})
    )
    with pytest.raises(TypeError, match="offset-naive and offset-aware"):
        frictionless_verdict(descriptor)
    assert tidynews_verdict(descriptor) == {("t", 2, "when", "constraint-error")}


def _one_table(folder: Path, content: bytes, resource: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.csv").write_bytes(content)
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    spec = {"name": "a", "path": "a.csv", "schema": {"fields": fields}} | (resource or {})
    (folder / "datapackage.json").write_text(json.dumps({"resources": [spec]}))
    return folder / "datapackage.json"


LINE_ENDS = {
    "cr-only": b"id,name\r1,a\rx,b\r",
    "stray-cr-in-crlf": b"id,name\r\n1,a\rx,b\r\n3,c\r\n",
    "header-only-no-final-newline": b"id,name",
    "header-only-wrong-label-no-final-newline": b"id,nam",
}


@pytest.mark.parametrize("name", sorted(LINE_ENDS))
def test_same_verdict_as_frictionless_on_line_ends(tmp_path, name):
    """A bare CR ends a record for frictionless (Python's csv module), and polars reads
    on past it; such a file is read through a copy with LF line ends. A header that
    ends the file without a line end is a header, not a parse error."""
    descriptor = _one_table(tmp_path, LINE_ENDS[name])
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor)


def test_a_cr_inside_quotes_stays_in_its_cell_when_line_ends_are_rewritten(tmp_path):
    descriptor = _one_table(tmp_path, b'id,name\r\n1,"a\rb"\rx,c\r\n')
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor)
    assert tidynews_verdict(descriptor) == {("a", 3, "id", "type-error")}


def test_an_empty_cell_stays_missing_when_line_ends_are_rewritten(tmp_path):
    descriptor = _one_table(tmp_path, b"id,name\r,a\r2,\r")
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor) == set()


@pytest.mark.parametrize("prefix", ["SHA256:", "Sha256:"])
def test_a_hash_algorithm_is_read_in_any_case(tmp_path, prefix):
    content = b"id,name\n1,a\n"
    digest = hashlib.sha256(content).hexdigest()
    descriptor = _one_table(tmp_path, content, {"hash": prefix + digest})
    assert tidynews_verdict(descriptor) == frictionless_verdict(descriptor) == set()


def test_an_upper_case_algorithm_is_checked_where_frictionless_ignores_it(tmp_path):
    """Deliberate difference. frictionless checks a hash only when its algorithm is
    spelled exactly `md5` or `sha256`, and ignores any other (with a warning), so a
    wrong `SHA256:` hash passes there; tidynews reads the algorithm's name in any
    case, as it checks sha1 and sha512 too, and reports it."""
    descriptor = _one_table(tmp_path, b"id,name\n1,a\n", {"hash": "SHA256:" + "0" * 64})
    assert frictionless_verdict(descriptor) == set()
    assert tidynews_verdict(descriptor) == {("a", None, None, "hash-count")}


def test_an_enum_of_whole_numbers_constrains_a_number_field(tmp_path):
    """[0, -1] reads as integers; a number column is compared with them as numbers
    (polars refuses to compare Float64 cells with an Int64 list: it was a crash)."""
    (tmp_path / "t.csv").write_text("a,b\n0,x\n-1.0,y\n5,z\n0.5,w\n")
    fields = [
        {"name": "a", "type": "number", "constraints": {"enum": [0, -1]}},
        {"name": "b", "type": "string", "constraints": {"enum": ["x", "y", "z"]}},
    ]
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields}}
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"resources": [resource]}))
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor)
    assert ours == {
        ("t", 4, "a", "constraint-error"),
        ("t", 5, "a", "constraint-error"),
        ("t", 5, "b", "constraint-error"),
    }
