"""`tidynews report`: one self-contained HTML page to look at a package.

A map of the places, charts of claims and figures, and every document with its
claims, place mentions and figures marked in the text, each mark's row shown on
hover. Pictures are inline SVG and styles inline, so the file opens offline and
makes no request (tests/dataset/test_report.py checks it in headless Chromium).
"""

from __future__ import annotations

import html
import itertools
import os
from pathlib import Path

import polars as pl

from tidynews.dataset import charts
from tidynews.dataset.load import Package, read_package

# Marks in the document view: table -> (CSS class, the columns shown on hover).
MARKS = {
    "claims": ("claim", ("claimant", "claimant_type", "cue", "kind", "hedged")),
    "place_mentions": ("place", ("place_id", "qualifier", "literal")),
    "figures": ("figure", ("kind", "value", "low", "high", "unit", "qualifier", "date")),
}
_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 980px; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
.doc { white-space: pre-wrap; border-left: 3px solid #ddd; padding-left: 1em; }
.comments { border-left-color: #90a4ae; }
mark { background: none; color: inherit; }
.claim { background: #fff3c4; border-bottom: 2px solid #f9a825; }
.place { background: #f8bbd0; border-radius: 3px; }
.figure { background: #b2ebf2; border-radius: 3px; }
.legend span { padding: 0 .4em; margin-right: 1em; }
table.counts td { padding: 0 1em 0 0; }
"""


def report(descriptor: str | Path = "datapackage.json", out: str | Path = "report.html") -> Path:
    """Write the report of the package at `descriptor` to `out`; its path.

    >>> import tidynews
    >>> tidynews.report("datapackage.json", "report.html")  # doctest: +SKIP
    PosixPath('report.html')
    """
    package = read_package(descriptor)
    page = render(package)
    target = Path(out)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(page, encoding="utf-8")
    os.replace(temporary, target)
    return target


def render(package: Package) -> str:
    frames = {t: package.load(t) for t in package.tables}
    title = html.escape(package.descriptor.get("title", package.descriptor.get("name", "")))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>Version {html.escape(package.version)}. "
        + ", ".join(f"{frame.height} {name}" for name, frame in frames.items())
        + ".</p>",
    ]
    if "places" in frames:
        parts += [
            '<h2 id="map">Places</h2>',
            f'<div class="map">{charts.place_map(frames["places"])}</div>',
        ]
    parts += ['<h2 id="charts">Claims and figures</h2>', '<div class="charts">']
    for table, column, label in (
        ("claims", "kind", "Claims by kind"),
        ("claims", "claimant_type", "Claims by claimant type"),
        ("claims", "hedged", "Claims hedged"),
        ("figures", "kind", "Figures by kind"),
    ):
        if table in frames and frames[table].height:
            parts.append(f"<div>{charts.bars(frames[table], column, label)}</div>")
    parts.append("</div>")
    parts += ['<h2 id="documents">Documents</h2>', _legend()]
    for article in frames["articles"].iter_rows(named=True):
        parts += _document(article, frames)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(
            f'<span class="{css}">{table.replace("_", " ")}</span>'
            for table, (css, _) in MARKS.items()
        )
        + "</p>"
    )


def _document(article: dict, frames: dict[str, pl.DataFrame]) -> list[str]:
    """The article body and its comments, each with its rows marked."""
    article_id = article["article_id"]
    heading = html.escape(article.get("title") or article_id)
    parts = [f'<h3 id="{html.escape(article_id)}">{heading}</h3>']
    rows = {
        table: frames[table].filter(pl.col("article_id") == article_id).to_dicts()
        for table in MARKS
        if table in frames
    }
    parts.append(f'<div class="doc">{_marked(article["text"], article["start"], rows)}</div>')
    comments = frames.get("comments")
    if comments is not None:
        for comment in comments.filter(pl.col("article_id") == article_id).iter_rows(named=True):
            author = html.escape(comment.get("author") or f"comment {comment['position']}")
            marked = _marked(comment["text"], comment["start"], rows)
            parts.append(f'<p><b>{author}</b></p><div class="doc comments">{marked}</div>')
    return parts


def _marked(text: str, offset: int, rows: dict[str, list[dict]]) -> str:
    """`text` (which starts at document offset `offset`) as HTML, each row of `rows`
    inside it wrapped in a <mark> whose title is the row. Marks may nest (a place in
    a claim): the text is cut at every mark's ends and each piece wrapped in the
    marks that cover it, outermost (longest) first."""
    end = offset + len(text)
    spans = [
        (row["start"], row["end"], table, row)
        for table, table_rows in rows.items()
        for row in table_rows
        if offset <= row["start"] < row["end"] <= end
    ]
    cuts = sorted({offset, end, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for left, right in itertools.pairwise(cuts):
        piece = html.escape(text[left - offset : right - offset])
        covering = sorted(
            (s for s in spans if s[0] <= left and right <= s[1]),
            key=lambda s: (s[0] - s[1], s[2]),
        )
        for _, _, table, row in reversed(covering):
            css, shown = MARKS[table]
            hover = "; ".join(f"{c}: {row[c]}" for c in shown if row.get(c) not in (None, ""))
            piece = f'<mark class="{css}" title="{html.escape(hover)}">{piece}</mark>'
        out.append(piece)
    return "".join(out)
