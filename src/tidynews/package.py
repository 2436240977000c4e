"""Write a package atomically: everything goes to a temporary folder, is validated, then swapped in.

A failed or invalid build leaves the previous datapackage.json and data/ exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from tidynews.errors import ValidationError
from tidynews.schemas import load_table_schema
from tidynews.validate import validate

DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def write_package(tables: dict[str, pl.DataFrame], out_dir: Path, metadata: dict) -> Path:
    """Write `tables` and a descriptor under `out_dir`, validate, swap in; return its path.

    `metadata` holds the package-level properties (name, title, version, licenses, ...).
    Raises ValidationError, leaving `out_dir` untouched, when the new package is invalid.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tidynews-build-", dir=out_dir))
    try:
        data_dir = staging / "data"
        data_dir.mkdir()
        resources = []
        for table, frame in tables.items():
            path = data_dir / f"{table}.csv"
            frame.write_csv(path, line_terminator="\n", quote_style="necessary", null_value="")
            content = path.read_bytes()
            resources.append(
                {
                    "name": table,
                    "path": f"data/{table}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "bytes": len(content),
                    "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                    "dialect": DIALECT,
                    "schema": load_table_schema(table),
                }
            )
        descriptor = {"profile": "tabular-data-package", **metadata, "resources": resources}
        (staging / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        report = validate(staging / "datapackage.json")
        if not report.valid:
            raise ValidationError(report, "the new package is invalid; the previous one is kept")
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir / "datapackage.json"


def _swap(staging: Path, out_dir: Path) -> None:
    """Move the staged data/ and descriptor into place, restoring the old ones on failure."""
    data, descriptor = out_dir / "data", out_dir / "datapackage.json"
    backup = staging / "previous"
    backup.mkdir()
    moved_data = False
    try:
        if data.exists():
            os.replace(data, backup / "data")
            moved_data = True
        os.replace(staging / "data", data)
        os.replace(staging / "datapackage.json", descriptor)
    except BaseException:
        if moved_data:
            shutil.rmtree(data, ignore_errors=True)
            os.replace(backup / "data", data)
        raise
