"""`tidynews validate` against `frictionless validate` on a generated package, side by side.

The package holds all six tables: the development corpus is built once and each
document copied under new ids until the largest table has --rows rows, so every
table keeps the corpus' proportions, real texts and resolving foreign keys. Both
tools run as whole processes (start-up counts); so does a process that only reads
the same CSVs with polars, the floor any CSV validator stands on. Then one error of
each kind the schemas can express is injected into a copy, and the rows each tool
reports are compared for the constraints both check.

    .venv/bin/python benchmarks/validate_vs_frictionless.py --rows 1000000 [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from tidynews.build import build
from tidynews.load import read_package
from tidynews.package import write_package

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent
FRAGMENT_COLUMNS = ("comment_id", "claim_id", "mention_id", "figure_id")
# codes both tools give the same meaning; frictionless names them, tidynews reuses the names
SHARED_CODES = {
    "type-error",
    "constraint-error",
    "unique-error",
    "primary-key",
    "foreign-key",
    "extra-cell",
    "missing-cell",
}


def replicate(source: Path, rows: int) -> dict[str, pl.DataFrame]:
    """The tables of the package at `source`, each document copied until the largest
    table has at least `rows` rows (ids suffixed `.c<copy>`, fragment ids rebuilt)."""
    package = read_package(source)
    frames = {table: package.load(table) for table in package.tables}
    biggest = max(frame.height for name, frame in frames.items() if name != "places")
    copies = max(1, -(-rows // biggest))
    copy = pl.int_range(copies, eager=True).alias("_copy").to_frame()
    out = {}
    for name, frame in frames.items():
        if name == "places":  # one row per place, however many documents mention it
            out[name] = frame.with_columns(pl.col("n_mentions") * copies)
            continue
        article = pl.format("{}.c{}", "article_id", pl.col("_copy").cast(pl.String).str.zfill(6))
        grown = frame.join(copy, how="cross").with_columns(
            pl.format(
                "{}#{}", article, pl.col(c).str.split_exact("#", 1).struct.field("field_1")
            ).alias(c)
            for c in FRAGMENT_COLUMNS
            if c in frame.columns
        )
        grown = grown.with_columns(article.alias("article_id")).drop("_copy")
        out[name] = grown.sort(grown.columns[0])
    return out


def generate(rows: int, out: Path) -> dict[str, int]:
    """Write the benchmark package to `out`; return each table's row count."""
    with tempfile.TemporaryDirectory(prefix="tidynews-bench-") as tmp:
        build(CORPUS, Path(tmp))
        tables = replicate(Path(tmp), rows)
    shutil.rmtree(out, ignore_errors=True)
    write_package(tables, out, {"name": "bench", "version": "1.0.0"})
    return {name: frame.height for name, frame in tables.items()}


# Runs the command and prints its peak RSS. A child forked from this (large) process
# would inherit its RSS into ru_maxrss; forked from this small launcher it does not.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
)


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak resident MB, stdout) of one process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, done.stdout


POLARS_READ = (
    "import json, sys, polars as pl\n"
    "for r in json.load(open('datapackage.json'))['resources']:\n"
    "    pl.read_csv(r['path'])\n"
)


def compare_speed(package: Path, repeat: int) -> None:
    """Time each process; the two fast ones `repeat` times (median), since one run on a
    shared machine can be off by a second. frictionless runs once: at about two
    minutes a run, that noise is small beside it."""
    runs = {
        "frictionless validate": ([str(BIN / "frictionless"), "validate", "datapackage.json"], 1),
        "tidynews validate": ([str(BIN / "tidynews"), "validate", "datapackage.json"], repeat),
        "polars read_csv only": ([sys.executable, "-c", POLARS_READ], repeat),
    }
    results = {}
    for name, (command, times) in runs.items():
        samples = sorted(timed(command, package)[:2] for _ in range(times))
        results[name] = samples[len(samples) // 2]
    print(f"{'process':<24}{'seconds':>10}{'peak MB':>10}   (median of {repeat} for the fast two)")
    for name, (seconds, peak) in results.items():
        print(f"{name:<24}{seconds:>10.2f}{peak:>10.0f}")
    tidy = results["tidynews validate"][0]
    speedup = results["frictionless validate"][0] / tidy
    floor = tidy / results["polars read_csv only"][0]
    print(
        f"speed-up over frictionless: {speedup:.1f}x (target >= 25x); "
        f"vs polars read alone: {floor:.2f}x (target <= 2.5x); "
        f"tidynews peak {results['tidynews validate'][1]:.0f} MB (target < 1536 MB)"
    )


# (table, 0-based data row, field, new cell text, what the error is)
INJECTIONS = [
    ("claims", 10, "start", "ten", "type"),
    ("claims", 20, "claimant", "", "required"),
    ("claims", 30, "kind", "rumour", "enum"),
    ("places", 1, "country_code", "xx", "pattern"),
    ("places", 2, "latitude", "123.5", "range (maximum)"),
    ("comments", 0, "position", "0", "range (minimum)"),
    ("place_mentions", 40, "place_id", "geonames:999999999", "foreign key"),
    ("figures", 5, "claim_id", "nowhere#char=1,2", "foreign key (nullable)"),
    ("claims", 50, "text", "Not what the source says.", "tidynews: span text"),
    ("figures", 7, "qualifier", "range", "tidynews: bound rules"),
]


def inject(package: Path, out: Path) -> None:
    """Copy `package` to `out` with INJECTIONS applied and a duplicated primary key
    (figures: the fourth row's id repeats the third's); hashes and bytes are recomputed
    so that only the injected rows are wrong."""
    shutil.copytree(package, out)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    edits: dict[str, list] = {}
    for table, row, field, value, _ in INJECTIONS:
        edits.setdefault(table, []).append((row, field, value))
    edits.setdefault("figures", []).append((3, "figure_id", None))  # unique + primary key
    for resource in descriptor["resources"]:
        resource.pop("tidynews:parquet", None)
        path = out / resource["path"]
        (out / resource["path"]).with_suffix(".parquet").unlink(missing_ok=True)
        if resource["name"] not in edits:
            continue
        frame = pl.read_csv(path, infer_schema=False)
        for row, field, value in edits[resource["name"]]:
            if value is None:
                value = frame[field][row - 1]
            frame[row, field] = value if value != "" else None
        frame.write_csv(path, line_terminator="\n", quote_style="necessary", null_value="")
        content = path.read_bytes()
        resource["bytes"] = len(content)
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def frictionless_rows(package: Path) -> set[tuple]:
    _, _, out = timed(
        [str(BIN / "frictionless"), "validate", "--json", "datapackage.json"], package
    )
    found = set()
    for task in json.loads(out)["tasks"]:
        for error in task["errors"]:
            found.add((task["name"], error.get("rowNumber"), error.get("fieldName"), error["type"]))
    return found


def tidynews_rows(package: Path) -> set[tuple]:
    command = [str(BIN / "tidynews"), "validate", "--format", "json", "datapackage.json"]
    _, _, out = timed(command, package)
    return {
        (i["table"], i["row"], i["field"], i["code"])
        for i in json.loads(out)["issues"]
        if i["severity"] == "error"
    }


def compare_verdicts(package: Path, work: Path) -> bool:
    broken = work / "broken"
    inject(package, broken)
    theirs, ours = frictionless_rows(broken), tidynews_rows(broken)

    # frictionless names no field for row-level errors (keys); compare those on the row
    def shared(found: set[tuple]) -> set[tuple]:
        return {
            (t, r, None if c in ("primary-key", "foreign-key") else f, c)
            for t, r, f, c in found
            if c in SHARED_CODES
        }

    same = shared(theirs) == shared(ours)
    print(f"injected {len(INJECTIONS) + 1} errors: " + ", ".join(k for *_, k in INJECTIONS))
    print(f"frictionless reports {len(theirs)} errors, tidynews {len(ours)}")
    for label, rows in (
        ("frictionless only", shared(theirs) - shared(ours)),
        ("tidynews only", shared(ours) - shared(theirs)),
    ):
        for row in sorted(rows, key=str):
            print(f"  {label}: {row}")
    for row in sorted(ours - theirs, key=str):
        if row[3] not in SHARED_CODES:
            print(f"  tidynews' own check: {row}")
    print(f"same rows on every shared constraint: {'yes' if same else 'NO'}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, help="generate the package here and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast processes")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS}: the development corpus must sit beside the repository")
    with tempfile.TemporaryDirectory(prefix="tidynews-bench-") as tmp:
        package = args.out or Path(tmp) / "package"
        started = time.perf_counter()
        counts = generate(args.rows, package)
        print(
            f"generated {package} in {time.perf_counter() - started:.0f} s on {os.cpu_count()} "
            "cores: " + ", ".join(f"{name} {n:,}" for name, n in counts.items())
        )
        compare_speed(package, args.repeat)
        same = compare_verdicts(package, Path(tmp))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
