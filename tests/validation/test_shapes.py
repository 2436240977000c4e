"""Short cuts a valid table takes, each against the long way round.

polars pads a short record; when the last field may be empty, the validator proves
no record was padded by counting the file's delimiters (shapes.countable) and only
counts cells with pyarrow when the numbers disagree. Either way the issues must be
the ones pyarrow's count gives. Likewise column constraints tested once per run of
a repeated value must find the cells that testing every cell finds."""

import json
import sys
from pathlib import Path

import pytest

from tidynews.validation import validate

table_module = sys.modules["tidynews.validation.table"]

SCHEMA = {
    "fields": [
        {"name": "a", "type": "integer"},
        {"name": "b", "type": "string"},
        {"name": "c", "type": "string"},
    ]
}
CSVS = {
    "valid, a quoted delimiter": 'a,b,c\n1,"x,y",z\n2,w,\n',
    "short record": 'a,b,c\n1,"x,y",z\n2,w\n',
    # the quoted cell's extra delimiters must not make up for the short record
    "short record beside quoted delimiters": 'a,b,c\n1,"x,,y",\n2\n',
    "long record": "a,b,c\n1,x,y,z\n2,w,\n",
    "long and short records": "a,b,c\n1,x,y,z\n2,w\n",
    "blank line": 'a,b,c\n1,"x,y",z\n\n3,q,\n',
    "no line end at the end": "a,b,c\n1,x,\n2,y",
    "header quoted": '"a",b,c\n1,x,\n2,y\n',
    "semicolons": "a;b;c\n1;x;\n2;y\n",
}


def _package(folder: Path, text: str) -> Path:
    delimiter = ";" if "a;b" in text else ","
    (folder / "r.csv").write_text(text, encoding="utf-8")
    resource = {"name": "r", "path": "r.csv", "schema": SCHEMA}
    resource["dialect"] = {"delimiter": delimiter}
    (folder / "datapackage.json").write_text(json.dumps({"name": "t", "resources": [resource]}))
    return folder / "datapackage.json"


def _found(report) -> list[tuple]:
    return [(i.code, i.row, i.field) for i in report.issues]


@pytest.mark.parametrize("case", list(CSVS))
def test_counting_delimiters_finds_what_counting_cells_finds(tmp_path, monkeypatch, case):
    descriptor = _package(tmp_path, CSVS[case])
    proven = _found(validate.validate(descriptor))
    with monkeypatch.context() as patch:
        patch.setattr(table_module, "countable", lambda *a: False)
        patch.setattr(validate, "shapes_needed", lambda *a: True)
        counted = _found(validate.validate(descriptor))
    assert proven == counted
    if case.startswith("valid"):
        assert proven == []


def test_a_valid_file_is_not_counted_by_pyarrow(tmp_path, monkeypatch):
    descriptor = _package(tmp_path, CSVS["valid, a quoted delimiter"])

    def refuse(*args):
        raise AssertionError("counted by pyarrow")

    monkeypatch.setattr(table_module, "record_shapes", refuse)
    monkeypatch.setattr(validate, "record_shapes", refuse)
    assert validate.validate(descriptor).valid


def test_constraints_tested_once_per_run_find_every_failing_cell(tmp_path, monkeypatch):
    """_constraint_issues first tests each run of a repeated value once (_run_starts);
    the cells it then reports must be those testing every cell finds: a failing value
    inside a run, after a null, at the end, and floats (-0.0, NaN) tested whole."""
    schema = {
        "fields": [
            {"name": "id", "type": "string", "constraints": {"pattern": "[a-c]+"}},
            {"name": "kind", "type": "string", "constraints": {"enum": ["x", "y"]}},
            {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "f", "type": "number", "constraints": {"maximum": 0, "enum": [0.0, -1.0]}},
        ]
    }
    rows = ["ab,x,1,0", "ab,x,1,-0.0", "ab,z,1,0", "ab,z,-1,NaN", ",z,-1,", "ab,z,-1,-1"]
    rows += ["abd,y,2,-1", "abd,y,2,-1", "ab,y,2,5"]
    (tmp_path / "r.csv").write_text("id,kind,n,f\n" + "\n".join(rows) + "\n")
    resource = {"name": "r", "path": "r.csv", "schema": schema}
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps({"name": "t", "resources": [resource]}))
    found = _found(validate.validate(descriptor))
    monkeypatch.setattr(
        table_module, "_run_starts", lambda field: __import__("polars").col(field.name)
    )
    assert found == _found(validate.validate(descriptor))
    assert {code for code, *_ in found} == {"constraint-error"}
