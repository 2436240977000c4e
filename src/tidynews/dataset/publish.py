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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import polars as pl
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from tidynews.dataset.profile import validate
from tidynews.dataset.schemas import load_table_schema
from tidynews.errors import PackageError, ValidationError
from tidynews.validation.descriptor import PARQUET_KEY, SWAP_JOURNAL

JOURNAL = SWAP_JOURNAL
LOCK = ".tidynews-build.lock"
STAGING_PREFIX = ".tidynews-build-"
PUBLISHED = ("data", "datapackage.json")
# every option frictionless would otherwise sniff from the file (delimiter, quoteChar,
# skipInitialSpace) is stated: readers need not guess, and validation does not sniff
DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
    "header": True,
}


def write_package(tables: dict[str, pl.DataFrame], out_dir: Path, metadata: dict) -> Path:
    """Write `tables` and a descriptor under `out_dir`, validate, swap in; return its path.

    `metadata` holds the package-level properties (name, title, version, licenses, ...).
    Raises ValidationError, leaving `out_dir` untouched, when the new package is invalid.
    (A build streams its rows through `staging(out_dir)` instead of holding frames.)
    """
    with staging(out_dir) as staged:
        for table, frame in tables.items():
            staged.files.write(table, frame)
        return staged.publish(metadata)


class Staging:
    """A new package taking shape in a hidden folder of `out_dir`: append rows with
    `files.write`, then `publish` validates it and swaps it in."""

    def __init__(self, out_dir: Path, folder: Path) -> None:
        self.out_dir, self.folder = out_dir, folder
        (folder / "data").mkdir()
        self.files = TableFiles(folder / "data")

    def publish(self, metadata: dict) -> Path:
        """Finish the files, describe them, validate, and swap the package in."""
        resources = self.files.close()
        descriptor = {"profile": "tabular-data-package", **metadata, "resources": resources}
        (self.folder / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # low memory: validation is a few percent of a build's time, and with its
        # fastest settings its memory, not the streamed rows', would set the peak
        report = validate(self.folder / "datapackage.json", low_memory=True)
        if not report.valid:
            raise ValidationError(report, "the new package is invalid; the old one is kept")
        _write_journal(self.out_dir, self.folder)
        try:
            _roll_forward(self.out_dir, self.folder)
        except OSError:
            _roll_back(self.out_dir, self.folder)  # alive to tell: put the old package back
            raise
        return self.out_dir / "datapackage.json"


@contextmanager
def staging(out_dir: Path) -> Iterator[Staging]:
    """Lock `out_dir` and give a fresh staging folder in it, removed on the way out
    (unless a swap is under way: then finish_swap() needs it)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir):
        finish_swap(out_dir)
        folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
        staged = Staging(out_dir, folder)
        try:
            yield staged
        finally:
            staged.files.close_quietly()  # a failed build may leave them open
            if not swap_in_progress(out_dir):
                shutil.rmtree(folder, ignore_errors=True)


class TableFiles:
    """Each table's CSV and Parquet files, appended to one sorted batch at a time, so a
    build never holds a whole table.

    The CSV gets each batch as it comes. Parquet batches wait until they add up to
    ROW_GROUP_BYTES of CSV and then become one row group: the grouping depends only
    on the rows, so the same rows always give the same bytes.
    """

    # 4 MB: larger groups made the build's memory grow with the corpus up to the
    # group size (five tables' pending rows); smaller ones cost compression
    ROW_GROUP_BYTES = 4 << 20

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._csv: dict[str, BinaryIO] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._pending: dict[str, list[pl.DataFrame]] = {}
        self._pending_bytes: dict[str, int] = {}

    def write(self, table: str, frame: pl.DataFrame) -> None:
        """Append `frame` (in schema column order, rows sorted after the ones before)."""
        csv = self._csv.get(table)
        if csv is None:
            csv = self._csv[table] = (self.data_dir / f"{table}.csv").open("wb")
            self._pending[table], self._pending_bytes[table] = [], 0
            _write_csv(frame.head(0), csv, header=True)
        before = csv.tell()
        _write_csv(frame, csv, header=False)
        self._pending[table].append(frame)
        self._pending_bytes[table] += csv.tell() - before
        if self._pending_bytes[table] >= self.ROW_GROUP_BYTES:
            self._write_row_group(table)

    def _write_row_group(self, table: str) -> None:
        # one contiguous chunk: pyarrow encodes a column of many small chunks (one per
        # batch of documents) several times slower (LGL's claims: 0.39 s, not 0.03 s)
        rows = pl.concat(self._pending.pop(table), rechunk=True).to_arrow()
        self._pending[table], self._pending_bytes[table] = [], 0
        writer = self._parquet.get(table)
        if writer is None:
            # fixed codec and level, no statistics: the same rows always give the same bytes
            writer = self._parquet[table] = pq.ParquetWriter(
                self.data_dir / f"{table}.parquet",
                rows.schema,
                compression="zstd",
                compression_level=3,
                write_statistics=False,
            )
        if rows.num_rows:  # an empty table is a file with the schema and no row group
            writer.write_table(rows, row_group_size=rows.num_rows)

    def close(self) -> list[dict]:
        """Close every file; the resources of the descriptor, in the order written."""
        resources = []
        for table, csv in self._csv.items():
            csv.close()
            if self._pending[table] or table not in self._parquet:
                self._write_row_group(table)
            self._parquet[table].close()
            resources.append(self._resource(table))
        return resources

    def close_quietly(self) -> None:
        """Close whatever is still open, writing nothing more (after a failure)."""
        for file in [*self._csv.values(), *self._parquet.values()]:
            file.close()

    def _resource(self, table: str) -> dict:
        csv, parquet = self.data_dir / f"{table}.csv", self.data_dir / f"{table}.parquet"
        return {
            "name": table,
            "path": f"data/{csv.name}",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": csv.stat().st_size,
            "hash": "sha256:" + _sha256(csv),
            "dialect": DIALECT,
            "schema": load_table_schema(table),
            PARQUET_KEY: {
                "path": f"data/{parquet.name}",
                "format": "parquet",
                "bytes": parquet.stat().st_size,
                "hash": "sha256:" + _sha256(parquet),
            },
        }


def _write_csv(frame: pl.DataFrame, file: BinaryIO, header: bool) -> None:
    frame.write_csv(
        file, include_header=header, line_terminator="\n", quote_style="necessary", null_value=""
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def build_lock(out_dir: Path) -> FileLock:
    """An exclusive, non-waiting lock on `out_dir`, released even if the process dies.

    A lock path that is a symlink or a folder is refused: opening it would follow
    the link and truncate whatever it points to."""
    _refuse_foreign(out_dir / LOCK, "the build lock")

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


def recover(out_dir: str | Path) -> bool:
    """Finish the swap of a build that was killed while publishing into `out_dir`,
    under the build lock (a running build is never disturbed: PackageError).

    Returns whether a swap was rolled forward. Any build does this first.

    >>> import tidynews
    >>> tidynews.recover(".")  # doctest: +SKIP
    False
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():  # recovering creates nothing: a typo must not make a folder
        raise PackageError(f"{out_dir}: no such folder. Pass the folder that holds the package.")
    with build_lock(out_dir):
        return finish_swap(out_dir)


def finish_swap(out_dir: Path) -> bool:
    """Finish a swap an interrupted build left half done; clear abandoned staging folders.

    Returns whether a swap was rolled forward. Safe to call at any time. A journal
    tidynews did not write (not JSON, or naming anything but a staging folder
    directly inside `out_dir`) is refused and nothing is moved: following it would
    move the package out of the folder and another folder's files in."""
    journal = out_dir / JOURNAL
    rolled = False
    if journal.is_symlink() or journal.exists():
        _roll_forward(out_dir, _journal_staging(out_dir))
        rolled = True
    for leftover in out_dir.glob(STAGING_PREFIX + "*"):
        if leftover.is_symlink() or not leftover.is_dir():
            leftover.unlink()  # never follow a link out of the folder
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    (out_dir / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    return rolled


def _journal_staging(out_dir: Path) -> Path:
    """The staging folder the journal names, checked to be one tidynews made."""
    journal = out_dir / JOURNAL
    refuse = f"{journal}: not a swap journal tidynews wrote"
    advice = "Nothing was moved. If no build is running, check the folder and delete the journal."
    _refuse_foreign(journal, "the swap journal")
    try:
        staging = json.loads(journal.read_text(encoding="utf-8")).get("staging")
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, AttributeError) as exc:
        raise PackageError(f"{refuse} ({type(exc).__name__}). {advice}") from None
    if not (
        isinstance(staging, str)
        and staging.startswith(STAGING_PREFIX)
        and Path(staging).name == staging
        and "\\" not in staging
    ):
        raise PackageError(
            f"{refuse}: its staging {staging!r} is not a {STAGING_PREFIX}* folder directly "
            f"inside {out_dir.resolve()}. {advice}"
        )
    folder = out_dir / staging
    if folder.is_symlink() or not folder.is_dir():
        raise PackageError(f"{refuse}: its staging {folder} is not a folder. {advice}")
    return folder


def _refuse_foreign(path: Path, what: str) -> None:
    """Refuse an entry tidynews writes that is a symlink or not a regular file."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        kind = "a symlink" if path.is_symlink() else "not a regular file"
        raise PackageError(
            f"{path}: {what} is {kind}; tidynews never follows or replaces such an entry. "
            "Remove it, then build again."
        )


def swap_in_progress(out_dir: Path) -> bool:
    """Whether a killed build left `out_dir` between its old and its new package."""
    return (out_dir / JOURNAL).is_file()


def _write_journal(out_dir: Path, staging: Path) -> None:
    """The commit point: written atomically once the staged package is complete and valid."""
    tmp = out_dir / (JOURNAL + ".tmp")
    tmp.unlink(missing_ok=True)  # O_EXCL below: never write through a planted symlink
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(json.dumps({"staging": staging.name}) + "\n")
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
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
