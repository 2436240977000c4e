"""Claims benchmark: attributed sentences found, and who and which cue, against gold.

`evaluate` scores claims as sentences (any claimant) and the claimant and cue over all
matched sentences, author ones included; on attribution corpora (PolNeAR) the question
is narrower: of the gold sentences attributed to a third party, how many does tidynews
attribute to one (recall), how many of its attributed sentences are attributed in gold
(precision), and on the attributed sentences found, is the claimant one of the accepted
names and the cue the gold cue (null for a quote continuation). Sentences are paired as
`evaluate` pairs them (overlap, largest first); gold `excluded` sentences are not scored.

    .venv/bin/python benchmarks/bench_claims.py --docs DIR --gold DIR [--limit N]
    .venv/bin/python benchmarks/bench_claims.py --package P/datapackage.json --gold DIR

--docs runs segmentation and claims only (no build), for tuning; --package reads a built
package. --errors N prints N sampled errors of each class.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from tidynews.evaluation.score import _match

OWN_VOICES = {"author", "commenter"}


def predicted_from_docs(docs: Path, names: list[str]) -> dict[str, tuple[str, list[dict], int]]:
    from tidynews.pipeline.claims import find_claims
    from tidynews.pipeline.ingest import read_seed
    from tidynews.pipeline.segment import segment

    out = {}
    for name in names:
        document = read_seed(docs / name)
        seg = segment(document)
        rows = [_row(c, "author") for c in find_claims(document.text, seg.article, "author")]
        for span in seg.comments:
            rows += [_row(c, "commenter") for c in find_claims(document.text, span, "commenter")]
        out[name] = (document.text, rows, len(seg.comments))
    return out


def _row(claim, voice: str) -> dict:
    return {
        "start": claim.span.start,
        "end": claim.span.end,
        "claimant": claim.claimant,
        "claimant_type": claim.claimant_type,
        "cue": claim.cue,
    }


def predicted_from_package(path: Path) -> dict[str, tuple[str, list[dict], int]]:
    from tidynews.dataset.load import read_package

    package = read_package(path)
    articles = package.load("articles").to_dicts()
    claims = package.load("claims")
    comments = package.load("comments")
    out = {}
    for article in articles:
        rows = claims.filter(claims["article_id"] == article["article_id"]).to_dicts()
        n = comments.filter(comments["article_id"] == article["article_id"]).height
        out[Path(article["source_file"]).name] = ("", rows, n)
    return out


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def score(gold_dir: Path, predicted: dict, n_errors: int) -> dict:
    c: Counter[str] = Counter()
    errors: dict[str, list[str]] = {}

    def note(kind: str, text: str) -> None:
        errors.setdefault(kind, []).append(text)

    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = Path(gold["document"]).name
        if name not in predicted:
            continue
        _, rows, n_comments = predicted[name]
        c["articles"] += 1
        c["articles_with_comments"] += n_comments > 0
        excluded = [e for e in gold.get("excluded", []) if e.get("table") == "claims"]
        pairs = _match(rows, gold["claims"])  # as evaluate pairs sentences
        paired = {id(p) for p, _ in pairs}
        for p in rows:
            outside = not any(_overlap(p, e) > 0 for e in excluded)
            if id(p) not in paired and p["claimant"] not in OWN_VOICES and outside:
                c["pred_attr_unpaired"] += 1
        found = {id(g) for _, g in pairs}
        for g in gold["claims"]:
            if g.get("label") == "attributed":
                c["gold_attr"] += 1
                c["gold_attr_cont" if g.get("continuation") else "gold_attr_cue"] += 1
                if id(g) not in found:
                    c["gold_attr_unpaired"] += 1
        for p, g in pairs:
            gold_attr = g.get("label") == "attributed"
            pred_attr = p["claimant"] not in OWN_VOICES
            c["pred_attr"] += pred_attr
            if pred_attr and not gold_attr:
                note("false_attribution", f"{p['claimant']!r}/{p['cue']!r} :: {g['text']}")
            if gold_attr and not pred_attr:
                kind = "missed_continuation" if g.get("continuation") else "missed_cue"
                note(kind, f"gold {g['claimant'][:2]}/{g['cue']!r} :: {g['text']}")
            if not (gold_attr and pred_attr):
                continue
            c["found"] += 1
            cont = "cont" if g.get("continuation") else "cue"
            c[f"found_{cont}"] += 1
            right_claimant = _norm(p["claimant"]) in {_norm(x) for x in g["claimant"]}
            right_cue = _norm(p["cue"]) == _norm(g["cue"])
            c["claimant_right"] += right_claimant
            c["cue_right"] += right_cue
            if not right_claimant:
                note("wrong_claimant", f"{p['claimant']!r} vs {g['claimant'][:3]} :: {g['text']}")
            if not right_cue:
                note("wrong_cue", f"{p['cue']!r} vs {g['cue']!r} :: {g['text']}")
    pred_attr = c["pred_attr"] + c["pred_attr_unpaired"]
    result = {
        "articles": c["articles"],
        "articles_with_comments": c["articles_with_comments"],
        "attributed_recall": _div(c["found"], c["gold_attr"]),
        "attributed_precision": _div(c["found"], pred_attr),
        "recall_cue_sentences": _div(c["found_cue"], c["gold_attr_cue"]),
        "recall_continuations": _div(c["found_cont"], c["gold_attr_cont"]),
        "claimant_right": _div(c["claimant_right"], c["found"]),
        "cue_right": _div(c["cue_right"], c["found"]),
        "counts": dict(c),
    }
    rng = random.Random(0)
    for kind, texts in sorted(errors.items()):
        print(f"== {kind}: {len(texts)}")
        for text in rng.sample(texts, min(n_errors, len(texts))):
            print("  ", text[:300])
    return result


def _div(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--package", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N gold files only")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if args.package:
        predicted = predicted_from_package(args.package)
    else:
        names = sorted(p.stem for p in args.gold.glob("*.json"))[args.offset :]
        names = names[: args.limit] if args.limit else names
        docs = args.docs or args.gold.parent / "docs"
        present = {p.name for p in docs.iterdir()}
        files = [n + ".txt" for n in names if n + ".txt" in present]
        predicted = predicted_from_docs(docs, files)
    print(json.dumps(score(args.gold, predicted, args.errors), indent=1))


if __name__ == "__main__":
    main()
