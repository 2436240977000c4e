"""tidynews' own rules, beyond what a Table Schema can say: spans that point into
their article or comment, fragment ids, mentions and figures inside their claim,
hedges, figure bounds, and stated counts. The Profile in dataset/profile.py lists
them; each is a small function of typed frames with `__row` numbers.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import polars as pl

from tidynews.errors import Issue
from tidynews.pipeline.vocab import FigureQualifier
from tidynews.validation.frames import IN_MEMORY, ROW, issues_at

SLICE_LIMIT = 20_000  # characters; see child_span_issues

# What each qualifier says of a figure's (value, low, high): "=" equal to the value,
# True present, False absent. The validator's bound-mismatch rule and the build's
# row check (rowcheck.py) both read it.
Bound: TypeAlias = Literal[True, False, "="]
QUALIFIER_BOUNDS: dict[FigureQualifier, tuple[Bound, Bound, Bound]] = {
    "exact": (True, "=", "="),
    "approx": (True, False, False),
    "more_than": (True, "=", False),
    "at_least": (True, "=", False),
    "less_than": (True, False, "="),
    "at_most": (True, False, "="),
    "range": (False, True, True),
}


def article_spans(table: str, batch: pl.DataFrame, parents: object) -> list[Issue]:
    """An article body's span has its text's length and ends inside the document."""
    return _span_shape_issues(table, batch) + issues_at(
        batch.filter(pl.col("end") > pl.col("n_chars")),
        "span-outside-parent",
        table,
        "end",
        ["end"],
        lambda v: f"end {v} is past the document's n_chars",
    )


def comment_spans(table: str, batch: pl.DataFrame, parents: object) -> list[Issue]:
    """A comment's span has its text's length, and its id is its fragment id."""
    return _span_shape_issues(table, batch) + _fragment_issues(table, batch, "comment_id")


def child_spans(table: str, batch: pl.DataFrame, parents: pl.DataFrame | None) -> list[Issue]:
    """A claim's, mention's or figure's span sits in its article body or comment and
    holds its characters; its id is its fragment id. `parents`: span_parents()."""
    return [] if parents is None else _child_span_issues(table, batch, parents)


def inside_claim(table: str, batch: pl.DataFrame, parents: object) -> list[Issue]:
    """A mention or figure with a claim_id lies inside that claim's span."""
    return _inside_claim_issues(table, batch)


def hedges(table: str, batch: pl.DataFrame, parents: object) -> list[Issue]:
    """A hedged claim names its hedge cue, and only a hedged one does."""
    return _claim_issues(batch)


def figure_bounds(table: str, batch: pl.DataFrame, parents: object) -> list[Issue]:
    """A figure's low <= value <= high, as its qualifier says; a date only on a date."""
    return _figure_issues(batch)


def comment_counts(frames: dict[str, pl.DataFrame]) -> list[Issue]:
    """An article's n_comments counts its comments, which sit after its body, in order."""
    articles, comments = frames.get("articles"), frames.get("comments")
    if articles is None or comments is None:
        return []
    return _count_issues(
        "articles", articles, "article_id", "n_comments", comments, "article_id"
    ) + _comment_issues(comments, articles)


def mention_counts(frames: dict[str, pl.DataFrame]) -> list[Issue]:
    """A place's n_mentions counts its mentions."""
    if "places" not in frames or "place_mentions" not in frames:
        return []
    return _count_issues(
        "places", frames["places"], "place_id", "n_mentions", frames["place_mentions"], "place_id"
    )


def _comment_issues(comments: pl.DataFrame, articles: pl.DataFrame) -> list[Issue]:
    joined = comments.join(
        articles.select("article_id", pl.col("end").alias("_a_end"), pl.col("n_chars").alias("_n")),
        on="article_id",
        how="inner",
    )
    outside = joined.filter((pl.col("start") < pl.col("_a_end")) | (pl.col("end") > pl.col("_n")))
    issues = issues_at(
        outside.sort(ROW),
        "span-outside-parent",
        "comments",
        "start",
        ["start", "end"],
        lambda v: f"span {v} is not between the article body's end and the document's end",
    )
    expected = comments.with_columns(
        pl.col("start").rank("ordinal").over("article_id").cast(pl.Int64).alias("_position")
    ).filter(pl.col("position") != pl.col("_position"))
    issues += issues_at(
        expected.sort(ROW),
        "count-mismatch",
        "comments",
        "position",
        ["position", "_position"],
        lambda v: f"position, expected (position, order by start) {v}",
    )
    return issues


def span_parents(frames: dict[str, pl.DataFrame]) -> pl.DataFrame | None:
    """Every article body and comment a span may sit in, keyed by its id, with its
    offsets and text (string views, no copy); built once per validation."""
    columns = {"_p_start": "start", "_p_end": "end", "_p_text": "text"}
    parents = [
        frames[table].select(_p_key=key, _p_article="article_id", **columns)
        for table, key in (("articles", "article_id"), ("comments", "comment_id"))
        if table in frames
    ]
    return pl.concat(parents).rechunk() if "articles" in frames else None


def _child_span_issues(table: str, frame: pl.DataFrame, parents: pl.DataFrame) -> list[Issue]:
    """Spans inside their article body or comment, and text == source[start:end].

    Each row joins its parent (the comment, else the article body) with the parent's
    text as a string view, not a copy, and every rule is a flag of one query that
    keeps only the flagged rows. A slice walks its string from the start, so rows
    of a parent longer than SLICE_LIMIT characters are sliced with Python's O(1)
    indexing instead, after the query. A row whose comment could not be read finds
    no parent and is left to the foreign-key check."""
    id_column = {"claims": "claim_id", "place_mentions": "mention_id", "figures": "figure_id"}[
        table
    ]
    issues = _span_shape_issues(table, frame) + _fragment_issues(table, frame, id_column)
    key = pl.col("article_id")
    if "comment_id" in frame.columns:
        key = pl.coalesce("comment_id", "article_id")
    low, high = frame.select(key.min().alias("low"), key.max().alias("high")).row(0)
    if low is None:
        return issues
    inside = (pl.col("start") >= pl.col("_p_start")) & (pl.col("end") <= pl.col("_p_end"))
    short = pl.col("_p_end") - pl.col("_p_start") <= SLICE_LIMIT
    sliced = inside & short
    # offset and length 0 where the slice is not taken: polars evaluates it on every row
    offset = pl.when(sliced).then(pl.col("start") - pl.col("_p_start")).otherwise(0)
    length = pl.when(sliced).then(pl.col("end") - pl.col("start")).otherwise(0)
    flagged = (
        frame.lazy()
        .select(ROW, "article_id", "start", "end", "text", _p_key=key)
        # a batch's keys span few parents: the join then hashes only those
        .join(
            parents.lazy().filter(pl.col("_p_key").is_between(pl.lit(low), pl.lit(high))),
            on="_p_key",
            how="inner",
        )
        .select(
            ROW,
            "_p_key",
            "_p_start",
            "start",
            "end",
            "text",
            _wrong_article=pl.col("_p_article") != pl.col("article_id"),
            _outside=~inside,
            _long=inside & ~short,
            _mismatch=sliced & (pl.col("_p_text").str.slice(offset, length) != pl.col("text")),
        )
        .filter(pl.any_horizontal("_wrong_article", "_outside", "_long", "_mismatch"))
        .collect(engine=IN_MEMORY)
    )
    if flagged.height == 0:
        return issues
    long_rows = flagged.filter(pl.col("_long"))
    if long_rows.height:
        texts = dict(
            parents.filter(pl.col("_p_key").is_in(long_rows["_p_key"].unique().implode()))
            .select("_p_key", "_p_text")
            .iter_rows()
        )
        wrong = [
            row
            for row, key, p_start, start, end, text in long_rows.select(
                ROW, "_p_key", "_p_start", "start", "end", "text"
            ).iter_rows()
            if texts[key][start - p_start : end - p_start] != text
        ]
        flagged = flagged.with_columns(
            _mismatch=pl.col("_mismatch") | (pl.col("_long") & pl.col(ROW).is_in(wrong))
        )
    issues += issues_at(
        flagged.filter(pl.col("_wrong_article")).sort(ROW),
        "span-outside-parent",
        table,
        "comment_id",
        ["_p_key"],
        lambda v: f"comment {v} belongs to another article",
    )
    issues += issues_at(
        flagged.filter(pl.col("_outside")).sort(ROW),
        "span-outside-parent",
        table,
        "start",
        ["start", "end"],
        lambda v: f"span {v} is outside its article body or comment",
    )
    issues += issues_at(
        flagged.filter(pl.col("_mismatch")).sort(ROW),
        "span-mismatch",
        table,
        "text",
        ["text"],
        lambda v: f"text {v} is not the source's characters at [start, end)",
    )
    return issues


def _inside_claim_issues(table: str, frame: pl.DataFrame) -> list[Issue]:
    """Mentions and figures inside the claim they point to.

    A claim's id is the fragment id of its own span, `<article_id>#char=<start>,<end>`
    (the claims' fragment-id check holds it to that, and the foreign key to the row),
    so the span is read from the id: one batch at a time, with no join to the claims,
    and a claim of another article is never a container."""
    if "claim_id" not in frame.columns:
        return []
    # split, not a regex: twice as fast; an id that does not parse gives nulls (its
    # pattern constraint reports it)
    parts = pl.col("claim_id").str.split_exact("#char=", 1)
    span = parts.struct.field("field_1").str.split_exact(",", 1)
    located = frame.filter(pl.col("claim_id").is_not_null()).with_columns(
        _k_article=parts.struct.field("field_0"),
        _k_start=span.struct.field("field_0").cast(pl.Int64, strict=False),
        _k_end=span.struct.field("field_1").cast(pl.Int64, strict=False),
    )
    outside = located.filter(
        (pl.col("_k_article") != pl.col("article_id"))
        | (pl.col("start") < pl.col("_k_start"))
        | (pl.col("end") > pl.col("_k_end"))
    )
    return issues_at(
        outside,
        "span-outside-claim",
        table,
        "claim_id",
        ["claim_id"],
        lambda v: f"span is not inside claim {v}",
    )


def _claim_issues(claims: pl.DataFrame) -> list[Issue]:
    bad = claims.filter(
        pl.col("hedged").is_not_null() & (pl.col("hedged") != pl.col("hedge_cue").is_not_null())
    )
    return issues_at(
        bad,
        "hedge-mismatch",
        "claims",
        "hedge_cue",
        ["hedged", "hedge_cue"],
        lambda v: f"(hedged, hedge_cue) {v}: hedge_cue must be present exactly when hedged",
    )


def _figure_issues(figures: pl.DataFrame) -> list[Issue]:
    value, low, high, qualifier = (
        pl.col("value"),
        pl.col("low"),
        pl.col("high"),
        pl.col("qualifier"),
    )
    order = figures.filter((low > value) | (value > high) | (low > high))
    issues = issues_at(
        order,
        "bound-order",
        "figures",
        "low",
        ["low", "value", "high"],
        lambda v: f"(low, value, high) {v} is not ordered low <= value <= high",
    )
    has = {name: pl.col(name).is_not_null() for name in ("value", "low", "high")}
    rules = {
        name: pl.all_horizontal(
            _bound(pl.col(column), want, has[column])
            for column, want in zip(("value", "low", "high"), spec, strict=True)
        )
        for name, spec in QUALIFIER_BOUNDS.items()
    }
    rule = pl.lit(True)
    for name, ok in rules.items():
        rule = pl.when(qualifier == name).then(ok).otherwise(rule)
    # Dates carry their value in `date`, so an exact date has no value or bounds.
    is_date = pl.col("kind") == "date"
    date_ok = (
        pl.when(is_date)
        .then(pl.col("date").is_not_null() & ~has["value"])
        .otherwise(pl.col("date").is_null())
    )
    bounds = figures.filter(~pl.when(is_date).then(~has["low"] & ~has["high"]).otherwise(rule))
    issues += issues_at(
        bounds,
        "bound-mismatch",
        "figures",
        "qualifier",
        ["qualifier", "value", "low", "high"],
        lambda v: f"(qualifier, value, low, high) {v} break the bound rules of the qualifier",
    )
    dates = figures.filter(~date_ok)
    issues += issues_at(
        dates,
        "bound-mismatch",
        "figures",
        "date",
        ["kind", "date"],
        lambda v: f"(kind, date) {v}: date is set exactly for kind=date",
    )
    return issues


def _bound(column: pl.Expr, want: Bound, present: pl.Expr) -> pl.Expr:
    """One QUALIFIER_BOUNDS entry as a test: equal to the value (a missing one is not),
    present, or absent."""
    if want == "=":
        return column.eq_missing(pl.col("value")) & pl.col("value").is_not_null()
    return present if want else ~present


def _span_shape_issues(table: str, frame: pl.DataFrame) -> list[Issue]:
    bad = frame.filter(
        (pl.col("end") < pl.col("start"))
        | (pl.col("text").str.len_chars() != pl.col("end") - pl.col("start"))
    )
    return issues_at(
        bad,
        "span-mismatch",
        table,
        "end",
        ["start", "end"],
        lambda v: f"span {v} does not have the text's length",
    )


def _fragment_issues(table: str, frame: pl.DataFrame, id_column: str) -> list[Issue]:
    expected = pl.format("{}#char={},{}", "article_id", "start", "end")
    bad = frame.filter(pl.col(id_column) != expected)
    return issues_at(
        bad,
        "fragment-id",
        table,
        id_column,
        [id_column],
        lambda v: f"{v} is not <article_id>#char=<start>,<end> of its row",
    )


def _count_issues(
    table: str,
    frame: pl.DataFrame,
    key: str,
    count_column: str,
    children: pl.DataFrame,
    child_key: str,
) -> list[Issue]:
    counts = children.group_by(child_key).len("_count").rename({child_key: key})
    joined = frame.join(counts, on=key, how="left").with_columns(pl.col("_count").fill_null(0))
    bad = joined.filter(pl.col(count_column) != pl.col("_count")).sort(ROW)
    return issues_at(
        bad,
        "count-mismatch",
        table,
        count_column,
        [count_column, "_count"],
        lambda v: f"(stated, counted) {v} differ",
    )
