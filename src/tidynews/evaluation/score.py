"""Score a built package against gold annotations (shared gold/GUIDELINES.md).

A predicted row matches a gold row of the same table when their spans overlap
(and, for places, the place resolves); each gold row is matched at most once.
Strict scores count a match only when the row is entirely right. What each gold
file asks to be scored (`annotates`, `excluded`, `coord:` keys, `unit_accepted`)
follows the benchmark conventions described in evaluate_gold.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tidynews.dataset.load import read_package
from tidynews.errors import GoldError
from tidynews.evaluation.gold import (
    ATTRIBUTES,
    PredictedPlace,
    Scope,
    predicted_places,
    read_gold,
    resolves,
    scopes,
    toponym_counts,
)

BOUNDARY_TOLERANCE = 3  # characters a strict span may be off at each end
VALUE_TOLERANCE = 0.001  # relative, for figure values
TOPONYM_LABELS = {"exact_id": "exact id", "acc_161km": "acc@161km", "no_coordinates": "no coords"}


@dataclass
class Counts:
    """True positives, predictions and gold rows, for precision, recall and F1."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self) -> dict:
        p = self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def score(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None

    def add(self, other: Accuracy) -> None:
        self.right += other.right
        self.total += other.total


@dataclass
class TableScore:
    """Match counts for one table: loose, strict, per-attribute accuracy, place measures."""

    loose: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    extra: dict[str, Counts] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    toponyms: dict[str, Accuracy] = field(default_factory=dict)
    documents: int = 0  # documents whose gold annotates this table

    def add(self, other: TableScore) -> None:
        self.loose.add(other.loose)
        self.strict.add(other.strict)
        self.documents += other.documents
        for name, counts in other.extra.items():
            self.extra.setdefault(name, Counts()).add(counts)
        for name, acc in other.attributes.items():
            self.attributes.setdefault(name, Accuracy()).add(acc)
        for name, acc in other.toponyms.items():
            self.toponyms.setdefault(name, Accuracy()).add(acc)

    def to_dict(self) -> dict:
        if not self.documents:
            return {"documents": 0, "f1": None, "strict": None, "accuracy": {}}
        out = {
            "documents": self.documents,
            "f1": self.loose.scores(),
            "strict": self.strict.scores(),
        }
        out |= {name: counts.scores() for name, counts in self.extra.items()}
        out["accuracy"] = {name: acc.score() for name, acc in self.attributes.items()}
        if self.toponyms:
            out["toponyms"] = {"recognition": self.loose.scores()} | {
                name: {"value": acc.score(), "count": acc.right, "total": acc.total}
                for name, acc in self.toponyms.items()
            }
        return out


@dataclass
class Evaluation:
    """Scores per table over all gold documents found in the package, and per document."""

    tables: dict[str, TableScore]
    documents: dict[str, dict[str, TableScore]]
    skipped: list[str]
    warnings: list[str]

    def to_dict(self) -> dict:
        return {
            "scores": {name: score.to_dict() for name, score in self.tables.items()},
            "documents": {
                doc: {t: s.to_dict() for t, s in tables.items()}
                for doc, tables in self.documents.items()
            },
            "skipped": self.skipped,
            "warnings": self.warnings,
        }

    def format_text(self) -> str:
        n = len(self.documents)
        lines = [
            f"Scored {n} documents against gold"
            + (f" ({len(self.skipped)} gold files not in the package)" if self.skipped else "")
            + "."
        ]
        lines.append(
            f"{'table':<10} {'measure':<14} {'P':>6} {'R':>6} {'F1':>6}  matched/pred/gold"
        )
        for name, score in self.tables.items():
            if not score.documents:
                lines.append(f"{name:<10} {'n/a':<14} not annotated in these gold files")
                continue
            if score.documents < n:
                lines.append(
                    f"{name:<10} {'documents':<14} {score.documents:>6}  of {n} annotate it"
                )
            loose = "recognized" if name == "places" else "f1"
            measures = {loose: score.loose, **score.extra, "strict": score.strict}
            for label, counts in measures.items():
                s = counts.scores()
                lines.append(
                    f"{name:<10} {label:<14} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                    f"{s['f1']:>6.3f}  {s['matched']}/{s['predicted']}/{s['gold']}"
                )
            shares = {f"{attr} acc": acc for attr, acc in score.attributes.items()}
            shares |= {TOPONYM_LABELS.get(k, k): acc for k, acc in score.toponyms.items()}
            for label, acc in shares.items():
                value = acc.score()
                shown = "n/a" if value is None else f"{value:.3f}"
                lines.append(f"{name:<10} {label:<14} {shown:>6}  ({acc.right}/{acc.total})")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def evaluate(descriptor: str | Path, gold_dir: str | Path) -> Evaluation:
    """Score the package at `descriptor` against every gold file in `gold_dir`.

    >>> evaluate("datapackage.json", "../shared/gold").tables["segments"].strict  # doctest: +SKIP
    """
    package = read_package(descriptor)
    frames = {name: package.load(name) for name in package.tables}
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise GoldError(f"{gold_dir}: no gold *.json files. Pass the folder that holds them.")
    rows = list(frames["articles"].iter_rows(named=True))
    by_file = {Path(row["source_file"]).name: row for row in rows}  # ids may differ from stems
    by_id = {row["article_id"]: row for row in rows}
    places = predicted_places(frames.get("places"))
    totals = {name: TableScore() for name in ATTRIBUTES}
    documents: dict[str, dict[str, TableScore]] = {}
    skipped: list[str] = []
    warnings: list[str] = []
    unknown: Counter[str] = Counter()  # `annotates` entries evaluate does not score
    for path in gold_files:
        gold = read_gold(path)
        article = by_file.get(gold["document"]) or by_id.get(Path(gold["document"]).stem)
        if article is None:
            skipped.append(gold["document"])
            continue
        article_id = article["article_id"]
        if gold.get("sha256") and gold["sha256"] != article["source_sha256"]:
            warnings.append(
                f"{path.name}: gold was annotated on other bytes than {article['source_file']}"
            )
        predicted = {
            name: _rows_of(frames.get(name), article_id)
            for name in ("comments", "claims", "place_mentions", "figures")
        }
        excluded = gold["excluded"]
        per_table = {}
        for name, scope in scopes(gold, unknown).items():
            args = (scope, excluded.get(name, []))
            if name == "segments":
                score = _score_segments(gold, article, predicted["comments"], *args)
            elif name == "places":
                score = _score_places(gold["places"], predicted["place_mentions"], places, *args)
            elif name == "figures":
                score = _score_rows(
                    gold["figures"], predicted["figures"], _figure_attributes, *args
                )
            else:
                score = _score_rows(gold["claims"], predicted["claims"], _claim_attributes, *args)
            score.documents = 1
            per_table[name] = score
            totals[name].add(score)
        documents[article_id] = per_table
    warnings += [
        f"{n} gold files list {entry!r} in annotates, which evaluate does not score"
        for entry, n in sorted(unknown.items())
    ]
    return Evaluation(totals, documents, skipped, warnings)


def _rows_of(frame: pl.DataFrame | None, article_id: str) -> list[dict]:
    if frame is None or frame.is_empty():
        return []
    return frame.filter(pl.col("article_id") == article_id).sort("start").to_dicts()


def _overlaps(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _close(a: dict, b: dict) -> bool:
    return (
        abs(a["start"] - b["start"]) <= BOUNDARY_TOLERANCE
        and abs(a["end"] - b["end"]) <= BOUNDARY_TOLERANCE
    )


def _match(
    predicted: list[dict],
    gold: list[dict],
    compatible: Callable[[dict, dict], bool] = lambda p, g: True,
) -> list[tuple[dict, dict]]:
    """Pair predictions with gold rows: spans overlap, `compatible` holds, largest overlap first."""
    candidates = sorted(
        (
            (_overlaps(p, g), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if _overlaps(p, g) > 0 and compatible(p, g)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i], gold[j]))
    return pairs


def _n_predicted(
    predicted: list[dict], matchings: list[list[tuple[dict, dict]]], excluded: list[dict]
) -> int:
    """Predictions that count: all but those in no pair that overlap an excluded span."""
    paired = {id(p) for pairs in matchings for p, _ in pairs}
    return sum(
        1 for p in predicted if id(p) in paired or not any(_overlaps(p, e) > 0 for e in excluded)
    )


def _tally(accuracies: dict[str, Accuracy], results: dict[str, bool]) -> None:
    for name, right in results.items():
        accuracies.setdefault(name, Accuracy()).add(Accuracy(int(right), 1))


def _score_segments(
    gold: dict, article: dict, comments: list[dict], scope: Scope, excluded: list[dict]
) -> TableScore:
    """Article and comment spans: overlap for F1, both ends within 3 characters for strict."""
    score = TableScore()
    predicted = [{"kind": "article", "start": article["start"], "end": article["end"]}]
    predicted += [{"kind": "comment", "start": c["start"], "end": c["end"]} for c in comments]
    pairs = _match(predicted, gold["segments"], lambda p, g: p["kind"] == g["kind"])
    n_predicted = _n_predicted(predicted, [pairs], excluded)
    for counts, ok in ((score.loose, lambda p, g: True), (score.strict, _close)):
        counts.predicted, counts.gold = n_predicted, len(gold["segments"])
        counts.matched = sum(1 for p, g in pairs if ok(p, g))
    n_comments = sum(1 for g in gold["segments"] if g["kind"] == "comment")
    results = {
        "article": Accuracy(sum(1 for p, g in pairs if g["kind"] == "article" and _close(p, g)), 1),
        "n_comments": Accuracy(int(len(comments) == n_comments), 1),
    }
    score.attributes = {k: v for k, v in results.items() if k in scope.attributes}
    return score


def _score_rows(
    gold: list[dict],
    predicted: list[dict],
    attributes: Callable[[dict, dict], dict[str, bool]],
    scope: Scope,
    excluded: list[dict],
) -> TableScore:
    """Figures and claims: overlap for F1; strict needs close spans and every attribute right."""
    score = TableScore()
    pairs = _match(predicted, gold)
    n_predicted = _n_predicted(predicted, [pairs], excluded)
    score.loose = Counts(len(pairs), n_predicted, len(gold))
    score.strict = Counts(0, n_predicted, len(gold))
    for p, g in pairs:
        results = {k: v for k, v in attributes(p, g).items() if k in scope.attributes}
        _tally(score.attributes, results)
        score.strict.matched += (not scope.boundaries or _close(p, g)) and all(results.values())
    return score


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=VALUE_TOLERANCE)


def _figure_attributes(p: dict, g: dict) -> dict[str, bool]:
    accepted = g.get("unit_accepted") or [g.get("unit")]
    return {
        "kind": p.get("kind") == g.get("kind"),
        "value": _same_number(p.get("value"), g.get("value")),
        "low": _same_number(p.get("low"), g.get("low")),
        "high": _same_number(p.get("high"), g.get("high")),
        "unit": (p.get("unit") or None) in {u or None for u in accepted},
        "qualifier": p.get("qualifier") == g.get("qualifier"),
        "date": (p.get("date") or None) == (g.get("date") or None),
    }


def _norm(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def _claim_attributes(p: dict, g: dict) -> dict[str, bool]:
    claimants = g.get("claimant") or []
    kinds = g.get("kind") or []
    return {
        "claimant": _norm(p.get("claimant")) in {_norm(c) for c in claimants},
        "cue": _norm(p.get("cue")) == _norm(g.get("cue")),
        "hedged": bool(p.get("hedged")) == bool(g.get("hedged")),
        "kind": p.get("kind") in (kinds if isinstance(kinds, list) else [kinds]),
    }


def _score_places(
    gold: list[dict],
    mentions: list[dict],
    places: dict[str, PredictedPlace],
    scope: Scope,
    excluded: list[dict],
) -> TableScore:
    """Found: spans overlap; resolved: and the place resolves; strict: and attributes right."""
    score = TableScore()
    found = _match(mentions, gold)
    resolved = _match(mentions, gold, lambda p, g: resolves(places.get(p["place_id"]), g))
    n_predicted = _n_predicted(mentions, [found, resolved], excluded)
    score.loose = Counts(len(found), n_predicted, len(gold))
    score.extra["resolved"] = Counts(len(resolved), n_predicted, len(gold))
    score.strict = Counts(0, n_predicted, len(gold))
    for p, g in resolved:
        results = {
            "qualifier": _norm(p.get("qualifier")) == _norm(g.get("qualifier")),
            "literal": bool(p.get("literal")) == bool(g.get("literal", True)),
        }
        results = {k: v for k, v in results.items() if k in scope.attributes}
        _tally(score.attributes, results)
        score.strict.matched += all(results.values())
    for name, (right, total) in toponym_counts(found, places).items():
        score.toponyms[name] = Accuracy(right, total)
    return score
