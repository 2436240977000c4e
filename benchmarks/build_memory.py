"""Peak memory and time of building one large seed (100 MB by default), side by side
with spaCy's blank English pipeline tokenizing the same text in the same run.

The seed is generated: paragraphs of attributed reporting, then two reader
comments, so segmentation, claims, places and figures all do work. Each run is a
whole process; its peak memory is the resident high-water mark of that process.
This was a unit test (323 s of `make test`); the suite keeps a 10 MB build, and
the bounded-memory proof of validation (a 1 GB CSV) stays a test.

    .venv/bin/python benchmarks/build_memory.py [--mb 100]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs the command, then prints its peak RSS (KB): forked from this small launcher, the
# child does not inherit the benchmark's own resident memory into ru_maxrss.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
)
PEER = (
    "import sys, spacy\n"
    "nlp = spacy.blank('en'); nlp.max_length = 10**9\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "n = sum(len(doc) for doc in nlp.pipe(text.splitlines(), batch_size=256))\n"
)


def big_seed(megabytes: int) -> str:
    """The text of one seed of about `megabytes` MB: reporting, then a comment thread."""
    sentence = "the convoy moved along the coast road past the old port, " * 7
    paragraph = ("The " + sentence + "officials said. ") * 10 + "\n"
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph) + 1)
    return body + "I was there myself!\nWere you? So was I!\n"


def measured(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one whole process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the seed in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidynews-memory-") as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        seed = seeds / "big.txt"
        seed.write_text(big_seed(args.mb), encoding="utf-8")
        size = seed.stat().st_size / 2**20
        tidynews = [sys.executable, "-m", "tidynews", "build", str(seeds), "--out", tmp + "/o"]
        peer = [sys.executable, "-c", PEER, str(seed)]
        rows = [
            ("tidynews build (all extractors, validation)", measured(tidynews)),
            ("spaCy blank('en') tokenizing the same text", measured(peer)),
        ]
    print(f"one seed of {size:.0f} MB")
    print(f"{'run':48} {'seconds':>8} {'peak MB':>8} {'peak / seed':>11}")
    for label, (seconds, peak) in rows:
        print(f"{label:48} {seconds:8.1f} {peak:8.0f} {peak / size:10.1f}x")


if __name__ == "__main__":
    main()
