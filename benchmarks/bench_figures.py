"""Figures benchmark: value F1 and value+unit F1 against gold, and extraction speed.

`tidynews evaluate` prints span F1 and per-attribute accuracy over matched pairs;
the measures CQE and quantulum3 publish (NewsQuant) are F1s where a found figure
counts only when its value (and then its unit) is right too. They are computed
here with evaluate's own matching, so the numbers read against its table:

- value F1: a pair counts when the value is right: for a gold range both ends
  (`low`, `high`), else `value` (relative tolerance 0.1%); a date, its `date`.
- value+unit F1: and the unit is one of gold's `unit_accepted` spellings.

Speed: figures extracted per document, one process, documents per second over a
folder of news text (the tokenizer's cost included, as in a build; spaCy and the
unit tables are loaded before the clock starts).

    .venv/bin/python benchmarks/bench_figures.py score PACKAGE/datapackage.json --gold GOLD
    .venv/bin/python benchmarks/bench_figures.py speed [--docs DIR] [--limit N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tidynews.dataset.load import read_package
from tidynews.evaluation.gold import read_gold

# the same pairing, predicted count and number comparison as `tidynews evaluate`
from tidynews.evaluation.score import Counts, _match, _n_predicted, _rows_of, _same_number

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "benchmarks" / "polnear" / "train" / "docs"


def _value_right(p: dict, g: dict) -> bool:
    if g.get("kind") == "date":
        return (p.get("date") or None) == (g.get("date") or None)
    if g.get("qualifier") == "range" or g.get("value") is None:
        return _same_number(p.get("low"), g.get("low")) and _same_number(
            p.get("high"), g.get("high")
        )
    return _same_number(p.get("value"), g.get("value"))


def _unit_right(p: dict, g: dict) -> bool:
    accepted = g.get("unit_accepted") or [g.get("unit")]
    return (p.get("unit") or None) in {u or None for u in accepted}


def score(descriptor: Path, gold_dir: Path, show_errors: bool = False) -> dict[str, dict]:
    """Span, value and value+unit P/R/F1 over every gold file whose document was built."""
    package = read_package(descriptor)
    figures = package.load("figures")
    articles = package.load("articles").to_dicts()
    by_file = {Path(a["source_file"]).name: a["article_id"] for a in articles}
    totals = {"span": Counts(), "value": Counts(), "value+unit": Counts()}
    for path in sorted(gold_dir.glob("*.json")):
        gold = read_gold(path)
        article_id = by_file.get(gold["document"])
        if article_id is None or not any(
            t == "figures" or t.startswith("figures.") for t in gold.get("annotates") or ["figures"]
        ):
            continue
        predicted = _rows_of(figures, article_id)
        pairs = _match(predicted, gold["figures"])
        excluded = gold["excluded"].get("figures", [])
        n_predicted = _n_predicted(predicted, [pairs], excluded)
        value = [(p, g) for p, g in pairs if _value_right(p, g)]
        both = [(p, g) for p, g in value if _unit_right(p, g)]
        for name, right in (("span", pairs), ("value", value), ("value+unit", both)):
            totals[name].add(Counts(len(right), n_predicted, len(gold["figures"])))
        if show_errors:
            _print_errors(path.stem, predicted, gold["figures"], pairs, excluded)
    return {name: counts.scores() for name, counts in totals.items()}


def _print_errors(
    doc: str, predicted: list[dict], gold: list[dict], pairs: list, excluded: list[dict]
) -> None:
    paired_p = {id(p) for p, _ in pairs}
    paired_g = {id(g) for _, g in pairs}
    for p, g in pairs:
        if not (_value_right(p, g) and _unit_right(p, g)):
            print(f"{doc}\tWRONG\t{g['text']!r}\tgold {_shown(g)}\tpred {p['text']!r} {_shown(p)}")
    for g in gold:
        if id(g) not in paired_g:
            print(f"{doc}\tMISSED\t{g['text']!r}\t{g.get('value')} {g.get('unit')}")
    for p in predicted:
        overlaps = any(min(p["end"], e["end"]) > max(p["start"], e["start"]) for e in excluded)
        if id(p) not in paired_p and not overlaps:
            print(f"{doc}\tSPURIOUS\t{p['text']!r}\t{p.get('value')} {p.get('unit')}")


def _shown(row: dict) -> str:
    value = row.get("value") if row.get("value") is not None else (row.get("low"), row.get("high"))
    return f"{value} {row.get('unit')} {row.get('kind')}"


def speed(docs: Path, limit: int | None, repeat: int = 1) -> dict[str, float]:
    """Documents (and figures) per second through find_figures, one process."""
    from tidynews.pipeline.figures import find_figures
    from tidynews.pipeline.nlp import english, forget_paragraphs
    from tidynews.pipeline.spans import Span

    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.glob("*.txt"))[:limit]]
    english()
    find_figures("Warm-up: 3 km, $5 million and 20 injured.", Span(0, 41))
    runs: list[float] = []
    for _ in range(repeat):  # the fastest run counts: on a shared machine one can be far off
        n_figures = 0
        start = time.process_time()  # CPU time: other processes on the machine count less
        for text in texts:
            forget_paragraphs()  # as extract() does: every document is tokenized afresh
            n_figures += len(find_figures(text, Span(0, len(text))))
        runs.append(time.process_time() - start)
    seconds = min(runs)
    return {
        "documents": len(texts),
        "figures": n_figures,
        "seconds": round(seconds, 3),
        "docs_per_second": round(len(texts) / seconds, 1),
        # the first run's caches (units, lemmas, spaCy's vocabulary) start cold
        "first_run_docs_per_second": round(len(texts) / runs[0], 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("score", help="value and value+unit F1 of a built package")
    s.add_argument("descriptor", type=Path)
    s.add_argument("--gold", type=Path, required=True)
    s.add_argument("--errors", action="store_true", help="list every wrong, missed, spurious")
    v = sub.add_parser("speed", help="documents per second through find_figures")
    v.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    v.add_argument("--limit", type=int, default=None)
    v.add_argument("--repeat", type=int, default=3, help="runs; the fastest is printed")
    args = parser.parse_args(argv)
    if args.command == "score":
        result = score(args.descriptor, args.gold, args.errors)
        for name, s_ in result.items():
            print(
                f"figures {name:<11} P {s_['precision']:.3f} R {s_['recall']:.3f} "
                f"F1 {s_['f1']:.3f}  {s_['matched']}/{s_['predicted']}/{s_['gold']}"
            )
    else:
        print(json.dumps(speed(args.docs, args.limit, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
