"""Features real packages use, on small hand-written packages: each is read, and its
verdict is frictionless-py's (run here on the same package)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.validation.test_real_packages import frictionless_verdict, tidynews_verdict

V2 = "https://datapackage.org/profiles/2.0/datapackage.json"


def package(folder: Path, data: str | bytes, fields: list[dict], **resource) -> Path:
    """A package of one resource `t` (data.csv), its schema `fields`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "data.csv"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    schema = resource.pop("schema", {}) | {"fields": fields}
    top = resource.pop("package", {})
    spec = {"name": "t", "path": "data.csv", "schema": schema} | resource
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "p", "resources": [spec]} | top), encoding="utf-8")
    return descriptor


def same(descriptor: Path) -> set[tuple]:
    ours = tidynews_verdict(descriptor)
    assert ours == frictionless_verdict(descriptor)
    return ours


ID = {"name": "id", "type": "integer"}


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # frictionless reads "" as missing: an optional number, date or key is fine...
        ({"name": "v", "type": "number"}, set()),
        ({"name": "v", "type": "date"}, set()),
        # ...and a required field is missing
        (
            {"name": "v", "type": "string", "constraints": {"required": True}},
            {("t", 3, "v", "constraint-error")},
        ),
    ],
)
def test_a_quoted_empty_cell_is_missing(tmp_path, field, expected):
    descriptor = package(tmp_path, 'id,v\n1,x\n2,""\n', [ID, field])
    if field["type"] != "string":
        descriptor = package(tmp_path, 'id,v\n1,2024-01-01\n2,""\n', [ID, field])
        if field["type"] == "number":
            descriptor = package(tmp_path, 'id,v\n1,1.5\n2,""\n', [ID, field])
    assert same(descriptor) == expected


def test_a_quoted_empty_primary_key_is_missing(tmp_path):
    fields = [{"name": "k", "type": "string"}, ID]
    descriptor = package(tmp_path, 'k,id\na,1\n"",2\n', fields, schema={"primaryKey": "k"})
    assert same(descriptor) == {("t", 3, None, "primary-key")}


def test_a_string_field_with_a_strptime_format_is_a_field_error(tmp_path):
    field = {"name": "d", "type": "string", "format": "%Y-%m-%d"}
    descriptor = package(tmp_path, "id,d\n1,2024-01-01\n", [ID, field])
    assert same(descriptor) == {(None, None, None, "field-error")}


def test_object_form_missing_values_are_read_in_v2_and_a_schema_error_in_v1(tmp_path):
    fields = [ID, {"name": "v", "type": "number"}]
    missing = {"missingValues": [{"value": ""}, {"value": "NA", "label": "not available"}]}
    v2 = package(
        tmp_path / "v2", "id,v\n1,NA\n2,3\n", fields, schema=missing, package={"$schema": V2}
    )
    assert same(v2) == set()
    v1 = package(tmp_path / "v1", "id,v\n1,NA\n2,3\n", fields, schema=missing)
    assert same(v1) == {(None, None, None, "schema-error")}
    mixed = ["", {"value": "NA"}]  # strings and objects: a schema-error in v2 too
    v2_mixed = package(
        tmp_path / "mixed",
        "id,v\n1,NA\n",
        fields,
        schema={"missingValues": mixed},
        package={"$schema": V2},
    )
    assert same(v2_mixed) == {(None, None, None, "schema-error")}


def test_custom_field_and_schema_properties_are_read_past(tmp_path):
    fields = [
        {"name": "id", "type": "integer", "skos:exactMatch": "x", "unit": "m"},
        {"name": "v", "type": "string", "dimension": True, "categories": ["a", "b"]},
    ]
    descriptor = package(tmp_path, "id,v\n1,a\nx,c\n", fields, schema={"x-note": "mine"})
    assert same(descriptor) == {("t", 3, "id", "type-error")}


@pytest.mark.parametrize("encoding", ["iso-8859-1", "cp1252", "utf-16", "ISO-8859-2"])
def test_a_declared_encoding_is_read(tmp_path, encoding):
    text = "id,name\n1,Zürich\n2,x\n" if encoding != "ISO-8859-2" else "id,name\n1,Łódź\n2,x\n"
    field = {"name": "name", "type": "string", "constraints": {"maxLength": 5}}
    descriptor = package(tmp_path, text.encode(encoding), [ID, field], encoding=encoding)
    # Zürich and Łódź are 6 and 4 characters, whatever their bytes
    expected = {("t", 2, "name", "constraint-error")} if "Z" in text else set()
    assert same(descriptor) == expected


def test_a_file_not_in_its_declared_encoding_is_an_encoding_error(tmp_path):
    data = "id,name\n1,Zürich\n".encode("latin-1")
    descriptor = package(tmp_path, data, [ID, {"name": "name"}], encoding="utf-8")
    assert same(descriptor) == {("t", None, None, "encoding-error")}
    ascii_declared = package(tmp_path / "ascii", data, [ID, {"name": "name"}], encoding="ascii")
    assert same(ascii_declared) == {("t", None, None, "encoding-error")}


def test_an_undeclared_encoding_is_guessed_as_frictionless_guesses_it(tmp_path):
    text = "id,name\n" + "".join(f"{i},Zürich Genève Köln\n" for i in range(1, 50))
    descriptor = package(tmp_path, text.encode("latin-1"), [ID, {"name": "name"}])
    assert same(descriptor) == set()


def test_skip_initial_space(tmp_path):
    fields = [ID, {"name": "v", "type": "number"}, {"name": "s", "type": "string"}]
    quoted = 'id, v, s\n1, 1.5, "a, b"\n2, x,  c\n'
    descriptor = package(tmp_path / "on", quoted, fields, dialect={"skipInitialSpace": True})
    assert same(descriptor) == {("t", 3, "v", "type-error")}
    plain = "id,v, s\n1, 1.5,a\n"  # off, the default: the spaces are the cells'
    descriptor = package(tmp_path / "off", plain, fields, dialect={"skipInitialSpace": False})
    assert same(descriptor) == set()  # frictionless strips labels, and reads " 1.5"


def test_comment_lines_above_the_header_are_skipped_as_frictionless_guesses(tmp_path):
    fields = [ID, {"name": "v", "type": "number"}, {"name": "w", "type": "number"}]
    rows = "".join(f"{i},1.5,2\n" for i in range(3, 9))
    data = "# made by hand\n# units: m\nid,v,w\n1,1.5,2\n2,x,3\n" + rows + "9,4,5,6\n"
    descriptor = package(tmp_path / "guessed", data, fields)
    assert same(descriptor) == {("t", 5, "v", "type-error"), ("t", 12, None, "extra-cell")}
    # a dialect that says where the header is: no guess
    stated = package(tmp_path / "stated", data, fields, dialect={"header": True})
    assert same(stated) == tidynews_verdict(stated)
    assert ("t", 1, "id", "incorrect-label") in tidynews_verdict(stated)


def test_header_rows_of_one_row(tmp_path):
    fields = [ID, {"name": "v", "type": "number"}]
    data = "title line,\nid,v\n1,x\n"
    descriptor = package(tmp_path, data, fields, dialect={"headerRows": [2]})
    assert same(descriptor) == {("t", 3, "v", "type-error")}


def write(folder: Path, resources: list[dict], files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "p", "resources": resources}), encoding="utf-8")
    return descriptor


SCHEMA = {"fields": [ID, {"name": "v", "type": "string"}]}


@pytest.mark.parametrize("header", [True, False])
def test_a_path_split_over_files_is_one_table(tmp_path, header):
    """Every file after the first repeats the header, which frictionless drops."""
    resource = {"name": "t", "path": ["a.csv", "b.csv"], "schema": SCHEMA}
    if not header:
        resource["dialect"] = {"header": False}
    files = {"a.csv": "id,v\n1,a\n", "b.csv": "id,v\n2,b\nx,c\n"}
    descriptor = write(tmp_path, [resource], files)
    assert same(descriptor)


def test_inline_data_rows_and_objects(tmp_path):
    rows = {"name": "rows", "data": [["id", "v"], [1, "a"], ["x", None], [2.5, "b"]]}
    objects = {"name": "objects", "data": [{"id": 1, "v": "a"}, {"id": "y", "v": "b"}]}
    descriptor = write(tmp_path, [rows | {"schema": SCHEMA}, objects | {"schema": SCHEMA}], {})
    assert same(descriptor) == {
        ("rows", 3, "id", "type-error"),
        ("rows", 4, "id", "type-error"),
        ("objects", 3, "id", "type-error"),
    }


def test_a_resource_without_a_schema_gets_the_one_frictionless_infers(tmp_path):
    rows = "".join(f"{i},{i * 1.5},2024-01-0{i % 9 + 1}\n" for i in range(1, 40))
    files = {"a.csv": "id,v,d\n" + rows + "41,x,2024-13-01\n"}
    descriptor = write(tmp_path, [{"name": "t", "path": "a.csv"}], files)
    assert same(descriptor) == {("t", 41, "v", "type-error"), ("t", 41, "d", "type-error")}


@pytest.mark.parametrize(
    ("package_changes", "resource_changes", "code"),
    [
        ({"licenses": [{"title": "ODbL"}]}, {}, "package-error"),
        ({"licenses": "MIT"}, {}, "package-error"),
        ({"name": "My Package"}, {}, "package-error"),
        ({"keywords": "gdp"}, {}, "package-error"),
        ({"contributors": [{"title": "A", "email": "not-an-email"}]}, {}, "package-error"),
        ({}, {"licenses": [{"title": "ODbL"}]}, "resource-error"),
        ({}, {"name": None}, "resource-error"),
    ],
)
def test_the_package_descriptor_is_checked_as_frictionless_checks_it(
    tmp_path, package_changes, resource_changes, code
):
    resource = {"name": "t", "path": "a.csv", "schema": SCHEMA} | resource_changes
    resource = {k: v for k, v in resource.items() if v is not None}
    descriptor = write(tmp_path, [resource], {"a.csv": "id,v\n1,a\n"})
    package = json.loads(descriptor.read_text()) | package_changes
    descriptor.write_text(json.dumps(package))
    assert same(descriptor) == {(None, None, None, code)}


@pytest.mark.parametrize(
    "data",
    [
        "id;v\n1;a\n2;b\nx;c\n",  # a semicolon: frictionless sniffs it without a dialect
        "id|v\n1|a\n2|b\nx|c\n",
        "id, v\n1, a\n2, b\nx, c\n",  # spaces after each comma: skipped
    ],
)
def test_dialect_options_left_out_are_sniffed_as_frictionless_sniffs_them(tmp_path, data):
    descriptor = package(tmp_path, data, [ID, {"name": "v", "type": "string"}])
    assert same(descriptor) == {("t", 4, "id", "type-error")}


@pytest.mark.parametrize("terminator", ["\r", ";", "\n"])
def test_line_terminator_is_read_past_as_frictionless_reads_it(tmp_path, terminator):
    data = "id,v\r1,a\rx,b\r" if terminator == "\r" else "id,v\n1,a\nx,b\n"
    fields = [ID, {"name": "v", "type": "string"}]
    descriptor = package(tmp_path, data, fields, dialect={"lineTerminator": terminator})
    assert same(descriptor) == {("t", 3, "id", "type-error")}


@pytest.mark.parametrize(
    "dialect",
    [
        {"commentChar": "#"},
        {"commentRows": [3]},
        {"commentChar": "#", "headerRows": [2]},
        {"commentChar": "#", "header": False},
    ],
)
def test_comment_rows_are_left_out_and_rows_keep_their_numbers(tmp_path, dialect):
    data = "id,v\n1,a\n# note, here\n2,b\nx,c\n3,d,e\n"
    descriptor = package(tmp_path, data, [ID, {"name": "v"}], dialect=dialect)
    assert ("t", 5, "id", "type-error") in same(descriptor)


@pytest.mark.parametrize(
    "dialect",
    [
        {"escapeChar": "\\"},
        {"escapeChar": "\\", "doubleQuote": False},
        {"doubleQuote": False},  # without an escapeChar frictionless reads "" as "
        {"nullSequence": "NA"},  # read past: NA is a cell like any other
    ],
)
def test_escape_char_double_quote_and_null_sequence(tmp_path, dialect):
    data = 'id,v\n1,"a \\"b\\" c"\n2,"say ""hi"""\nNA,x\n'
    descriptor = package(tmp_path, data, [ID, {"name": "v"}], dialect=dialect)
    assert ("t", 4, "id", "type-error") in same(descriptor)


@pytest.mark.parametrize(
    "dialect",
    [
        {"headerRows": [1, 2]},
        {"headerRows": [1, 2], "headerJoin": "_"},
        {"headerRows": [1, 3], "commentChar": "#"},
    ],
)
def test_several_header_rows_are_joined_as_frictionless_joins_them(tmp_path, dialect):
    """A label repeated down a column is joined once; the rows between are skipped."""
    data = "id,value,value\n# units\nkey,low,high\n1,2,3\nx,4,5\n"
    if dialect["headerRows"] == [1, 2]:
        data = "id,value,value\nkey,low,high\n1,2,3\nx,4,5\n"
    fields = [{"name": f"id{dialect.get('headerJoin', ' ')}key", "type": "integer"}]
    fields += [{"name": "value low"}, {"name": "value high"}]
    descriptor = package(tmp_path, data, fields, dialect=dialect)
    assert same(descriptor)  # labels (right or wrong) and the type error on one row
