"""The dataset card (DATASET.md) and CITATION.cff, written from the package itself.

The card follows Hugging Face's dataset-card conventions (a YAML header, then
prose): what is in the tables (from their Table Schemas), how many rows and of
what kinds, where every document came from (with its sha256), how extraction
works and how well (the README's measured scores), its limits and how to cite
it. Everything is read from the package and the repository, so the same package
gives the same bytes and CI can tell a stale card (tests/dataset/test_card.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl

from tidynews.dataset.load import read_package
from tidynews.dataset.schemas import schema_dir

CARD = "DATASET.md"
CITATION = "CITATION.cff"
_SCORES = re.compile(r"<!-- scores -->\n(.*?)<!-- /scores -->", re.S)
# What each count column says, for the statistics section: table -> its kind columns.
_KINDS = {
    "claims": ("kind", "claimant_type", "hedged"),
    "places": ("kind",),
    "place_mentions": ("qualifier", "literal"),
    "figures": ("kind", "qualifier"),
}
_HOW = """\
Each seed document is one UTF-8 text: an article, then, when the page had them,
its reader comments. Segmentation splits the article body from the comments at
the change of voice (a reader's line, not a quoted speaker's). Claims are
attributed sentences: a reporting verb or noun ("said", "according to", "told",
"in a statement") joins a claimant (a name or organisation as written, or a
pronoun carried back to the last named speaker) to what was said, with a hedge
when the sentence says so. Places are toponyms found by a gazetteer (GeoNames
and ISO 3166 names from maintained packages, and a small curated supplement),
resolved with the document's own geography first. Figures are numbers, money,
percentages and dates with their unit (the counted noun, a currency, a physical
unit) and qualifier ("about", "more than", ranges). Every row keeps its character
offsets into the source text and its RFC 5147 fragment id, and the package is
validated against its Table Schemas and tidynews' cross-table rules before it
is published."""
_LIMITS = """\
- Rule-based extraction, fitted to English news: other languages and genres are
  not supported, and recall on long real-world reporting is below the scores of
  trained systems (see the measured scores above).
- Places carry coordinates only where the gazetteer has them; `local:` places
  (named by a type word, unknown to the gazetteer) have none.
- Source texts stay under their publishers' terms; the CC-BY-4.0 licence covers
  the tables' annotations."""


def size_category(n: int) -> str:
    """Hugging Face's size category for `n` examples (documents)."""
    for bound, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < bound:
            return label
    return "100K<n<1M" if n < 1_000_000 else "n>1M"


def render_card(descriptor: str | Path, readme: Path | None = None) -> str:
    """DATASET.md for the package at `descriptor`; the measured scores come from the
    `<!-- scores -->` block of `readme` (the repository's README) when given."""
    package = read_package(descriptor)
    meta = package.descriptor
    frames = {t: package.load(t) for t in package.tables}
    articles = frames["articles"]
    licence = (meta.get("licenses") or [{}])[0].get("name", "other")
    header = {
        "license": licence.lower(),
        "language": ["en"],
        "pretty_name": meta.get("title", meta.get("name", "")),
        "size_categories": [size_category(articles.height)],
        "task_categories": ["token-classification", "text-classification"],
        "tags": list(meta.get("keywords", [])),
    }
    lines = ["---", *_yaml(header), "---", "", f"# {meta.get('title', meta['name'])}", ""]
    lines += [meta.get("description", ""), "", f"Version {meta.get('version', '')}.", ""]
    lines += ["## Loading", "", "```python", "import tidynews", ""]
    lines += ['claims = tidynews.load("claims")  # polars; backend="pandas" for pandas', "```"]
    lines += ["", "## Tables", ""]
    for name, resource in package.resources.items():
        lines += _table_section(name, resource.schema, frames[name])
    lines += ["## Sources", "", "| article_id | source file | sha256 | characters |"]
    lines += ["|---|---|---|---|"]
    for row in articles.select("article_id", "source_file", "source_sha256", "n_chars").rows():
        lines.append(f"| `{row[0]}` | {row[1]} | `{row[2]}` | {row[3]} |")
    lines += ["", "## How it was made", "", _HOW, "", "## Measured quality", ""]
    scores = _SCORES.search(readme.read_text(encoding="utf-8")) if readme else None
    lines.append(
        scores.group(1).strip()
        if scores
        else 'See the project\'s README, section "Scores on the shared benchmarks".'
    )
    lines += ["", "## Known limitations", "", _LIMITS, "", "## Citation", ""]
    lines += [f"See `{CITATION}`:", "", "```", _citation_text(meta).rstrip(), "```", ""]
    return "\n".join(lines)


def render_citation(descriptor: str | Path) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the package at `descriptor`."""
    return _citation_text(read_package(descriptor).descriptor)


def card(descriptor: str | Path = "datapackage.json") -> list[Path]:
    """Write DATASET.md and CITATION.cff beside the package, with the scores of the
    project's README when there is one (a checkout). `build` and `release` call this,
    so the card follows the package.

    >>> import tidynews
    >>> tidynews.card("datapackage.json")  # doctest: +SKIP
    [PosixPath('DATASET.md'), PosixPath('CITATION.cff')]
    """
    readme = schema_dir().parent / "README.md"
    return write_card(descriptor, readme if readme.is_file() else None)


def write_card(descriptor: str | Path, readme: Path | None = None) -> list[Path]:
    """Write DATASET.md and CITATION.cff beside the descriptor; the paths written."""
    folder = Path(descriptor).parent if Path(descriptor).suffix else Path(descriptor)
    written = []
    texts = {CARD: render_card(descriptor, readme), CITATION: render_citation(descriptor)}
    for name, text in texts.items():
        target = folder / name
        temporary = target.with_name(f".{name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)  # whole or not at all
        written.append(target)
    return written


def _table_section(name: str, schema: dict, frame: pl.DataFrame) -> list[str]:
    lines = [f"### {name} ({frame.height} rows)", ""]
    if schema.get("description"):
        lines += [schema["description"], ""]
    lines += ["| field | type | description |", "|---|---|---|"]
    for field in schema["fields"]:
        text = (field.get("description") or "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{field['name']}` | {field.get('type', 'string')} | {text} |")
    counts = []
    for column in _KINDS.get(name, ()):
        if column in frame.columns and frame.height:
            tally = frame.group_by(column).len().sort(["len", column], descending=[True, False])
            shown = ", ".join(f"{value}: {n}" for value, n in tally.rows())
            counts.append(f"- by `{column}`: {shown}")
    return [*lines, "", *counts, ""] if counts else [*lines, ""]


def _citation_text(meta: dict) -> str:
    authors = [c["title"] for c in meta.get("contributors", []) if c.get("title")]
    licence = (meta.get("licenses") or [{}])[0].get("name")
    lines = [
        'cff-version: "1.2.0"',
        'message: "If you use this dataset, please cite it as below."',
        'type: "dataset"',
        f"title: {json.dumps(meta.get('title', meta.get('name', '')))}",
        "authors:",
        *(f"  - name: {json.dumps(a)}" for a in authors or ["tidynews developers"]),
        f"version: {json.dumps(meta.get('version', ''))}",
    ]
    if licence:
        lines.append(f"license: {json.dumps(licence)}")
    if meta.get("homepage"):
        lines.append(f"url: {json.dumps(meta['homepage'])}")
    if meta.get("keywords"):
        lines += ["keywords:", *(f"  - {json.dumps(k)}" for k in meta["keywords"])]
    return "\n".join(lines) + "\n"


def _yaml(header: dict) -> list[str]:
    """The card's YAML header: strings and lists of strings, JSON-quoted (valid YAML)."""
    out = []
    for key, value in header.items():
        if isinstance(value, list):
            out += [f"{key}:", *(f"- {json.dumps(v)}" for v in value)]
        else:
            out.append(f"{key}: {json.dumps(value)}")
    return out
