"""Checks that one column's constraints cannot express: keys and cross-table rules.

Every check returns issues located as frictionless locates them: frames carry a
`__row` column holding each record's row number (header = row 1).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

import polars as pl

from tidynews.dataset.schemas import foreign_keys, primary_key
from tidynews.errors import Issue
from tidynews.validation.fields import Field

try:  # the stdlib's own regex parser: see formula_free
    from re import _constants, _parser
except ImportError:  # Python 3.10 names them sre_*
    import sre_constants as _constants
    import sre_parse as _parser

ROW = "__row"
SPAN_TABLES = ("claims", "place_mentions", "figures")
SLICE_LIMIT = 20_000  # characters; see _child_span_issues
# The engine for queries on frames already in memory. polars 2 runs a lazy query on
# its streaming engine unless told otherwise, and that costs more here: a batch's
# span join took 11.5 ms streaming and 6.0 ms in memory.
IN_MEMORY = "in-memory"
_VALUE_CHARS = 80


def key_issues(table: str, frame: pl.DataFrame, schema: dict, frames: dict) -> list[Issue]:
    """Repeats of unique fields and primary keys, and foreign keys that resolve to no
    row, in one collect. A repeated primary key that is also `unique` gets both
    errors, as frictionless gives them; so does a key of nulls only (primary-key)."""
    queries, found = [], []
    rows = frame.lazy()
    pk = primary_key(schema)
    if pk and set(pk) <= set(frame.columns):
        # frictionless: a key of only nulls is an error, a partly null one a value
        key = pl.col(pk[0]) if len(pk) == 1 else pl.struct(pk)
        null_key = pl.all_horizontal(pl.col(pk).is_null())
        repeats = _candidates(rows, key, null_key).filter(null_key | ~key.is_first_distinct())
        queries.append(repeats.select(ROW, *pk))
        found.append(
            (
                0,
                "primary-key",
                ",".join(pk),
                pk,
                lambda v: f"primary key {v} is empty or repeats an earlier row",
            )
        )
    for spec in schema["fields"]:
        field = spec["name"]
        if spec.get("constraints", {}).get("unique") and field in frame.columns:
            if pk != [field]:  # else: the primary key's non-null repeats, found once
                column = pl.col(field)
                candidates = _candidates(rows, column, pl.lit(False))
                queries.append(
                    candidates.filter(column.is_not_null() & ~column.is_first_distinct()).select(
                        ROW, field
                    )
                )
            found.append(
                (
                    0 if pk == [field] else len(queries) - 1,
                    "unique-error",
                    field,
                    [field],
                    lambda v: f"{v} repeats an earlier row (unique)",
                )
            )
    for fields, ref_table, ref_fields in foreign_keys(schema):
        target = frame if ref_table == "" else frames.get(ref_table)
        if target is None or not set(fields) <= set(frame.columns):
            continue
        if not set(ref_fields) <= set(target.columns):
            # frictionless: a key referring to fields the table lacks matches no row
            target = pl.DataFrame(
                schema={r: frame.schema[f] for f, r in zip(fields, ref_fields, strict=True)}
            )
        # frictionless: a key of only nulls refers to nothing and is never checked; a
        # partly null one must match a referenced row null for null
        keys = target.lazy().select(
            [
                _comparable(pl.col(r), target.schema[r], frame.schema[f]).alias(f)
                for f, r in zip(fields, ref_fields, strict=True)
            ]
        )
        partly_null = len(fields) > 1  # only a composite key can be partly null
        if partly_null:
            keys = keys.filter(~pl.all_horizontal(pl.col(fields).is_null()))
        source = rows.filter(~pl.all_horizontal(pl.col(fields).is_null())).with_columns(
            _comparable(pl.col(f), frame.schema[f], target.schema[r])
            for f, r in zip(fields, ref_fields, strict=True)
            if frame.schema[f] != target.schema[r]
        )
        dangling = source.join(keys, on=fields, how="anti", nulls_equal=partly_null)
        queries.append(dangling.select(ROW, *fields).sort(ROW))
        name = ref_table or table
        found.append(
            (
                len(queries) - 1,
                "foreign-key",
                ",".join(fields),
                fields,
                lambda v, name=name: f"{v} is not a key of {name}",
            )
        )
    results = pl.collect_all(queries, engine=IN_MEMORY)
    issues = []
    for index, code, field, columns, message in found:
        result = results[index]
        if code == "unique-error":  # a null is never a repeat (it is for a primary key)
            result = result.filter(pl.col(field).is_not_null())
        issues += _issues(result, code, table, field, columns, message)
    return issues


def _candidates(rows: pl.LazyFrame, key: pl.Expr, keep: pl.Expr) -> pl.LazyFrame:
    """The rows whose key may repeat: those whose key's 64-bit hash repeats (equal keys
    hash alike, so no repeat is lost, and the rows keep their order), and `keep`.
    Finding repeats among hashes, then among these few keys, takes half the time of
    comparing a million text keys directly."""
    return rows.filter(key.hash().is_duplicated() | keep)


def _comparable(column: pl.Expr, dtype: pl.DataType, other: pl.DataType) -> pl.Expr:
    """A key column in a dtype it can be joined on with the column it refers to:
    numbers compare as numbers (1 == 1.0, as in Python), anything else as text."""
    if dtype == other:
        return column
    if dtype.is_numeric() and other.is_numeric():
        return column.cast(pl.Float64)
    return column.cast(pl.String)


# Tables whose texts other tables' spans point into: read first and kept whole.
PARENT_TABLES = ("articles", "comments")
# Columns table_issues reads from the other tables (beyond their keys).
TABLE_LEVEL_COLUMNS = {
    "place_mentions": {"place_id"},
    "places": {"place_id", "n_mentions"},
}


def row_issues(table: str, batch: pl.DataFrame, parents: pl.DataFrame | None) -> list[Issue]:
    """tidynews' rules that look at one row at a time (with its article or comment):
    spans, texts, fragment ids, spans inside their claim, hedges and figure bounds.
    `batch` may be any slice of the table; `parents` is span_parents() of the
    articles and comments read."""
    issues = []
    if table == "articles":
        issues += _span_shape_issues(table, batch)
        issues += _issues(
            batch.filter(pl.col("end") > pl.col("n_chars")),
            "span-outside-parent",
            table,
            "end",
            ["end"],
            lambda v: f"end {v} is past the document's n_chars",
        )
    elif table == "comments":
        issues += _span_shape_issues(table, batch) + _fragment_issues(table, batch, "comment_id")
    elif table in SPAN_TABLES and parents is not None:
        issues += _child_span_issues(table, batch, parents)
    if table in ("place_mentions", "figures"):
        issues += _inside_claim_issues(table, batch)
    if table == "claims":
        issues += _claim_issues(batch)
    if table == "figures":
        issues += _figure_issues(batch)
    return issues


def table_issues(frames: dict[str, pl.DataFrame]) -> list[Issue]:
    """tidynews' rules across rows: counts, and comment order and place. Reads only the
    kept columns."""
    issues = []
    articles = frames.get("articles")
    comments = frames.get("comments")
    if articles is not None and comments is not None:
        issues += _count_issues(
            "articles", articles, "article_id", "n_comments", comments, "article_id"
        )
        issues += _comment_issues(comments, articles)
    if "places" in frames and "place_mentions" in frames:
        issues += _count_issues(
            "places",
            frames["places"],
            "place_id",
            "n_mentions",
            frames["place_mentions"],
            "place_id",
        )
    return issues


def _comment_issues(comments: pl.DataFrame, articles: pl.DataFrame) -> list[Issue]:
    joined = comments.join(
        articles.select("article_id", pl.col("end").alias("_a_end"), pl.col("n_chars").alias("_n")),
        on="article_id",
        how="inner",
    )
    outside = joined.filter((pl.col("start") < pl.col("_a_end")) | (pl.col("end") > pl.col("_n")))
    issues = _issues(
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
    issues += _issues(
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
    issues += _issues(
        flagged.filter(pl.col("_wrong_article")).sort(ROW),
        "span-outside-parent",
        table,
        "comment_id",
        ["_p_key"],
        lambda v: f"comment {v} belongs to another article",
    )
    issues += _issues(
        flagged.filter(pl.col("_outside")).sort(ROW),
        "span-outside-parent",
        table,
        "start",
        ["start", "end"],
        lambda v: f"span {v} is outside its article body or comment",
    )
    issues += _issues(
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
    return _issues(
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
    return _issues(
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
    issues = _issues(
        order,
        "bound-order",
        "figures",
        "low",
        ["low", "value", "high"],
        lambda v: f"(low, value, high) {v} is not ordered low <= value <= high",
    )
    has = {name: pl.col(name).is_not_null() for name in ("value", "low", "high")}
    rules = {
        "exact": has["value"] & (low == value) & (high == value),
        "approx": has["value"] & ~has["low"] & ~has["high"],
        "more_than": has["value"] & (low == value) & ~has["high"],
        "at_least": has["value"] & (low == value) & ~has["high"],
        "less_than": has["value"] & (high == value) & ~has["low"],
        "at_most": has["value"] & (high == value) & ~has["low"],
        "range": ~has["value"] & has["low"] & has["high"],
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
    issues += _issues(
        bounds,
        "bound-mismatch",
        "figures",
        "qualifier",
        ["qualifier", "value", "low", "high"],
        lambda v: f"(qualifier, value, low, high) {v} break the bound rules of the qualifier",
    )
    dates = figures.filter(~date_ok)
    issues += _issues(
        dates,
        "bound-mismatch",
        "figures",
        "date",
        ["kind", "date"],
        lambda v: f"(kind, date) {v}: date is set exactly for kind=date",
    )
    return issues


def _span_shape_issues(table: str, frame: pl.DataFrame) -> list[Issue]:
    bad = frame.filter(
        (pl.col("end") < pl.col("start"))
        | (pl.col("text").str.len_chars() != pl.col("end") - pl.col("start"))
    )
    return _issues(
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
    return _issues(
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
    return _issues(
        bad,
        "count-mismatch",
        table,
        count_column,
        [count_column, "_count"],
        lambda v: f"(stated, counted) {v} differ",
    )


# What a spreadsheet may run as a formula if the cell were opened there (OWASP's CSV
# injection list): a cell that starts with = + - @ tab or CR and is not a number.
# "-2+3+cmd|' /C calc'!A0" starts like a number and is a formula all the same.
FORMULA_START_RE = r"^[=+\-@\t\r]"
# A number a spreadsheet reads as one: sign, digits (thousands may be grouped),
# decimals, exponent, percent, trailing spaces; a cell that is only this runs nothing.
NUMBER_RE = r"^[+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%? *$"
_FORMULA_START = re.compile(FORMULA_START_RE)
_NUMBER = re.compile(NUMBER_RE)
_FORMULA_STARTS = frozenset("=+@\t\r-")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet may run the cell `text` as a formula."""
    return bool(_FORMULA_START.match(text)) and not _NUMBER.match(text)


def formula_warnings(
    table: str, frame: pl.DataFrame, proven: Collection[str] = (), failed: Iterable[Issue] = ()
) -> list[Issue]:
    """Text cells a spreadsheet would run as formulas: kept verbatim (provenance holds),
    flagged as warnings for anyone who opens the CSV in Excel or LibreOffice.

    `proven`: columns whose constraints no formula meets (formula_free); of those,
    only the cells in `failed` (their constraint-errors) are looked at, which saves
    a regex over most id and enum columns."""
    texts = [
        c for c, dtype in frame.schema.items() if c not in (ROW, *proven) and dtype == pl.String
    ]
    # one pass over every text column (polars runs them in parallel), then the few
    # cells that start like a formula, of which numbers are not
    starts = pl.col(texts).str.contains(FORMULA_START_RE).sum()
    counts = frame.select(starts).row(0) if texts else ()
    issues = []
    for column, count in zip(texts, counts, strict=True):
        if not count:
            continue
        cells = pl.col(column)
        hits = frame.filter(cells.str.contains(FORMULA_START_RE) & ~cells.str.contains(NUMBER_RE))
        issues += _issues(
            hits,
            "spreadsheet-formula",
            table,
            column,
            [column],
            _formula_message,
            severity="warning",
        )
    cells = {
        (i.row, i.field): i.value
        for i in failed
        if i.field in proven and i.value is not None and is_formula(i.value)
    }
    for (row, column), value in cells.items():
        issues += _issues(
            pl.DataFrame({ROW: [row], column: [value]}),
            "spreadsheet-formula",
            table,
            column,
            [column],
            _formula_message,
            severity="warning",
        )
    return issues


def _formula_message(shown: str) -> str:
    return f"{shown} would run as a formula if opened in a spreadsheet"


def formula_free(field: Field) -> bool:
    """Whether the field's enum or pattern constraint rejects every formula (a fast text
    field only): each enum value is checked, and a pattern's possible first characters
    read from Python's parse of it. Anything the parse might read otherwise than
    polars' regex engine (flags, POSIX classes, class set operations), or a start
    that may be empty, is not proven."""
    if not field.fast or field.dtype != pl.String:
        return False
    enum = field.constraints.get("enum")
    if isinstance(enum, list) and all(isinstance(v, str) and not is_formula(v) for v in enum):
        return True
    pattern = field.constraints.get("pattern")
    if not isinstance(pattern, str) or any(t in pattern for t in ("(?", "[:", "&&", "--", "~~")):
        return False
    try:
        first = _first_characters(list(_parser.parse(pattern)))
    except (re.error, RecursionError):
        return False
    return first is not None and not any(
        low <= ord(c) <= high for low, high in first for c in _FORMULA_STARTS
    )


def _first_characters(items: list) -> list[tuple[int, int]] | None:
    """The code point ranges a match of the parsed items can start with; None when
    unknown or when the match may be empty."""
    for op, arg in items:
        if op is _constants.AT and arg in (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING):
            continue
        if op is _constants.LITERAL:
            return [(arg, arg)]
        if op is _constants.IN:
            ranges = []
            for kind, value in arg:
                if kind is _constants.LITERAL:
                    ranges.append((value, value))
                elif kind is _constants.RANGE:
                    ranges.append(value)
                else:  # NEGATE, CATEGORY (\d, \w...): not proven
                    return None
            return ranges
        if op is _constants.SUBPATTERN:
            return _first_characters(list(arg[-1]))
        if op is _constants.BRANCH:
            ranges = []
            for branch in arg[1]:
                found = _first_characters(list(branch))
                if found is None:
                    return None
                ranges += found
            return ranges
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
            return _first_characters(list(arg[2]))
        return None
    return None


def _issues(
    rows: pl.DataFrame,
    code: str,
    table: str,
    field: str,
    value_columns: list[str],
    message,
    severity: str = "error",
) -> list[Issue]:
    """One Issue per row of `rows`, its value formatted from `value_columns`."""
    out = []
    for record in rows.select(ROW, *value_columns).iter_rows():
        values = record[1:]
        shown = repr(values[0]) if len(values) == 1 else repr(tuple(values))
        if len(shown) > _VALUE_CHARS:
            shown = shown[: _VALUE_CHARS - 1] + "…"
        value = None if len(values) == 1 and values[0] is None else ",".join(str(v) for v in values)
        out.append(Issue(code, table, record[0], field, value, message(shown), severity))
    return out
