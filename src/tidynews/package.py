"""Publish a package safely: write to a staging folder, validate, then swap it in.

A failed or invalid build leaves the previous datapackage.json and data/ exactly as
they were. The swap itself is two renames (data/ and datapackage.json), which no
file system can do as one step, so it is journalled like a database commit: the
journal `.tidynews-swap.json` is written only once the staged package is complete
and valid, and removed when both renames are done. A build killed in between leaves
the journal, and the next build (or `tidynews recover`) rolls the swap forward.
Until then `validate` and `load` refuse the folder with a clear error. One build
at a time: a second build on the same folder fails at once ("another build is
running") instead of interleaving its writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl
from filelock import FileLock, Timeout

from tidynews.errors import PackageError, ValidationError
from tidynews.schemas import load_table_schema
from tidynews.validate import PARQUET_KEY, SWAP_JOURNAL, validate

JOURNAL = SWAP_JOURNAL
LOCK = ".tidynews-build.lock"
STAGING_PREFIX = ".tidynews-build-"
PUBLISHED = ("data", "datapackage.json")
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
    with build_lock(out_dir):
        recover(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
        try:
            _stage(tables, staging, metadata)
            report = validate(staging / "datapackage.json")
            if not report.valid:
                raise ValidationError(report, "the new package is invalid; the old one is kept")
            _write_journal(out_dir, staging)
            try:
                _roll_forward(out_dir, staging)
            except OSError:
                _roll_back(out_dir, staging)  # alive to tell: put the old package back
                raise
        finally:
            if not swap_in_progress(out_dir):  # else recover() needs the staged package
                shutil.rmtree(staging, ignore_errors=True)
    return out_dir / "datapackage.json"


def build_lock(out_dir: Path) -> FileLock:
    """An exclusive, non-waiting lock on `out_dir`, released even if the process dies."""

    class _Lock(FileLock):
        def __enter__(self):
            try:
                return super().__enter__()
            except Timeout:
                raise PackageError(
                    f"{out_dir}: another build is running on this folder. Wait for it to "
                    f"finish (its lock is {out_dir / LOCK})."
                ) from None

    return _Lock(out_dir / LOCK, timeout=0)


def recover(out_dir: Path) -> bool:
    """Finish a swap an interrupted build left half done; clear abandoned staging folders.

    Returns whether a swap was rolled forward. Safe to call at any time."""
    journal = out_dir / JOURNAL
    rolled = False
    if journal.is_file():
        staging = out_dir / json.loads(journal.read_text(encoding="utf-8"))["staging"]
        _roll_forward(out_dir, staging)
        rolled = True
    for leftover in out_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    (out_dir / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    return rolled


def swap_in_progress(out_dir: Path) -> bool:
    """Whether a killed build left `out_dir` between its old and its new package."""
    return (out_dir / JOURNAL).is_file()


def _stage(tables: dict[str, pl.DataFrame], staging: Path, metadata: dict) -> None:
    data_dir = staging / "data"
    data_dir.mkdir()
    resources = []
    for table, frame in tables.items():
        path = data_dir / f"{table}.csv"
        frame.write_csv(path, line_terminator="\n", quote_style="necessary", null_value="")
        content = path.read_bytes()
        parquet = data_dir / f"{table}.parquet"
        # fixed codec and level, no statistics: the same frame always gives the same bytes
        frame.write_parquet(parquet, compression="zstd", compression_level=3, statistics=False)
        parquet_bytes = parquet.read_bytes()
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
                PARQUET_KEY: {
                    "path": f"data/{table}.parquet",
                    "format": "parquet",
                    "bytes": len(parquet_bytes),
                    "hash": "sha256:" + hashlib.sha256(parquet_bytes).hexdigest(),
                },
            }
        )
    descriptor = {"profile": "tabular-data-package", **metadata, "resources": resources}
    (staging / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _write_journal(out_dir: Path, staging: Path) -> None:
    """The commit point: written atomically once the staged package is complete and valid."""
    tmp = out_dir / (JOURNAL + ".tmp")
    tmp.write_text(json.dumps({"staging": staging.name}) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / JOURNAL)


def _roll_forward(out_dir: Path, staging: Path) -> None:
    """Move the staged data/ and descriptor into place; idempotent, so a killed roll
    forward is finished by running it again."""
    for name in PUBLISHED:
        new, current, previous = staging / name, out_dir / name, staging / f"previous-{name}"
        if not new.exists():
            continue  # already moved in
        if current.exists() and not previous.exists():
            os.replace(current, previous)
        elif current.exists():
            _remove(current)  # a half-finished earlier move: the staged copy is the truth
        os.replace(new, current)
    (out_dir / JOURNAL).unlink(missing_ok=True)


def _roll_back(out_dir: Path, staging: Path) -> None:
    """Undo a roll forward that failed with an error: the previous files go back in place.

    If even that fails, the journal stays and the next build rolls forward instead."""
    for name in PUBLISHED:
        new, current, previous = staging / name, out_dir / name, staging / f"previous-{name}"
        if previous.exists():
            if current.exists() and not new.exists():
                os.replace(current, new)
            os.replace(previous, current)
    (out_dir / JOURNAL).unlink(missing_ok=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
