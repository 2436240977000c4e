"""How far `tidynews validate` stands from a bare polars read, check group by check group.

Times whole processes (start-up counts), alternating them so that a shared
machine's slow spells fall on all alike, and prints medians of wall and CPU time
(user + system), each as a multiple of the read:

- polars reads the package's CSVs (what validate_vs_frictionless.py calls the floor);
- `tidynews validate` as shipped;
- the same with check groups switched off one after another: tidynews' span rules,
  then the hashes and the record-shape pass, then the formula warnings. What is
  left are the checks frictionless shares (types, constraints, keys).

A switched-off group is replaced by a function that reports nothing, so the
reports of those runs are not verdicts; they only measure what each group costs.

    .venv/bin/python benchmarks/validate_breakdown.py [PACKAGE_DIR] [--repeat 7]

PACKAGE_DIR is any package, e.g. one kept by
`validate_vs_frictionless.py --rows 1000000 --out DIR`; without it, the
repository's own (small) package, where start-up is most of the time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ = (
    "import json, polars as pl\n"
    "for r in json.load(open('datapackage.json'))['resources']:\n"
    "    pl.read_csv(r['path'])\n"
)

# (label, the groups switched off); each group names (module, function) pairs
GROUPS = {
    "span rules": [("tidynews.validation.profile", "Profile.row_issues")],
    "hashes and record shapes": [
        ("tidynews.validation.validate", "integrity_issues"),
        # no table's cells are counted: not ahead, not by pyarrow, not by delimiters
        ("tidynews.validation.validate", "shapes_needed"),
        ("tidynews.validation.table", "short_records_show"),
        ("tidynews.validation.table", "countable"),
        ("tidynews.validation.table", "record_shapes"),
    ],
    "formula warnings": [("tidynews.validation.table", "formula_warnings")],
}
SILENT = {
    "shapes_needed": "lambda *a: False",
    "short_records_show": "lambda *a: False",
    "countable": "lambda *a: False",
    # no record has the wrong number of cells
    "record_shapes": "lambda *a: __import__('polars').DataFrame("
    "schema={'row': __import__('polars').Int64, 'cells': __import__('polars').Int64})",
}
VARIANTS = [
    ("tidynews validate", []),
    ("without the span rules", ["span rules"]),
    ("also without hashes and record shapes", ["span rules", "hashes and record shapes"]),
    ("also without formula warnings", list(GROUPS)),
]


def validate_code(off: list[str]) -> str:
    """A program that validates ./datapackage.json with the `off` groups replaced."""
    lines = ["import importlib"]
    for group in off:
        for module, name in GROUPS[group]:
            lines += [
                f"m = importlib.import_module({module!r})",
                f"assert {name.split('.')[0]!r} in vars(m), "
                f"'benchmark out of date: {module}.{name}'",
                f"m.{name} = {SILENT.get(name, 'lambda *a, **k: []')}",
            ]
    lines += [
        "validate = importlib.import_module('tidynews.dataset.profile').validate",
        "validate('datapackage.json')",
    ]
    return "\n".join(lines) + "\n"


def run(code: str, cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `python -c code` process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code + "import os; t = os.times(); print(t.user + t.system)"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "package", type=Path, nargs="?", default=ROOT, help="folder holding datapackage.json"
    )
    parser.add_argument("--repeat", type=int, default=7, help="rounds of all processes")
    args = parser.parse_args()
    if not (args.package / "datapackage.json").is_file():
        sys.exit(f"{args.package}: no datapackage.json. Pass a package folder.")
    processes = [("polars reads the CSVs", READ)]
    processes += [(label, validate_code(off)) for label, off in VARIANTS]
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in processes}
    for round_number in range(args.repeat):
        for label, code in processes:
            samples[label].append(run(code, args.package))
        print(f"round {round_number + 1}/{args.repeat} done", file=sys.stderr)
    floor_wall = statistics.median(w for w, _ in samples[processes[0][0]])
    floor_cpu = statistics.median(c for _, c in samples[processes[0][0]])
    print(f"{'process':<40}{'wall s':>8}{'x read':>8}{'CPU s':>8}{'x read':>8}")
    for label, _ in processes:
        wall = statistics.median(w for w, _ in samples[label])
        cpu = statistics.median(c for _, c in samples[label])
        print(f"{label:<40}{wall:>8.2f}{wall / floor_wall:>8.2f}{cpu:>8.2f}{cpu / floor_cpu:>8.2f}")
    print(f"medians of {args.repeat} alternating rounds")


if __name__ == "__main__":
    main()
