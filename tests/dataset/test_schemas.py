"""The Table Schema is the one source: the validator's tests and the pandera schema agree."""

import json

import pandera.polars as pa
import polars as pl

from tidynews.dataset import schemas
from tidynews.dataset.profile import validate
from tidynews.validation.tableschema import table_fields

SCHEMA = {
    "fields": [
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "bb"], "maxLength": 1}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]{2}", "minLength": 2}},
        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 1}},
        {"name": "n", "type": "integer", "constraints": {"exclusiveMinimum": 0}},
    ]
}
CSV = "kind,code,share,n\na,SY,0.5,1\nc,sy,NaN,0\nbb,S,1.5,\na,,0,3\n"


def test_pandera_schema_fails_exactly_the_cells_validate_reports(tmp_path):
    (tmp_path / "t.csv").write_text(CSV, encoding="utf-8")
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "resources": [{"name": "t", "path": "t.csv", "schema": SCHEMA}],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    reported = {(i.row, i.field) for i in validate(tmp_path).issues if i.code == "constraint-error"}

    columns = table_fields(SCHEMA)
    frame = pl.read_csv(
        tmp_path / "t.csv", schema={f.name: f.dtype for f in columns}, null_values=""
    )
    try:
        schemas.pandera_schema(columns, "t").validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.select("index", "column").iter_rows()
        failed = {(index + 2, column) for index, column in cases}  # row 1 is the header
    else:
        failed = set()

    # row 3: not in the enum, lowercase, NaN meets no bound, 0 is not > 0; row 4: "bb"
    # is too long, "S" too short and off the pattern, 1.5 too big
    assert reported == {
        (3, "kind"),
        (3, "code"),
        (3, "share"),
        (3, "n"),
        (4, "kind"),
        (4, "code"),
        (4, "share"),
    }
    assert failed == reported
