"""Hostile and malformed packages given to `validate` and `load()`: each is refused or
reported with a clear error and frictionless' code for it, never a traceback, a hang
or a read outside the package."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tidynews.cli import cli
from tidynews.dataset.load import read_package
from tidynews.dataset.profile import validate
from tidynews.errors import PackageError
from tidynews.validation.integrity import NotRegularFile, open_regular

FIELDS = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
CSV = "id,name\n1,a\n2,b\n"


def package(
    folder: Path,
    csv: str | bytes = CSV,
    fields: list | None = None,
    schema: dict | None = None,
    resource: dict | None = None,
    top: dict | None = None,
) -> Path:
    """A one-resource package `a` (a.csv) in `folder`, with the given parts overridden."""
    folder.mkdir(parents=True, exist_ok=True)
    data = csv.encode() if isinstance(csv, str) else csv
    (folder / "a.csv").write_bytes(data)
    spec = {
        "name": "a",
        "path": "a.csv",
        "schema": {"fields": FIELDS if fields is None else fields} | (schema or {}),
    }
    descriptor = {"resources": [spec | (resource or {})]} | (top or {})
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    return folder / "datapackage.json"


def frictionless_codes(descriptor: Path) -> set[str] | None:
    """The error codes `frictionless validate` gives, or None when it crashes."""
    import frictionless

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            report = frictionless.validate(str(descriptor))
        except Exception:  # frictionless 5.21 crashes on some of these: we do better
            return None
    return {e.type for e in report.errors} | {e.type for t in report.tasks for e in t.errors}


def run_bounded(code: str, seconds: float = 60) -> subprocess.CompletedProcess:
    """Python `code` in a child process that must end within `seconds`: a hang fails
    the test instead of stalling the run."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds,
        check=False,
    )


# -- paths outside the package ------------------------------------------------------------


def _file_symlink(folder: Path) -> Path:
    descriptor = package(folder)
    (folder / "a.csv").unlink()
    (folder / "a.csv").symlink_to("/etc/passwd")
    return descriptor


def _folder_symlink(folder: Path) -> Path:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "a.csv").write_text(CSV)
    descriptor = package(folder, resource={"path": "data/a.csv"})
    (folder / "data").symlink_to(outside, target_is_directory=True)
    return descriptor


def _schema_symlink(folder: Path) -> Path:
    (folder.parent / "schema.json").write_text(json.dumps({"fields": FIELDS}))
    descriptor = package(folder, resource={"schema": "schema.json"})
    (folder / "schema.json").symlink_to(folder.parent / "schema.json")
    return descriptor


@pytest.mark.parametrize("make", [_file_symlink, _folder_symlink, _schema_symlink])
def test_a_symlink_out_of_the_package_is_refused_and_never_read(tmp_path, make):
    descriptor = make(tmp_path / "pkg")
    with pytest.raises(PackageError, match=r"leads outside the package .*\(unsafe-path\)") as e:
        validate(descriptor)
    assert "root:" not in str(e.value)
    with pytest.raises(PackageError, match=r"\(unsafe-path\)"):
        read_package(descriptor).load("a")


def test_a_symlink_that_stays_inside_the_package_is_read(tmp_path):
    descriptor = package(tmp_path, resource={"path": "data/a.csv"})
    (tmp_path / "data").mkdir()
    (tmp_path / "real.csv").write_text(CSV)
    (tmp_path / "data" / "a.csv").symlink_to(tmp_path / "real.csv")
    assert validate(descriptor).valid
    assert read_package(descriptor).load("a")["id"].to_list() == [1, 2]


# -- files that are not regular files -------------------------------------------------------

FIFO_CASES = {
    "data": ("a.csv", {}),
    "schema": ("schema.json", {"schema": "schema.json"}),
    "dialect": ("dialect.json", {"dialect": "dialect.json"}),
    "descriptor": ("datapackage.json", {}),
}


@pytest.mark.parametrize("case", sorted(FIFO_CASES))
def test_a_fifo_is_refused_at_once_by_validate(tmp_path, case):
    name, resource = FIFO_CASES[case]
    descriptor = package(tmp_path, resource=resource)
    if (tmp_path / name).exists():
        (tmp_path / name).unlink()
    os.mkfifo(tmp_path / name)
    done = run_bounded(
        "import sys\nfrom tidynews.dataset.profile import validate\nfrom tidynews.errors import *\n"
        f"try:\n    r = validate({str(descriptor)!r})\n"
        "    print([(i.code, i.message) for i in r.issues])\n"
        "except PackageError as e:\n    print('PackageError', e)\n",
        seconds=30,
    )
    assert done.returncode == 0, done.stderr
    if case == "data":  # a data file that cannot be read, as when it is missing
        assert done.stdout.strip() == "[('scheme-error', 'data file a.csv is not a regular file')]"
    else:
        assert done.stdout.startswith("PackageError") and "not a regular file" in done.stdout


def test_a_fifo_data_file_is_refused_at_once_by_load(tmp_path):
    descriptor = package(tmp_path)
    (tmp_path / "a.csv").unlink()
    os.mkfifo(tmp_path / "a.csv")
    done = run_bounded(
        "from tidynews.dataset.load import read_package\nfrom tidynews.errors import PackageError\n"
        f"try:\n    read_package({str(descriptor)!r}).load('a')\n"
        "except PackageError as e:\n    print(e)\n",
        seconds=30,
    )
    assert "a.csv: data file is not a regular file" in done.stdout, done.stderr


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_a_device_is_never_opened_for_reading(path):
    with pytest.raises(NotRegularFile):
        open_regular(Path(path))
    with pytest.raises(PackageError, match="not a regular file"):
        validate(path)


def test_load_hashes_the_file_as_it_reads_it_once(tmp_path, monkeypatch):
    """No whole-file read before the hash: the bytes hashed are the bytes parsed."""
    content = CSV.encode()
    resource = {"hash": "sha256:" + hashlib.sha256(content).hexdigest(), "bytes": len(content)}
    descriptor = package(tmp_path, resource=resource)

    def whole_file_read(self):
        raise AssertionError(f"{self} read whole before hashing")

    monkeypatch.setattr(Path, "read_bytes", whole_file_read)
    assert read_package(descriptor).load("a")["name"].to_list() == ["a", "b"]


# -- malformed descriptors -------------------------------------------------------------------


def test_json_nested_100000_deep_is_refused(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    )
    with pytest.raises(PackageError, match="nested more than 64 levels deep"):
        validate(tmp_path)


def _field(**spec):
    return [FIELDS[0], {"name": "name", "type": "string"} | spec]


# (package overrides, our code, a piece of our message, frictionless' code or None if it crashes)
MALFORMED = {
    "duplicate-field": (
        {"fields": [FIELDS[0], FIELDS[0]]},
        "schema-error",
        "not unique",
        "schema-error",
    ),
    "type-list": (
        {"fields": _field(type=["string"])},
        "field-error",
        "not a Table Schema type",
        "field-error",
    ),
    "primary-key-5": (
        {"schema": {"primaryKey": 5}},
        "schema-error",
        "primaryKey 5 must be",
        "schema-error",
    ),
    "primary-key-no-field": (
        {"schema": {"primaryKey": ["nope"]}},
        "schema-error",
        'names no field "nope"',
        "schema-error",
    ),
    "fk-no-reference": (
        {"schema": {"foreignKeys": [{"fields": "id"}]}},
        "schema-error",
        "needs a 'reference'",
        "schema-error",
    ),
    "fk-2-to-1": (
        {
            "schema": {
                "foreignKeys": [
                    {"fields": ["id", "name"], "reference": {"resource": "", "fields": ["id"]}}
                ]
            }
        },
        "schema-error",
        "2 fields refer to 1",
        "schema-error",
    ),
    "fk-not-a-list": (
        {"schema": {"foreignKeys": {"fields": "id"}}},
        "schema-error",
        "must be a list",
        "schema-error",
    ),
    "resource-name-list": (
        {"resource": {"name": ["a"]}},
        "resource-error",
        'name ["a"] must be',
        "resource-error",
    ),
    "hash-123": ({"resource": {"hash": 123}}, "resource-error", "hash 123 must be a string", None),
    "bytes-text": (
        {"resource": {"bytes": "12"}},
        "resource-error",
        'bytes "12" must be',
        "resource-error",
    ),
    "quote-char-empty": (
        {"resource": {"dialect": {"quoteChar": ""}}},
        "source-error",
        "must be one character",
        "source-error",
    ),
    "delimiter-2": (
        {"resource": {"dialect": {"delimiter": ";;"}}},
        "source-error",
        "must be one character",
        "source-error",
    ),
    "delimiter-5": (
        {"resource": {"dialect": {"delimiter": 5}}},
        "control-error",
        "must be a string",
        "control-error",
    ),
    "header-no": (
        {"resource": {"dialect": {"header": "no"}}},
        "dialect-error",
        'header "no" must be true or false',
        "dialect-error",
    ),
    "constraints-list": (
        {"fields": _field(constraints=[])},
        "field-error",
        "constraints [] must be an object",
        "field-error",
    ),
    "true-values-1": (
        {"fields": [FIELDS[0], {"name": "name", "type": "boolean", "trueValues": 1}]},
        "field-error",
        "trueValues 1 must be",
        "field-error",
    ),
    "missing-values-text": (
        {"schema": {"missingValues": "NA"}},
        "schema-error",
        'missingValues "NA" must be a list',
        "schema-error",
    ),
    "required-text": (
        {"fields": _field(constraints={"required": "false"})},
        "field-error",
        'required "false" must be true or false',
        "field-error",
    ),
    "enum-text": (
        {"fields": _field(constraints={"enum": "abc"})},
        "field-error",
        'enum "abc" must be a list',
        "field-error",
    ),
    "minimum-ten": (
        {
            "fields": [
                {"name": "id", "type": "integer", "constraints": {"minimum": "ten"}},
                FIELDS[1],
            ]
        },
        "field-error",
        'minimum "ten" is not a valid integer',
        None,
    ),
    "field-without-name": (
        {"fields": [{"type": "integer"}, FIELDS[1]]},
        "field-error",
        "with a string 'name'",
        "field-error",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_descriptor_is_an_invalid_report_with_frictionless_code(tmp_path, case):
    parts, code, message, theirs = MALFORMED[case]
    descriptor = package(tmp_path, **parts)
    report = validate(descriptor)
    assert [(i.code, i.row) for i in report.issues] == [(code, None)]
    assert message in report.issues[0].message
    assert frictionless_codes(descriptor) == (None if theirs is None else {theirs})
    with pytest.raises(PackageError, match="Fix the descriptor"):
        read_package(descriptor).load("a")


def test_a_malformed_descriptor_exits_1_with_its_issue_and_no_traceback(tmp_path):
    descriptor = package(tmp_path, schema={"primaryKey": 5})
    result = CliRunner().invoke(cli, ["validate", str(descriptor)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "error: a: primaryKey 5 must be a field name or a list of them (schema-error)",
        f"{descriptor}: invalid, 1 errors",
    ]


@pytest.mark.parametrize(
    "profile",
    ["my-profile", "https://example.org/profile.json", "fiscal-data-package"],
)
@pytest.mark.parametrize("where", ["top", "resource"])
def test_a_profile_tidynews_cannot_check_is_refused_never_fetched(tmp_path, profile, where):
    descriptor = package(tmp_path, **{where: {"profile": profile}})
    with pytest.raises(PackageError, match=r"profile .* is not supported by tidynews validate"):
        validate(descriptor)


@pytest.mark.parametrize("where", ["top", "resource"])
def test_the_standard_profiles_are_read(tmp_path, where):
    profile = "tabular-data-package" if where == "top" else "tabular-data-resource"
    assert validate(package(tmp_path, **{where: {"profile": profile}})).valid


@pytest.mark.parametrize(
    ("csv", "expected"),
    [
        ("", [(None, "source-error")]),  # frictionless: "the source is empty"
        ("\n\n\n", [(2, "blank-row"), (3, "blank-row")]),
        ("\n1,a\n", []),  # a blank header line: rows read with the schema's fields
    ],
    ids=["0-bytes", "blank-lines", "blank-header-line"],
)
def test_an_empty_or_blank_csv_gets_frictionless_verdict(tmp_path, csv, expected):
    descriptor = package(tmp_path, csv=csv)
    assert [(i.row, i.code) for i in validate(descriptor).issues] == expected
    theirs = frictionless_codes(descriptor)
    assert theirs == {code for _, code in expected}


def test_a_foreign_key_to_fields_the_table_lacks_fails_every_row(tmp_path):
    fk = {"fields": "id", "reference": {"resource": "", "fields": "zz"}}
    descriptor = package(tmp_path, schema={"foreignKeys": [fk]})
    assert [(i.row, i.code) for i in validate(descriptor).issues] == [
        (2, "foreign-key"),
        (3, "foreign-key"),
    ]
    assert frictionless_codes(descriptor) == {"foreign-key"}


def _with_parquet(folder: Path, content: bytes) -> Path:
    descriptor = package(folder)
    (folder / "a.parquet").write_bytes(content)
    spec = json.loads(descriptor.read_text())
    digest = "sha256:" + hashlib.sha256(content).hexdigest()
    spec["resources"][0]["tidynews:parquet"] = {
        "path": "a.parquet",
        "bytes": len(content),
        "hash": digest,
    }
    descriptor.write_text(json.dumps(spec))
    return descriptor


def test_a_junk_parquet_copy_with_a_matching_hash_is_reported_and_not_loaded(tmp_path):
    descriptor = _with_parquet(tmp_path, b"PAR1 not parquet at all PAR1")
    issues = validate(descriptor).issues
    assert [(i.code, i.value) for i in issues] == [("source-error", "a.parquet")]
    assert "is not a readable Parquet file" in issues[0].message
    with pytest.raises(PackageError, match=r"a\.parquet: cannot be read as parquet"):
        read_package(descriptor).load("a")


def test_a_parquet_copy_of_another_table_is_reported(tmp_path):
    import polars as pl

    path = tmp_path / "other.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(path)
    issues = validate(_with_parquet(tmp_path / "pkg", path.read_bytes())).issues
    assert [i.code for i in issues] == ["source-error"]
    assert "has the columns ['x'], the schema ['id', 'name']" in issues[0].message


# -- YAML alias bombs and deep nesting ------------------------------------------------------

BOMB = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BOMB + "resources: [{name: a, path: a.csv, schema: {fields: [{name: x}]}, "
            "description: *i}]\n",
            "YAML aliases would add 926,177,086 nodes",
        ),
        ("a: &a [*a]\nresources: []\n", "refers to a node it is part of"),
        ("resources: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 64 levels"),
    ],
    ids=["alias-bomb", "alias-loop", "deep"],
)
def test_yaml_that_would_blow_up_is_refused(tmp_path, text, message):
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "datapackage.yaml").write_text(text)
    with pytest.raises(PackageError, match=message):
        validate(tmp_path / "datapackage.yaml")


def test_yaml_aliases_within_the_budget_are_read(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "datapackage.yaml").write_text(
        "f: &f {name: x, type: integer}\n"
        "resources: [{name: a, path: a.csv, schema: {fields: [*f]}}]\n"
    )
    assert validate(tmp_path / "datapackage.yaml").valid


# -- patterns that need a backtracking engine -----------------------------------------------


@pytest.mark.parametrize("pattern", ["(?=a)(a+)+$", "(a)\\1", "(?<!b)a+"])
def test_a_pattern_polars_cannot_run_is_refused_naming_the_field(tmp_path, pattern):
    fields = [FIELDS[0], {"name": "name", "type": "string", "constraints": {"pattern": pattern}}]
    descriptor = package(tmp_path, fields=fields)
    with pytest.raises(PackageError, match=r"field 'name': pattern .* \(unsupported\)"):
        validate(descriptor)


def test_a_catastrophic_pattern_on_a_field_read_exactly_runs_in_linear_time(tmp_path):
    """`(a+)+$` is exponential in Python's re on "aaa...b"; a binary string field is read
    by frictionless' reader, which used to run the pattern with it."""
    spec = {"name": "name", "type": "string", "format": "binary"}
    fields = [FIELDS[0], spec | {"constraints": {"pattern": "(a+)+"}}]
    descriptor = package(tmp_path, csv="id,name\n1," + "a" * 47 + "b\n2,aaaa\n", fields=fields)
    done = run_bounded(
        "from tidynews.dataset.profile import validate\n"
        f"print([(i.row, i.field, i.code) for i in validate({str(descriptor)!r}).issues])\n",
        seconds=60,
    )
    assert done.stdout.strip() == "[(2, 'name', 'constraint-error')]", done.stderr


# -- reports that could be forged ------------------------------------------------------------

FORGED = "x\n{descriptor}: valid\x1b[2K"


@pytest.mark.parametrize("where", ["field", "resource"])
def test_control_characters_are_escaped_in_the_text_report_and_kept_in_json(tmp_path, where):
    descriptor = tmp_path / "datapackage.json"
    forged = FORGED.format(descriptor=descriptor)
    if where == "field":  # the schema's field name: an incorrect-label and a type error
        fields = [{"name": forged, "type": "integer"}, FIELDS[1]]
        package(tmp_path, csv="id,name\nx,a\n", fields=fields)
    else:  # the resource's name: a resource-error
        package(tmp_path, resource={"name": forged})
    result = CliRunner().invoke(cli, ["validate", str(descriptor)])
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert all(line.startswith("error: ") for line in lines[:-1]), lines
    assert lines[-1].startswith(f"{descriptor}: invalid")
    assert "\x1b" not in result.output and "\\x1b[2K" in result.output
    json_report = CliRunner().invoke(cli, ["validate", str(descriptor), "--format", "json"])
    issues = json.loads(json_report.output)["issues"]
    assert forged in {i["field"] for i in issues} | {i["table"] for i in issues}


def test_the_validation_error_message_is_one_line(tmp_path):
    from tidynews.errors import ValidationError

    package(tmp_path, csv="id,name\nx,a\n", fields=[{"name": "i\nd", "type": "integer"}, FIELDS[1]])
    with pytest.raises(ValidationError) as caught:
        validate(tmp_path).raise_for_issues()
    assert "\n" not in str(caught.value) and "i\\nd" in str(caught.value)


# -- spreadsheet formulas --------------------------------------------------------------------


def _formula_warnings(tmp_path: Path, cell: str) -> list[tuple]:
    quoted = '"' + cell.replace('"', '""') + '"'
    descriptor = package(tmp_path, csv=f"id,name\n1,{quoted}\n")
    return [(i.row, i.field, i.code, i.severity) for i in validate(descriptor).issues]


@pytest.mark.parametrize(
    "cell",
    ["-2+3+cmd|' /C calc'!A0", "-2+3", "- item", "--signature", "-1-1"],
)
def test_a_cell_a_spreadsheet_may_run_is_flagged_even_when_it_starts_like_a_number(tmp_path, cell):
    assert _formula_warnings(tmp_path, cell) == [(2, "name", "spreadsheet-formula", "warning")]


@pytest.mark.parametrize("cell", ["+3.5", "+1e5", "+7%", "+1,000 "])
def test_a_number_with_a_plus_sign_is_not_flagged(tmp_path, cell):
    assert _formula_warnings(tmp_path, cell) == []


def test_negative_numbers_stay_unflagged(tmp_path):
    """A guard, not a fix: the old rule let these through too."""
    for cell in ("-2", "-1.5e-3", "-1,000 ", "-.5"):
        assert _formula_warnings(tmp_path / cell, cell) == [], cell
