"""Extraction time on long and repetitive documents, which must grow linearly (issue 28).

Each case is one in-memory document of a given size, run through what a build does to
a seed after reading it (segment, extract, the document's rows) in its own process,
with a time limit, so a hang is reported rather than waited on. Start-up (spaCy, the
gazetteer) is paid before the clock starts. spaCy's blank English tokenizer, as it
comes, is timed on the same text in a process of its own as the machine's reference
("spaCy tok"; it has a shorter time limit, since it is itself quadratic on long runs
of punctuation, which tidynews tokenizes in pieces).

Patterns: "Homs, " repeated (a place per token), "twelve hundred and " repeated (one
endless number phrase), `"` and `(` repeated (quote and bracket matching), words of
1,000 letters (the longest tokenized whole), one long
line of real text (no line breaks), and real text (documents of the PolNeAR train
split, read from ../shared/benchmarks at run time, joined up to the size).

    .venv/bin/python benchmarks/hostile_text.py [--quick] [--timeout 120] [--patterns ...]
        [--docs FOLDER] [--reference-timeout 30]

Sizes are 10 KB, 100 KB and 1 MB (--quick: 10, 30 and 100 KB). "growth" is the time
at the largest size over the time at a tenth of it: linear is about 10x.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_DOCS = ROOT.parent / "shared" / "benchmarks" / "polnear" / "train" / "docs"
PATTERNS = ("homs", "twelve-hundred", "quotes", "parens", "long-words", "one-line", "real")
REPEATED = {
    "homs": "Homs, ",
    "twelve-hundred": "twelve hundred and ",
    "quotes": '"',
    "parens": "(",
    "long-words": "x" * 1000 + " ",  # words just under tidynews.pipeline.nlp.MAX_WORD_CHARS
}
SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 30_000, 100_000)


def text_of(pattern: str, size: int, docs: Path = REAL_DOCS) -> str:
    """`size` characters of the pattern; real text is `docs`' files joined by line ends."""
    if pattern in REPEATED:
        unit = REPEATED[pattern]
        return (unit * (size // len(unit) + 1))[:size]
    paths = sorted(docs.glob("*.txt"))
    if not paths:
        sys.exit(f"no documents in {docs}: the real-text cases need them")
    parts, total = [], 0
    while total < size:  # the split is about 5 MB: repeat it for larger sizes
        for path in paths:
            body = path.read_text(encoding="utf-8").strip()
            parts.append(body)
            total += len(body) + 1
            if total >= size:
                break
    text = "\n".join(parts)[:size]
    if pattern == "one-line":
        return " ".join(text.split())[:size].ljust(size, ".")
    return text


def measure(pattern: str, size: int, docs: Path) -> dict:
    """Run in the child process: seconds for the pipeline, and rows per table."""
    from tidynews.dataset.tables import document_rows
    from tidynews.pipeline.extract import extract
    from tidynews.pipeline.ingest import Document
    from tidynews.pipeline.segment import segment

    def pipeline(text: str) -> tuple[float, dict[str, int]]:
        document = Document("bench", "bench/bench.txt", "0" * 64, "utf-8", text)
        started = time.perf_counter()
        rows = document_rows(extract(document, segment(document)))
        return time.perf_counter() - started, {t: len(r) for t, r in rows.rows.items()}

    pipeline(text_of("real", 3_000, docs))  # spaCy, the gazetteer and inflect load here
    text = text_of(pattern, size, docs)
    seconds, rows = pipeline(text)
    return {"seconds": seconds, "rows": rows}


def measure_tokenizer(pattern: str, size: int, docs: Path) -> dict:
    """Run in the child process: seconds for spaCy's blank English tokenizer, as it
    comes (its own cache empty), on each line of the same text."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    text = text_of(pattern, size, docs)
    started = time.perf_counter()
    for line in text.splitlines() or [text]:
        tokenizer(line)
    return {"seconds": time.perf_counter() - started}


def run_case(pattern: str, size: int, timeout: float, docs: Path, what: str) -> dict | None:
    """measure() (`what` "pipeline") or measure_tokenizer() ("tokenizer") in a fresh
    process; None when it ran past `timeout` seconds."""
    command = [sys.executable, __file__, "--docs", str(docs), f"--{what}", pattern, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10, 30 and 100 KB")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--patterns", nargs="+", choices=PATTERNS, default=list(PATTERNS))
    parser.add_argument("--docs", type=Path, default=REAL_DOCS, help="real text's folder")
    parser.add_argument(
        "--reference-timeout", type=float, default=30.0, help="seconds for spaCy's tokenizer"
    )
    for child in ("pipeline", "tokenizer"):
        parser.add_argument(f"--{child}", nargs=2, metavar=("P", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pipeline:
        print(json.dumps(measure(args.pipeline[0], int(args.pipeline[1]), args.docs)))
        return
    if args.tokenizer:
        print(json.dumps(measure_tokenizer(args.tokenizer[0], int(args.tokenizer[1]), args.docs)))
        return
    sizes = QUICK_SIZES if args.quick else SIZES
    print(
        f"{'pattern':<15} {'size':>8} {'seconds':>9} {'s/100KB':>8} {'growth':>7}"
        f" {'spaCy tok':>9} {'claims':>7} {'figures':>8} {'places':>7}"
    )
    for pattern in args.patterns:
        timings: dict[int, float | None] = {}
        for size in sizes:
            result = run_case(pattern, size, args.timeout, args.docs, "pipeline")
            reference = run_case(pattern, size, args.reference_timeout, args.docs, "tokenizer")
            spacy_seconds = (
                f"{reference['seconds']:>9.3f}"
                if reference and "seconds" in reference
                else f"> {args.reference_timeout:.0f} s".rjust(9)
            )
            label = f"{size // 1000} KB" if size < 1_000_000 else f"{size // 1_000_000} MB"
            if result is None or "error" in result:
                timings[size] = None
                why = f"> {args.timeout:.0f} s" if result is None else f"error {result['error']}"
                print(f"{pattern:<15} {label:>8} {why:>27} {spacy_seconds}", flush=True)
                continue
            seconds = timings[size] = result["seconds"]
            smaller = timings.get(size // 10)
            growth = f"{seconds / smaller:.1f}x" if smaller else ""
            rows = result["rows"]
            print(
                f"{pattern:<15} {label:>8} {seconds:>9.3f} {seconds / size * 1e5:>8.3f}"
                f" {growth:>7} {spacy_seconds} {rows['claims']:>7}"
                f" {rows['figures']:>8} {rows['place_mentions']:>7}",
                flush=True,
            )


if __name__ == "__main__":
    main()
