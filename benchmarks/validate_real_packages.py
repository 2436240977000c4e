"""`tidynews validate` against `frictionless validate`, whole processes, wall time:
start-up on a small package, then real packages and the 1M-row package in one run.

1. Start-up: a three-row package validated --startup-repeat times by each tool,
   alternating, median and fastest (on a small package start-up is the whole time).
2. Table: the five largest packages of ../shared/benchmarks/packages (by data bytes)
   and the 1M-row package of validate_vs_frictionless.py (generated into --million,
   or reused from there; `--million-kind generic` for its non-tidynews package, which
   needs no build). Each tool runs --repeat times (median; once above 100 MB, where
   frictionless takes minutes); the verdicts (valid or not) are printed side by side.

    .venv/bin/python benchmarks/validate_real_packages.py [--repeat 3] [--million DIR]
    .venv/bin/python benchmarks/validate_real_packages.py --startup-only
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT.parent / "shared" / "benchmarks" / "packages"
BIN = Path(sys.executable).parent


def wall(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, exit code) of one whole process."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, done.returncode


def commands(descriptor: Path) -> dict[str, list[str]]:
    return {
        "frictionless": [str(BIN / "frictionless"), "validate", str(descriptor)],
        "tidynews": [str(BIN / "tidynews"), "validate", str(descriptor)],
    }


def startup(repeat: int) -> None:
    """Both tools on a package of one three-row table, alternating run by run."""
    with tempfile.TemporaryDirectory(prefix="tidynews-startup-") as tmp:
        folder = Path(tmp)
        (folder / "t.csv").write_text("id,name\n1,a\n2,b\n3,c\n", encoding="utf-8")
        schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
        resource = {"name": "t", "path": "t.csv", "schema": schema}
        descriptor = folder / "datapackage.json"
        descriptor.write_text(json.dumps({"name": "small", "resources": [resource]}))
        times: dict[str, list[float]] = {"frictionless": [], "tidynews": []}
        for _ in range(repeat):
            for tool, command in commands(descriptor).items():
                seconds, code = wall(command, folder)
                assert code == 0, f"{tool} finds the small package invalid ({code})"
                times[tool].append(seconds)
    print(f"start-up, a 3-row package, {repeat} whole-process runs each (alternating):")
    print(f"{'tool':<14}{'median s':>10}{'fastest s':>11}")
    for tool, samples in times.items():
        print(f"{tool:<14}{statistics.median(samples):>10.3f}{min(samples):>11.3f}")
    ratio = statistics.median(times["tidynews"]) / statistics.median(times["frictionless"])
    print(f"tidynews / frictionless (medians): {ratio:.2f} (target <= 1.30)\n")


def data_bytes(package: Path) -> int:
    return sum(p.stat().st_size for p in package.rglob("*") if p.suffix in (".csv", ".tsv"))


def rows(package: Path) -> int:
    total = 0
    for path in package.rglob("*.csv"):
        with path.open("rb") as file:
            blocks = iter(lambda f=file: f.read(1 << 20), b"")
            total += sum(block.count(b"\n") for block in blocks)
    return total


def million(folder: Path, kind: str) -> Path:
    """The 1M-row package of validate_vs_frictionless.py, generated into `folder` once."""
    if not (folder / "datapackage.json").is_file():
        sys.path.insert(0, str(Path(__file__).parent))
        import validate_vs_frictionless as bench  # builds the corpus: only when needed

        generate = bench.generate_generic if kind == "generic" else bench.generate
        generate(1_000_000, folder)
    return folder


def table(packages: list[Path], repeat: int) -> None:
    print(f"wall time, whole processes, median of {repeat} runs each (one above 100 MB):")
    header = f"{'package':<38}{'MB':>7}{'lines':>10}{'frictionless s':>16}{'tidynews s':>12}"
    print(header + f"{'speed-up':>10}  verdicts (f / t)")
    for package in packages:
        times: dict[str, list[float]] = {"frictionless": [], "tidynews": []}
        codes: dict[str, int] = {}
        # frictionless takes minutes on the 1M-row package: one run each there
        for _ in range(1 if data_bytes(package) > 100e6 else repeat):
            for tool, command in commands(package / "datapackage.json").items():
                seconds, codes[tool] = wall(command, package)
                times[tool].append(seconds)
        f, t = (statistics.median(times[k]) for k in ("frictionless", "tidynews"))
        verdict = {0: "valid", 1: "invalid"}
        shown = " / ".join(verdict.get(codes[k], f"exit {codes[k]}") for k in times)
        print(
            f"{package.name:<38}{data_bytes(package) / 1e6:>7.1f}{rows(package):>10,}"
            f"{f:>16.2f}{t:>12.2f}{f / t:>9.1f}x  {shown}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and package")
    parser.add_argument("--startup-repeat", type=int, default=10)
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--million", type=Path, help="where the 1M-row package is (or goes)")
    parser.add_argument("--million-kind", choices=("tidynews", "generic"), default="tidynews")
    args = parser.parse_args()
    startup(args.startup_repeat)
    if args.startup_only:
        return
    if not PACKAGES.is_dir():
        sys.exit(f"{PACKAGES} is absent")
    found = [p for p in PACKAGES.iterdir() if (p / "datapackage.json").is_file()]
    largest = sorted(found, key=data_bytes, reverse=True)[:5]
    with tempfile.TemporaryDirectory(prefix="tidynews-million-") as tmp:
        big = million(args.million or Path(tmp) / "million", args.million_kind)
        table([*largest, big], args.repeat)


if __name__ == "__main__":
    main()
