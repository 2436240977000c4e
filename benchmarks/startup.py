"""Start-up: a one-document `tidynews build` and a small `tidynews validate`, as whole
processes, with where a build's first second goes.

Each command runs --repeat times, alternating with Python's own start-up and spaCy's
(`import spacy; spacy.blank("en")`, the least any spaCy tool pays), so a result can be
read against the machine's speed at that moment; the median is printed. The phases
are timed in one fresh process, in the order a build meets them.

The commands run as an installed tidynews does: with its modules' bytecode cached
(pip compiles it at install). A source checkout under PYTHONDONTWRITEBYTECODE would
compile some 90 modules on every start (0.1-0.15 s here), so the children get a
bytecode cache of their own in a temporary folder (PYTHONPYCACHEPREFIX), filled by
a first untimed run. CPU time (user + system) is printed beside the wall time: on
a shared machine it is the steadier of the two.

    .venv/bin/python benchmarks/startup.py [--repeat 7] [--seeds seeds]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PHASES = """
import time
t = [time.perf_counter()]
def lap(): t.append(time.perf_counter())
import tidynews.cli; lap()
import tidynews.dataset.publish, tidynews.dataset.tables; lap()
from tidynews.pipeline.startup import import_spacy; import_spacy(); lap()
from tidynews.pipeline.nlp import words; words("It rained."); lap()
from tidynews.pipeline.places.gazetteer import gazetteer; gazetteer(); lap()
from tidynews.pipeline.figures.physical import unit_of; unit_of("km"); lap()
print(" ".join(f"{b - a:.3f}" for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = (
    "tidynews and polars",
    "writers (pyarrow)",
    "spaCy import",
    "tokenizer and first line",
    "gazetteer index",
    "unit table (pint's answers)",
)


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        one = Path(tmp) / "one"
        one.mkdir()
        first = sorted(args.seeds.glob("*.txt"))[0]
        (one / first.name).write_bytes(first.read_bytes())
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "spaCy: import + blank('en')": [
                sys.executable,
                "-c",
                "import spacy; spacy.blank('en')",
            ],
            "tidynews build (1 document)": [
                str(BIN / "tidynews"),
                "build",
                str(one),
                "--out",
                str(Path(tmp) / "out"),
            ],
            "tidynews validate (seed package)": [
                str(BIN / "tidynews"),
                "validate",
                str(ROOT / "datapackage.json"),
            ],
        }
        for command in commands.values():  # caches (gazetteer, units, bytecode) built
            timed(command)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(timed(command))
        print(f"median of {args.repeat} runs, alternating (target: build and validate < 1.5 s)")
        print(f"  {'':<34}{'wall':>8}{'(min)':>8}{'CPU':>8}{'(min)':>8}")
        for name, values in times.items():
            wall, cpu = [v[0] for v in values], [v[1] for v in values]
            print(
                f"  {name:<34}{statistics.median(wall):7.2f}s{min(wall):7.2f}s"
                f"{statistics.median(cpu):7.2f}s{min(cpu):7.2f}s"
            )
        laps = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", PHASES], check=True, capture_output=True, text=True
            ).stdout.split()
            laps.append([float(x) for x in out])
        print("phases of a build's start-up, one fresh process each, median:")
        for i, name in enumerate(PHASE_NAMES):
            print(f"  {name:<34}{statistics.median(lap[i] for lap in laps):6.2f} s")


if __name__ == "__main__":
    main()
