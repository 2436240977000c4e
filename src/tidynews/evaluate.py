"""Score a built package against gold annotations (shared gold/GUIDELINES.md).

A predicted row matches a gold row of the same table when their spans overlap
(and, for places, they share a key); each gold row is matched at most once.
Strict scores count a match only when the row is entirely right.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tidynews.errors import GoldError
from tidynews.load import read_package

BOUNDARY_TOLERANCE = 3  # characters a strict span may be off at each end
VALUE_TOLERANCE = 0.001  # relative, for figure values
FIGURE_ATTRIBUTES = ("kind", "value", "low", "high", "unit", "qualifier", "date")
CLAIM_ATTRIBUTES = ("claimant", "cue", "hedged", "kind")
PLACE_ATTRIBUTES = ("qualifier", "literal")


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


@dataclass
class TableScore:
    """Match counts for one table: loose, strict, and per-attribute accuracy."""

    loose: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    extra: dict[str, Counts] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=dict)

    def add(self, other: TableScore) -> None:
        self.loose.add(other.loose)
        self.strict.add(other.strict)
        for name, counts in other.extra.items():
            self.extra.setdefault(name, Counts()).add(counts)
        for name, acc in other.attributes.items():
            mine = self.attributes.setdefault(name, Accuracy())
            mine.right += acc.right
            mine.total += acc.total

    def to_dict(self) -> dict:
        out = {"f1": self.loose.scores(), "strict": self.strict.scores()}
        out |= {name: counts.scores() for name, counts in self.extra.items()}
        out["accuracy"] = {name: acc.score() for name, acc in self.attributes.items()}
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
        lines = [
            f"Scored {len(self.documents)} documents against gold"
            + (f" ({len(self.skipped)} gold files not in the package)" if self.skipped else "")
            + "."
        ]
        lines.append(
            f"{'table':<10} {'measure':<10} {'P':>6} {'R':>6} {'F1':>6}  matched/pred/gold"
        )
        for name, score in self.tables.items():
            measures = {"f1": score.loose, **score.extra, "strict": score.strict}
            for label, counts in measures.items():
                s = counts.scores()
                lines.append(
                    f"{name:<10} {label:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                    f"{s['f1']:>6.3f}  {s['matched']}/{s['predicted']}/{s['gold']}"
                )
            for attr, acc in score.attributes.items():
                value = acc.score()
                shown = "n/a" if value is None else f"{value:.3f}"
                lines.append(
                    f"{name:<10} {attr + ' acc':<10} {shown:>6}  ({acc.right}/{acc.total})"
                )
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
    articles = {row["article_id"]: row for row in frames["articles"].iter_rows(named=True)}
    totals = {name: TableScore() for name in ("segments", "places", "figures", "claims")}
    documents, skipped, warnings = {}, [], []
    for path in gold_files:
        gold = _read_gold(path)
        article_id = Path(gold["document"]).stem
        article = articles.get(article_id)
        if article is None:
            skipped.append(gold["document"])
            continue
        if gold.get("sha256") and gold["sha256"] != article["source_sha256"]:
            warnings.append(
                f"{path.name}: gold was annotated on other bytes than {article['source_file']}"
            )
        predicted = {
            name: _rows_of(frames.get(name), article_id)
            for name in ("comments", "claims", "place_mentions", "figures")
        }
        per_table = {
            "segments": _score_segments(gold, article, predicted["comments"]),
            "places": _score_places(
                gold.get("places", []), predicted["place_mentions"], frames.get("places")
            ),
            "figures": _score_rows(
                gold.get("figures", []), predicted["figures"], _figure_attributes
            ),
            "claims": _score_rows(gold.get("claims", []), predicted["claims"], _claim_attributes),
        }
        documents[article_id] = per_table
        for name, score in per_table.items():
            totals[name].add(score)
    return Evaluation(totals, documents, skipped, warnings)


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable gold JSON file ({exc}).") from None
    for key in ("document", "segments"):
        if key not in gold:
            raise GoldError(f"{path}: gold file has no {key!r}. See GUIDELINES.md for the format.")
    return gold


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


def _score_segments(gold: dict, article: dict, comments: list[dict]) -> TableScore:
    """Article and comment spans: overlap for F1, both ends within 3 characters for strict."""
    score = TableScore()
    predicted = [{"kind": "article", "start": article["start"], "end": article["end"]}]
    predicted += [{"kind": "comment", "start": c["start"], "end": c["end"]} for c in comments]
    pairs = _match(predicted, gold["segments"], lambda p, g: p["kind"] == g["kind"])
    for counts, ok in ((score.loose, lambda p, g: True), (score.strict, _close)):
        counts.predicted, counts.gold = len(predicted), len(gold["segments"])
        counts.matched = sum(1 for p, g in pairs if ok(p, g))
    n_comments = sum(1 for g in gold["segments"] if g["kind"] == "comment")
    score.attributes["article"] = Accuracy(
        sum(1 for p, g in pairs if g["kind"] == "article" and _close(p, g)), 1
    )
    score.attributes["n_comments"] = Accuracy(int(len(comments) == n_comments), 1)
    return score


def _score_rows(gold: list[dict], predicted: list[dict], attributes) -> TableScore:
    """Figures and claims: overlap for F1; strict needs close spans and every attribute right."""
    score = TableScore()
    pairs = _match(predicted, gold)
    score.loose = Counts(len(pairs), len(predicted), len(gold))
    score.strict = Counts(0, len(predicted), len(gold))
    for p, g in pairs:
        results = attributes(p, g)
        for name, right in results.items():
            acc = score.attributes.setdefault(name, Accuracy())
            acc.right += right
            acc.total += 1
        score.strict.matched += _close(p, g) and all(results.values())
    return score


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=VALUE_TOLERANCE)


def _figure_attributes(p: dict, g: dict) -> dict[str, bool]:
    return {
        "kind": p.get("kind") == g.get("kind"),
        "value": _same_number(p.get("value"), g.get("value")),
        "low": _same_number(p.get("low"), g.get("low")),
        "high": _same_number(p.get("high"), g.get("high")),
        "unit": (p.get("unit") or None) == (g.get("unit") or None),
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


def _place_keys(places: pl.DataFrame | None) -> dict[str, set[str]]:
    """Every key a predicted place answers to: its id, GeoNames id, ISO codes and name."""
    if places is None or places.is_empty():
        return {}
    keys = {}
    for row in places.iter_rows(named=True):
        ks = {row["place_id"], f"name:{row['name'].lower()}"}
        if row.get("geonames_id") is not None:
            ks.add(f"geonames:{row['geonames_id']}")
        if row.get("iso_3166_2"):
            ks.add(f"iso:{row['iso_3166_2']}")
        if row.get("kind") == "country" and row.get("country_code"):
            ks.add(f"iso:{row['country_code']}")
        keys[row["place_id"]] = ks
    return keys


def _score_places(
    gold: list[dict], mentions: list[dict], places: pl.DataFrame | None
) -> TableScore:
    """Found: spans overlap; resolved: and a key is shared; strict: and qualifier, literal right."""
    keys = _place_keys(places)
    score = TableScore()
    found = _match(mentions, gold)
    resolved = _match(
        mentions, gold, lambda p, g: bool(keys.get(p["place_id"], set()) & set(g.get("keys", [])))
    )
    score.loose = Counts(len(found), len(mentions), len(gold))
    score.extra["resolved"] = Counts(len(resolved), len(mentions), len(gold))
    score.strict = Counts(0, len(mentions), len(gold))
    for p, g in resolved:
        results = {
            "qualifier": _norm(p.get("qualifier")) == _norm(g.get("qualifier")),
            "literal": bool(p.get("literal")) == bool(g.get("literal", True)),
        }
        for name, right in results.items():
            acc = score.attributes.setdefault(name, Accuracy())
            acc.right += right
            acc.total += 1
        score.strict.matched += all(results.values())
    return score
