"""`tidynews validate` against `frictionless validate` on a generated package, side by side.

The package holds all six tables: the development corpus is built once and each
document copied under new ids until the largest table has --rows rows, so every
table keeps the corpus' proportions, real texts and resolving foreign keys. Both
tools run as whole processes (start-up counts); so does a process that only reads
the same CSVs with polars, the floor any CSV validator stands on. Then one error of
each kind the schemas can express is injected into a copy, and the rows each tool
reports are compared for the constraints both check.

    .venv/bin/python benchmarks/validate_vs_frictionless.py --rows 1000000 [--out DIR]

--skip-frictionless times tidynews and the polars read only (for iterating).

With --generic it does the same on a package that is not a tidynews one: a
`readings` table of --rows rows with mixed types (integer, number, boolean, date,
datetime, string with enum and pattern), missing values ("" and "NA"), and a
composite foreign key into a `sites` table; the injected errors then include
ragged and blank rows, and every error code is compared.
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

from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.dataset.publish import write_package

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


def compare_speed(package: Path, repeat: int, frictionless: bool = True) -> None:
    """Time each process; the two fast ones `repeat` times (median), since one run on a
    shared machine can be off by a second. frictionless runs once: at about two
    minutes a run, that noise is small beside it; without `frictionless`, not at all."""
    runs = {
        "frictionless validate": ([str(BIN / "frictionless"), "validate", "datapackage.json"], 1),
        "tidynews validate": ([str(BIN / "tidynews"), "validate", "datapackage.json"], repeat),
        "polars read_csv only": ([sys.executable, "-c", POLARS_READ], repeat),
    }
    if not frictionless:
        del runs["frictionless validate"]
    results = {}
    for name, (command, times) in runs.items():
        samples = sorted(timed(command, package)[:2] for _ in range(times))
        results[name] = samples[len(samples) // 2]
    print(f"{'process':<24}{'seconds':>10}{'peak MB':>10}   (median of {repeat} for the fast two)")
    for name, (seconds, peak) in results.items():
        print(f"{name:<24}{seconds:>10.2f}{peak:>10.0f}")
    tidy = results["tidynews validate"][0]
    floor = tidy / results["polars read_csv only"][0]
    speedup = (
        f"{results['frictionless validate'][0] / tidy:.1f}x"
        if "frictionless validate" in results
        else "not measured"
    )
    print(
        f"speed-up over frictionless: {speedup} (target >= 25x); "
        f"vs polars read alone: {floor:.2f}x (target <= 3.0x, read in validate_breakdown.py); "
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


def compare_verdicts(package: Path, work: Path, generic: bool) -> bool:
    broken = work / "broken"
    (inject_generic if generic else inject)(package, broken)
    theirs, ours = frictionless_rows(broken), tidynews_rows(broken)
    codes = None if generic else SHARED_CODES  # a generic package: every code is shared

    # frictionless names no field for row-level errors (keys); compare those on the row
    def shared(found: set[tuple]) -> set[tuple]:
        return {
            (t, r, None if c in ("primary-key", "foreign-key") else f or None, c)
            for t, r, f, c in found
            if codes is None or c in codes
        }

    same = shared(theirs) == shared(ours)
    kinds = [k for *_, k in (GENERIC_INJECTIONS if generic else INJECTIONS)]
    if not generic:
        kinds.append("duplicate primary key and unique id")
    print(f"injected {len(kinds)} faults: " + ", ".join(kinds))
    print(f"frictionless reports {len(theirs)} errors, tidynews {len(ours)}")
    for label, rows in (
        ("frictionless only", shared(theirs) - shared(ours)),
        ("tidynews only", shared(ours) - shared(theirs)),
    ):
        for row in sorted(rows, key=str):
            print(f"  {label}: {row}")
    for row in sorted(ours - theirs, key=str):
        if codes is not None and row[3] not in codes:
            print(f"  tidynews' own check: {row}")
    print(f"same rows on every shared constraint: {'yes' if same else 'NO'}")
    return same


GENERIC_SCHEMAS = {
    "sites": {
        "fields": [
            {"name": "country", "type": "string", "constraints": {"required": True}},
            {"name": "site_no", "type": "integer", "constraints": {"required": True}},
            {"name": "name", "type": "string"},
            {"name": "opened", "type": "date"},
        ],
        "primaryKey": ["country", "site_no"],
    },
    "readings": {
        "missingValues": ["", "NA"],
        "fields": [
            {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
            {"name": "country", "type": "string", "constraints": {"pattern": "[A-Z]{2}"}},
            {"name": "site_no", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "taken", "type": "datetime"},
            {"name": "day", "type": "date", "constraints": {"minimum": "2000-01-01"}},
            {"name": "value", "type": "number", "constraints": {"minimum": -50, "maximum": 50}},
            {"name": "valid", "type": "boolean"},
            {"name": "count", "type": "integer"},
            {"name": "unit", "type": "string", "constraints": {"enum": ["C", "F", "K"]}},
            {"name": "note", "type": "string", "constraints": {"maxLength": 40}},
        ],
        "primaryKey": ["id"],
        "foreignKeys": [
            {
                "fields": ["country", "site_no"],
                "reference": {"resource": "sites", "fields": ["country", "site_no"]},
            }
        ],
    },
}


def generate_generic(rows: int, out: Path) -> dict[str, int]:
    """A valid generic package: `readings` (`rows` rows) referring to `sites`."""
    countries = ["SY", "LB", "TR", "JO", "IQ", "EG", "FR", "DE", "US", "BR"]
    n_sites = max(10, rows // 100)
    sites = pl.DataFrame(
        {
            "country": [countries[i % 10] for i in range(n_sites)],
            "site_no": [i // 10 for i in range(n_sites)],
            "name": [f"Site {i}" for i in range(n_sites)],
            "opened": [
                None if i % 7 == 0 else f"20{i % 25:02d}-0{i % 9 + 1}-1{i % 9}"
                for i in range(n_sites)
            ],
        }
    )
    index = pl.int_range(rows, eager=True).alias("i").to_frame()
    site = pl.col("i") * 7919 % n_sites
    readings = index.select(
        (pl.col("i") + 1).alias("id"),
        pl.lit(pl.Series(countries)).get(site % 10).alias("country"),
        (site // 10).alias("site_no"),
        pl.format(
            "2024-0{}-1{}T{}:30:00", pl.col("i") % 9 + 1, pl.col("i") % 9, 10 + pl.col("i") % 13
        ).alias("taken"),
        pl.format("2023-1{}-2{}", pl.col("i") % 3, pl.col("i") % 8).alias("day"),
        pl.when(pl.col("i") % 11 == 0)
        .then(pl.lit("NA"))
        .otherwise(((pl.col("i") * 37 % 1000) / 10 - 49.9).round(1).cast(pl.String))
        .alias("value"),
        pl.when(pl.col("i") % 2 == 0)
        .then(pl.lit("true"))
        .otherwise(pl.lit("false"))
        .alias("valid"),
        pl.when(pl.col("i") % 5 == 0).then(None).otherwise(pl.col("i") % 1000).alias("count"),
        pl.lit(pl.Series(["C", "F", "K"])).get(pl.col("i") % 3).alias("unit"),
        pl.when(pl.col("i") % 4 == 0).then(pl.lit("checked, ok")).otherwise(None).alias("note"),
    )
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    resources = []
    for name, frame in (("sites", sites), ("readings", readings)):
        path = out / f"{name}.csv"
        frame.write_csv(path, line_terminator="\n", null_value="")
        resources.append({"name": name, "path": path.name, "schema": GENERIC_SCHEMAS[name]})
    descriptor = {"name": "generic", "resources": resources}
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return {"sites": sites.height, "readings": readings.height}


# (1-based line of readings.csv after the header, new line, what the error is)
GENERIC_INJECTIONS = [
    (10, "10,SY,0,2024-01-10T10:30:00,2023-10-20,hot,true,9,C,", "type (number)"),
    (20, ",SY,0,2024-01-10T10:30:00,2023-10-20,1.0,true,9,C,", "required"),
    (30, "30,SY,0,2024-01-10T10:30:00,2023-10-20,1.0,true,9,X,", "enum"),
    (40, "40,sy,0,2024-01-10T10:30:00,2023-10-20,1.0,true,9,C,", "pattern (+ foreign key)"),
    (50, "50,SY,0,2024-01-10T10:30:00,1999-10-20,99.5,true,9,C,", "minimum, maximum"),
    (60, "60,SY,999999,2024-01-10T10:30:00,2023-10-20,1.0,true,9,C,", "composite foreign key"),
    (70, "69,SY,0,2024-01-10T10:30:00,2023-10-20,1.0,true,9,C,", "primary key, unique"),
    (80, "80,SY,0,2024-01-10T10:30:00", "missing cells"),
    (90, "90,SY,0,2024-01-10T10:30:00,2023-10-20,1.0,true,9,C,,extra", "extra cell"),
    (100, ",,,,,,,,,", "blank row"),
    (
        110,
        "110,SY,0,2024-13-10T10:30:00,2023-10-20,1.0,maybe,9.5,C,",
        "type (datetime, boolean, integer)",
    ),
]


def inject_generic(package: Path, out: Path) -> None:
    """Copy the generic package to `out` with GENERIC_INJECTIONS applied."""
    shutil.copytree(package, out)
    path = out / "readings.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, text, _ in GENERIC_INJECTIONS:
        lines[line] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, help="generate the package here and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast processes")
    parser.add_argument("--generic", action="store_true", help="a generic, non-tidynews package")
    parser.add_argument(
        "--skip-frictionless",
        action="store_true",
        help="time tidynews and the polars read only, and compare no verdicts (minutes "
        "less: for iterating)",
    )
    args = parser.parse_args()
    if not args.generic and not CORPUS.is_dir():
        sys.exit(f"{CORPUS}: the development corpus must sit beside the repository")
    with tempfile.TemporaryDirectory(prefix="tidynews-bench-") as tmp:
        package = args.out or Path(tmp) / "package"
        started = time.perf_counter()
        counts = (generate_generic if args.generic else generate)(args.rows, package)
        print(
            f"generated {package} in {time.perf_counter() - started:.0f} s on {os.cpu_count()} "
            "cores: " + ", ".join(f"{name} {n:,}" for name, n in counts.items())
        )
        compare_speed(package, args.repeat, frictionless=not args.skip_frictionless)
        if args.skip_frictionless:
            sys.exit(0)
        same = compare_verdicts(package, Path(tmp), args.generic)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
