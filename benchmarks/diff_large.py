"""Diff and load benchmark on two generated packages with a 1,000,000-row table.

The new package changes 1% of the old rows, removes 1% and adds 1% new ones;
`tidynews diff` must report exactly those counts. Also times loading that table
from CSV and from its Parquet copy, side by side.

    .venv/bin/python benchmarks/diff_large.py [--rows N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from tidynews.dataset.load import read_package
from tidynews.dataset.publish import write_package
from tidynews.dataset.schemas import TABLES, load_table_schema, polars_schema


def claims(n: int, offset: int = 0) -> pl.DataFrame:
    """`n` valid claim rows for one long article (ids 0..n-1 shifted by `offset`)."""
    i = pl.int_range(offset, offset + n, eager=True)
    start = i * 10
    return pl.DataFrame(
        {
            "claim_id": "big#char=" + start.cast(str) + "," + (start + 9).cast(str),
            "article_id": pl.repeat("big", n, eager=True),
            "comment_id": pl.repeat(None, n, dtype=pl.String, eager=True),
            "start": start,
            "end": start + 9,
            "text": pl.repeat("Rain fell", n, eager=True),
            "claimant": pl.repeat("author", n, eager=True),
            "claimant_type": pl.repeat("author", n, eager=True),
            "cue": pl.repeat(None, n, dtype=pl.String, eager=True),
            "hedged": pl.repeat(False, n, eager=True),
            "hedge_cue": pl.repeat(None, n, dtype=pl.String, eager=True),
            "kind": pl.repeat("assertion", n, eager=True),
        }
    ).cast(polars_schema(load_table_schema("claims")))


def package(rows: pl.DataFrame, total: int, out: Path) -> None:
    text = "Rain fell." * total
    article = {
        "article_id": "big",
        "source_file": "seeds/big.txt",
        "source_sha256": "0" * 64,
        "source_encoding": "utf-8",
        "n_chars": len(text),
        "start": 0,
        "end": len(text),
        "text": text,
        "title": None,
        "outlet": None,
        "url": None,
        "published": None,
        "language": "en",
        "n_comments": 0,
    }
    tables = {}
    for table in TABLES:
        schema = polars_schema(load_table_schema(table))
        tables[table] = pl.DataFrame([article] if table == "articles" else [], schema=schema)
    tables["claims"] = rows.sort("start")
    write_package(tables, out, {"name": "bench", "version": "1.0.0"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    n, one = args.rows, args.rows // 100
    with tempfile.TemporaryDirectory(prefix="tidynews-bench-") as tmp:
        old_rows = claims(n)
        kept = old_rows.slice(one)  # the first 1% removed
        changed = kept.head(one).with_columns(pl.lit("someone").alias("claimant"))
        new_rows = pl.concat([changed, kept.slice(one), claims(one, offset=n)])
        t = time.perf_counter()
        package(old_rows, n + one, Path(tmp) / "old")
        package(new_rows, n + one, Path(tmp) / "new")
        print(f"generated two packages of {n:,} claims in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "tidynews",
                "diff",
                f"{tmp}/old",
                f"{tmp}/new",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - t
        claims_diff = json.loads(out.stdout)["tables"]["claims"]
        expected = {"added": one, "removed": one, "changed": one}
        got = {k: claims_diff[k] for k in expected}
        print(
            f"tidynews diff (whole process): {seconds:.2f} s; {got}; expected {expected}: "
            f"{'exact' if got == expected else 'WRONG'}; target < 10 s"
        )

        pkg = read_package(Path(tmp) / "new")
        resource = pkg.resources["claims"]
        t = time.perf_counter()
        pl.read_csv(resource.path, schema=polars_schema(resource.schema))
        csv_seconds = time.perf_counter() - t
        t = time.perf_counter()
        frame = pkg.load("claims")  # Parquet copy, hash checked
        parquet_seconds = time.perf_counter() - t
        print(
            f"load {frame.height:,} rows: CSV {csv_seconds:.2f} s, "
            f"Parquet (with hash check) {parquet_seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
