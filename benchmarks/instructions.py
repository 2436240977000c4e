"""What a build's extraction costs per document, in CPU instructions: a figure the
machine's load does not move, to compare two versions of the code.

On this shared machine the same build's time moves by 20-40% within minutes, so a
5% change cannot be read from timings. valgrind's callgrind counts the instructions
a process executes, the same from run to run (with PYTHONHASHSEED fixed). Each
version runs twice under it: the first document only (imports, the gazetteer index,
the tokenizer), then the first N; the difference over N - 1 documents is the cost of
a document after start-up, reading, segmentation, extraction and rows included (what
a build worker does for each seed). Instructions are not time (a cache miss costs
more than an add), so speed targets stay with build_scale.py; this says whether a
change made the work smaller, and by how much.

    .venv/bin/python benchmarks/instructions.py [--docs 120] [--corpus DIR]
        [--against REV]

--against REV also counts the code of git revision REV (checked out in a temporary
worktree, its bytecode compiled first) with the same interpreter and packages; both
run at once, one per core. valgrind runs a process about 30 times slower than
normal: 120 LGL documents take about 2 minutes. Needs valgrind (`apt install
valgrind`); prints why and exits 0 without it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LGL = ROOT.parent / "shared" / "benchmarks" / "lgl" / "docs"
# what a build worker does for each seed, for the first N seeds of the corpus
WORK = """
import sys
from pathlib import Path
from tidynews.dataset.build import process_document
from tidynews.dataset.tables import document_rows
for path in sorted(Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]:
    document_rows(process_document(path))
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def count(src: Path, corpus: Path, docs: int, cache: Path) -> int:
    """Instructions of one process running WORK over `docs` documents with the code of
    `src` (a folder holding the tidynews package)."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    env["TIDYNEWS_CACHE"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, "-c", WORK, str(corpus), str(docs)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    found = _COLLECTED.search(done.stderr)
    if done.returncode or found is None:
        sys.exit(f"the run under valgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_document(src: Path, corpus: Path, docs: int, cache: Path) -> tuple[int, int]:
    """(instructions of the first document with start-up, of each later document)."""
    env = {**os.environ, "PYTHONPATH": str(src), "TIDYNEWS_CACHE": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # outside valgrind: compile the bytecode, make the gazetteer index and unit table
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=env, check=True)
    subprocess.run([sys.executable, "-c", WORK, str(corpus), "1"], env=env, check=True)
    first = count(src, corpus, 1, cache)
    return first, (count(src, corpus, docs, cache) - first) // (docs - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="documents counted (>= 2)")
    parser.add_argument("--corpus", type=Path, default=LGL, help="a folder of .txt seeds")
    parser.add_argument("--against", metavar="REV", help="a git revision to count too")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind): nothing counted")
        return
    if not args.corpus.is_dir():
        print(f"{args.corpus} is absent: nothing counted")
        return
    docs = max(2, args.docs)
    with tempfile.TemporaryDirectory(prefix="tidynews-instructions-") as tmp:
        versions = {"working tree": ROOT / "src"}
        if args.against:
            tree = Path(tmp) / "tree"
            git = ["git", "-C", str(ROOT), "worktree"]
            subprocess.run([*git, "add", "--detach", "-q", str(tree), args.against], check=True)
            versions[args.against] = tree / "src"
        try:
            with ThreadPoolExecutor(len(versions)) as pool:  # one valgrind per core
                runs = {
                    name: pool.submit(per_document, src, args.corpus, docs, Path(tmp) / f"cache{i}")
                    for i, (name, src) in enumerate(versions.items())
                }
                results = {name: run.result() for name, run in runs.items()}
        finally:
            if args.against:
                subprocess.run([*git, "remove", "--force", str(tree)], check=False)
    print(f"callgrind, {args.corpus}, documents 2-{docs} (PYTHONHASHSEED=0)")
    print(f"{'code':>14}{'start-up + 1st doc':>20}{'per later doc':>16}")
    for name, (first, each) in results.items():
        print(f"{name:>14}{first / 1e9:>18.3f} G{each / 1e6:>14.2f} M")
    if args.against:
        new, old = results["working tree"][1], results[args.against][1]
        print(f"per document: {100 * (new - old) / old:+.1f}% against {args.against}")


if __name__ == "__main__":
    main()
